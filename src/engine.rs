//! The engine: runs rules on parsed files, applies configuration, suppressions and the
//! baseline, and sorts findings deterministically.

use std::collections::BTreeMap;

use crate::discover::ArtifactKind;
use crate::finding::{Diagnostic, Finding, Severity};
use crate::model::terraform::{Project, TfFile, TfFileKind};
use crate::model::{compose, k8s};
use crate::parse;
use crate::rules::{self, FileContext, RuleMeta, SurfaceDiagnostic, SurfaceObject, il};
use crate::source::suppress::{self, Suppressions};
use crate::source::{SourceFile, Span};

/// Which rules run and at what severity (resolved from config and flags).
#[derive(Clone, Debug, Default)]
pub struct RuleSelection {
    /// Ids, names or id prefixes (`DF`, `DF0`) to run; empty = all.
    pub select: Vec<String>,
    /// Ids, names or prefixes never to run.
    pub ignore: Vec<String>,
    /// Per-rule severity overrides, by id.
    pub severity: BTreeMap<String, Severity>,
}

impl RuleSelection {
    /// Only the given rules.
    #[must_use]
    pub fn only(ids: &[&str]) -> Self {
        Self {
            select: ids.iter().map(|s| (*s).to_string()).collect(),
            ..Self::default()
        }
    }

    #[must_use]
    pub fn enabled(&self, meta: &RuleMeta) -> bool {
        let hit = |pat: &String| {
            let p = pat.as_str();
            meta.id.eq_ignore_ascii_case(p)
                || meta.name == p
                || (p.len() < meta.id.len() && meta.id.starts_with(&p.to_ascii_uppercase()))
        };
        let selected = self.select.is_empty() || self.select.iter().any(hit);
        selected && !self.ignore.iter().any(hit)
    }

    #[must_use]
    pub fn severity_of(&self, meta: &RuleMeta) -> Severity {
        self.severity.get(meta.id).copied().unwrap_or(meta.severity)
    }
}

/// What the engine learned from one file.
#[derive(Debug, Default)]
pub struct FileOutcome {
    pub findings: Vec<Finding>,
    /// The file parsed without errors.
    pub parsed: bool,
    /// Findings that suppressions removed (kept for reporting counts and `--show-suppressed`).
    pub suppressed: Vec<Finding>,
    /// The Kubernetes objects of the file, for the surface pass (filled only when a surface
    /// rule is enabled).
    pub k8s_objects: Vec<k8s::Object>,
    /// The Terraform view of the file, for the module pass (filled only when a module rule
    /// is enabled).
    pub terraform: Option<TfFile>,
}

/// Parse one file of a known kind, run the selected rules and apply inline suppressions.
#[must_use]
pub fn check_file(
    file: &SourceFile,
    kind: ArtifactKind,
    ctx: &FileContext,
    selection: &RuleSelection,
) -> FileOutcome {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let parsed;
    let mut statements: Vec<Span> = Vec::new();
    // suppressions declared by Kubernetes objects: (object span, [(key, value, key span)])
    let mut annotations: Vec<(Span, Annotations)> = Vec::new();
    let mut k8s_objects = Vec::new();
    let mut terraform = None;
    // HCL comments (`#`, `//`, `/* */`) and block-scoped peer pragmas
    let mut hcl = false;
    let reg = rules::registry();
    match kind {
        ArtifactKind::Dockerfile => {
            let p = parse::dockerfile::parse(&file.text);
            diags.extend(parse_error(file, "Dockerfile", &p.errors, p.stopped_at));
            parsed = p.errors.is_empty();
            statements.extend(p.dockerfile.statement_spans());
            for rule in &reg.docker {
                if selection.enabled(rule.meta()) {
                    rule.check(&p.dockerfile, ctx, &mut diags);
                }
            }
        }
        ArtifactKind::Kubernetes => {
            let y = parse::yaml::parse(&file.text);
            diags.extend(parse_error(file, "manifest", &y.errors, None));
            parsed = y.errors.is_empty();
            let objects = k8s::objects(&y);
            annotations = object_annotations(file, &objects);
            for rule in &reg.k8s {
                if selection.enabled(rule.meta()) {
                    rule.check(&objects, ctx, &mut diags);
                }
            }
            if surface_enabled(selection) {
                k8s_objects = objects;
                for o in &mut k8s_objects {
                    o.prune_for_surface();
                }
            }
        }
        ArtifactKind::Compose => {
            let y = parse::yaml::parse(&file.text);
            diags.extend(parse_error(file, "compose file", &y.errors, None));
            parsed = y.errors.is_empty();
            let services = compose::services(&y);
            for rule in &reg.compose {
                if selection.enabled(rule.meta()) {
                    rule.check(&y, &services, ctx, &mut diags);
                }
            }
        }
        ArtifactKind::Terraform => {
            let tf = parse_terraform(file, &mut diags);
            parsed = !diags.iter().any(|d| std::ptr::eq(d.rule, &il::PARSE_ERROR));
            statements.extend(tf.statement_spans());
            hcl = true;
            for rule in &reg.terraform {
                if selection.enabled(rule.meta()) {
                    rule.check(&tf, ctx, &mut diags);
                }
            }
            if terraform_modules_enabled(selection) {
                terraform = Some(tf);
            }
        }
        ArtifactKind::TerraformState => {
            // never parsed, never printed: the file's presence is the finding
            parsed = true;
            let tf = TfFile::state(&file.path);
            for rule in &reg.terraform {
                if selection.enabled(rule.meta()) {
                    rule.check(&tf, ctx, &mut diags);
                }
            }
            if terraform_modules_enabled(selection) {
                terraform = Some(tf);
            }
        }
        ArtifactKind::GithubWorkflow | ArtifactKind::GithubAction | ArtifactKind::GitlabCi => {
            parsed = check_ci(file, kind, ctx, selection, &mut diags);
        }
    }
    // parse errors are always reported unless explicitly ignored
    diags.retain(|d| selection.enabled(d.rule));
    let sups = if hcl {
        suppress::scan_hcl(file, &statements)
    } else {
        suppressions(file, &statements, &annotations)
    };
    let mut outcome = place(file, diags, selection, &sups, false);
    outcome.parsed = parsed;
    outcome.k8s_objects = k8s_objects;
    outcome.terraform = terraform;
    outcome
}

/// A file's suppressions: comment pragmas plus Kubernetes object annotations.
fn suppressions(
    file: &SourceFile,
    statements: &[Span],
    annotations: &[(Span, Annotations)],
) -> Suppressions {
    let mut sups = suppress::scan(file, statements);
    for (object, list) in annotations {
        sups.add_annotations(
            file,
            *object,
            list.iter().map(|(k, v, s)| (k.as_str(), v.as_str(), *s)),
        );
    }
    sups
}

/// The annotations of each object that has some: (object span, annotations).
fn object_annotations(file: &SourceFile, objects: &[k8s::Object]) -> Vec<(Span, Annotations)> {
    let mut out = Vec::new();
    for obj in objects {
        let list: Annotations = obj
            .node
            .path(&["metadata", "annotations"])
            .map(parse::yaml::Node::iter_map)
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| {
                let value = v
                    .as_str()
                    .map_or_else(|| v.raw(&file.text).to_string(), str::to_string);
                Some((k.as_str()?.to_string(), value, k.span))
            })
            .collect();
        if !list.is_empty() {
            out.push((obj.node.span, list));
        }
    }
    out
}

/// Whether any rule over the whole scan is enabled.
#[must_use]
pub fn surface_enabled(selection: &RuleSelection) -> bool {
    rules::registry()
        .k8s_surface
        .iter()
        .any(|r| selection.enabled(r.meta()))
}

/// Run the enabled surface rules over the Kubernetes objects of `files` (each with the
/// objects the per-file pass returned) and place their findings in the files they point
/// into, applying each file's inline suppressions (and reporting unused pragmas that name
/// surface rules only). One outcome per file with findings (`findings` and `suppressed`
/// only), in the order of `files`.
#[must_use]
pub fn check_surface(
    files: &[(&SourceFile, &[k8s::Object])],
    selection: &RuleSelection,
) -> Vec<(String, FileOutcome)> {
    let mut objects: Vec<SurfaceObject<'_>> = Vec::new();
    for (file, objs) in files {
        objects.extend(objs.iter().map(|object| SurfaceObject {
            object,
            path: &file.path,
        }));
    }
    // objects in path order, then file order: rules see a deterministic surface
    objects.sort_by(|a, b| {
        a.path
            .cmp(b.path)
            .then(a.object.node.span.start.cmp(&b.object.node.span.start))
    });
    if objects.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<SurfaceDiagnostic> = Vec::new();
    for rule in &rules::registry().k8s_surface {
        if selection.enabled(rule.meta()) {
            rule.check(&objects, &mut out);
        }
    }
    let mut by_path: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in out {
        if selection.enabled(d.diagnostic.rule) {
            by_path.entry(d.path).or_default().push(d.diagnostic);
        }
    }
    let mut outcomes = Vec::new();
    for (file, objs) in files {
        let diags = by_path.remove(&file.path).unwrap_or_default();
        let sups = suppressions(file, &[], &object_annotations(file, objs));
        if diags.is_empty() && sups.is_empty() {
            continue;
        }
        let path = file.path.clone();
        let outcome = place(file, diags, selection, &sups, true);
        if !outcome.findings.is_empty() || !outcome.suppressed.is_empty() {
            outcomes.push((path, outcome));
        }
    }
    outcomes
}

/// An object's annotations: (key, value, key span).
type Annotations = Vec<(String, String, Span)>;

/// One `IL001` per file: the first error, naming the lines of the others.
fn parse_error(
    file: &SourceFile,
    what: &str,
    errors: &[parse::ParseError],
    stopped_at: Option<usize>,
) -> Option<Diagnostic> {
    let first = errors.first()?;
    let mut message = format!("{what} does not parse: {}", first.message);
    let more: Vec<String> = errors
        .iter()
        .skip(1)
        .map(|e| file.position(e.offset).line.to_string())
        .collect();
    if !more.is_empty() {
        let shown: Vec<&str> = more.iter().take(5).map(String::as_str).collect();
        let ellipsis = if more.len() > 5 { ", …" } else { "" };
        let s = if more.len() == 1 { "" } else { "s" };
        message.push_str(&format!(
            " (and {} more parse error{s} on line{s} {}{ellipsis}; the rest was checked)",
            more.len(),
            shown.join(", ")
        ));
    }
    if let Some(stop) = stopped_at {
        message.push_str(&format!(
            "; too many errors: nothing after line {} was checked",
            file.position(stop).line
        ));
    }
    Some(
        Diagnostic::new(&il::PARSE_ERROR, Span::at(first.offset), message)
            .anchor(first.message.clone()),
    )
}

/// Turn diagnostics into findings: positions, fingerprints, suppressions.
fn place(
    file: &SourceFile,
    diags: Vec<Diagnostic>,
    selection: &RuleSelection,
    sups: &Suppressions,
    surface: bool,
) -> FileOutcome {
    let mut out = FileOutcome::default();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut findings: Vec<Finding> = diags
        .into_iter()
        .map(|d| {
            let sev = match d.severity {
                Some(own) if !selection.severity.contains_key(d.rule.id) => own,
                _ => selection.severity_of(d.rule),
            };
            Finding::place(file, d, sev)
        })
        .collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.span == b.span);
    // disambiguate identical fingerprints in one file by occurrence
    for f in &mut findings {
        let n = seen.entry(f.fingerprint.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            f.fingerprint = format!("{}:{}", f.fingerprint, n);
        }
    }
    let (kept, suppressed, extra) = if surface {
        sups.apply_surface(file, findings, selection)
    } else {
        sups.apply(file, findings, selection)
    };
    out.findings = kept;
    out.suppressed = suppressed;
    out.findings.extend(extra);
    out.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// Check source text as if it were a file at `path` (used by fixtures, fuzzing and benches).
#[must_use]
pub fn check_text(
    path: &str,
    text: &str,
    kind: ArtifactKind,
    selection: &RuleSelection,
) -> FileOutcome {
    let ctx = FileContext {
        path: path.to_string(),
        has_dockerignore: false,
        dockerignores: None,
    };
    check_text_in(text, kind, &ctx, selection)
}

/// [`check_text`] with the file facts a scan would have gathered (`ctx.path` is the path).
#[must_use]
pub fn check_text_in(
    text: &str,
    kind: ArtifactKind,
    ctx: &FileContext,
    selection: &RuleSelection,
) -> FileOutcome {
    let file = SourceFile::new(&ctx.path, text.to_string());
    let mut outcome = check_file(&file, kind, ctx, selection);
    if let Some(tf) = outcome.terraform.take() {
        for (_, o) in check_terraform(&[(&file, &tf)], selection) {
            outcome.findings.extend(o.findings);
            outcome.suppressed.extend(o.suppressed);
        }
        outcome
            .findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        outcome
            .suppressed
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        outcome.terraform = Some(tf);
    }
    if kind == ArtifactKind::Kubernetes && !outcome.k8s_objects.is_empty() {
        let objects = std::mem::take(&mut outcome.k8s_objects);
        for (_, o) in check_surface(&[(&file, &objects)], selection) {
            outcome.findings.extend(o.findings);
            outcome.suppressed.extend(o.suppressed);
        }
        outcome
            .findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        outcome
            .suppressed
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        outcome.k8s_objects = objects;
    }
    outcome
}

// ---------------------------------------------------------------------------------------------
// Terraform

/// Parse a Terraform file (native or JSON syntax); a parse error becomes one `IL001`.
fn parse_terraform(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> TfFile {
    let lower = file.path.to_ascii_lowercase();
    let json = lower.ends_with(".json");
    let h = if json {
        parse::hcl::parse_json(&file.text, TfFileKind::of(&file.path) == TfFileKind::Vars)
    } else {
        parse::hcl::parse(&file.text)
    };
    diags.extend(parse_error(file, "Terraform file", &h.errors, None));
    TfFile::new(&file.path, h, json)
}

/// Whether any Terraform rule over the whole scan is enabled.
#[must_use]
pub fn terraform_modules_enabled(selection: &RuleSelection) -> bool {
    rules::registry()
        .terraform_modules
        .iter()
        .any(|r| selection.enabled(r.meta()))
}

/// Run the enabled Terraform module rules over every Terraform file of the scan (each with
/// the view the per-file pass returned) and place their findings in the files they point
/// into, with each file's inline suppressions. One outcome per file with findings, in the
/// order of `files`.
#[must_use]
pub fn check_terraform(
    files: &[(&SourceFile, &TfFile)],
    selection: &RuleSelection,
) -> Vec<(String, FileOutcome)> {
    if files.is_empty() {
        return Vec::new();
    }
    let mut tfs: Vec<&TfFile> = files.iter().map(|(_, t)| *t).collect();
    tfs.sort_by(|a, b| a.path.cmp(&b.path));
    let project = Project::new(&tfs);
    let mut out: Vec<SurfaceDiagnostic> = Vec::new();
    for rule in &rules::registry().terraform_modules {
        if selection.enabled(rule.meta()) {
            rule.check(&project, &mut out);
        }
    }
    let mut by_path: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in out {
        if selection.enabled(d.diagnostic.rule) {
            by_path.entry(d.path).or_default().push(d.diagnostic);
        }
    }
    let mut outcomes = Vec::new();
    for (file, tf) in files {
        let diags = by_path.remove(&file.path).unwrap_or_default();
        let sups = suppress::scan_hcl(file, &tf.statement_spans());
        if diags.is_empty() && sups.is_empty() {
            continue;
        }
        let outcome = place(file, diags, selection, &sups, true);
        if !outcome.findings.is_empty() || !outcome.suppressed.is_empty() {
            outcomes.push((file.path.clone(), outcome));
        }
    }
    outcomes
}

/// Whether any rule over a whole GitLab pipeline is enabled.
#[must_use]
pub fn gitlab_pipelines_enabled(selection: &RuleSelection) -> bool {
    rules::registry()
        .ci
        .iter()
        .any(|r| r.needs_whole_pipeline() && selection.enabled(r.meta()))
}

/// The GitLab pipeline pass: each `.gitlab-ci.yml` among `files` (every GitLab CI file of
/// the scan) that includes local files is assembled with them into one pipeline
/// ([`crate::model::ci::include`]), and the whole-pipeline rules run over it. Findings are
/// placed in the files they point into, with each file's inline suppressions. One outcome
/// per file with findings, in path order.
#[must_use]
pub fn check_gitlab_pipelines(
    files: &[&SourceFile],
    selection: &RuleSelection,
) -> Vec<(String, FileOutcome)> {
    use crate::model::ci::{CiFile, include};
    let texts: BTreeMap<String, &str> = files
        .iter()
        .map(|f| (f.path.clone(), f.text.as_str()))
        .collect();
    let mut by_path: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for f in files {
        let name = f.path.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
        if name != ".gitlab-ci.yml" && name != ".gitlab-ci.yaml" {
            continue;
        }
        let Some(a) = include::assemble(&f.path, &texts) else {
            continue;
        };
        let Some(ci) = CiFile::new(&a.yaml, &a.text, true, ".gitlab-ci.yml") else {
            continue;
        };
        let ctx = FileContext {
            path: f.path.clone(),
            ..FileContext::default()
        };
        let mut diags = Vec::new();
        for rule in &rules::registry().ci {
            if rule.needs_whole_pipeline() && selection.enabled(rule.meta()) {
                rule.check(&ci, &ctx, &mut diags);
            }
        }
        for mut d in diags {
            if let Some((path, span)) = a.locate(d.span) {
                d.span = span;
                by_path.entry(path.to_string()).or_default().push(d);
            }
        }
    }
    let mut outcomes = Vec::new();
    for (path, diags) in by_path {
        let Some(file) = files.iter().find(|f| f.path == path) else {
            continue;
        };
        let sups = suppress::scan(file, &[]);
        let outcome = place(file, diags, selection, &sups, true);
        if !outcome.findings.is_empty() || !outcome.suppressed.is_empty() {
            outcomes.push((path, outcome));
        }
    }
    outcomes
}

/// Check several files given as (path, text) as one scan: per-file rules, then the
/// Terraform module pass and the Kubernetes surface pass (used by directory fixtures).
/// Files whose name classifies as no artifact kind are ignored; files under a `.terraform/`
/// directory stand for that directory (as discovery lists it, unread). All findings, sorted.
#[must_use]
pub fn check_tree(files: &[(String, String)], selection: &RuleSelection) -> FileOutcome {
    let mut all = FileOutcome {
        parsed: true,
        ..FileOutcome::default()
    };
    let mut sources = Vec::new();
    let mut terraform_dirs = std::collections::BTreeSet::new();
    let included = gitlab_included(files);
    for (path, text) in files {
        let marker = format!("/{}/", crate::discover::TERRAFORM_DIR);
        let (path, text, kind) = if let Some(i) = path.find(&marker) {
            let dir = path.get(..i + marker.len() - 1).unwrap_or(path);
            if !terraform_dirs.insert(dir.to_string()) {
                continue;
            }
            (dir.to_string(), String::new(), ArtifactKind::TerraformState)
        } else {
            let kind = if included.contains(path.as_str()) {
                Some(ArtifactKind::GitlabCi)
            } else {
                crate::discover::classify(path, text.as_bytes())
            };
            let Some(kind) = kind else {
                continue;
            };
            (path.clone(), text.clone(), kind)
        };
        let file = SourceFile::new(path.clone(), text);
        let ctx = FileContext {
            path: path.clone(),
            has_dockerignore: false,
            dockerignores: None,
        };
        let mut o = check_file(&file, kind, &ctx, selection);
        all.parsed &= o.parsed;
        all.findings.append(&mut o.findings);
        all.suppressed.append(&mut o.suppressed);
        sources.push((file, o.terraform.take(), std::mem::take(&mut o.k8s_objects)));
    }
    let tf: Vec<(&SourceFile, &TfFile)> = sources
        .iter()
        .filter_map(|(f, t, _)| t.as_ref().map(|t| (f, t)))
        .collect();
    let k8s: Vec<(&SourceFile, &[k8s::Object])> = sources
        .iter()
        .filter(|(_, _, o)| !o.is_empty())
        .map(|(f, _, o)| (f, o.as_slice()))
        .collect();
    let gitlab: Vec<&SourceFile> = sources
        .iter()
        .filter(|(f, _, _)| {
            included.contains(&f.path)
                || crate::discover::classify(&f.path, f.text.as_bytes())
                    == Some(ArtifactKind::GitlabCi)
        })
        .map(|(f, _, _)| f)
        .collect();
    let mut extra = check_terraform(&tf, selection);
    extra.extend(check_surface(&k8s, selection));
    extra.extend(check_gitlab_pipelines(&gitlab, selection));
    for (_, mut o) in extra {
        all.findings.append(&mut o.findings);
        all.suppressed.append(&mut o.suppressed);
    }
    all.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all.suppressed
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all
}

/// The files among `files` that a `.gitlab-ci.yml` among them includes with `local:`
/// (transitively): GitLab CI whatever their names, as discovery treats them.
fn gitlab_included(files: &[(String, String)]) -> std::collections::BTreeSet<String> {
    use crate::model::ci::include;
    let known: std::collections::BTreeSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    let mut out = std::collections::BTreeSet::new();
    let mut work: Vec<(&str, String)> = files
        .iter()
        .filter(|(p, _)| {
            let name = p.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
            name == ".gitlab-ci.yml" || name == ".gitlab-ci.yaml"
        })
        .map(|(p, _)| {
            (
                p.as_str(),
                p.rsplit_once('/').map_or("", |(b, _)| b).to_string(),
            )
        })
        .collect();
    while let Some((path, base)) = work.pop() {
        let Some((_, text)) = files.iter().find(|(p, _)| p == path) else {
            continue;
        };
        for t in include::local_targets(text, &base, &known) {
            if out.insert(t.clone())
                && let Some((p, _)) = files.iter().find(|(p, _)| *p == t)
            {
                work.push((p.as_str(), base.clone()));
            }
        }
    }
    out
}

/// Parse a CI file (GitHub workflow or action, GitLab CI), build its model and run the CI
/// rules; whether it parsed without errors.
fn check_ci(
    file: &SourceFile,
    kind: ArtifactKind,
    ctx: &FileContext,
    selection: &RuleSelection,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let y = parse::yaml::parse(&file.text);
    let what = match kind {
        ArtifactKind::GitlabCi => "GitLab CI file",
        ArtifactKind::GithubAction => "action metadata",
        _ => "workflow",
    };
    diags.extend(parse_error(file, what, &y.errors, None));
    let gitlab = kind == ArtifactKind::GitlabCi;
    if let Some(ci) = crate::model::ci::CiFile::new(&y, &file.text, gitlab, &file.path) {
        for rule in &rules::registry().ci {
            if selection.enabled(rule.meta()) {
                rule.check(&ci, ctx, diags);
            }
        }
    }
    y.errors.is_empty()
}
