//! PLAN005: the final snapshot before deletion switched off.

use super::{Context, Detail, PlanDiag, PlanRule, flipped};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN005",
    name: "final-snapshot-skipped",
    family: Family::Plan,
    title: "Plan skips the final snapshot of a database",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::RollbackPath,
    rationale: "With `skip_final_snapshot = true`, deleting an RDS instance or cluster (or a Redshift cluster) keeps no snapshot: the data is gone the moment the destroy runs, with no way back. Flipping it to true is how a database is prepared for a quick delete.",
    remediation: "Keep `skip_final_snapshot = false` with a `final_snapshot_identifier` so a delete always leaves a snapshot, for example `final_snapshot_identifier = \"main-final\"`.",
    equivalents: &[],
    references: &[],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, _plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        if flipped(c, "skip_final_snapshot", false) {
            out.push(
                PlanDiag::new(
                    &META,
                    c,
                    format!("{} sets skip_final_snapshot from false to true", c.address),
                )
                .detail(Detail::new("skip_final_snapshot", "false", "true")),
            );
        }
    }
}
