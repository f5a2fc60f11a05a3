//! PLAN015: resources changed outside Terraform (`resource_drift`).

use super::{Context, Detail, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Action, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN015",
    name: "drift-detected",
    family: Family::Plan,
    title: "Resources changed outside Terraform",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Drift means someone changed the live object by hand or another tool did. Applying this plan will silently revert that change (or build on top of it), which can undo a hotfix made during an incident; the code no longer describes what runs.",
    remediation: "Find out who changed the object and why, then either bring the change into the configuration or let the plan revert it on purpose; prevent manual changes with read-only console roles.",
    equivalents: &[],
    references: &["https://developer.hashicorp.com/terraform/tutorials/state/resource-drift"],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        for c in &plan.drift {
            let msg = if c.action() == Action::Delete || !c.has_after {
                format!("{} was deleted outside Terraform", c.address)
            } else if c.changed.is_empty() {
                format!("{} changed outside Terraform", c.address)
            } else {
                format!(
                    "{} changed outside Terraform: {}",
                    c.address,
                    c.changed
                        .iter()
                        .map(|d| d.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let mut d = PlanDiag::new(&META, c, msg);
            d.details = c.changed.iter().map(Detail::from).collect();
            out.push(d);
        }
    }
}
