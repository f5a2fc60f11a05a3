//! DF010 `multiple-cmd`: a stage has more than one `CMD`; only the last takes effect.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Kind};
use crate::rules::docker::stage_util;
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};

pub struct MultipleCmd;

pub static META: RuleMeta = RuleMeta {
    id: "DF010",
    name: "multiple-cmd",
    family: Family::Dockerfile,
    title: "More than one `CMD` in a stage",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Only the last `CMD` of a stage becomes the image's default command. Earlier ones are dead \
code that misleads readers about how the container starts, and usually point to a merge or \
copy-paste mistake.",
    remediation: "Keep one `CMD` per stage, in exec form: `CMD [\"node\", \"server.js\"]`.",
    equivalents: &["hadolint:DL4003", "trivy:DS-0016"],
    references: &["https://docs.docker.com/reference/dockerfile/#cmd"],
};

impl DockerRule for MultipleCmd {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        stage_util::report_overridden(df, Kind::Cmd, &META, out);
    }
}
