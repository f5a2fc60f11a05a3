//! PLAN001: a stateful resource (database, bucket, volume, queue, key, zone…) is deleted.

use super::{Context, Detail, PlanDiag, PlanRule, named, show};
use crate::finding::{Confidence, Severity};
use crate::plan::classify::{self, Class};
use crate::plan::model::{Action, Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN001",
    name: "stateful-resource-destroyed",
    family: Family::Plan,
    title: "Plan destroys a stateful resource",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "Deleting a database, bucket, volume, file system, cache, queue, KMS key, DNS zone or secret loses the data it holds; there is no undo after apply, and a backup (if any) has to be restored by hand while the service is down. A plan that does this must be read and approved by a human, never applied by a pipeline on its own.",
    remediation: "Confirm the deletion is intended and the data is backed up or migrated; if not, keep the resource (restore its block, or add `removed { from = aws_db_instance.main lifecycle { destroy = false } }` to stop managing it without deleting it) and protect it with `lifecycle { prevent_destroy = true }`.",
    equivalents: &[],
    references: &[
        "https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy",
    ],
};

/// Protection attributes shown with a destroy (what the object had).
pub const PROTECTION: &[&str] = &[
    "deletion_protection",
    "enable_deletion_protection",
    "skip_final_snapshot",
    "force_destroy",
];

/// `action_reason` of a delete, in words.
#[must_use]
pub fn delete_reason(c: &Change) -> Option<&'static str> {
    Some(match c.action_reason.as_deref()? {
        "delete_because_no_resource_config" => "its block was removed from the configuration",
        "delete_because_no_module" => "its module call was removed",
        "delete_because_wrong_repetition" => "count/for_each was added or removed",
        "delete_because_count_index" => "its count index is out of range now",
        "delete_because_each_key" => "its for_each key is gone",
        "delete_because_no_move_target" => "its moved target does not exist",
        _ => return None,
    })
}

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, _plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        if c.action() != Action::Delete || c.data {
            return;
        }
        let Some(what) = classify::what(&c.type_, Class::Stateful) else {
            return;
        };
        let mut msg = format!("{} is destroyed", named(c, Some(what)));
        if let Some(r) = delete_reason(c) {
            msg.push_str(&format!(": {r}"));
        }
        let mut d = PlanDiag::new(&META, c, msg);
        for a in PROTECTION {
            if let Some(v) = c.before(a) {
                d = d.detail(Detail::new(*a, show(Some(v)), "(destroyed)"));
            }
        }
        out.push(d);
    }
}
