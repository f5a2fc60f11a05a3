//! TF094 `cloud-sql-without-backups`: a `google_sql_database_instance` does not enable
//! automated backups (`settings.backup_configuration.enabled` is absent or `false`; the
//! provider default is `false`).
//!
//! Read replicas (`master_instance_name` set) are not backed up themselves and are not
//! reported; values from variables and `dynamic` blocks are unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, require_bool, root};

pub struct CloudSqlWithoutBackups;

pub static META: RuleMeta = RuleMeta {
    id: "TF094",
    name: "cloud-sql-without-backups",
    family: Family::Terraform,
    title: "Cloud SQL instance without automated backups",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::RollbackPath,
    rationale: "Without automated backups (and the point-in-time recovery built on them) a bad \
migration, a dropped table or a corrupted disk has no way back: the data is gone.",
    remediation: "Enable automated backups, with point-in-time recovery where supported: \
`backup_configuration { enabled = true, point_in_time_recovery_enabled = true, start_time = \"03:00\" }`.",
    equivalents: &["checkov:CKV_GCP_14", "trivy:GCP-0024"],
    references: &["https://cloud.google.com/sql/docs/postgres/backup-recovery/backups"],
};

impl TerraformRule for CloudSqlWithoutBackups {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["google_sql_database_instance"]) {
            return;
        }
        let top = root(r);
        if top.get("master_instance_name").is_some() || top.has_dynamic("settings") {
            return;
        }
        let Some(settings) = top.section("settings") else {
            return;
        };
        if settings.has_dynamic("backup_configuration") {
            return;
        }
        match settings.section("backup_configuration") {
            None => out.push(
                Diagnostic::new(
                    &META,
                    settings.span(),
                    format!(
                        "{} has no backup_configuration (automated backups are off by default)",
                        r.address()
                    ),
                )
                .anchor(format!("{}.backup_configuration", r.address())),
            ),
            Some(b) => require_bool(
                &META,
                r,
                &b,
                "backup_configuration.enabled",
                true,
                Some(b.span()),
                "sets backup_configuration without enabled = true (the default is false)",
                out,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn replicas_are_not_reported() {
        let src = "resource \"google_sql_database_instance\" \"r\" {\n  master_instance_name = google_sql_database_instance.main.name\n  settings {\n    tier = \"db-f1-micro\"\n  }\n}\n";
        assert!(lines("TF094", "main.tf", src).is_empty());
    }
}
