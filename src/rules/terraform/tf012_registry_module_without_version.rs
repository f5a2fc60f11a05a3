//! TF012 `registry-module-without-version`: a module from a registry
//! (`terraform-aws-modules/vpc/aws`) has no `version` argument.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{ModuleCall, ModuleSource, TfFile};
use crate::parse::hcl::Block;
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

pub struct RegistryModuleWithoutVersion;

pub static META: RuleMeta = RuleMeta {
    id: "TF012",
    name: "registry-module-without-version",
    family: Family::Terraform,
    title: "Registry module used without a version",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Without `version`, `terraform init` fetches the newest release of the module: \
a new major version can rename inputs, change defaults or restructure resources, and the next \
plan replaces or destroys live infrastructure with no change in this repository.",
    remediation: "Pin the module to a version (or a narrow range): \
`module \"vpc\" { source = \"terraform-aws-modules/vpc/aws\", version = \"5.8.1\" }`.",
    equivalents: &["tflint:terraform_module_version"],
    references: &["https://developer.hashicorp.com/terraform/language/modules/syntax#version"],
};

impl TerraformRule for RegistryModuleWithoutVersion {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_block(&self, block: &Block, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if block.ident != "module" {
            return;
        }
        let call = ModuleCall::of(block);
        let (Some(ModuleSource::Registry(src)), Some(attr)) = (call.source_kind(), call.source)
        else {
            return;
        };
        if call.version.is_some() {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                attr.span,
                format!(
                    "module \"{}\" uses registry source \"{src}\" without a version",
                    call.name
                ),
            )
            .anchor(format!("module.{}", call.name)),
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn only_registry_sources_need_a_version() {
        let src = "module \"a\" {\n  source = \"./a\"\n}\nmodule \"b\" {\n  source = \"s3::https://s3.amazonaws.com/b/m.zip\"\n}\nmodule \"c\" {\n  source = var.src\n}\nmodule \"d\" {\n  source = \"acme/d/aws\"\n}\n";
        let got = lines("TF012", "main.tf", src);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 11);
        let _ = tree;
    }
}
