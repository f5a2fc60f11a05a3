//! TF010 `required-version-missing`: no file of a module sets
//! `terraform { required_version = "…" }`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::util::{dir_label, module_anchor};

pub struct RequiredVersionMissing;

pub static META: RuleMeta = RuleMeta {
    id: "TF010",
    name: "required-version-missing",
    family: Family::Terraform,
    title: "Module does not constrain the Terraform version",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Without `required_version` any Terraform release will run the code: a newer \
CLI may upgrade the state format so older CLIs (a teammate's, the pipeline's) can no longer \
read it, and language changes surface as surprises in production plans instead of as a clear \
version error.",
    remediation: "Constrain the CLI version in every module: \
`terraform { required_version = \">= 1.6, < 2.0\" }`.",
    equivalents: &["tflint:terraform_required_version"],
    references: &[
        "https://developer.hashicorp.com/terraform/language/terraform#terraform-required_version",
    ],
};

impl TerraformModuleRule for RequiredVersionMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        for m in &project.modules {
            if !m.has_config() || m.config_files().any(|f| f.required_version().is_some()) {
                continue;
            }
            let Some((file, span)) = module_anchor(m, "terraform") else {
                continue;
            };
            out.push(SurfaceDiagnostic::in_file(
                &file.path,
                Diagnostic::new(
                    &META,
                    span,
                    format!(
                        "module \"{}\" sets no terraform required_version",
                        dir_label(&m.dir)
                    ),
                )
                .anchor(m.dir.clone()),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn variables_only_files_do_not_make_a_module_of_their_own() {
        // a tfvars file alone is not a module
        assert!(tree("TF010", &[("env/prod.tfvars", "a = 1\n")]).is_empty());
        assert_eq!(
            lines("TF010", "m/main.tf", "locals {\n  a = 1\n}\n").len(),
            1
        );
    }
}
