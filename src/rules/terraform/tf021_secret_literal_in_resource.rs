//! TF021 `secret-literal-in-resource`: a resource argument with a secret-looking name
//! (`password`, `master_password`, `admin_password`, `auth_token`, …) is set to a literal
//! string. References, function calls and templates are not reported; the value is never
//! printed.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, ResourceMode, TfFile, is_secret_name};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

pub struct SecretLiteralInResource;

pub static META: RuleMeta = RuleMeta {
    id: "TF021",
    name: "secret-literal-in-resource",
    family: Family::Terraform,
    title: "Secret-looking resource argument set to a literal",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "A password or token written into a resource is in the repository and its \
history for good, shared with everyone who can read the code, and identical in every \
environment built from it; rotating it means a commit.",
    remediation: "Generate or fetch the secret instead of writing it: \
`manage_master_user_password = true` (RDS), `password = random_password.db.result`, or \
`password = data.aws_secretsmanager_secret_version.db.secret_string`.",
    equivalents: &[],
    references: &[
        "https://developer.hashicorp.com/terraform/tutorials/configuration-language/sensitive-variables",
    ],
};

impl TerraformRule for SecretLiteralInResource {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if r.mode != ResourceMode::Managed {
            return;
        }
        for attr in r.body().all_attrs() {
            if !is_secret_name(&attr.key) {
                continue;
            }
            if attr.value.as_str().is_none_or(|v| v.trim().is_empty()) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    attr.value.span,
                    format!(
                        "{} sets {} to a literal (value redacted)",
                        r.address(),
                        attr.key
                    ),
                )
                .anchor(format!("{}.{}", r.address(), attr.key)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn heredoc_literal_is_a_literal_and_values_are_redacted() {
        let src = "resource \"x_user\" \"u\" {\n  password = <<EOT\nhunter2hunter2\nEOT\n}\n";
        let got = lines("TF021", "main.tf", src);
        assert_eq!(got.len(), 1);
        assert!(!got[0].1.contains("hunter2"), "value leaked: {}", got[0].1);
        let _ = tree;
    }

    #[test]
    fn json_syntax_is_checked() {
        let src =
            "{\"resource\": {\"aws_db_instance\": {\"db\": {\"password\": \"hunter2hunter2\"}}}}\n";
        assert_eq!(lines("TF021", "main.tf.json", src).len(), 1);
        let templ =
            "{\"resource\": {\"aws_db_instance\": {\"db\": {\"password\": \"${var.pw}\"}}}}\n";
        assert!(lines("TF021", "main.tf.json", templ).is_empty());
    }
}
