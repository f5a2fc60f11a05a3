//! TF055 `stateful-resource-without-prevent-destroy`: a resource that holds data (a database,
//! a bucket, a file system, a key) has neither `lifecycle { prevent_destroy = true }` nor the
//! provider's own deletion protection turned on, so one mistaken plan (a renamed resource, a
//! forced replacement, `terraform destroy` in the wrong workspace) deletes the data.
//!
//! The types and their deletion-protection arguments are data ([`STATEFUL`]): a provider
//! guard that defaults to on (`deletion_protection` of `google_sql_database_instance`, a bucket
//! that cannot be deleted while non-empty unless `force_destroy = true`) counts unless turned
//! off. Reusable modules (called by another module, or under `modules/`, `examples/`, tests)
//! are skipped: `prevent_destroy` must be a literal there and would bind every caller. Values
//! are resolved through variable defaults; unknown values are not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Module, Project, Resource, ResourceMode};
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_s3::resolved_bool;

pub struct StatefulResourceWithoutPreventDestroy;

pub static META: RuleMeta = RuleMeta {
    id: "TF055",
    name: "stateful-resource-without-prevent-destroy",
    family: Family::Terraform,
    title: "Stateful resource without prevent_destroy or deletion protection",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Terraform replaces or deletes whatever the plan says: a renamed resource without \
a `moved` block, an argument that forces replacement, or an apply in the wrong workspace \
destroys a database or bucket as readily as a security group rule. `prevent_destroy` (or the \
provider's deletion protection) turns that into a failed plan instead of lost data.",
    remediation: "Guard resources that hold data: `lifecycle { prevent_destroy = true }`, or \
the provider's flag where it has one (`deletion_protection = true` on `aws_db_instance`, \
`deletion_protection_enabled = true` on `aws_dynamodb_table`).",
    equivalents: &[],
    references: &[
        "https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy",
    ],
};

/// How a provider protects a resource type against deletion.
#[derive(Clone, Copy, Debug)]
pub enum Guard {
    /// No in-resource protection.
    None,
    /// Protected when `attr` is true; `default` when omitted.
    When { attr: &'static str, default: bool },
    /// Protected unless `attr` is true (`force_destroy`); off by default.
    Unless(&'static str),
}

/// Resource types that hold data, and their provider guard.
pub const STATEFUL: &[(&str, Guard)] = &[
    // AWS
    (
        "aws_db_instance",
        Guard::When {
            attr: "deletion_protection",
            default: false,
        },
    ),
    (
        "aws_rds_cluster",
        Guard::When {
            attr: "deletion_protection",
            default: false,
        },
    ),
    (
        "aws_docdb_cluster",
        Guard::When {
            attr: "deletion_protection",
            default: false,
        },
    ),
    (
        "aws_neptune_cluster",
        Guard::When {
            attr: "deletion_protection",
            default: false,
        },
    ),
    (
        "aws_dynamodb_table",
        Guard::When {
            attr: "deletion_protection_enabled",
            default: false,
        },
    ),
    ("aws_redshift_cluster", Guard::None),
    ("aws_elasticache_replication_group", Guard::None),
    ("aws_efs_file_system", Guard::None),
    ("aws_opensearch_domain", Guard::None),
    ("aws_elasticsearch_domain", Guard::None),
    ("aws_s3_bucket", Guard::Unless("force_destroy")),
    ("aws_kms_key", Guard::None),
    // Google Cloud
    (
        "google_sql_database_instance",
        Guard::When {
            attr: "deletion_protection",
            default: true,
        },
    ),
    ("google_storage_bucket", Guard::Unless("force_destroy")),
    (
        "google_bigquery_dataset",
        Guard::Unless("delete_contents_on_destroy"),
    ),
    (
        "google_bigtable_instance",
        Guard::When {
            attr: "deletion_protection",
            default: true,
        },
    ),
    (
        "google_spanner_database",
        Guard::When {
            attr: "deletion_protection",
            default: true,
        },
    ),
    ("google_filestore_instance", Guard::None),
    ("google_kms_crypto_key", Guard::None),
    // Azure
    ("azurerm_mssql_database", Guard::None),
    ("azurerm_mssql_server", Guard::None),
    ("azurerm_postgresql_flexible_server", Guard::None),
    ("azurerm_mysql_flexible_server", Guard::None),
    ("azurerm_cosmosdb_account", Guard::None),
    ("azurerm_storage_account", Guard::None),
];

const REUSABLE_DIRS: &[&str] = &[
    "modules", "examples", "example", "test", "tests", "fixtures",
];

/// Whether `r` is protected (`None` when it cannot be told).
fn protected<'a>(m: &Module<'a>, r: &Resource<'a>, guard: Guard) -> Option<bool> {
    if let Some(lc) = r.lifecycle() {
        if let Some(a) = lc.block.body.attr("prevent_destroy") {
            match resolved_bool(m, &a.value) {
                Some(true) => return Some(true),
                Some(false) => {}
                None => return None,
            }
        }
    }
    match guard {
        Guard::None => Some(false),
        Guard::When { attr, default } => match r.attr(attr) {
            None => Some(default),
            Some(a) => resolved_bool(m, &a.value),
        },
        Guard::Unless(attr) => match r.attr(attr) {
            None => Some(true),
            Some(a) => resolved_bool(m, &a.value).map(|v| !v),
        },
    }
}

impl TerraformModuleRule for StatefulResourceWithoutPreventDestroy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        for m in &project.modules {
            if m.called || m.dir.split('/').any(|p| REUSABLE_DIRS.contains(&p)) {
                continue;
            }
            for f in m.config_files() {
                for r in f.resources() {
                    if r.mode != ResourceMode::Managed {
                        continue;
                    }
                    let Some((_, guard)) = STATEFUL.iter().find(|(t, _)| *t == r.type_) else {
                        continue;
                    };
                    if protected(m, &r, *guard) != Some(false) {
                        continue;
                    }
                    out.push(SurfaceDiagnostic::in_file(
                        &f.path,
                        Diagnostic::new(
                            &META,
                            r.block.header_span(),
                            format!(
                                "{} has neither prevent_destroy nor deletion protection",
                                r.address()
                            ),
                        )
                        .anchor(r.address()),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn guards_defaults_and_reusable_modules() {
        let src = "resource \"aws_db_instance\" \"a\" {}\nresource \"aws_db_instance\" \"b\" {\n  deletion_protection = true\n}\nresource \"google_sql_database_instance\" \"c\" {}\nresource \"aws_s3_bucket\" \"d\" {\n  force_destroy = true\n}\nresource \"aws_rds_cluster\" \"e\" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n";
        let got = lines("TF055", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[1].0), (1, 6));
        assert!(
            tree(
                "TF055",
                &[(
                    "modules/db/main.tf",
                    "resource \"aws_db_instance\" \"a\" {}\n"
                )]
            )
            .is_empty()
        );
    }
}
