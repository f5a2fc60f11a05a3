//! TF049 `rds-skip-final-snapshot`: an RDS instance (`aws_db_instance`) or Aurora cluster
//! (`aws_rds_cluster`) sets `skip_final_snapshot = true`. The provider default is `false`
//! (a final snapshot is taken, named by `final_snapshot_identifier`).

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{arg, each_resource, report};

pub struct RdsSkipFinalSnapshot;

pub static META: RuleMeta = RuleMeta {
    id: "TF049",
    name: "rds-skip-final-snapshot",
    family: Family::Terraform,
    title: "RDS database deleted without a final snapshot",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::RollbackPath,
    rationale: "With `skip_final_snapshot = true`, deleting the database (a destroy, a \
replacement, a renamed resource) also deletes its automated backups and keeps nothing: the \
data is gone with no way back. The flag is often copied from a tutorial where it only \
speeds up clean-up.",
    remediation: "Keep the final snapshot: `skip_final_snapshot = false` (the default) with \
`final_snapshot_identifier = \"${var.name}-final\"`; set it to `true` only for throw-away \
test databases.",
    equivalents: &[],
    references: &[
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#skip_final_snapshot",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html",
    ],
};

impl TerraformModuleRule for RdsSkipFinalSnapshot {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(
            project,
            &["aws_db_instance", "aws_rds_cluster"],
            |m, file, r| {
                let a = arg(m, r, "skip_final_snapshot");
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
                        "{} sets skip_final_snapshot = {}: deleting it keeps no snapshot",
                        r.address(),
                        a.shown()
                    ),
                    format!("{}.skip_final_snapshot", r.address()),
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
    fn true_only() {
        let src = "resource \"aws_db_instance\" \"a\" {\n  skip_final_snapshot = true\n}\nresource \"aws_db_instance\" \"b\" {}\nresource \"aws_rds_cluster\" \"c\" {\n  skip_final_snapshot = local.skip\n}\nlocals {\n  skip = false\n}\n";
        let got = lines("TF049", "main.tf", src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 2);
    }
}
