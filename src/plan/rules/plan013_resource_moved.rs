//! PLAN013: a resource moves to a new address in state (`moved` blocks, `terraform state mv`).

use super::{Context, Detail, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN013",
    name: "resource-moved",
    family: Family::Plan,
    title: "Plan moves a resource to a new address in state",
    severity: Severity::Info,
    confidence: Confidence::High,
    checklist: Checklist::TerraformState,
    rationale: "A state move keeps the object and changes its address. It is the right way to refactor, but it rewrites state on apply and every later plan depends on it; listing the moves lets the reviewer check that each one pairs the intended old and new addresses (a wrong pair shows up as a destroy plus a create elsewhere).",
    remediation: "Check that each move pairs the intended addresses, then keep the `moved { from = aws_instance.old to = aws_instance.new }` block until every workspace has applied it.",
    equivalents: &[],
    references: &["https://developer.hashicorp.com/terraform/language/modules/develop/refactoring"],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, _plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        if let Some(prev) = &c.previous_address {
            out.push(
                PlanDiag::new(&META, c, format!("{prev} moves to {}", c.address))
                    .detail(Detail::new("address", prev.clone(), c.address.clone())),
            );
        }
    }
}
