//! PLAN002: a stateful resource is replaced (destroyed and created again).

use super::{Context, Detail, PlanDiag, PlanRule, lookup, named, show};
use crate::finding::{Confidence, Severity};
use crate::plan::classify::{self, Class};
use crate::plan::model::{Action, Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN002",
    name: "stateful-resource-replaced",
    family: Family::Plan,
    title: "Plan replaces a stateful resource",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "Replacing a stateful resource creates an empty one in place of the one holding the data. Delete-before-create (Terraform's default) also means downtime between the two; create-before-destroy avoids the gap but still drops the old data unless it is migrated. The replacement is usually forced by one attribute (an engine, a name, an availability zone) that looked like an in-place edit in review.",
    remediation: "Change the attribute that forces replacement back (the plan names it), or make the change in place where the provider allows it (for example `apply_immediately` with an engine version upgrade instead of a new engine); if the replacement is wanted, migrate the data first and plan it with `lifecycle { create_before_destroy = true }`.",
    equivalents: &[],
    references: &[
        "https://developer.hashicorp.com/terraform/internals/json-format#change-representation",
    ],
};

/// `action_reason` of a replacement, in words.
#[must_use]
pub fn replace_reason(c: &Change) -> Option<&'static str> {
    Some(match c.action_reason.as_deref()? {
        "replace_because_tainted" => "the object is tainted",
        "replace_by_request" => "replacement was requested (-replace)",
        "replace_because_cannot_update" => "an attribute cannot be updated in place",
        "replace_by_triggers" => "replace_triggered_by fired",
        _ => return None,
    })
}

/// The before → after of each attribute that forces the replacement.
#[must_use]
pub fn forcing_details(c: &Change) -> Vec<Detail> {
    c.replace_paths
        .iter()
        .map(|p| {
            Detail::new(
                p.clone(),
                show(lookup(&c.before, p)),
                show(lookup(&c.after, p)),
            )
        })
        .collect()
}

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, _plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        if !c.action().is_replace() || c.data {
            return;
        }
        let Some(what) = classify::what(&c.type_, Class::Stateful) else {
            return;
        };
        let (order, sev) = if c.action() == Action::DeleteCreate {
            (
                "delete-before-create: downtime and data loss",
                Severity::Critical,
            )
        } else {
            (
                "create-before-destroy: the old data is dropped",
                Severity::High,
            )
        };
        let mut msg = format!("{} is replaced, {order}", named(c, Some(what)));
        if !c.replace_paths.is_empty() {
            let forced: Vec<String> = c.replace_paths.iter().map(|p| format!("\"{p}\"")).collect();
            msg.push_str(&format!("; forced by {}", forced.join(", ")));
        } else if let Some(r) = replace_reason(c) {
            msg.push_str(&format!("; {r}"));
        }
        let mut d = PlanDiag::new(&META, c, msg).severity(sev);
        d.details = forcing_details(c);
        out.push(d);
    }
}
