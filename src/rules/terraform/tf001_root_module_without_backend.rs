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
