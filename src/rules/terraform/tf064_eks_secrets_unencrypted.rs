//! TF064 `eks-secrets-unencrypted`: an EKS cluster (`aws_eks_cluster`) without envelope
//! encryption of Kubernetes secrets under a key of its own: no `encryption_config` block, or
//! none whose `resources` include `"secrets"`. A `dynamic "encryption_config"` block is
//! unknown and not reported.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{each_resource, list_has, nested, report, resource_span};

pub struct EksSecretsUnencrypted;

pub static META: RuleMeta = RuleMeta {
    id: "TF064",
    name: "eks-secrets-unencrypted",
    family: Family::Terraform,
    title: "EKS secrets not encrypted with a KMS key of the cluster's own",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::RuntimeSecrets,
    rationale: "Kubernetes secrets live in etcd. Without an `encryption_config` for \
\"secrets\" they are protected only by the storage-level encryption AWS applies with a key \
you neither control nor audit: no key policy decides who can decrypt them, no CloudTrail \
record shows each use, and the key cannot be revoked if the cluster's data leaks.",
    remediation: "Envelope-encrypt secrets with a customer-managed KMS key: \
`encryption_config { resources = [\"secrets\"], provider { key_arn = aws_kms_key.eks.arn } }`.",
    equivalents: &[
        "checkov:CKV_AWS_58",
        "tfsec:aws-eks-encrypt-secrets",
        "trivy:AWS-0039",
    ],
    references: &[
        "https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#encryption_config",
    ],
};

impl TerraformModuleRule for EksSecretsUnencrypted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(project, &["aws_eks_cluster"], |m, file, r| {
            let set = nested(r.body(), "encryption_config");
            if set.unknown || set.items.iter().any(|n| n.dynamic) {
                return;
            }
            let anchor = format!("{}.encryption_config", r.address());
            let Some(first) = set.items.first() else {
                report(
                    out,
                    &META,
                    file,
                    resource_span(file, r),
                    format!(
                        "{} has no encryption_config: secrets are not encrypted with a KMS key of its own",
                        r.address()
                    ),
                    anchor,
                );
                return;
            };
            let mut covered = false;
            for n in &set.items {
                match list_has(n.arg(m, "resources"), "secrets") {
                    Some(true) | None => covered = true,
                    Some(false) => {}
                }
            }
            if !covered {
                report(
                    out,
                    &META,
                    file,
                    first.span,
                    format!(
                        "encryption_config of {} does not list \"secrets\" in resources",
                        r.address()
                    ),
                    anchor,
                );
            }
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn missing_wrong_resources_and_unknown() {
        let src = "resource \"aws_eks_cluster\" \"a\" {}\nresource \"aws_eks_cluster\" \"b\" {\n  encryption_config {\n    resources = [\"configmaps\"]\n  }\n}\nresource \"aws_eks_cluster\" \"c\" {\n  encryption_config {\n    resources = [\"secrets\"]\n  }\n}\nresource \"aws_eks_cluster\" \"d\" {\n  encryption_config {\n    resources = var.resources\n  }\n}\n";
        let got = lines("TF064", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[1].0), (1, 3));
    }
}
