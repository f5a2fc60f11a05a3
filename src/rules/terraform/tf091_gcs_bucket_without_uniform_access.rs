//! TF091 `gcs-bucket-without-uniform-access`: a `google_storage_bucket` does not set
//! `uniform_bucket_level_access = true`. The provider default is `false`: object ACLs stay
//! in force next to IAM.
//!
//! A value from a variable or another non-literal value is unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, require_bool, root};

pub struct GcsBucketWithoutUniformAccess;

pub static META: RuleMeta = RuleMeta {
    id: "TF091",
    name: "gcs-bucket-without-uniform-access",
    family: Family::Terraform,
    title: "Cloud Storage bucket without uniform bucket-level access",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Without uniform bucket-level access every object can carry its own ACL, so \
who can read an object is no longer visible in the bucket's IAM policy: one object uploaded \
with `publicRead` is public while the bucket looks private.",
    remediation: "Turn on uniform bucket-level access and grant through IAM only: \
`resource \"google_storage_bucket\" \"assets\" { name = \"acme-assets\", location = \"EU\", \
uniform_bucket_level_access = true }`.",
    equivalents: &["checkov:CKV_GCP_29", "trivy:GCP-0002"],
    references: &["https://cloud.google.com/storage/docs/uniform-bucket-level-access"],
};

impl TerraformRule for GcsBucketWithoutUniformAccess {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["google_storage_bucket"]) {
            return;
        }
        require_bool(
            &META,
            r,
            &root(r),
            "uniform_bucket_level_access",
            true,
            Some(r.block.header_span()),
            "sets no uniform_bucket_level_access (the default is false: object ACLs apply)",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn missing_false_true_unknown() {
        let src = "resource \"google_storage_bucket\" \"a\" {\n  name = \"a\"\n}\nresource \"google_storage_bucket\" \"b\" {\n  uniform_bucket_level_access = false\n}\nresource \"google_storage_bucket\" \"c\" {\n  uniform_bucket_level_access = true\n}\nresource \"google_storage_bucket\" \"d\" {\n  uniform_bucket_level_access = var.ubla\n}\n";
        let got = lines("TF091", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![1, 5],
            "{got:?}"
        );
    }
}
