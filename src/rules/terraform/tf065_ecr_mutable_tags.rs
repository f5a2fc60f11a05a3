//! TF065 `ecr-mutable-tags`: an ECR repository (`aws_ecr_repository`) whose
//! `image_tag_mutability` is not immutable: not written (default `"MUTABLE"`), `"MUTABLE"` or
//! `"MUTABLE_WITH_EXCLUSION"`. `"IMMUTABLE"` and `"IMMUTABLE_WITH_EXCLUSION"` pass.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{Arg, arg, each_resource, report, resource_span};

pub struct EcrMutableTags;

pub static META: RuleMeta = RuleMeta {
    id: "TF065",
    name: "ecr-mutable-tags",
    family: Family::Terraform,
    title: "ECR repository allows tags to be overwritten",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "With mutable tags, pushing `app:1.4.2` again silently replaces the image \
every deployment, rollback and scan result refers to: what runs is no longer what was \
tested, and anyone who can push can swap a released image.",
    remediation: "Make tags immutable and publish every build under a new tag (a version or \
the commit SHA): `image_tag_mutability = \"IMMUTABLE\"`.",
    equivalents: &[
        "checkov:CKV_AWS_51",
        "tfsec:aws-ecr-enforce-immutable-repository",
        "trivy:AWS-0031",
    ],
    references: &[
        "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
    ],
};

impl TerraformModuleRule for EcrMutableTags {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(project, &["aws_ecr_repository"], |m, file, r| {
            let a = arg(m, r, "image_tag_mutability");
            let (span, message) = match a {
                Arg::Missing => (
                    resource_span(file, r),
                    format!(
                        "{} does not set image_tag_mutability (default \"MUTABLE\")",
                        r.address()
                    ),
                ),
                Arg::Known { written, .. } if a.str().is_some_and(|s| s.starts_with("MUTABLE")) => {
                    (
                        written.span,
                        format!("{} sets image_tag_mutability = {}", r.address(), a.shown()),
                    )
                }
                _ => return,
            };
            report(
                out,
                &META,
                file,
                span,
                message,
                format!("{}.image_tag_mutability", r.address()),
            );
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn values() {
        let src = "resource \"aws_ecr_repository\" \"a\" {}\nresource \"aws_ecr_repository\" \"b\" {\n  image_tag_mutability = \"MUTABLE\"\n}\nresource \"aws_ecr_repository\" \"c\" {\n  image_tag_mutability = \"IMMUTABLE\"\n}\nresource \"aws_ecr_repository\" \"d\" {\n  image_tag_mutability = \"IMMUTABLE_WITH_EXCLUSION\"\n}\n";
        let got = lines("TF065", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[1].0), (1, 3));
    }
}
