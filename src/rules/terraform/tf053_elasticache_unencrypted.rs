//! TF053 `elasticache-unencrypted`: an ElastiCache replication group
//! (`aws_elasticache_replication_group`) without `at_rest_encryption_enabled = true` or
//! without `transit_encryption_enabled = true`; one finding for each. Both default to `false`
//! (at rest: `true` for `engine = "valkey"`, which is then not reported).

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{arg, each_resource, report, resource_span};

pub struct ElasticacheUnencrypted;

pub static META: RuleMeta = RuleMeta {
    id: "TF053",
    name: "elasticache-unencrypted",
    family: Family::Terraform,
    title: "ElastiCache replication group without encryption at rest or in transit",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A cache holds copies of the data the application reads most: sessions, \
tokens, user records. Without transit encryption anything on the network path reads and \
can alter it (and AUTH tokens need TLS); without encryption at rest its disks, swap and \
backups hold it in clear. Both can only be set when the group is created (transit \
encryption, on older engines).",
    remediation: "Encrypt both ways when the group is created: \
`at_rest_encryption_enabled = true`, `transit_encryption_enabled = true` (with \
`auth_token` or IAM/RBAC users, and clients connecting over TLS).",
    equivalents: &[
        "checkov:CKV_AWS_29",
        "checkov:CKV_AWS_30",
        "tfsec:aws-elasticache-enable-at-rest-encryption",
        "tfsec:aws-elasticache-enable-in-transit-encryption",
        "trivy:AWS-0045",
        "trivy:AWS-0051",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
        "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html",
    ],
};

impl TerraformModuleRule for ElasticacheUnencrypted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(
            project,
            &["aws_elasticache_replication_group"],
            |m, file, r| {
                let engine = arg(m, r, "engine");
                let valkey = engine.str() == Some("valkey");
                let engine_unknown = engine.is_set() && engine.str().is_none();
                for (key, what) in [
                    ("at_rest_encryption_enabled", "at rest"),
                    ("transit_encryption_enabled", "in transit"),
                ] {
                    let a = arg(m, r, key);
                    let (span, message) = match a.flag() {
                        Some(None) => {
                            if key.starts_with("at_rest") && (valkey || engine_unknown) {
                                continue;
                            }
                            (
                                resource_span(file, r),
                                format!(
                                    "{} does not set {key} (default false): data is unencrypted {what}",
                                    r.address()
                                ),
                            )
                        }
                        Some(Some(false)) => match a.span() {
                            Some(s) => (s, format!("{} sets {key} = {}", r.address(), a.shown())),
                            None => continue,
                        },
                        _ => continue,
                    };
                    report(
                        out,
                        &META,
                        file,
                        span,
                        message,
                        format!("{}.{key}", r.address()),
                    );
                }
            },
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn both_settings_and_valkey_default() {
        let src = "resource \"aws_elasticache_replication_group\" \"a\" {\n  engine = \"redis\"\n}\nresource \"aws_elasticache_replication_group\" \"v\" {\n  engine                     = \"valkey\"\n  transit_encryption_enabled = true\n}\nresource \"aws_elasticache_replication_group\" \"b\" {\n  at_rest_encryption_enabled = true\n  transit_encryption_enabled = false\n}\n";
        let got = lines("TF053", "main.tf", src);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!((got[0].0, got[1].0, got[2].0), (1, 1, 10));
        assert!(got[0].1.contains("at_rest"), "{got:?}");
    }
}
