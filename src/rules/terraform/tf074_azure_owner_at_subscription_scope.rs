//! TF074 `azure-owner-at-subscription-scope`: an `azurerm_role_assignment` grants `Owner`
//! (or `User Access Administrator`, which can grant itself Owner) — by
//! `role_definition_name` or by the built-in role's id in `role_definition_id` — at
//! subscription scope (`/subscriptions/<id>`, `"/subscriptions/${var.sub}"`,
//! `data.azurerm_subscription.<x>.id`) or wider (a management group, `/`).
//!
//! A scope or role from a variable is unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::parse::hcl::{Expr, ExprKind};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::managed_of;

pub struct AzureOwnerAtSubscriptionScope;

pub static META: RuleMeta = RuleMeta {
    id: "TF074",
    name: "azure-owner-at-subscription-scope",
    family: Family::Terraform,
    title: "Azure Owner role assigned at subscription scope",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "Owner on a subscription controls every resource in it and can grant access to \
anyone; assigned to a service principal (CI, a workload identity) it turns one leaked secret \
into the whole subscription. User Access Administrator can assign itself Owner, so it is the \
same power.",
    remediation: "Assign a narrower role at the narrowest scope that works: \
`resource \"azurerm_role_assignment\" \"deploy\" { scope = azurerm_resource_group.app.id, \
role_definition_name = \"Contributor\", principal_id = azuread_service_principal.ci.object_id }`.",
    equivalents: &[],
    references: &[
        "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices",
        "https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles",
    ],
};

/// (role name, built-in role definition GUID).
const PRIVILEGED: &[(&str, &str)] = &[
    ("Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
    (
        "User Access Administrator",
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    ),
];

/// The scope's kind when it is a subscription, a management group or the root.
fn broad_scope(e: &Expr) -> Option<&'static str> {
    let text = match &e.kind {
        ExprKind::Str(s) => s.as_str(),
        ExprKind::Template { literal, .. } => literal.as_str(),
        ExprKind::Ref(p) => {
            return match p.as_slice() {
                [d, t, _, id] if d == "data" && t == "azurerm_subscription" && id == "id" => {
                    Some("subscription")
                }
                [d, t, _, id] if d == "data" && t == "azurerm_management_group" && id == "id" => {
                    Some("management group")
                }
                _ => None,
            };
        }
        _ => return None,
    };
    let t = text.trim_end_matches('/').to_ascii_lowercase();
    if t.is_empty() && matches!(e.kind, ExprKind::Str(_)) {
        return Some("root");
    }
    let parts: Vec<&str> = t.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        ["subscriptions"] | ["subscriptions", _] => Some("subscription"),
        ["providers", "microsoft.management", "managementgroups", ..] => Some("management group"),
        _ => None,
    }
}

impl TerraformRule for AzureOwnerAtSubscriptionScope {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["azurerm_role_assignment"]) {
            return;
        }
        let Some(scope) = r.attr("scope").and_then(|a| broad_scope(&a.value)) else {
            return;
        };
        let by_name = r.attr("role_definition_name").and_then(|a| {
            let v = a.value.as_str()?;
            PRIVILEGED
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(v))
                .map(|(n, _)| (*n, a.value.span))
        });
        let by_id = r.attr("role_definition_id").and_then(|a| {
            let v = match &a.value.kind {
                ExprKind::Str(s) => s.to_ascii_lowercase(),
                ExprKind::Template { literal, .. } => literal.to_ascii_lowercase(),
                _ => return None,
            };
            PRIVILEGED
                .iter()
                .find(|(_, g)| v.ends_with(g))
                .map(|(n, _)| (*n, a.value.span))
        });
        if let Some((role, span)) = by_name.or(by_id) {
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!("{} assigns {role} at {scope} scope", r.address()),
                )
                .anchor(format!("{}:{role}", r.address())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn scopes() {
        let src = "resource \"azurerm_role_assignment\" \"a\" {\n  scope = \"/subscriptions/${var.sub}\"\n  role_definition_name = \"Owner\"\n}\nresource \"azurerm_role_assignment\" \"b\" {\n  scope = \"/subscriptions/${var.sub}/resourceGroups/app\"\n  role_definition_name = \"Owner\"\n}\nresource \"azurerm_role_assignment\" \"c\" {\n  scope = data.azurerm_subscription.current.id\n  role_definition_id = \"/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635\"\n}\nresource \"azurerm_role_assignment\" \"d\" {\n  scope = var.scope\n  role_definition_name = \"Owner\"\n}\n";
        let got = lines("TF074", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![3, 11],
            "{got:?}"
        );
    }
}
