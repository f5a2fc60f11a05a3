//! PLAN008: ingress opened to the whole internet (`0.0.0.0/0`, `::/0`, `*`).

use super::{Context, Detail, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Change, Plan};
use crate::plan::net::{self, Source};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN008",
    name: "ingress-opened-to-internet",
    family: Family::Plan,
    title: "Plan opens ingress to the internet",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "A security group, NACL, firewall or NSG rule that newly admits `0.0.0.0/0` or `::/0` exposes the port to every scanner on the internet within minutes; SSH, RDP and database ports opened this way are a classic breach path. Opening only the web ports 80/443 is reported at medium severity (a public load balancer does this on purpose).",
    remediation: "Admit only the networks that need access (a VPN or office range, a load balancer's security group, an identity-aware proxy) instead of the internet, for example `cidr_blocks = [\"10.20.0.0/16\"]`.",
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
            net::ingress(&c.type_, &c.before)
        } else {
            Vec::new()
        };
        let after = net::ingress(&c.type_, &c.after);
        let open: Vec<_> = net::broadened(&before, &after)
            .into_iter()
            .filter(|i| i.source == Source::Any)
            .collect();
        if open.is_empty() {
            return;
        }
        let list: Vec<String> = open.iter().map(ToString::to_string).collect();
        let was: Vec<String> = before.iter().map(ToString::to_string).collect();
        let now: Vec<String> = after.iter().map(ToString::to_string).collect();
        let mut d = PlanDiag::new(
            &META,
            c,
            format!("{} allows ingress {}", c.address, list.join(", ")),
        )
        .detail(Detail::new(
            "ingress",
            if c.has_before {
                if was.is_empty() {
                    "(none)".to_string()
                } else {
                    was.join(", ")
                }
            } else {
                "(new resource)".to_string()
            },
            now.join(", "),
        ));
        if open.iter().all(net::Ingress::web_only) {
            d = d.severity(Severity::Medium);
        }
        out.push(d);
    }
}
