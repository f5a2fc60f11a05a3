//! TF048 `rds-deletion-protection-disabled`: an RDS instance (`aws_db_instance`) or Aurora
//! cluster (`aws_rds_cluster`) does not set `deletion_protection = true`. The provider default
//! is `false`.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{arg, each_resource, report, resource_span};

pub struct RdsDeletionProtectionDisabled;

pub static META: RuleMeta = RuleMeta {
    id: "TF048",
    name: "rds-deletion-protection-disabled",
    family: Family::Terraform,
    title: "RDS database without deletion protection",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "Without deletion protection a database is one `terraform destroy`, one \
renamed resource or one replacement-forcing change away from deletion, and the API call \
succeeds at once. Deletion protection makes AWS refuse to delete it until someone turns the \
flag off on purpose.",
    remediation: "Turn deletion protection on for every database that holds data you need: \
`deletion_protection = true` (and `lifecycle { prevent_destroy = true }` to stop Terraform \
planning the deletion at all).",
    equivalents: &[
        "checkov:CKV_AWS_293",
        "checkov:CKV_AWS_139",
        "trivy:AWS-0177",
        "trivy:AWS-0343",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection",
    ],
};

impl TerraformModuleRule for RdsDeletionProtectionDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(
            project,
            &["aws_db_instance", "aws_rds_cluster"],
            |m, file, r| {
                let a = arg(m, r, "deletion_protection");
                let (span, message) = match a.flag() {
                    Some(None) => (
                        resource_span(file, r),
                        format!(
                            "{} does not set deletion_protection (default false)",
                            r.address()
                        ),
                    ),
                    Some(Some(false)) => match a.span() {
                        Some(s) => (
                            s,
                            format!("{} sets deletion_protection = {}", r.address(), a.shown()),
                        ),
                        None => return,
                    },
                    _ => return,
                };
                report(
                    out,
                    &META,
                    file,
                    span,
                    message,
                    format!("{}.deletion_protection", r.address()),
                );
            },
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn missing_false_true_unknown() {
        let src = "resource \"aws_rds_cluster\" \"a\" {}\nresource \"aws_db_instance\" \"b\" {\n  deletion_protection = false\n}\nresource \"aws_db_instance\" \"c\" {\n  deletion_protection = true\n}\nresource \"aws_db_instance\" \"d\" {\n  deletion_protection = var.protect\n}\n";
        let got = lines("TF048", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[1].0), (1, 3));
    }
}
