//! TF063 `eks-control-plane-logging-disabled`: an EKS cluster (`aws_eks_cluster`) without
//! control-plane logging: `enabled_cluster_log_types` not written (no log type is enabled
//! by default) or an empty list.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{Arg, arg, each_resource, report, resource_span};

pub struct EksControlPlaneLoggingDisabled;

pub static META: RuleMeta = RuleMeta {
    id: "TF063",
    name: "eks-control-plane-logging-disabled",
    family: Family::Terraform,
    title: "EKS cluster without control-plane logging",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Without control-plane logs there is no record of who called the Kubernetes \
API (audit), who authenticated (authenticator) or why the scheduler and controllers did \
what they did: an incident on the cluster cannot be investigated after the fact.",
    remediation: "Send at least the audit and authenticator logs to CloudWatch: \
`enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\"]` (and set a retention \
on the `/aws/eks/<name>/cluster` log group).",
    equivalents: &[
        "checkov:CKV_AWS_37",
        "tfsec:aws-eks-enable-control-plane-logging",
        "trivy:AWS-0038",
    ],
    references: &["https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html"],
};

impl TerraformModuleRule for EksControlPlaneLoggingDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(project, &["aws_eks_cluster"], |m, file, r| {
            let a = arg(m, r, "enabled_cluster_log_types");
            let (span, message) = match a {
                Arg::Missing => (
                    resource_span(file, r),
                    format!(
                        "{} does not set enabled_cluster_log_types: control-plane logging is off by default",
                        r.address()
                    ),
                ),
                Arg::Known { value, written } if value.as_list().is_some_and(<[_]>::is_empty) => (
                    written.span,
                    format!(
                        "{} sets enabled_cluster_log_types = {}: control-plane logging is off",
                        r.address(),
                        a.shown()
                    ),
                ),
                _ => return,
            };
            report(
                out,
                &META,
                file,
                span,
                message,
                format!("{}.enabled_cluster_log_types", r.address()),
            );
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn missing_empty_set_unknown() {
        let src = "resource \"aws_eks_cluster\" \"a\" {}\nresource \"aws_eks_cluster\" \"b\" {\n  enabled_cluster_log_types = []\n}\nresource \"aws_eks_cluster\" \"c\" {\n  enabled_cluster_log_types = [\"audit\"]\n}\nresource \"aws_eks_cluster\" \"d\" {\n  enabled_cluster_log_types = var.logs\n}\n";
        let got = lines("TF063", "main.tf", src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!((got[0].0, got[1].0), (1, 3));
    }
}
