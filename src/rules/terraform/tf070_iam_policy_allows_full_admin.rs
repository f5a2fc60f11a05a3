//! TF070 `iam-policy-allows-full-admin`: an IAM identity policy has an `Allow` statement with
//! `"*"` actions on `"*"` resources (full administrator).
//!
//! Covers `data "aws_iam_policy_document"` `statement` blocks and the `policy` of
//! `aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_user_policy`, `aws_iam_group_policy`
//! (and `aws_iam_role` `inline_policy`) when it is a literal JSON heredoc/string or
//! `jsonencode({...})`. A policy built from variables, references or templates is unknown
//! and not reported; a `policy = data.aws_iam_policy_document.x.json` is judged at the
//! data source.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::allow_statements;

pub struct IamPolicyAllowsFullAdmin;

pub static META: RuleMeta = RuleMeta {
    id: "TF070",
    name: "iam-policy-allows-full-admin",
    family: Family::Terraform,
    title: "IAM policy allows every action on every resource",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "`Action = \"*\"` on `Resource = \"*\"` is the AdministratorAccess policy under \
another name: whoever holds it (a CI role, an instance profile, a leaked key) can read every \
secret, delete every resource, and grant itself anything else — one compromised workload \
becomes a compromised account.",
    remediation: "Grant only the actions and resources the principal needs: \
`statement { actions = [\"s3:GetObject\", \"s3:PutObject\"], resources = [\"${aws_s3_bucket.assets.arn}/*\"] }`.",
    equivalents: &[
        "checkov:CKV_AWS_1",
        "checkov:CKV_AWS_62",
        "tfsec:aws-iam-no-policy-wildcards",
        "trivy:AWS-0057",
    ],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    ],
};

/// `"*"` or `"*:*"`: every action of every service.
fn is_all(action: &str) -> bool {
    action == "*" || action == "*:*"
}

impl TerraformRule for IamPolicyAllowsFullAdmin {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        for st in allow_statements(r) {
            if !st.all_resources() {
                continue;
            }
            if let Some((_, span)) = st.actions.iter().find(|(a, _)| is_all(a)) {
                out.push(
                    Diagnostic::new(
                        &META,
                        *span,
                        format!("{} allows \"*\" actions on \"*\" resources", st.address),
                    )
                    .anchor(format!("{}:admin", st.address)),
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
    fn heredoc_jsonencode_and_document() {
        let src = "resource \"aws_iam_policy\" \"a\" {\n  policy = <<EOF\n{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}\nEOF\n}\nresource \"aws_iam_role_policy\" \"b\" {\n  policy = jsonencode({\n    Statement = [{ Effect = \"Allow\", Action = [\"*\"], Resource = \"*\" }]\n  })\n}\ndata \"aws_iam_policy_document\" \"c\" {\n  statement {\n    actions   = [\"*\"]\n    resources = [\"*\"]\n  }\n}\n";
        let got = lines("TF070", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![2, 8, 13],
            "{got:?}"
        );
    }

    #[test]
    fn peer_and_own_pragmas_suppress() {
        use crate::discover::ArtifactKind;
        use crate::engine::{RuleSelection, check_text};
        let src = include_str!("../../../tests/fixtures/terraform/TF070/pass-suppressed.tf");
        let out = check_text(
            "main.tf",
            src,
            ArtifactKind::Terraform,
            &RuleSelection::only(&["TF070", "IL"]),
        );
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        assert_eq!(out.suppressed.len(), 3, "{:?}", out.suppressed);
    }

    #[test]
    fn deny_scoped_and_unknown_are_not_reported() {
        let src = "data \"aws_iam_policy_document\" \"c\" {\n  statement {\n    effect    = \"Deny\"\n    actions   = [\"*\"]\n    resources = [\"*\"]\n  }\n  statement {\n    actions   = [\"*\"]\n    resources = [aws_s3_bucket.b.arn]\n  }\n  statement {\n    effect    = var.effect\n    actions   = [\"*\"]\n    resources = [\"*\"]\n  }\n}\nresource \"aws_iam_policy\" \"p\" {\n  policy = var.policy\n}\n";
        assert!(lines("TF070", "main.tf", src).is_empty());
    }
}
