//! PLAN014: a resource is imported into state.

use super::{Context, Detail, PlanDiag, PlanRule};
use crate::finding::{Confidence, Severity};
use crate::plan::model::{Change, Plan};
use crate::rules::{Checklist, Family, RuleMeta};

pub struct Rule;

static META: RuleMeta = RuleMeta {
    id: "PLAN014",
    name: "resource-imported",
    family: Family::Plan,
    title: "Plan imports an existing object into state",
    severity: Severity::Info,
    confidence: Confidence::High,
    checklist: Checklist::TerraformState,
    rationale: "An `import` block brings an object that already runs under Terraform's management: from the next apply on, Terraform will change or destroy it to match the configuration. Listing imports lets the reviewer check the object id and that the configuration really describes the live object.",
    remediation: "Check the imported id and that the plan shows no unintended update for it, for example `import { to = aws_s3_bucket.logs id = \"acme-logs\" }` followed by a no-op.",
    equivalents: &[],
    references: &["https://developer.hashicorp.com/terraform/language/import"],
};

impl PlanRule for Rule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_change(&self, c: &Change, _plan: &Plan, _ctx: &Context, out: &mut Vec<PlanDiag>) {
        if let Some(id) = &c.importing {
            let shown = if id.is_empty() {
                "(id not shown)".to_string()
            } else {
                format!("\"{id}\"")
            };
            out.push(
                PlanDiag::new(&META, c, format!("{} is imported from {shown}", c.address))
                    .detail(Detail::new("import id", "(not in state)", shown)),
            );
        }
    }
}
