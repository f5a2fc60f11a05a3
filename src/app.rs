//! Orchestration of the subcommands. `main` turns the result into an exit code.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::baseline::{Baseline, GitleaksIgnore};
use crate::cli::{CheckArgs, Cli, ColorChoice, Command, PlanArgs, RulesArgs};
use crate::config::{self, Config, ConfigError};
use crate::discover::{self, Candidate, Coverage, SkipReason};
use crate::engine::{self, FileOutcome, RuleSelection};
use crate::finding::{Diagnostic, Finding, Severity, Suppression};
use crate::model::k8s;
use crate::model::terraform::TfFile;
use crate::render;
use crate::report::{self, Format, RenderOptions, Report};
use crate::rules::{FileContext, RuleMeta, il, registry};
use crate::source::{SourceFile, Span};

/// Exit codes (the contract documented in `--help` and README).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Clean = 0,
    Findings = 1,
    Error = 2,
}

/// Errors that end a run with exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Baseline(#[from] crate::baseline::BaselineError),
    #[error("{0}")]
    Usage(String),
    #[error("cannot write {path}: {source}")]
    Output {
        path: String,
        source: std::io::Error,
    },
}

/// Run a parsed command line.
///
/// # Errors
/// Usage, configuration and output errors (exit code 2).
pub fn run(cli: Cli) -> Result<Exit, AppError> {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Rules(args) => rules(&args),
        Command::Explain { rule } => explain(&rule),
        Command::Init { dir, force } => init(&dir, force),
        Command::Plan(args) => plan(&args),
        #[cfg(feature = "probe")]
        Command::Probe(args) => match crate::probe::run(&args) {
            Ok(true) => Ok(Exit::Clean),
            Ok(false) => Ok(Exit::Findings),
            Err(e) => Err(AppError::Usage(e.to_string())),
        },
    }
}

fn write_out(output: Option<&Path>, text: &str) -> Result<(), AppError> {
    match output {
        Some(p) => std::fs::write(p, text).map_err(|source| AppError::Output {
            path: p.display().to_string(),
            source,
        }),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                // `ironlaw check | head` is fine
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(source) => Err(AppError::Output {
                    path: "stdout".to_string(),
                    source,
                }),
            }
        }
    }
}

/// Stream a report to `--output` or stdout (buffered; a closed pipe is not an error).
fn write_report(
    output: Option<&Path>,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), AppError> {
    let result = match output {
        Some(p) => std::fs::File::create(p).and_then(|file| {
            let mut w = std::io::BufWriter::new(file);
            f(&mut w)?;
            w.flush()
        }),
        None => {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            f(&mut w).and_then(|()| w.flush())
        }
    };
    match result {
        Ok(()) => Ok(()),
        Err(e) if output.is_none() && e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(source) => Err(AppError::Output {
            path: output.map_or_else(|| "stdout".to_string(), |p| p.display().to_string()),
            source,
        }),
    }
}

/// Whether to colour text written to stdout.
fn use_color(choice: ColorChoice, no_color_flag: bool, to_file: bool) -> bool {
    let env = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if no_color_flag || choice == ColorChoice::Never {
        return false;
    }
    if choice == ColorChoice::Always {
        return true;
    }
    if env("NO_COLOR") {
        return false;
    }
    if env("FORCE_COLOR") || env("CLICOLOR_FORCE") {
        return true;
    }
    !to_file && std::io::stdout().is_terminal()
}

/// Configuration for a check run, merged from file and flags.
struct Settings {
    selection: RuleSelection,
    fail_on: Severity,
    discover: discover::Options,
    per_path: Vec<(globset::GlobMatcher, String, Vec<String>)>,
    /// `--render`: how to render charts and overlays.
    render: Option<render::Options>,
    /// `--history` / `--since`: read the git history for secrets.
    history: Option<crate::secrets::history::HistoryOptions>,
}

fn settings(args: &CheckArgs, first: &Path) -> Result<Settings, AppError> {
    let loaded = if args.no_config {
        config::Loaded::default()
    } else if let Some(p) = &args.config {
        config::load(p)?
    } else if let Some(p) = config::find(first) {
        config::load(&p)?
    } else {
        config::Loaded::default()
    };
    let Config {
        select,
        ignore,
        fail_on,
        exclude,
        max_file_size,
        severity,
        per_path_ignores,
        render: render_config,
    } = loaded.config;
    for s in args.select.iter().chain(&args.ignore) {
        config::check_rule_ref(s).map_err(AppError::Usage)?;
    }
    let selection = RuleSelection {
        select: if args.select.is_empty() {
            select
        } else {
            args.select.clone()
        },
        ignore: ignore
            .into_iter()
            .chain(args.ignore.iter().cloned())
            .collect(),
        severity: severity
            .into_iter()
            .filter_map(|(k, v)| registry().get(&k).map(|m| (m.id.to_string(), v)))
            .collect(),
        // the built-in detectors; a `.gitleaks.toml` loader sets `Some(Arc::new(scanner))`
        // here (built-ins plus the user's rules) and the whole run uses it
        scanner: None,
    };
    let mut selection = selection;
    let mut skip_commits = Vec::new();
    if let Some(g) = gitleaks_config(args, first)? {
        for w in &g.warnings {
            eprintln!("ironlaw: warning: {w}");
        }
        skip_commits = g.commits;
        selection.scanner = Some(Arc::new(g.scanner));
    }
    let history =
        (args.history || args.since.is_some()).then(|| crate::secrets::history::HistoryOptions {
            since: args.since.clone(),
            skip_commits,
            progress: true,
        });
    let max = match &args.max_file_size {
        Some(s) => Some(
            config::parse_size(s)
                .ok_or_else(|| AppError::Usage(format!("--max-file-size: `{s}` is not a size")))?,
        ),
        None => max_file_size.and_then(|s| s.bytes()),
    };
    let mut per_path = Vec::new();
    for (glob, ids) in per_path_ignores {
        let m = globset::Glob::new(&glob)
            .map_err(|e| AppError::Usage(format!("per-path-ignores: {e}")))?
            .compile_matcher();
        per_path.push((m, glob, ids));
    }
    let render = if args.render {
        let timeout = match args
            .render_timeout
            .as_ref()
            .or(render_config.timeout.as_ref())
        {
            Some(t) => render::parse_duration(t)
                .map_err(|e| AppError::Usage(format!("render timeout: {e}")))?,
            None => render::Options::default().timeout,
        };
        Some(render::Options {
            timeout,
            helm_values: render_config.helm_values,
        })
    } else {
        None
    };
    Ok(Settings {
        history,
        render,
        selection,
        fail_on: args.fail_on.or(fail_on).unwrap_or(Severity::High),
        discover: discover::Options {
            max_file_size: max.unwrap_or(5 * 1024 * 1024),
            exclude,
            threads: args.jobs.unwrap_or(0),
        },
        per_path,
    })
}

/// Everything a check produced, before rendering.
pub struct CheckResult {
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Finding>,
    pub coverage: Coverage,
    pub sources: BTreeMap<String, String>,
}

/// Read and check one candidate: the outcome, the text to keep for code frames (its secrets
/// masked), and why the file was not checked (if it was not).
fn check_candidate(
    c: &Candidate,
    dockerignores: Option<&Arc<BTreeSet<String>>>,
    selection: &RuleSelection,
    max_file_size: u64,
) -> CandidateResult {
    let Some(kind) = c.kind else {
        return check_unclassified(c, selection, max_file_size);
    };
    let ctx = FileContext {
        path: c.rel.clone(),
        has_dockerignore: c.has_dockerignore,
        dockerignores: dockerignores.cloned(),
    };
    if kind == discover::ArtifactKind::TerraformState {
        // the state file's presence is the finding; its content (never parsed) is read for
        // the secrets scan only, and never printed unmasked
        let text = (c.path.is_file() && c.size <= max_file_size && selection.secrets_enabled())
            .then(|| std::fs::read(&c.path).ok())
            .flatten()
            .filter(|b| !discover::looks_binary(b))
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let scanned = !text.is_empty();
        let file = SourceFile::new(c.rel.clone(), text);
        let outcome = engine::check_file(&file, kind, &ctx, selection);
        let file = engine::masked_file(&file, &outcome.secrets);
        return (outcome, Some(file), None, scanned);
    }
    let bytes = match std::fs::read(&c.path) {
        Ok(b) => b,
        Err(e) => {
            return (
                il_outcome(&c.rel, &format!("cannot read file: {e}"), selection),
                None,
                Some(SkipReason::Unreadable),
                false,
            );
        }
    };
    if bytes.contains(&0) {
        return (
            il_outcome(
                &c.rel,
                "file contains NUL bytes (binary?); not checked",
                selection,
            ),
            None,
            Some(SkipReason::Binary),
            false,
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let mut outcome = il_outcome(
                &c.rel,
                &format!("file is not valid UTF-8 (invalid byte at offset {at}); not checked"),
                selection,
            );
            // not checked as its kind, but still scanned for secrets (as text of no kind)
            let (secrets, keep, scanned) =
                engine::check_unclassified(&c.rel, Some(e.as_bytes()), selection);
            outcome.findings.extend(secrets.findings);
            outcome.suppressed.extend(secrets.suppressed);
            outcome.secrets = secrets.secrets;
            outcome.redactions = secrets.redactions;
            return (outcome, keep, Some(SkipReason::Unreadable), scanned);
        }
    };
    let file = SourceFile::new(c.rel.clone(), text);
    let outcome = engine::check_file(&file, kind, &ctx, selection);
    let keep = (!outcome.findings.is_empty()
        || !outcome.suppressed.is_empty()
        || !outcome.k8s_objects.is_empty()
        || outcome.terraform.is_some()
        || c.kind == Some(discover::ArtifactKind::GitlabCi))
    .then(|| engine::masked_file(&file, &outcome.secrets));
    (outcome, keep, None, true)
}

/// What checking one candidate gave: the outcome, the file to keep (masked), why it was not
/// checked, and whether its content was scanned for secrets.
type CandidateResult = (FileOutcome, Option<SourceFile>, Option<SkipReason>, bool);

/// A file of no artifact kind: checked for secrets only, read only when it may be text.
fn check_unclassified(c: &Candidate, selection: &RuleSelection, max: u64) -> CandidateResult {
    if !selection.secrets_enabled() {
        return (FileOutcome::default(), None, None, false);
    }
    let bytes = if discover::secrets_by_name_only(&c.rel, c.size, max) {
        None
    } else {
        // an unreadable file of no artifact kind is checked by name only
        std::fs::read(&c.path).ok()
    };
    let (outcome, keep, scanned) = engine::check_unclassified(&c.rel, bytes.as_deref(), selection);
    (outcome, keep, None, scanned)
}

fn il_outcome(path: &str, message: &str, selection: &RuleSelection) -> FileOutcome {
    let meta: &'static RuleMeta = &il::UNREADABLE_FILE;
    let mut out = FileOutcome::default();
    if selection.enabled(meta) {
        let d = Diagnostic::new(meta, Span::at(0), message).anchor(meta.id);
        let empty = SourceFile::new(path, String::new());
        out.findings
            .push(Finding::place(&empty, d, selection.severity_of(meta)));
    }
    out
}

/// Discover and check `paths`.
///
/// # Errors
/// Invalid exclude globs.
fn run_check(paths: &[PathBuf], s: &Settings) -> Result<CheckResult, AppError> {
    let mut coverage = Coverage::default();
    let mut candidates = Vec::new();
    let mut dockerignores = BTreeSet::new();
    // the set is known only when every root is a walked directory
    let mut walked_all = true;
    let mut render_targets = Vec::new();
    let multi = paths.len() > 1;
    for root in paths {
        if !root.exists() {
            return Err(AppError::Usage(format!(
                "{}: no such file or directory",
                root.display()
            )));
        }
        let mut d = discover::discover(root, &s.discover)
            .map_err(|e| AppError::Usage(format!("exclude: {e}")))?;
        link_gitlab_includes(&mut d, &s.discover);
        if s.render.is_some() && !root.is_file() {
            let prefix = if multi {
                format!("{}/", root.display().to_string().trim_end_matches('/'))
            } else {
                String::new()
            };
            for t in render::targets(root, &d.charts, &d.kustomizations) {
                render_targets.push((root.clone(), prefix.clone(), t));
            }
        }
        if multi && !root.is_file() {
            let prefix = root.display().to_string();
            let prefix = prefix.trim_end_matches('/');
            let join = |p: &str| {
                if root.is_file() {
                    prefix.to_string()
                } else {
                    format!("{prefix}/{p}")
                }
            };
            for c in &mut d.candidates {
                c.rel = join(&c.rel);
            }
            for sk in &mut d.skipped {
                sk.path = join(&sk.path);
            }
            d.dockerignores = d.dockerignores.iter().map(|p| join(p)).collect();
        }
        walked_all &= !root.is_file();
        dockerignores.append(&mut d.dockerignores);
        coverage.files_walked += d.files_walked;
        coverage.skipped.extend(d.skipped);
        candidates.extend(d.candidates);
    }
    // `.gitleaksignore` at each scanned directory: (path prefix of its findings, entries)
    let gitleaks_ignores: Vec<(String, GitleaksIgnore)> = paths
        .iter()
        .filter(|root| root.is_dir())
        .filter_map(|root| {
            let prefix = if multi {
                format!("{}/", root.display().to_string().trim_end_matches('/'))
            } else {
                String::new()
            };
            GitleaksIgnore::load(root).map(|g| (prefix, g))
        })
        .collect();
    candidates.sort_by(|a, b| a.rel.cmp(&b.rel));
    candidates.dedup_by(|a, b| a.rel == b.rel);
    // files found but not checked (too large, binary…) count as found and skipped;
    // files excluded by config are not part of the scan at all
    for sk in &coverage.skipped {
        if let (Some(k), true) = (sk.kind, sk.reason != SkipReason::Excluded) {
            let cov = coverage.kinds.entry(k).or_default();
            cov.found += 1;
            cov.skipped += 1;
        }
    }
    let dockerignores = walked_all.then(|| Arc::new(dockerignores));
    let progress = progress_bar(candidates.len());
    let results: Vec<_> = candidates
        .par_iter()
        .map(|c| {
            let r = (
                c,
                check_candidate(
                    c,
                    dockerignores.as_ref(),
                    &s.selection,
                    s.discover.max_file_size,
                ),
            );
            if let Some(p) = &progress {
                p.inc(1);
            }
            r
        })
        .collect();
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let mut findings = Vec::new();
    let mut suppressed = Vec::new();
    let mut sources = BTreeMap::new();
    // files with Kubernetes objects, for the surface pass
    let mut surface: Vec<(SourceFile, Vec<k8s::Object>)> = Vec::new();
    let mut outcomes = Vec::new();
    // Terraform files, for the module pass
    let mut terraform: Vec<(SourceFile, TfFile)> = Vec::new();
    // GitLab CI files, for the pipeline pass over local includes
    let mut gitlab: Vec<SourceFile> = Vec::new();
    // secrets of every file, for findings placed in them by the surface and module passes
    let mut redactions: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (c, (mut outcome, file, not_checked, scanned)) in results {
        if c.kind == Some(discover::ArtifactKind::GitlabCi)
            && let Some(f) = &file
        {
            gitlab.push(f.clone());
        }
        if scanned {
            coverage.secrets.scanned += 1;
        } else if c.kind.is_none() && s.selection.secrets_enabled() {
            coverage.secrets.by_name_only += 1;
        }
        if !outcome.redactions.is_empty() {
            redactions.insert(c.rel.clone(), std::mem::take(&mut outcome.redactions));
        }
        let objects = std::mem::take(&mut outcome.k8s_objects);
        let (file, tf_text) = keep_terraform(file, &mut outcome, &mut terraform);
        let text = tf_text.or(match file {
            Some(f) if !objects.is_empty() => {
                let text = (!outcome.findings.is_empty() || !outcome.suppressed.is_empty())
                    .then(|| f.text.clone());
                surface.push((f, objects));
                text
            }
            Some(f) => Some(f.text),
            None => None,
        });
        outcomes.push((c.rel.clone(), Some((c, not_checked)), outcome, text));
    }
    if !terraform.is_empty() && engine::terraform_modules_enabled(&s.selection) {
        let files: Vec<(&SourceFile, &TfFile)> = terraform.iter().map(|(f, t)| (f, t)).collect();
        for (path, outcome) in engine::check_terraform(&files, &s.selection) {
            let text = files
                .iter()
                .find(|(f, _)| f.path == path)
                .map(|(f, _)| f.text.clone());
            outcomes.push((path, None, outcome, text));
        }
    }
    if gitlab.len() > 1 && engine::gitlab_pipelines_enabled(&s.selection) {
        let files: Vec<&SourceFile> = gitlab.iter().collect();
        for (path, outcome) in engine::check_gitlab_pipelines(&files, &s.selection) {
            let text = files
                .iter()
                .find(|f| f.path == path)
                .map(|f| f.text.clone());
            outcomes.push((path, None, outcome, text));
        }
    }
    // rendered charts and overlays: checked as virtual files, remapped to their sources
    let mut remaps: BTreeMap<String, Remap> = BTreeMap::new();
    let mut rendered_outcomes: Vec<(String, FileOutcome)> = Vec::new();
    if let Some(ropts) = &s.render {
        let done: Vec<_> = render_targets
            .par_iter()
            .map(|(root, prefix, t)| (root, prefix, render::render(root, t, ropts)))
            .collect();
        let mut pass = RenderPass::default();
        for (root, prefix, r) in done {
            pass.add(root, prefix, r, &candidates, &s.selection, &mut coverage);
        }
        for (path, outcome, text) in pass.failures {
            outcomes.push((path, None, outcome, text));
        }
        surface.extend(pass.surface);
        remaps = pass.remaps;
        rendered_outcomes = pass.outcomes;
    }
    if !surface.is_empty() && engine::surface_enabled(&s.selection) {
        let files: Vec<(&SourceFile, &[k8s::Object])> =
            surface.iter().map(|(f, o)| (f, o.as_slice())).collect();
        for (path, outcome) in engine::check_surface(&files, &s.selection) {
            if remaps.contains_key(&path) {
                rendered_outcomes.push((path, outcome));
                continue;
            }
            let text = files
                .iter()
                .find(|(f, _)| f.path == path)
                .map(|(f, _)| f.text.clone());
            outcomes.push((path, None, outcome, text));
        }
    }
    for (rel, candidate, mut outcome, text) in outcomes {
        if let Some(r) = redactions.get(&rel) {
            engine::redact_findings(&mut outcome.findings, r);
            engine::redact_findings(&mut outcome.suppressed, r);
        }
        if let Some(t) = text {
            // per-file texts are masked already; texts of later passes are masked here
            let t = if candidate.is_some() {
                t
            } else {
                engine::mask_detected(&rel, &t, &s.selection)
            };
            sources.insert(rel, t);
        }
        let Some((c, not_checked)) = candidate else {
            // surface findings: the file was counted by the per-file pass
            route(&s.per_path, outcome, &mut findings, &mut suppressed);
            continue;
        };
        let Some(kind) = c.kind else {
            // a file of no artifact kind (secrets only): counted by the secrets coverage
            route(&s.per_path, outcome, &mut findings, &mut suppressed);
            continue;
        };
        let cov = coverage.kinds.entry(kind).or_default();
        cov.found += 1;
        if let Some(reason) = not_checked {
            cov.skipped += 1;
            coverage.skipped.push(discover::Skipped {
                path: c.rel.clone(),
                kind: Some(kind),
                reason,
                detail: outcome
                    .findings
                    .first()
                    .map(|f| f.message.clone())
                    .unwrap_or_default(),
            });
        } else if outcome.parsed {
            cov.parsed += 1;
        } else {
            cov.parse_errors += 1;
        }
        route(&s.per_path, outcome, &mut findings, &mut suppressed);
    }
    if !rendered_outcomes.is_empty() {
        let mut seen: BTreeSet<(&'static str, String, usize, usize)> = findings
            .iter()
            .chain(&suppressed)
            .map(|f: &Finding| (f.rule.id, f.path.clone(), f.start.line, f.start.column))
            .collect();
        for (vpath, outcome) in rendered_outcomes {
            let Some(remap) = remaps.get(&vpath) else {
                continue;
            };
            let mut outcome = remap.apply(outcome, &s.selection);
            for list in [&mut outcome.findings, &mut outcome.suppressed] {
                list.retain(|f| {
                    seen.insert((f.rule.id, f.path.clone(), f.start.line, f.start.column))
                });
            }
            for file in std::iter::once(&remap.source).chain(remap.fallback.as_ref().map(|f| &f.0))
            {
                if outcome.findings.iter().any(|f| f.path == file.path) {
                    sources.entry(file.path.clone()).or_insert_with(|| {
                        engine::mask_detected(&file.path, &file.text, &s.selection)
                    });
                }
            }
            route(&s.per_path, outcome, &mut findings, &mut suppressed);
        }
    }
    for (kind, _) in coverage.kinds.clone() {
        coverage.kinds.entry(kind).or_default();
    }
    coverage.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(h) = &s.history {
        let found = history_pass(paths, h, s, &findings, &suppressed, &gitleaks_ignores)?;
        coverage.history = Some(found.coverage);
        for (path, text) in found.sources {
            sources.entry(path).or_insert(text);
        }
        // `per-path-ignores` apply to history findings like to any other
        let outcome = FileOutcome {
            findings: found.findings,
            suppressed: found.suppressed,
            ..FileOutcome::default()
        };
        route(&s.per_path, outcome, &mut findings, &mut suppressed);
    }
    apply_gitleaks_ignores(&gitleaks_ignores, &mut findings, &mut suppressed);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    suppressed.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(CheckResult {
        findings,
        suppressed,
        coverage,
        sources,
    })
}

/// Where the objects of the scanned manifests are: (kind, name) → (path, line of the
/// object's first line, 0-based). Used to find the source of a rendered Kustomize document.
struct ObjectIndex {
    by_kind: BTreeMap<String, Vec<(String, String, usize)>>,
}

impl ObjectIndex {
    /// Index the Kubernetes manifests among `candidates` that sit directly in one of `dirs`
    /// (relative to `root`, without the multi-root `prefix`).
    fn new(root: &Path, prefix: &str, candidates: &[Candidate], dirs: &[String]) -> Self {
        let mut by_kind: BTreeMap<String, Vec<(String, String, usize)>> = BTreeMap::new();
        for c in candidates {
            let rel = c.rel.strip_prefix(prefix).unwrap_or(&c.rel);
            let dir = rel.rsplit_once('/').map_or(".", |(d, _)| d);
            if c.kind != Some(discover::ArtifactKind::Kubernetes) || !dirs.iter().any(|d| d == dir)
            {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(root.join(rel)) else {
                continue;
            };
            let file = SourceFile::new(c.rel.clone(), text);
            let yaml = crate::parse::yaml::parse(&file.text);
            for o in k8s::objects(&yaml) {
                if let Some(name) = o.name {
                    let line = file.position(o.node.span.start).line.saturating_sub(1);
                    by_kind
                        .entry(o.kind)
                        .or_default()
                        .push((c.rel.clone(), name, line));
                }
            }
        }
        Self { by_kind }
    }

    /// The manifest that most likely defines a rendered object: same kind, a file under one
    /// of `dirs`, and the longest name that the rendered name contains (Kustomize adds
    /// prefixes and suffixes).
    fn find(&self, kind: &str, name: &str) -> Option<(&str, usize)> {
        self.by_kind
            .get(kind)?
            .iter()
            .filter(|(_, n, _)| name.contains(n.as_str()))
            .max_by_key(|(_, n, _)| n.len())
            .map(|(p, _, l)| (p.as_str(), *l))
    }
}

/// How to move findings from a rendered virtual file back to its source.
struct Remap {
    /// The rendered text the findings point into.
    rendered: SourceFile,
    /// The source file (template, base manifest or the chart/kustomization file).
    source: SourceFile,
    /// Rendered line (0-based) → source line (0-based), and whether the line is there.
    lines: Vec<(usize, bool)>,
    /// Where findings on lines the source does not have go (a kustomization's `patches`).
    fallback: Option<(SourceFile, usize)>,
    /// `helm template charts/web`, for messages.
    label: String,
}

impl Remap {
    /// Point the findings at the source file, then apply the source's own suppression
    /// comments (Kustomize drops comments from its output).
    fn apply(&self, outcome: FileOutcome, selection: &RuleSelection) -> FileOutcome {
        let move_one = |mut f: Finding| {
            let rline = f.start.line.saturating_sub(1);
            let (sline, present) = self
                .lines
                .get(rline)
                .or(self.lines.last())
                .copied()
                .unwrap_or((0, false));
            let (source, sline) = match &self.fallback {
                Some((file, line)) if !present => (file, *line),
                _ => (&self.source, sline),
            };
            let snippet = self
                .rendered
                .slice(f.span)
                .lines()
                .next()
                .unwrap_or("")
                .trim();
            let start = source.lines.line_start(sline + 1);
            let text = source.line_text(sline + 1);
            let span = match text.find(snippet).filter(|_| !snippet.is_empty()) {
                Some(i) => Span::new(start + i, start + i + snippet.len()),
                None => {
                    let lead = text.len() - text.trim_start().len();
                    Span::new(start + lead, start + text.trim_end().len())
                }
            };
            f.path.clone_from(&source.path);
            f.span = span;
            f.start = source.position(span.start);
            f.end = source.position(span.end);
            f.message = format!("{} (rendered by `{}`)", f.message, self.label);
            f
        };
        let mut kept = Vec::new();
        let mut suppressed: Vec<Finding> = outcome.suppressed.into_iter().map(move_one).collect();
        // each destination file's own suppression comments apply
        let mut by_file: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
        for f in outcome.findings.into_iter().map(move_one) {
            by_file.entry(f.path.clone()).or_default().push(f);
        }
        for (path, findings) in by_file {
            let file = match &self.fallback {
                Some((fb, _)) if fb.path == path => fb,
                _ => &self.source,
            };
            let sups = crate::source::suppress::scan(file, &[]);
            let (k, s, _) = sups.apply_surface(file, findings, selection);
            kept.extend(k);
            suppressed.extend(s);
        }
        FileOutcome {
            findings: kept,
            suppressed,
            ..FileOutcome::default()
        }
    }
}

/// What rendering added to a scan.
#[derive(Default)]
struct RenderPass {
    remaps: BTreeMap<String, Remap>,
    /// Per-file outcomes of rendered virtual files (remapped later, with surface ones).
    outcomes: Vec<(String, FileOutcome)>,
    /// Rendered objects for the cross-object pass.
    surface: Vec<(SourceFile, Vec<k8s::Object>)>,
    /// `IL006` outcomes: (path, outcome, text of the file).
    failures: Vec<(String, FileOutcome, Option<String>)>,
}

impl RenderPass {
    fn add(
        &mut self,
        root: &Path,
        prefix: &str,
        r: render::Rendered,
        candidates: &[Candidate],
        selection: &RuleSelection,
        coverage: &mut Coverage,
    ) {
        let manifest_path = format!("{prefix}{}", r.target.manifest);
        let manifest_text =
            std::fs::read_to_string(root.join(&r.target.manifest)).unwrap_or_default();
        let chunks = match r.result {
            Ok(chunks) => chunks,
            Err(reason) => {
                coverage.rendered.push(discover::RenderRecord {
                    tool: r.target.tool.as_str(),
                    dir: format!("{prefix}{}", r.target.dir),
                    command: r.command.clone(),
                    ok: false,
                    detail: reason.clone(),
                    documents: 0,
                    millis: r.elapsed.as_millis(),
                });
                let meta: &'static RuleMeta = &il::RENDER_FAILED;
                let mut out = FileOutcome::default();
                if selection.enabled(meta) {
                    let file = SourceFile::new(manifest_path.clone(), manifest_text.clone());
                    let what = match r.target.tool {
                        render::Tool::Helm => "chart",
                        render::Tool::Kustomize => "kustomization",
                    };
                    let d = Diagnostic::new(
                        meta,
                        Span::at(0),
                        format!(
                            "{what} `{}` was not rendered, so it was not checked: `{}` {reason}",
                            r.target.dir, r.command
                        ),
                    )
                    .anchor(meta.id);
                    out.findings
                        .push(Finding::place(&file, d, selection.severity_of(meta)));
                }
                self.failures
                    .push((manifest_path, out, Some(manifest_text)));
                return;
            }
        };
        let documents = chunks.iter().map(|c| c.docs.len()).sum();
        coverage.rendered.push(discover::RenderRecord {
            tool: r.target.tool.as_str(),
            dir: format!("{prefix}{}", r.target.dir),
            command: r.command.clone(),
            ok: true,
            detail: String::new(),
            documents,
            millis: r.elapsed.as_millis(),
        });
        // the chart's templates are covered now
        if r.target.tool == render::Tool::Helm {
            let under = format!("{prefix}{}/", r.target.dir);
            coverage.skipped.retain(|sk| {
                let drop = sk.reason == SkipReason::HelmTemplate
                    && (sk.path.starts_with(&under) || r.target.dir == ".");
                if drop {
                    if let Some(k) = sk
                        .kind
                        .and_then(|k| coverage_kinds_get(&mut coverage.kinds, k))
                    {
                        k.found -= 1;
                        k.skipped -= 1;
                    }
                }
                !drop
            });
        }
        let index = match r.target.tool {
            render::Tool::Kustomize => {
                let dirs = render::closure(root, &r.target.dir);
                ObjectIndex::new(root, prefix, candidates, &dirs)
            }
            render::Tool::Helm => ObjectIndex {
                by_kind: BTreeMap::new(),
            },
        };
        for (n, chunk) in chunks.into_iter().enumerate() {
            // the source file and where in it the rendered text starts
            let (source_path, start) = match (&chunk.source, r.target.tool) {
                (Some(src), _) if root.join(src).is_file() => (format!("{prefix}{src}"), 0),
                (_, render::Tool::Kustomize) => chunk
                    .docs
                    .first()
                    .and_then(|(_, id)| id.as_ref())
                    .and_then(|(kind, name)| index.find(kind, name))
                    .map_or((manifest_path.clone(), 0), |(p, l)| (p.to_string(), l)),
                _ => (manifest_path.clone(), 0),
            };
            let rel_source = source_path.strip_prefix(prefix).unwrap_or(&source_path);
            let source_text = if source_path == manifest_path {
                manifest_text.clone()
            } else {
                std::fs::read_to_string(root.join(rel_source)).unwrap_or_default()
            };
            let lines = render::line_map(&chunk.text, &source_text, start);
            let vpath = format!("{source_path}\u{1}{}\u{1}{n}", r.target.dir);
            let rendered = SourceFile::new(vpath.clone(), chunk.text);
            let ctx = FileContext {
                path: vpath.clone(),
                has_dockerignore: true,
                dockerignores: None,
            };
            let mut outcome = engine::check_file(
                &rendered,
                discover::ArtifactKind::Kubernetes,
                &ctx,
                selection,
            );
            let objects = std::mem::take(&mut outcome.k8s_objects);
            if !objects.is_empty() {
                self.surface.push((rendered.clone(), objects));
            }
            self.outcomes.push((vpath.clone(), outcome));
            let fallback = (r.target.tool == render::Tool::Kustomize
                && source_path != manifest_path)
                .then(|| {
                    let line = render::patches_line(&manifest_text);
                    (
                        SourceFile::new(manifest_path.clone(), manifest_text.clone()),
                        line,
                    )
                });
            self.remaps.insert(
                vpath,
                Remap {
                    rendered,
                    source: SourceFile::new(source_path, source_text),
                    lines,
                    fallback,
                    label: r.command.clone(),
                },
            );
        }
    }
}

fn coverage_kinds_get(
    kinds: &mut BTreeMap<discover::ArtifactKind, discover::KindCoverage>,
    k: discover::ArtifactKind,
) -> Option<&mut discover::KindCoverage> {
    kinds.get_mut(&k).filter(|c| c.found > 0 && c.skipped > 0)
}

/// Add an outcome's findings to the report, applying per-path ignores.
fn route(
    per_path: &[(globset::GlobMatcher, String, Vec<String>)],
    outcome: FileOutcome,
    findings: &mut Vec<Finding>,
    suppressed: &mut Vec<Finding>,
) {
    for mut f in outcome.findings {
        match per_path_ignore(per_path, &f) {
            Some(glob) => {
                f.suppressed = Some(Suppression {
                    kind: "config",
                    source: format!("per-path-ignores \"{glob}\""),
                    reason: None,
                });
                suppressed.push(f);
            }
            None => findings.push(f),
        }
    }
    suppressed.extend(outcome.suppressed);
}

/// The gitleaks configuration of the scan: `--gitleaks-config`, else `$GITLEAKS_CONFIG`, else
/// `.gitleaks.toml` in the (first) scanned directory.
fn gitleaks_config(
    args: &CheckArgs,
    first: &Path,
) -> Result<Option<crate::secrets::gitleaks::GitleaksConfig>, AppError> {
    use crate::secrets::gitleaks::{self, GitleaksConfig};
    let path = match &args.gitleaks_config {
        Some(p) => Some(p.clone()),
        None => std::env::var_os("GITLEAKS_CONFIG")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                let dir = if first.is_dir() {
                    first
                } else {
                    first.parent().unwrap_or(Path::new("."))
                };
                gitleaks::find(dir)
            }),
    };
    let Some(path) = path else {
        return Ok(None);
    };
    GitleaksConfig::load(&path)
        .map(Some)
        .map_err(|e| AppError::Usage(e.to_string()))
}

/// What the history pass found.
struct HistoryFound {
    findings: Vec<Finding>,
    suppressed: Vec<Finding>,
    /// Masked text of each change with findings, for code frames (path → text).
    sources: Vec<(String, String)>,
    coverage: discover::HistoryCoverage,
}

/// `--history`: scan the git history of every scanned directory, and report the secrets the
/// working-tree scan did not already report (same rule, path and secret), each at the commit
/// that added it. Paths the configuration excludes are left out of history too.
fn history_pass(
    paths: &[PathBuf],
    opts: &crate::secrets::history::HistoryOptions,
    s: &Settings,
    tree: &[Finding],
    tree_suppressed: &[Finding],
    ignores: &[(String, GitleaksIgnore)],
) -> Result<HistoryFound, AppError> {
    let known: BTreeSet<(&str, &str, &str)> = tree
        .iter()
        .chain(tree_suppressed)
        .map(|f| (f.rule.id, f.path.as_str(), f.fingerprint.as_str()))
        .collect();
    let selection = &s.selection;
    let exclude = discover::globs(&s.discover.exclude)
        .map_err(|e| AppError::Usage(format!("exclude: {e}")))?;
    let multi = paths.len() > 1;
    let mut out = HistoryFound {
        findings: Vec::new(),
        suppressed: Vec::new(),
        sources: Vec::new(),
        coverage: discover::HistoryCoverage::default(),
    };
    for root in paths.iter().filter(|p| p.is_dir()) {
        let scan = crate::secrets::history::scan(root, opts, selection.scanner())
            .map_err(|e| AppError::Usage(format!("--history: {e}")))?;
        out.coverage.commits += scan.commits;
        out.coverage.changes += scan.changes;
        out.coverage.bytes += scan.bytes;
        let prefix = if multi {
            format!("{}/", root.display().to_string().trim_end_matches('/'))
        } else {
            String::new()
        };
        // paths in git are relative to the repository's top level; the scan may start below it
        let below = git_prefix(root);
        for h in scan.findings {
            let Some(rel) = h.path.strip_prefix(below.as_str()) else {
                continue;
            };
            if exclude.is_match(rel) {
                continue;
            }
            let path = format!("{prefix}{rel}");
            let short: String = h.commit.chars().take(12).collect();
            let day = h.date.get(..10).unwrap_or(&h.date);
            let extra = format!("in git history: added in commit {short} on {day}");
            let (kept, sup) =
                engine::secret_findings(&path, &h.text, &h.hits, Some(&extra), selection);
            let mut any = false;
            for mut f in kept {
                if known.contains(&(f.rule.id, f.path.as_str(), f.fingerprint.as_str())) {
                    continue; // still in the working tree: reported there
                }
                let ignored = ignores.iter().find_map(|(p, g)| {
                    let rel = f.path.strip_prefix(p.as_str())?;
                    g.matches(&f, rel, Some(&h.commit)).map(str::to_string)
                });
                if let Some(entry) = ignored {
                    f.suppressed = Some(Suppression {
                        kind: "config",
                        source: format!(".gitleaksignore \"{entry}\""),
                        reason: None,
                    });
                    out.suppressed.push(f);
                    continue;
                }
                out.coverage.only_in_history += 1;
                any = true;
                out.findings.push(f);
            }
            out.suppressed.extend(sup.into_iter().filter(|f| {
                !known.contains(&(f.rule.id, f.path.as_str(), f.fingerprint.as_str()))
            }));
            if any {
                let secrets: Vec<_> = h.hits.iter().map(|x| x.secret.clone()).collect();
                out.sources.push((path, engine::mask(&h.text, &secrets)));
            }
        }
    }
    Ok(out)
}

/// Where `root` sits inside its git work tree (`services/api/`), empty at the top level.
fn git_prefix(root: &Path) -> String {
    std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--show-prefix"])
        .stdin(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// Move the secrets findings that a `.gitleaksignore` lists to `suppressed`.
fn apply_gitleaks_ignores(
    ignores: &[(String, GitleaksIgnore)],
    findings: &mut Vec<Finding>,
    suppressed: &mut Vec<Finding>,
) {
    if ignores.is_empty() {
        return;
    }
    let mut kept = Vec::with_capacity(findings.len());
    for mut f in std::mem::take(findings) {
        let hit = ignores.iter().find_map(|(prefix, g)| {
            let path = f.path.strip_prefix(prefix.as_str())?;
            g.matches(&f, path, None).map(str::to_string)
        });
        match hit {
            Some(entry) => {
                f.suppressed = Some(Suppression {
                    kind: "config",
                    source: format!(".gitleaksignore \"{entry}\""),
                    reason: None,
                });
                suppressed.push(f);
            }
            None => kept.push(f),
        }
    }
    *findings = kept;
}

/// For a single scanned directory other than `.`, the prefix that makes root-relative paths
/// relative to the working directory (`services/`).
fn workspace_prefix(paths: &[PathBuf]) -> String {
    match paths {
        [one] if one.is_dir() => {
            let s = one.to_string_lossy().replace('\\', "/");
            let s = s.trim_start_matches("./").trim_end_matches('/');
            if s.is_empty() || s == "." {
                String::new()
            } else {
                format!("{s}/")
            }
        }
        _ => String::new(),
    }
}

/// A progress bar on stderr for long scans on a terminal (never on pipes or in CI logs).
fn progress_bar(total: usize) -> Option<indicatif::ProgressBar> {
    const MIN_FILES: usize = 2000;
    if total < MIN_FILES || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} checking {pos}/{len} files {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

/// Check one file read from standard input (editor integrations, `git show … | ironlaw check -`).
fn run_stdin(name: &str, s: &Settings) -> Result<CheckResult, AppError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| AppError::Usage(format!("cannot read standard input: {e}")))?;
    // whatever its name, standard input is checked as a Dockerfile (the only kind so far)
    let kind = discover::classify(name, &bytes).unwrap_or(discover::ArtifactKind::Dockerfile);
    let mut coverage = Coverage {
        files_walked: 1,
        ..Coverage::default()
    };
    let cov = coverage.kinds.entry(kind).or_default();
    cov.found = 1;
    let mut sources = BTreeMap::new();
    let outcome = match String::from_utf8(bytes) {
        Ok(text) => {
            let file = SourceFile::new(name, text);
            let ctx = FileContext {
                path: name.to_string(),
                has_dockerignore: true,
                dockerignores: None,
            };
            let mut outcome = engine::check_file(&file, kind, &ctx, &s.selection);
            let objects = std::mem::take(&mut outcome.k8s_objects);
            for (_, o) in engine::check_surface(&[(&file, &objects)], &s.selection) {
                outcome.findings.extend(o.findings);
                outcome.suppressed.extend(o.suppressed);
            }
            if let Some(tf) = outcome.terraform.take() {
                for (_, o) in engine::check_terraform(&[(&file, &tf)], &s.selection) {
                    outcome.findings.extend(o.findings);
                    outcome.suppressed.extend(o.suppressed);
                }
            }
            outcome
                .suppressed
                .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            if outcome.parsed {
                cov.parsed = 1;
            } else {
                cov.parse_errors = 1;
            }
            // reports only ever see the text with its secrets masked
            sources.insert(name.to_string(), engine::mask(&file.text, &outcome.secrets));
            outcome
        }
        Err(_) => {
            cov.skipped = 1;
            il_outcome(
                name,
                "standard input is not valid UTF-8; not checked",
                &s.selection,
            )
        }
    };
    let mut findings = outcome.findings;
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(CheckResult {
        findings,
        suppressed: outcome.suppressed,
        coverage,
        sources,
    })
}

fn per_path_ignore<'a>(
    rules: &'a [(globset::GlobMatcher, String, Vec<String>)],
    f: &Finding,
) -> Option<&'a str> {
    rules.iter().find_map(|(m, glob, ids)| {
        let hit = m.is_match(&f.path)
            && ids
                .iter()
                .any(|id| RuleSelection::only(&[id.as_str()]).enabled(f.rule));
        hit.then_some(glob.as_str())
    })
}

fn check(args: &CheckArgs) -> Result<Exit, AppError> {
    let first = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let s = settings(args, &first)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| AppError::Usage(format!("cannot start worker threads: {e}")))?;
    let stdin = args.paths.len() == 1 && first.as_os_str() == "-";
    let mut result = if stdin {
        run_stdin(&args.stdin_filename, &s)?
    } else {
        pool.install(|| run_check(&args.paths, &s))?
    };

    if let Some(path) = &args.write_baseline {
        Baseline::write(path, &result.findings)?;
        eprintln!(
            "ironlaw: wrote {} finding(s) to baseline {}",
            result.findings.len(),
            path.display()
        );
        return Ok(Exit::Clean);
    }
    let mut baselined = 0;
    if let Some(path) = &args.baseline {
        let b = Baseline::load(path)?;
        let before = result.findings.len();
        result.findings.retain(|f| !b.contains(f));
        baselined = before - result.findings.len();
    }
    let rules: Vec<&'static RuleMeta> = registry()
        .metas()
        .iter()
        .copied()
        .filter(|m| s.selection.enabled(m) && m.family != crate::rules::Family::Plan)
        .collect();
    let root = if args.paths.len() == 1 {
        first.display().to_string()
    } else {
        ".".to_string()
    };
    let report = Report {
        tool_version: env!("CARGO_PKG_VERSION"),
        root,
        findings: &result.findings,
        suppressed: &result.suppressed,
        baselined,
        coverage: &result.coverage,
        rules: &rules,
        fail_on: s.fail_on,
        sources: &result.sources,
        path_prefix: workspace_prefix(&args.paths),
    };
    let color =
        args.format == Format::Text && use_color(args.color, args.no_color, args.output.is_some());
    let opts = RenderOptions {
        color,
        quiet: args.quiet,
    };
    if !(args.format == Format::Text && args.quiet && report.findings.is_empty()) {
        write_report(args.output.as_deref(), |w| {
            report::write(args.format, &report, opts, w)
        })?;
    }
    if report.failing() && !args.exit_zero {
        Ok(Exit::Findings)
    } else {
        Ok(Exit::Clean)
    }
}

fn rules(args: &RulesArgs) -> Result<Exit, AppError> {
    let metas = registry().metas();
    let text = match args.format.as_str() {
        "json" => {
            let v: Vec<_> = metas.iter().map(|m| rule_json(m)).collect();
            let mut s =
                serde_json::to_string_pretty(&serde_json::json!({ "version": 1, "rules": v }))
                    .unwrap_or_default();
            s.push('\n');
            s
        }
        "markdown" => crate::docs::rules_markdown(),
        _ => {
            let mut s = format!("{:<7} {:<9} {:<38} {}\n", "ID", "SEVERITY", "NAME", "TITLE");
            for m in metas {
                s.push_str(&format!(
                    "{:<7} {:<9} {:<38} {}\n",
                    m.id,
                    m.severity.as_str(),
                    m.name,
                    m.title
                ));
            }
            s.push_str(&format!(
                "\n{} rules. `ironlaw explain <ID>` shows one in full.\n",
                metas.len()
            ));
            s
        }
    };
    write_out(None, &text)?;
    Ok(Exit::Clean)
}

/// A rule's metadata as JSON (for `ironlaw rules --format json`).
#[must_use]
pub fn rule_json(m: &RuleMeta) -> serde_json::Value {
    serde_json::json!({
        "id": m.id,
        "name": m.name,
        "family": m.family.as_str(),
        "title": m.title,
        "severity": m.severity.as_str(),
        "confidence": m.confidence.as_str(),
        "checklist": m.checklist.key(),
        "checklist_box": m.checklist.number(),
        "rationale": m.rationale,
        "remediation": m.remediation,
        "equivalents": m.equivalents,
        "references": m.references,
    })
}

fn explain(key: &str) -> Result<Exit, AppError> {
    let reg = registry();
    let Some(m) = reg.get(key) else {
        let hint = reg
            .suggest(key)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err(AppError::Usage(format!(
            "unknown rule `{key}`{hint} (see `ironlaw rules`)"
        )));
    };
    write_out(None, &crate::docs::explain_text(m))?;
    Ok(Exit::Clean)
}

fn init(dir: &Path, force: bool) -> Result<Exit, AppError> {
    let path = dir.join("ironlaw.toml");
    if path.exists() && !force {
        return Err(AppError::Usage(format!(
            "{} already exists (use --force to overwrite)",
            path.display()
        )));
    }
    std::fs::write(&path, config::STARTER).map_err(|source| AppError::Output {
        path: path.display().to_string(),
        source,
    })?;
    eprintln!("ironlaw: wrote {}", path.display());
    Ok(Exit::Clean)
}

/// Files that a GitLab pipeline includes with `include: local:` are GitLab CI, whatever
/// their names (`ci/deploy.yml`): follow the includes from every `.gitlab-ci.yml` of the
/// discovery and make their targets GitLab CI candidates. Reads only the pipeline files.
fn link_gitlab_includes(d: &mut discover::Discovery, opts: &discover::Options) {
    use crate::model::ci::include;
    let mut work: Vec<(String, String)> = d
        .candidates
        .iter()
        .filter(|c| {
            let name = c.rel.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
            c.kind == Some(discover::ArtifactKind::GitlabCi)
                && (name == ".gitlab-ci.yml" || name == ".gitlab-ci.yaml")
        })
        .map(|c| {
            let base = c.rel.rsplit_once('/').map_or("", |(b, _)| b).to_string();
            (c.rel.clone(), base)
        })
        .collect();
    let mut seen: BTreeSet<String> = work.iter().map(|(r, _)| r.clone()).collect();
    let mut budget = include::MAX_FILES * 4;
    // the walked YAML files, once (marking a target mutates the discovery)
    let yaml: Vec<String> = d.yaml_files.keys().cloned().collect();
    let known: BTreeSet<&str> = yaml.iter().map(String::as_str).collect();
    while let Some((rel, base)) = work.pop() {
        budget = budget.saturating_sub(1);
        if budget == 0 {
            break;
        }
        let Some(c) = d.candidates.iter().find(|c| c.rel == rel) else {
            continue;
        };
        if c.size > opts.max_file_size {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&c.path) else {
            continue;
        };
        let targets = include::local_targets(&text, &base, &known);
        for t in targets {
            d.mark_gitlab(&t, opts);
            if seen.insert(t.clone()) {
                work.push((t, base.clone()));
            }
        }
    }
}

/// Move a Terraform file and its view into `terraform` (for the module pass); the text to
/// keep for the per-file findings' code frames, if any. Other files are handed back.
fn keep_terraform(
    file: Option<SourceFile>,
    outcome: &mut FileOutcome,
    terraform: &mut Vec<(SourceFile, TfFile)>,
) -> (Option<SourceFile>, Option<String>) {
    match (file, outcome.terraform.take()) {
        (Some(f), Some(tf)) => {
            let text = (!outcome.findings.is_empty() || !outcome.suppressed.is_empty())
                .then(|| f.text.clone());
            terraform.push((f, tf));
            (None, text)
        }
        (file, _) => (file, None),
    }
}

/// `ironlaw plan`: flags → [`crate::plan::Options`], run, render, exit code.
fn plan(args: &PlanArgs) -> Result<Exit, AppError> {
    for s in args.select.iter().chain(&args.ignore) {
        config::check_rule_ref(s).map_err(AppError::Usage)?;
    }
    let opts = crate::plan::Options {
        input: args.plan.clone(),
        config_dir: args.config.clone(),
        max_destroy: args.max_destroy,
        max_changes: args.max_changes,
        selection: RuleSelection {
            select: args.select.clone(),
            ignore: args.ignore.clone(),
            severity: BTreeMap::new(),
            scanner: None,
        },
        workspace: std::env::var("TF_WORKSPACE").ok().filter(|w| !w.is_empty()),
    };
    let outcome = crate::plan::run(&opts).map_err(|e| AppError::Usage(e.to_string()))?;
    let color = args.format == Format::Text && use_color(args.color, false, args.output.is_some());
    write_report(args.output.as_deref(), |w| {
        crate::plan::output::write(&outcome, args.format, args.fail_on, color, w)
    })?;
    if crate::plan::output::failing(&outcome, args.fail_on) {
        Ok(Exit::Findings)
    } else {
        Ok(Exit::Clean)
    }
}
