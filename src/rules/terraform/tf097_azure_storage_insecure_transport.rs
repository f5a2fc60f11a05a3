//! TF097 `azure-storage-insecure-transport`: an `azurerm_storage_account` accepts plain HTTP
//! (`https_traffic_only_enabled = false`, or `enable_https_traffic_only = false` before
//! azurerm 4.0) or TLS older than 1.2 (`min_tls_version = "TLS1_0"`/`"TLS1_1"`).
//!
//! Absent settings are not reported: the provider defaults are HTTPS-only and `TLS1_2`.
//! Values from variables are unknown and not reported. Public blob access is TF099.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, require_bool, root};

pub struct AzureStorageInsecureTransport;

pub static META: RuleMeta = RuleMeta {
    id: "TF097",
    name: "azure-storage-insecure-transport",
    family: Family::Terraform,
    title: "Azure storage account accepts HTTP or TLS older than 1.2",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A storage account that accepts HTTP, or TLS 1.0/1.1, lets shared keys, SAS \
tokens and data cross the network unprotected or under deprecated protocols (RFC 8996).",
    remediation: "Keep the secure defaults, or state them: `https_traffic_only_enabled = true` \
and `min_tls_version = \"TLS1_2\"`.",
    equivalents: &[
        "checkov:CKV_AZURE_3",
        "checkov:CKV_AZURE_44",
        "tfsec:azure-storage-enforce-https",
        "trivy:AZU-0011",
    ],
    references: &[
        "https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer",
        "https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version",
    ],
};

const OLD_TLS: &[&str] = &["TLS1_0", "TLS1_1"];

impl TerraformRule for AzureStorageInsecureTransport {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["azurerm_storage_account"]) {
            return;
        }
        let top = root(r);
        for key in ["https_traffic_only_enabled", "enable_https_traffic_only"] {
            require_bool(&META, r, &top, key, true, None, "", out);
        }
        if let Some(v) = top.get("min_tls_version")
            && let Some(tls) = v.as_str().filter(|t| OLD_TLS.contains(t))
        {
            out.push(
                Diagnostic::new(
                    &META,
                    v.span,
                    format!(
                        "{} sets min_tls_version = \"{tls}\" (below TLS 1.2)",
                        r.address()
                    ),
                )
                .anchor(format!("{}.min_tls_version", r.address())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn defaults_are_secure() {
        let src = "resource \"azurerm_storage_account\" \"a\" {\n  name = \"a\"\n}\nresource \"azurerm_storage_account\" \"b\" {\n  enable_https_traffic_only = false\n  min_tls_version = \"TLS1_1\"\n}\n";
        let got = lines("TF097", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![5, 6],
            "{got:?}"
        );
    }
}
