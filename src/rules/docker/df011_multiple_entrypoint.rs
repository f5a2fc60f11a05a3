//! DF011 `multiple-entrypoint`: a stage has more than one `ENTRYPOINT`; only the last takes effect.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Kind};
use crate::rules::docker::stage_util;
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};

pub struct MultipleEntrypoint;

pub static META: RuleMeta = RuleMeta {
    id: "DF011",
    name: "multiple-entrypoint",
    family: Family::Dockerfile,
    title: "More than one `ENTRYPOINT` in a stage",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Only the last `ENTRYPOINT` of a stage takes effect. Earlier ones are dead code that \
misleads readers about what runs as PID 1, and usually point to a merge or copy-paste \
mistake.",
    remediation: "Keep one `ENTRYPOINT` per stage, in exec form: `ENTRYPOINT [\"/usr/local/bin/app\"]`.",
    equivalents: &["hadolint:DL4004", "trivy:DS-0007"],
    references: &["https://docs.docker.com/reference/dockerfile/#entrypoint"],
};

impl DockerRule for MultipleEntrypoint {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        stage_util::report_overridden(df, Kind::Entrypoint, &META, out);
    }
}
