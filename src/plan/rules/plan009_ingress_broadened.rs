//! PLAN009: ingress widened (a wider CIDR or port range than before), not to the internet.

use super::{Context, Detail, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Change, Plan};
use crate::plan::net::{self, Source};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN009",
    name: "ingress-broadened",
    family: Family::Plan,
    title: "Plan widens ingress beyond what was allowed before",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::ProductionApproval,
    rationale: "An existing network rule that starts admitting a wider CIDR block, another port range or another protocol widens the attack surface of everything behind it, and the diff of a list of rules rarely makes that obvious in review. The comparison is between the rule set before and after the change (an update or a replacement of the same resource); flows that were already allowed are not reported.",
    remediation: "Admit only the new source and port that need it, as narrow as possible, for example `cidr_blocks = [\"10.20.3.0/24\"]` and `from_port = 5432`, `to_port = 5432`.",
    equivalents: &[],
    references: &[],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, _plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        if !c.action().is_change() || !c.has_before || !c.has_after {
            return;
        }
        let before = net::ingress(&c.type_, &c.before);
        let after = net::ingress(&c.type_, &c.after);
        if before.is_empty() && after.is_empty() {
            return;
        }
        let wider: Vec<_> = net::broadened(&before, &after)
            .into_iter()
            .filter(|i| i.source != Source::Any)
            .collect();
        if wider.is_empty() {
            return;
        }
        let list: Vec<String> = wider.iter().map(ToString::to_string).collect();
        let was: Vec<String> = before.iter().map(ToString::to_string).collect();
        let now: Vec<String> = after.iter().map(ToString::to_string).collect();
        out.push(
            PlanDiag::new(
                &META,
                c,
                format!("{} widens ingress to {}", c.address, list.join(", ")),
            )
            .detail(Detail::new(
                "ingress",
                if was.is_empty() {
                    "(none)".to_string()
                } else {
                    was.join(", ")
                },
                now.join(", "),
            )),
        );
    }
}
