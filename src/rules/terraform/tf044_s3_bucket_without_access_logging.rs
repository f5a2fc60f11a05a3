//! TF044 `s3-bucket-without-access-logging`: an `aws_s3_bucket` has no server access logging:
//! no `aws_s3_bucket_logging` for it in its module and no inline `logging {}` (provider v3).
//!
//! Log buckets themselves are not reported (logging a log bucket into itself loops, into
//! another only moves the question): a bucket that is the `target_bucket` of another bucket's
//! logging in the module, whose ACL is `log-delivery-write`, or whose resource or bucket name
//! has a `log`/`logs`/`logging`/`audit`/`cloudtrail` word. Buckets whose logging companion has
//! an unknown bucket are not judged.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_s3::{
    ACL, Bucket, LOGGING, S3Module, Target, has_dynamic, nested, resolved_str, s3_modules,
};

pub struct S3BucketWithoutAccessLogging;

pub static META: RuleMeta = RuleMeta {
    id: "TF044",
    name: "s3-bucket-without-access-logging",
    family: Family::Terraform,
    title: "S3 bucket without server access logging",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Without access logs there is no record of who read, wrote or deleted which \
object: after a leak or a suspicious delete the investigation has nothing to start from \
(CloudTrail data events are the costlier alternative and are off by default).",
    remediation: "Send the bucket's access logs to a dedicated log bucket: \
`resource \"aws_s3_bucket_logging\" \"data\" { bucket = aws_s3_bucket.data.id, \
target_bucket = aws_s3_bucket.logs.id, target_prefix = \"s3/data/\" }`.",
    equivalents: &[
        "checkov:CKV_AWS_18",
        "tfsec:aws-s3-enable-bucket-logging",
        "trivy:AWS-0089",
    ],
    references: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"],
};

const LOG_WORDS: &[&str] = &[
    "log",
    "logs",
    "logging",
    "accesslogs",
    "audit",
    "cloudtrail",
    "trail",
];

fn log_named(b: &Bucket<'_>) -> bool {
    [Some(b.res.name), b.name].into_iter().flatten().any(|n| {
        n.to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| LOG_WORDS.contains(&w))
    })
}

/// Buckets of the module that receive logs.
fn log_buckets(s: &S3Module<'_, '_>) -> Vec<bool> {
    let mut out: Vec<bool> = s.buckets.iter().map(log_named).collect();
    let mut mark = |t: Target| {
        if let Target::Bucket(i) = t {
            if let Some(x) = out.get_mut(i) {
                *x = true;
            }
        }
    };
    for c in s.companions(LOGGING) {
        if let Some(a) = c.res.attr("target_bucket") {
            mark(s.target(&a.value));
        }
    }
    for c in s.companions(ACL) {
        let acl = c
            .res
            .attr("acl")
            .and_then(|a| resolved_str(s.module, &a.value));
        if acl == Some("log-delivery-write") {
            mark(c.target);
        }
    }
    for (i, b) in s.buckets.iter().enumerate() {
        for l in nested(b.res.body(), "logging") {
            if let Some(t) = l.value("target_bucket") {
                mark(s.target(t));
            }
        }
        let acl = b
            .res
            .attr("acl")
            .and_then(|a| resolved_str(s.module, &a.value));
        if acl == Some("log-delivery-write") {
            mark(Target::Bucket(i));
        }
    }
    out
}

impl TerraformModuleRule for S3BucketWithoutAccessLogging {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        for s in s3_modules(project) {
            if !s.judgeable(LOGGING) {
                continue;
            }
            let logs = log_buckets(&s);
            for (i, b) in s.buckets.iter().enumerate() {
                if logs.get(i).copied().unwrap_or(true)
                    || !nested(b.res.body(), "logging").is_empty()
                    || has_dynamic(b.res.body(), "logging")
                    || !s.companions_of(LOGGING, i).is_empty()
                {
                    continue;
                }
                out.push(SurfaceDiagnostic::in_file(
                    &b.file.path,
                    Diagnostic::new(
                        &META,
                        b.res.block.header_span(),
                        format!("{} has no server access logging", b.address()),
                    )
                    .anchor(b.address()),
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
    fn log_buckets_are_skipped() {
        let src = "resource \"aws_s3_bucket\" \"data\" {}\nresource \"aws_s3_bucket\" \"sink\" {}\nresource \"aws_s3_bucket\" \"other\" {}\nresource \"aws_s3_bucket_logging\" \"data\" {\n  bucket        = aws_s3_bucket.data.id\n  target_bucket = aws_s3_bucket.sink.id\n}\nresource \"aws_s3_bucket\" \"x\" {\n  bucket = \"acme-access-logs\"\n}\n";
        let got = lines("TF044", "main.tf", src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 3);
    }
}
