//! TF082 `http-listener-without-https-redirect`: an `aws_lb_listener` (or `aws_alb_listener`)
//! with `protocol = "HTTP"` whose `default_action` does not redirect to HTTPS — it forwards
//! (or authenticates and forwards) plain-text requests to the targets, or redirects keeping
//! HTTP (`redirect.protocol` defaults to `#{protocol}`, the same protocol).
//!
//! A `fixed-response` default action serves no application content and is not reported; a
//! protocol or action type from a variable, or a `dynamic "default_action"`, is unknown.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, root};

pub struct HttpListenerWithoutHttpsRedirect;

pub static META: RuleMeta = RuleMeta {
    id: "TF082",
    name: "http-listener-without-https-redirect",
    family: Family::Terraform,
    title: "HTTP listener serves traffic instead of redirecting to HTTPS",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A listener that forwards plain HTTP serves the application unencrypted: \
session cookies, tokens and form data cross the network in clear text and can be read or \
altered on any hop, and clients never learn to use HTTPS.",
    remediation: "Make port 80 only redirect to HTTPS: `default_action { type = \"redirect\" \
redirect { port = \"443\", protocol = \"HTTPS\", status_code = \"HTTP_301\" } }`.",
    equivalents: &[
        "checkov:CKV_AWS_2",
        "tfsec:aws-elb-http-not-used",
        "trivy:AWS-0054",
    ],
    references: &[
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions",
    ],
};

impl TerraformRule for HttpListenerWithoutHttpsRedirect {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["aws_lb_listener", "aws_alb_listener"]) {
            return;
        }
        let top = root(r);
        if !top
            .get("protocol")
            .and_then(|e| e.as_str())
            .is_some_and(|p| p.eq_ignore_ascii_case("HTTP"))
            || top.has_dynamic("default_action")
        {
            return;
        }
        let actions = top.sections("default_action");
        let mut first_bad = None;
        for a in &actions {
            let Some(t) = a.get("type") else { continue };
            match t.as_str() {
                None => return, // unknown type: not judged
                Some("fixed-response") => return,
                Some("redirect") => {
                    let proto = a
                        .section("redirect")
                        .and_then(|rd| rd.get("protocol").map(|p| p.as_str()));
                    match proto {
                        Some(Some(p)) if p.eq_ignore_ascii_case("HTTPS") => return,
                        Some(None) => return, // unknown
                        _ => {
                            first_bad
                                .get_or_insert((t.span, "redirects without switching to HTTPS"));
                        }
                    }
                }
                Some(_) => {
                    first_bad.get_or_insert((t.span, "forwards plain HTTP to its targets"));
                }
            }
        }
        if let Some((span, what)) = first_bad {
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!("{} is an HTTP listener that {what}", r.address()),
                )
                .anchor(format!("{}.default_action", r.address())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn redirect_keeping_http_is_reported() {
        let src = "resource \"aws_lb_listener\" \"a\" {\n  protocol = \"HTTP\"\n  default_action {\n    type = \"redirect\"\n    redirect {\n      host = \"example.com\"\n    }\n  }\n}\n";
        let got = lines("TF082", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![4],
            "{got:?}"
        );
    }
}
