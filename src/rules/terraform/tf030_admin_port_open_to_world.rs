//! TF030 `admin-port-open-to-world`: an AWS security group ingress rule admits `0.0.0.0/0`
//! or `::/0` on SSH (22), RDP (3389), telnet, the Docker API, or all ports. Database ports
//! are TF031.
//!
//! Covers `ingress` blocks of `aws_security_group`, `aws_security_group_rule` with
//! `type = "ingress"`, and `aws_vpc_security_group_ingress_rule`. Only literal CIDRs and
//! ports are judged (a `var.allowed_cidrs` is unknown, not reported).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::sg::{PortClass, exposures};

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

impl TerraformRule for AdminPortOpenToWorld {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        for e in exposures(r, PortClass::Admin) {
            out.push(
                Diagnostic::new(
                    &META,
                    e.attr.span,
                    format!("{} admits {}", r.address(), e.what),
                )
                .anchor(format!("{}:{}", r.address(), e.what)),
            );
        }
    }
}
