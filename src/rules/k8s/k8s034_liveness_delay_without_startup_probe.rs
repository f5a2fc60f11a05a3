//! K8S034 `liveness-delay-without-startup-probe`: a liveness probe waits a long
//! `initialDelaySeconds` (60 s or more) to cover a slow start, and the container has no
//! `startupProbe`.
//!
//! The threshold is 60 seconds: below it the delay costs little failure-detection time and
//! is common for ordinary services; at a minute or more the delay is almost always there to
//! outwait a slow start, which is exactly what a startup probe is for. Templated or
//! non-integer delays are not judged.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{Container, Object};
use crate::rules::k8s::workload;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct LivenessDelayWithoutStartupProbe;

/// `initialDelaySeconds` at or above which a startup probe is advised.
pub const SLOW_START_SECONDS: i64 = 60;

pub static META: RuleMeta = RuleMeta {
    id: "K8S034",
    name: "liveness-delay-without-startup-probe",
    family: Family::Kubernetes,
    title: "Liveness probe uses a long initial delay instead of a startup probe",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    checklist: Checklist::HealthChecks,
    rationale: "A long `initialDelaySeconds` on the liveness probe is a guess at the worst \
start-up time: when a start is slower (cold caches, a migration, a loaded node) the container \
is killed and restarted in a loop, and when it is faster, a process that hangs right after \
start goes undetected for the whole delay. A `startupProbe` holds the liveness probe back \
only until the application reports it has started, so slow starts are tolerated and \
liveness checking begins as soon as it can.",
    remediation: "Add a startup probe that allows for the slowest start and drop the liveness \
delay: `startupProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 5, \
failureThreshold: 60}` with `livenessProbe: {httpGet: {path: /healthz, port: http}}`.",
    equivalents: &[],
    references: &[
        "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes",
    ],
};

impl K8sRule for LivenessDelayWithoutStartupProbe {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_container(&self, obj: &Object, c: &Container<'_>, out: &mut Vec<Diagnostic>) {
        if c.node.get("startupProbe").is_some_and(|p| !p.is_null()) {
            return;
        }
        let Some(delay) = c.node.path(&["livenessProbe", "initialDelaySeconds"]) else {
            return;
        };
        let Some(seconds) = delay.as_i64() else {
            return;
        };
        if seconds < SLOW_START_SECONDS {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                delay.span,
                format!(
                    "livenessProbe of {} waits initialDelaySeconds: {seconds} and there is no startupProbe",
                    workload::label(obj, c)
                ),
            )
            .anchor(workload::anchor(
                obj,
                c,
                "livenessProbe.initialDelaySeconds",
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::k8s::objects;
    use crate::parse::yaml;
    use crate::rules::FileContext;

    fn spans(src: &str) -> Vec<String> {
        let file = yaml::parse(src);
        let mut out = Vec::new();
        LivenessDelayWithoutStartupProbe.check(&objects(&file), &FileContext::default(), &mut out);
        out.iter()
            .map(|d| src[d.span.range()].to_string())
            .collect()
    }

    fn pod(container: &str) -> String {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n    - name: a\n      image: app:1\n{container}"
        )
    }

    #[test]
    fn threshold_and_startup_probe() {
        let slow = "      livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 120}\n";
        assert_eq!(spans(&pod(slow)), ["120"]);
        let at = "      livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 60}\n";
        assert_eq!(spans(&pod(at)), ["60"]);
        let fast = "      livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 59}\n";
        assert!(spans(&pod(fast)).is_empty());
        let with_startup = format!("{slow}      startupProbe: {{tcpSocket: {{port: 80}}}}\n");
        assert!(spans(&pod(&with_startup)).is_empty());
        let templated = "      livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: '{{ .Values.d }}'}\n";
        assert!(spans(&pod(templated)).is_empty());
    }
}
