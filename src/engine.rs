//! The engine: runs rules on parsed files, applies configuration, suppressions and the
//! baseline, and sorts findings deterministically.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::discover::ArtifactKind;
use crate::finding::{Diagnostic, Finding, Severity};
use crate::model::terraform::{Project, TfFile, TfFileKind};
use crate::model::{compose, k8s};
use crate::parse;
use crate::rules::{self, Family, FileContext, RuleMeta, SurfaceDiagnostic, SurfaceObject, il};
use crate::secrets::{Hit, Scanner};
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
    /// The secrets scanner to run (built-in detectors plus a `.gitleaks.toml`'s rules);
    /// `None` = [`Scanner::builtin`]. Its rules are selected like any other (`--select SEC`).
    pub scanner: Option<Arc<Scanner>>,
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

    /// The secrets scanner of this run.
    #[must_use]
    pub fn scanner(&self) -> &Scanner {
        self.scanner
            .as_deref()
            .unwrap_or_else(|| Scanner::builtin())
    }

    /// Whether any secrets rule (a detector of the scanner or a structural `SEC` rule) runs:
    /// when none does, files of no artifact kind are not even read.
    #[must_use]
    pub fn secrets_enabled(&self) -> bool {
        self.scanner().rules().iter().any(|r| self.enabled(r.meta))
            || rules::secrets::RULES.iter().any(|m| self.enabled(m))
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
    /// Byte ranges of the file that hold secrets (detector hits, Kubernetes `Secret` data,
    /// `.env` values), sorted. Text of the file that leaves the engine for a report goes
    /// through [`mask`] with these; the messages of `findings` and `suppressed` are already
    /// redacted.
    pub secrets: Vec<Range<usize>>,
    /// (secret, its [`crate::secrets::redact`] form) for each secret of the file, for
    /// findings placed in the file later (surface and module passes): see [`redact_findings`].
    pub redactions: Vec<(String, String)>,
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
    // secrets found by structure (Kubernetes Secret data); detector hits are added below
    let mut secret_ranges: Vec<Range<usize>> = Vec::new();
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
            let (d, r) = rules::secrets::check_k8s_secret_data(file, &objects, selection.scanner());
            diags.extend(d);
            secret_ranges.extend(r);
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
    // every file read is scanned for secrets (the scan also tells what to mask)
    let hits = selection.scanner().scan(&file.path, file.text.as_bytes());
    diags.extend(
        hits.iter()
            .map(|h| rules::secrets::hit_diagnostic(file, h, None)),
    );
    secret_ranges.extend(hits.iter().map(|h| h.secret.clone()));
    // parse errors are always reported unless explicitly ignored
    diags.retain(|d| selection.enabled(d.rule));
    let mut sups = if hcl {
        suppress::scan_hcl(file, &statements)
    } else {
        suppressions(file, &statements, &annotations)
    };
    sups.add_secret_markers(file, false);
    let mut outcome = place(file, diags, selection, &sups, false);
    outcome.parsed = parsed;
    outcome.k8s_objects = k8s_objects;
    outcome.terraform = terraform;
    finish_secrets(file, &mut outcome, secret_ranges);
    outcome
}

// ---------------------------------------------------------------------------------------------
// Secrets

/// Check a file of no artifact kind for secrets only: the detectors over its text, `SEC100`
/// for environment files; secret pragmas in any comment syntax (`gitleaks:allow`,
/// `pragma: allowlist secret`, `ironlaw:ignore[SEC001]`, …).
#[must_use]
pub fn check_secrets_only(file: &SourceFile, selection: &RuleSelection) -> FileOutcome {
    let hits = selection.scanner().scan(&file.path, file.text.as_bytes());
    let mut diags: Vec<Diagnostic> = hits
        .iter()
        .map(|h| rules::secrets::hit_diagnostic(file, h, None))
        .collect();
    let mut ranges: Vec<Range<usize>> = hits.iter().map(|h| h.secret.clone()).collect();
    let (dotenv, values) = rules::secrets::check_dotenv(file);
    diags.extend(dotenv);
    ranges.extend(values);
    diags.retain(|d| selection.enabled(d.rule));
    let mut sups = Suppressions::default();
    sups.add_secret_markers(file, true);
    let mut outcome = place(file, diags, selection, &sups, false);
    outcome.parsed = true;
    finish_secrets(file, &mut outcome, ranges);
    outcome
}

/// Check a file of no artifact kind, as discovery found it: `bytes` is its content, or
/// `None` when it is checked by name only (non-text extension, too large). Binary content
/// (a NUL byte in the first 8 KiB) is checked by name only too; other content is read as
/// UTF-8 (invalid sequences replaced). The file (its text masked) is returned when it has
/// findings, for code frames; and whether its content was scanned.
#[must_use]
pub fn check_unclassified(
    path: &str,
    bytes: Option<&[u8]>,
    selection: &RuleSelection,
) -> (FileOutcome, Option<SourceFile>, bool) {
    let bytes = bytes.filter(|b| !crate::discover::looks_binary(b));
    let scanned = bytes.is_some();
    // the common case, a text without secrets, costs one scan of the bytes: no copy, no
    // line index
    if !rules::secrets::is_dotenv(path)
        && selection
            .scanner()
            .scan(path, bytes.unwrap_or_default())
            .is_empty()
    {
        let outcome = FileOutcome {
            parsed: true,
            ..FileOutcome::default()
        };
        return (outcome, None, scanned);
    }
    let text = bytes.map(String::from_utf8_lossy).unwrap_or_default();
    let file = SourceFile::new(path, text.into_owned());
    let outcome = check_secrets_only(&file, selection);
    let keep = (!outcome.findings.is_empty() || !outcome.suppressed.is_empty())
        .then(|| masked_file(&file, &outcome.secrets));
    (outcome, keep, scanned)
}

/// `text` (of the file at `path`) with the secrets the scanner detects in it masked: for
/// texts that reach a report without having gone through [`check_file`] (rendered charts'
/// sources, texts read again by a later pass). Masked text stays masked.
#[must_use]
pub fn mask_detected(path: &str, text: &str, selection: &RuleSelection) -> String {
    let ranges: Vec<Range<usize>> = selection
        .scanner()
        .scan(path, text.as_bytes())
        .into_iter()
        .map(|h| h.secret)
        .collect();
    mask(text, &ranges)
}

/// The file with its secrets masked (see [`mask`]).
#[must_use]
pub fn masked_file(file: &SourceFile, secrets: &[Range<usize>]) -> SourceFile {
    if secrets.is_empty() {
        return file.clone();
    }
    SourceFile::new(file.path.clone(), mask(&file.text, secrets))
}

/// Record the secret ranges of a file in its outcome and redact every message and pragma
/// source of its findings.
fn finish_secrets(file: &SourceFile, outcome: &mut FileOutcome, mut ranges: Vec<Range<usize>>) {
    ranges.retain(|r| !r.is_empty());
    if ranges.is_empty() {
        return;
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    ranges.dedup();
    let mut redactions: Vec<(String, String)> = ranges
        .iter()
        .filter_map(|r| file.text.get(r.clone()))
        .filter(|s| s.len() >= 4)
        .map(|s| (s.to_string(), crate::secrets::redact(s)))
        .collect();
    // longest first, so a secret containing another is replaced whole
    redactions.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    redactions.dedup();
    redact_findings(&mut outcome.findings, &redactions);
    redact_findings(&mut outcome.suppressed, &redactions);
    outcome.secrets = ranges;
    outcome.redactions = redactions;
}

/// Replace every secret (and every 8-byte piece of one) in the messages and pragma sources
/// of `findings` by its redacted form. The secrets' own findings are skipped: their messages
/// are built from redacted values only (so a file full of secrets stays linear).
pub fn redact_findings(findings: &mut [Finding], redactions: &[(String, String)]) {
    if redactions.is_empty() {
        return;
    }
    for f in findings
        .iter_mut()
        .filter(|f| f.rule.family != Family::Secrets)
    {
        f.message = redact_text(&f.message, redactions);
        if let Some(s) = &mut f.suppressed {
            s.source = redact_text(&s.source, redactions);
        }
    }
}

/// `text` with each secret replaced by its redacted form; a text that still holds 8 bytes
/// of a secret (a rule quoting part of a value) has that piece replaced by `…`.
#[must_use]
pub fn redact_text(text: &str, redactions: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (secret, shown) in redactions {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), shown);
        }
    }
    for (secret, _) in redactions {
        let bytes = secret.as_bytes();
        if bytes.len() < 8 {
            continue;
        }
        let mut i = 0;
        while i + 8 <= bytes.len() {
            if let Some(piece) = secret.get(i..i + 8)
                && out.contains(piece)
            {
                out = out.replace(piece, "…");
            }
            i += 1;
        }
    }
    out
}

/// `text` with each secret range masked: the prefix [`crate::secrets::redact`] shows is
/// kept, every other byte becomes `*` (line breaks are kept), so offsets, lines and spans
/// stay valid. Ranges are widened to character boundaries.
#[must_use]
pub fn mask(text: &str, secrets: &[Range<usize>]) -> String {
    if secrets.is_empty() {
        return text.to_string();
    }
    let mut bytes = text.as_bytes().to_vec();
    for r in secrets {
        let mut start = r.start.min(text.len());
        while start > 0 && !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = r.end.min(text.len()).max(start);
        while end < text.len() && !text.is_char_boundary(end) {
            end += 1;
        }
        let secret = text.get(start..end).unwrap_or("");
        let keep = (secret.chars().count() / 5).min(4);
        let keep_bytes: usize = secret.chars().take(keep).map(char::len_utf8).sum();
        for b in bytes.iter_mut().take(end).skip(start + keep_bytes) {
            if *b != b'\n' && *b != b'\r' {
                *b = b'*';
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Entry point for scanners of other sources (git history): turn detector `hits` in `text`
/// (the content of `path` at some revision) into findings — redacted messages with `extra`
/// appended (`in commit 1a2b3c4 (2026-01-02)`), fingerprints content-anchored on the secret,
/// the secret pragmas of `text` applied (`gitleaks:allow`, `pragma: allowlist secret`,
/// `ironlaw:ignore[SEC…]`, …). Rules disabled by `selection` are dropped. Returns (kept,
/// suppressed), each sorted.
#[must_use]
pub fn secret_findings(
    path: &str,
    text: &str,
    hits: &[Hit],
    extra: Option<&str>,
    selection: &RuleSelection,
) -> (Vec<Finding>, Vec<Finding>) {
    let file = SourceFile::new(path, text.to_string());
    let diags: Vec<Diagnostic> = hits
        .iter()
        .map(|h| rules::secrets::hit_diagnostic(&file, h, extra))
        .filter(|d| selection.enabled(d.rule))
        .collect();
    let mut sups = Suppressions::default();
    sups.add_secret_markers(&file, true);
    let mut outcome = place(&file, diags, selection, &sups, false);
    // only the secrets' own findings: pragma diagnostics belong to the working tree
    outcome
        .findings
        .retain(|f| f.rule.family == Family::Secrets);
    finish_secrets(
        &file,
        &mut outcome,
        hits.iter().map(|h| h.secret.clone()).collect(),
    );
    (outcome.findings, outcome.suppressed)
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
/// Files whose name classifies as no artifact kind are checked for secrets only; files under a `.terraform/`
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
                // a file of no artifact kind: checked for secrets only
                if selection.secrets_enabled() {
                    let (mut o, _, _) = check_unclassified(path, Some(text.as_bytes()), selection);
                    all.findings.append(&mut o.findings);
                    all.suppressed.append(&mut o.suppressed);
                }
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

/// Check the content of a file at `path` as a scan would (used by fixtures and tools): a
/// file of an artifact kind is parsed and checked (text as UTF-8, invalid sequences
/// replaced), any other file is checked for secrets only (by name only when its extension
/// is not text or its content is binary).
#[must_use]
pub fn check_any(path: &str, bytes: &[u8], selection: &RuleSelection) -> FileOutcome {
    match crate::discover::classify(path, bytes) {
        Some(kind) if !crate::discover::looks_binary(bytes) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            check_text(path, &text, kind, selection)
        }
        _ => {
            let by_name = crate::discover::secrets_by_name_only(path, 0, u64::MAX);
            check_unclassified(path, (!by_name).then_some(bytes), selection).0
        }
    }
}

#[cfg(test)]
mod secrets_tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::single_range_in_vec_init
    )]
    use super::*;

    // split so that the scanner does not find them in this file
    const KEY: &str = concat!("AKIA", "Z3MSJV4WCJ7QPLMX");
    const KEY2: &str = concat!("AKIA", "Z3MSJV4WCJ7QPLMY");

    #[test]
    fn mask_keeps_offsets_lines_and_the_redacted_prefix() {
        let text = &format!("a = {KEY}\nkey: |\n  abcd\n  ü€fgh\n");
        let start = text.find("AKIA").unwrap();
        let m = mask(text, &[start..start + 20]);
        assert_eq!(m, "a = AKIA****************\nkey: |\n  abcd\n  ü€fgh\n");
        // multi-line, and a range cut inside a multi-byte character is widened
        let s = text.find("abcd").unwrap();
        let e = text.find("€").unwrap() + 1;
        let m = mask(text, &[s..e]);
        assert_eq!(m.len(), text.len());
        assert!(m.contains("  a***\n*******fgh"), "{m}");
        assert_eq!(&mask(text, &[]), text);
    }

    #[test]
    fn redaction_of_messages_covers_pieces() {
        let r = vec![(KEY.to_string(), crate::secrets::redact(KEY))];
        assert_eq!(
            redact_text(&format!("value \"{KEY}\" set"), &r),
            "value \"AKIA…(20 chars)\" set"
        );
        let t = redact_text(&format!("starts with \"{}…\"", &KEY[..12]), &r);
        assert!(!t.contains("Z3MSJV4W"), "{t}");
    }

    #[test]
    fn unclassified_text_without_secrets_is_cheap_and_clean() {
        let sel = RuleSelection::default();
        let (o, keep, scanned) = check_unclassified("a.txt", Some(b"hello\n"), &sel);
        assert!(o.findings.is_empty() && keep.is_none() && scanned);
        let (o, keep, scanned) =
            check_unclassified("b.txt", Some(format!("k={KEY}\n").as_bytes()), &sel);
        assert_eq!(o.findings.len(), 1);
        assert!(scanned);
        assert_eq!(keep.unwrap().text, "k=AKIA****************\n");
        let (o, _, scanned) =
            check_unclassified("c.bin", Some(format!("\0k={KEY}\n").as_bytes()), &sel);
        assert!(o.findings.is_empty() && !scanned);
    }

    #[test]
    fn history_entry_point_redacts_anchors_and_applies_pragmas() {
        let sel = RuleSelection::default();
        let text = &format!("a = {KEY}\nb = {KEY2} # gitleaks:allow\n");
        let hits = Scanner::builtin().scan("x.txt", text.as_bytes());
        let (kept, suppressed) = secret_findings(
            "x.txt",
            text,
            &hits,
            Some("in commit 1a2b3c4 (2026-01-02)"),
            &sel,
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(suppressed.len(), 1);
        assert_eq!(
            kept[0].message,
            "AWS access key id \"AKIA…(20 chars)\" in commit 1a2b3c4 (2026-01-02)"
        );
        // the same secret elsewhere in the file has the same fingerprint
        let moved = format!("\n\n{text}");
        let hits = Scanner::builtin().scan("x.txt", moved.as_bytes());
        let (again, _) = secret_findings("x.txt", &moved, &hits, None, &sel);
        assert_eq!(again[0].fingerprint, kept[0].fingerprint);
        assert_eq!(again[0].start.line, 3);
    }
}
