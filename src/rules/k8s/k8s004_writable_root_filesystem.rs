//! K8S004 `writable-root-filesystem`: a container does not set
//! `securityContext.readOnlyRootFilesystem: true`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::secctx;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct WritableRootFilesystem;

pub static META: RuleMeta = RuleMeta {
    id: "K8S004",
    name: "writable-root-filesystem",
    family: Family::Kubernetes,
    title: "Container root filesystem is writable",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A writable root filesystem lets an intruder drop tools, rewrite binaries or \
configuration and persist until the pod is replaced; it also hides state in the container \
layer, where it is lost on restart. Read-only root plus explicit volumes for the paths that \
must be written keeps containers immutable.",
    remediation: "Set `readOnlyRootFilesystem: true` and mount an `emptyDir` where the app \
must write: `securityContext: {readOnlyRootFilesystem: true}` with \
`volumeMounts: [{name: tmp, mountPath: /tmp}]`.",
    equivalents: &[
        "kube-linter:no-read-only-root-fs",
        "checkov:CKV_K8S_22",
        "trivy:KSV-0014",
        "polaris:notReadOnlyRootFilesystem",
    ],
    references: &["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
};

impl K8sRule for WritableRootFilesystem {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        if secctx::is_windows(obj) {
            return;
        }
        let who = secctx::describe(obj, c);
        let (span, message) = match secctx::container_value(c, "readOnlyRootFilesystem") {
            None => (
                c.anchor_span(),
                format!("{who} does not set readOnlyRootFilesystem: true"),
            ),
            Some(v) => match v.as_bool() {
                Some(false) => (v.span, format!("{who} sets readOnlyRootFilesystem: false")),
                _ => return,
            },
        };
        out.push(Diagnostic::new(&META, span, message).anchor(secctx::anchor(
            obj,
            c,
            "readOnlyRootFilesystem",
        )));
    }
}
