//! TF052 `ebs-efs-unencrypted`: an EBS volume or an EFS file system is not encrypted:
//! - `aws_ebs_volume` without `encrypted = true` (default `false`; the account's EBS
//!   encryption by default still applies, so volumes are skipped when the module declares
//!   `aws_ebs_encryption_by_default` with `enabled` not `false`, and volumes created from a
//!   snapshot inherit its encryption);
//! - a `root_block_device` or `ebs_block_device` of an `aws_instance` without
//!   `encrypted = true` (default `false`; skipped likewise; an `ebs_block_device` with a
//!   `snapshot_id` inherits the snapshot's encryption);
//! - `aws_efs_file_system` without `encrypted = true` (default `false`).

use crate::finding::{Confidence, Severity};
use crate::model::terraform::{Module, Project};
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{PerModule, arg, each_resource, module_has, nested, report, resource_span};

pub struct EbsEfsUnencrypted;

pub static META: RuleMeta = RuleMeta {
    id: "TF052",
    name: "ebs-efs-unencrypted",
    family: Family::Terraform,
    title: "EBS volume or EFS file system without encryption",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "An unencrypted volume or file system, and every snapshot or backup taken \
from it, holds its data in clear: a snapshot shared by mistake, copied to another account or \
restored by someone with snapshot access is readable as is. Encryption cannot be switched on \
in place; it takes a copy and a replacement.",
    remediation: "Encrypt at creation, or turn on EBS encryption by default for the account \
and region: `encrypted = true` (with `kms_key_id` for a customer-managed key), \
`root_block_device { encrypted = true }`, or `resource \"aws_ebs_encryption_by_default\" \
\"on\" { enabled = true }`.",
    equivalents: &[
        "checkov:CKV_AWS_3",
        "checkov:CKV_AWS_8",
        "checkov:CKV_AWS_42",
        "tfsec:aws-ec2-enable-volume-encryption",
        "tfsec:aws-ebs-enable-volume-encryption",
        "tfsec:aws-ec2-enable-at-rest-encryption",
        "tfsec:aws-efs-enable-at-rest-encryption",
        "trivy:AWS-0026",
        "trivy:AWS-0131",
        "trivy:AWS-0037",
    ],
    references: &[
        "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
        "https://docs.aws.amazon.com/efs/latest/ug/encryption.html",
    ],
};

/// Whether the module turns EBS encryption by default on (or might: `enabled` defaults to
/// `true` and an unknown value is given the benefit of the doubt).
fn encrypted_by_default(m: &Module<'_>) -> bool {
    module_has(m, "aws_ebs_encryption_by_default", |r| {
        r.attr("enabled").and_then(|a| a.value.as_bool()) != Some(false)
    })
}

impl TerraformModuleRule for EbsEfsUnencrypted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        let types = ["aws_ebs_volume", "aws_instance", "aws_efs_file_system"];
        let mut by_default = PerModule::default();
        each_resource(project, &types, |m, file, r| {
            let ebs = r.type_ != "aws_efs_file_system";
            if ebs && by_default.get(m, encrypted_by_default) {
                return;
            }
            if r.type_ == "aws_instance" {
                for name in ["root_block_device", "ebs_block_device"] {
                    for n in &nested(r.body(), name).items {
                        if n.get("snapshot_id").is_some() {
                            continue;
                        }
                        let a = n.arg(m, "encrypted");
                        let (span, message) = match a.flag() {
                            Some(None) if !n.dynamic => (
                                n.span,
                                format!(
                                    "{name} of {} does not set encrypted (default false)",
                                    r.address()
                                ),
                            ),
                            Some(Some(false)) => match a.span() {
                                Some(s) => (
                                    s,
                                    format!(
                                        "{name} of {} sets encrypted = {}",
                                        r.address(),
                                        a.shown()
                                    ),
                                ),
                                None => continue,
                            },
                            _ => continue,
                        };
                        report(
                            out,
                            &META,
                            file,
                            span,
                            message,
                            format!("{}.{name}", r.address()),
                        );
                    }
                }
                return;
            }
            if r.type_ == "aws_ebs_volume" && r.attr("snapshot_id").is_some() {
                return;
            }
            let a = arg(m, r, "encrypted");
            let (span, message) = match a.flag() {
                Some(None) => (
                    resource_span(file, r),
                    if ebs {
                        format!(
                            "{} does not set encrypted (default false; unencrypted unless the account encrypts EBS by default)",
                            r.address()
                        )
                    } else {
                        format!("{} does not set encrypted (default false)", r.address())
                    },
                ),
                Some(Some(false)) => match a.span() {
                    Some(s) => (s, format!("{} sets encrypted = {}", r.address(), a.shown())),
                    None => return,
                },
                _ => return,
            };
            report(
                out,
                &META,
                file,
                span,
                message,
                format!("{}.encrypted", r.address()),
            );
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn instance_blocks_and_volumes() {
        let src = "resource \"aws_instance\" \"web\" {\n  root_block_device {\n    encrypted = true\n  }\n  ebs_block_device {\n    device_name = \"/dev/sdf\"\n  }\n  ebs_block_device {\n    snapshot_id = \"snap-1\"\n  }\n}\nresource \"aws_ebs_volume\" \"v\" {\n  size = 10\n}\nresource \"aws_efs_file_system\" \"fs\" {\n  encrypted = false\n}\n";
        let got = lines("TF052", "main.tf", src);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!((got[0].0, got[1].0, got[2].0), (5, 12, 16));
    }

    #[test]
    fn encryption_by_default_in_the_module_covers_ebs_not_efs() {
        let got = tree(
            "TF052",
            &[
                (
                    "acct/account.tf",
                    "resource \"aws_ebs_encryption_by_default\" \"on\" {}\n",
                ),
                (
                    "acct/main.tf",
                    "resource \"aws_ebs_volume\" \"v\" {\n  size = 1\n}\nresource \"aws_efs_file_system\" \"fs\" {}\n",
                ),
                (
                    "other/main.tf",
                    "resource \"aws_ebs_volume\" \"v\" {\n  size = 1\n}\n",
                ),
            ],
        );
        assert_eq!(
            got,
            vec![
                ("acct/main.tf".to_string(), 4),
                ("other/main.tf".to_string(), 1)
            ]
        );
    }
}
