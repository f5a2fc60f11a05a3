//! DF008 `multiple-healthchecks`: a stage has more than one `HEALTHCHECK`; only the last takes effect.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Kind};
use crate::rules::docker::stage_util;
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};

pub struct MultipleHealthchecks;

pub static META: RuleMeta = RuleMeta {
    id: "DF008",
    name: "multiple-healthchecks",
    family: Family::Dockerfile,
    title: "More than one `HEALTHCHECK` in a stage",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::HealthChecks,
    rationale: "Docker keeps only the last `HEALTHCHECK` of a stage. An earlier one is dead code that \
readers take for the real probe: the interval, timeout or endpoint they review is not the one \
that decides whether the container is restarted or taken out of rotation.",
    remediation: "Keep exactly one `HEALTHCHECK` per stage and delete the others: \
`HEALTHCHECK --interval=30s --timeout=3s CMD [\"/app/healthcheck\"]`.",
    equivalents: &["hadolint:DL3012", "trivy:DS-0023"],
    references: &["https://docs.docker.com/reference/dockerfile/#healthcheck"],
};

impl DockerRule for MultipleHealthchecks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        stage_util::report_overridden(df, Kind::Healthcheck, &META, out);
    }
}
