//! TF033 `default-network-resources-used`: the code builds on AWS's default network: it
//! manages the default VPC or a default subnet (`aws_default_vpc`, `aws_default_subnet`),
//! looks them up to place resources in them (`data "aws_vpc" { default = true }`,
//! `data "aws_subnet" { default_for_az = true }`), or adds rules to a VPC's default security
//! group (`aws_default_security_group` with `ingress`/`egress`).
//!
//! An `aws_default_security_group` with no rules is the recommended way to strip the default
//! group and is not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, ResourceMode, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::aws_s3::nested;

pub struct DefaultNetworkResourcesUsed;

pub static META: RuleMeta = RuleMeta {
    id: "TF033",
    name: "default-network-resources-used",
    family: Family::Terraform,
    title: "Default VPC, default subnet or default security group rules in use",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "The default VPC exists in every region with public subnets that hand out \
public IPs, and the default security group is attached to anything launched without one: \
workloads placed there share a network nobody designed, and rules added to the default group \
silently apply to every such resource. It is a hygiene and blast-radius issue rather than an \
exposure by itself (open ports are TF030–TF032), hence low.",
    remediation: "Create a dedicated VPC with private subnets for workloads, and adopt the \
default security group only to strip it: `resource \"aws_default_security_group\" \"default\" { \
vpc_id = aws_vpc.main.id }` (no ingress or egress blocks).",
    equivalents: &[
        "checkov:CKV_AWS_148",
        "checkov:CKV2_AWS_12",
        "tfsec:aws-vpc-no-default-vpc",
        "trivy:AWS-0101",
        "trivy:AWS-0173",
    ],
    references: &[
        "https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html",
        "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
    ],
};

impl TerraformRule for DefaultNetworkResourcesUsed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        let literal_true = |k: &str| r.attr(k).and_then(|a| a.value.as_bool()) == Some(true);
        let (span, msg) = match (r.mode, r.type_) {
            (ResourceMode::Managed, "aws_default_vpc") => (
                r.block.header_span(),
                format!("{} manages the default VPC", r.address()),
            ),
            (ResourceMode::Managed, "aws_default_subnet") => (
                r.block.header_span(),
                format!("{} manages a default subnet", r.address()),
            ),
            (ResourceMode::Managed, "aws_default_security_group") => {
                let Some(rule) = ["ingress", "egress"]
                    .iter()
                    .find_map(|k| nested(r.body(), k).first().map(|n| (*k, n.span())))
                else {
                    return;
                };
                (
                    rule.1,
                    format!(
                        "{} adds {} rules to the default security group",
                        r.address(),
                        rule.0
                    ),
                )
            }
            (ResourceMode::Data, "aws_vpc") if literal_true("default") => (
                r.attr("default").map_or(r.block.header_span(), |a| a.span),
                format!("{} looks up the default VPC", r.address()),
            ),
            (ResourceMode::Data, "aws_subnet") if literal_true("default_for_az") => (
                r.attr("default_for_az")
                    .map_or(r.block.header_span(), |a| a.span),
                format!("{} looks up a default subnet", r.address()),
            ),
            _ => return,
        };
        out.push(Diagnostic::new(&META, span, msg).anchor(r.address()));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn stripped_default_group_is_fine() {
        let src = "resource \"aws_default_security_group\" \"d\" {\n  vpc_id = aws_vpc.main.id\n}\ndata \"aws_vpc\" \"v\" {\n  default = true\n}\n";
        let got = lines("TF033", "main.tf", src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 5);
    }
}
