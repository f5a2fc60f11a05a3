//! TF060 `imdsv1-allowed`: an EC2 instance (`aws_instance`) or launch template
//! (`aws_launch_template`) does not require IMDSv2: no `metadata_options` block, or one
//! without `http_tokens = "required"` (the provider default is `"optional"`, unless the AMI
//! itself requires IMDSv2). A metadata endpoint turned off (`http_endpoint = "disabled"`)
//! passes; an instance without `metadata_options` launched from a `launch_template` gets the
//! template's options and is judged there.

use crate::finding::{Confidence, Severity};
use crate::model::terraform::Project;
use crate::rules::{Checklist, Family, RuleMeta, SurfaceDiagnostic, TerraformModuleRule};

use super::aws_data::{Arg, each_resource, nested, report, resource_span};

pub struct Imdsv1Allowed;

pub static META: RuleMeta = RuleMeta {
    id: "TF060",
    name: "imdsv1-allowed",
    family: Family::Terraform,
    title: "EC2 instance metadata service allows IMDSv1",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "IMDSv1 answers any plain GET to 169.254.169.254 with the instance role's \
temporary credentials: one server-side request forgery, open proxy or misconfigured \
reverse proxy on the instance hands those credentials to an attacker. IMDSv2 requires a \
session token obtained with a PUT, which those bugs cannot send.",
    remediation: "Require session tokens: `metadata_options { http_endpoint = \"enabled\", \
http_tokens = \"required\", http_put_response_hop_limit = 1 }` (hop limit 2 for containers \
on the instance that need the metadata service).",
    equivalents: &[
        "checkov:CKV_AWS_79",
        "tfsec:aws-ec2-enforce-http-token-imds",
        "tfsec:aws-ec2-enforce-launch-config-http-token-imds",
        "trivy:AWS-0028",
        "trivy:AWS-0130",
    ],
    references: &[
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#metadata-options",
    ],
};

impl TerraformModuleRule for Imdsv1Allowed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>) {
        each_resource(
            project,
            &["aws_instance", "aws_launch_template"],
            |m, file, r| {
                let set = nested(r.body(), "metadata_options");
                if set.unknown {
                    return;
                }
                let anchor = format!("{}.metadata_options", r.address());
                if set.items.is_empty() {
                    // an instance launched from a template gets the template's options
                    if r.type_ == "aws_instance" && !nested(r.body(), "launch_template").is_absent()
                    {
                        return;
                    }
                    report(
                        out,
                        &META,
                        file,
                        resource_span(file, r),
                        format!(
                            "{} has no metadata_options block: http_tokens defaults to \"optional\" (IMDSv1 allowed)",
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
                    let endpoint = n.arg(m, "http_endpoint");
                    if matches!(endpoint, Arg::Unknown) || endpoint.str() == Some("disabled") {
                        continue;
                    }
                    let tokens = n.arg(m, "http_tokens");
                    let (span, message) = match tokens {
                        Arg::Missing if !n.dynamic => (
                            n.span,
                            format!(
                                "metadata_options of {} does not set http_tokens (default \"optional\": IMDSv1 allowed)",
                                r.address()
                            ),
                        ),
                        Arg::Known { .. } if tokens.str() == Some("optional") => {
                            match tokens.span() {
                                Some(s) => (
                                    s,
                                    format!(
                                        "{} sets http_tokens = {}: IMDSv1 allowed",
                                        r.address(),
                                        tokens.shown()
                                    ),
                                ),
                                None => continue,
                            }
                        }
                        _ => continue,
                    };
                    report(out, &META, file, span, message, anchor.clone());
                }
            },
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn block_states() {
        let src = "resource \"aws_instance\" \"none\" {}\nresource \"aws_instance\" \"opt\" {\n  metadata_options {\n    http_tokens = \"optional\"\n  }\n}\nresource \"aws_launch_template\" \"req\" {\n  metadata_options {\n    http_tokens = \"required\"\n  }\n}\nresource \"aws_instance\" \"off\" {\n  metadata_options {\n    http_endpoint = \"disabled\"\n  }\n}\nresource \"aws_instance\" \"nokey\" {\n  metadata_options {\n    http_put_response_hop_limit = 1\n  }\n}\nresource \"aws_instance\" \"lt\" {\n  launch_template {\n    id = aws_launch_template.req.id\n  }\n}\n";
        let got = lines("TF060", "main.tf", src);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!((got[0].0, got[1].0, got[2].0), (1, 4, 18));
    }
}
