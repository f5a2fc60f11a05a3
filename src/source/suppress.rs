//! Inline suppression comments: ironlaw's own and the pragmas of peer tools, mapped to
//! ironlaw rules through each rule's `equivalents`.
//!
//! | pragma | scope |
//! |---|---|
//! | `# ironlaw:ignore[ID,…] reason` | the statement on that line, or the next one |
//! | `# ironlaw:ignore reason` | every rule, same scope |
//! | `# ironlaw:ignore-file[ID,…] reason` | the whole file |
//! | `# hadolint ignore=DL3008,DL3009` | the next statement |
//! | `# hadolint global ignore=DL3008` | the whole file |
//! | `#checkov:skip=CKV_DOCKER_2:reason` | the whole file (as Checkov does for Dockerfiles) |
//! | `#trivy:ignore:DS-0002` (also `AVD-DS-0002`, `DS002`) | the next statement |
//! | `# kics-scan ignore-line` / `ignore-block` | the next line / statement |
//! | `# kics-scan ignore` / `disable=<uuid>,…` | the whole file / those queries in the file |
//! | `# zizmor: ignore[audit,…]` | its own line when trailing, else the next line |

use crate::engine::RuleSelection;
use crate::finding::{Diagnostic, Finding, Suppression};
use crate::rules::{self, Family, RuleMeta, il};
use crate::source::{SourceFile, Span};

/// What a pragma applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    /// Every rule.
    All,
    /// These rules.
    Rules(Vec<&'static RuleMeta>),
    /// Every rule of a family (secret pragmas: every `SEC` rule, user rules included).
    Family(Family),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// 1-based inclusive line range.
    Lines(usize, usize),
    File,
}

#[derive(Clone, Debug)]
struct Pragma {
    target: Target,
    scope: Scope,
    /// `inline` or `file`.
    kind: &'static str,
    /// The pragma as written.
    source: String,
    reason: Option<String>,
    /// ironlaw's own pragma (reported when unused or without a reason).
    own: bool,
    span: Span,
    /// `Some(date)` when the pragma carries an `:exp:` date that has passed: it suppresses
    /// nothing and is reported as `IL004`.
    expired: Option<String>,
}

/// The suppressions of one file.
#[derive(Debug, Default)]
pub struct Suppressions {
    pragmas: Vec<Pragma>,
    /// Diagnostics about the pragmas themselves (unknown ids).
    problems: Vec<Diagnostic>,
}

/// Line ranges of the statements, for pragma scoping.
fn statement_lines(file: &SourceFile, statements: &[Span]) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = statements
        .iter()
        .map(|s| {
            let a = file.position(s.start).line;
            let b = file.position(s.end.saturating_sub(1).max(s.start)).line;
            (a, b.max(a))
        })
        .collect();
    v.sort_unstable();
    v
}

/// Find the pragmas in a file's comments.
#[must_use]
pub fn scan(file: &SourceFile, statements: &[Span]) -> Suppressions {
    let mut out = Suppressions::default();
    if !file.text.contains("ignore")
        && !file.text.contains("skip")
        && !file.text.contains("disable")
    {
        return out;
    }
    let stmts = statement_lines(file, statements);
    let total = file.lines.line_count();
    let mut offset = 0;
    for (idx, raw_line) in file.text.split_inclusive('\n').enumerate() {
        let line_no = idx + 1;
        let line_off = offset;
        offset += raw_line.len();
        let Some(hash) = comment_start(raw_line) else {
            continue;
        };
        let comment = raw_line
            .get(hash + 1..)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r']);
        let span = Span::new(line_off + hash, line_off + hash + 1 + comment.len());
        let trailing = raw_line.get(..hash).is_some_and(|b| !b.trim().is_empty());
        // a pragma trailing code applies to that code's statement (or line)
        let next_scope = || {
            if trailing {
                own_statement(&stmts, line_no)
            } else {
                next_statement(&stmts, line_no, total, file)
            }
        };
        if let Some(p) = zizmor_pragma(comment.trim(), span, line_no, trailing, file) {
            out.pragmas.push(p);
            continue;
        }
        for p in parse_comment(comment.trim(), span, next_scope, &mut out.problems) {
            out.pragmas.push(p);
        }
    }
    out
}

/// The statement containing `line`, else the line itself.
fn own_statement(stmts: &[(usize, usize)], line: usize) -> Scope {
    match stmts.iter().find(|(a, b)| *a <= line && line <= *b) {
        Some(&(a, b)) => Scope::Lines(a, b),
        None => Scope::Lines(line, line),
    }
}

/// The statement containing `line`, else the first one after it, else the next line.
fn next_statement(stmts: &[(usize, usize)], line: usize, total: usize, file: &SourceFile) -> Scope {
    if let Some(&(a, b)) = stmts
        .iter()
        .find(|(a, b)| *a <= line && line <= *b && *a != line)
    {
        return Scope::Lines(a, b);
    }
    if let Some(&(a, b)) = stmts.iter().find(|(a, _)| *a > line) {
        // only if nothing but comments/blank lines stand between
        let gap_clean = (line + 1..a).all(|l| {
            let t = file.line_text(l).trim();
            t.is_empty() || t.starts_with('#')
        });
        if gap_clean {
            return Scope::Lines(a, b);
        }
    }
    if let Some(&(a, b)) = stmts.iter().find(|(a, _)| *a == line) {
        return Scope::Lines(a, b);
    }
    let mut l = line + 1;
    while l <= total {
        let t = file.line_text(l).trim();
        if !t.is_empty() && !t.starts_with('#') {
            return Scope::Lines(l, l);
        }
        l += 1;
    }
    Scope::Lines(line, line)
}

/// Byte index of a `#` that starts a comment holding a pragma (whole-line comments, or a
/// trailing ` # ironlaw:…`).
fn comment_start(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return Some(line.len() - trimmed.len());
    }
    let i = line.find(" #")?;
    let rest = line.get(i + 2..)?.trim_start();
    [
        "ironlaw:",
        "hadolint",
        "checkov:",
        "trivy:",
        "kics-scan",
        "tfsec:",
        "gitleaks:",
        "nosec",
        "zizmor:",
    ]
    .iter()
    .any(|p| rest.starts_with(p))
    .then_some(i + 1)
}

fn split_ids(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', ' ']).map(str::trim).filter(|x| !x.is_empty())
}

fn reason_of(s: &str) -> Option<String> {
    let r = s.trim().trim_start_matches([':', '-', '—']).trim();
    (!r.is_empty()).then(|| r.to_string())
}

/// Parse one comment's text (without `#`) into pragmas.
fn parse_comment(
    c: &str,
    span: Span,
    next_scope: impl Fn() -> Scope,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Pragma> {
    let mut out = Vec::new();
    let lower = c.to_ascii_lowercase();
    // ironlaw:ignore[...] / ironlaw:ignore-file[...]
    if let Some(rest) = c.strip_prefix("ironlaw:") {
        let (file_wide, rest) = match rest.strip_prefix("ignore-file") {
            Some(r) => (true, r),
            None => match rest.strip_prefix("ignore") {
                Some(r) => (false, r),
                None => return out,
            },
        };
        let (target, reason) = if let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']').unwrap_or(r.len());
            let ids = r.get(..close).unwrap_or("");
            let metas = resolve_ids(ids, span, problems);
            (
                Target::Rules(metas),
                reason_of(r.get(close + 1..).unwrap_or("")),
            )
        } else {
            (Target::All, reason_of(rest))
        };
        out.push(Pragma {
            target,
            scope: if file_wide { Scope::File } else { next_scope() },
            kind: if file_wide { "file" } else { "inline" },
            source: format!("# {}", c.trim()),
            reason,
            own: true,
            span,
            expired: None,
        });
        return out;
    }
    let peer = |tool: &str, ids: Vec<&str>| peer_target(tool, &ids);
    let mk = |target: Target, scope: Scope, reason: Option<String>| Pragma {
        kind: if scope == Scope::File {
            "file"
        } else {
            "inline"
        },
        target,
        scope,
        source: format!("# {}", c.trim()),
        reason,
        own: false,
        span,
        expired: None,
    };
    if let Some(rest) = lower.strip_prefix("hadolint") {
        let rest = rest.trim_start();
        let (global, rest) = match rest.strip_prefix("global") {
            Some(r) => (true, r.trim_start()),
            None => (false, rest),
        };
        if let Some(ids) = rest.strip_prefix("ignore=") {
            let ids: Vec<&str> = split_ids(ids).collect();
            let scope = if global { Scope::File } else { next_scope() };
            out.push(mk(peer("hadolint", ids), scope, None));
        }
    } else if let Some(rest) = c
        .strip_prefix("checkov:skip=")
        .or_else(|| c.strip_prefix("checkov:skip ="))
    {
        let rest = rest.trim();
        let (id, reason) = rest.split_once(':').unwrap_or((rest, ""));
        out.push(mk(
            peer("checkov", vec![id.trim()]),
            Scope::File,
            reason_of(reason),
        ));
    } else if let Some(rest) = lower.strip_prefix("trivy:ignore:") {
        let id = rest.split_whitespace().next().unwrap_or("");
        out.push(mk(peer("trivy", vec![id]), next_scope(), None));
    } else if let Some(rest) = lower.strip_prefix("kics-scan") {
        let rest = rest.trim();
        if rest == "ignore-line" {
            let scope = match next_scope() {
                Scope::Lines(a, _) => Scope::Lines(a, a),
                Scope::File => Scope::File,
            };
            out.push(mk(Target::All, scope, None));
        } else if rest == "ignore-block" {
            out.push(mk(Target::All, next_scope(), None));
        } else if rest == "ignore" {
            out.push(mk(Target::All, Scope::File, None));
        } else if let Some(ids) = rest.strip_prefix("disable=") {
            out.push(mk(
                peer("kics", split_ids(ids).collect()),
                Scope::File,
                None,
            ));
        }
    }
    out
}

/// The rules named by a comma/space separated list of ironlaw ids or names; unknown ones
/// become `IL005` diagnostics (with a "did you mean").
fn resolve_ids(ids: &str, span: Span, problems: &mut Vec<Diagnostic>) -> Vec<&'static RuleMeta> {
    let reg = rules::registry();
    let mut metas = Vec::new();
    for id in split_ids(ids) {
        match reg.get(id) {
            Some(m) => metas.push(m),
            None => {
                let hint = reg
                    .suggest(id)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                problems.push(
                    Diagnostic::new(
                        &il::UNKNOWN_RULE_IN_SUPPRESSION,
                        span,
                        format!("suppression names unknown rule \"{id}\"{hint}"),
                    )
                    .anchor(id.to_string()),
                );
            }
        }
    }
    metas
}

/// The rules whose `equivalents` name one of `ids` of `tool`.
fn peer_target(tool: &str, ids: &[&str]) -> Target {
    let mut metas: Vec<&'static RuleMeta> = Vec::new();
    for id in ids {
        for m in rules::registry().metas() {
            if m.equivalents_of(tool).any(|e| same_peer_id(tool, e, id)) && !metas.contains(m) {
                metas.push(*m);
            }
        }
    }
    Target::Rules(metas)
}

/// Compare a peer id from metadata with one from a comment, tolerating the spellings tools
/// use (`DS002`, `DS-0002`, `AVD-DS-0002` are the same Trivy check).
fn same_peer_id(tool: &str, ours: &str, theirs: &str) -> bool {
    if ours.eq_ignore_ascii_case(theirs) {
        return true;
    }
    if tool != "trivy" {
        return false;
    }
    let norm = |s: &str| {
        let s = s.to_ascii_uppercase();
        let s = s.strip_prefix("AVD-").unwrap_or(&s).replace('-', "");
        let (prefix, num): (String, String) = s.chars().partition(|c| !c.is_ascii_digit());
        (prefix, num.trim_start_matches('0').to_string())
    };
    norm(ours) == norm(theirs)
}

/// `zizmor: ignore[audit,…]`: rules equivalent to those zizmor audits, on the comment's own
/// line when it trails code, else on the next non-blank line.
fn zizmor_pragma(
    c: &str,
    span: Span,
    line: usize,
    trailing: bool,
    file: &SourceFile,
) -> Option<Pragma> {
    let rest = c.strip_prefix("zizmor:")?.trim_start();
    let ids = rest.strip_prefix("ignore[")?;
    let close = ids.find(']').unwrap_or(ids.len());
    let ids: Vec<&str> = split_ids(ids.get(..close).unwrap_or("")).collect();
    let scope = if trailing {
        Scope::Lines(line, line)
    } else {
        let total = file.lines.line_count();
        let mut l = line + 1;
        while l < total && file.line_text(l).trim().is_empty() {
            l += 1;
        }
        Scope::Lines(line + 1, l.max(line + 1))
    };
    Some(Pragma {
        target: peer_target("zizmor", &ids),
        scope,
        kind: "inline",
        source: format!("# {c}"),
        reason: None,
        own: false,
        span,
        expired: None,
    })
}

/// The scope of a marker at byte `at` of `line` (its text): the line itself when code
/// precedes the marker, else (a comment line of any syntax) the line and the next one.
fn own_or_next(text: &str, at: usize, line: usize) -> Scope {
    let before = text.get(..at).unwrap_or("");
    let code = before
        .trim()
        .trim_start_matches(['#', '/', '*', '<', '!', '-', ';', '%', '\'', '"'])
        .trim();
    if code.is_empty() {
        Scope::Lines(line, line + 1)
    } else {
        Scope::Lines(line, line)
    }
}

impl Suppressions {
    /// Add the suppressions a Kubernetes object declares in its annotations; they cover the
    /// object's lines (`object` is the span of the object's mapping, `key_span` that of
    /// each annotation key):
    ///
    /// | annotation | suppresses |
    /// |---|---|
    /// | `ironlaw.dev/ignore: "K8S002,K8S004 reason"` | those ironlaw rules |
    /// | `ignore-check.kube-linter.io/<check>: "reason"` | rules equivalent to that kube-linter check |
    /// | `kube-linter.io/ignore-all: "reason"` | every rule |
    /// | `checkov.io/skip<N>: CKV_K8S_20=reason` | rules equivalent to that Checkov check |
    /// | `kube-score/ignore: check-a,check-b` | rules equivalent to those kube-score checks |
    /// | `polaris.fairwinds.com/<check>-exempt: "true"`, `polaris.fairwinds.com/exempt: "true"` | that Polaris check / every rule |
    pub fn add_annotations<'a>(
        &mut self,
        file: &SourceFile,
        object: Span,
        annotations: impl IntoIterator<Item = (&'a str, &'a str, Span)>,
    ) {
        let a = file.position(object.start).line;
        let b = file
            .position(object.end.saturating_sub(1).max(object.start))
            .line
            .max(a);
        let scope = Scope::Lines(a, b);
        for (key, value, span) in annotations {
            let source = format!("{key}: {value}");
            let mk = |target: Target, reason: Option<String>, own: bool| Pragma {
                target,
                scope,
                kind: "annotation",
                source: source.clone(),
                reason,
                own,
                span,
                expired: None,
            };
            let pragma = if key == "ironlaw.dev/ignore" {
                let (ids, reason) = value.split_once(char::is_whitespace).unwrap_or((value, ""));
                let metas = resolve_ids(ids, span, &mut self.problems);
                mk(Target::Rules(metas), reason_of(reason), true)
            } else if let Some(check) = key.strip_prefix("ignore-check.kube-linter.io/") {
                mk(
                    peer_target("kube-linter", &[check]),
                    reason_of(value),
                    false,
                )
            } else if key == "kube-linter.io/ignore-all" {
                mk(Target::All, reason_of(value), false)
            } else if key.starts_with("checkov.io/skip") {
                let (id, reason) = value.split_once('=').unwrap_or((value, ""));
                mk(
                    peer_target("checkov", &[id.trim()]),
                    reason_of(reason),
                    false,
                )
            } else if key == "kube-score/ignore" {
                mk(
                    peer_target("kube-score", &split_ids(value).collect::<Vec<_>>()),
                    None,
                    false,
                )
            } else if key == "polaris.fairwinds.com/exempt" && value.trim() == "true" {
                mk(Target::All, None, false)
            } else if let Some(check) = key
                .strip_prefix("polaris.fairwinds.com/")
                .and_then(|k| k.strip_suffix("-exempt"))
            {
                if value.trim() != "true" {
                    continue;
                }
                mk(peer_target("polaris", &[check]), None, false)
            } else {
                continue;
            };
            self.pragmas.push(pragma);
        }
    }

    /// Split findings into kept and suppressed; report unused/unreasoned/unknown pragmas.
    ///
    /// Pragmas that name a surface rule are not judged unused here (surface rules run after
    /// the per-file pass): see [`Suppressions::apply_surface`].
    #[must_use]
    pub fn apply(
        &self,
        file: &SourceFile,
        findings: Vec<Finding>,
        selection: &RuleSelection,
    ) -> (Vec<Finding>, Vec<Finding>, Vec<Finding>) {
        self.apply_in(file, findings, selection, false)
    }

    /// [`Suppressions::apply`] for the findings of the surface pass: the only pragma findings
    /// are unused pragmas that name surface rules only (the per-file pass reported the rest).
    #[must_use]
    pub fn apply_surface(
        &self,
        file: &SourceFile,
        findings: Vec<Finding>,
        selection: &RuleSelection,
    ) -> (Vec<Finding>, Vec<Finding>, Vec<Finding>) {
        self.apply_in(file, findings, selection, true)
    }

    fn apply_in(
        &self,
        file: &SourceFile,
        findings: Vec<Finding>,
        selection: &RuleSelection,
        surface: bool,
    ) -> (Vec<Finding>, Vec<Finding>, Vec<Finding>) {
        let reg = crate::rules::registry();
        let mut used = vec![false; self.pragmas.len()];
        let mut kept = Vec::new();
        let mut suppressed = Vec::new();
        for mut f in findings {
            let hit = self.pragmas.iter().enumerate().find(|(_, p)| {
                if p.expired.is_some() {
                    return false;
                }
                let in_scope = match p.scope {
                    Scope::File => true,
                    Scope::Lines(a, b) => a <= f.start.line && f.start.line <= b,
                };
                in_scope
                    && match &p.target {
                        Target::All => true,
                        Target::Rules(r) => r.iter().any(|m| std::ptr::eq(*m, f.rule)),
                        Target::Family(fam) => f.rule.family == *fam,
                    }
            });
            match hit {
                Some((i, p)) => {
                    if let Some(u) = used.get_mut(i) {
                        *u = true;
                    }
                    f.suppressed = Some(Suppression {
                        kind: p.kind,
                        source: p.source.clone(),
                        reason: p.reason.clone(),
                    });
                    suppressed.push(f);
                }
                None => kept.push(f),
            }
        }
        let mut extra: Vec<Diagnostic> = if surface {
            Vec::new()
        } else {
            self.problems.clone()
        };
        for (p, used) in self.pragmas.iter().zip(&used) {
            if let Some(date) = &p.expired {
                if !surface {
                    extra.push(
                        Diagnostic::new(
                            &il::UNUSED_SUPPRESSION,
                            p.span,
                            format!(
                                "suppression `{}` expired on {date} and no longer suppresses anything",
                                p.source.trim_start_matches("# ")
                            ),
                        )
                        .anchor(p.source.clone()),
                    );
                }
                continue;
            }
            if !p.own {
                continue;
            }
            if p.reason.is_none() && !surface {
                extra.push(
                    Diagnostic::new(
                        &il::SUPPRESSION_WITHOUT_REASON,
                        p.span,
                        format!(
                            "suppression `{}` gives no reason",
                            p.source.trim_start_matches("# ")
                        ),
                    )
                    .anchor(p.source.clone()),
                );
            }
            let all_enabled = match &p.target {
                Target::All => true,
                Target::Family(_) => false,
                // surface rules run after the per-file pass: a pragma naming one cannot be
                // judged unused here
                Target::Rules(r) => {
                    !r.is_empty()
                        && r.iter().all(|m| selection.enabled(m))
                        && if surface {
                            r.iter().all(|m| reg.is_surface(m))
                        } else {
                            !r.iter().any(|m| reg.is_surface(m))
                        }
                }
            };
            // a pragma for every rule is judged by the per-file pass only
            let all_enabled = all_enabled && !(surface && matches!(p.target, Target::All));
            if !used && all_enabled {
                extra.push(
                    Diagnostic::new(
                        &il::UNUSED_SUPPRESSION,
                        p.span,
                        format!(
                            "suppression `{}` matches no finding",
                            p.source.trim_start_matches("# ")
                        ),
                    )
                    .anchor(p.source.clone()),
                );
            }
        }
        let extra = extra
            .into_iter()
            .filter(|d| selection.enabled(d.rule))
            .map(|d| {
                let sev = selection.severity_of(d.rule);
                Finding::place(file, d, sev)
            })
            .collect();
        (kept, suppressed, extra)
    }

    /// Add the secret pragmas of a file, whatever its comment syntax (the marker may sit
    /// anywhere on the line):
    ///
    /// | marker | suppresses |
    /// |---|---|
    /// | `gitleaks:allow` | every `SEC` finding on that line |
    /// | `pragma: allowlist secret` (detect-secrets) | same |
    /// | `pragma: allowlist nextline secret` | every `SEC` finding on the next line |
    /// | `trufflehog:ignore` | every `SEC` finding on that line |
    /// | `checkov:skip=CKV_SECRET_6` | rules equivalent to that Checkov check: that line when it trails code, else that line and the next |
    /// | `ironlaw:ignore[SEC001,…] reason` (only with `own`: files of no artifact kind, whose comments the other scanners do not read; never reported as unused there, prose mentions them) | those rules, same scope |
    pub fn add_secret_markers(&mut self, file: &SourceFile, own: bool) {
        const MARKERS: [&str; 5] = [
            "gitleaks:allow",
            "pragma: allowlist",
            "trufflehog:ignore",
            "CKV_SECRET_",
            "ironlaw:ignore",
        ];
        if !MARKERS.iter().any(|m| file.text.contains(m)) {
            return;
        }
        let mut offset = 0;
        for (idx, raw) in file.text.split_inclusive('\n').enumerate() {
            let line = idx + 1;
            let at = offset;
            offset += raw.len();
            let text = raw.trim_end_matches(['\n', '\r']);
            let peer = |marker: &str, scope: Scope, target: Target| {
                let i = text.find(marker).unwrap_or(0);
                Pragma {
                    target,
                    scope,
                    kind: "inline",
                    source: marker.to_string(),
                    reason: None,
                    own: false,
                    span: Span::new(at + i, at + i + marker.len()),
                    expired: None,
                }
            };
            let secrets = || Target::Family(Family::Secrets);
            for marker in [
                "gitleaks:allow",
                "pragma: allowlist secret",
                "trufflehog:ignore",
            ] {
                if text.contains(marker) {
                    self.pragmas
                        .push(peer(marker, Scope::Lines(line, line), secrets()));
                }
            }
            if text.contains("pragma: allowlist nextline secret") {
                self.pragmas.push(peer(
                    "pragma: allowlist nextline secret",
                    Scope::Lines(line + 1, line + 1),
                    secrets(),
                ));
            }
            if let Some(i) = text.find("checkov:skip=CKV_SECRET_") {
                let rest = text.get(i + "checkov:skip=".len()..).unwrap_or("");
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let source = format!("checkov:skip={id}");
                let mut p = peer(
                    "checkov:skip=",
                    own_or_next(text, i, line),
                    peer_target("checkov", &[id.as_str()]),
                );
                p.source = source;
                self.pragmas.push(p);
            }
            if !own {
                continue;
            }
            if let Some(i) = text.find("ironlaw:ignore") {
                let c = text.get(i..).unwrap_or("");
                // the comment's closing marker is not part of the reason
                let c = c
                    .trim_end()
                    .trim_end_matches("*/")
                    .trim_end_matches("-->")
                    .trim_end();
                let span = Span::new(at + i, at + i + c.len());
                let scope = || own_or_next(text, i, line);
                // text files mention pragmas in prose and code: never reported as unused,
                // unknown or without a reason there
                let mut ignored = Vec::new();
                for mut p in parse_comment(c, span, scope, &mut ignored) {
                    p.own = false;
                    self.pragmas.push(p);
                }
            }
        }
    }

    /// Number of pragmas found.
    #[must_use]
    pub fn len(&self) -> usize {
        self.pragmas.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pragmas.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trivy_ids_normalise() {
        assert!(same_peer_id("trivy", "DS-0002", "AVD-DS-0002"));
        assert!(same_peer_id("trivy", "DS-0002", "ds002"));
        assert!(!same_peer_id("trivy", "DS-0002", "DS-0020"));
        assert!(!same_peer_id("hadolint", "DL3007", "DL3008"));
    }

    #[test]
    fn trailing_comment_detection() {
        assert_eq!(comment_start("# hadolint ignore=DL3007"), Some(0));
        assert_eq!(comment_start("  # x"), Some(2));
        assert_eq!(comment_start("RUN x # ironlaw:ignore[DF001] ok"), Some(6));
        assert_eq!(comment_start("RUN echo '#' x"), None);
    }
}

// ---------------------------------------------------------------------------------------------
// HCL (Terraform)

/// A comment of an HCL file: 1-based line, byte offset of its marker, text after the marker.
#[derive(Debug, PartialEq, Eq)]
struct HclComment<'a> {
    line: usize,
    offset: usize,
    text: &'a str,
    /// Byte offset just after the comment text.
    end: usize,
}

/// The comments of an HCL file (`#`, `//`, and each line of a `/* */` block), skipping
/// strings, interpolations and heredocs.
fn hcl_comments(text: &str) -> Vec<HclComment<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    // stack of contexts: true = inside a quoted string, false = inside `${ … }` code
    let mut stack: Vec<bool> = Vec::new();
    let at = |j: usize| bytes.get(j).copied().unwrap_or(0);
    let line_end = |j: usize| {
        text.get(j..)
            .and_then(|r| r.find('\n'))
            .map_or(text.len(), |n| j + n)
    };
    while i < bytes.len() {
        let c = at(i);
        if c == b'\n' {
            line += 1;
            i += 1;
            continue;
        }
        if stack.last() == Some(&true) {
            // in a string
            match c {
                b'\\' => i += 2,
                b'"' => {
                    stack.pop();
                    i += 1;
                }
                b'$' | b'%' if at(i + 1) == b'{' => {
                    stack.push(false);
                    i += 2;
                }
                _ => i += 1,
            }
            continue;
        }
        match c {
            b'"' => {
                stack.push(true);
                i += 1;
            }
            b'{' if !stack.is_empty() => {
                stack.push(false);
                i += 1;
            }
            b'}' if !stack.is_empty() => {
                stack.pop();
                i += 1;
            }
            b'#' => {
                let end = line_end(i);
                let t = text.get(i + 1..end).unwrap_or("").trim_end_matches('\r');
                out.push(HclComment {
                    line,
                    offset: i,
                    text: t,
                    end: i + 1 + t.len(),
                });
                i = end;
            }
            b'/' if at(i + 1) == b'/' => {
                let end = line_end(i);
                let t = text.get(i + 2..end).unwrap_or("").trim_end_matches('\r');
                out.push(HclComment {
                    line,
                    offset: i,
                    text: t,
                    end: i + 2 + t.len(),
                });
                i = end;
            }
            b'/' if at(i + 1) == b'*' => {
                let close = text
                    .get(i + 2..)
                    .and_then(|r| r.find("*/"))
                    .map_or(text.len(), |n| i + 2 + n);
                let mut start = i + 2;
                for part in text.get(i + 2..close).unwrap_or("").split('\n') {
                    let t = part.trim_end_matches('\r');
                    let lead = t.len() - t.trim_start().len();
                    let body = t.trim_start().trim_start_matches('*');
                    out.push(HclComment {
                        line,
                        offset: start + lead,
                        text: body,
                        end: start + t.len(),
                    });
                    start += part.len() + 1;
                    line += 1;
                }
                line -= 1;
                i = (close + 2).min(text.len());
            }
            b'<' if at(i + 1) == b'<' && stack.is_empty() => {
                // heredoc: `<<EOF` / `<<-EOF` up to a line holding only the delimiter
                let mut j = i + 2;
                if at(j) == b'-' {
                    j += 1;
                }
                let end = line_end(j);
                let delim = text.get(j..end).unwrap_or("").trim().trim_matches('"');
                if delim.is_empty() || !delim.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    i += 2;
                    continue;
                }
                let mut k = end;
                loop {
                    if k >= text.len() {
                        i = text.len();
                        break;
                    }
                    // k is at a '\n'
                    line += 1;
                    let next_end = line_end(k + 1);
                    if text.get(k + 1..next_end).map(str::trim) == Some(delim) {
                        i = next_end;
                        break;
                    }
                    k = next_end;
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The statement after (or containing) `line`, with HCL comment lines allowed in the gap.
fn next_statement_hcl(stmts: &[(usize, usize)], line: usize, file: &SourceFile) -> Scope {
    if let Some(&(a, b)) = stmts
        .iter()
        .find(|(a, b)| *a <= line && line <= *b && *a != line)
    {
        return Scope::Lines(a, b);
    }
    if let Some(&(a, b)) = stmts.iter().find(|(a, _)| *a > line) {
        let gap_clean = (line + 1..a).all(|l| {
            let t = file.line_text(l).trim();
            t.is_empty()
                || t.starts_with('#')
                || t.starts_with("//")
                || t.starts_with("/*")
                || t.starts_with('*')
        });
        if gap_clean {
            return Scope::Lines(a, b);
        }
    }
    if let Some(&(a, b)) = stmts.iter().find(|(a, _)| *a == line) {
        return Scope::Lines(a, b);
    }
    Scope::Lines(line, line + 1)
}

/// Whether an HCL comment follows code on its line.
fn trails_code(c: &HclComment<'_>, file: &SourceFile) -> bool {
    let start = file.lines.line_start(c.line);
    file.text
        .get(start..c.offset)
        .is_some_and(|before| !before.trim().is_empty())
}

/// The scope of a pragma that applies to "the line below" (as tflint does): the comment's own
/// line when it trails code, else the next line holding code — the whole statement when a
/// top-level block or attribute starts there.
fn line_below_hcl(stmts: &[(usize, usize)], c: &HclComment<'_>, file: &SourceFile) -> Scope {
    if trails_code(c, file) {
        return Scope::Lines(c.line, c.line);
    }
    let total = file.lines.line_count();
    let mut l = c.line + 1;
    while l <= total {
        let t = file.line_text(l).trim();
        let comment = t.is_empty()
            || t.starts_with('#')
            || t.starts_with("//")
            || t.starts_with("/*")
            || t.starts_with('*');
        if !comment {
            if let Some(&(a, b)) = stmts.iter().find(|(a, _)| *a == l) {
                return Scope::Lines(a, b);
            }
            return Scope::Lines(l, l);
        }
        l += 1;
    }
    Scope::Lines(c.line, c.line)
}

/// Find the pragmas of an HCL (Terraform) file. `statements` are the spans of its top-level
/// blocks and attributes. Comments may be `#`, `//` or `/* */`.
///
/// | pragma | scope |
/// |---|---|
/// | `ironlaw:ignore[ID,…] reason` | the top-level block on/after that line, or the block it is inside |
/// | `ironlaw:ignore-file[ID,…] reason` | the whole file |
/// | `checkov:skip=CKV_AWS_20:reason` | the block it is inside, or the block right after it |
/// | `tfsec:ignore:aws-s3-enable-versioning`, `trivy:ignore:AVD-AWS-0090` | same; with an `:exp:YYYY-MM-DD` suffix, only up to that date (after it the pragma suppresses nothing and is reported as `IL004`) |
/// | `tflint-ignore: rule_a, rule_b` (`all` for every rule) | the line below, the whole block when one starts there (or the comment's own line when it trails code) |
/// | `tflint-ignore-file: rule_a` | the whole file |
/// | `ts:skip=AC_AWS_0001 reason` (terrascan) | the block it is inside, or the block right after it |
/// | `kics-scan ignore-line` | the next line holding code (inside a block too) |
/// | `kics-scan ignore-block` / `ignore` / `disable=<uuid>,…` | as in other files |
///
/// Peer ids that no ironlaw rule lists in its `equivalents` match nothing (and, as for
/// every peer pragma, are not reported).
#[must_use]
pub fn scan_hcl(file: &SourceFile, statements: &[Span]) -> Suppressions {
    scan_hcl_at(file, statements, &today())
}

/// Today's UTC date from the system clock, `YYYY-MM-DD`.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

/// The `YYYY-MM-DD` date of an `:exp:` suffix, if well-formed.
fn expiry_date(s: &str) -> Option<&str> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let shape = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    let month = d.get(5..7)?.parse::<u32>().ok()?;
    let day = d.get(8..10)?.parse::<u32>().ok()?;
    (shape && (1..=12).contains(&month) && (1..=31).contains(&day)).then_some(d)
}

/// [`scan_hcl`] with "today" (`YYYY-MM-DD`) given, for expiry dates.
fn scan_hcl_at(file: &SourceFile, statements: &[Span], today: &str) -> Suppressions {
    let mut out = Suppressions::default();
    if !file.text.contains("ignore")
        && !file.text.contains("skip")
        && !file.text.contains("disable")
    {
        return out;
    }
    let stmts = statement_lines(file, statements);
    for c in hcl_comments(&file.text) {
        let trimmed = c.text.trim();
        let span = Span::new(c.offset, c.end);
        let scope = || next_statement_hcl(&stmts, c.line, file);
        let mk = |target: Target, reason: Option<String>| Pragma {
            target,
            scope: scope(),
            kind: "inline",
            source: format!("# {trimmed}"),
            reason,
            own: false,
            span,
            expired: None,
        };
        let lower = trimmed.to_ascii_lowercase();
        if let Some(rest) = trimmed
            .strip_prefix("checkov:skip=")
            .or_else(|| trimmed.strip_prefix("checkov:skip ="))
        {
            let rest = rest.trim();
            let (id, reason) = rest.split_once(':').unwrap_or((rest, ""));
            out.pragmas
                .push(mk(peer_target("checkov", &[id.trim()]), reason_of(reason)));
        } else if lower.starts_with("tfsec:ignore:") || lower.starts_with("trivy:ignore:") {
            // `tfsec:ignore:a tfsec:ignore:b:exp:2026-01-01`
            for word in lower.split_whitespace() {
                let word = word.trim_start_matches('#');
                let (tool, rest) = match word.split_once(":ignore:") {
                    Some((t @ ("tfsec" | "trivy"), r)) => (t, r),
                    _ => continue,
                };
                let (id, exp) = rest.split_once(":exp:").unwrap_or((rest, ""));
                let id = id.split('[').next().unwrap_or(id);
                let mut p = mk(peer_target(tool, &[id]), None);
                // dates compare as `YYYY-MM-DD` strings; the pragma holds through its date
                p.expired = expiry_date(exp).filter(|d| *d < today).map(str::to_string);
                out.pragmas.push(p);
            }
        } else if let Some(rest) = lower
            .strip_prefix("tflint-ignore-file:")
            .or_else(|| lower.strip_prefix("tflint-ignore:"))
        {
            // `tflint-ignore: rule_a, rule_b # reason` (`all` for every rule)
            let file_wide = lower.starts_with("tflint-ignore-file:");
            let (ids, reason) = rest.split_once('#').unwrap_or((rest, ""));
            let ids: Vec<&str> = split_ids(ids).collect();
            let target = if ids.contains(&"all") {
                Target::All
            } else {
                peer_target("tflint", &ids)
            };
            let mut p = mk(target, reason_of(reason));
            if file_wide {
                p.scope = Scope::File;
                p.kind = "file";
            } else {
                p.scope = line_below_hcl(&stmts, &c, file);
            }
            out.pragmas.push(p);
        } else if let Some(rest) = lower.strip_prefix("ts:skip=") {
            // terrascan: `#ts:skip=AC_AWS_0001 reason` inside the resource block
            let rest = rest.trim();
            let (id, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            out.pragmas
                .push(mk(peer_target("terrascan", &[id]), reason_of(reason)));
        } else if lower == "kics-scan ignore-line" {
            // the next line holding code (also inside a block), or this one when the
            // comment trails code
            let mut p = mk(Target::All, None);
            p.scope = match line_below_hcl(&stmts, &c, file) {
                Scope::Lines(a, _) if !trails_code(&c, file) => Scope::Lines(a, a),
                other => other,
            };
            out.pragmas.push(p);
        } else {
            let next = || scope();
            for p in parse_comment(trimmed, span, next, &mut out.problems) {
                out.pragmas.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod hcl_tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::engine::RuleSelection;
    use crate::finding::Severity;
    use crate::model::terraform::TfFile;
    use crate::parse::hcl;

    /// Apply the pragmas of `src` (scanned as of `today`) to one TF030 finding on `line`:
    /// (kept, suppressed, pragma findings as (id, message)).
    fn apply_tf030(src: &str, line: usize, today: &str) -> (usize, usize, Vec<(String, String)>) {
        apply_rule(src, "TF030", line, today)
    }

    fn apply_rule(
        src: &str,
        id: &str,
        line: usize,
        today: &str,
    ) -> (usize, usize, Vec<(String, String)>) {
        let file = SourceFile::new("main.tf", src.to_string());
        let tf = TfFile::new("main.tf", hcl::parse(src), false);
        let sups = scan_hcl_at(&file, &tf.statement_spans(), today);
        let start = file.lines.line_start(line);
        let meta = crate::rules::registry().get(id).unwrap();
        let f = Finding::place(
            &file,
            Diagnostic::new(meta, Span::at(start), "x"),
            Severity::Critical,
        );
        let (kept, suppressed, extra) =
            sups.apply(&file, vec![f], &RuleSelection::only(&[id, "IL"]));
        let extra = extra
            .into_iter()
            .map(|f| (f.rule.id.to_string(), f.message))
            .collect();
        (kept.len(), suppressed.len(), extra)
    }

    const EXP: &str = "resource \"aws_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  cidr_blocks = [\"0.0.0.0/0\"] #tfsec:ignore:aws-ec2-no-public-ingress-sgr:exp:2026-03-01\n}\n";

    #[test]
    fn expiry_is_enforced_against_today() {
        // up to and including the date, the pragma suppresses
        assert_eq!(apply_tf030(EXP, 3, "2026-02-28"), (0, 1, vec![]));
        assert_eq!(apply_tf030(EXP, 3, "2026-03-01"), (0, 1, vec![]));
        // after it, the finding is kept and the pragma is reported as expired
        let (kept, suppressed, extra) = apply_tf030(EXP, 3, "2026-03-02");
        assert_eq!((kept, suppressed), (1, 0));
        assert_eq!(extra.len(), 1, "{extra:?}");
        assert_eq!(extra[0].0, "IL004");
        assert!(extra[0].1.contains("expired on 2026-03-01"), "{extra:?}");
        // trivy spelling, pragma on the line above the block
        let src = "#trivy:ignore:AVD-AWS-0107:exp:2020-01-01\nresource \"aws_security_group_rule\" \"r\" {\n  type = \"ingress\"\n}\n";
        let (kept, _, extra) = apply_tf030(src, 3, "2026-01-01");
        assert_eq!(kept, 1);
        assert!(extra[0].1.contains("expired on 2020-01-01"), "{extra:?}");
        assert_eq!(apply_tf030(src, 3, "2019-12-31"), (0, 1, vec![]));
        // a malformed date is not enforced
        let src = src.replace("2020-01-01", "someday");
        assert_eq!(apply_tf030(&src, 3, "2026-01-01"), (0, 1, vec![]));
    }

    #[test]
    fn tflint_ignore_covers_the_line_or_block_below() {
        let src = "terraform {\n  # tflint-ignore: terraform_required_version\n  backend \"s3\" {}\n  x = 1\n}\n# tflint-ignore: terraform_module_pinned_source, other # vendored\nmodule \"m\" {\n  source = \"git::https://x/y.git\"\n}\nmodule \"n\" {\n  source = \"git::https://x/z.git\" # tflint-ignore: all\n}\n";
        let t = "2026-01-01";
        // inside a block: the line below only
        assert_eq!(apply_rule(src, "TF010", 3, t), (0, 1, vec![]));
        assert_eq!(apply_rule(src, "TF010", 4, t).0, 1);
        assert_eq!(apply_rule(src, "TF010", 1, t).0, 1);
        // above a block: the whole block, for rules listing that tflint name only
        assert_eq!(apply_rule(src, "TF013", 7, t), (0, 1, vec![]));
        assert_eq!(apply_rule(src, "TF013", 8, t), (0, 1, vec![]));
        assert_eq!(apply_rule(src, "TF030", 8, t).0, 1);
        // trailing `all`: its own line, every rule
        assert_eq!(apply_rule(src, "TF030", 11, t), (0, 1, vec![]));
        assert_eq!(apply_rule(src, "TF013", 10, t).0, 1);
        // the reason after `#` is kept
        let file = SourceFile::new("main.tf", src.to_string());
        let tf = TfFile::new("main.tf", hcl::parse(src), false);
        let sups = scan_hcl_at(&file, &tf.statement_spans(), t);
        assert_eq!(sups.len(), 3);
        assert_eq!(sups.pragmas[1].reason.as_deref(), Some("vendored"));
        // an unknown tflint rule matches nothing and is not reported
        let src = "# tflint-ignore: aws_instance_invalid_type\nresource \"aws_security_group_rule\" \"r\" {\n  type = \"ingress\"\n}\n";
        assert_eq!(apply_tf030(src, 3, t), (1, 0, vec![]));
        // tflint-ignore-file
        let src = "resource \"a\" \"b\" {}\n# tflint-ignore-file: terraform_required_version\n";
        assert_eq!(apply_rule(src, "TF010", 1, t), (0, 1, vec![]));
    }

    #[test]
    fn terrascan_skip_is_parsed_and_matches_no_rule_without_equivalents() {
        let src = "resource \"aws_security_group_rule\" \"r\" {\n  #ts:skip=AC_AWS_0319 bastion only\n  type = \"ingress\"\n}\n";
        let file = SourceFile::new("main.tf", src.to_string());
        let tf = TfFile::new("main.tf", hcl::parse(src), false);
        let sups = scan_hcl_at(&file, &tf.statement_spans(), "2026-01-01");
        assert_eq!(sups.len(), 1);
        assert_eq!(sups.pragmas[0].scope, Scope::Lines(1, 4));
        assert_eq!(sups.pragmas[0].reason.as_deref(), Some("bastion only"));
        assert_eq!(sups.pragmas[0].target, Target::Rules(vec![]));
        // no rule lists a terrascan id: nothing is suppressed, nothing reported
        assert_eq!(apply_tf030(src, 3, "2026-01-01"), (1, 0, vec![]));
    }

    #[test]
    fn kics_ignore_line_inside_a_block_is_the_line_below() {
        let src = "resource \"aws_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  # kics-scan ignore-line\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\n# kics-scan ignore-line\nresource \"aws_security_group_rule\" \"s\" {\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\n";
        let t = "2026-01-01";
        assert_eq!(apply_tf030(src, 4, t), (0, 1, vec![]));
        assert_eq!(apply_tf030(src, 1, t).0, 1);
        assert_eq!(apply_tf030(src, 7, t), (0, 1, vec![]));
        assert_eq!(apply_tf030(src, 8, t).0, 1);
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(20_513), (2026, 3, 1));
        assert_eq!(expiry_date("2026-03-01 trailing"), Some("2026-03-01"));
        assert_eq!(expiry_date("2026-13-01"), None);
        assert_eq!(expiry_date("26-3-1"), None);
        assert_eq!(today().len(), 10);
    }

    #[test]
    fn hcl_comments_skip_strings_and_heredocs() {
        let src = "a = \"x # not\" # yes\nb = \"${f(\"#\")}\" // two\n/* three\n * four */\nc = <<EOF\n# no\nEOF\n# five\n";
        let got: Vec<(usize, &str)> = hcl_comments(src)
            .into_iter()
            .map(|c| (c.line, c.text.trim()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "yes"),
                (2, "two"),
                (3, "three"),
                (4, "four"),
                (8, "five")
            ]
        );
    }
}
