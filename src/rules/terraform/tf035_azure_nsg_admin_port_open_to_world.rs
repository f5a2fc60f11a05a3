//! TF035 `azure-nsg-admin-port-open-to-world`: an Azure network security rule allows inbound
//! traffic from anywhere (`*`, `0.0.0.0/0`, `Internet`, `Any`) on SSH (22), RDP (3389), telnet,
//! the Docker API, or every port (`*`).
//!
//! Covers `azurerm_network_security_rule` and the inline `security_rule` blocks of
//! `azurerm_network_security_group` (either syntax). Only literal values are judged; ICMP
//! rules are skipped.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, ResourceMode, TfFile};
use crate::parse::hcl::Expr;
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};
use crate::source::Span;

use super::aws_s3::{Nested, admin_ports_in, nested, port_range};

pub struct AzureNsgAdminPortOpenToWorld;

pub static META: RuleMeta = RuleMeta {
    id: "TF035",
    name: "azure-nsg-admin-port-open-to-world",
    family: Family::Terraform,
    title: "Azure network security rule admits the internet on SSH, RDP or all ports",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "SSH, RDP and every other port open to the internet are scanned continuously: \
one weak password, leaked key or unpatched service is a remote shell on the VM, inside the \
virtual network. Exposed RDP is one of the most common ransomware entry points.",
    remediation: "Admit only the networks that need access, or use Azure Bastion or just-in-time \
VM access: `source_address_prefix = \"10.20.0.0/16\"` with `destination_port_range = \"22\"`.",
    equivalents: &[
        "checkov:CKV_AZURE_9",
        "checkov:CKV_AZURE_10",
        "tfsec:azure-network-disable-rdp-from-internet",
        "tfsec:azure-network-ssh-blocked-from-internet",
        "trivy:AZU-0048",
        "trivy:AZU-0050",
    ],
    references: &[
        "https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview",
    ],
};

const ANYWHERE: &[&str] = &["*", "0.0.0.0/0", "0.0.0.0", "internet", "any", "::/0"];

fn is_anywhere(e: &Expr) -> Option<String> {
    let hit = |s: &str| ANYWHERE.contains(&s.to_ascii_lowercase().as_str());
    if let Some(s) = e.as_str() {
        return hit(s).then(|| s.to_string());
    }
    e.as_list()?
        .iter()
        .filter_map(Expr::as_str)
        .find(|s| hit(s))
        .map(str::to_string)
}

/// (span of the source, what is exposed) for one rule body.
fn exposure(n: Nested<'_>) -> Option<(Span, String)> {
    let lit = |k: &str| {
        n.value(k)
            .and_then(Expr::as_str)
            .map(str::to_ascii_lowercase)
    };
    if lit("direction")? != "inbound" || lit("access")? != "allow" {
        return None;
    }
    if !matches!(lit("protocol")?.as_str(), "tcp" | "udp" | "*") {
        return None;
    }
    let (key, source) = ["source_address_prefix", "source_address_prefixes"]
        .iter()
        .find_map(|k| is_anywhere(n.value(k)?).map(|s| (*k, s)))?;
    let mut ranges = Vec::new();
    if let Some(p) = n.value("destination_port_range") {
        ranges.push(port_range(p.as_str()?)?);
    }
    if let Some(list) = n.value("destination_port_ranges") {
        for p in list.as_list()? {
            ranges.push(port_range(p.as_str()?)?);
        }
    }
    let what = admin_ports_in(&ranges)?;
    Some((n.value_span(key)?, format!("{what} from {source}")))
}

impl TerraformRule for AzureNsgAdminPortOpenToWorld {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if r.mode != ResourceMode::Managed {
            return;
        }
        let found: Vec<(Span, String, String)> = match r.type_ {
            "azurerm_network_security_rule" => exposure(Nested::Block(r.block))
                .map(|(s, w)| (s, w, r.address()))
                .into_iter()
                .collect(),
            "azurerm_network_security_group" => nested(r.body(), "security_rule")
                .into_iter()
                .filter_map(|n| {
                    let name = n
                        .value("name")
                        .and_then(Expr::as_str)
                        .map_or_else(|| r.address(), |s| format!("{} rule \"{s}\"", r.address()));
                    exposure(n).map(|(s, w)| (s, w, name))
                })
                .collect(),
            _ => Vec::new(),
        };
        for (span, what, who) in found {
            out.push(
                Diagnostic::new(&META, span, format!("{who} admits {what}"))
                    .anchor(format!("{who}:{what}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn inline_and_standalone_rules() {
        let src = "resource \"azurerm_network_security_group\" \"g\" {\n  security_rule {\n    name = \"ssh\"\n    direction = \"Inbound\"\n    access = \"Allow\"\n    protocol = \"Tcp\"\n    source_address_prefix = \"*\"\n    destination_port_range = \"22\"\n  }\n  security_rule {\n    name = \"web\"\n    direction = \"Inbound\"\n    access = \"Allow\"\n    protocol = \"Tcp\"\n    source_address_prefix = \"Internet\"\n    destination_port_range = \"443\"\n  }\n}\nresource \"azurerm_network_security_rule\" \"rdp\" {\n  direction = \"Inbound\"\n  access = \"Allow\"\n  protocol = \"*\"\n  source_address_prefixes = [\"Internet\"]\n  destination_port_ranges = [\"3389\"]\n}\n";
        let got = lines("TF035", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[1].0), (7, 23));
    }
}
