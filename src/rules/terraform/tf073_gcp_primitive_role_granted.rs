//! TF073 `gcp-primitive-role-granted`: a GCP IAM grant (`google_project_iam_member`,
//! `google_project_iam_binding`, and every other `google_*_iam_member`/`google_*_iam_binding`,
//! plus `binding` blocks of `data "google_iam_policy"`) gives the basic role `roles/owner` or
//! `roles/editor`.
//!
//! `roles/viewer` is not reported (read-only, though still broad). A role from a variable is
//! unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, ResourceMode, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::root;

pub struct GcpPrimitiveRoleGranted;

pub static META: RuleMeta = RuleMeta {
    id: "TF073",
    name: "gcp-primitive-role-granted",
    family: Family::Terraform,
    title: "GCP basic role Owner or Editor granted",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "The basic roles predate GCP's fine-grained IAM: Editor can change almost every \
resource of the project (and read most data), Owner can also grant any role. A member holding \
them — often a service account used by CI or a workload — turns a single credential leak into \
full control of the project.",
    remediation: "Grant predefined or custom roles scoped to the job: \
`resource \"google_project_iam_member\" \"deployer\" { project = var.project, role = \"roles/run.developer\", \
member = \"serviceAccount:${google_service_account.deployer.email}\" }`.",
    equivalents: &["checkov:CKV_GCP_117"],
    references: &["https://cloud.google.com/iam/docs/roles-overview#basic"],
};

const BASIC: &[&str] = &["roles/owner", "roles/editor"];

impl TerraformRule for GcpPrimitiveRoleGranted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        let mut roles = Vec::new();
        match r.mode {
            ResourceMode::Managed
                if r.type_.starts_with("google_")
                    && (r.type_.ends_with("_iam_member") || r.type_.ends_with("_iam_binding")) =>
            {
                roles.extend(r.attr("role").map(|a| &a.value));
            }
            ResourceMode::Data if r.type_ == "google_iam_policy" => {
                roles.extend(
                    root(r)
                        .sections("binding")
                        .iter()
                        .filter_map(|b| b.get("role")),
                );
            }
            _ => return,
        }
        for role in roles {
            if let Some(v) = role.as_str().filter(|v| BASIC.contains(v)) {
                out.push(
                    Diagnostic::new(
                        &META,
                        role.span,
                        format!("{} grants basic role {v}", r.address()),
                    )
                    .anchor(format!("{}:{v}", r.address())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn member_binding_and_policy_data() {
        let src = "resource \"google_folder_iam_binding\" \"a\" {\n  role    = \"roles/editor\"\n  members = [\"group:x@example.com\"]\n}\ndata \"google_iam_policy\" \"p\" {\n  binding {\n    role    = \"roles/owner\"\n    members = [\"user:x@example.com\"]\n  }\n}\nresource \"google_project_iam_member\" \"v\" {\n  role   = \"roles/viewer\"\n  member = \"user:x@example.com\"\n}\n";
        let got = lines("TF073", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![2, 7],
            "{got:?}"
        );
    }
}
