//! The engine: runs rules on parsed files, applies configuration, suppressions and the
//! baseline, and sorts findings deterministically.

use std::collections::BTreeMap;

use crate::discover::ArtifactKind;
use crate::finding::{Diagnostic, Finding, Severity};
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
        ArtifactKind::GithubWorkflow | ArtifactKind::GithubAction | ArtifactKind::GitlabCi => {
            parsed = check_ci(file, kind, ctx, selection, &mut diags);
        }
    }
    // parse errors are always reported unless explicitly ignored
    diags.retain(|d| selection.enabled(d.rule));
    let sups = suppressions(file, &statements, &annotations);
    let mut outcome = place(file, diags, selection, &sups, false);
    outcome.parsed = parsed;
    outcome.k8s_objects = k8s_objects;
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
