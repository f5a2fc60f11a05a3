//! TF034 `gcp-firewall-admin-port-open-to-world`: a `google_compute_firewall` ingress rule
//! allows `0.0.0.0/0` or `::/0` (`source_ranges`) on SSH (22), RDP (3389), telnet, the Docker
//! API, or every port (`allow { protocol = "all" }`, or a `tcp`/`udp`/`sctp` allow without
//! `ports`).
//!
//! Egress and disabled rules are skipped; only literal values are judged.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, ResourceMode, TfFile};
use crate::parse::hcl::Expr;
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::aws_s3::{admin_ports_in, nested, port_range, world_cidr};

pub struct GcpFirewallAdminPortOpenToWorld;

pub static META: RuleMeta = RuleMeta {
    id: "TF034",
    name: "gcp-firewall-admin-port-open-to-world",
    family: Family::Terraform,
    title: "GCP firewall admits the whole internet on SSH, RDP or all ports",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "SSH, RDP and every other port open to 0.0.0.0/0 are scanned from the internet \
continuously: one weak password, leaked key or unpatched service is a remote shell on the VM, \
inside the VPC network.",
    remediation: "Admit only the ranges that need access, or use Identity-Aware Proxy TCP \
forwarding for SSH/RDP: `source_ranges = [\"35.235.240.0/20\"]` with \
`allow { protocol = \"tcp\", ports = [\"22\"] }`.",
    equivalents: &[
        "checkov:CKV_GCP_2",
        "checkov:CKV_GCP_3",
        "tfsec:google-compute-no-public-ingress",
        "trivy:GCP-0027",
    ],
    references: &["https://cloud.google.com/firewall/docs/firewalls"],
};

/// The admin ports one `allow` block opens (`None` when none or unknown).
fn allowed(protocol: Option<&str>, ports: Option<&Expr>) -> Option<String> {
    let protocol = protocol?.to_ascii_lowercase();
    if protocol == "all" {
        return Some("all ports".to_string());
    }
    if !matches!(
        protocol.as_str(),
        "tcp" | "udp" | "sctp" | "6" | "17" | "132"
    ) {
        return None;
    }
    let Some(ports) = ports else {
        return Some(format!("all {protocol} ports"));
    };
    let mut ranges = Vec::new();
    for p in ports.as_list()? {
        let text = match p.as_str() {
            Some(s) => s.to_string(),
            None => p.as_f64().map(|n| n.to_string())?,
        };
        ranges.push(port_range(&text)?);
    }
    admin_ports_in(&ranges)
}

impl TerraformRule for GcpFirewallAdminPortOpenToWorld {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if r.mode != ResourceMode::Managed || r.type_ != "google_compute_firewall" {
            return;
        }
        let ingress = r.attr("direction").map_or(Some(true), |a| {
            a.value.as_str().map(|d| d.eq_ignore_ascii_case("INGRESS"))
        });
        let disabled = r
            .attr("disabled")
            .map_or(Some(false), |a| a.value.as_bool());
        if ingress != Some(true) || disabled != Some(false) {
            return;
        }
        let Some(src) = r.attr("source_ranges") else {
            return;
        };
        let Some(cidr) = world_cidr(&src.value) else {
            return;
        };
        let mut what: Vec<String> = Vec::new();
        for a in nested(r.body(), "allow") {
            let protocol = a.value("protocol").and_then(Expr::as_str);
            if let Some(w) = allowed(protocol, a.value("ports")) {
                if !what.contains(&w) {
                    what.push(w);
                }
            }
        }
        if what.is_empty() {
            return;
        }
        let what = format!("{} from {cidr}", what.join(", "));
        out.push(
            Diagnostic::new(&META, src.span, format!("{} admits {what}", r.address()))
                .anchor(format!("{}:{what}", r.address())),
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn ports_protocols_and_direction() {
        let src = "resource \"google_compute_firewall\" \"a\" {\n  source_ranges = [\"0.0.0.0/0\"]\n  allow {\n    protocol = \"tcp\"\n    ports = [\"20-25\", \"443\"]\n  }\n}\nresource \"google_compute_firewall\" \"b\" {\n  source_ranges = [\"0.0.0.0/0\"]\n  allow {\n    protocol = \"icmp\"\n  }\n}\nresource \"google_compute_firewall\" \"c\" {\n  direction = \"EGRESS\"\n  source_ranges = [\"0.0.0.0/0\"]\n  allow {\n    protocol = \"all\"\n  }\n}\n";
        let got = lines("TF034", "main.tf", src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.contains("SSH 22, telnet 23"), "{got:?}");
    }
}
