//! TF047 `rds-backups-disabled`: an RDS instance (`aws_db_instance`) or Aurora cluster
//! (`aws_rds_cluster`) sets `backup_retention_period = 0`, which turns automated backups (and
//! point-in-time restore) off. When the argument is not written the AWS default applies (1
//! day for instances and clusters created through the API), which is not reported. Read
//! replicas (`replicate_source_db`) are skipped.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{arg, each_resource, is_replica, report};

pub struct RdsBackupsDisabled;

pub static META: RuleMeta = RuleMeta {
    id: "TF047",
    name: "rds-backups-disabled",
    family: Family::Terraform,
    title: "RDS automated backups turned off",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::RollbackPath,
    rationale: "With a backup retention period of 0 there are no automated backups and no \
point-in-time restore: a bad migration, a deleted table or a corrupted volume can only be \
rolled back to the last manual snapshot, if there is one.",
    remediation: "Keep automated backups for at least a week: `backup_retention_period = 7` \
(up to 35), with `backup_window` outside peak hours.",
    equivalents: &[
        "checkov:CKV_AWS_133",
        "tfsec:aws-rds-specify-backup-retention",
        "trivy:AWS-0077",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
    ],
};

impl TerraformModuleRule for RdsBackupsDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(
            project,
            &["aws_db_instance", "aws_rds_cluster"],
            |m, file, r| {
                if r.type_ == "aws_db_instance" && is_replica(r) {
                    return;
                }
                let a = arg(m, r, "backup_retention_period");
                if a.number() != Some(0.0) {
                    return;
                }
                let Some(span) = a.span() else { return };
                report(
                    out,
                    &META,
                    file,
                    span,
                    format!(
                        "{} sets backup_retention_period = {}: automated backups are off",
                        r.address(),
                        a.shown()
                    ),
                    format!("{}.backup_retention_period", r.address()),
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
    fn zero_only_and_replicas_skipped() {
        let src = "resource \"aws_db_instance\" \"a\" {\n  backup_retention_period = 0\n}\nresource \"aws_db_instance\" \"b\" {\n  backup_retention_period = 7\n}\nresource \"aws_db_instance\" \"c\" {}\nresource \"aws_db_instance\" \"r\" {\n  replicate_source_db     = \"a\"\n  backup_retention_period = 0\n}\n";
        let got = lines("TF047", "main.tf", src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 2);
    }
}
