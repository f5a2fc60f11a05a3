//! DF040 `secret-in-env-or-arg`: an `ENV` with a secret-looking name is given a value, or
//! an `ARG` with a secret-looking name has a hard-coded default.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction, Kind};
use crate::rules::docker::shell_util::{is_secret_name, key_values};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct SecretInEnvOrArg;

pub static META: RuleMeta = RuleMeta {
    id: "DF040",
    name: "secret-in-env-or-arg",
    family: Family::Dockerfile,
    title: "Secret hard-coded in `ENV` or an `ARG` default",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "An `ENV` value is stored in the image configuration: anyone who can pull the \
image reads it with `docker inspect`, and every process in every container started from it \
inherits it. An `ARG` default is committed to source control and recorded in the image \
history of every `RUN` that uses it. Either way the secret outlives the build, cannot be \
rotated without a rebuild, and leaks to everyone with registry read access.",
    remediation: "Pass build-time secrets with a secret mount and read them only in the `RUN` \
that needs them, and inject runtime secrets from the orchestrator: \
`RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci`.",
    equivalents: &["checkov:CKV_DOCKER_1005", "trivy:DS-0031"],
    references: &[
        "https://docs.docker.com/build/building/secrets/",
        "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
    ],
};

impl DockerRule for SecretInEnvOrArg {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        if !matches!(ins.kind, Kind::Env | Kind::Arg) {
            return;
        }
        let keyword = ins.kind.as_str();
        for kv in key_values(ins) {
            let name = kv.key.text.as_str();
            let Some(value) = &kv.value else { continue };
            let v = value.text.trim();
            if v.is_empty() || !is_secret_name(name) || looks_like_path(v) {
                continue;
            }
            let message = if v.contains('$') {
                if ins.kind == Kind::Arg {
                    // a default taken from another variable is not hard-coded here
                    continue;
                }
                format!("ENV \"{name}\" copies a secret from \"{v}\" into the image configuration")
            } else {
                let what = if ins.kind == Kind::Env {
                    "value"
                } else {
                    "default"
                };
                format!(
                    "{keyword} \"{name}\" has a hard-coded {what} (\"****\", {} characters)",
                    v.chars().count()
                )
            };
            out.push(
                Diagnostic::new(&META, kv.key.span, message)
                    .anchor(format!("{}:{name}", ins.anchor())),
            );
        }
    }
}

/// A value that is a file path (`/run/secrets/db`, `./sa.json`) names where a secret is,
/// not the secret.
fn looks_like_path(v: &str) -> bool {
    (v.starts_with('/') || v.starts_with("./") || v.starts_with("~/")) && !v.contains(' ')
}
