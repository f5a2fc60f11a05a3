//! TF031 `database-port-open-to-world`: an AWS security group ingress rule admits
//! `0.0.0.0/0` or `::/0` on a database, cache or search port (MySQL, PostgreSQL, SQL Server,
//! Oracle, MongoDB, Redis, memcached, Elasticsearch, Cassandra, Redshift, CouchDB).
//!
//! Same resources and the same judgement as TF030 (values resolved through variable
//! defaults and locals of the module; unknowns are not reported).

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::sg::{PortClass, report_exposures};

pub struct DatabasePortOpenToWorld;

pub static META: RuleMeta = RuleMeta {
    id: "TF031",
    name: "database-port-open-to-world",
    family: Family::Terraform,
    title: "Security group admits the whole internet on a database port",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Databases, caches and search engines reachable from 0.0.0.0/0 are found by \
internet-wide scanners within hours; exposed Redis, MongoDB and Elasticsearch instances are the \
most common source of mass data leaks and ransom wipes, and a database port should only ever \
be reachable from the application tier.",
    remediation: "Admit only the application's security group (or a private range): \
`ingress { from_port = 5432, to_port = 5432, protocol = \"tcp\", security_groups = [aws_security_group.app.id] }`.",
    equivalents: &["tfsec:aws-ec2-no-public-ingress-sgr"],
    references: &["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
};

impl TerraformModuleRule for DatabasePortOpenToWorld {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        report_exposures(project, &META, PortClass::Database, out);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn all_ports_is_tf030_not_tf031() {
        let src = "resource \"aws_vpc_security_group_ingress_rule\" \"r\" {\n  cidr_ipv4 = \"0.0.0.0/0\"\n  ip_protocol = \"-1\"\n}\n";
        assert!(lines("TF031", "main.tf", src).is_empty());
    }

    #[test]
    fn variable_default_in_another_file_of_the_module() {
        let got = tree(
            "TF031",
            &[
                (
                    "db/variables.tf",
                    "variable \"allowed\" {\n  default = [\"0.0.0.0/0\"]\n}\nvariable \"port\" {\n  default = 5432\n}\n",
                ),
                (
                    "db/main.tf",
                    "resource \"aws_vpc_security_group_ingress_rule\" \"pg\" {\n  cidr_ipv4   = var.allowed[0]\n  ip_protocol = \"tcp\"\n  from_port   = var.port\n  to_port     = var.port\n}\nresource \"aws_security_group_rule\" \"r\" {\n  type        = \"ingress\"\n  from_port   = var.port\n  to_port     = var.port\n  protocol    = \"tcp\"\n  cidr_blocks = var.allowed\n}\n",
                ),
            ],
        );
        // `var.allowed[0]` is not followed (an index); the whole list is
        assert_eq!(got, vec![("db/main.tf".to_string(), 12)]);
    }
}
