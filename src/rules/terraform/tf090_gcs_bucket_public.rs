//! TF090 `gcs-bucket-public`: a Cloud Storage bucket is granted to `allUsers` or
//! `allAuthenticatedUsers` — by `google_storage_bucket_iam_member` (`member`),
//! `google_storage_bucket_iam_binding` (`members`), or a bucket/object ACL resource
//! (`google_storage_bucket_access_control`, `google_storage_default_object_access_control`,
//! `google_storage_object_access_control`: `entity`).
//!
//! Members from a variable or another non-literal value are unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, strings};

pub struct GcsBucketPublic;

pub static META: RuleMeta = RuleMeta {
    id: "TF090",
    name: "gcs-bucket-public",
    family: Family::Terraform,
    title: "Cloud Storage bucket granted to allUsers or allAuthenticatedUsers",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "`allUsers` is anyone on the internet; `allAuthenticatedUsers` is anyone with any \
Google account — not \"our users\". Buckets granted to either are found by scanners and are a \
leading source of cloud data leaks.",
    remediation: "Grant the bucket to the identities that need it, and serve public content \
through a CDN or signed URLs: `member = \"serviceAccount:${google_service_account.web.email}\"`.",
    equivalents: &[
        "checkov:CKV_GCP_28",
        "tfsec:google-storage-no-public-access",
    ],
    references: &["https://cloud.google.com/storage/docs/access-control/making-data-public"],
};

const PUBLIC: &[&str] = &["allUsers", "allAuthenticatedUsers"];

fn public_member(s: &str) -> Option<&'static str> {
    PUBLIC
        .iter()
        .copied()
        .find(|p| s == *p || s.ends_with(&format!(":{p}")) || s.eq_ignore_ascii_case(p))
}

impl TerraformRule for GcsBucketPublic {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        let key = if managed_of(r, &["google_storage_bucket_iam_member"]) {
            "member"
        } else if managed_of(r, &["google_storage_bucket_iam_binding"]) {
            "members"
        } else if managed_of(
            r,
            &[
                "google_storage_bucket_access_control",
                "google_storage_default_object_access_control",
                "google_storage_object_access_control",
            ],
        ) {
            "entity"
        } else {
            return;
        };
        let Some(a) = r.attr(key) else { return };
        let (members, _) = strings(&a.value);
        if let Some((who, span)) = members
            .iter()
            .find_map(|(m, sp)| public_member(m).map(|p| (p, *sp)))
        {
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!("{} grants the bucket to {who}", r.address()),
                )
                .anchor(format!("{}:{who}", r.address())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn acl_entity() {
        let src = "resource \"google_storage_default_object_access_control\" \"a\" {\n  role   = \"READER\"\n  entity = \"allUsers\"\n}\n";
        assert_eq!(lines("TF090", "main.tf", src).len(), 1);
    }
}
