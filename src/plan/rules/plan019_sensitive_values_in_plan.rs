//! PLAN019: the plan file holds sensitive values (the artifact is a secret).

use super::{Context, Detail, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Loc, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN019",
    name: "sensitive-values-in-plan",
    family: Family::Plan,
    title: "Plan file contains sensitive values in clear text",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::NoSecretsInCode,
    rationale: "`sensitive` only hides values from Terraform's console output: the plan file and its JSON hold them in clear text (resource attributes marked in `before_sensitive`/`after_sensitive`, sensitive outputs, sensitive input variables). A plan uploaded as a CI artifact or posted to a pull request leaks database passwords and keys to everyone who can read it. ironlaw never prints these values.",
    remediation: "Treat the plan as a secret: keep it out of public artifacts and PR comments, give it a short retention and encrypt it at rest, for example `retention-days: 1` on the upload step, and move secrets to a secret manager read at run time.",
    equivalents: &[],
    references: &["https://developer.hashicorp.com/terraform/language/state/sensitive-data"],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        let outputs: Vec<&str> = plan
            .outputs
            .iter()
            .filter(|o| o.sensitive)
            .map(|o| o.name.as_str())
            .collect();
        let n = plan.sensitive_resource_total;
        if n == 0 && outputs.is_empty() && plan.sensitive_variables.is_empty() {
            return;
        }
        let mut parts = Vec::new();
        let mut details = Vec::new();
        if n > 0 {
            let names: Vec<String> = plan
                .sensitive_resources
                .iter()
                .take(5)
                .map(|(a, _, p)| format!("{a} ({})", p.join(", ")))
                .collect();
            let more = if n > names.len() {
                format!(", and {} more", n - names.len())
            } else {
                String::new()
            };
            parts.push(format!("{n} resource(s): {}{more}", names.join(", ")));
            for (a, _, p) in plan.sensitive_resources.iter().take(20) {
                for path in p {
                    details.push(Detail::new(
                        format!("{a}.{path}"),
                        "(sensitive)",
                        "(sensitive)",
                    ));
                }
            }
        }
        if !outputs.is_empty() {
            parts.push(format!("output(s) {}", outputs.join(", ")));
        }
        if !plan.sensitive_variables.is_empty() {
            parts.push(format!(
                "variable(s) {}",
                plan.sensitive_variables.join(", ")
            ));
        }
        let loc = plan
            .sensitive_resources
            .first()
            .map_or(Loc::default(), |(_, l, _)| *l);
        let mut d = PlanDiag::plan(
            &META,
            loc,
            format!(
                "plan file holds sensitive values in clear text: {}",
                parts.join("; ")
            ),
        );
        d.address = plan
            .sensitive_resources
            .first()
            .map(|(a, _, _)| a.clone())
            .unwrap_or_default();
        d.details = details;
        out.push(d);
    }
}
