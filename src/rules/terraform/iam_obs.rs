//! Shared logic of the identity, observability/edge and GCP/Azure rules (TF070–TF099):
//! nested sections that are blocks in native syntax and objects in JSON syntax, IAM policy
//! statements (policy documents, heredoc JSON, `jsonencode({...})`), and "attribute missing or
//! set to a bad literal" checks.

use crate::finding::Diagnostic;
use crate::model::terraform::{Resource, ResourceMode};
use crate::parse::hcl::{Block, Body, Expr, ExprKind};
use crate::rules::RuleMeta;
use crate::source::Span;

/// A nested section of a resource: a block (`access_logs { … }`) in native syntax, or an
/// object value (`"access_logs": {…}` / `[{…}]`) in JSON syntax.
#[derive(Clone, Copy, Debug)]
pub enum Section<'a> {
    Block(&'a Block),
    Object(&'a Expr),
}

impl<'a> Section<'a> {
    /// The argument `key` of the section.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'a Expr> {
        match self {
            Section::Block(b) => b.body.attr(key).map(|a| &a.value),
            Section::Object(e) => e.get(key),
        }
    }

    /// Where a finding about the section as a whole points: the block header, or the object.
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            Section::Block(b) => b.header_span(),
            Section::Object(e) => e.span,
        }
    }

    /// The nested sections named `key`.
    #[must_use]
    pub fn sections(&self, key: &str) -> Vec<Section<'a>> {
        match self {
            Section::Block(b) => sections(&b.body, key),
            Section::Object(e) => e.get(key).map(object_sections).unwrap_or_default(),
        }
    }

    /// The first nested section named `key`.
    #[must_use]
    pub fn section(&self, key: &str) -> Option<Section<'a>> {
        self.sections(key).into_iter().next()
    }

    /// Whether the section has a `dynamic "key"` block (its content is not known statically).
    #[must_use]
    pub fn has_dynamic(&self, key: &str) -> bool {
        match self {
            Section::Block(b) => has_dynamic(&b.body, key),
            Section::Object(_) => false,
        }
    }
}

fn object_sections(e: &Expr) -> Vec<Section<'_>> {
    match &e.kind {
        ExprKind::Object(_) => vec![Section::Object(e)],
        ExprKind::List(items) => items
            .iter()
            .filter(|i| i.as_object().is_some())
            .map(Section::Object)
            .collect(),
        _ => Vec::new(),
    }
}

/// The sections named `key` of a body: blocks, or an attribute holding an object or a list
/// of objects (JSON syntax).
#[must_use]
pub fn sections<'a>(body: &'a Body, key: &str) -> Vec<Section<'a>> {
    let mut out: Vec<Section<'a>> = body
        .blocks
        .iter()
        .filter(|b| b.ident == key)
        .map(Section::Block)
        .collect();
    if let Some(a) = body.attr(key) {
        out.extend(object_sections(&a.value));
    }
    out
}

/// Whether `body` has a `dynamic "key"` block.
#[must_use]
pub fn has_dynamic(body: &Body, key: &str) -> bool {
    body.blocks("dynamic").any(|b| b.label(0) == Some(key))
}

/// The resource as a section (its top-level body).
#[must_use]
pub fn root<'a>(r: &Resource<'a>) -> Section<'a> {
    Section::Block(r.block)
}

/// A managed resource of one of `types`.
#[must_use]
pub fn managed_of(r: &Resource<'_>, types: &[&str]) -> bool {
    r.mode == ResourceMode::Managed && types.contains(&r.type_)
}

/// Push a diagnostic for a boolean argument `path` (`access_logs.enabled`: the last segment
/// is the key looked up in `s`, the whole path is named in messages) that must be literally
/// `want`. Reported when it is absent or `null` (only if `missing_at` is given, i.e. the
/// provider default is not `want`; at `missing_at`, or at the `null`), or a literal other than
/// `want` (at the value). Unknown values are never reported.
#[allow(clippy::too_many_arguments)]
pub fn require_bool(
    meta: &'static RuleMeta,
    r: &Resource<'_>,
    s: &Section<'_>,
    path: &str,
    want: bool,
    missing_at: Option<Span>,
    missing_msg: &str,
    out: &mut Vec<Diagnostic>,
) {
    let key = path.rsplit('.').next().unwrap_or(path);
    match s.get(key) {
        None => {
            if let Some(at) = missing_at {
                out.push(
                    Diagnostic::new(meta, at, format!("{} {missing_msg}", r.address()))
                        .anchor(format!("{}.{path}", r.address())),
                );
            }
        }
        Some(e) if matches!(e.kind, ExprKind::Null) => {
            if missing_at.is_some() {
                out.push(
                    Diagnostic::new(meta, e.span, format!("{} {missing_msg}", r.address()))
                        .anchor(format!("{}.{path}", r.address())),
                );
            }
        }
        Some(e) => {
            if let Some(v) = e.as_bool()
                && v != want
            {
                out.push(
                    Diagnostic::new(meta, e.span, format!("{} sets {path} = {v}", r.address()))
                        .anchor(format!("{}.{path}", r.address())),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// String values

/// The literal strings of a string or a list of strings, each with its span, and whether
/// some element is not a literal string (so the list is only partly known).
#[must_use]
pub fn strings(e: &Expr) -> (Vec<(&str, Span)>, bool) {
    if let Some(s) = e.as_str() {
        return (vec![(s, e.span)], false);
    }
    match &e.kind {
        ExprKind::List(items) => {
            let mut out = Vec::new();
            let mut unknown = false;
            for i in items {
                match i.as_str() {
                    Some(s) => out.push((s, i.span)),
                    None => unknown = true,
                }
            }
            (out, unknown)
        }
        _ => (Vec::new(), true),
    }
}

/// Case-insensitive glob match (`*` any run, `?` one character), as IAM matches actions.
#[must_use]
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let t: Vec<char> = text.to_ascii_lowercase().chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(c) if *c == '?' || Some(c) == t.get(ti) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    while p.get(pi) == Some(&'*') {
        pi += 1;
    }
    pi == p.len()
}

// ---------------------------------------------------------------------------------------------
// IAM policy statements

/// One `Allow` statement of an IAM policy, as far as it is known statically.
#[derive(Clone, Debug)]
pub struct Statement {
    /// The literal actions (`Action` / `actions`) with where they are.
    pub actions: Vec<(String, Span)>,
    /// The literal resources (`Resource` / `resources`).
    pub resources: Vec<String>,
    /// Where a finding about the statement's actions points.
    pub actions_span: Span,
    /// `aws_iam_policy.p` or `data.aws_iam_policy_document.d`.
    pub address: String,
}

impl Statement {
    /// Whether the statement applies to every resource (`"*"` among the resources).
    #[must_use]
    pub fn all_resources(&self) -> bool {
        self.resources.iter().any(|r| r == "*")
    }
}

/// Resources whose `policy` argument is an identity policy document.
pub const POLICY_RESOURCES: &[&str] = &[
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
];

/// The `Allow` statements of an identity policy: the `statement` blocks of
/// `data "aws_iam_policy_document"`, and the `policy` of `aws_iam_policy`,
/// `aws_iam_role_policy`, `aws_iam_user_policy`, `aws_iam_group_policy` and of
/// `aws_iam_role` `inline_policy` blocks when it is a literal JSON string (heredoc) or
/// `jsonencode({...})`. Statements whose effect is not known, and policies built from
/// references or templates, are left out (unknown); `NotAction`/`NotResource` statements too.
#[must_use]
pub fn allow_statements(r: &Resource<'_>) -> Vec<Statement> {
    let mut out = Vec::new();
    let address = r.address();
    match (r.mode, r.type_) {
        (ResourceMode::Data, "aws_iam_policy_document") => {
            for st in root(r).sections("statement") {
                let effect = st.get("effect").map(Expr::as_str);
                // default effect is Allow; a non-literal effect is unknown
                if !matches!(effect, None | Some(Some("Allow"))) {
                    continue;
                }
                let Some(actions) = st.get("actions") else {
                    continue;
                };
                let (acts, _) = strings(actions);
                let res = st
                    .get("resources")
                    .map(|e| strings(e).0)
                    .unwrap_or_default();
                out.push(Statement {
                    actions: acts.iter().map(|(s, sp)| ((*s).to_string(), *sp)).collect(),
                    resources: res.iter().map(|(s, _)| (*s).to_string()).collect(),
                    actions_span: actions.span,
                    address: address.clone(),
                });
            }
        }
        (ResourceMode::Managed, t) if POLICY_RESOURCES.contains(&t) => {
            if let Some(p) = r.attr("policy") {
                policy_statements(&p.value, &address, &mut out);
            }
        }
        (ResourceMode::Managed, "aws_iam_role") => {
            for ip in root(r).sections("inline_policy") {
                if let Some(p) = ip.get("policy") {
                    policy_statements(p, &address, &mut out);
                }
            }
        }
        _ => {}
    }
    out
}

/// The statements of a `policy` value: a JSON string or `jsonencode({...})`.
fn policy_statements(e: &Expr, address: &str, out: &mut Vec<Statement>) {
    match &e.kind {
        ExprKind::Str(s) => {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(s) else {
                return;
            };
            let stmts = match v.get("Statement") {
                Some(serde_json::Value::Array(a)) => a.iter().collect::<Vec<_>>(),
                Some(o @ serde_json::Value::Object(_)) => vec![o],
                _ => Vec::new(),
            };
            for st in stmts {
                if st.get("Effect").and_then(serde_json::Value::as_str) != Some("Allow") {
                    continue;
                }
                let json_strings = |k: &str| -> Vec<String> {
                    match st.get(k) {
                        Some(serde_json::Value::String(s)) => vec![s.clone()],
                        Some(serde_json::Value::Array(a)) => a
                            .iter()
                            .filter_map(serde_json::Value::as_str)
                            .map(str::to_string)
                            .collect(),
                        _ => Vec::new(),
                    }
                };
                out.push(Statement {
                    actions: json_strings("Action")
                        .into_iter()
                        .map(|a| (a, e.span))
                        .collect(),
                    resources: json_strings("Resource"),
                    actions_span: e.span,
                    address: address.to_string(),
                });
            }
        }
        ExprKind::Call { name, args } if name == "jsonencode" => {
            let Some(doc) = args.first() else { return };
            let stmts: Vec<&Expr> = match doc.get("Statement") {
                Some(x) if x.as_object().is_some() => vec![x],
                Some(x) => x.as_list().map(|l| l.iter().collect()).unwrap_or_default(),
                None => Vec::new(),
            };
            for st in stmts {
                if st.get("Effect").and_then(Expr::as_str) != Some("Allow") {
                    continue;
                }
                let Some(actions) = st.get("Action") else {
                    continue;
                };
                let (acts, _) = strings(actions);
                let res = st.get("Resource").map(|x| strings(x).0).unwrap_or_default();
                out.push(Statement {
                    actions: acts.iter().map(|(s, sp)| ((*s).to_string(), *sp)).collect(),
                    resources: res.iter().map(|(s, _)| (*s).to_string()).collect(),
                    actions_span: actions.span,
                    address: address.to_string(),
                });
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*", "iam:PassRole"));
        assert!(glob_match("iam:*", "iam:PassRole"));
        assert!(glob_match("IAM:pass*", "iam:PassRole"));
        assert!(glob_match("iam:?assRole", "iam:PassRole"));
        assert!(!glob_match("iam:Get*", "iam:PassRole"));
        assert!(!glob_match("s3:*", "iam:PassRole"));
        assert!(glob_match("*:*", "iam:PassRole"));
    }
}
