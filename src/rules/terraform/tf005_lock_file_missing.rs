//! TF005 `lock-file-missing`: a root module has no `.terraform.lock.hcl` next to it, so
//! every `terraform init` may pick different provider builds.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::util::{dir_label, module_anchor};

pub struct LockFileMissing;

pub static META: RuleMeta = RuleMeta {
    id: "TF005",
    name: "lock-file-missing",
    family: Family::Terraform,
    title: "Root module has no committed .terraform.lock.hcl",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "The dependency lock file records the exact provider versions and their \
checksums. Without it, each `terraform init` resolves the constraints again: CI and laptops \
run different provider builds, a new provider release changes plans without any code change, \
and a tampered provider package is not detected.",
    remediation: "Run `terraform init` (and `terraform providers lock -platform=linux_amd64 -platform=darwin_arm64` \
for every platform you use) in the root module and commit the resulting `.terraform.lock.hcl`.",
    equivalents: &[],
    references: &["https://developer.hashicorp.com/terraform/language/files/dependency-lock"],
};

impl TerraformModuleRule for LockFileMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        for m in project.root_modules() {
            if m.has_lock_file() {
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
                        "root module \"{}\" has no .terraform.lock.hcl: provider versions are not locked",
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
    fn lock_file_next_to_the_module_satisfies_it() {
        let main = "provider \"aws\" {}\n";
        assert_eq!(tree("TF005", &[("a/main.tf", main)]).len(), 1);
        let lock = "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"5.0.0\"\n}\n";
        assert!(
            tree(
                "TF005",
                &[("a/main.tf", main), ("a/.terraform.lock.hcl", lock)]
            )
            .is_empty()
        );
        // a lock file in another directory does not count
        assert_eq!(
            tree(
                "TF005",
                &[("a/main.tf", main), ("b/.terraform.lock.hcl", lock)]
            )
            .len(),
            1
        );
        let _ = lines;
    }
}
