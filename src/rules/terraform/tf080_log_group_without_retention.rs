//! TF080 `log-group-without-retention`: an `aws_cloudwatch_log_group` has no
//! `retention_in_days`, or sets it to `0`. The provider default is `0`: events never expire.
//!
//! A retention from a variable or another non-literal value is unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::parse::hcl::ExprKind;
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::managed_of;

pub struct LogGroupWithoutRetention;

pub static META: RuleMeta = RuleMeta {
    id: "TF080",
    name: "log-group-without-retention",
    family: Family::Terraform,
    title: "CloudWatch log group keeps events forever",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::GoldenSignals,
    rationale: "Without `retention_in_days` a log group never expires its events: storage cost \
grows every month without bound, and personal data in logs is kept far longer than any \
retention policy allows. A deliberate retention also documents how far back an investigation \
can look.",
    remediation: "Set a retention that matches how long the logs are needed: \
`resource \"aws_cloudwatch_log_group\" \"app\" { name = \"/ecs/app\", retention_in_days = 90 }`.",
    equivalents: &["checkov:CKV_AWS_66"],
    references: &[
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group#retention_in_days",
    ],
};

impl TerraformRule for LogGroupWithoutRetention {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["aws_cloudwatch_log_group"]) {
            return;
        }
        let (span, msg) = match r.attr("retention_in_days") {
            None => (
                r.block.header_span(),
                "sets no retention_in_days (the default, 0, keeps events forever)",
            ),
            Some(a) if matches!(a.value.kind, ExprKind::Null) => (
                a.value.span,
                "sets retention_in_days = null (the default, 0, keeps events forever)",
            ),
            Some(a) if a.value.as_f64() == Some(0.0) => (
                a.value.span,
                "sets retention_in_days = 0 (events never expire)",
            ),
            Some(_) => return,
        };
        out.push(
            Diagnostic::new(&META, span, format!("{} {msg}", r.address()))
                .anchor(format!("{}.retention_in_days", r.address())),
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn missing_zero_and_set() {
        let src = "resource \"aws_cloudwatch_log_group\" \"a\" {\n  name = \"a\"\n}\nresource \"aws_cloudwatch_log_group\" \"b\" {\n  retention_in_days = 0\n}\nresource \"aws_cloudwatch_log_group\" \"c\" {\n  retention_in_days = 30\n}\nresource \"aws_cloudwatch_log_group\" \"d\" {\n  retention_in_days = var.days\n}\n";
        let got = lines("TF080", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![1, 5],
            "{got:?}"
        );
    }
}
