//! DF041 `secret-build-arg`: a secret is passed to the build as an `ARG` (without a
//! hard-coded default), where it ends up in the image history.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction, Kind};
use crate::rules::docker::shell_util::{is_secret_name, key_values};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct SecretBuildArg;

pub static META: RuleMeta = RuleMeta {
    id: "DF041",
    name: "secret-build-arg",
    family: Family::Dockerfile,
    title: "Secret passed as a build argument",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::RuntimeSecrets,
    rationale: "A build argument's value is recorded in the image history of every `RUN` \
that uses it (`docker history --no-trunc` shows `|1 NPM_TOKEN=…`) and in build provenance \
attestations, so a token passed with `--build-arg` can be read by anyone who can pull the \
image, and it sits in CI logs and shell history on the way in.",
    remediation: "Use a secret mount, which is never written to a layer or the history: \
`RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` built with \
`docker build --secret id=npm_token,env=NPM_TOKEN .`.",
    equivalents: &["trivy:DS-0031"],
    references: &[
        "https://docs.docker.com/build/building/secrets/",
        "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
    ],
};

impl DockerRule for SecretBuildArg {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        if ins.kind != Kind::Arg {
            return;
        }
        for kv in key_values(ins) {
            let name = kv.key.text.as_str();
            // a literal default is a hard-coded secret: DF040's business
            let hard_coded = kv
                .value
                .as_ref()
                .is_some_and(|v| !v.text.trim().is_empty() && !v.text.contains('$'));
            if hard_coded || !is_secret_name(name) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    kv.key.span,
                    format!(
                        "ARG \"{name}\" passes a secret as a build argument, recorded in the \
image history"
                    ),
                )
                .anchor(format!("{}:{name}", ins.anchor())),
            );
        }
    }
}
