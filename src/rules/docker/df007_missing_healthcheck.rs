//! DF007 `missing-healthcheck`: the final image defines no `HEALTHCHECK`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Kind};
use crate::rules::docker::stage_util;
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};

pub struct MissingHealthcheck;

pub static META: RuleMeta = RuleMeta {
    id: "DF007",
    name: "missing-healthcheck",
    family: Family::Dockerfile,
    title: "Final image has no `HEALTHCHECK`",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::HealthChecks,
    rationale: "Without a health check, Docker, Compose and Swarm only know whether the \
process exists, not whether it serves: a deadlocked or wedged service stays `running`, keeps \
receiving traffic and is never restarted. Kubernetes ignores `HEALTHCHECK` and uses probes \
instead; if that is where the image runs, say so explicitly with `HEALTHCHECK NONE`, which \
this rule accepts as a decision.",
    remediation: "Add a cheap check of the service's own health endpoint to the final stage, \
or `HEALTHCHECK NONE` when an orchestrator probes it: \
`HEALTHCHECK --interval=30s --timeout=3s CMD [\"wget\", \"-qO-\", \"http://localhost:8080/healthz\"]`.",
    equivalents: &[
        "checkov:CKV_DOCKER_2",
        "trivy:DS-0026",
        "kics:b03a748a-542d-44f4-bb86-9199ab4fd2d5",
    ],
    references: &[
        "https://docs.docker.com/reference/dockerfile/#healthcheck",
        "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/",
    ],
};

impl DockerRule for MissingHealthcheck {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        let Some(last) = df.final_stage() else { return };
        // `HEALTHCHECK NONE` counts: it is an explicit decision, not an omission
        if stage_util::last_of_kind(df, last.index, Kind::Healthcheck).is_some() {
            return;
        }
        let Some(from) = stage_util::from_instruction(df, last) else {
            return;
        };
        out.push(
            Diagnostic::new(
                &META,
                stage_util::from_span(from),
                "final image defines no HEALTHCHECK",
            )
            .anchor(format!("{}:healthcheck", from.anchor())),
        );
    }
}
