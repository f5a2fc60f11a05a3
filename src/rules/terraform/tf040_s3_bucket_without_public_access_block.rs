//! TF040 `s3-bucket-without-public-access-block`: an `aws_s3_bucket` has no
//! `aws_s3_bucket_public_access_block` in its module, or has one that leaves any of the four
//! flags (`block_public_acls`, `block_public_policy`, `ignore_public_acls`,
//! `restrict_public_buckets`) off — they default to `false` when omitted.
//!
//! Buckets are matched to their block as described in `aws_s3.rs`; a block whose bucket is
//! unknown makes the module's buckets unjudgeable for a *missing* block. Nothing is reported
//! when some scanned module sets an account-wide `aws_s3_account_public_access_block` with all
//! four flags true (it overrides every bucket's settings).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_s3::{
    PAB_FLAGS, PUBLIC_ACCESS_BLOCK, account_blocks_public_access, pab_flag, s3_modules,
};

pub struct S3BucketWithoutPublicAccessBlock;

pub static META: RuleMeta = RuleMeta {
    id: "TF040",
    name: "s3-bucket-without-public-access-block",
    family: Family::Terraform,
    title: "S3 bucket without a complete public access block",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Block Public Access is the one switch that overrides every ACL and bucket policy: \
with it on, a mistaken `public-read` ACL or `Principal: \"*\"` statement cannot expose the data. \
AWS turns it on for buckets created since April 2023, but a bucket whose code does not declare \
it keeps whatever the console or an older default left, and a block with a flag set to false \
explicitly re-opens that path.",
    remediation: "Declare the block for every bucket, all four flags on: \
`resource \"aws_s3_bucket_public_access_block\" \"data\" { bucket = aws_s3_bucket.data.id, \
block_public_acls = true, block_public_policy = true, ignore_public_acls = true, \
restrict_public_buckets = true }` (or one `aws_s3_account_public_access_block` for the account).",
    equivalents: &[
        "checkov:CKV2_AWS_6",
        "checkov:CKV_AWS_53",
        "checkov:CKV_AWS_54",
        "checkov:CKV_AWS_55",
        "checkov:CKV_AWS_56",
        "tfsec:aws-s3-specify-public-access-block",
        "tfsec:aws-s3-block-public-acls",
        "tfsec:aws-s3-block-public-policy",
        "tfsec:aws-s3-ignore-public-acls",
        "tfsec:aws-s3-no-public-buckets",
        "trivy:AWS-0094",
        "trivy:AWS-0086",
        "trivy:AWS-0087",
        "trivy:AWS-0091",
        "trivy:AWS-0093",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    ],
};

impl TerraformModuleRule for S3BucketWithoutPublicAccessBlock {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        if account_blocks_public_access(project) {
            return;
        }
        for s in s3_modules(project) {
            for (i, b) in s.buckets.iter().enumerate() {
                let blocks = s.companions_of(PUBLIC_ACCESS_BLOCK, i);
                if blocks.is_empty() {
                    if s.judgeable(PUBLIC_ACCESS_BLOCK) {
                        out.push(SurfaceDiagnostic::in_file(
                            &b.file.path,
                            Diagnostic::new(
                                &META,
                                b.res.block.header_span(),
                                format!("{} has no aws_s3_bucket_public_access_block", b.address()),
                            )
                            .anchor(b.address()),
                        ));
                    }
                    continue;
                }
                let mut worst: Option<(Vec<&str>, &super::aws_s3::Companion<'_>)> = None;
                for c in &blocks {
                    let off: Vec<&str> = PAB_FLAGS
                        .iter()
                        .copied()
                        .filter(|f| pab_flag(s.module, &c.res, f) == Some(false))
                        .collect();
                    let unknown = PAB_FLAGS
                        .iter()
                        .any(|f| pab_flag(s.module, &c.res, f).is_none());
                    if off.is_empty() && !unknown {
                        worst = None;
                        break;
                    }
                    if !off.is_empty() && worst.is_none() {
                        worst = Some((off, c));
                    }
                }
                let Some((off, c)) = worst else { continue };
                let span = off
                    .iter()
                    .find_map(|f| c.res.attr(f).map(|a| a.span))
                    .unwrap_or_else(|| c.res.block.header_span());
                out.push(SurfaceDiagnostic::in_file(
                    &c.file.path,
                    Diagnostic::new(
                        &META,
                        span,
                        format!(
                            "{} leaves {} off for {}",
                            c.res.address(),
                            off.join(", "),
                            b.address()
                        ),
                    )
                    .anchor(format!("{}:{}", c.res.address(), b.address())),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn missing_partial_and_account_block() {
        let src = "resource \"aws_s3_bucket\" \"a\" {}\nresource \"aws_s3_bucket\" \"b\" {}\nresource \"aws_s3_bucket_public_access_block\" \"b\" {\n  bucket = aws_s3_bucket.b.id\n  block_public_acls = true\n  block_public_policy = false\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n";
        let got = lines("TF040", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].1.contains("aws_s3_bucket.a has no"), "{got:?}");
        assert_eq!(got[1].0, 6, "{got:?}");
        let account = "resource \"aws_s3_account_public_access_block\" \"acct\" {\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n";
        assert!(
            tree(
                "TF040",
                &[
                    ("a/main.tf", "resource \"aws_s3_bucket\" \"a\" {}\n"),
                    ("b/main.tf", account)
                ]
            )
            .is_empty()
        );
    }

    #[test]
    fn caller_with_module_output_makes_child_unjudgeable() {
        let child = "resource \"aws_s3_bucket\" \"this\" {}\noutput \"id\" { value = aws_s3_bucket.this.id }\n";
        let root = "module \"b\" { source = \"./modules/b\" }\nresource \"aws_s3_bucket_public_access_block\" \"b\" {\n  bucket = module.b.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n";
        assert!(tree("TF040", &[("main.tf", root), ("modules/b/main.tf", child)]).is_empty());
    }
}
