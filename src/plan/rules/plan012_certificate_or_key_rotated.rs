//! PLAN012: a certificate or key is rotated (replaced, destroyed, or its material changes).

use super::plan002_stateful_resource_replaced::forcing_details;
use super::{Context, Detail, PlanDiag, PlanRule, named};
use crate::finding::{Confidence, Severity};
use crate::plan::classify::{self, Class};
use crate::plan::model::{Action, Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN012",
    name: "certificate-or-key-rotated",
    family: Family::Plan,
    title: "Plan rotates a certificate or key",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ProductionApproval,
    rationale: "Replacing a certificate, private key, KMS key, access key or service-account key changes what clients must trust or hold: pinned clients, mutual-TLS peers, data encrypted under the old key and deployed credentials can all break at apply time. Rotation is healthy when planned (new key first, switch, then retire) and an outage when it happens as a side effect of an unrelated change.",
    remediation: "Rotate deliberately: create the new certificate or key alongside the old one (`lifecycle { create_before_destroy = true }`), switch consumers, then remove the old one in a later change.",
    equivalents: &[],
    references: &[],
};

/// Attributes whose change is a rotation of the material.
const MATERIAL: &[&str] = &[
    "certificate_body",
    "certificate_chain",
    "certificate_pem",
    "certificate",
    "private_key",
    "private_key_pem",
    "public_key",
    "key_material_base64",
    "key_algorithm",
    "rsa_bits",
    "key_size",
    "key_type",
    "subject",
    "dns_names",
    "domain_name",
    "subject_alternative_names",
    "validity_period_hours",
    "status",
    "pgp_key",
];

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, _plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        let Some(what) = classify::what(&c.type_, Class::Certificate) else {
            return;
        };
        if c.data {
            return;
        }
        let (how, details) = match c.action() {
            a if a.is_replace() => ("is replaced (rotated)", forcing_details(c)),
            Action::Delete => ("is destroyed", Vec::new()),
            Action::Update => {
                let changed: Vec<Detail> = c
                    .changed
                    .iter()
                    .filter(|d| MATERIAL.contains(&d.key.as_str()))
                    .map(Detail::from)
                    .collect();
                if changed.is_empty() {
                    return;
                }
                ("changes its key material", changed)
            }
            _ => return,
        };
        let mut d = PlanDiag::new(&META, c, format!("{} {how}", named(c, Some(what))));
        d.details = details;
        out.push(d);
    }
}
