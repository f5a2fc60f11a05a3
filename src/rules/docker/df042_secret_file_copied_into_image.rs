//! DF042 `secret-file-copied-into-image`: `COPY`/`ADD` puts a private key or a credentials
//! file (`id_rsa`, `.npmrc`, `.env`, `.aws/`, `.docker/config.json`…) into a layer.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction, Text};
use crate::rules::docker::shell_util::{basename, copy_parts};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct SecretFileCopiedIntoImage;

pub static META: RuleMeta = RuleMeta {
    id: "DF042",
    name: "secret-file-copied-into-image",
    family: Family::Dockerfile,
    title: "Private key or credentials file copied into the image",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::RuntimeSecrets,
    rationale: "Every file `COPY` or `ADD` writes is stored in a layer for good: deleting it \
in a later instruction only hides it, and anyone who can pull the image can extract the key \
or token from the layer tarball. Registry credentials, cloud keys and SSH keys in an image \
turn read access to a registry into access to everything those credentials reach.",
    remediation: "Mount the file only for the step that needs it, so it never reaches a \
layer, and inject runtime credentials from the orchestrator: \
`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` (or \
`RUN --mount=type=ssh git clone git@github.com:org/repo.git` for SSH keys).",
    equivalents: &["trivy:DS-0031"],
    references: &[
        "https://docs.docker.com/build/building/secrets/",
        "https://docs.docker.com/reference/dockerfile/#run---mounttypesecret",
    ],
};

impl DockerRule for SecretFileCopiedIntoImage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let Some((sources, dest)) = copy_parts(ins) else {
            return;
        };
        let keyword = ins.kind.as_str();
        let mut report = |t: &Text, what: &str| {
            out.push(
                Diagnostic::new(
                    &META,
                    t.span,
                    format!("{keyword} puts \"{}\" ({what}) into the image", t.text),
                )
                .anchor(format!("{}:{}", ins.anchor(), t.text)),
            );
        };
        let mut any = false;
        for s in sources {
            if let Some(what) = secret_kind(&s.text, false) {
                report(s, what);
                any = true;
            }
        }
        if !any {
            if let Some(what) = secret_kind(&dest.text, true) {
                report(dest, what);
            }
        }
    }
}

/// What kind of secret a path names, if any. `dest` paths are only matched on
/// well-known credential locations (a destination directory says nothing by itself).
fn secret_kind(path: &str, dest: bool) -> Option<&'static str> {
    if path.contains("://") {
        return None;
    }
    let norm = path.replace('\\', "/").to_ascii_lowercase();
    let trimmed = norm.trim_end_matches('/');
    let with_root = format!("/{trimmed}");
    let name = basename(trimmed);
    // credential locations inside a home directory
    const LOCATIONS: &[(&str, &str)] = &[
        ("/.docker/config.json", "Docker registry credentials"),
        ("/.aws/credentials", "AWS credentials"),
        ("/.kube/config", "kubeconfig"),
        (
            "/.config/gcloud/application_default_credentials.json",
            "gcloud credentials",
        ),
    ];
    for (loc, what) in LOCATIONS {
        if with_root.ends_with(loc) {
            return Some(what);
        }
    }
    match name {
        ".npmrc" | "npmrc" => return Some("npm credentials"),
        ".pypirc" => return Some("PyPI credentials"),
        ".netrc" | "_netrc" => return Some("netrc credentials"),
        ".git-credentials" => return Some("git credentials"),
        ".htpasswd" => return Some("password file"),
        "kubeconfig" => return Some("kubeconfig"),
        _ => {}
    }
    if dest {
        return None;
    }
    if matches!(name, ".ssh" | ".aws" | ".gnupg" | ".kube") {
        return Some("credentials directory");
    }
    if with_root.contains("/.ssh/") {
        return Some("SSH directory content");
    }
    if matches!(name, "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519") {
        return Some("SSH private key");
    }
    if name == "credentials" || name == "credentials.json" {
        return Some("credentials file");
    }
    if name == ".env" || is_env_variant(name) {
        return Some("dotenv file");
    }
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "p12" | "pfx" | "jks" | "keystore" => Some("keystore"),
        "key" if !looks_public(name) => Some("private key"),
        "pem" if !looks_public(name) && !looks_like_certificate(name) => {
            Some("possible private key")
        }
        _ => None,
    }
}

/// `.env.production`, `.env.local` — but not the committed templates.
fn is_env_variant(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(".env.") else {
        return false;
    };
    !matches!(
        rest,
        "example" | "sample" | "template" | "dist" | "defaults" | "default" | "schema" | "test"
    )
}

/// Public keys and repository signing keys (`nginx_signing.key`, `repo.gpg.key`).
fn looks_public(name: &str) -> bool {
    ["pub", "signing", "gpg", "keyring", "release", "archive"]
        .iter()
        .any(|w| name.contains(w))
}

/// Certificates and CA bundles are public (`ca.pem`, `cert.pem`, `fullchain.pem`).
fn looks_like_certificate(name: &str) -> bool {
    let stem = name.trim_end_matches(".pem");
    stem == "ca"
        || stem.starts_with("ca-")
        || stem.starts_with("ca_")
        || stem.ends_with("-ca")
        || stem.ends_with("_ca")
        || ["cert", "crt", "chain", "bundle", "root"]
            .iter()
            .any(|w| stem.contains(w))
}
