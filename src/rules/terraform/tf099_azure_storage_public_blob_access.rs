//! TF099 `azure-storage-public-blob-access`: an `azurerm_storage_account` lets its
//! containers be made public: `allow_nested_items_to_be_public` is `true` or absent (the
//! azurerm 3.x/4.x default is `true`), or, with azurerm 2.x, `allow_blob_public_access = true`.
//!
//! A value from a variable is unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, require_bool, root};

pub struct AzureStoragePublicBlobAccess;

pub static META: RuleMeta = RuleMeta {
    id: "TF099",
    name: "azure-storage-public-blob-access",
    family: Family::Terraform,
    title: "Azure storage account allows public blob containers",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "While the account allows nested items to be public, any container can be \
switched to anonymous read access by one setting — from the portal, a script or a template — \
and its blobs are then readable by anyone who guesses the URL.",
    remediation: "Disallow public containers at the account level: \
`allow_nested_items_to_be_public = false`, and share data with SAS tokens or Entra ID roles.",
    equivalents: &["checkov:CKV_AZURE_190", "checkov:CKV_AZURE_59"],
    references: &[
        "https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent",
    ],
};

impl TerraformRule for AzureStoragePublicBlobAccess {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["azurerm_storage_account"]) {
            return;
        }
        let top = root(r);
        if top.get("allow_blob_public_access").is_some() {
            // azurerm 2.x: the default there is false
            require_bool(
                &META,
                r,
                &top,
                "allow_blob_public_access",
                false,
                None,
                "",
                out,
            );
            return;
        }
        require_bool(
            &META,
            r,
            &top,
            "allow_nested_items_to_be_public",
            false,
            Some(r.block.header_span()),
            "sets no allow_nested_items_to_be_public (the default is true: containers may be made public)",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn legacy_attribute() {
        let src = "resource \"azurerm_storage_account\" \"a\" {\n  allow_blob_public_access = false\n}\nresource \"azurerm_storage_account\" \"b\" {\n  allow_blob_public_access = true\n}\n";
        let got = lines("TF099", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![5],
            "{got:?}"
        );
    }
}
