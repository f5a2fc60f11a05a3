//! TF023 `secret-variable-with-default`: a `variable` with a secret-looking name has a
//! literal, non-empty default: the secret is in the code. The value is never printed.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{TfFile, Variable, is_secret_name};
use crate::parse::hcl::{Block, ExprKind};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

pub struct SecretVariableWithDefault;

pub static META: RuleMeta = RuleMeta {
    id: "TF023",
    name: "secret-variable-with-default",
    family: Family::Terraform,
    title: "Secret-looking variable has a literal default",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "A default value is code: the secret is committed, shared by every environment \
that forgets to override it, and silently used when the real value is not supplied.",
    remediation: "Remove the default so the value must be supplied at run time \
(`TF_VAR_db_password` from the CI secret store, or a secrets-manager data source): \
`variable \"db_password\" { type = string, sensitive = true }`.",
    equivalents: &[],
    references: &["https://developer.hashicorp.com/terraform/language/values/variables"],
};

impl TerraformRule for SecretVariableWithDefault {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_block(&self, block: &Block, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if block.ident != "variable" {
            return;
        }
        let v = Variable::of(block);
        let Some(default) = v.default else { return };
        if !is_secret_name(v.name) {
            return;
        }
        let secret = match &default.value.kind {
            ExprKind::Str(s) => !s.trim().is_empty(),
            ExprKind::Number(_) => true,
            _ => false,
        };
        if !secret {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                default.value.span,
                format!(
                    "variable \"{}\" has a hard-coded default (value redacted)",
                    v.name
                ),
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
    fn numeric_pin_default_counts_and_objects_do_not() {
        let src = "variable \"admin_password\" {\n  default = 123456\n}\nvariable \"db_credentials\" {\n  default = { user = \"a\" }\n}\n";
        let got = lines("TF023", "main.tf", src);
        assert_eq!(got.len(), 1);
        assert!(!got[0].1.contains("123456"));
        let _ = tree;
    }
}
