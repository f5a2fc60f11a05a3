//! TF062 `eks-public-endpoint-open`: an EKS cluster (`aws_eks_cluster`) exposes its
//! Kubernetes API endpoint to the whole internet: `vpc_config.endpoint_public_access` is
//! `true` (the default) and `public_access_cidrs` is not written (default `["0.0.0.0/0"]`) or
//! holds `0.0.0.0/0` or `::/0`.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{Arg, each_resource, nested, report};

pub struct EksPublicEndpointOpen;

pub static META: RuleMeta = RuleMeta {
    id: "TF062",
    name: "eks-public-endpoint-open",
    family: Family::Terraform,
    title: "EKS API endpoint open to the internet",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A public API endpoint open to 0.0.0.0/0 lets anyone on the internet reach the \
Kubernetes API server: every leaked kubeconfig, token or IAM key, every anonymous-auth or \
RBAC mistake and every API-server vulnerability is exploitable from anywhere, not just \
from the networks that administer the cluster.",
    remediation: "Use the private endpoint, or restrict the public one to the networks that \
need it: `vpc_config { endpoint_private_access = true, endpoint_public_access = false }`, or \
`public_access_cidrs = [\"203.0.113.0/24\"]` (the office or CI egress range).",
    equivalents: &[
        "checkov:CKV_AWS_38",
        "tfsec:aws-eks-no-public-cluster-access-to-cidr",
        "trivy:AWS-0041",
    ],
    references: &["https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html"],
};

const WORLD: &[&str] = &["0.0.0.0/0", "::/0"];

impl TerraformModuleRule for EksPublicEndpointOpen {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(project, &["aws_eks_cluster"], |m, file, r| {
            let set = nested(r.body(), "vpc_config");
            if set.unknown {
                return;
            }
            let Some(vpc) = set.fixed().next() else {
                return;
            };
            let public = vpc.arg(m, "endpoint_public_access");
            let explicit = match public.flag() {
                Some(Some(true)) => true,
                Some(None) => false,
                _ => return,
            };
            let cidrs = vpc.arg(m, "public_access_cidrs");
            let (span, message) = match cidrs {
                Arg::Missing => {
                    let span = if explicit {
                        public.span().unwrap_or(vpc.span)
                    } else {
                        vpc.span
                    };
                    let why = if explicit {
                        "endpoint_public_access = true"
                    } else {
                        "endpoint_public_access defaults to true"
                    };
                    (
                        span,
                        format!(
                            "{} exposes its API endpoint to 0.0.0.0/0 ({why}, public_access_cidrs defaults to [\"0.0.0.0/0\"])",
                            r.address()
                        ),
                    )
                }
                Arg::Known { value, .. } => {
                    let Some(list) = value.as_list() else { return };
                    let Some(world) = list
                        .iter()
                        .filter_map(|e| e.as_str())
                        .find(|s| WORLD.contains(s))
                    else {
                        return;
                    };
                    let Some(span) = cidrs.span() else { return };
                    (
                        span,
                        format!(
                            "{} exposes its API endpoint to {world} (public_access_cidrs)",
                            r.address()
                        ),
                    )
                }
                Arg::Unknown => return,
            };
            report(
                out,
                &META,
                file,
                span,
                message,
                format!("{}.vpc_config", r.address()),
            );
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn defaults_cidrs_and_private() {
        let src = "resource \"aws_eks_cluster\" \"a\" {\n  vpc_config {\n    subnet_ids = var.subnets\n  }\n}\nresource \"aws_eks_cluster\" \"b\" {\n  vpc_config {\n    public_access_cidrs = [\"10.0.0.0/8\", \"0.0.0.0/0\"]\n  }\n}\nresource \"aws_eks_cluster\" \"c\" {\n  vpc_config {\n    endpoint_public_access = false\n  }\n}\nresource \"aws_eks_cluster\" \"d\" {\n  vpc_config {\n    public_access_cidrs = [\"203.0.113.0/24\"]\n  }\n}\nresource \"aws_eks_cluster\" \"e\" {\n  vpc_config {\n    public_access_cidrs = var.cidrs\n  }\n}\n";
        let got = lines("TF062", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[1].0), (2, 8));
    }
}
