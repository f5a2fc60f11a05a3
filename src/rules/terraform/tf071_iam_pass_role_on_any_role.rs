//! TF071 `iam-pass-role-on-any-role`: an IAM identity policy allows `iam:PassRole` (or a
//! wildcard matching it, such as `iam:*` or `iam:Pass*`) on `"*"` resources.
//!
//! Same policy sources and unknown handling as TF070. A bare `"*"` action is TF070's finding,
//! not this one.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{allow_statements, glob_match};

pub struct IamPassRoleOnAnyRole;

pub static META: RuleMeta = RuleMeta {
    id: "TF071",
    name: "iam-pass-role-on-any-role",
    family: Family::Terraform,
    title: "IAM policy allows iam:PassRole on every role",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "`iam:PassRole` on `*` lets the principal hand any role in the account — an \
administrator role included — to a Lambda function, EC2 instance or ECS task it launches, \
and then act with that role's permissions: a classic privilege escalation path.",
    remediation: "Name the roles that may be passed, and to which service: \
`statement { actions = [\"iam:PassRole\"], resources = [aws_iam_role.task.arn], condition { test = \"StringEquals\", variable = \"iam:PassedToService\", values = [\"ecs-tasks.amazonaws.com\"] } }`.",
    equivalents: &["kics:e39bee8c-fe54-4a3f-824d-e5e2d1cca40a"],
    references: &[
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-security-warning-pass-role-with-star-in-resource",
    ],
};

impl TerraformRule for IamPassRoleOnAnyRole {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        for st in allow_statements(r) {
            if !st.all_resources() {
                continue;
            }
            let hit = st
                .actions
                .iter()
                .find(|(a, _)| a != "*" && a != "*:*" && glob_match(a, "iam:PassRole"));
            if let Some((action, span)) = hit {
                out.push(
                    Diagnostic::new(
                        &META,
                        *span,
                        if action.eq_ignore_ascii_case("iam:PassRole") {
                            format!("{} allows iam:PassRole on \"*\" resources", st.address)
                        } else {
                            format!(
                                "{} allows \"{action}\" (which includes iam:PassRole) on \"*\" resources",
                                st.address
                            )
                        },
                    )
                    .anchor(format!("{}:passrole", st.address)),
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
    fn wildcards_matching_pass_role() {
        let src = "data \"aws_iam_policy_document\" \"c\" {\n  statement {\n    actions   = [\"iam:Pass*\"]\n    resources = [\"*\"]\n  }\n  statement {\n    actions   = [\"iam:Get*\"]\n    resources = [\"*\"]\n  }\n  statement {\n    actions   = [\"*\"]\n    resources = [\"*\"]\n  }\n}\n";
        let got = lines("TF071", "main.tf", src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.contains("iam:Pass*"), "{got:?}");
    }
}
