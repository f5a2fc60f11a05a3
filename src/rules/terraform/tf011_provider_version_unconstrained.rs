//! TF011 `provider-version-unconstrained`: a provider has no version constraint: its
//! `required_providers` entry has no `version`, or a `provider` block configures a provider
//! that no `required_providers` of the module lists.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::util::dir_label;

pub struct ProviderVersionUnconstrained;

pub static META: RuleMeta = RuleMeta {
    id: "TF011",
    name: "provider-version-unconstrained",
    family: Family::Terraform,
    title: "Provider used without a version constraint",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A provider without a version constraint is upgraded to the latest release on \
the next `terraform init` without a lock file (new machines, new CI runners, `init -upgrade`): \
a major release can change defaults, rename arguments or plan replacements of live resources \
with no change in the code.",
    remediation: "List every provider with a source and a version constraint: \
`terraform { required_providers { aws = { source = \"hashicorp/aws\", version = \"~> 5.40\" } } }`.",
    equivalents: &["tflint:terraform_required_providers"],
    references: &["https://developer.hashicorp.com/terraform/language/providers/requirements"],
};

impl TerraformModuleRule for ProviderVersionUnconstrained {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        for m in &project.modules {
            let mut listed: Vec<&str> = Vec::new();
            for f in m.config_files() {
                for rp in f.required_providers() {
                    listed.push(rp.name);
                    if rp.version.is_none() {
                        out.push(SurfaceDiagnostic::in_file(
                            &f.path,
                            Diagnostic::new(
                                &META,
                                rp.span,
                                format!(
                                    "provider \"{}\" in required_providers has no version constraint",
                                    rp.name
                                ),
                            )
                            .anchor(format!("{}:{}", m.dir, rp.name)),
                        ));
                    }
                }
            }
            for f in m.config_files() {
                for p in f.providers() {
                    if p.name.is_empty() || listed.contains(&p.name) {
                        continue;
                    }
                    listed.push(p.name);
                    out.push(SurfaceDiagnostic::in_file(
                        &f.path,
                        Diagnostic::new(
                            &META,
                            p.block.header_span(),
                            format!(
                                "provider \"{}\" is not in required_providers of module \"{}\": its version is unconstrained",
                                p.name,
                                dir_label(&m.dir)
                            ),
                        )
                        .anchor(format!("{}:{}", m.dir, p.name)),
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
    fn providers_listed_in_another_file_count() {
        let versions = "terraform {\n  required_providers {\n    aws = {\n      source = \"hashicorp/aws\"\n      version = \">= 5\"\n    }\n  }\n}\n";
        let got = tree(
            "TF011",
            &[
                ("m/versions.tf", versions),
                ("m/main.tf", "provider \"aws\" {}\nprovider \"tls\" {}\n"),
            ],
        );
        assert_eq!(got, vec![("m/main.tf".to_string(), 2)]);
        let _ = lines;
    }
}
