//! PLAN003: any other resource is destroyed (deleted or replaced), with the plan's counts.

use super::plan001_stateful_resource_destroyed::delete_reason;
use super::plan002_stateful_resource_replaced::{forcing_details, replace_reason};
use super::{Context, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::classify::{self, Class};
use crate::plan::model::{Action, Change, Column, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN003",
    name: "resource-destroyed",
    family: Family::Plan,
    title: "Plan destroys a resource",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "A destroy removes a running object: instances, load balancers, functions and network pieces go away, and anything that depended on them breaks until they are back. Destroys are also how a refactoring mistake (a renamed block without a `moved` block, a changed `count`) shows up in a plan. Create-before-destroy replacements are reported at a lower severity because the new object exists before the old one goes; stateful resources are reported by PLAN001 and PLAN002 instead.",
    remediation: "Check every destroy against the intent of the change; for a rename or refactor add a `moved { from = aws_instance.old to = aws_instance.new }` block so Terraform keeps the object instead of destroying it.",
    equivalents: &[],
    references: &["https://developer.hashicorp.com/terraform/language/modules/develop/refactoring"],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        let action = c.action();
        if !action.destroys() || c.data || classify::is(&c.type_, Class::Stateful) {
            return;
        }
        let t = &plan.totals;
        let counts = format!(
            "one of {} destroy(s) in this plan: {} deleted, {} replaced",
            t.destroys(),
            t.get(Column::Delete),
            t.get(Column::Replace)
        );
        let (verb, reason, sev) = match action {
            Action::Delete => ("destroyed", delete_reason(c), None),
            Action::DeleteCreate => ("replaced (delete, then create)", replace_reason(c), None),
            _ => (
                "replaced (create, then delete)",
                replace_reason(c),
                Some(Severity::Medium),
            ),
        };
        let mut msg = format!("{} is {verb}", c.address);
        if !c.replace_paths.is_empty() {
            let forced: Vec<String> = c.replace_paths.iter().map(|p| format!("\"{p}\"")).collect();
            msg.push_str(&format!(", forced by {}", forced.join(", ")));
        } else if let Some(r) = reason {
            msg.push_str(&format!(": {r}"));
        }
        msg.push_str(&format!(" ({counts})"));
        let mut d = PlanDiag::new(&META, c, msg);
        d.severity = sev;
        d.details = forcing_details(c);
        out.push(d);
    }
}
