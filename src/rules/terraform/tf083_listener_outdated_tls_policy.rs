//! TF083 `listener-outdated-tls-policy`: an HTTPS or TLS `aws_lb_listener`/`aws_alb_listener`
//! uses an `ssl_policy` that accepts protocols older than TLS 1.2 (`ELBSecurityPolicy-2016-08`,
//! `ELBSecurityPolicy-TLS-1-1-2017-01`, `ELBSecurityPolicy-TLS13-1-0-2021-06`, …).
//!
//! The accepted policies are the TLS 1.2+ families in [`TLS12_PREFIXES`]. A listener without
//! `ssl_policy` is not reported (the policy AWS applies then has changed over time and
//! depends on how the listener was created); an `ssl_policy` from a variable is unknown.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, root};

pub struct ListenerOutdatedTlsPolicy;

pub static META: RuleMeta = RuleMeta {
    id: "TF083",
    name: "listener-outdated-tls-policy",
    family: Family::Terraform,
    title: "Load balancer listener accepts TLS older than 1.2",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and rely on weak constructions; a \
policy that still accepts them lets a downgrade-capable attacker or an outdated client use \
them, and fails PCI DSS and most compliance baselines.",
    remediation: "Use a TLS 1.2+ security policy, preferably with TLS 1.3: \
`ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"`.",
    equivalents: &[
        "checkov:CKV_AWS_103",
        "tfsec:aws-elb-use-secure-tls-policy",
        "trivy:AWS-0047",
    ],
    references: &[
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
    ],
};

/// Security policy name prefixes whose minimum protocol is TLS 1.2 or later (the name after
/// `ELBSecurityPolicy-`): `TLS13-1-2-2021-06`, `TLS13-1-2-Res-2021-06`, `TLS13-1-3-2021-06`,
/// `TLS-1-2-2017-01`, `TLS-1-2-Ext-2018-06`, `FS-1-2-2019-08`, `FS-1-2-Res-2020-10`, the FIPS
/// and post-quantum variants of these families, …
pub const TLS12_PREFIXES: &[&str] = &["TLS13-1-2-", "TLS13-1-3-", "TLS-1-2-", "FS-1-2-"];

/// Whether a predefined policy name requires TLS 1.2 or later.
#[must_use]
pub fn is_tls12_policy(name: &str) -> bool {
    name.strip_prefix("ELBSecurityPolicy-")
        .is_some_and(|rest| TLS12_PREFIXES.iter().any(|p| rest.starts_with(p)))
}

impl TerraformRule for ListenerOutdatedTlsPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["aws_lb_listener", "aws_alb_listener"]) {
            return;
        }
        let top = root(r);
        let protocol = top
            .get("protocol")
            .and_then(|e| e.as_str())
            .map(str::to_ascii_uppercase);
        if !matches!(protocol.as_deref(), Some("HTTPS" | "TLS")) {
            return;
        }
        let Some(policy) = top.get("ssl_policy") else {
            return;
        };
        let Some(name) = policy.as_str() else { return };
        if is_tls12_policy(name) {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                policy.span,
                format!(
                    "{} uses ssl_policy \"{name}\", which accepts TLS older than 1.2",
                    r.address()
                ),
            )
            .anchor(format!("{}.ssl_policy", r.address())),
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn policy_families() {
        assert!(is_tls12_policy("ELBSecurityPolicy-TLS13-1-2-2021-06"));
        assert!(is_tls12_policy(
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04"
        ));
        assert!(is_tls12_policy("ELBSecurityPolicy-TLS-1-2-Ext-2018-06"));
        assert!(is_tls12_policy("ELBSecurityPolicy-FS-1-2-Res-2020-10"));
        assert!(!is_tls12_policy("ELBSecurityPolicy-2016-08"));
        assert!(!is_tls12_policy("ELBSecurityPolicy-TLS-1-1-2017-01"));
        assert!(!is_tls12_policy("ELBSecurityPolicy-TLS13-1-0-2021-06"));
        assert!(!is_tls12_policy("ELBSecurityPolicy-FS-2018-06"));
    }
}
