//! TF032 `all-egress-open-to-world`: an AWS security group lets instances send traffic on
//! every port (protocol `-1`, or ports 0–65535) to `0.0.0.0/0` or `::/0`.
//!
//! Covers `egress` blocks of `aws_security_group`, `aws_security_group_rule` with
//! `type = "egress"`, and `aws_vpc_security_group_egress_rule`. Only literal CIDRs, protocols
//! and ports are judged.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, ResourceMode, TfFile};
use crate::parse::hcl::Expr;
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};
use crate::source::Span;

use super::aws_s3::{Nested, nested, port_of, world_cidr};

pub struct AllEgressOpenToWorld;

pub static META: RuleMeta = RuleMeta {
    id: "TF032",
    name: "all-egress-open-to-world",
    family: Family::Terraform,
    title: "Security group allows all egress to the whole internet",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "An allow-all egress rule means a compromised instance can reach any host on any \
port: download tooling, talk to a command-and-control server, or exfiltrate data over an \
arbitrary protocol, and nothing in the network layer notices. It is the common default, hence \
the low severity, but most workloads need only HTTPS to a few endpoints.",
    remediation: "Allow only the egress the workload needs (HTTPS, the database's security \
group, VPC endpoints): `egress { from_port = 443, to_port = 443, protocol = \"tcp\", \
cidr_blocks = [\"0.0.0.0/0\"] }`, or route outbound traffic through a proxy or NAT with \
filtering.",
    equivalents: &[
        "checkov:CKV_AWS_382",
        "tfsec:aws-ec2-no-public-egress-sgr",
        "tfsec:aws-vpc-no-public-egress-sgr",
        "trivy:AWS-0104",
    ],
    references: &["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
};

/// The world CIDR attribute of an all-ports rule, if the rule is one.
fn all_ports<'a>(
    value: &dyn Fn(&str) -> Option<&'a Expr>,
    span: &dyn Fn(&str) -> Option<Span>,
    cidr_keys: &[&str],
    protocol_key: &str,
) -> Option<(Span, &'a str)> {
    let (key, cidr) = cidr_keys
        .iter()
        .find_map(|k| world_cidr(value(k)?).map(|c| (*k, c)))?;
    let protocol = value(protocol_key)?.as_str().map(str::to_ascii_lowercase);
    let from = value("from_port").and_then(port_of);
    let to = value("to_port").and_then(port_of);
    let all = matches!(protocol.as_deref(), Some("-1" | "all"))
        || (from == Some(0) && to.is_some_and(|t| t >= 65535));
    all.then(|| span(key).map(|s| (s, cidr)))?
}

fn of_nested<'a>(n: Nested<'a>, cidr_keys: &[&str], protocol_key: &str) -> Option<(Span, &'a str)> {
    all_ports(
        &|k| n.value(k),
        &|k| n.value_span(k),
        cidr_keys,
        protocol_key,
    )
}

impl TerraformRule for AllEgressOpenToWorld {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if r.mode != ResourceMode::Managed {
            return;
        }
        let v4v6: &[&str] = &["cidr_blocks", "ipv6_cidr_blocks"];
        let found: Vec<(Span, &str)> = match r.type_ {
            "aws_security_group" => nested(r.body(), "egress")
                .into_iter()
                .filter_map(|n| of_nested(n, v4v6, "protocol"))
                .collect(),
            "aws_security_group_rule"
                if r.attr("type").and_then(|a| a.value.as_str()) == Some("egress") =>
            {
                of_nested(Nested::Block(r.block), v4v6, "protocol")
                    .into_iter()
                    .collect()
            }
            "aws_vpc_security_group_egress_rule" => of_nested(
                Nested::Block(r.block),
                &["cidr_ipv4", "cidr_ipv6"],
                "ip_protocol",
            )
            .into_iter()
            .collect(),
            _ => Vec::new(),
        };
        for (span, cidr) in found {
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!("{} allows all egress to {cidr}", r.address()),
                )
                .anchor(format!("{}:{cidr}", r.address())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn all_ports_only() {
        let src = "resource \"aws_security_group\" \"a\" {\n  egress {\n    from_port = 0\n    to_port = 0\n    protocol = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n  egress {\n    from_port = 443\n    to_port = 443\n    protocol = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n";
        let got = lines("TF032", "main.tf", src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 6);
    }
}
