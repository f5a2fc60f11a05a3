//! TF051 `dynamodb-pitr-disabled`: a DynamoDB table (`aws_dynamodb_table`) without
//! `point_in_time_recovery { enabled = true }`. Point-in-time recovery is off unless the
//! block says otherwise. A `dynamic "point_in_time_recovery"` block is judged only when its
//! content disables recovery (it may generate no block at all).

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{each_resource, nested, report, resource_span};

pub struct DynamodbPitrDisabled;

pub static META: RuleMeta = RuleMeta {
    id: "TF051",
    name: "dynamodb-pitr-disabled",
    family: Family::Terraform,
    title: "DynamoDB table without point-in-time recovery",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::RollbackPath,
    rationale: "Without point-in-time recovery a DynamoDB table has no continuous backup: a \
bad deploy that overwrites items, a script that deletes the wrong keys or a dropped table \
cannot be rolled back to the minute before it happened.",
    remediation: "Turn on continuous backups: \
`point_in_time_recovery { enabled = true }` (restores to any second of the last 35 days).",
    equivalents: &[
        "checkov:CKV_AWS_28",
        "tfsec:aws-dynamodb-enable-recovery",
        "trivy:AWS-0024",
    ],
    references: &[
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
    ],
};

impl TerraformModuleRule for DynamodbPitrDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(project, &["aws_dynamodb_table"], |m, file, r| {
            let set = nested(r.body(), "point_in_time_recovery");
            if set.unknown {
                return;
            }
            let anchor = format!("{}.point_in_time_recovery", r.address());
            if set.items.is_empty() {
                report(
                    out,
                    &META,
                    file,
                    resource_span(file, r),
                    format!(
                        "{} has no point_in_time_recovery block (recovery is off by default)",
                        r.address()
                    ),
                    anchor,
                );
                return;
            }
            let fixed = set.fixed().next().is_some();
            for n in &set.items {
                if fixed && n.dynamic {
                    continue;
                }
                let a = n.arg(m, "enabled");
                let (span, message) = match a.flag() {
                    Some(Some(false)) => match a.span() {
                        Some(s) => (
                            s,
                            format!(
                                "{} sets point_in_time_recovery.enabled = {}",
                                r.address(),
                                a.shown()
                            ),
                        ),
                        None => continue,
                    },
                    Some(None) if !n.dynamic => (
                        n.span,
                        format!(
                            "{} has a point_in_time_recovery block without enabled = true",
                            r.address()
                        ),
                    ),
                    _ => continue,
                };
                report(out, &META, file, span, message, anchor.clone());
            }
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn block_states_and_dynamic() {
        let src = "resource \"aws_dynamodb_table\" \"none\" {}\nresource \"aws_dynamodb_table\" \"off\" {\n  point_in_time_recovery {\n    enabled = false\n  }\n}\nresource \"aws_dynamodb_table\" \"on\" {\n  point_in_time_recovery {\n    enabled = true\n  }\n}\nresource \"aws_dynamodb_table\" \"dyn\" {\n  dynamic \"point_in_time_recovery\" {\n    for_each = var.pitr ? [1] : []\n    content {\n      enabled = true\n    }\n  }\n}\n";
        let got = lines("TF051", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[1].0), (1, 4));
    }
}
