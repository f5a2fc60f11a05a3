//! Orchestration of the subcommands. `main` turns the result into an exit code.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::cli::{CheckArgs, Cli, ColorChoice, Command, RulesArgs};
use crate::config::{self, Config, ConfigError};
use crate::discover::{self, Candidate, Coverage, SkipReason};
use crate::engine::{self, FileOutcome, RuleSelection};
use crate::finding::{Diagnostic, Finding, Severity, Suppression};
use crate::model::k8s;
use crate::model::terraform::TfFile;
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
    };
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
    Ok(Settings {
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

/// Read and check one candidate: the outcome, the text to keep for code frames, and why
/// the file was not checked (if it was not).
fn check_candidate(
    c: &Candidate,
    selection: &RuleSelection,
) -> (FileOutcome, Option<SourceFile>, Option<SkipReason>) {
    let ctx = FileContext {
        path: c.rel.clone(),
        has_dockerignore: c.has_dockerignore,
    };
    if c.kind == discover::ArtifactKind::TerraformState {
        // a committed state file is reported without ever reading it (it holds secrets)
        let file = SourceFile::new(c.rel.clone(), String::new());
        let outcome = engine::check_file(&file, c.kind, &ctx, selection);
        return (outcome, Some(file), None);
    }
    let bytes = match std::fs::read(&c.path) {
        Ok(b) => b,
        Err(e) => {
            return (
                il_outcome(&c.rel, &format!("cannot read file: {e}"), selection),
                None,
                Some(SkipReason::Unreadable),
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
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return (
                il_outcome(
                    &c.rel,
                    &format!("file is not valid UTF-8 (invalid byte at offset {at}); not checked"),
                    selection,
                ),
                None,
                Some(SkipReason::Unreadable),
            );
        }
    };
    let file = SourceFile::new(c.rel.clone(), text);
    let outcome = engine::check_file(&file, c.kind, &ctx, selection);
    let keep = (!outcome.findings.is_empty()
        || !outcome.suppressed.is_empty()
        || !outcome.k8s_objects.is_empty()
        || outcome.terraform.is_some())
    .then_some(file);
    (outcome, keep, None)
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
        }
        coverage.files_walked += d.files_walked;
        coverage.skipped.extend(d.skipped);
        candidates.extend(d.candidates);
    }
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
    let progress = progress_bar(candidates.len());
    let results: Vec<_> = candidates
        .par_iter()
        .map(|c| {
            let r = (c, check_candidate(c, &s.selection));
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
    for (c, (mut outcome, file, not_checked)) in results {
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
    if !surface.is_empty() && engine::surface_enabled(&s.selection) {
        let files: Vec<(&SourceFile, &[k8s::Object])> =
            surface.iter().map(|(f, o)| (f, o.as_slice())).collect();
        for (path, outcome) in engine::check_surface(&files, &s.selection) {
            let text = files
                .iter()
                .find(|(f, _)| f.path == path)
                .map(|(f, _)| f.text.clone());
            outcomes.push((path, None, outcome, text));
        }
    }
    for (rel, candidate, outcome, text) in outcomes {
        if let Some(t) = text {
            sources.insert(rel, t);
        }
        let Some((c, not_checked)) = candidate else {
            // surface findings: the file was counted by the per-file pass
            route(&s.per_path, outcome, &mut findings, &mut suppressed);
            continue;
        };
        let cov = coverage.kinds.entry(c.kind).or_default();
        cov.found += 1;
        if let Some(reason) = not_checked {
            cov.skipped += 1;
            coverage.skipped.push(discover::Skipped {
                path: c.rel.clone(),
                kind: Some(c.kind),
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
    for (kind, _) in coverage.kinds.clone() {
        coverage.kinds.entry(kind).or_default();
    }
    coverage.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    suppressed.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(CheckResult {
        findings,
        suppressed,
        coverage,
        sources,
    })
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
            sources.insert(name.to_string(), file.text);
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
        .filter(|m| s.selection.enabled(m))
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
