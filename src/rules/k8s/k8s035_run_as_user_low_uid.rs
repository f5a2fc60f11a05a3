//! K8S035 `run-as-user-low-uid`: the effective `runAsUser` (container `securityContext`,
//! else the pod's) is a UID below 10000 other than 0, or the effective `runAsGroup` is a GID
//! below 10000.
//!
//! `runAsUser: 0` is root and reported by K8S003, so it is not reported here. `runAsGroup: 0`
//! (the root group) has no other rule and is reported. Windows pods (which ignore these
//! fields) and values that are not literal integers are not judged.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::secctx::{self, Level};
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct RunAsUserLowUid;

/// IDs below this may collide with users and groups of the node.
pub const MIN_ID: i64 = 10000;

pub static META: RuleMeta = RuleMeta {
    id: "K8S035",
    name: "run-as-user-low-uid",
    family: Family::Kubernetes,
    title: "Container runs with a UID or GID below 10000",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Without user namespaces a container's UID is the node's UID. Low IDs are \
where the node's own system users and groups live (daemons, `docker`, `systemd-*`, the first \
human users at 1000): a process that escapes the container, or reaches a host mount, acts as \
that node account and inherits whatever it owns. An ID of 10000 or more is unlikely to exist \
on the node.",
    remediation: "Run as a dedicated high UID and GID, and build the image with a matching \
user: `securityContext: {runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001}`.",
    equivalents: &["checkov:CKV_K8S_40", "trivy:KSV-0020", "trivy:KSV-0021"],
    references: &[
        "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        "https://kubesec.io/basics/containers-securitycontext-runasuser/",
    ],
};

impl K8sRule for RunAsUserLowUid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        if secctx::is_windows(obj) {
            return;
        }
        for (key, what, min) in [("runAsUser", "UID", 1), ("runAsGroup", "GID", 0)] {
            let Some((node, level)) = secctx::effective(obj, c, key) else {
                continue;
            };
            let Some(id) = node.as_i64() else { continue };
            if !(min..MIN_ID).contains(&id) {
                continue;
            }
            let at = match level {
                Level::Container => "",
                Level::Pod => " (pod securityContext)",
            };
            out.push(
                Diagnostic::new(
                    &META,
                    node.span,
                    format!(
                        "{} runs with {what} {id} below {MIN_ID}: {key}: {id}{at}",
                        secctx::describe(obj, c)
                    ),
                )
                .anchor(secctx::anchor(obj, c, key)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::k8s::objects;
    use crate::parse::yaml;
    use crate::rules::FileContext;

    fn lines(src: &str) -> Vec<String> {
        let file = yaml::parse(src);
        let mut out = Vec::new();
        RunAsUserLowUid.check(&objects(&file), &FileContext::default(), &mut out);
        out.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn container_wins_and_root_uid_is_left_to_k8s003() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 1000, runAsGroup: 0}\n  containers:\n    - name: own\n      image: app:1\n      securityContext: {runAsUser: 10001, runAsGroup: 10001}\n    - name: inherits\n      image: app:1\n    - name: root\n      image: app:1\n      securityContext: {runAsUser: 0, runAsGroup: 20000}\n";
        assert_eq!(
            lines(src),
            [
                "container \"inherits\" of Pod \"p\" runs with UID 1000 below 10000: runAsUser: 1000 (pod securityContext)",
                "container \"inherits\" of Pod \"p\" runs with GID 0 below 10000: runAsGroup: 0 (pod securityContext)",
            ]
        );
    }

    #[test]
    fn windows_and_templates_are_not_judged() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os: {name: windows}\n  containers:\n    - name: a\n      image: app:1\n      securityContext: {runAsUser: 1000}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  containers:\n    - name: a\n      image: app:1\n      securityContext: {runAsUser: '{{ .Values.uid }}'}\n";
        assert!(lines(src).is_empty());
    }
}
