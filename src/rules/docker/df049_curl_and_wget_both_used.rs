//! DF049 `curl-and-wget-both-used`: one build stage downloads with both `curl` and `wget`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Kind};
use crate::rules::docker::shell_util::run_scripts;
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};

pub struct CurlAndWgetBothUsed;

pub static META: RuleMeta = RuleMeta {
    id: "DF049",
    name: "curl-and-wget-both-used",
    family: Family::Dockerfile,
    title: "Both `curl` and `wget` used in one stage",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Two download tools doing the same job means two packages to install, patch \
and scan, and two sets of flags for retries, TLS and failure handling to get right; the \
extra tool often stays in the final image as attack surface.",
    remediation: "Pick one download tool per stage and use it everywhere, e.g. \
`RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz` instead of mixing in \
`wget -q https://example.com/b.tgz`.",
    equivalents: &["hadolint:DL4001", "trivy:DS-0014"],
    references: &["https://github.com/hadolint/hadolint/wiki/DL4001"],
};

impl DockerRule for CurlAndWgetBothUsed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        for stage in &df.stages {
            let mut first: Option<&str> = None;
            'stage: for ins in df.stage_instructions(stage.index) {
                if ins.kind != Kind::Run {
                    continue;
                }
                for c in run_scripts(ins).flat_map(|s| s.commands.iter()) {
                    let name = c.effective().0;
                    if name != "curl" && name != "wget" {
                        continue;
                    }
                    match first {
                        None => first = Some(if name == "curl" { "curl" } else { "wget" }),
                        Some(f) if f != name => {
                            let span = c.name.as_ref().map_or(c.span, |w| w.span);
                            out.push(
                                Diagnostic::new(
                                    &META,
                                    span,
                                    format!(
                                        "\"{name}\" is used in a stage that already uses \"{f}\""
                                    ),
                                )
                                .anchor(format!("{}:{name}", ins.anchor())),
                            );
                            break 'stage;
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
}
