//! TF022 `secret-variable-not-sensitive`: a `variable` with a secret-looking name
//! (`db_password`, `api_token`, `client_secret`) is not marked `sensitive = true`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{TfFile, Variable, is_secret_name};
use crate::parse::hcl::Block;
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

pub struct SecretVariableNotSensitive;

pub static META: RuleMeta = RuleMeta {
    id: "TF022",
    name: "secret-variable-not-sensitive",
    family: Family::Terraform,
    title: "Secret-looking variable not marked sensitive",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::RuntimeSecrets,
    rationale: "Terraform prints the values of variables that are not sensitive in plans and \
apply output: the secret ends up in CI logs, pull-request plan comments and terminal \
scrollback, and flows unmarked into outputs and resources.",
    remediation: "Mark the variable sensitive: \
`variable \"db_password\" { type = string, sensitive = true }`.",
    equivalents: &[],
    references: &[
        "https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output",
    ],
};

impl TerraformRule for SecretVariableNotSensitive {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_block(&self, block: &Block, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if block.ident != "variable" {
            return;
        }
        let v = Variable::of(block);
        if !is_secret_name(v.name) || v.is_sensitive() {
            return;
        }
        // `sensitive = var.x` cannot be judged
        if v.sensitive_attr
            .is_some_and(|a| a.value.as_bool().is_none())
        {
            return;
        }
        let span = v
            .sensitive_attr
            .map_or_else(|| block.header_span(), |a| a.span);
        out.push(
            Diagnostic::new(
                &META,
                span,
                format!("variable \"{}\" looks secret but is not sensitive", v.name),
            )
            .anchor(format!("var.{}", v.name)),
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn unknown_sensitive_is_not_judged() {
        let src = "variable \"db_password\" {\n  sensitive = local.s\n}\n";
        assert!(lines("TF022", "main.tf", src).is_empty());
        let _ = tree;
    }
}
