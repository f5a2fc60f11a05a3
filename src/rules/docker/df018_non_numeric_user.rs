//! DF018 `non-numeric-user`: the final image's `USER` is a name, not a numeric UID, so
//! Kubernetes cannot verify `runAsNonRoot`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile};
use crate::rules::docker::stage_util::{EffectiveUser, effective_user, is_root_user};
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};

pub struct NonNumericUser;

pub static META: RuleMeta = RuleMeta {
    id: "DF018",
    name: "non-numeric-user",
    family: Family::Dockerfile,
    title: "Final `USER` is a user name, not a numeric UID",
    severity: Severity::Info,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "The runtime only sees the image's `USER` string. With a name, Kubernetes cannot \
tell whether it is root: a pod with `runAsNonRoot: true` is refused with \"image has non-numeric \
user, cannot verify user is non-root\", so teams drop the safeguard instead. A numeric UID (and \
GID) is also what file ownership and PodSecurity admission actually check.",
    remediation: "Create the user with a fixed UID and refer to it by number: \
`RUN useradd --uid 10001 --no-log-init app` then `USER 10001:10001`.",
    equivalents: &["hadolint:DL3066"],
    references: &["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
};

impl DockerRule for NonNumericUser {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        let Some(last) = df.final_stage() else { return };
        let Some(EffectiveUser::Set(ins, user)) = effective_user(df, last.index) else {
            return;
        };
        let name = user.split(':').next().unwrap_or(user).trim();
        // root is DF005's business; variables are unknown, not violations
        if name.is_empty()
            || is_root_user(user)
            || name.contains('$')
            || name.chars().all(|c| c.is_ascii_digit())
        {
            return;
        }
        let Body::User(text) = &ins.body else { return };
        out.push(
            Diagnostic::new(
                &META,
                text.span,
                format!("final image runs as user \"{name}\", which Kubernetes cannot verify as non-root"),
            )
            .anchor(format!("{}:{name}", ins.anchor())),
        );
    }
}
