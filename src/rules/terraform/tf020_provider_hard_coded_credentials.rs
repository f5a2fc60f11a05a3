//! TF020 `provider-hard-coded-credentials`: a `provider` block sets a credential
//! (`access_key`, `secret_key`, `token`, `password`, `client_secret`, …) to a literal.
//! The value is never printed.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::TfFile;
use crate::parse::hcl::Block;
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

pub struct ProviderHardCodedCredentials;

pub static META: RuleMeta = RuleMeta {
    id: "TF020",
    name: "provider-hard-coded-credentials",
    family: Family::Terraform,
    title: "Credentials hard-coded in a provider block",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::NoSecretsInCode,
    rationale: "A credential in a provider block is readable by everyone with access to the \
repository, its forks, CI logs and history, and cannot be rotated without a commit. Cloud \
credentials in public repositories are harvested by bots within minutes.",
    remediation: "Remove the credential and let the provider read it from the environment or \
a role: `provider \"aws\" { region = \"eu-west-1\" assume_role { role_arn = var.deploy_role_arn } }` \
with `AWS_PROFILE`/OIDC in CI.",
    equivalents: &[
        "checkov:CKV_AWS_41",
        "tfsec:aws-misc-no-exposing-plaintext-credentials",
    ],
    references: &[
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration",
    ],
};

const KEYS: &[&str] = &[
    "access_key",
    "secret_key",
    "token",
    "password",
    "client_secret",
    "client_certificate_password",
    "api_key",
    "api_token",
    "secret",
];

impl TerraformRule for ProviderHardCodedCredentials {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_block(&self, block: &Block, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if block.ident != "provider" {
            return;
        }
        let name = block.label(0).unwrap_or("");
        for attr in block.body.all_attrs() {
            if !KEYS.contains(&attr.key.as_str()) {
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
                        "provider \"{name}\" has a hard-coded {} (value redacted)",
                        attr.key
                    ),
                )
                .anchor(format!("provider.{name}.{}", attr.key)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn nested_credentials_and_redaction() {
        let src = "provider \"aws\" {\n  assume_role {\n    role_arn = \"arn:aws:iam::1:role/x\"\n  }\n  token = \"FwoGZXIvYXdzEXAMPLE\"\n}\n";
        let got = lines("TF020", "main.tf", src);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 5);
        assert!(!got[0].1.contains("FwoG"), "value leaked: {}", got[0].1);
        let _ = tree;
    }
}
