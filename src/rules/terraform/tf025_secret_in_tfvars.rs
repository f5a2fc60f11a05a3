//! TF025 `secret-in-tfvars`: a committed variable file (`*.tfvars`, `*.tfvars.json`)
//! assigns a literal to a secret-looking variable (`db_password = "…"`). The value is never
//! printed.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{TfFile, TfFileKind, is_secret_name};
use crate::parse::hcl::ExprKind;
use crate::rules::{Checklist, Family, FileContext, RuleMeta, TerraformRule};

pub struct SecretInTfvars;

pub static META: RuleMeta = RuleMeta {
    id: "TF025",
    name: "secret-in-tfvars",
    family: Family::Terraform,
    title: "Secret-looking value in a committed .tfvars file",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "Variable files are the usual place for per-environment values, and the usual \
way production passwords end up in git: once committed, the secret is in every clone and in \
history, shared with everyone who can read the repository.",
    remediation: "Keep secrets out of committed variable files: supply them at run time \
(`TF_VAR_db_password` from the CI secret store) or read them from a secrets manager \
(`data \"aws_secretsmanager_secret_version\" \"db\" { secret_id = \"prod/db\" }`), and keep \
local `*.auto.tfvars` with secrets in `.gitignore`.",
    equivalents: &[],
    references: &[
        "https://developer.hashicorp.com/terraform/language/values/variables#variable-definitions-tfvars-files",
    ],
};

impl TerraformRule for SecretInTfvars {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, file: &TfFile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        if file.kind != TfFileKind::Vars {
            return;
        }
        for a in &file.body.attrs {
            if !is_secret_name(&a.key) {
                continue;
            }
            let literal = match &a.value.kind {
                ExprKind::Str(s) => !s.trim().is_empty(),
                ExprKind::Number(_) => true,
                _ => false,
            };
            if literal {
                out.push(
                    Diagnostic::new(
                        &META,
                        a.value.span,
                        format!(
                            "{} assigns {} a literal (value redacted)",
                            file.name(),
                            a.key
                        ),
                    )
                    .anchor(a.key.clone()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::util::testing::lines;

    #[test]
    fn only_variable_files_and_literals() {
        let src = "db_password = \"hunter2hunter2\"\nregion = \"eu-west-1\"\napi_token = \"\"\n";
        let got = lines("TF025", "prod.tfvars", src);
        assert_eq!(got.len(), 1);
        assert!(!got[0].1.contains("hunter2"));
        // the same assignment in a .tf file is an attribute of nothing: not this rule
        assert!(lines("TF025", "main.tf", src).is_empty());
        let json = "{\"db_password\": \"hunter2hunter2\"}\n";
        assert_eq!(lines("TF025", "prod.tfvars.json", json).len(), 1);
    }
}
