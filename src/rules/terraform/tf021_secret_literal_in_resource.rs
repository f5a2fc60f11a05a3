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
