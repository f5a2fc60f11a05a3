//! TF050 `rds-single-az`: an RDS instance (`aws_db_instance`) does not set `multi_az = true`.
//! The provider default is `false`: one instance in one availability zone. Read replicas
//! (`replicate_source_db`), Aurora engines (replicated across zones by the cluster) and
//! SQL Server Express (no Multi-AZ option) are not reported.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{arg, each_resource, is_aurora, is_replica, report, resource_span};

pub struct RdsSingleAz;

pub static META: RuleMeta = RuleMeta {
    id: "TF050",
    name: "rds-single-az",
    family: Family::Terraform,
    title: "RDS instance in a single availability zone",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A single-AZ instance is down for the whole of an availability-zone outage, a \
host failure, and every maintenance that needs a reboot (patching, instance class \
changes). Multi-AZ keeps a synchronous standby in another zone and fails over in a minute \
or two without losing committed writes.",
    remediation: "Run production databases Multi-AZ: `multi_az = true` (for non-production \
databases, suppress this rule with a reason).",
    equivalents: &["checkov:CKV_AWS_157"],
    references: &["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html"],
};

impl TerraformModuleRule for RdsSingleAz {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(project, &["aws_db_instance"], |m, file, r| {
            if is_replica(r) || is_aurora(m, r) {
                return;
            }
            // SQL Server Express has no Multi-AZ option
            if arg(m, r, "engine").str() == Some("sqlserver-ex") {
                return;
            }
            let a = arg(m, r, "multi_az");
            let (span, message) = match a.flag() {
                Some(None) => (
                    resource_span(file, r),
                    format!(
                        "{} does not set multi_az (default false): it runs in one availability zone",
                        r.address()
                    ),
                ),
                Some(Some(false)) => match a.span() {
                    Some(s) => (s, format!("{} sets multi_az = {}", r.address(), a.shown())),
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
                format!("{}.multi_az", r.address()),
            );
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn replicas_and_aurora_are_skipped() {
        let src = "resource \"aws_db_instance\" \"a\" {\n  engine = \"mysql\"\n}\nresource \"aws_db_instance\" \"r\" {\n  replicate_source_db = aws_db_instance.a.identifier\n}\nresource \"aws_db_instance\" \"au\" {\n  engine = \"aurora-mysql\"\n}\nresource \"aws_db_instance\" \"b\" {\n  multi_az = true\n}\n";
        let got = lines("TF050", "main.tf", src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 1);
    }
}
