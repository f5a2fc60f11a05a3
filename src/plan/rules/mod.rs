//! `PLAN` rules: pure functions from a [`Plan`] (and the few facts the glue learned from
//! `--config` and flags, [`Context`]) to diagnostics. One file per rule; adding a rule is one
//! file, one line in [`RULES`] and fixtures under `tests/fixtures/plan/<ID>/`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::model::{AttrDiff, Change, Loc, Plan};
use crate::finding::Severity;
use crate::rules::RuleMeta;

mod plan001_stateful_resource_destroyed;
mod plan002_stateful_resource_replaced;
mod plan003_resource_destroyed;
mod plan004_deletion_protection_disabled;
mod plan005_final_snapshot_skipped;
mod plan006_force_destroy_enabled;
mod plan007_prevent_destroy_disabled;
mod plan008_ingress_opened_to_internet;
mod plan009_ingress_broadened;
mod plan010_iam_grant_broadened;
mod plan011_iam_principal_added;
mod plan012_certificate_or_key_rotated;
mod plan013_resource_moved;
mod plan014_resource_imported;
mod plan015_drift_detected;
mod plan016_dns_record_changed;
mod plan017_destroy_budget_exceeded;
mod plan018_change_budget_exceeded;
mod plan019_sensitive_values_in_plan;
mod plan020_plan_errored;

/// Facts from outside the plan: flags and `--config`.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// `--max-destroy`.
    pub max_destroy: Option<usize>,
    /// `--max-changes`.
    pub max_changes: Option<usize>,
    /// `lifecycle { prevent_destroy }` literals from the `.tf` sources (`--config`), by
    /// resource address without instance keys.
    pub prevent_destroy: BTreeMap<String, bool>,
    /// Why the plan is for production (`workspace "prod"`), when it is.
    pub production: Option<String>,
}

/// An attribute's value before and after (display strings, already redacted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    pub attribute: String,
    pub before: String,
    pub after: String,
}

impl Detail {
    #[must_use]
    pub fn new(
        attribute: impl Into<String>,
        before: impl Into<String>,
        after: impl Into<String>,
    ) -> Self {
        Self {
            attribute: attribute.into(),
            before: before.into(),
            after: after.into(),
        }
    }
}

impl From<&AttrDiff> for Detail {
    fn from(d: &AttrDiff) -> Self {
        Detail::new(d.key.clone(), d.before.clone(), d.after.clone())
    }
}

/// What a plan rule reports.
#[derive(Clone, Debug)]
pub struct PlanDiag {
    pub rule: &'static RuleMeta,
    /// This occurrence's severity when it differs from the rule's default.
    pub severity: Option<Severity>,
    /// The resource address (empty for plan-wide findings).
    pub address: String,
    pub loc: Loc,
    pub message: String,
    /// The deciding attributes, before → after.
    pub details: Vec<Detail>,
}

impl PlanDiag {
    #[must_use]
    pub fn new(rule: &'static RuleMeta, c: &Change, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: None,
            address: c.address.clone(),
            loc: c.loc,
            message: message.into(),
            details: Vec::new(),
        }
    }

    /// A plan-wide finding.
    #[must_use]
    pub fn plan(rule: &'static RuleMeta, loc: Loc, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: None,
            address: String::new(),
            loc,
            message: message.into(),
            details: Vec::new(),
        }
    }

    #[must_use]
    pub fn severity(mut self, s: Severity) -> Self {
        self.severity = Some(s);
        self
    }

    #[must_use]
    pub fn detail(mut self, d: Detail) -> Self {
        self.details.push(d);
        self
    }
}

/// A rule over a plan.
pub trait PlanRule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;

    /// Whole-plan entry point; the default calls [`PlanRule::check_change`] for every kept
    /// resource change.
    fn check(&self, plan: &Plan, ctx: &Context, out: &mut Vec<PlanDiag>) {
        for c in &plan.changes {
            self.check_change(c, plan, ctx, out);
        }
    }

    /// Called for each resource change kept by the reader.
    fn check_change(&self, _c: &Change, _plan: &Plan, _ctx: &Context, _out: &mut Vec<PlanDiag>) {}
}

/// Every plan rule, in id order.
pub static RULES: &[&dyn PlanRule] = &[
    &plan001_stateful_resource_destroyed::Rule,
    &plan002_stateful_resource_replaced::Rule,
    &plan003_resource_destroyed::Rule,
    &plan004_deletion_protection_disabled::Rule,
    &plan005_final_snapshot_skipped::Rule,
    &plan006_force_destroy_enabled::Rule,
    &plan007_prevent_destroy_disabled::Rule,
    &plan008_ingress_opened_to_internet::Rule,
    &plan009_ingress_broadened::Rule,
    &plan010_iam_grant_broadened::Rule,
    &plan011_iam_principal_added::Rule,
    &plan012_certificate_or_key_rotated::Rule,
    &plan013_resource_moved::Rule,
    &plan014_resource_imported::Rule,
    &plan015_drift_detected::Rule,
    &plan016_dns_record_changed::Rule,
    &plan017_destroy_budget_exceeded::Rule,
    &plan018_change_budget_exceeded::Rule,
    &plan019_sensitive_values_in_plan::Rule,
    &plan020_plan_errored::Rule,
];

pub use super::model::show;

/// The value at a path such as `ingress[0].cidr_blocks` in kept attributes.
#[must_use]
pub fn lookup<'a>(attrs: &'a BTreeMap<String, Value>, path: &str) -> Option<&'a Value> {
    let mut steps = path.split('.');
    let first = steps.next()?;
    let (key, idx) = split_index(first);
    let mut v = attrs.get(key)?;
    for i in idx {
        v = v.get(i)?;
    }
    for step in steps {
        let (key, idx) = split_index(step);
        v = v.get(key)?;
        for i in idx {
            v = v.get(i)?;
        }
    }
    Some(v)
}

fn split_index(step: &str) -> (&str, Vec<usize>) {
    let mut parts = step.split('[');
    let key = parts.next().unwrap_or("");
    let idx = parts
        .filter_map(|p| p.trim_end_matches(']').parse().ok())
        .collect();
    (key, idx)
}

/// `aws_db_instance.main (database)` for messages.
#[must_use]
pub fn named(c: &Change, what: Option<&str>) -> String {
    match what {
        Some(w) => format!("{} ({w})", c.address),
        None => c.address.clone(),
    }
}

/// A boolean attribute flipped from `safe` to its opposite (before → after).
#[must_use]
pub fn flipped(c: &Change, attr: &str, safe: bool) -> bool {
    c.before(attr).and_then(Value::as_bool) == Some(safe)
        && c.after(attr).and_then(Value::as_bool) == Some(!safe)
}

/// Whether a name says production (`prod`, `production`, `prd`, `live` as a word).
#[must_use]
pub fn is_production_name(name: &str) -> bool {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| matches!(w, "prod" | "production" | "prd" | "live"))
}
