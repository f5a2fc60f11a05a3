//! PLAN018: more changes than `--max-changes` allows.

use super::{Context, Detail, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Column, Loc, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN018",
    name: "change-budget-exceeded",
    family: Family::Plan,
    title: "Plan changes more resources than the budget (--max-changes)",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "A plan that creates, updates, replaces or deletes far more resources than a change normally does is hard to review line by line and risky to apply at once; a budget (`--max-changes N`) makes such plans stop for a human.",
    remediation: "Split the change into smaller plans (per module or with `-target` for the rollout only), or raise the budget for this reviewed run, for example `ironlaw plan plan.json --max-changes 200`.",
    equivalents: &[],
    references: &[],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, plan: &Plan, ctx: &Context, out: &mut Vec<PlanDiag>) {
        let Some(max) = ctx.max_changes else {
            return;
        };
        let t = &plan.totals;
        let n = t.changes();
        if n <= max {
            return;
        }
        let loc = plan
            .changes
            .iter()
            .find(|c| c.action().is_change())
            .map_or(Loc::default(), |c| c.loc);
        out.push(
            PlanDiag::plan(
                &META,
                loc,
                format!(
                    "plan changes {n} resource(s) ({} create, {} update, {} replace, {} delete), over the budget of {max}",
                    t.get(Column::Create),
                    t.get(Column::Update),
                    t.get(Column::Replace),
                    t.get(Column::Delete)
                ),
            )
            .detail(Detail::new("changes", format!("max {max}"), n.to_string())),
        );
    }
}
