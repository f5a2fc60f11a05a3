//! TF098 `key-vault-without-purge-protection`: an `azurerm_key_vault` does not set
//! `purge_protection_enabled = true` (the provider default is `false`).
//!
//! A value from a variable is unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, require_bool, root};

pub struct KeyVaultWithoutPurgeProtection;

pub static META: RuleMeta = RuleMeta {
    id: "TF098",
    name: "key-vault-without-purge-protection",
    family: Family::Terraform,
    title: "Key Vault without purge protection",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::RollbackPath,
    rationale: "Soft delete keeps a deleted vault recoverable only until someone purges it; \
without purge protection a mistaken `terraform destroy` plus purge, or an attacker with the \
right role, erases the keys for good — and with them every disk and database encrypted by \
those keys.",
    remediation: "Enable purge protection (it cannot be turned off again): \
`resource \"azurerm_key_vault\" \"main\" { ..., soft_delete_retention_days = 90, purge_protection_enabled = true }`.",
    equivalents: &["checkov:CKV_AZURE_110", "tfsec:azure-keyvault-no-purge"],
    references: &[
        "https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview#purge-protection",
    ],
};

impl TerraformRule for KeyVaultWithoutPurgeProtection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["azurerm_key_vault"]) {
            return;
        }
        require_bool(
            &META,
            r,
            &root(r),
            "purge_protection_enabled",
            true,
            Some(r.block.header_span()),
            "sets no purge_protection_enabled (the default is false)",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn checkov_skip_suppresses() {
        use crate::discover::ArtifactKind;
        use crate::engine::{RuleSelection, check_text};
        let src = include_str!("../../../tests/fixtures/terraform/TF098/pass-suppressed.tf");
        let out = check_text(
            "main.tf",
            src,
            ArtifactKind::Terraform,
            &RuleSelection::only(&["TF098", "IL"]),
        );
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        assert_eq!(out.suppressed.len(), 1, "{:?}", out.suppressed);
    }

    #[test]
    fn missing_and_false() {
        let src = "resource \"azurerm_key_vault\" \"a\" {\n  name = \"a\"\n}\nresource \"azurerm_key_vault\" \"b\" {\n  purge_protection_enabled = false\n}\nresource \"azurerm_key_vault\" \"c\" {\n  purge_protection_enabled = true\n}\n";
        let got = lines("TF098", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![1, 5],
            "{got:?}"
        );
    }
}
