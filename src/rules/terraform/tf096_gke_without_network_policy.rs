//! TF096 `gke-without-network-policy`: a `google_container_cluster` enforces no Kubernetes
//! NetworkPolicy: neither `network_policy { enabled = true }` nor GKE Dataplane V2
//! (`datapath_provider = "ADVANCED_DATAPATH"`), and not an Autopilot cluster
//! (`enable_autopilot = true`, which always runs Dataplane V2). Without these the provider
//! and GKE defaults enforce no network policy.
//!
//! Values from variables and a `dynamic "network_policy"` block are unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, require_bool, root};

pub struct GkeWithoutNetworkPolicy;

pub static META: RuleMeta = RuleMeta {
    id: "TF096",
    name: "gke-without-network-policy",
    family: Family::Terraform,
    title: "GKE cluster without network policy enforcement",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Without a network policy engine every pod can reach every other pod in the \
cluster, and NetworkPolicy objects applied to it are silently ignored: one compromised pod can \
talk to every database and internal API.",
    remediation: "Use GKE Dataplane V2, which enforces NetworkPolicy: \
`datapath_provider = \"ADVANCED_DATAPATH\"` (or `network_policy { enabled = true, provider = \"CALICO\" }` \
with `addons_config { network_policy_config { disabled = false } }`).",
    equivalents: &["checkov:CKV_GCP_12"],
    references: &[
        "https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy",
        "https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2",
    ],
};

impl TerraformRule for GkeWithoutNetworkPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["google_container_cluster"]) {
            return;
        }
        let top = root(r);
        match top.get("enable_autopilot").map(|e| e.as_bool()) {
            None | Some(Some(false)) => {}
            _ => return, // Autopilot, or unknown
        }
        match top.get("datapath_provider").map(|e| e.as_str()) {
            None => {}
            Some(Some(p)) if p != "ADVANCED_DATAPATH" => {}
            _ => return, // Dataplane V2, or unknown
        }
        if top.has_dynamic("network_policy") {
            return;
        }
        match top.section("network_policy") {
            None => out.push(
                Diagnostic::new(
                    &META,
                    r.block.header_span(),
                    format!(
                        "{} has no network_policy and no Dataplane V2 (NetworkPolicy is not enforced)",
                        r.address()
                    ),
                )
                .anchor(format!("{}.network_policy", r.address())),
            ),
            Some(np) => require_bool(
                &META,
                r,
                &np,
                "network_policy.enabled",
                true,
                Some(np.span()),
                "sets network_policy without enabled = true",
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
    fn dataplane_v2_and_autopilot_pass() {
        let src = "resource \"google_container_cluster\" \"a\" {\n  datapath_provider = \"ADVANCED_DATAPATH\"\n}\nresource \"google_container_cluster\" \"b\" {\n  enable_autopilot = true\n}\nresource \"google_container_cluster\" \"c\" {\n  datapath_provider = \"LEGACY_DATAPATH\"\n}\n";
        let got = lines("TF096", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![7],
            "{got:?}"
        );
    }
}
