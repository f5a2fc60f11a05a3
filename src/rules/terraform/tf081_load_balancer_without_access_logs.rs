//! TF081 `load-balancer-without-access-logs`: an application or network load balancer
//! (`aws_lb`, `aws_alb`) has no `access_logs` block, or one whose `enabled` is not `true`.
//! The provider default of `access_logs.enabled` is `false`, even when a `bucket` is set.
//!
//! Gateway load balancers (no access logs) are not reported; a `dynamic "access_logs"` block
//! or an `enabled` from a variable is unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, require_bool, root};

pub struct LoadBalancerWithoutAccessLogs;

pub static META: RuleMeta = RuleMeta {
    id: "TF081",
    name: "load-balancer-without-access-logs",
    family: Family::Terraform,
    title: "Load balancer without access logs",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::GoldenSignals,
    rationale: "The load balancer sees every request before any application code does: its \
access logs are the record of traffic, errors and latency per request, and often the only \
evidence of what a client (or an attacker) did when the application's own logs are missing \
or were never written.",
    remediation: "Ship access logs to an S3 bucket: \
`access_logs { bucket = aws_s3_bucket.lb_logs.id, prefix = \"web\", enabled = true }`.",
    equivalents: &["checkov:CKV_AWS_91"],
    references: &[
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb#access_logs",
    ],
};

impl TerraformRule for LoadBalancerWithoutAccessLogs {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["aws_lb", "aws_alb"]) {
            return;
        }
        let top = root(r);
        match top.get("load_balancer_type").map(|e| e.as_str()) {
            None | Some(Some("application" | "network")) => {}
            _ => return, // gateway, or unknown
        }
        if top.has_dynamic("access_logs") {
            return;
        }
        match top.section("access_logs") {
            None => out.push(
                Diagnostic::new(
                    &META,
                    r.block.header_span(),
                    format!(
                        "{} has no access_logs block (access logs are off)",
                        r.address()
                    ),
                )
                .anchor(format!("{}.access_logs", r.address())),
            ),
            Some(logs) => require_bool(
                &META,
                r,
                &logs,
                "access_logs.enabled",
                true,
                Some(logs.span()),
                "sets access_logs without enabled = true (the default is false, even with a bucket)",
                out,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn block_without_enabled_is_off() {
        let src = "resource \"aws_lb\" \"a\" {\n  access_logs {\n    bucket = \"logs\"\n  }\n}\nresource \"aws_lb\" \"gw\" {\n  load_balancer_type = \"gateway\"\n}\n";
        let got = lines("TF081", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![2],
            "{got:?}"
        );
    }
}
