//! DF005 `container-runs-as-root`: the final image sets no `USER`, or its last `USER` is
//! root.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile};
use crate::rules::docker::stage_util::{self, EffectiveUser};
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};

pub struct ContainerRunsAsRoot;

pub static META: RuleMeta = RuleMeta {
    id: "DF005",
    name: "container-runs-as-root",
    family: Family::Dockerfile,
    title: "Container runs as root",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "A process running as root inside the container is root on the host's kernel: \
any remote code execution in the service gets full control of the container's filesystem, \
and a container-escape bug or a careless host mount turns it into root on the node. Kubernetes \
`runAsNonRoot` policies also refuse to start such images. Images without a `USER` inherit the \
base image's user, which is root for almost every OS and language image.",
    remediation: "Create an unprivileged user and switch to it at the end of the final stage: \
`RUN useradd --system --uid 10001 app` … `USER 10001`, or use a base image that runs as \
non-root such as `gcr.io/distroless/static:nonroot`.",
    equivalents: &[
        "hadolint:DL3002",
        "checkov:CKV_DOCKER_3",
        "checkov:CKV_DOCKER_8",
        "trivy:DS-0002",
        "kics:fd54f200-402c-4333-a5a4-36ef6709af2f",
        "kics:67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae",
    ],
    references: &[
        "https://docs.docker.com/build/building/best-practices/#user",
        "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    ],
};

impl DockerRule for ContainerRunsAsRoot {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        let Some(last) = df.final_stage() else { return };
        let Some(user) = stage_util::effective_user(df, last.index) else {
            return;
        };
        let Some(from) = stage_util::from_instruction(df, last) else {
            return;
        };
        let from_span = stage_util::from_span(from);
        let anchor = format!("{}:user", from.anchor());
        match user {
            EffectiveUser::Set(ins, value) => {
                if value.contains('$') || !stage_util::is_root_user(value) {
                    return;
                }
                let span = match &ins.body {
                    Body::User(t) => t.span,
                    _ => ins.span,
                };
                out.push(
                    Diagnostic::new(&META, span, format!("final image runs as user \"{value}\""))
                        .anchor(anchor),
                );
            }
            EffectiveUser::ScratchDefault => out.push(
                Diagnostic::new(
                    &META,
                    from_span,
                    "final image is built from scratch and sets no USER, so it runs as root",
                )
                .anchor(anchor),
            ),
            EffectiveUser::ImageDefault(r) => {
                if stage_util::is_nonroot_image(r) {
                    return;
                }
                out.push(
                    Diagnostic::new(
                        &META,
                        from_span,
                        format!(
                            "final image sets no USER and runs as the default user of \"{}\" (root unless that image sets one)",
                            r.resolved
                        ),
                    )
                    .anchor(anchor),
                );
            }
        }
    }
}
