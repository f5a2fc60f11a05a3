//! TF001 `root-module-without-backend`: a root module declares no backend (or the `local`
//! backend), so its state lives on whoever ran `terraform apply`.
//!
//! Root modules are recognised as documented in [`crate::model::terraform`]; child modules,
//! examples and tests are never reported. A `cloud {}` block counts as a backend.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::util::{dir_label, module_anchor};

pub struct RootModuleWithoutBackend;

pub static META: RuleMeta = RuleMeta {
    id: "TF001",
    name: "root-module-without-backend",
    family: Family::Terraform,
    title: "Root module keeps its state locally (no remote backend)",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::TerraformState,
    rationale: "Without a remote backend the state file lives on the laptop or CI runner that \
last ran `terraform apply`: teammates and pipelines work from different states, nothing locks \
concurrent applies, losing the machine loses the mapping to real infrastructure, and the \
state (which holds secrets in clear text) ends up copied around or committed.",
    remediation: "Declare a remote, locking backend in the root module: \
`terraform { backend \"s3\" { bucket = \"acme-tfstate\", key = \"prod/network.tfstate\", region = \"eu-west-1\", use_lockfile = true } }`.",
    equivalents: &[],
    references: &["https://developer.hashicorp.com/terraform/language/backend"],
};

impl TerraformModuleRule for RootModuleWithoutBackend {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        for m in project.root_modules() {
            match m.backend() {
                Some((file, be)) if be.kind == "local" => {
                    out.push(SurfaceDiagnostic::in_file(
                        &file.path,
                        Diagnostic::new(
                            &META,
                            be.block.header_span(),
                            format!(
                                "root module \"{}\" uses the local backend: state is kept on the machine that runs terraform",
                                dir_label(&m.dir)
                            ),
                        )
                        .anchor(m.dir.clone()),
                    ));
                }
                Some(_) => {}
                None => {
                    let Some((file, span)) = module_anchor(m, "provider") else {
                        continue;
                    };
                    out.push(SurfaceDiagnostic::in_file(
                        &file.path,
                        Diagnostic::new(
                            &META,
                            span,
                            format!(
                                "root module \"{}\" declares no backend: state is kept on the machine that runs terraform",
                                dir_label(&m.dir)
                            ),
                        )
                        .anchor(m.dir.clone()),
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
    fn environment_dir_without_backend_is_a_root_module() {
        let got = tree(
            "TF001",
            &[
                (
                    "live/dev/main.tf",
                    "module \"app\" {\n  source = \"../../modules/app\"\n}\n",
                ),
                ("modules/app/main.tf", "provider \"aws\" {}\n"),
            ],
        );
        assert_eq!(got, vec![("live/dev/main.tf".to_string(), 1)]);
    }

    #[test]
    fn backend_in_another_file_of_the_module_counts() {
        let got = tree(
            "TF001",
            &[
                (
                    "prod/backend.tf",
                    "terraform {\n  backend \"gcs\" {\n    bucket = \"b\"\n  }\n}\n",
                ),
                ("prod/main.tf", "provider \"google\" {}\n"),
            ],
        );
        assert!(got.is_empty(), "{got:?}");
        assert!(lines("TF001", "x/main.tf", "variable \"a\" {}\n").is_empty());
    }

    #[test]
    fn module_rule_suppressed_by_an_hcl_comment() {
        use crate::discover::ArtifactKind;
        use crate::engine::{RuleSelection, check_text};
        let src = "/* ironlaw:ignore[TF001] state is created by the bootstrap script */\nprovider \"aws\" {}\n";
        let out = check_text(
            "bootstrap/main.tf",
            src,
            ArtifactKind::Terraform,
            &RuleSelection::only(&["TF001", "IL"]),
        );
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        assert_eq!(out.suppressed.len(), 1);
        // an unused pragma naming a module rule is reported once (by the module pass)
        let src = "# ironlaw:ignore[TF001] not needed\nterraform {\n  backend \"s3\" {}\n}\n";
        let out = check_text(
            "x/main.tf",
            src,
            ArtifactKind::Terraform,
            &RuleSelection::only(&["TF001", "IL"]),
        );
        let ids: Vec<&str> = out.findings.iter().map(|f| f.rule.id).collect();
        assert_eq!(ids, vec!["IL004"], "{:?}", out.findings);
    }
}
