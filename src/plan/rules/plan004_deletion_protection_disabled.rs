//! PLAN004: deletion protection switched off.

use super::{Context, Detail, PlanDiag, PlanRule, flipped};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN004",
    name: "deletion-protection-disabled",
    family: Family::Plan,
    title: "Plan switches deletion protection off",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "Deletion protection (`deletion_protection` on RDS, Cloud SQL, GKE, DynamoDB, Spanner; `enable_deletion_protection` on load balancers; `termination_protection`) is the provider-side guard that makes a destroy fail. Turning it off is the step before deleting the resource, often in the same pull request, and removes the guard for every later plan too.",
    remediation: "Keep `deletion_protection = true` on stateful and edge resources; turn it off only in a separate, reviewed change right before an intended decommission, for example `deletion_protection = true` on `aws_db_instance.main`.",
    equivalents: &[],
    references: &[],
};

const ATTRS: &[&str] = &[
    "deletion_protection",
    "enable_deletion_protection",
    "termination_protection",
];

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, _plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        for a in ATTRS {
            if flipped(c, a, true) {
                out.push(
                    PlanDiag::new(
                        &META,
                        c,
                        format!("{} sets {a} from true to false", c.address),
                    )
                    .detail(Detail::new(*a, "true", "false")),
                );
            }
        }
    }
}
