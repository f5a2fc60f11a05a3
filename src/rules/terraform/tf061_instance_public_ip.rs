//! TF061 `instance-public-ip`: an EC2 instance (`aws_instance`) sets
//! `associate_public_ip_address = true`. When the argument is not written the subnet's
//! `map_public_ip_on_launch` decides, which is not reported here.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{arg, each_resource, report};

pub struct InstancePublicIp;

pub static META: RuleMeta = RuleMeta {
    id: "TF061",
    name: "instance-public-ip",
    family: Family::Terraform,
    title: "EC2 instance with a public IP address",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "An instance with a public IP is one security-group rule away from the \
internet, and it bypasses whatever the network puts in front of public traffic (load \
balancer, WAF, NAT egress). Most instances need neither: they are reached through a load \
balancer and reach out through a NAT gateway.",
    remediation: "Put the instance in a private subnet behind a load balancer, and reach it \
with SSM Session Manager: `associate_public_ip_address = false`.",
    equivalents: &["checkov:CKV_AWS_88"],
    references: &[
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html",
    ],
};

impl TerraformModuleRule for InstancePublicIp {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(project, &["aws_instance"], |m, file, r| {
            let a = arg(m, r, "associate_public_ip_address");
            if a.flag() != Some(Some(true)) {
                return;
            }
            let Some(span) = a.span() else { return };
            report(
                out,
                &META,
                file,
                span,
                format!(
                    "{} sets associate_public_ip_address = {}",
                    r.address(),
                    a.shown()
                ),
                format!("{}.associate_public_ip_address", r.address()),
            );
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn true_only() {
        let src = "resource \"aws_instance\" \"a\" {\n  associate_public_ip_address = true\n}\nresource \"aws_instance\" \"b\" {}\nresource \"aws_instance\" \"c\" {\n  associate_public_ip_address = var.public\n}\n";
        let got = lines("TF061", "main.tf", src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 2);
    }
}
