//! TF042 `s3-bucket-without-encryption`: an `aws_s3_bucket` declares no server-side
//! encryption: no `aws_s3_bucket_server_side_encryption_configuration` for it in its module and
//! no inline `server_side_encryption_configuration` (provider v3).
//!
//! Since January 2023 S3 encrypts every new object with SSE-S3 anyway, so the finding is about
//! what the code does not say (which key, who may use it), not about plaintext at rest: the
//! severity is low. Buckets whose configuration companion has an unknown bucket are not judged.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_s3::{ENCRYPTION, has_dynamic, nested, s3_modules};

pub struct S3BucketWithoutEncryption;

pub static META: RuleMeta = RuleMeta {
    id: "TF042",
    name: "s3-bucket-without-encryption",
    family: Family::Terraform,
    title: "S3 bucket declares no server-side encryption",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Since January 2023 S3 encrypts every new object with S3-managed keys (SSE-S3) \
by default, so an undeclared configuration is not plaintext at rest; but SSE-S3 protects only \
against lost disks: anyone allowed to read an object reads it decrypted. Declaring SSE-KMS with \
a customer-managed key adds a second permission (the key policy), an audit trail of every \
decrypt in CloudTrail, and a way to cut off access by disabling the key; declaring it at all \
makes the choice reviewable instead of implicit.",
    remediation: "Declare the encryption, preferably with a customer-managed KMS key: \
`resource \"aws_s3_bucket_server_side_encryption_configuration\" \"data\" { bucket = aws_s3_bucket.data.id \
rule { apply_server_side_encryption_by_default { sse_algorithm = \"aws:kms\", \
kms_master_key_id = aws_kms_key.s3.arn } bucket_key_enabled = true } }`.",
    equivalents: &[
        "checkov:CKV_AWS_19",
        "checkov:CKV_AWS_145",
        "tfsec:aws-s3-enable-bucket-encryption",
        "tfsec:aws-s3-encryption-customer-key",
        "trivy:AWS-0088",
        "trivy:AWS-0132",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
    ],
};

impl TerraformModuleRule for S3BucketWithoutEncryption {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        const INLINE: &str = "server_side_encryption_configuration";
        for s in s3_modules(project) {
            if !s.judgeable(ENCRYPTION) {
                continue;
            }
            for (i, b) in s.buckets.iter().enumerate() {
                if !nested(b.res.body(), INLINE).is_empty()
                    || has_dynamic(b.res.body(), INLINE)
                    || !s.companions_of(ENCRYPTION, i).is_empty()
                {
                    continue;
                }
                out.push(SurfaceDiagnostic::in_file(
                    &b.file.path,
                    Diagnostic::new(
                        &META,
                        b.res.block.header_span(),
                        format!(
                            "{} declares no server-side encryption (S3 default SSE-S3, no customer-managed key)",
                            b.address()
                        ),
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
    fn inline_companion_and_missing() {
        let src = "resource \"aws_s3_bucket\" \"a\" {\n  server_side_encryption_configuration {\n    rule {\n      apply_server_side_encryption_by_default { sse_algorithm = \"AES256\" }\n    }\n  }\n}\nresource \"aws_s3_bucket\" \"b\" {}\nresource \"aws_s3_bucket\" \"c\" {}\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"c\" {\n  bucket = aws_s3_bucket.c.bucket\n}\n";
        let got = lines("TF042", "main.tf", src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 8);
    }
}
