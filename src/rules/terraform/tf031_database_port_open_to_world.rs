//! TF031 `database-port-open-to-world`: an AWS security group ingress rule admits
//! `0.0.0.0/0` or `::/0` on a database, cache or search port (MySQL, PostgreSQL, SQL Server,
//! Oracle, MongoDB, Redis, memcached, Elasticsearch, Cassandra, Redshift, CouchDB).
//!
//! Same resources and the same literal-only judgement as TF030.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::sg::{PortClass, exposures};

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

impl TerraformRule for DatabasePortOpenToWorld {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        for e in exposures(r, PortClass::Database) {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn all_ports_is_tf030_not_tf031() {
        let src = "resource \"aws_vpc_security_group_ingress_rule\" \"r\" {\n  cidr_ipv4 = \"0.0.0.0/0\"\n  ip_protocol = \"-1\"\n}\n";
        assert!(lines("TF031", "main.tf", src).is_empty());
        let _ = tree;
    }
}
