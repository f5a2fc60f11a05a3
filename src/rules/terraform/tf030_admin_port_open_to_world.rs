//! TF030 `admin-port-open-to-world`: an AWS security group ingress rule admits `0.0.0.0/0`
//! or `::/0` on SSH (22), RDP (3389), telnet, the Docker API, or all ports. Database ports
//! are TF031.
//!
//! Covers `ingress` blocks of `aws_security_group`, `aws_security_group_rule` with
//! `type = "ingress"`, and `aws_vpc_security_group_ingress_rule`. CIDRs and ports are judged
//! after resolution in their module: a `var.allowed` whose literal default is `0.0.0.0/0` is
//! reported (`(from var.allowed)`); a variable without a default, or one a `.tfvars` file
//! sets, is unknown and not reported.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::sg::{PortClass, report_exposures};

pub struct AdminPortOpenToWorld;

pub static META: RuleMeta = RuleMeta {
    id: "TF030",
    name: "admin-port-open-to-world",
    family: Family::Terraform,
    title: "Security group admits the whole internet on SSH, RDP or all ports",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "SSH, RDP and every other port open to 0.0.0.0/0 are scanned from the internet \
continuously: one weak password, leaked key or unpatched service is a remote shell on the \
machine, inside the network.",
    remediation: "Admit only the networks that need access (a VPN or bastion range, another \
security group), or use SSM Session Manager instead of SSH: \
`ingress { from_port = 22, to_port = 22, protocol = \"tcp\", cidr_blocks = [\"10.20.0.0/16\"] }`.",
    equivalents: &[
        "checkov:CKV_AWS_24",
        "checkov:CKV_AWS_25",
        "tfsec:aws-ec2-no-public-ingress-sgr",
        "trivy:AWS-0107",
    ],
    references: &["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
};

impl TerraformModuleRule for AdminPortOpenToWorld {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        report_exposures(project, &META, PortClass::Admin, out);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn port_ranges_and_all_ports() {
        let src = "resource \"aws_security_group_rule\" \"r\" {\n  type = \"ingress\"\n  from_port = 20\n  to_port = 25\n  protocol = \"tcp\"\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\nresource \"aws_security_group_rule\" \"all\" {\n  type = \"ingress\"\n  from_port = 0\n  to_port = 65535\n  protocol = \"tcp\"\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\nresource \"aws_security_group_rule\" \"udp\" {\n  type = \"ingress\"\n  from_port = 53\n  to_port = 53\n  protocol = \"udp\"\n  cidr_blocks = [\"0.0.0.0/0\"]\n}\n";
        let got = lines("TF030", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].1.contains("SSH 22"), "{got:?}");
        assert!(got[1].1.contains("all ports"), "{got:?}");
    }

    #[test]
    fn variable_defaults_resolve_unknowns_do_not() {
        let src = "variable \"allowed\" {\n  default = \"0.0.0.0/0\"\n}\nvariable \"cidrs\" {\n  default = [\"10.0.0.0/8\", \"::/0\"]\n}\nvariable \"free\" {}\nresource \"aws_security_group_rule\" \"a\" {\n  type        = \"ingress\"\n  from_port   = 22\n  to_port     = 22\n  protocol    = \"tcp\"\n  cidr_blocks = [var.allowed]\n}\nresource \"aws_security_group\" \"b\" {\n  ingress {\n    from_port        = 3389\n    to_port          = 3389\n    protocol         = \"tcp\"\n    ipv6_cidr_blocks = var.cidrs\n  }\n}\nresource \"aws_security_group_rule\" \"c\" {\n  type        = \"ingress\"\n  from_port   = 22\n  to_port     = 22\n  protocol    = \"tcp\"\n  cidr_blocks = [var.free]\n}\n";
        let got = lines("TF030", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, 13);
        assert!(
            got[0]
                .1
                .ends_with("SSH 22 from 0.0.0.0/0 (from var.allowed)"),
            "{got:?}"
        );
        assert_eq!(got[1].0, 20);
        assert!(
            got[1].1.ends_with("RDP 3389 from ::/0 (from var.cidrs)"),
            "{got:?}"
        );
        // a .tfvars assignment makes the default unknown
        let got = tree(
            "TF030",
            &[
                ("net/main.tf", src),
                ("net/terraform.tfvars", "allowed = \"10.1.0.0/16\"\n"),
            ],
        );
        assert_eq!(got, vec![("net/main.tf".to_string(), 20)]);
    }

    #[test]
    fn peer_and_own_pragmas_suppress() {
        use crate::discover::ArtifactKind;
        use crate::engine::{RuleSelection, check_text};
        let src = include_str!("../../../tests/fixtures/terraform/TF030/pass-suppressed.tf");
        let out = check_text(
            "main.tf",
            src,
            ArtifactKind::Terraform,
            &RuleSelection::only(&["TF030", "IL"]),
        );
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        let kinds: Vec<&str> = out
            .suppressed
            .iter()
            .filter_map(|f| f.suppressed.as_ref().map(|s| s.source.as_str()))
            .collect();
        assert_eq!(kinds.len(), 4, "{kinds:?}");
    }
}
