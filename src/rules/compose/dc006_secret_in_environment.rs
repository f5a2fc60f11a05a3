//! DC006 `compose-secret-in-environment`: a secret-looking environment variable of a compose
//! service has a literal value written in the file.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeSecretInEnvironment;

pub static META: RuleMeta = RuleMeta {
    id: "DC006",
    name: "compose-secret-in-environment",
    family: Family::Compose,
    title: "Compose service has a literal secret in `environment`",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "A password or token written in the compose file is in git history forever, \
in every clone and CI log that prints the config, and in `docker inspect` output on the \
host; rotating it means a commit, and every environment shares the same value.",
    remediation: "Move the value out of the file: use compose `secrets:` (read from \
`/run/secrets/<name>`, most images accept a `*_FILE` variable) or interpolate it from the \
deploy environment: `POSTGRES_PASSWORD_FILE: /run/secrets/db_password` with \
`secrets: [db_password]`.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/compose/how-tos/use-secrets/",
        "https://docs.docker.com/reference/compose-file/services/#environment",
    ],
};

/// Name segments that mark a secret on their own.
const SECRET_SEGMENTS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASS",
    "TOKEN",
    "SECRET",
    "CREDENTIALS",
    "APIKEY",
];

/// Consecutive segment pairs that mark a secret.
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("API", "KEY"),
    ("PRIVATE", "KEY"),
    ("ACCESS", "KEY"),
    ("SECRET", "KEY"),
];

/// Last segments that make the variable a reference to a secret or a setting about it, not the
/// secret itself.
const NOT_SECRET_SUFFIXES: &[&str] = &[
    "FILE", "PATH", "DIR", "URL", "URI", "ENDPOINT", "HOST", "PORT", "ENABLED", "LENGTH", "TTL",
    "EXPIRY", "EXPIRES", "NAME", "ID", "TYPE", "HEADER",
];

/// Whether an environment variable name looks like it holds a secret.
fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let segments: Vec<&str> = upper
        .split(['_', '-', '.'])
        .filter(|s| !s.is_empty())
        .collect();
    if segments
        .last()
        .is_some_and(|l| NOT_SECRET_SUFFIXES.contains(l))
    {
        return false;
    }
    segments.iter().any(|s| SECRET_SEGMENTS.contains(s))
        || segments
            .windows(2)
            .any(|w| matches!(w, [a, b] if SECRET_PAIRS.contains(&(*a, *b))))
}

impl ComposeRule for ComposeSecretInEnvironment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        for e in util::environment(svc) {
            let Some(value) = e.value.as_deref() else {
                continue;
            };
            let trimmed = value.trim();
            if trimmed.is_empty()
                || util::is_unresolved(trimmed)
                || trimmed.eq_ignore_ascii_case("true")
                || trimmed.eq_ignore_ascii_case("false")
                || !is_secret_name(&e.name)
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    e.node.span,
                    format!(
                        "service \"{}\" sets secret-looking variable \"{}\" to a literal value ({} characters)",
                        svc.name,
                        e.name,
                        value.chars().count()
                    ),
                )
                .anchor(format!("{}:{}", svc.name, e.name)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_secret_name;

    #[test]
    fn names() {
        for n in [
            "POSTGRES_PASSWORD",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "STRIPE_API_KEY",
            "jwt-secret",
            "GOOGLE_APPLICATION_CREDENTIALS_JSON",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "POSTGRES_PASSWORD_FILE",
            "SSL_PRIVATE_KEY_PATH",
            "TOKEN_URL",
            "POSTGRES_USER",
            "KEYCLOAK_ADMIN",
            "PASSPORT_STRATEGY",
            "SECRETARY",
            "PWD",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }
}
