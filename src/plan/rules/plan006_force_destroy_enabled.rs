//! PLAN006: `force_destroy` switched on.

use super::{Context, Detail, PlanDiag, PlanRule, flipped};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN006",
    name: "force-destroy-enabled",
    family: Family::Plan,
    title: "Plan enables force_destroy",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "`force_destroy = true` lets Terraform delete a bucket with every object in it (S3, GCS), a Route 53 zone with its records, or an IAM user with its keys. Without it the provider refuses to delete non-empty containers, which is the last guard against losing their content.",
    remediation: "Keep `force_destroy = false` on buckets and zones that hold data; empty them deliberately when decommissioning, for example `force_destroy = false` on `aws_s3_bucket.logs`.",
    equivalents: &[],
    references: &[],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, _plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        if flipped(c, "force_destroy", false) {
            out.push(
                PlanDiag::new(
                    &META,
                    c,
                    format!("{} sets force_destroy from false to true", c.address),
                )
                .detail(Detail::new("force_destroy", "false", "true")),
            );
        }
    }
}
