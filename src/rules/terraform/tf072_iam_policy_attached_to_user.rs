//! TF072 `iam-policy-attached-to-user`: an IAM policy is attached directly to an IAM user
//! (`aws_iam_user_policy`, `aws_iam_user_policy_attachment`, or `aws_iam_policy_attachment`
//! with `users`) instead of to a group or role.
//!
//! An `aws_iam_policy_attachment` whose `users` is a variable or another non-literal value is
//! unknown and not reported; `users = []` is not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::parse::hcl::ExprKind;
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::managed_of;

pub struct IamPolicyAttachedToUser;

pub static META: RuleMeta = RuleMeta {
    id: "TF072",
    name: "iam-policy-attached-to-user",
    family: Family::Terraform,
    title: "IAM policy attached directly to a user",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Permissions attached user by user drift apart, are forgotten when people change \
teams, and are hard to review; long-lived IAM users with their own policies are also the \
credentials most often leaked. Groups and roles keep access reviewable in one place.",
    remediation: "Attach the policy to a group (or a role the user assumes) and add the user \
to the group: `resource \"aws_iam_group_policy_attachment\" \"ops\" { group = aws_iam_group.ops.name, \
policy_arn = aws_iam_policy.ops.arn }`.",
    equivalents: &[
        "checkov:CKV_AWS_40",
        "kics:b4378389-a9aa-44ee-91e7-ef183f11079e",
    ],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html",
        "https://docs.aws.amazon.com/config/latest/developerguide/iam-user-no-policies-check.html",
    ],
};

impl TerraformRule for IamPolicyAttachedToUser {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if managed_of(
            r,
            &["aws_iam_user_policy", "aws_iam_user_policy_attachment"],
        ) {
            let span = r
                .attr("user")
                .map_or_else(|| r.block.header_span(), |a| a.value.span);
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!("{} attaches a policy directly to an IAM user", r.address()),
                )
                .anchor(r.address()),
            );
            return;
        }
        if !managed_of(r, &["aws_iam_policy_attachment"]) {
            return;
        }
        let Some(users) = r.attr("users") else { return };
        let non_empty = match &users.value.kind {
            ExprKind::List(items) => !items.is_empty(),
            _ => false,
        };
        if non_empty {
            out.push(
                Diagnostic::new(
                    &META,
                    users.value.span,
                    format!("{} attaches a policy directly to IAM users", r.address()),
                )
                .anchor(format!("{}.users", r.address())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn users_list_literal_or_refs() {
        let src = "resource \"aws_iam_policy_attachment\" \"a\" {\n  users = [aws_iam_user.u.name]\n}\nresource \"aws_iam_policy_attachment\" \"b\" {\n  users = var.users\n  roles = [aws_iam_role.r.name]\n}\nresource \"aws_iam_policy_attachment\" \"c\" {\n  users = []\n}\n";
        let got = lines("TF072", "main.tf", src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 2);
    }
}
