//! The built-in secret detectors (`SEC` family), as data.
//!
//! Adding a detector = one entry here (metadata + recipe) + fixtures under
//! `tests/fixtures/secrets/<ID>/`. Patterns follow RE2 syntax and are compiled with Unicode
//! classes off (`\w`, `\d`, `\s`, `\b` are ASCII, as in gitleaks). Equivalents name the
//! gitleaks rule id(s) and Checkov's `CKV_SECRET_*` where one exists.

use crate::finding::{Confidence, Severity};
use crate::rules::{Checklist, Family, RuleMeta};
use crate::secrets::Detector;

/// Defaults for the recipe fields: `..BASE` in each entry. Its `meta` is never used.
const BASE: Detector = Detector {
    meta: RuleMeta {
        id: "",
        name: "",
        family: Family::Secrets,
        title: "",
        severity: Severity::High,
        confidence: Confidence::High,
        checklist: Checklist::NoSecretsInCode,
        rationale: "",
        remediation: "",
        equivalents: &[],
        references: &[],
    },
    regex: "",
    secret_group: 0,
    keywords: &[],
    entropy: None,
    path: None,
    stopwords: &[],
    allow_regexes: &[],
    validate: None,
    generic: false,
};

/// Shared rationale: why any committed credential matters.
const COMMITTED: &str = "A credential committed to a repository is readable by everyone who \
can clone it, every fork and CI cache, and stays in git history after the line is deleted. \
Attackers scan public and leaked repositories for these formats within minutes of a push.";

/// Every built-in detector, in id order.
pub static DETECTORS: &[Detector] = &[
    Detector {
        meta: RuleMeta {
            id: "SEC001",
            name: "aws-access-key-id-committed",
            family: Family::Secrets,
            title: "AWS access key id committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Deactivate the key in IAM now, then remove it from the file and from \
history (`git filter-repo`); load credentials at run time from the environment, an instance \
role or a secret store: `aws configure` locally, OIDC (`aws-actions/configure-aws-credentials` \
with `role-to-assume`) in CI.",
            equivalents: &["gitleaks:aws-access-token", "checkov:CKV_SECRET_2"],
            references: &[
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
            ],
        },
        regex: r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b",
        secret_group: 1,
        keywords: &["a3t", "akia", "asia", "abia", "acca"],
        entropy: Some(3.0),
        allow_regexes: &[r".+EXAMPLE$"],
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC002",
            name: "private-key-committed",
            family: Family::Secrets,
            title: "Private key committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the key (rotate the certificate, remove the SSH key from \
`authorized_keys`), delete the file from the repository and its history, and mount keys at \
run time from a secret store (Kubernetes Secret, Vault, CI secret files).",
            equivalents: &["gitleaks:private-key", "checkov:CKV_SECRET_13"],
            references: &[],
        },
        regex: r"(?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----",
        keywords: &["-----begin"],
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC003",
            name: "github-token-committed",
            family: Family::Secrets,
            title: "GitHub token committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token at github.com/settings/tokens, remove it from the \
file and history, and use `${{ secrets.GITHUB_TOKEN }}` or a GitHub App installation token \
injected by CI.",
            equivalents: &[
                "gitleaks:github-pat",
                "gitleaks:github-fine-grained-pat",
                "gitleaks:github-oauth",
                "gitleaks:github-app-token",
                "gitleaks:github-refresh-token",
                "checkov:CKV_SECRET_43",
            ],
            references: &[
                "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats",
            ],
        },
        regex: r"\b((?:ghp|gho|ghu|ghs|ghr)_[0-9a-zA-Z]{36}|github_pat_\w{82})\b",
        secret_group: 1,
        keywords: &["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
        entropy: Some(3.0),
        ..BASE
    },
];
