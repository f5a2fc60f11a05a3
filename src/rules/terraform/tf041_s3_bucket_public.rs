//! TF041 `s3-bucket-public`: an S3 bucket is made public by a canned ACL (`public-read`,
//! `public-read-write`, `authenticated-read`, inline or through `aws_s3_bucket_acl`), an ACL
//! grant to the `AllUsers`/`AuthenticatedUsers` groups, or a bucket policy statement that
//! allows `Principal: "*"` without any `Condition`.
//!
//! Policies are read from `jsonencode({…})`, from literal JSON strings and heredocs (text
//! interpolated into them counts as unknown text), and from a
//! `data.aws_iam_policy_document.<name>.json` of the same module; anything else is unknown and
//! not reported. Not reported either when the bucket's public access block (or an account-wide
//! one) rejects that kind of grant (`block_public_acls`/`ignore_public_acls` for ACLs,
//! `block_public_policy`/`restrict_public_buckets` for policies).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Module, Project, Resource, ResourceMode};
use crate::parse::hcl::{Expr, ExprKind};
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};
use crate::source::Span;

use super::aws_s3::{
    ACL, Nested, POLICY, PUBLIC_ACCESS_BLOCK, S3Module, Target, nested, pab_flag, resolved_str,
    s3_modules, unwrap_template,
};

pub struct S3BucketPublic;

pub static META: RuleMeta = RuleMeta {
    id: "TF041",
    name: "s3-bucket-public",
    family: Family::Terraform,
    title: "S3 bucket is public through its ACL or bucket policy",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A public-read ACL or an unconditioned `Principal: \"*\"` statement lets anyone on \
the internet list or download the bucket (a write grant lets them replace its content), and \
public buckets are found by scanners within hours: they are the most common cause of cloud data \
leaks. Intentionally public content (a static site) is better served through CloudFront with \
origin access control, keeping the bucket private.",
    remediation: "Keep the bucket private and grant access to named principals or through \
CloudFront: remove the public ACL (`acl = \"private\"`) and scope the policy, e.g. \
`Principal = { Service = \"cloudfront.amazonaws.com\" }` with a \
`Condition = { StringEquals = { \"AWS:SourceArn\" = aws_cloudfront_distribution.site.arn } }`.",
    equivalents: &[
        "checkov:CKV_AWS_20",
        "checkov:CKV_AWS_57",
        "checkov:CKV_AWS_70",
        "tfsec:aws-s3-no-public-access-with-acl",
        "trivy:AWS-0092",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html",
    ],
};

const PUBLIC_ACLS: &[&str] = &["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GROUPS: &[&str] = &[
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

/// What kind of grant: ACLs and policies are neutralised by different flags.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Acl,
    Policy,
}

impl TerraformModuleRule for S3BucketPublic {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        let account = account_flags(project);
        for s in s3_modules(project) {
            let mut found: Vec<(&str, Span, String, Target, Kind, String)> = Vec::new();
            for (i, b) in s.buckets.iter().enumerate() {
                let t = Target::Bucket(i);
                for (span, what, kind) in acl_exposures(&b.res)
                    .into_iter()
                    .chain(policy_exposure(s.module, &b.res))
                {
                    found.push((&b.file.path, span, what, t, kind, b.address()));
                }
            }
            for c in s.companions(ACL).iter().chain(s.companions(POLICY)) {
                for (span, what, kind) in acl_exposures(&c.res)
                    .into_iter()
                    .chain(policy_exposure(s.module, &c.res))
                {
                    found.push((&c.file.path, span, what, c.target, kind, c.res.address()));
                }
            }
            for (path, span, what, t, kind, addr) in found {
                if neutralised(&s, t, kind) || account.contains(&kind) {
                    continue;
                }
                out.push(SurfaceDiagnostic::in_file(
                    path,
                    Diagnostic::new(&META, span, format!("{addr} {what}"))
                        .anchor(format!("{addr}:{what}")),
                ));
            }
        }
    }
}

fn blocks(flags: [bool; 4], kind: Kind) -> bool {
    let [acls, policy, ignore, restrict] = flags;
    match kind {
        Kind::Acl => acls || ignore,
        Kind::Policy => policy || restrict,
    }
}

fn flags_of<'a>(m: &Module<'a>, r: &Resource<'a>) -> [bool; 4] {
    let f = |k: &str| pab_flag(m, r, k) == Some(true);
    [
        f("block_public_acls"),
        f("block_public_policy"),
        f("ignore_public_acls"),
        f("restrict_public_buckets"),
    ]
}

fn account_flags(project: &Project<'_>) -> Vec<Kind> {
    let mut out = Vec::new();
    for m in &project.modules {
        for f in m.config_files() {
            for r in f.resources() {
                if r.mode == ResourceMode::Managed
                    && r.type_ == "aws_s3_account_public_access_block"
                {
                    let fl = flags_of(m, &r);
                    for k in [Kind::Acl, Kind::Policy] {
                        if blocks(fl, k) && !out.contains(&k) {
                            out.push(k);
                        }
                    }
                }
            }
        }
    }
    out
}

fn neutralised(s: &S3Module<'_, '_>, t: Target, kind: Kind) -> bool {
    let Target::Bucket(i) = t else { return false };
    s.companions_of(PUBLIC_ACCESS_BLOCK, i)
        .iter()
        .any(|c| blocks(flags_of(s.module, &c.res), kind))
}

/// Public canned ACLs and public grants of a bucket or `aws_s3_bucket_acl`.
fn acl_exposures(r: &Resource<'_>) -> Vec<(Span, String, Kind)> {
    let mut out = Vec::new();
    if r.type_ != "aws_s3_bucket" && r.type_ != ACL {
        return out;
    }
    if let Some(a) = r.attr("acl") {
        if let Some(acl) = a.value.as_str().filter(|v| PUBLIC_ACLS.contains(v)) {
            out.push((a.span, format!("has ACL \"{acl}\""), Kind::Acl));
        }
    }
    // inline `grant { type = "Group", uri = … }` (v3) and
    // `access_control_policy { grant { grantee { uri = … } permission = … } }`
    let mut grants: Vec<Nested<'_>> = nested(r.body(), "grant");
    for acp in nested(r.body(), "access_control_policy") {
        grants.extend(acp.nested("grant"));
    }
    for g in grants {
        let uri = g
            .value("uri")
            .or_else(|| g.nested("grantee").first().and_then(|e| e.value("uri")))
            .and_then(Expr::as_str);
        if let Some(uri) = uri.filter(|u| PUBLIC_GROUPS.contains(u)) {
            let group = uri.rsplit('/').next().unwrap_or(uri);
            out.push((g.span(), format!("grants access to {group}"), Kind::Acl));
        }
    }
    out
}

/// A JSON-like value: policy documents from `jsonencode`, JSON text or HCL.
#[derive(Clone, Debug, PartialEq)]
enum J {
    Str(String),
    List(Vec<J>),
    Obj(Vec<(String, J)>),
    /// Anything else, or not known statically.
    Other,
}

impl J {
    fn get(&self, key: &str) -> Option<&J> {
        match self {
            J::Obj(items) => items.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            J::Str(s) => Some(s),
            _ => None,
        }
    }

    fn items(&self) -> Vec<&J> {
        match self {
            J::List(v) => v.iter().collect(),
            other => vec![other],
        }
    }

    fn from_json(v: &serde_json::Value) -> J {
        match v {
            serde_json::Value::String(s) => J::Str(s.clone()),
            serde_json::Value::Array(a) => J::List(a.iter().map(J::from_json).collect()),
            serde_json::Value::Object(o) => J::Obj(
                o.iter()
                    .map(|(k, v)| (k.clone(), J::from_json(v)))
                    .collect(),
            ),
            _ => J::Other,
        }
    }

    fn from_hcl(e: &Expr, depth: usize) -> J {
        if depth > 32 {
            return J::Other;
        }
        match &e.kind {
            ExprKind::Str(s) => J::Str(s.clone()),
            ExprKind::List(v) => J::List(v.iter().map(|x| J::from_hcl(x, depth + 1)).collect()),
            ExprKind::Object(items) => J::Obj(
                items
                    .iter()
                    .map(|i| (i.key.clone(), J::from_hcl(&i.value, depth + 1)))
                    .collect(),
            ),
            _ => J::Other,
        }
    }
}

/// The first statement of a policy document that allows everyone without a condition.
/// (index of the statement, its first action).
fn public_statement(doc: &J) -> Option<(usize, String)> {
    let statements = doc.get("Statement")?;
    for (i, st) in statements.items().into_iter().enumerate() {
        let allow = st
            .get("Effect")
            .and_then(J::as_str)
            .is_some_and(|e| e.eq_ignore_ascii_case("allow"));
        let condition = st
            .get("Condition")
            .is_some_and(|c| !matches!(c, J::Obj(v) if v.is_empty()));
        if !allow || condition || !everyone(st.get("Principal")) {
            continue;
        }
        return Some((i, first_action(st.get("Action"))));
    }
    None
}

fn everyone(p: Option<&J>) -> bool {
    match p {
        Some(J::Str(s)) => s == "*",
        Some(p @ J::Obj(_)) => p
            .get("AWS")
            .is_some_and(|a| a.items().iter().any(|x| x.as_str() == Some("*"))),
        _ => false,
    }
}

fn first_action(a: Option<&J>) -> String {
    a.and_then(|a| a.items().into_iter().find_map(J::as_str))
        .map_or_else(|| "actions".to_string(), str::to_string)
}

/// The policy of a bucket or `aws_s3_bucket_policy` as a document, when it can be read.
fn policy_doc<'a>(m: &Module<'a>, e: &'a Expr, depth: usize) -> Option<Result<J, String>> {
    if depth > 4 {
        return None;
    }
    let e = unwrap_template(e);
    match &e.kind {
        ExprKind::Call { name, args } if name == "jsonencode" => {
            args.first().map(|a| Ok(J::from_hcl(a, 0)))
        }
        ExprKind::Str(text) | ExprKind::Template { literal: text, .. } => {
            serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .map(|v| Ok(J::from_json(&v)))
        }
        ExprKind::Ref(path) => match path.as_slice() {
            [data, ty, name, json]
                if data == "data" && ty == "aws_iam_policy_document" && json == "json" =>
            {
                iam_document(m, name).map(Err)
            }
            [local, name] if local == "local" => {
                let a = m.local(name)?;
                policy_doc(m, &a.value, depth + 1)
            }
            _ => resolved_str(m, e)
                .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
                .map(|v| Ok(J::from_json(&v))),
        },
        _ => None,
    }
}

/// A public statement of `data "aws_iam_policy_document" "<name>"` in the module (its first
/// action), if there is one and the document can be read.
fn iam_document(m: &Module<'_>, name: &str) -> Option<String> {
    let doc = m.config_files().find_map(|f| {
        f.resources().into_iter().find(|r| {
            r.mode == ResourceMode::Data && r.type_ == "aws_iam_policy_document" && r.name == name
        })
    })?;
    let body = doc.body();
    if body.attr("override_policy_documents").is_some() || body.attr("override_json").is_some() {
        return None;
    }
    for st in nested(body, "statement") {
        let effect = st.value("effect").map_or(Some("Allow"), Expr::as_str);
        if !effect.is_some_and(|e| e.eq_ignore_ascii_case("allow")) {
            continue;
        }
        if !st.nested("condition").is_empty() || st.has_dynamic("condition") {
            continue;
        }
        let public = st.nested("principals").iter().any(|p| {
            let ty = p.value("type").and_then(Expr::as_str);
            let ids: Vec<&str> = p
                .value("identifiers")
                .and_then(Expr::as_list)
                .unwrap_or_default()
                .iter()
                .filter_map(Expr::as_str)
                .collect();
            ty == Some("*") || (ty == Some("AWS") && ids.contains(&"*"))
        });
        if public {
            let action = st
                .value("actions")
                .and_then(Expr::as_list)
                .and_then(|l| l.iter().find_map(Expr::as_str))
                .unwrap_or("actions");
            return Some(action.to_string());
        }
    }
    None
}

fn policy_exposure<'a>(m: &Module<'a>, r: &Resource<'a>) -> Option<(Span, String, Kind)> {
    if r.type_ != "aws_s3_bucket" && r.type_ != POLICY {
        return None;
    }
    let a = r.attr("policy")?;
    let (span, action) = match policy_doc(m, &a.value, 0)? {
        Ok(doc) => {
            let (i, action) = public_statement(&doc)?;
            (principal_span(&a.value, i).unwrap_or(a.span), action)
        }
        Err(action) => (a.span, action),
    };
    Some((
        span,
        format!("allows {action} to Principal \"*\" without a condition"),
        Kind::Policy,
    ))
}

/// In `jsonencode({ Statement = [...] })`, the `Principal` of statement `i`.
fn principal_span(policy: &Expr, i: usize) -> Option<Span> {
    let ExprKind::Call { name, args } = &unwrap_template(policy).kind else {
        return None;
    };
    if name != "jsonencode" {
        return None;
    }
    let statements = args.first()?.get("Statement")?;
    let st = match statements.as_list() {
        Some(list) => list.get(i)?,
        None if i == 0 => statements,
        None => return None,
    };
    st.as_object()?
        .iter()
        .find(|it| it.key == "Principal")
        .map(|it| it.key_span.cover(it.value.span))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn acl_policy_and_neutralised() {
        let src = r#"resource "aws_s3_bucket" "a" {
  acl = "public-read"
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.a.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.a.arn}/*" }]
  })
}
resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket_acl" "b" {
  bucket = aws_s3_bucket.b.id
  acl    = "public-read"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket = aws_s3_bucket.b.id
  block_public_acls = true
}
"#;
        let got = lines("TF041", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, 2);
        assert!(got[1].1.contains("s3:GetObject"), "{got:?}");
        let _ = tree;
    }

    #[test]
    fn conditions_and_deny_are_not_public() {
        let src = r#"resource "aws_s3_bucket_policy" "p" {
  bucket = "x"
  policy = <<EOF
{"Statement": [
  {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
  {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}
]}
EOF
}
"#;
        assert!(lines("TF041", "main.tf", src).is_empty());
    }

    #[test]
    fn grants_and_interpolated_heredoc() {
        let src = r#"resource "aws_s3_bucket_acl" "g" {
  bucket = "x"
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    owner {
      id = "abc"
    }
  }
}
resource "aws_s3_bucket_policy" "h" {
  bucket = aws_s3_bucket.b.id
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "${aws_s3_bucket.b.arn}/*"}]}
EOF
}
resource "aws_s3_bucket" "b" {}
"#;
        let got = lines("TF041", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].1.contains("AllUsers"), "{got:?}");
        assert_eq!(got[1].0, 18, "{got:?}");
    }
}
