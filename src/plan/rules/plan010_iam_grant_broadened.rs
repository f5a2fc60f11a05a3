//! PLAN010: an IAM grant gains wildcards or an owner-like role.

use super::{Context, Detail, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::iam;
use crate::plan::model::{Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN010",
    name: "iam-grant-broadened",
    family: Family::Plan,
    title: "Plan grants wildcard IAM actions, resources or owner roles",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "A policy statement that newly allows `Action: \"*\"`, a whole service (`s3:*`), `NotAction`, or `Resource: \"*\"`, and a binding of `roles/owner`/`roles/editor` or Azure `Owner`/`Contributor`, gives far more than the change needs; one leaked credential then reaches everything. Policy documents inside the plan (JSON strings) are parsed and compared before and after, so wildcards that were already there are not reported again.",
    remediation: "Grant the specific actions on the specific resources the workload uses, for example `\"Action\": [\"s3:GetObject\"], \"Resource\": [\"arn:aws:s3:::reports/*\"]`.",
    equivalents: &[],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    ],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, _plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        if !c.action().is_change() || !c.has_after {
            return;
        }
        let before = if c.has_before {
            iam::grants(&c.type_, &c.before)
        } else {
            iam::Grants::default()
        };
        let after = iam::grants(&c.type_, &c.after);
        let new: Vec<&String> = after.broad.difference(&before.broad).collect();
        if new.is_empty() {
            return;
        }
        let list: Vec<String> = new.iter().map(|s| (*s).clone()).collect();
        let was: Vec<String> = before.broad.iter().cloned().collect();
        out.push(
            PlanDiag::new(
                &META,
                c,
                format!("{} grants {}", c.address, list.join(", ")),
            )
            .detail(Detail::new(
                "broad grants",
                if was.is_empty() {
                    "(none)".to_string()
                } else {
                    was.join(", ")
                },
                after.broad.iter().cloned().collect::<Vec<_>>().join(", "),
            )),
        );
    }
}
