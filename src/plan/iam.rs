//! What an identity resource grants, normalised so that before and after can be compared:
//! AWS policy documents (JSON strings in `policy`, `assume_role_policy`,
//! `inline_policy[].policy`), GCP IAM members, bindings and `policy_data`, Azure role
//! assignments.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// The broad grants and the principals of a resource.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grants {
    /// Wildcards and owner-like roles: `Action "*"`, `Action "s3:*"`, `Resource "*"`,
    /// `NotAction`, `role "roles/owner"`, `role "Owner"`.
    pub broad: BTreeSet<String>,
    /// Principals granted something: `AWS:arn:…`, `*`, `user:a@b.c`, a principal id.
    pub principals: BTreeSet<String>,
}

/// Principals anyone can be.
#[must_use]
pub fn is_public(principal: &str) -> bool {
    matches!(
        principal,
        "*" | "AWS:*" | "allUsers" | "allAuthenticatedUsers"
    ) || principal.ends_with(" allUsers")
        || principal.ends_with(" allAuthenticatedUsers")
}

const OWNER_ROLES: &[&str] = &[
    "roles/owner",
    "roles/editor",
    "Owner",
    "Contributor",
    "User Access Administrator",
];

fn as_list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(v) => vec![v],
    }
}

fn aws_document(text: &str, g: &mut Grants) {
    let Ok(doc) = serde_json::from_str::<Value>(text) else {
        return;
    };
    for st in as_list(doc.get("Statement")) {
        let effect = st.get("Effect").and_then(Value::as_str).unwrap_or("Allow");
        if effect != "Allow" {
            continue;
        }
        for a in as_list(st.get("Action")) {
            if let Some(a) = a.as_str() {
                if a == "*" || a.ends_with(":*") {
                    g.broad.insert(format!("Action \"{a}\""));
                }
            }
        }
        if st.get("NotAction").is_some() {
            g.broad.insert("NotAction".to_string());
        }
        for r in as_list(st.get("Resource")) {
            if r.as_str() == Some("*") {
                g.broad.insert("Resource \"*\"".to_string());
            }
        }
        match st.get("Principal") {
            Some(Value::String(p)) => {
                g.principals.insert(p.clone());
            }
            Some(Value::Object(o)) => {
                for (kind, v) in o {
                    for p in as_list(Some(v)) {
                        if let Some(p) = p.as_str() {
                            g.principals.insert(format!("{kind}:{p}"));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn gcp_member(role: &str, member: &str, g: &mut Grants) {
    if OWNER_ROLES.contains(&role) {
        g.broad.insert(format!("role \"{role}\""));
    }
    g.principals.insert(if role.is_empty() {
        member.to_string()
    } else {
        format!("{role} {member}")
    });
}

/// Grants of a resource from its (redacted) attributes.
#[must_use]
pub fn grants(type_: &str, attrs: &BTreeMap<String, Value>) -> Grants {
    let mut g = Grants::default();
    for key in ["policy", "assume_role_policy"] {
        if let Some(Value::String(s)) = attrs.get(key) {
            aws_document(s, &mut g);
        }
    }
    for p in as_list(attrs.get("inline_policy")) {
        if let Some(Value::String(s)) = p.get("policy") {
            aws_document(s, &mut g);
        }
    }
    let role = attrs.get("role").and_then(Value::as_str).unwrap_or("");
    if type_.starts_with("google_") {
        if let Some(Value::String(m)) = attrs.get("member") {
            gcp_member(role, m, &mut g);
        }
        for m in as_list(attrs.get("members")) {
            if let Some(m) = m.as_str() {
                gcp_member(role, m, &mut g);
            }
        }
        if let Some(Value::String(pd)) = attrs.get("policy_data") {
            if let Ok(doc) = serde_json::from_str::<Value>(pd) {
                for b in as_list(doc.get("bindings")) {
                    let r = b.get("role").and_then(Value::as_str).unwrap_or("");
                    for m in as_list(b.get("members")) {
                        if let Some(m) = m.as_str() {
                            gcp_member(r, m, &mut g);
                        }
                    }
                }
            }
        }
    }
    if type_ == "azurerm_role_assignment" {
        let role = attrs
            .get("role_definition_name")
            .and_then(Value::as_str)
            .unwrap_or("");
        if let Some(Value::String(p)) = attrs.get("principal_id") {
            gcp_member(role, p, &mut g);
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn attrs(v: Value) -> BTreeMap<String, Value> {
        v.as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    #[test]
    fn aws_policy_wildcards_and_principals() {
        let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","ec2:DescribeInstances"],"Resource":"*","Principal":{"AWS":["arn:aws:iam::1:root"]}},{"Effect":"Deny","Action":"*","Resource":"*"}]}"#;
        let g = grants("aws_iam_policy", &attrs(json!({ "policy": doc })));
        assert_eq!(
            g.broad.iter().cloned().collect::<Vec<_>>(),
            vec!["Action \"s3:*\"".to_string(), "Resource \"*\"".to_string()]
        );
        assert!(g.principals.contains("AWS:arn:aws:iam::1:root"));
    }

    #[test]
    fn gcp_and_azure_members() {
        let g = grants(
            "google_storage_bucket_iam_member",
            &attrs(json!({"role":"roles/storage.objectViewer","member":"allUsers"})),
        );
        assert!(g.principals.iter().any(|p| is_public(p)));
        let a = grants(
            "azurerm_role_assignment",
            &attrs(json!({"role_definition_name":"Owner","principal_id":"0000"})),
        );
        assert!(a.broad.contains("role \"Owner\""));
    }
}
