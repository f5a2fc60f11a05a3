//! K8S030 `secret-in-env-value`: an env var with a secret-looking name has a literal value.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::parse::yaml::Node;
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct SecretInEnvValue;

pub static META: RuleMeta = RuleMeta {
    id: "K8S030",
    name: "secret-in-env-value",
    family: Family::Kubernetes,
    title: "Secret-looking environment variable has a literal value",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "A literal `value:` lives in the manifest, in Git history, in every `kubectl get -o \
yaml` and in the Deployment's revision history, readable by anyone who can read the object. It \
cannot be rotated without a commit and a redeploy, and it leaks to every fork and CI log that \
renders the manifest.",
    remediation: "Keep the value in a Secret (managed by an external secret store) and reference it: \
`env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]`.",
    equivalents: &["kube-linter:env-var-secret"],
    references: &[
        "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables",
    ],
};

/// Name segments (after splitting on `_`, `-`, `.` and camelCase) that mark a secret.
const SECRET_WORDS: &[&[&str]] = &[
    &["PASSWORD"],
    &["PASSWD"],
    &["TOKEN"],
    &["SECRET"],
    &["APIKEY"],
    &["API", "KEY"],
    &["PRIVATE", "KEY"],
    &["ACCESS", "KEY"],
    &["CREDENTIALS"],
    &["CREDENTIAL"],
];

/// Trailing segments naming where a secret is, not the secret.
const REFERENCE_SUFFIXES: &[&str] = &["FILE", "PATH", "URL", "DIR", "NAME", "REF"];

fn segments(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if matches!(ch, '_' | '-' | '.') {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
        cur.push(ch.to_ascii_uppercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether an env var name looks like it holds a secret.
#[must_use]
pub fn secret_looking(name: &str) -> bool {
    let segs = segments(name);
    if segs
        .last()
        .is_some_and(|l| REFERENCE_SUFFIXES.contains(&l.as_str()))
    {
        return false;
    }
    SECRET_WORDS.iter().any(|word| {
        segs.windows(word.len())
            .any(|w| w.iter().zip(word.iter()).all(|(a, b)| a == b))
    })
}

impl K8sRule for SecretInEnvValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        for var in c.node.get("env").map(Node::iter_seq).into_iter().flatten() {
            let (Some(name), Some(value)) =
                (var.get("name").and_then(Node::as_str), var.get("value"))
            else {
                continue;
            };
            let Some(text) = value.as_str() else { continue };
            if text.is_empty() || workload::is_template(text) || !secret_looking(name) {
                continue;
            }
            // `$(VAR)` only references another variable of the container
            if text.starts_with("$(") && text.ends_with(')') {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    value.span,
                    format!(
                        "{} sets env \"{name}\" to a literal value ({} characters)",
                        workload::label(obj, c),
                        text.chars().count()
                    ),
                )
                .anchor(workload::anchor(obj, c, &format!("env.{name}"))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::secret_looking;

    #[test]
    fn names() {
        for yes in [
            "DB_PASSWORD",
            "GITHUB_TOKEN",
            "stripeApiKey",
            "AWS_SECRET_ACCESS_KEY",
            "tls-private-key",
            "GOOGLE_APPLICATION_CREDENTIALS_JSON",
        ] {
            assert!(secret_looking(yes), "{yes}");
        }
        for no in [
            "DB_PASSWORD_FILE",
            "TOKEN_URL",
            "SECRET_PATH",
            "KEYCLOAK_REALM",
            "TOKENIZER_MODEL",
            "LOG_LEVEL",
            "API_KEYS_ENABLED",
        ] {
            assert!(!secret_looking(no), "{no}");
        }
    }
}
