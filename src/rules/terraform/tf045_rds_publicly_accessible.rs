//! TF045 `rds-publicly-accessible`: an RDS instance (`aws_db_instance`) or Aurora cluster
//! instance (`aws_rds_cluster_instance`) sets `publicly_accessible = true`. The provider
//! default is `false`, so only an explicit (or resolved) `true` is reported.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{arg, each_resource, report};

pub struct RdsPubliclyAccessible;

pub static META: RuleMeta = RuleMeta {
    id: "TF045",
    name: "rds-publicly-accessible",
    family: Family::Terraform,
    title: "RDS instance has a public endpoint",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A publicly accessible database gets a DNS name that resolves to a public IP: \
with one permissive security group rule it is reachable from the whole internet, where \
database ports are scanned and brute-forced continuously. Applications reach a database \
from inside the VPC; nothing needs a public endpoint.",
    remediation: "Keep the database private and reach it through the VPC (a bastion, SSM \
port forwarding or a VPN): `publicly_accessible = false` (the default), with the instance \
in private subnets (`db_subnet_group_name = aws_db_subnet_group.private.name`).",
    equivalents: &[
        "checkov:CKV_AWS_17",
        "tfsec:aws-rds-no-public-db-access",
        "trivy:AWS-0180",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#publicly_accessible",
    ],
};

impl TerraformModuleRule for RdsPubliclyAccessible {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(
            project,
            &["aws_db_instance", "aws_rds_cluster_instance"],
            |m, file, r| {
                let a = arg(m, r, "publicly_accessible");
                if a.flag() != Some(Some(true)) {
                    return;
                }
                let Some(span) = a.span() else { return };
                report(
                    out,
                    &META,
                    file,
                    span,
                    format!("{} sets publicly_accessible = {}", r.address(), a.shown()),
                    format!("{}.publicly_accessible", r.address()),
                );
            },
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn literal_variable_default_and_unknown() {
        let src = "variable \"public\" {\n  default = true\n}\nvariable \"free\" {}\nresource \"aws_db_instance\" \"a\" {\n  publicly_accessible = var.public\n}\nresource \"aws_db_instance\" \"b\" {\n  publicly_accessible = var.free\n}\nresource \"aws_rds_cluster_instance\" \"c\" {\n  publicly_accessible = \"true\"\n}\n";
        let got = lines("TF045", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, 6);
        assert!(got[0].1.contains("true (from var.public)"), "{got:?}");
        assert_eq!(got[1].0, 12);
    }

    #[test]
    fn variable_defined_in_another_file_of_the_module() {
        let got = tree(
            "TF045",
            &[
                (
                    "db/variables.tf",
                    "variable \"public\" {\n  default = true\n}\n",
                ),
                (
                    "db/main.tf",
                    "resource \"aws_db_instance\" \"a\" {\n  publicly_accessible = var.public\n}\n",
                ),
            ],
        );
        assert_eq!(got, vec![("db/main.tf".to_string(), 2)]);
    }
}
