//! TF054 `kms-key-rotation-disabled`: an `aws_kms_key` does not set
//! `enable_key_rotation = true` (the default is off).
//!
//! Keys that AWS cannot rotate automatically are skipped: asymmetric and HMAC keys
//! (`customer_master_key_spec` other than `SYMMETRIC_DEFAULT`, `key_usage` other than
//! `ENCRYPT_DECRYPT`) and keys in a custom key store. Only literal values are judged
//! (`enable_key_rotation = var.rotate` is unknown, not reported).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, ResourceMode, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

pub struct KmsKeyRotationDisabled;

pub static META: RuleMeta = RuleMeta {
    id: "TF054",
    name: "kms-key-rotation-disabled",
    family: Family::Terraform,
    title: "KMS key without automatic rotation",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A symmetric KMS key that never rotates keeps encrypting new data with the same \
key material for its whole life, so the amount of data exposed by one compromised or \
cryptanalysed key version only grows, and most compliance frameworks (CIS, PCI DSS) require \
yearly rotation. Automatic rotation is transparent: old versions stay available for decryption.",
    remediation: "Turn on automatic rotation: `resource \"aws_kms_key\" \"data\" { \
enable_key_rotation = true, rotation_period_in_days = 365 }`.",
    equivalents: &[
        "checkov:CKV_AWS_7",
        "tfsec:aws-kms-auto-rotate-keys",
        "trivy:AWS-0065",
    ],
    references: &["https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"],
};

impl TerraformRule for KmsKeyRotationDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if r.mode != ResourceMode::Managed || r.type_ != "aws_kms_key" {
            return;
        }
        // rotation is supported for symmetric encryption keys in the AWS KMS key store only
        let literal = |k: &str| r.attr(k).map(|a| a.value.as_str());
        if !matches!(
            literal("customer_master_key_spec"),
            None | Some(Some("SYMMETRIC_DEFAULT"))
        ) || !matches!(literal("key_usage"), None | Some(Some("ENCRYPT_DECRYPT")))
            || r.attr("custom_key_store_id").is_some()
        {
            return;
        }
        let (span, msg) = match r.attr("enable_key_rotation") {
            None => (
                r.block.header_span(),
                format!("{} does not enable key rotation", r.address()),
            ),
            Some(a) if a.value.as_bool() == Some(false) => {
                (a.span, format!("{} disables key rotation", r.address()))
            }
            Some(_) => return,
        };
        out.push(Diagnostic::new(&META, span, msg).anchor(r.address()));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn asymmetric_and_unknown_are_skipped() {
        let src = "resource \"aws_kms_key\" \"a\" {}\nresource \"aws_kms_key\" \"b\" {\n  customer_master_key_spec = \"RSA_2048\"\n}\nresource \"aws_kms_key\" \"c\" {\n  enable_key_rotation = var.r\n}\nresource \"aws_kms_key\" \"d\" {\n  enable_key_rotation = false\n}\n";
        let got = lines("TF054", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[1].0), (1, 9));
    }
}
