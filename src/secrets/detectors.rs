//! The built-in secret detectors (`SEC` family), as data.
//!
//! Adding a detector = one entry here (metadata + recipe) + fixtures under
//! `tests/fixtures/secrets/<ID>/`. Patterns follow RE2 syntax and are compiled with Unicode
//! classes off (`\w`, `\d`, `\s`, `\b` are ASCII, as in gitleaks). Equivalents name the
//! gitleaks rule id(s) and Checkov's `CKV_SECRET_*` where one exists.
//!
//! Order (ids are never reused): cloud (AWS, GCP, Azure, DigitalOcean, Alibaba), source
//! hosting and package registries (GitHub, GitLab, Bitbucket/Atlassian, npm, PyPI, RubyGems,
//! Docker), SaaS (Slack, Stripe, Twilio, SendGrid, Mailgun, Datadog, New Relic, PagerDuty,
//! Sentry, Shopify, OpenAI, Anthropic, Vault, Terraform Cloud), key material (PKCS#12 and SSH
//! key files by name, PuTTY, age; PEM is SEC002), connection URLs with passwords, JWTs,
//! kubeconfig credentials, `.netrc`, and the generic `password = "…"` rule last.
//!
//! Conventions:
//! - Prefixed tokens match on their own (`\b(ghp_[0-9a-zA-Z]{36})\b`); unprefixed ones need a
//!   key name in front (`twilio…auth_token = …`) or a file path (`.npmrc`, `.pypirc`, `.netrc`).
//! - Every repetition except runs of blanks (`[ \t]*`, `\s*`) is bounded, and a token ends at
//!   a character outside its alphabet
//!   (`(?:[^A-Za-z0-9_-]|\z)`), so a long minified line cannot stretch a match.
//! - Placeholders are filtered three ways: `entropy` for random formats, `stopwords` /
//!   `allow_regexes` for documented example values, and `validate` for structure
//!   ([`validate`]: base64 that decodes to what it should, JWT headers, non-placeholder
//!   passwords).
//! - Catch-alls (`generic: true`: URL passwords, JWTs, the generic assignment rule) give way
//!   to a specific detector that reports the same bytes.

use crate::finding::{Confidence, Severity};
use crate::rules::{Checklist, Family, RuleMeta};
use crate::secrets::{Detector, validate};

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

/// Why a credential in a connection URL matters.
const CONNECTION_URL: &str = "A connection URL with an embedded password gives direct access \
to the data store to everyone who can read the repository, its forks and CI caches, and the \
password stays in git history after the line is deleted. Database passwords are rarely \
rotated, so a leaked one usually still works.";

/// Why a key file matters even when its content is not inspected.
const KEY_FILE: &str = "A private-key file committed to a repository is readable by everyone \
who can clone it and stays in git history after deletion. Key files are usually long-lived \
and grant access to servers, signing or TLS identities; passphrases on them are often weak \
or stored next to them.";

/// Why a catch-all match matters (lower confidence).
const GENERIC: &str = "A credential-named setting (`password`, `secret`, `token`, `api_key`) \
holds a literal that looks random rather than a reference to a variable or secret store. If \
it is a real credential, everyone who can read the repository, its forks and history can use \
it; if it is a test value, a reference makes that explicit.";

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
        regex: r"(?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,8192}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----",
        keywords: &["-----begin"],
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC003",
            name: "github-pat-committed",
            family: Family::Secrets,
            title: "GitHub personal access token committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token at github.com/settings/tokens now, remove it from the \
file and history, and use `${{ secrets.GITHUB_TOKEN }}` or a GitHub App installation token \
injected by CI: `env: { GH_TOKEN: ${{ secrets.GITHUB_TOKEN }} }`.",
            equivalents: &[
                "gitleaks:github-pat",
                "gitleaks:github-fine-grained-pat",
                "checkov:CKV_SECRET_43",
            ],
            references: &[
                "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats",
            ],
        },
        regex: r"\b(ghp_[0-9a-zA-Z]{36}|github_pat_[0-9a-zA-Z_]{82})\b",
        secret_group: 1,
        keywords: &["ghp_", "github_pat_"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC004",
            name: "aws-secret-access-key-committed",
            family: Family::Secrets,
            title: "AWS secret access key committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Deactivate and delete the access key in IAM now (the secret cannot be \
changed, only replaced), remove it from the file and history, and let the SDK find \
credentials at run time: an instance or task role, `AWS_PROFILE` locally, OIDC \
(`role-to-assume`) in CI.",
            equivalents: &["checkov:CKV_SECRET_2"],
            references: &[
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
            ],
        },
        regex: r#"(?i)(?:aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|secret[_.-]?access[_.-]?key)["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|\z)"#,
        secret_group: 1,
        keywords: &[
            "aws",
            "secretaccesskey",
            "secret_access_key",
            "secret-access-key",
            "secret.access.key",
        ],
        entropy: Some(4.0),
        stopwords: &["example"],
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC005",
            name: "aws-session-token-committed",
            family: Family::Secrets,
            title: "AWS session token committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the session now (attach an `aws:TokenIssueTime` deny policy to \
the role, or deactivate the user's keys that minted it), remove it from the file and history, \
and let each process obtain its own short-lived credentials from a role at run time: \
`aws sts assume-role` in scripts, `role-to-assume` in CI.",
            equivalents: &[],
            references: &[
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html",
            ],
        },
        regex: r"\b((?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+]{100,2048}={0,2})(?:[^A-Za-z0-9/+=]|\z)",
        secret_group: 1,
        keywords: &["iqojb3jpz2lux2vj", "fwogzxivyxdz", "fqogzxivyxdz"],
        entropy: Some(4.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC006",
            name: "gcp-service-account-key-committed",
            family: Family::Secrets,
            title: "GCP service account key file committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete the key in IAM > Service accounts > Keys now, remove the file \
from the repository and history, and use keyless authentication at run time: attached \
service accounts on GCP, Workload Identity Federation in CI \
(`google-github-actions/auth` with `workload_identity_provider`).",
            equivalents: &[],
            references: &[
                "https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys",
            ],
        },
        regex: r#""type"\s*:\s*"service_account"[\s\S]{0,1000}?"private_key_id"\s*:\s*"([a-f0-9]{40})"[\s\S]{0,200}?"private_key"\s*:\s*"-----BEGIN"#,
        secret_group: 1,
        keywords: &["service_account"],
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC007",
            name: "gcp-api-key-committed",
            family: Family::Secrets,
            title: "Google API key committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete or regenerate the key in APIs & Services > Credentials now, \
remove it from the file and history, and read it at run time from the environment or Secret \
Manager (`GOOGLE_API_KEY` set by the deploy); keys that must ship to browsers need API and \
referrer restrictions.",
            equivalents: &["gitleaks:gcp-api-key", "checkov:CKV_SECRET_45"],
            references: &["https://cloud.google.com/docs/authentication/api-keys"],
        },
        regex: r"\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|\z)",
        secret_group: 1,
        keywords: &["aiza"],
        entropy: Some(4.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC008",
            name: "gcp-oauth-client-secret-committed",
            family: Family::Secrets,
            title: "Google OAuth client secret committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Reset the client secret in APIs & Services > Credentials now, remove \
it from the file and history, and inject it at run time from a secret store: \
`GOOGLE_CLIENT_SECRET` from Secret Manager or a Kubernetes Secret.",
            equivalents: &[],
            references: &["https://support.google.com/cloud/answer/6158849"],
        },
        regex: r"\b(GOCSPX-[A-Za-z0-9_-]{28})(?:[^A-Za-z0-9_-]|\z)",
        secret_group: 1,
        keywords: &["gocspx-"],
        entropy: Some(3.5),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC009",
            name: "azure-storage-account-key-committed",
            family: Family::Secrets,
            title: "Azure storage account key committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Rotate the key now (Storage account > Access keys > Rotate), remove \
the connection string from the file and history, and authenticate with a managed identity \
(`DefaultAzureCredential`) or read the connection string from Key Vault at run time.",
            equivalents: &["checkov:CKV_SECRET_3"],
            references: &[
                "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",
            ],
        },
        regex: r"(?i)\bAccountKey[ \t]*=[ \t]*([A-Za-z0-9+/]{86}==)",
        secret_group: 1,
        keywords: &["accountkey"],
        entropy: Some(4.0),
        // the Azurite / storage emulator key is published in Microsoft's documentation
        stopwords: &["eby8vdm02xnocqflquwjpllm"],
        validate: Some(validate::azure_storage_key),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC010",
            name: "azure-sas-token-committed",
            family: Family::Secrets,
            title: "Azure shared access signature committed",
            severity: Severity::High,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Invalidate the SAS now (rotate the account key it was signed with, or \
revoke the stored access policy or user delegation key), remove it from the file and \
history, and mint short-lived SAS tokens at run time from a managed identity \
(`generate_blob_sas` with a user delegation key).",
            equivalents: &[],
            references: &["https://learn.microsoft.com/azure/storage/common/storage-sas-overview"],
        },
        regex: r#"(?i)\b(?:sv|se|sp|sr|ss|srt|st|spr)=[^\s"'<>&]{1,60}[^\s"'<>]{0,400}?[?&;]sig=([A-Za-z0-9%+/]{40,100}(?:=|%3D){0,2})"#,
        secret_group: 1,
        keywords: &["sig="],
        entropy: Some(3.5),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC011",
            name: "azure-ad-client-secret-committed",
            family: Family::Secrets,
            title: "Azure AD (Entra ID) client secret committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete the secret under App registrations > Certificates & secrets \
now, remove it from the file and history, and use a managed identity or workload identity \
federation at run time (`azure/login` with `client-id` and OIDC in CI).",
            equivalents: &["gitleaks:azure-ad-client-secret"],
            references: &[
                "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials",
            ],
        },
        regex: r#"(?:\A|[\\'"\x60\s>=:(,)])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:\z|[\\'"\x60\s<),])"#,
        secret_group: 1,
        keywords: &["q~"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC012",
            name: "digitalocean-token-committed",
            family: Family::Secrets,
            title: "DigitalOcean token committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete the token in API > Tokens (or revoke the OAuth grant) now, \
remove it from the file and history, and inject it at run time: `DIGITALOCEAN_TOKEN` from \
the CI secret store for `doctl` and the Terraform provider.",
            equivalents: &[
                "gitleaks:digitalocean-pat",
                "gitleaks:digitalocean-access-token",
                "gitleaks:digitalocean-refresh-token",
                "checkov:CKV_SECRET_34",
            ],
            references: &[
                "https://docs.digitalocean.com/reference/api/create-personal-access-token/",
            ],
        },
        regex: r"\b(do[opr]_v1_[a-f0-9]{64})\b",
        secret_group: 1,
        keywords: &["dop_v1_", "doo_v1_", "dor_v1_"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC013",
            name: "alibaba-access-key-id-committed",
            family: Family::Secrets,
            title: "Alibaba Cloud AccessKey ID committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Disable and delete the AccessKey pair in RAM now, remove it from the \
file and history, and use a RAM role (ECS instance role, RRSA on ACK, OIDC in CI) or \
`ALIBABA_CLOUD_ACCESS_KEY_ID` from a secret store at run time.",
            equivalents: &["gitleaks:alibaba-access-key-id"],
            references: &[
                "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair",
            ],
        },
        regex: r"\b(LTAI[A-Za-z0-9]{12,20})\b",
        secret_group: 1,
        keywords: &["ltai"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC014",
            name: "alibaba-access-key-secret-committed",
            family: Family::Secrets,
            title: "Alibaba Cloud AccessKey secret committed",
            severity: Severity::Critical,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Disable and delete the AccessKey pair in RAM now, remove it from the \
file and history, and use a RAM role or `ALIBABA_CLOUD_ACCESS_KEY_SECRET` injected from a \
secret store at run time.",
            equivalents: &["gitleaks:alibaba-secret-key"],
            references: &[
                "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair",
            ],
        },
        regex: r#"(?i)(?:alibaba|aliyun|alicloud|access[_.-]?key[_.-]?secret)[\w.-]{0,30}["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([A-Za-z0-9]{30})(?:[^A-Za-z0-9]|\z)"#,
        secret_group: 1,
        keywords: &[
            "alibaba",
            "aliyun",
            "alicloud",
            "accesskeysecret",
            "access_key_secret",
            "access-key-secret",
            "access.key.secret",
            "accesskey_secret",
            "access_keysecret",
        ],
        entropy: Some(3.5),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC015",
            name: "github-oauth-token-committed",
            family: Family::Secrets,
            title: "GitHub OAuth access token committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token now (Settings > Applications > Authorized OAuth Apps, \
or the app's `DELETE /applications/{client_id}/token`), remove it from the file and history, \
and keep user tokens in the server-side session store, never in source.",
            equivalents: &["gitleaks:github-oauth", "checkov:CKV_SECRET_43"],
            references: &[
                "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats",
            ],
        },
        regex: r"\b(gho_[0-9a-zA-Z]{36})\b",
        secret_group: 1,
        keywords: &["gho_"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC016",
            name: "github-app-token-committed",
            family: Family::Secrets,
            title: "GitHub App token committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token now (`DELETE /installation/token`, or suspend the \
installation), remove it from the file and history, and mint installation tokens at run time \
from the App's private key held in a secret store (`actions/create-github-app-token` in CI).",
            equivalents: &["gitleaks:github-app-token", "checkov:CKV_SECRET_43"],
            references: &[
                "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-an-installation-access-token-for-a-github-app",
            ],
        },
        regex: r"\b((?:ghu|ghs)_[0-9a-zA-Z]{36})\b",
        secret_group: 1,
        keywords: &["ghu_", "ghs_"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC017",
            name: "github-refresh-token-committed",
            family: Family::Secrets,
            title: "GitHub refresh token committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the user's authorization of the app now, remove the token from \
the file and history, and store refresh tokens only server-side, encrypted, in the session \
or credential store.",
            equivalents: &["gitleaks:github-refresh-token", "checkov:CKV_SECRET_43"],
            references: &[
                "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens",
            ],
        },
        regex: r"\b(ghr_[0-9a-zA-Z]{36,76})\b",
        secret_group: 1,
        keywords: &["ghr_"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC018",
            name: "gitlab-pat-committed",
            family: Family::Secrets,
            title: "GitLab personal, project or group access token committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token now (User/Project/Group settings > Access tokens), \
remove it from the file and history, and use `CI_JOB_TOKEN` or a masked, protected CI/CD \
variable at run time: `curl --header \"JOB-TOKEN: $CI_JOB_TOKEN\"`.",
            equivalents: &[
                "gitleaks:gitlab-pat",
                "gitleaks:gitlab-pat-routable",
                "checkov:CKV_SECRET_44",
            ],
            references: &["https://docs.gitlab.com/security/tokens/"],
        },
        regex: r"\b(glpat-[0-9A-Za-z_-]{20,300}(?:\.[0-9a-z]{9})?)(?:[^0-9A-Za-z_-]|\z)",
        secret_group: 1,
        keywords: &["glpat-"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC019",
            name: "gitlab-runner-token-committed",
            family: Family::Secrets,
            title: "GitLab runner token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Reset the runner's token (or delete the runner) in CI/CD settings > \
Runners now, remove it from the file and history, and pass it at registration time from a \
secret: `gitlab-runner register --token \"$RUNNER_TOKEN\"` or the Helm chart's \
`runners.secret`.",
            equivalents: &[
                "gitleaks:gitlab-runner-authentication-token",
                "gitleaks:gitlab-runner-authentication-token-routable",
                "gitleaks:gitlab-rrt",
            ],
            references: &["https://docs.gitlab.com/security/tokens/"],
        },
        regex: r"\b(glrt-[0-9A-Za-z_-]{20,300}(?:\.[0-9a-z]{9})?|GR1348941[0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_-]|\z)",
        secret_group: 1,
        keywords: &["glrt-", "gr1348941"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC020",
            name: "gitlab-deploy-token-committed",
            family: Family::Secrets,
            title: "GitLab deploy token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the deploy token in Settings > Repository > Deploy tokens now, \
remove it from the file and history, and pull with `CI_DEPLOY_USER`/`CI_DEPLOY_PASSWORD` or \
a Kubernetes image pull Secret created at deploy time.",
            equivalents: &["gitleaks:gitlab-deploy-token"],
            references: &["https://docs.gitlab.com/user/project/deploy_tokens/"],
        },
        regex: r"\b(gldt-[0-9A-Za-z_-]{20,64})(?:[^0-9A-Za-z_-]|\z)",
        secret_group: 1,
        keywords: &["gldt-"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC021",
            name: "gitlab-pipeline-trigger-token-committed",
            family: Family::Secrets,
            title: "GitLab pipeline trigger token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the trigger token in Settings > CI/CD > Pipeline trigger tokens \
now, remove it from the file and history, and use `trigger:` jobs with `CI_JOB_TOKEN` or a \
masked CI/CD variable: `--form token=\"$TRIGGER_TOKEN\"`.",
            equivalents: &["gitleaks:gitlab-ptt"],
            references: &["https://docs.gitlab.com/ci/triggers/"],
        },
        regex: r"\b(glptt-[0-9a-f]{40})\b",
        secret_group: 1,
        keywords: &["glptt-"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC022",
            name: "gitlab-token-committed",
            family: Family::Secrets,
            title: "GitLab job, agent, OAuth, SCIM, feed or mail token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke or reset the token where it was issued (agent, OAuth \
application, SCIM, feed token, feature-flag client) now, remove it from the file and history, \
and inject it at run time from a masked CI/CD variable or a Kubernetes Secret.",
            equivalents: &[
                "gitleaks:gitlab-cicd-job-token",
                "gitleaks:gitlab-kubernetes-agent-token",
                "gitleaks:gitlab-oauth-app-secret",
                "gitleaks:gitlab-scim-token",
                "gitleaks:gitlab-feed-token",
                "gitleaks:gitlab-incoming-mail-token",
                "gitleaks:gitlab-feature-flag-client-token",
            ],
            references: &["https://docs.gitlab.com/security/tokens/"],
        },
        regex: r"\b((?:glcbt-[0-9A-Za-z]{1,5}_|glagent-|gloas-|glsoat-|glft-|glimt-|glffct-)[0-9A-Za-z_-]{20,64})(?:[^0-9A-Za-z_-]|\z)",
        secret_group: 1,
        keywords: &[
            "glcbt-", "glagent-", "gloas-", "glsoat-", "glft-", "glimt-", "glffct-",
        ],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC023",
            name: "bitbucket-app-password-committed",
            family: Family::Secrets,
            title: "Bitbucket app password committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the app password in Personal settings > App passwords now, \
remove it from the file and history, and use a secured repository or deployment variable at \
run time (`$BITBUCKET_APP_PASSWORD` in Pipelines) or an access token scoped to one \
repository.",
            equivalents: &[],
            references: &["https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/"],
        },
        regex: r"\b(ATBB[A-Za-z0-9]{24,60})\b",
        secret_group: 1,
        keywords: &["atbb"],
        entropy: Some(3.5),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC024",
            name: "atlassian-api-token-committed",
            family: Family::Secrets,
            title: "Atlassian API token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token at id.atlassian.com > Security > API tokens now, \
remove it from the file and history, and read it at run time from a secret store \
(`JIRA_API_TOKEN` as a masked CI variable).",
            equivalents: &["gitleaks:atlassian-api-token"],
            references: &[
                "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/",
            ],
        },
        regex: r"\b(ATATT3[A-Za-z0-9_=-]{186})(?:[^A-Za-z0-9_=-]|\z)",
        secret_group: 1,
        keywords: &["atatt3"],
        entropy: Some(3.5),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC025",
            name: "bitbucket-client-secret-committed",
            family: Family::Secrets,
            title: "Bitbucket OAuth consumer secret or token committed",
            severity: Severity::High,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Regenerate the OAuth consumer secret (Workspace settings > OAuth \
consumers) or revoke the token now, remove it from the file and history, and inject it at run \
time from a secured variable: `BITBUCKET_CLIENT_SECRET` from the secret store.",
            equivalents: &["gitleaks:bitbucket-client-secret"],
            references: &["https://developer.atlassian.com/cloud/bitbucket/oauth-2/"],
        },
        regex: r#"(?i)bitbucket[\w.-]{0,30}(?:secret|password|token)[\w.-]{0,10}["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([A-Za-z0-9=_-]{32,64})(?:[^A-Za-z0-9=_-]|\z)"#,
        secret_group: 1,
        keywords: &["bitbucket"],
        entropy: Some(3.5),
        stopwords: &["example"],
        validate: Some(validate::random_looking),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC026",
            name: "npm-access-token-committed",
            family: Family::Secrets,
            title: "npm access token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token now (`npm token revoke <id>` or npmjs.com > Access \
Tokens), remove it from the file and history, and publish with trusted publishing (OIDC) or \
`NODE_AUTH_TOKEN` from the CI secret store: `//registry.npmjs.org/:_authToken=${NODE_AUTH_TOKEN}`.",
            equivalents: &["gitleaks:npm-access-token", "checkov:CKV_SECRET_12"],
            references: &["https://docs.npmjs.com/revoking-access-tokens"],
        },
        regex: r"\b(npm_[A-Za-z0-9]{36})\b",
        secret_group: 1,
        keywords: &["npm_"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC027",
            name: "npmrc-credential-committed",
            family: Family::Secrets,
            title: "Registry credential in .npmrc committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token or change the registry password now, remove the line \
from `.npmrc` and history, and reference an environment variable that CI sets from its \
secret store: `//registry.npmjs.org/:_authToken=${NPM_TOKEN}`.",
            equivalents: &["checkov:CKV_SECRET_12"],
            references: &[
                "https://docs.npmjs.com/cli/configuring-npm/npmrc#auth-related-configuration",
            ],
        },
        regex: r#"(?im)(?:^|:)[ \t]*_(?:authtoken|auth|password)[ \t]*=[ \t]*["']?([^\s"'#;]{6,512})"#,
        secret_group: 1,
        keywords: &["_auth", "_password"],
        path: Some(r"(?i)npmrc$"),
        stopwords: &["example"],
        // npm tokens are reported by SEC026
        allow_regexes: &[r"^npm_[A-Za-z0-9]{36}$"],
        validate: Some(validate::real_password),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC028",
            name: "pypi-token-committed",
            family: Family::Secrets,
            title: "PyPI API token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Remove the token at pypi.org > Account settings > API tokens now, \
delete it from the file and history, and publish with trusted publishing (OIDC, \
`pypa/gh-action-pypi-publish` without a password) or `TWINE_PASSWORD` from the CI secret \
store.",
            equivalents: &["gitleaks:pypi-upload-token", "checkov:CKV_SECRET_61"],
            references: &["https://docs.pypi.org/trusted-publishers/"],
        },
        regex: r"\b(pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000})",
        secret_group: 1,
        keywords: &["pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC029",
            name: "pypirc-password-committed",
            family: Family::Secrets,
            title: "Password in .pypirc committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token or change the index password now, remove the \
`password` line from `.pypirc` and history, and pass it at upload time from the CI secret \
store: `TWINE_USERNAME=__token__ TWINE_PASSWORD=$PYPI_TOKEN twine upload dist/*`.",
            equivalents: &[],
            references: &["https://packaging.python.org/en/latest/specifications/pypirc/"],
        },
        regex: r"(?im)^[ \t]*password[ \t]*[:=][ \t]*(\S{4,512})",
        secret_group: 1,
        keywords: &["password"],
        path: Some(r"(?i)pypirc$"),
        stopwords: &["example"],
        // PyPI tokens are reported by SEC028
        allow_regexes: &[r"^pypi-AgE"],
        validate: Some(validate::real_password),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC030",
            name: "rubygems-api-key-committed",
            family: Family::Secrets,
            title: "RubyGems API key committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete the key at rubygems.org > Settings > API keys now, remove it \
from the file and history, and publish with trusted publishing (OIDC) or \
`GEM_HOST_API_KEY` from the CI secret store.",
            equivalents: &["gitleaks:rubygems-api-token", "checkov:CKV_SECRET_64"],
            references: &["https://guides.rubygems.org/api-key-scopes/"],
        },
        regex: r"\b(rubygems_[a-f0-9]{48})\b",
        secret_group: 1,
        keywords: &["rubygems_"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC031",
            name: "docker-registry-auth-committed",
            family: Family::Secrets,
            title: "Docker registry credentials (config.json `auth`) committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Change the registry password or revoke the access token now, remove \
the file from the repository and history, and log in at run time with a credential helper \
or from the CI secret store: `echo \"$REGISTRY_TOKEN\" | docker login -u ci --password-stdin`.",
            equivalents: &[],
            references: &["https://docs.docker.com/reference/cli/docker/login/#credential-stores"],
        },
        regex: r#""auth"\s*:\s*"([A-Za-z0-9+/]{8,1024}={0,2})""#,
        secret_group: 1,
        keywords: &["\"auth\""],
        validate: Some(validate::docker_auth),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC032",
            name: "docker-hub-token-committed",
            family: Family::Secrets,
            title: "Docker Hub access token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete the token in Docker Hub > Account settings > Personal access \
tokens now, remove it from the file and history, and log in from the CI secret store: \
`docker/login-action` with `password: ${{ secrets.DOCKERHUB_TOKEN }}`.",
            equivalents: &[],
            references: &["https://docs.docker.com/security/for-developers/access-tokens/"],
        },
        regex: r"\b(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,40})(?:[^A-Za-z0-9_-]|\z)",
        secret_group: 1,
        keywords: &["dckr_pat_", "dckr_oat_"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC033",
            name: "slack-bot-token-committed",
            family: Family::Secrets,
            title: "Slack bot token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token now (api.slack.com/apps > OAuth & Permissions > \
Revoke, or `auth.revoke`), remove it from the file and history, and inject it at run time: \
`SLACK_BOT_TOKEN` from a Kubernetes Secret or the CI secret store.",
            equivalents: &[
                "gitleaks:slack-bot-token",
                "gitleaks:slack-legacy-bot-token",
                "checkov:CKV_SECRET_14",
            ],
            references: &["https://api.slack.com/authentication/token-types"],
        },
        regex: r"\b(xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,34})\b",
        secret_group: 1,
        keywords: &["xoxb-"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC034",
            name: "slack-user-token-committed",
            family: Family::Secrets,
            title: "Slack user token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token now (`auth.revoke`, or remove the app's authorization \
for the user), remove it from the file and history, and keep user tokens in the server-side \
credential store; inject app secrets at run time from a secret store.",
            equivalents: &["gitleaks:slack-user-token", "checkov:CKV_SECRET_14"],
            references: &["https://api.slack.com/authentication/token-types"],
        },
        regex: r"\b(xox[pe](?:-[0-9]{8,14}){3}-[A-Za-z0-9]{28,34})\b",
        secret_group: 1,
        keywords: &["xoxp-", "xoxe-"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC035",
            name: "slack-app-token-committed",
            family: Family::Secrets,
            title: "Slack app-level token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the app-level token in api.slack.com/apps > Basic Information > \
App-Level Tokens now, remove it from the file and history, and inject it at run time: \
`SLACK_APP_TOKEN` from the secret store for Socket Mode.",
            equivalents: &["gitleaks:slack-app-token", "checkov:CKV_SECRET_14"],
            references: &["https://api.slack.com/authentication/token-types#app-level"],
        },
        regex: r"(?i)\b(xapp-\d-[A-Z0-9]{6,20}-\d{6,20}-[a-z0-9]{32,80})\b",
        secret_group: 1,
        keywords: &["xapp-"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC036",
            name: "slack-legacy-token-committed",
            family: Family::Secrets,
            title: "Slack legacy, workspace or configuration token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token now (`auth.revoke`; configuration tokens via \
`tooling.tokens.rotate`), remove it from the file and history, and move the integration to a \
Slack app whose bot token is injected at run time from a secret store.",
            equivalents: &[
                "gitleaks:slack-legacy-token",
                "gitleaks:slack-legacy-workspace-token",
                "gitleaks:slack-config-access-token",
                "gitleaks:slack-config-refresh-token",
                "checkov:CKV_SECRET_14",
            ],
            references: &["https://api.slack.com/authentication/token-types"],
        },
        regex: r"\b(xox[os]-\d{1,20}-\d{1,20}-\d{1,20}-[a-fA-F0-9]{8,64}|xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,160}|xoxe\.xox[bp]-\d-[A-Za-z0-9]{140,180}|xoxe-\d-[A-Za-z0-9]{140,180})\b",
        secret_group: 1,
        keywords: &["xoxa-", "xoxo-", "xoxr-", "xoxs-", "xoxe.", "xoxe-"],
        entropy: Some(3.0),
        stopwords: &["placeholder", "example", "your", "replace", "token", "xxxx"],
        validate: Some(validate::random_looking),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC037",
            name: "slack-webhook-committed",
            family: Family::Secrets,
            title: "Slack incoming webhook URL committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Remove the webhook in the app's Incoming Webhooks page (or the \
workflow's trigger) now so the URL stops working, delete it from the file and history, and \
read the URL at run time: `SLACK_WEBHOOK_URL` from a secret store.",
            equivalents: &["gitleaks:slack-webhook-url"],
            references: &["https://api.slack.com/messaging/webhooks"],
        },
        regex: r"hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/]{43,56})",
        secret_group: 1,
        keywords: &["hooks.slack.com"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC038",
            name: "stripe-live-secret-key-committed",
            family: Family::Secrets,
            title: "Stripe live secret key committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Roll the key in the Stripe Dashboard > Developers > API keys now, \
remove it from the file and history, and inject it at run time: `STRIPE_SECRET_KEY` from a \
secret store; commit only `sk_test_` keys in fixtures, if any.",
            equivalents: &["gitleaks:stripe-access-token", "checkov:CKV_SECRET_17"],
            references: &["https://docs.stripe.com/keys"],
        },
        regex: r"\b(sk_live_[0-9A-Za-z]{24,99})\b",
        secret_group: 1,
        keywords: &["sk_live_"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC039",
            name: "stripe-live-restricted-key-committed",
            family: Family::Secrets,
            title: "Stripe live restricted key committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Roll or delete the restricted key in the Stripe Dashboard > Developers \
> API keys now, remove it from the file and history, and inject it at run time from a secret \
store (`STRIPE_RESTRICTED_KEY`).",
            equivalents: &["gitleaks:stripe-access-token", "checkov:CKV_SECRET_17"],
            references: &["https://docs.stripe.com/keys#limit-access"],
        },
        regex: r"\b(rk_live_[0-9A-Za-z]{24,99})\b",
        secret_group: 1,
        keywords: &["rk_live_"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC040",
            name: "twilio-api-key-committed",
            family: Family::Secrets,
            title: "Twilio API key SID committed",
            severity: Severity::High,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete the API key in the Twilio Console > API keys & tokens now (its \
secret is usually committed next to it), remove both from the file and history, and inject \
them at run time: `TWILIO_API_KEY`/`TWILIO_API_SECRET` from a secret store.",
            equivalents: &["gitleaks:twilio-api-key", "checkov:CKV_SECRET_18"],
            references: &["https://www.twilio.com/docs/iam/api-keys"],
        },
        regex: r"\b(SK[0-9a-fA-F]{32})\b",
        secret_group: 1,
        keywords: &["twilio"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC041",
            name: "twilio-auth-token-committed",
            family: Family::Secrets,
            title: "Twilio auth token committed",
            severity: Severity::Critical,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Rotate the auth token in the Twilio Console (request a secondary token, \
promote it) now, remove it from the file and history, and prefer API keys injected at run \
time: `TWILIO_AUTH_TOKEN` from a secret store.",
            equivalents: &[],
            references: &["https://www.twilio.com/docs/iam/api/authtoken"],
        },
        regex: r#"(?i)twilio[\w.-]{0,20}(?:auth[_.-]?token|secret|token)["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([a-f0-9]{32})\b"#,
        secret_group: 1,
        keywords: &["twilio"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC042",
            name: "sendgrid-api-key-committed",
            family: Family::Secrets,
            title: "SendGrid API key committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete the key in SendGrid > Settings > API Keys now, remove it from \
the file and history, and inject a new, minimally scoped key at run time: `SENDGRID_API_KEY` \
from a secret store.",
            equivalents: &["gitleaks:sendgrid-api-token"],
            references: &["https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys"],
        },
        regex: r"\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|\z)",
        secret_group: 1,
        keywords: &["sg."],
        entropy: Some(3.5),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC043",
            name: "mailgun-api-key-committed",
            family: Family::Secrets,
            title: "Mailgun API key committed",
            severity: Severity::High,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete the key in Mailgun > API Security now, remove it from the file \
and history, and inject a new domain-scoped sending key at run time: `MAILGUN_API_KEY` from a \
secret store.",
            equivalents: &[
                "gitleaks:mailgun-private-api-token",
                "gitleaks:mailgun-signing-key",
            ],
            references: &[
                "https://documentation.mailgun.com/docs/mailgun/user-manual/api-key-mgmt/",
            ],
        },
        regex: r#"(?i)mailgun[\w.-]{0,30}["']?[ \t]*(?::=|=>|=|:|,)[ \t]*["']?(key-[a-f0-9]{32}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8})\b"#,
        secret_group: 1,
        keywords: &["mailgun"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC044",
            name: "datadog-api-key-committed",
            family: Family::Secrets,
            title: "Datadog API key committed",
            severity: Severity::High,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the key in Datadog > Organization settings > API keys now, \
remove it from the file and history, and give the agent a key from a secret at run time: \
`DD_API_KEY` from a Kubernetes Secret (`datadog.apiKeyExistingSecret` in the Helm chart).",
            equivalents: &[],
            references: &["https://docs.datadoghq.com/account_management/api-app-keys/"],
        },
        regex: r#"(?i)(?:datadog[\w.-]{0,20}|dd[_.-]?)api[_.-]?key["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([a-f0-9]{32})\b"#,
        secret_group: 1,
        keywords: &["datadog", "dd_api", "dd-api", "dd.api", "ddapi"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC045",
            name: "datadog-app-key-committed",
            family: Family::Secrets,
            title: "Datadog application key committed",
            severity: Severity::High,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the application key in Datadog > Organization settings > \
Application keys now, remove it from the file and history, and inject a scoped key at run \
time: `DD_APP_KEY` from a secret store.",
            equivalents: &["gitleaks:datadog-access-token"],
            references: &["https://docs.datadoghq.com/account_management/api-app-keys/"],
        },
        regex: r#"(?i)(?:datadog[\w.-]{0,20}|dd[_.-]?)app(?:lication)?[_.-]?key["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([a-f0-9]{40})\b"#,
        secret_group: 1,
        keywords: &["datadog", "dd_app", "dd-app", "dd.app", "ddapp"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC046",
            name: "new-relic-user-api-key-committed",
            family: Family::Secrets,
            title: "New Relic user API key committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete the key in New Relic > API keys now, remove it from the file \
and history, and inject it at run time: `NEW_RELIC_API_KEY` from a secret store for the \
Terraform provider or CLI.",
            equivalents: &["gitleaks:new-relic-user-api-key", "checkov:CKV_SECRET_54"],
            references: &["https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/"],
        },
        regex: r"\b(NRAK-[A-Z0-9]{27})\b",
        secret_group: 1,
        keywords: &["nrak-"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC047",
            name: "new-relic-ingest-key-committed",
            family: Family::Secrets,
            title: "New Relic license or insert key committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Rotate the license (ingest) key in New Relic > API keys now, remove it \
from the file and history, and give agents the key at run time: `NEW_RELIC_LICENSE_KEY` from \
a Kubernetes Secret.",
            equivalents: &["gitleaks:new-relic-insert-key", "checkov:CKV_SECRET_54"],
            references: &["https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/"],
        },
        regex: r"\b([a-f0-9]{36}NRAL|NRII-[A-Za-z0-9_-]{32})(?:[^A-Za-z0-9_-]|\z)",
        secret_group: 1,
        keywords: &["nral", "nrii-"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC048",
            name: "pagerduty-api-key-committed",
            family: Family::Secrets,
            title: "PagerDuty API or integration key committed",
            severity: Severity::High,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete the key in PagerDuty (Integrations > API Access Keys, or the \
service's integration) now, remove it from the file and history, and inject it at run time: \
`PAGERDUTY_TOKEN` or the Alertmanager `routing_key_file` pointing at a mounted Secret.",
            equivalents: &["checkov:CKV_SECRET_57"],
            references: &["https://support.pagerduty.com/main/docs/api-access-keys"],
        },
        regex: r#"(?i)pager[_.-]?duty[\w.-]{0,30}(?:token|key)["']?[ \t]*(?::=|=>|=|:)[ \t]*["']?([a-f0-9]{32}|u\+[A-Za-z0-9_+-]{18}|[A-Za-z0-9_+-]{20})(?:[^A-Za-z0-9_+-]|\z)"#,
        secret_group: 1,
        keywords: &["pagerduty", "pager_duty", "pager-duty", "pager.duty"],
        entropy: Some(3.0),
        validate: Some(validate::random_looking),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC049",
            name: "sentry-dsn-secret-committed",
            family: Family::Secrets,
            title: "Sentry DSN with a secret key committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the key in Sentry > Project settings > Client Keys (DSN) now, \
remove the DSN from the file and history, and use the public DSN without the secret part \
(`https://<public>@o1.ingest.sentry.io/1`), read at run time from `SENTRY_DSN`.",
            equivalents: &[],
            references: &["https://docs.sentry.io/concepts/key-terms/dsn-explainer/"],
        },
        regex: r"\bhttps?://[a-f0-9]{32}:([a-f0-9]{32})@[A-Za-z0-9.-]{1,253}(?::\d{1,5})?/[A-Za-z0-9/]{0,100}?\d{1,20}",
        secret_group: 1,
        keywords: &["sentry", "dsn"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC050",
            name: "sentry-auth-token-committed",
            family: Family::Secrets,
            title: "Sentry auth token committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token in Sentry > Settings > Auth Tokens (or the \
organization token list) now, remove it from the file and history, and inject it at run time: \
`SENTRY_AUTH_TOKEN` from the CI secret store for release uploads.",
            equivalents: &[
                "gitleaks:sentry-user-token",
                "gitleaks:sentry-org-token",
                "checkov:CKV_SECRET_65",
            ],
            references: &["https://docs.sentry.io/account/auth-tokens/"],
        },
        regex: r"\b(sntryu_[a-f0-9]{64}|sntrys_eyJpYXQiO[A-Za-z0-9+/]{10,400}={0,2}_[A-Za-z0-9+/]{43})(?:[^A-Za-z0-9+/_=]|\z)",
        secret_group: 1,
        keywords: &["sntryu_", "sntrys_"],
        entropy: Some(3.5),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC051",
            name: "shopify-token-committed",
            family: Family::Secrets,
            title: "Shopify access token or shared secret committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Rotate the token or app secret in the Shopify admin or Partner \
Dashboard now (uninstalling the custom app revokes its token), remove it from the file and \
history, and inject it at run time: `SHOPIFY_ACCESS_TOKEN` from a secret store.",
            equivalents: &[
                "gitleaks:shopify-access-token",
                "gitleaks:shopify-custom-access-token",
                "gitleaks:shopify-private-app-access-token",
                "gitleaks:shopify-shared-secret",
            ],
            references: &[
                "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens",
            ],
        },
        regex: r"\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b",
        secret_group: 1,
        keywords: &["shpat_", "shpca_", "shppa_", "shpss_"],
        entropy: Some(3.0),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC052",
            name: "openai-api-key-committed",
            family: Family::Secrets,
            title: "OpenAI API key committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the key at platform.openai.com > API keys now, remove it from \
the file and history, and inject a project-scoped key at run time: `OPENAI_API_KEY` from a \
secret store, never bundled into client-side code.",
            equivalents: &["gitleaks:openai-api-key"],
            references: &["https://platform.openai.com/docs/api-reference/authentication"],
        },
        regex: r"\b(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,100}T3BlbkFJ[A-Za-z0-9_-]{20,100})(?:[^A-Za-z0-9_-]|\z)",
        secret_group: 1,
        keywords: &["t3blbkfj"],
        entropy: Some(3.5),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC053",
            name: "anthropic-api-key-committed",
            family: Family::Secrets,
            title: "Anthropic API key committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Delete the key in the Anthropic Console > API keys now, remove it from \
the file and history, and inject it at run time: `ANTHROPIC_API_KEY` from a secret store.",
            equivalents: &[
                "gitleaks:anthropic-api-key",
                "gitleaks:anthropic-admin-api-key",
            ],
            references: &["https://docs.anthropic.com/en/api/overview#authentication"],
        },
        regex: r"\b(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_-]|\z)",
        secret_group: 1,
        keywords: &["sk-ant-api03", "sk-ant-admin01"],
        entropy: Some(3.5),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC054",
            name: "vault-token-committed",
            family: Family::Secrets,
            title: "HashiCorp Vault token committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token now (`vault token revoke <token>`, or its accessor), \
remove it from the file and history, and authenticate workloads at run time with a Vault auth \
method (Kubernetes, AppRole, JWT/OIDC in CI) instead of a static token.",
            equivalents: &[
                "gitleaks:vault-service-token",
                "gitleaks:vault-batch-token",
                "checkov:CKV_SECRET_71",
            ],
            references: &["https://developer.hashicorp.com/vault/docs/concepts/tokens"],
        },
        regex: r"\b(hvs\.[A-Za-z0-9_-]{24,130}|hvb\.[A-Za-z0-9_-]{138,300}|hvr\.[A-Za-z0-9_-]{24,130})(?:[^A-Za-z0-9_-]|\z)",
        secret_group: 1,
        keywords: &["hvs.", "hvb.", "hvr."],
        entropy: Some(3.5),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC055",
            name: "terraform-cloud-token-committed",
            family: Family::Secrets,
            title: "Terraform Cloud / Enterprise API token committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token in HCP Terraform > User/Organization/Team settings > \
Tokens now, remove it from the file and history, and supply it at run time: \
`TF_TOKEN_app_terraform_io` from the CI secret store (or workload identity for runs).",
            equivalents: &["gitleaks:hashicorp-tf-api-token", "checkov:CKV_SECRET_47"],
            references: &[
                "https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens",
            ],
        },
        regex: r"\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?:[^A-Za-z0-9_=-]|\z)",
        secret_group: 1,
        keywords: &["atlasv1"],
        entropy: Some(3.5),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC056",
            name: "pkcs12-file-committed",
            family: Family::Secrets,
            title: "PKCS#12 key bundle (.p12/.pfx) committed",
            severity: Severity::High,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: KEY_FILE,
            remediation: "Revoke the certificate (or the signing identity) the bundle holds now, \
remove the file from the repository and history, and mount it at run time from a secret \
store: a Kubernetes Secret volume, Key Vault certificate, or a CI secure file.",
            equivalents: &["gitleaks:pkcs12-file"],
            references: &[],
        },
        path: Some(r"(?i)\.(?:p12|pfx)$"),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC057",
            name: "ssh-private-key-file-committed",
            family: Family::Secrets,
            title: "SSH private key file (id_rsa, id_ed25519, …) committed",
            severity: Severity::Critical,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: KEY_FILE,
            remediation: "Remove the public half from every `authorized_keys`, deploy-key list \
and Git host now, delete the file from the repository and history, and load keys at run time \
from a secret store or agent: `webfactory/ssh-agent` with `${{ secrets.SSH_KEY }}` in CI.",
            equivalents: &[],
            references: &["https://man.openbsd.org/ssh-keygen.1#FILES"],
        },
        path: Some(r"(?:^|/)[^/]*id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$"),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC058",
            name: "putty-private-key-committed",
            family: Family::Secrets,
            title: "PuTTY private key (.ppk) committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: KEY_FILE,
            remediation: "Remove the matching public key from every server's `authorized_keys` \
now, delete the `.ppk` from the repository and history, and keep keys in Pageant or a secret \
store, loaded at run time.",
            equivalents: &[],
            references: &["https://the.earth.li/~sgtatham/putty/0.80/htmldoc/AppendixC.html"],
        },
        regex: r"PuTTY-User-Key-File-[23]:[ \t]*[\w-]{1,40}\r?\n[\s\S]{0,4000}?Private-Lines:[ \t]*\d{1,3}\r?\n([A-Za-z0-9+/=\r\n]{20,4000})",
        secret_group: 1,
        keywords: &["putty-user-key-file"],
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC059",
            name: "age-secret-key-committed",
            family: Family::Secrets,
            title: "age secret key committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Treat everything encrypted to this key as disclosed: generate a new \
key, re-encrypt (`sops updatekeys`) and rotate the secrets it protected, delete the key from \
the repository and history, and provide it at run time: `SOPS_AGE_KEY` from the CI secret \
store.",
            equivalents: &["gitleaks:age-secret-key"],
            references: &["https://github.com/FiloSottile/age"],
        },
        regex: r"\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b",
        secret_group: 1,
        keywords: &["age-secret-key-1"],
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC060",
            name: "postgres-url-password-committed",
            family: Family::Secrets,
            title: "PostgreSQL connection URL with a password committed",
            severity: Severity::Medium,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: CONNECTION_URL,
            remediation: "Change the database user's password now (`ALTER ROLE app PASSWORD \
…`), remove the URL from the file and history, and build it at run time from a secret: \
`DATABASE_URL` from a Kubernetes Secret, or `PGPASSWORD` from the secret store.",
            equivalents: &["checkov:CKV_SECRET_4"],
            references: &[
                "https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS",
            ],
        },
        regex: r#"(?i)\b(?:postgres(?:ql)?|pgsql)(?:\+[a-z0-9]{1,20})?://[^:/?#@\s"'<>]{0,128}:([^@/?#\s"'<>]{1,256})@[^\s"'<>/@]{1,253}"#,
        secret_group: 1,
        keywords: &["postgres", "pgsql"],
        stopwords: &["example", "changeme", "placeholder", "redacted", "dummy"],
        validate: Some(validate::real_password),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC061",
            name: "mysql-url-password-committed",
            family: Family::Secrets,
            title: "MySQL / MariaDB connection URL with a password committed",
            severity: Severity::Medium,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: CONNECTION_URL,
            remediation: "Change the database user's password now (`ALTER USER 'app'@'%' \
IDENTIFIED BY …`), remove the URL from the file and history, and build it at run time from a \
secret: `DATABASE_URL` from a Kubernetes Secret or the secret store.",
            equivalents: &["checkov:CKV_SECRET_4"],
            references: &[
                "https://dev.mysql.com/doc/refman/8.4/en/connecting-using-uri-or-key-value-pairs.html",
            ],
        },
        regex: r#"(?i)\b(?:mysql|mariadb)(?:\+[a-z0-9]{1,20})?://[^:/?#@\s"'<>]{0,128}:([^@/?#\s"'<>]{1,256})@[^\s"'<>/@]{1,253}"#,
        secret_group: 1,
        keywords: &["mysql", "mariadb"],
        stopwords: &["example", "changeme", "placeholder", "redacted", "dummy"],
        validate: Some(validate::real_password),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC062",
            name: "mongodb-url-password-committed",
            family: Family::Secrets,
            title: "MongoDB connection URL with a password committed",
            severity: Severity::Medium,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: CONNECTION_URL,
            remediation: "Change the database user's password now (`db.changeUserPassword`, or \
Atlas > Database Access), remove the URL from the file and history, and read it at run time: \
`MONGODB_URI` from a Kubernetes Secret or the secret store.",
            equivalents: &["checkov:CKV_SECRET_4"],
            references: &["https://www.mongodb.com/docs/manual/reference/connection-string/"],
        },
        regex: r#"(?i)\bmongodb(?:\+srv)?://[^:/?#@\s"'<>]{0,128}:([^@/?#\s"'<>]{1,256})@[^\s"'<>/@]{1,253}"#,
        secret_group: 1,
        keywords: &["mongodb"],
        stopwords: &["example", "changeme", "placeholder", "redacted", "dummy"],
        validate: Some(validate::real_password),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC063",
            name: "redis-url-password-committed",
            family: Family::Secrets,
            title: "Redis connection URL with a password committed",
            severity: Severity::Medium,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: CONNECTION_URL,
            remediation: "Change the password now (`ACL SETUSER` or `requirepass`, or rotate the \
managed service's auth token), remove the URL from the file and history, and read it at run \
time: `REDIS_URL` from a Kubernetes Secret or the secret store.",
            equivalents: &["checkov:CKV_SECRET_4"],
            references: &["https://www.iana.org/assignments/uri-schemes/prov/redis"],
        },
        regex: r#"(?i)\brediss?://[^:/?#@\s"'<>]{0,128}:([^@/?#\s"'<>]{1,256})@[^\s"'<>/@]{1,253}"#,
        secret_group: 1,
        keywords: &["redis"],
        stopwords: &["example", "changeme", "placeholder", "redacted", "dummy"],
        validate: Some(validate::real_password),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC064",
            name: "amqp-url-password-committed",
            family: Family::Secrets,
            title: "AMQP (RabbitMQ) connection URL with a password committed",
            severity: Severity::Medium,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: CONNECTION_URL,
            remediation: "Change the broker user's password now (`rabbitmqctl \
change_password`), remove the URL from the file and history, and read it at run time: \
`AMQP_URL` from a Kubernetes Secret or the secret store.",
            equivalents: &["checkov:CKV_SECRET_4"],
            references: &["https://www.rabbitmq.com/docs/uri-spec"],
        },
        regex: r#"(?i)\bamqps?://[^:/?#@\s"'<>]{0,128}:([^@/?#\s"'<>]{1,256})@[^\s"'<>/@]{1,253}"#,
        secret_group: 1,
        keywords: &["amqp"],
        stopwords: &["example", "changeme", "placeholder", "redacted", "dummy"],
        validate: Some(validate::real_password),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC065",
            name: "url-password-committed",
            family: Family::Secrets,
            title: "HTTP, FTP, SMTP or LDAP URL with an embedded password committed",
            severity: Severity::Medium,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: CONNECTION_URL,
            remediation: "Change the password or revoke the token in the URL now, remove it from \
the file and history, and pass credentials separately at run time: a credential helper for \
Git, `--netrc-file` or an `Authorization` header built from an environment variable.",
            equivalents: &["checkov:CKV_SECRET_4"],
            references: &["https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1"],
        },
        regex: r#"(?i)\b(?:https?|ftps?|sftp|smtps?|ldaps?)://[^:/?#@\s"'<>]{1,128}:([^@/?#\s"'<>]{1,256})@[^\s"'<>/@]{1,253}"#,
        secret_group: 1,
        keywords: &["http", "ftp", "smtp", "ldap"],
        stopwords: &["example", "changeme", "placeholder", "redacted", "dummy"],
        validate: Some(validate::real_password),
        generic: true,
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC066",
            name: "jwt-committed",
            family: Family::Secrets,
            title: "JSON Web Token committed",
            severity: Severity::Low,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: "A committed JWT is a bearer credential until it expires; many are issued \
without an expiry (service tokens, API gateway keys, anon keys) and keep working. Its claims \
also disclose user ids, tenants and internal hostnames.",
            remediation: "Check the token's `exp`; if it is still valid, revoke it or rotate \
the signing key now, remove it from the file and history, and obtain tokens at run time from \
the issuer (`client_credentials` flow) or a mounted secret.",
            equivalents: &["gitleaks:jwt", "checkov:CKV_SECRET_9"],
            references: &["https://datatracker.ietf.org/doc/html/rfc7519"],
        },
        regex: r"\b(eyJ[A-Za-z0-9_-]{10,1000}\.eyJ[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{10,1000})(?:[^A-Za-z0-9_-]|\z)",
        secret_group: 1,
        keywords: &["eyj"],
        entropy: Some(3.0),
        validate: Some(validate::jwt),
        generic: true,
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC067",
            name: "kubeconfig-client-key-committed",
            family: Family::Secrets,
            title: "Kubeconfig with an embedded client key committed",
            severity: Severity::Critical,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the client certificate now (rotate the cluster CA or remove the \
user's RBAC bindings; certificates cannot be revoked individually), delete the kubeconfig from \
the repository and history, and obtain credentials at run time: `aws eks get-token`, \
`gke-gcloud-auth-plugin`, `kubelogin`, or a CI OIDC login.",
            equivalents: &[],
            references: &[
                "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/",
            ],
        },
        regex: r#"(?i)\bclient-key-data:[ \t]*["']?([A-Za-z0-9+/]{40,8192}={0,2})"#,
        secret_group: 1,
        keywords: &["client-key-data"],
        validate: Some(validate::base64_pem_private_key),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC068",
            name: "kubeconfig-token-committed",
            family: Family::Secrets,
            title: "Kubeconfig with an embedded bearer token committed",
            severity: Severity::Critical,
            confidence: Confidence::Medium,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Revoke the token now (delete the ServiceAccount token Secret, or the \
ServiceAccount), delete the kubeconfig from the repository and history, and use short-lived \
credentials at run time: `kubectl create token` with `--duration`, or an exec plugin.",
            equivalents: &[],
            references: &[
                "https://kubernetes.io/docs/reference/access-authn-authz/authentication/",
            ],
        },
        regex: r#"(?m)^[ \t]+token:[ \t]*["']?([A-Za-z0-9._~+/=-]{20,2048})["']?[ \t]*\r?$"#,
        secret_group: 1,
        keywords: &["current-context"],
        entropy: Some(3.5),
        stopwords: &["example", "redacted", "placeholder"],
        validate: Some(validate::real_password),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC069",
            name: "netrc-password-committed",
            family: Family::Secrets,
            title: "Password in .netrc committed",
            severity: Severity::High,
            confidence: Confidence::High,
            checklist: Checklist::NoSecretsInCode,
            rationale: COMMITTED,
            remediation: "Change the password or revoke the token for that `machine` now, remove \
the file from the repository and history, and write `.netrc` at run time from the secret \
store (with mode 0600), or use a Git credential helper.",
            equivalents: &[],
            references: &["https://everything.curl.dev/usingcurl/netrc.html"],
        },
        regex: r"(?i)\bpassword[ \t]+(\S{3,256})",
        secret_group: 1,
        keywords: &["password"],
        path: Some(r"(?i)netrc$"),
        stopwords: &["example", "changeme", "placeholder", "redacted", "dummy"],
        validate: Some(validate::real_password),
        ..BASE
    },
    Detector {
        meta: RuleMeta {
            id: "SEC070",
            name: "secret-literal-assigned",
            family: Family::Secrets,
            title: "Credential-named setting assigned a high-entropy literal",
            severity: Severity::Medium,
            confidence: Confidence::Low,
            checklist: Checklist::NoSecretsInCode,
            rationale: GENERIC,
            remediation: "If the value is a real credential, rotate it now and remove it from \
the file and history; read it at run time from the environment or a secret store instead: \
`password = os.environ[\"DB_PASSWORD\"]`, `password = var.db_password` with `sensitive = \
true`, `valueFrom.secretKeyRef` in Kubernetes.",
            equivalents: &["gitleaks:generic-api-key", "checkov:CKV_SECRET_10"],
            references: &[
                "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
            ],
        },
        regex: r#"(?i)(?:passw(?:or)?d|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|client[_.-]?secret|auth[_.-]?key|credentials?)["']?[ \t]*(?::=|=>|\?=|\|\|=|=|:)[ \t]*["'\x60]?([A-Za-z0-9_+/=.~!@#$%^&*?|\-]{8,128})(?:["'\x60\s,;)}\]]|\z)"#,
        secret_group: 1,
        keywords: &[
            "passwd",
            "password",
            "pwd",
            "secret",
            "token",
            "api_key",
            "api-key",
            "api.key",
            "apikey",
            "access_key",
            "access-key",
            "access.key",
            "accesskey",
            "private_key",
            "private-key",
            "private.key",
            "privatekey",
            "auth_key",
            "auth-key",
            "authkey",
            "credential",
        ],
        entropy: Some(3.0),
        stopwords: &[
            "changeme",
            "change_me",
            "change-me",
            "example",
            "xxxx",
            "***",
            "redacted",
            "dummy",
            "test",
            "placeholder",
            "sample",
            "your_",
            "your-",
            "yourpass",
            "secret",
            "token",
            "credential",
            "password",
            "passwd",
            "insert",
            "todo",
            "fixme",
            "fake",
            "mock",
            "null",
            "none",
            "undefined",
        ],
        allow_regexes: &[
            // words, identifiers and dotted references: var.x, secrets.X, process.env.X
            r"^[A-Za-z_.-]+$",
            r"^(?:[A-Za-z_][A-Za-z0-9_]*\.)+[A-Za-z_][A-Za-z0-9_]*$",
            // one character repeated
            r"^(?:\*+|x+|X+|\.+|#+|0+|1+)$",
            // file paths, lower-case names joined by separators (`pg-secret-v2`)
            r"^(?:/|\./|~/)[\w./-]*$",
            r"^_{0,2}[a-z]*[g-z][a-z0-9]*(?:[-_.][a-z0-9]+)+$",
            r"^_{0,2}[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$",
            // JWTs are reported by SEC066
            r"^eyJ[A-Za-z0-9_-]{5,}\.eyJ",
            // Bitnami SealedSecret ciphertext (encrypted to the controller's key)
            r"^Ag[A-D][A-Za-z0-9+/]{16,}={0,2}$",
        ],
        validate: Some(validate::generic_literal),
        generic: true,
        ..BASE
    },
];
