//! TF043 `s3-bucket-without-versioning`: an `aws_s3_bucket` has no versioning: no
//! `aws_s3_bucket_versioning` with `status = "Enabled"` for it in its module and no inline
//! `versioning { enabled = true }` (provider v3). A versioning resource or block that sets
//! `Suspended`/`Disabled`/`false` is reported at that value.
//!
//! Unknown values (`status = var.status` without default) and buckets whose versioning
//! companion has an unknown bucket are not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};
use crate::source::Span;

use super::aws_s3::{VERSIONING, has_dynamic, nested, resolved_bool, resolved_str, s3_modules};

pub struct S3BucketWithoutVersioning;

pub static META: RuleMeta = RuleMeta {
    id: "TF043",
    name: "s3-bucket-without-versioning",
    family: Family::Terraform,
    title: "S3 bucket without versioning",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Without versioning an overwrite or a delete (a buggy job, a wrong `aws s3 sync \
--delete`, ransomware with stolen keys) destroys the only copy of the object at once; with it \
every previous version stays recoverable, and lifecycle rules can expire old versions to bound \
the cost.",
    remediation: "Enable versioning (and expire noncurrent versions with a lifecycle rule): \
`resource \"aws_s3_bucket_versioning\" \"data\" { bucket = aws_s3_bucket.data.id \
versioning_configuration { status = \"Enabled\" } }`.",
    equivalents: &[
        "checkov:CKV_AWS_21",
        "tfsec:aws-s3-enable-versioning",
        "trivy:AWS-0090",
    ],
    references: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"],
};

/// Enabled, not enabled (where it says so), or unknown.
enum State {
    On,
    Off(Option<Span>),
    Unknown,
}

impl TerraformModuleRule for S3BucketWithoutVersioning {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        for s in s3_modules(project) {
            let m = s.module;
            for (i, b) in s.buckets.iter().enumerate() {
                let companions = s.companions_of(VERSIONING, i);
                let mut states: Vec<(State, &str, String)> = Vec::new();
                for c in &companions {
                    let conf = nested(c.res.body(), "versioning_configuration");
                    let state = if has_dynamic(c.res.body(), "versioning_configuration") {
                        State::Unknown
                    } else {
                        match conf.first() {
                            None => State::Unknown,
                            Some(v) => match v.value("status").map(|e| resolved_str(m, e)) {
                                Some(Some("Enabled")) => State::On,
                                Some(Some(_)) => State::Off(v.value_span("status")),
                                _ => State::Unknown,
                            },
                        }
                    };
                    states.push((state, &c.file.path, c.res.address()));
                }
                if companions.is_empty() {
                    let body = b.res.body();
                    let inline = nested(body, "versioning");
                    let state = if has_dynamic(body, "versioning") {
                        State::Unknown
                    } else if let Some(v) = inline.first() {
                        match v.value("enabled").map(|e| resolved_bool(m, e)) {
                            Some(Some(true)) => State::On,
                            Some(Some(false)) => State::Off(v.value_span("enabled")),
                            Some(None) => State::Unknown,
                            None => State::Off(Some(v.span())),
                        }
                    } else if s.judgeable(VERSIONING) {
                        State::Off(None)
                    } else {
                        State::Unknown
                    };
                    states.push((state, &b.file.path, b.address()));
                }
                if states
                    .iter()
                    .any(|(st, _, _)| matches!(st, State::On | State::Unknown))
                {
                    continue;
                }
                let Some((State::Off(span), path, addr)) = states.into_iter().next() else {
                    continue;
                };
                let (span, msg) = match span {
                    Some(sp) if addr != b.address() => (
                        sp,
                        format!("{addr} does not enable versioning of {}", b.address()),
                    ),
                    Some(sp) => (sp, format!("{} has versioning disabled", b.address())),
                    None => (
                        b.res.block.header_span(),
                        format!("{} has no versioning", b.address()),
                    ),
                };
                out.push(SurfaceDiagnostic::in_file(
                    path,
                    Diagnostic::new(&META, span, msg).anchor(b.address()),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn companion_inline_and_unknown() {
        let src = "variable \"s\" {}\nresource \"aws_s3_bucket\" \"a\" {\n  versioning {\n    enabled = true\n  }\n}\nresource \"aws_s3_bucket\" \"b\" {}\nresource \"aws_s3_bucket_versioning\" \"b\" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = \"Suspended\"\n  }\n}\nresource \"aws_s3_bucket\" \"c\" {}\nresource \"aws_s3_bucket_versioning\" \"c\" {\n  bucket = aws_s3_bucket.c.id\n  versioning_configuration {\n    status = var.s\n  }\n}\nresource \"aws_s3_bucket\" \"d\" {}\n";
        let got = lines("TF043", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, 11);
        assert_eq!(got[1].0, 21);
    }

    #[test]
    fn peer_pragma_on_the_bucket_suppresses() {
        use crate::discover::ArtifactKind;
        use crate::engine::{RuleSelection, check_text};
        let src = "resource \"aws_s3_bucket\" \"a\" {\n  #checkov:skip=CKV_AWS_21:scratch data\n  bucket = \"x\"\n}\n#tfsec:ignore:aws-s3-enable-versioning\nresource \"aws_s3_bucket\" \"b\" {}\n";
        let out = check_text(
            "main.tf",
            src,
            ArtifactKind::Terraform,
            &RuleSelection::only(&["TF043"]),
        );
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        assert_eq!(out.suppressed.len(), 2);
    }
}
