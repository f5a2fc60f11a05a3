//! K8S079 `progressive-delivery-target-missing`: a Flagger `Canary` (`spec.targetRef`) or an
//! Argo `Rollout` that borrows its pod template (`spec.workloadRef`) names a workload that the
//! scan does not define.
//!
//! Progressive delivery is a deployment strategy: Flagger shifts traffic to a canary copy of
//! the target Deployment and rolls back on failed analysis; an Argo Rollout with `workloadRef`
//! takes over a Deployment's pods. Both do nothing when the target is absent. Reported only
//! when the scan defines at least one workload (a lone Canary targets workloads defined
//! elsewhere).

use crate::finding::{Confidence, Severity};
use crate::rules::{Checklist, Family, K8sSurfaceRule, RuleMeta, SurfaceDiagnostic, SurfaceObject};

use super::surface::{has_workloads, report_dangling_ref};

pub struct ProgressiveDeliveryTargetMissing;

pub static META: RuleMeta = RuleMeta {
    id: "K8S079",
    name: "progressive-delivery-target-missing",
    family: Family::Kubernetes,
    title: "Canary or Rollout targets a workload not in the manifests",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "A Flagger `Canary` or an Argo `Rollout` with `workloadRef` is the team's \
rollback path: traffic moves to a new version step by step and returns to the old one when \
analysis fails. If the workload it names does not exist (renamed, or deleted when the chart \
was refactored), the controller reports an error and the workload that does ship is deployed \
all at once, with no automated rollback — while the manifests still suggest a canary.",
    remediation: "Point the reference at the workload's kind and name: \
`targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}` (Flagger) or \
`workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}` (Argo Rollouts).",
    equivalents: &[],
    references: &[
        "https://docs.flagger.app/usage/how-it-works",
        "https://argo-rollouts.readthedocs.io/en/stable/migrating/",
    ],
};

/// Kinds a progressive-delivery controller can target.
const TARGET_KINDS: &[&str] = &["Deployment", "DaemonSet", "StatefulSet", "ReplicaSet"];

impl K8sSurfaceRule for ProgressiveDeliveryTargetMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, objects: &[SurfaceObject<'_>], out: &mut Vec<SurfaceDiagnostic>) {
        if !has_workloads(objects) {
            return;
        }
        for so in objects {
            let obj = so.object;
            let reference = match obj.kind.as_str() {
                "Canary" if obj.api_version.starts_with("flagger.app/") => {
                    obj.node.path(&["spec", "targetRef"])
                }
                "Rollout" if obj.api_version.starts_with("argoproj.io/") => {
                    obj.node.path(&["spec", "workloadRef"])
                }
                _ => None,
            };
            let Some(target) = reference else {
                continue;
            };
            report_dangling_ref(&META, so, target, TARGET_KINDS, objects, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::discover::ArtifactKind;
    use crate::engine::{RuleSelection, check_text};

    fn ids(text: &str) -> Vec<usize> {
        let sel = RuleSelection {
            select: vec!["K8S079".into()],
            ..RuleSelection::default()
        };
        check_text("m.yaml", text, ArtifactKind::Kubernetes, &sel)
            .findings
            .iter()
            .map(|f| f.start.line)
            .collect()
    }

    const WEB: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: a:1}]\n";

    #[test]
    fn canary_and_rollout_targets() {
        let canary = |name: &str| {
            format!(
                "---\napiVersion: flagger.app/v1beta1\nkind: Canary\nmetadata: {{name: c}}\nspec:\n  targetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: {name}\n"
            )
        };
        assert!(ids(&format!("{WEB}{}", canary("web"))).is_empty());
        assert_eq!(ids(&format!("{WEB}{}", canary("api"))), [16]);
        // a Canary alone: its target lives elsewhere
        assert!(ids(&canary("api")).is_empty());
        let rollout = "---\napiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: wbe}\n";
        assert_eq!(ids(&format!("{WEB}{rollout}")), [13]);
        // another vendor's Canary kind is not Flagger's
        let other = canary("api").replace("flagger.app/v1beta1", "example.com/v1");
        assert!(ids(&format!("{WEB}{other}")).is_empty());
    }
}
