//! TF003 `environments-share-backend-state`: two root modules (typically two environments)
//! point their backends at the same state: same S3 bucket and key, same GCS bucket and
//! prefix, same Azure storage account, container and key.
//!
//! Only literal settings are compared; a partial backend configuration (settings passed with
//! `-backend-config`) is unknown and never reported. The finding is on every root module
//! after the first one (in directory order) that shares a location.

use std::collections::BTreeMap;

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Backend, Project};
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::util::dir_label;

pub struct EnvironmentsShareBackendState;

pub static META: RuleMeta = RuleMeta {
    id: "TF003",
    name: "environments-share-backend-state",
    family: Family::Terraform,
    title: "Two root modules (environments) share one backend state",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::TerraformState,
    rationale: "When staging and production write the same state object, an apply in one \
environment sees the other's resources as drift and plans to destroy or replace them; the \
blast radius of every change and every mistake is all environments at once, and a lock taken \
by one blocks the other.",
    remediation: "Give every environment its own state key (or bucket): \
`backend \"s3\" { bucket = \"acme-tfstate\", key = \"staging/app.tfstate\" }` in `envs/staging` and \
`key = \"prod/app.tfstate\"` in `envs/prod`.",
    equivalents: &[],
    references: &[
        "https://developer.hashicorp.com/terraform/language/backend/s3",
        "https://developer.hashicorp.com/terraform/language/state/workspaces",
    ],
};

/// The state location of a backend, when every part of it is a literal.
fn location(be: &Backend<'_>) -> Option<String> {
    let parts: &[&str] = match be.kind {
        "s3" => &["bucket", "key"],
        "gcs" => &["bucket", "prefix"],
        "azurerm" => &["storage_account_name", "container_name", "key"],
        "consul" => &["address", "path"],
        "pg" => &["conn_str", "schema_name"],
        "local" => &["path"],
        _ => return None,
    };
    let values: Option<Vec<&str>> = parts.iter().map(|k| be.setting(k)).collect();
    let values = match (be.kind, values) {
        (_, Some(v)) => v,
        // GCS without prefix uses the bucket root
        ("gcs", None) => vec![be.setting("bucket")?, ""],
        _ => return None,
    };
    Some(format!("{} {}", be.kind, values.join(" ")))
}

impl TerraformModuleRule for EnvironmentsShareBackendState {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for m in project.root_modules() {
            let Some((file, be)) = m.backend() else {
                continue;
            };
            let Some(loc) = location(&be) else { continue };
            match seen.get(&loc) {
                Some(first) => {
                    let envs = match (
                        crate::model::terraform::environment_of(first),
                        m.environment(),
                    ) {
                        (Some(a), Some(b)) if a != b => format!(" (environments {a} and {b})"),
                        _ => String::new(),
                    };
                    out.push(SurfaceDiagnostic::in_file(
                        &file.path,
                        Diagnostic::new(
                            &META,
                            be.block.header_span(),
                            format!(
                                "root module \"{}\" uses the same {} state as \"{}\"{envs}: both write one state",
                                dir_label(&m.dir),
                                be.kind,
                                dir_label(first)
                            ),
                        )
                        .anchor(format!("{}:{}", m.dir, loc)),
                    ));
                }
                None => {
                    seen.insert(loc, &m.dir);
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
    fn gcs_bucket_root_shared_and_distinct_prefixes() {
        let gcs = |prefix: &str| {
            format!("terraform {{\n  backend \"gcs\" {{\n    bucket = \"st\"\n{prefix}  }}\n}}\n")
        };
        let shared = [gcs(""), gcs("")];
        let got = tree(
            "TF003",
            &[
                ("envs/a/main.tf", &shared[0]),
                ("envs/b/main.tf", &shared[1]),
            ],
        );
        assert_eq!(got, vec![("envs/b/main.tf".to_string(), 2)]);
        let apart = [gcs("    prefix = \"a\"\n"), gcs("    prefix = \"b\"\n")];
        let got = tree(
            "TF003",
            &[("envs/a/main.tf", &apart[0]), ("envs/b/main.tf", &apart[1])],
        );
        assert!(got.is_empty(), "{got:?}");
        let _ = lines;
    }
}
