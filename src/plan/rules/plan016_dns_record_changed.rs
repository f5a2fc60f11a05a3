//! PLAN016: a DNS record of an apex or production zone changes or goes away.

use serde_json::Value;

use super::{Context, Detail, PlanDiag, PlanRule, is_production_name};
use crate::finding::{Confidence, Severity};
use crate::plan::classify::{self, Class};
use crate::plan::model::{Action, Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN016",
    name: "dns-record-changed",
    family: Family::Plan,
    title: "Plan changes a DNS record of an apex or production zone",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::ProductionApproval,
    rationale: "Changing or deleting the record of a zone apex (`example.com`) or of a production zone moves or drops the traffic of every user, and resolvers cache the old answer for its TTL, so a mistake cannot be rolled back quickly. A record counts as production when its name or zone says so (`prod`, `production`, `prd`, `live`) or the plan is for a production environment.",
    remediation: "Lower the record's TTL ahead of the change, change it in its own reviewed plan, and keep the previous value at hand for rollback, for example `ttl = 60` a day before the switch.",
    equivalents: &[],
    references: &[],
};

fn text(c: &Change, key: &str) -> String {
    match c.current(key).or_else(|| c.before(key)) {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// `@`, empty, or (for providers that take full names) a two-label name (`example.com.`);
/// Azure record names are relative to the zone, so only `@` is its apex there.
fn is_apex(type_: &str, name: &str) -> bool {
    let n = name.trim_end_matches('.');
    n.is_empty() || n == "@" || (!type_.starts_with("azurerm_") && n.matches('.').count() == 1)
}

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, _plan: &Plan, ctx: &Context, out: &mut Vec<PlanDiag>) {
        let action = c.action();
        if !matches!(action, Action::Update | Action::Delete) && !action.is_replace() {
            return;
        }
        if !classify::is(&c.type_, Class::DnsRecord) {
            return;
        }
        let name = text(c, "name");
        let zone = [
            text(c, "zone_id"),
            text(c, "managed_zone"),
            text(c, "zone_name"),
        ]
        .join(" ");
        let why = if is_apex(&c.type_, &name) {
            "the zone apex"
        } else if is_production_name(&name) || is_production_name(&zone) {
            "a production zone"
        } else if ctx.production.is_some() {
            "a production environment"
        } else {
            return;
        };
        let verb = match action {
            Action::Delete => "is deleted",
            Action::Update => "changes",
            _ => "is replaced",
        };
        let shown = if name.is_empty() {
            "(apex)".to_string()
        } else {
            name.clone()
        };
        let mut d = PlanDiag::new(
            &META,
            c,
            format!("DNS record {} \"{shown}\" of {why} {verb}", c.address),
        );
        for a in &c.changed {
            d = d.detail(Detail::from(a));
        }
        out.push(d);
    }
}
