//! TF066 `ecr-scan-on-push-disabled`: an ECR repository (`aws_ecr_repository`) without
//! `image_scanning_configuration { scan_on_push = true }` (scan on push is off by default).
//! Repositories of a module that configures registry-level scanning
//! (`aws_ecr_registry_scanning_configuration`, which overrides the repository setting) are
//! not reported.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{PerModule, each_resource, module_has, nested, report, resource_span};

pub struct EcrScanOnPushDisabled;

pub static META: RuleMeta = RuleMeta {
    id: "TF066",
    name: "ecr-scan-on-push-disabled",
    family: Family::Terraform,
    title: "ECR repository does not scan images on push",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageScanning,
    rationale: "Without scanning on push, an image with known-vulnerable packages is stored \
and deployed with no finding anywhere: nobody learns about the CVE until something else \
looks.",
    remediation: "Scan every pushed image (or configure enhanced scanning for the registry \
with `aws_ecr_registry_scanning_configuration`): \
`image_scanning_configuration { scan_on_push = true }`.",
    equivalents: &[
        "checkov:CKV_AWS_163",
        "tfsec:aws-ecr-enable-image-scans",
        "trivy:AWS-0030",
    ],
    references: &["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html"],
};

impl TerraformModuleRule for EcrScanOnPushDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        let mut registry_scanning = PerModule::default();
        each_resource(project, &["aws_ecr_repository"], |m, file, r| {
            if registry_scanning.get(m, |m| {
                module_has(m, "aws_ecr_registry_scanning_configuration", |_| true)
            }) {
                return;
            }
            let set = nested(r.body(), "image_scanning_configuration");
            if set.unknown {
                return;
            }
            let anchor = format!("{}.image_scanning_configuration", r.address());
            if set.items.is_empty() {
                report(
                    out,
                    &META,
                    file,
                    resource_span(file, r),
                    format!(
                        "{} has no image_scanning_configuration (scan_on_push defaults to false)",
                        r.address()
                    ),
                    anchor,
                );
                return;
            }
            let fixed = set.fixed().next().is_some();
            for n in &set.items {
                if fixed && n.dynamic {
                    continue;
                }
                let a = n.arg(m, "scan_on_push");
                let (span, message) = match a.flag() {
                    Some(None) if !n.dynamic => (
                        n.span,
                        format!(
                            "image_scanning_configuration of {} does not set scan_on_push (default false)",
                            r.address()
                        ),
                    ),
                    Some(Some(false)) => match a.span() {
                        Some(s) => (
                            s,
                            format!("{} sets scan_on_push = {}", r.address(), a.shown()),
                        ),
                        None => continue,
                    },
                    _ => continue,
                };
                report(out, &META, file, span, message, anchor.clone());
            }
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn block_states() {
        let src = "resource \"aws_ecr_repository\" \"a\" {}\nresource \"aws_ecr_repository\" \"b\" {\n  image_scanning_configuration {\n    scan_on_push = false\n  }\n}\nresource \"aws_ecr_repository\" \"c\" {\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n";
        let got = lines("TF066", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[1].0), (1, 4));
    }

    #[test]
    fn registry_scanning_covers_the_module() {
        let got = tree(
            "TF066",
            &[
                (
                    "ecr/registry.tf",
                    "resource \"aws_ecr_registry_scanning_configuration\" \"this\" {\n  scan_type = \"ENHANCED\"\n}\n",
                ),
                ("ecr/main.tf", "resource \"aws_ecr_repository\" \"a\" {}\n"),
            ],
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
