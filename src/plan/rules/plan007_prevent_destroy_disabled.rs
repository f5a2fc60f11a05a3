//! PLAN007: a resource is destroyed while its configuration says `prevent_destroy = false`.

use super::{Context, Detail, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN007",
    name: "prevent-destroy-disabled",
    family: Family::Plan,
    title: "Plan destroys a resource whose prevent_destroy was turned off",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::ProductionApproval,
    rationale: "`lifecycle { prevent_destroy = true }` makes any plan that destroys the resource fail. An explicit `prevent_destroy = false` on a resource this plan destroys is the guard being switched off to let the destroy through. Needs `--config DIR` (Terraform does not write lifecycle settings into the plan JSON).",
    remediation: "Restore `lifecycle { prevent_destroy = true }` unless the destroy is the reviewed intent of this change, for example `lifecycle { prevent_destroy = true }` in `aws_s3_bucket.state`.",
    equivalents: &[],
    references: &[
        "https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy",
    ],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, plan: &Plan, ctx: &Context, out: &mut Vec<PlanDiag>) {
        if !c.action().destroys() {
            return;
        }
        let key = c.config_address();
        let pd = ctx
            .prevent_destroy
            .get(&key)
            .or_else(|| plan.prevent_destroy.get(&key));
        if pd == Some(&false) {
            out.push(
                PlanDiag::new(
                    &META,
                    c,
                    format!(
                        "{} is destroyed with lifecycle prevent_destroy = false",
                        c.address
                    ),
                )
                .detail(Detail::new(
                    "lifecycle.prevent_destroy",
                    "(guard expected)",
                    "false",
                )),
            );
        }
    }
}
