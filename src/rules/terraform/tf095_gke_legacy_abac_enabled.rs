//! TF095 `gke-legacy-abac-enabled`: a `google_container_cluster` sets
//! `enable_legacy_abac = true` (the default is `false`).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, require_bool, root};

pub struct GkeLegacyAbacEnabled;

pub static META: RuleMeta = RuleMeta {
    id: "TF095",
    name: "gke-legacy-abac-enabled",
    family: Family::Terraform,
    title: "GKE cluster with legacy ABAC authorization",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Legacy ABAC grants permissions outside Kubernetes RBAC, broadly and \
invisibly to `kubectl auth can-i` reviews: with it on, service accounts and users can get far \
more access to the cluster than their RBAC bindings say.",
    remediation: "Remove `enable_legacy_abac` (or set it to `false`) and grant access with RBAC \
`Role`/`ClusterRole` bindings.",
    equivalents: &["checkov:CKV_GCP_7", "tfsec:google-gke-use-rbac-permissions"],
    references: &[
        "https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110",
    ],
};

impl TerraformRule for GkeLegacyAbacEnabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["google_container_cluster"]) {
            return;
        }
        require_bool(
            &META,
            r,
            &root(r),
            "enable_legacy_abac",
            false,
            None,
            "",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn only_literal_true() {
        let src = "resource \"google_container_cluster\" \"a\" {\n  enable_legacy_abac = true\n}\nresource \"google_container_cluster\" \"b\" {\n  enable_legacy_abac = var.abac\n}\nresource \"google_container_cluster\" \"c\" {}\n";
        let got = lines("TF095", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![2],
            "{got:?}"
        );
    }
}
