//! TF013 `module-source-not-pinned`: a module from git (or Mercurial) has no `ref` (a tag
//! or commit), or a ref that names a branch (`main`, `master`, `develop`, `trunk`, `HEAD`,
//! `default`).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{ModuleCall, ModuleSource, TfFile};
use crate::parse::hcl::Block;
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

pub struct ModuleSourceNotPinned;

pub static META: RuleMeta = RuleMeta {
    id: "TF013",
    name: "module-source-not-pinned",
    family: Family::Terraform,
    title: "Remote module source not pinned to a tag or commit",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A git source without a ref — or with a branch ref — fetches whatever the \
branch points to at `terraform init`: any push to that repository (or a compromise of it) \
changes what runs against production, and two runs of the same commit can plan different \
infrastructure.",
    remediation: "Pin the source to a release tag or, better, a commit: \
`source = \"git::https://github.com/acme/tf-vpc.git?ref=3f1c2e9a7d0b4c5e8f6a1b2c3d4e5f6a7b8c9d0e\"`.",
    equivalents: &[
        "checkov:CKV_TF_1",
        "checkov:CKV_TF_2",
        "tflint:terraform_module_pinned_source",
    ],
    references: &[
        "https://developer.hashicorp.com/terraform/language/modules/sources#selecting-a-revision",
    ],
};

const BRANCHES: &[&str] = &[
    "main",
    "master",
    "develop",
    "development",
    "dev",
    "trunk",
    "head",
    "default",
];

impl TerraformRule for ModuleSourceNotPinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_block(&self, block: &Block, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if block.ident != "module" {
            return;
        }
        let call = ModuleCall::of(block);
        let (Some(kind), Some(attr)) = (call.source_kind(), call.source) else {
            return;
        };
        let (url, ref_) = match kind {
            ModuleSource::Git { url, ref_ } | ModuleSource::Mercurial { url, ref_ } => (url, ref_),
            _ => return,
        };
        let problem = match ref_ {
            None | Some("") => "has no ref: it follows the default branch".to_string(),
            Some(r) if BRANCHES.contains(&r.to_ascii_lowercase().as_str()) => {
                format!("uses branch ref \"{r}\": it follows whatever that branch points to")
            }
            Some(_) => return,
        };
        out.push(
            Diagnostic::new(
                &META,
                attr.span,
                format!("module \"{}\" source \"{url}\" {problem}", call.name),
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
    fn refs_with_more_query_parameters() {
        let src = "module \"a\" {\n  source = \"git::https://e.com/m.git?depth=1&ref=v1.0.0\"\n}\nmodule \"b\" {\n  source = \"git::https://e.com/m.git?ref=develop&depth=1\"\n}\n";
        let got = lines("TF013", "main.tf", src);
        assert_eq!(got.len(), 1);
        assert!(got[0].1.contains("develop"), "{got:?}");
        let _ = tree;
    }
}
