//! PLAN011: an IAM grant gains a principal.

use super::{Context, Detail, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::iam;
use crate::plan::model::{Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN011",
    name: "iam-principal-added",
    family: Family::Plan,
    title: "Plan grants access to a new principal",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "Who may act is as important as what they may do: a new principal in a trust or resource policy, a new IAM member or binding, or a new role assignment hands existing permissions to someone new, another account or the public. Public principals (`*`, `allUsers`, `allAuthenticatedUsers`) are reported as critical.",
    remediation: "Confirm each new principal is intended and scoped to the role it needs; never grant to `*` or `allUsers` outside public content buckets, for example `member = \"serviceAccount:app@project.iam.gserviceaccount.com\"`.",
    equivalents: &[],
    references: &[],
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
        let new: Vec<String> = after
            .principals
            .difference(&before.principals)
            .cloned()
            .collect();
        if new.is_empty() {
            return;
        }
        let public = new.iter().any(|p| iam::is_public(p));
        let was: Vec<String> = before.principals.iter().cloned().collect();
        let mut d = PlanDiag::new(
            &META,
            c,
            format!("{} grants access to {}", c.address, new.join(", ")),
        )
        .detail(Detail::new(
            "principals",
            if was.is_empty() {
                "(none)".to_string()
            } else {
                was.join(", ")
            },
            after
                .principals
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        ));
        if public {
            d = d.severity(Severity::Critical);
        }
        out.push(d);
    }
}
