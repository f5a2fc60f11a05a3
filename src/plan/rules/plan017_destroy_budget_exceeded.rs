//! PLAN017: more destroys than `--max-destroy` allows.

use super::{Context, Detail, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Column, Loc, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN017",
    name: "destroy-budget-exceeded",
    family: Family::Plan,
    title: "Plan destroys more resources than the budget (--max-destroy)",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "The blast radius of an apply grows with the number of objects it destroys. A budget (`--max-destroy N`) turns \"this plan destroys far more than usual\" — a wrong workspace, a broken `for_each`, a deleted module call — into a stop before apply, whatever the resource types are.",
    remediation: "Split the change into smaller plans, or raise the budget for this one reviewed run, for example `ironlaw plan plan.json --max-destroy 10`.",
    equivalents: &[],
    references: &[],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, plan: &Plan, ctx: &Context, out: &mut Vec<PlanDiag>) {
        let Some(max) = ctx.max_destroy else {
            return;
        };
        let n = plan.totals.destroys();
        if n <= max {
            return;
        }
        let loc = plan
            .changes
            .iter()
            .find(|c| c.action().destroys())
            .map_or(Loc::default(), |c| c.loc);
        out.push(
            PlanDiag::plan(
                &META,
                loc,
                format!(
                    "plan destroys {n} resource(s) ({} deleted, {} replaced), over the budget of {max}",
                    plan.totals.get(Column::Delete),
                    plan.totals.get(Column::Replace)
                ),
            )
            .detail(Detail::new("destroys", format!("max {max}"), n.to_string())),
        );
    }
}
