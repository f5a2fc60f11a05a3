//! PLAN020: the plan errored or is incomplete.

use super::{Context, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Loc, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN020",
    name: "plan-errored",
    family: Family::Plan,
    title: "Plan errored or is incomplete",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "A plan saved with `errored: true` stopped part-way, and one with `complete: false` leaves deferred changes for a later run: neither shows everything the apply (or the next one) will do, so a clean report on it proves nothing.",
    remediation: "Fix the planning error and plan again; for deferred changes, plan again after apply until the plan is complete, for example `terraform plan -out=plan.out` until `complete` is true.",
    equivalents: &[],
    references: &[],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        if plan.errored {
            out.push(PlanDiag::plan(
                &META,
                Loc::default(),
                "plan errored: it does not show every change the apply would make",
            ));
        } else if plan.complete == Some(false) {
            out.push(PlanDiag::plan(
                &META,
                Loc::default(),
                "plan is incomplete: some changes are deferred to a later plan",
            ));
        }
    }
}
