//! TF046 `rds-storage-unencrypted`: an RDS instance (`aws_db_instance`) or Aurora cluster
//! (`aws_rds_cluster`) does not set `storage_encrypted = true`. The provider default is
//! `false` (for clusters: `false` for provisioned clusters, `true` for
//! `engine_mode = "serverless"`, which is not reported).
//!
//! Not reported: read replicas (`replicate_source_db`), resources restored from a snapshot or
//! a point in time (they inherit the source's encryption), Aurora engines on
//! `aws_db_instance` (the cluster decides), and unknown values.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{
    arg, each_resource, is_aurora, is_replica, is_restored, report, resource_span,
};

pub struct RdsStorageUnencrypted;

pub static META: RuleMeta = RuleMeta {
    id: "TF046",
    name: "rds-storage-unencrypted",
    family: Family::Terraform,
    title: "RDS instance or Aurora cluster without storage encryption",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Without storage encryption the database volumes, its automated backups, read \
replicas and snapshots are stored in clear: a shared or leaked snapshot is readable by \
anyone who gets it. Encryption cannot be switched on later in place; it takes a snapshot \
copy and a restore, with downtime.",
    remediation: "Encrypt the storage when the database is created, with a customer-managed \
key where key access must be audited: `storage_encrypted = true` and \
`kms_key_id = aws_kms_key.db.arn`.",
    equivalents: &[
        "checkov:CKV_AWS_16",
        "checkov:CKV_AWS_96",
        "tfsec:aws-rds-encrypt-instance-storage-data",
        "tfsec:aws-rds-encrypt-cluster-storage-data",
        "trivy:AWS-0080",
        "trivy:AWS-0079",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#storage_encrypted",
    ],
};

impl TerraformModuleRule for RdsStorageUnencrypted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(
            project,
            &["aws_db_instance", "aws_rds_cluster"],
            |m, file, r| {
                if is_restored(r) {
                    return;
                }
                if r.type_ == "aws_db_instance" && (is_replica(r) || is_aurora(m, r)) {
                    return;
                }
                if r.type_ == "aws_rds_cluster" {
                    let mode = arg(m, r, "engine_mode");
                    if mode.str() == Some("serverless") || (mode.is_set() && mode.str().is_none()) {
                        return;
                    }
                }
                let a = arg(m, r, "storage_encrypted");
                let (span, message) = match a.flag() {
                    Some(None) => (
                        resource_span(file, r),
                        format!(
                            "{} does not set storage_encrypted (default false): its storage, backups and snapshots are unencrypted",
                            r.address()
                        ),
                    ),
                    Some(Some(false)) => match a.span() {
                        Some(s) => (
                            s,
                            format!("{} sets storage_encrypted = {}", r.address(), a.shown()),
                        ),
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
                    format!("{}.storage_encrypted", r.address()),
                );
            },
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn defaults_replicas_serverless_and_snapshots() {
        let src = "resource \"aws_db_instance\" \"a\" {\n  engine = \"postgres\"\n}\nresource \"aws_db_instance\" \"replica\" {\n  replicate_source_db = aws_db_instance.a.identifier\n}\nresource \"aws_rds_cluster\" \"sls\" {\n  engine_mode = \"serverless\"\n}\nresource \"aws_rds_cluster\" \"restored\" {\n  snapshot_identifier = \"snap\"\n}\nresource \"aws_db_instance\" \"aurora\" {\n  engine = \"aurora-postgresql\"\n}\nresource \"aws_rds_cluster\" \"off\" {\n  storage_encrypted = false\n}\n";
        let got = lines("TF046", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, 1);
        assert!(got[0].1.contains("default false"), "{got:?}");
        assert_eq!(got[1].0, 17);
    }
}
