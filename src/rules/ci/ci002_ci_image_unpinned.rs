//! CI002 `ci-image-unpinned`: a container image a pipeline runs (GitHub `docker://` steps,
//! job `container:` and `services:`; GitLab `image:` and `services:`) has no tag or uses
//! `latest`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::github::{GhJob, Step, UsesTarget, Workflow};
use crate::model::ci::gitlab::{GitlabCi, GlJob};
use crate::parse::yaml::Node;
use crate::rules::ci::util::unpinned_image;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};
use crate::source::Span;

pub struct CiImageUnpinned;

pub static META: RuleMeta = RuleMeta {
    id: "CI002",
    name: "ci-image-unpinned",
    family: Family::Ci,
    title: "Pipeline container image has no tag or uses `latest`",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A job image without a tag (or with `latest`) is whatever the registry serves \
at the time of the run: a new upstream release, or a compromised image, changes what builds \
and deploys your software without any change in the repository, and a failing pipeline \
cannot be reproduced.",
    remediation: "Pin the image to a version tag, better to a digest: \
`image: python:3.12-slim@sha256:<digest>` (GitLab) or \
`container: node:20.11-bookworm` (GitHub).",
    equivalents: &["zizmor:unpinned-images"],
    references: &[
        "https://docs.zizmor.sh/audits/#unpinned-images",
        "https://docs.gitlab.com/ci/yaml/#image",
    ],
};

fn report_in(job: &GlJob<'_>, what: &str, image: &str, span: Span, out: &mut Vec<Diagnostic>) {
    if job.owns(span) {
        report(what, image, span, out);
    }
}

fn report(what: &str, image: &str, span: Span, out: &mut Vec<Diagnostic>) {
    if let Some(why) = unpinned_image(image) {
        out.push(
            Diagnostic::new(&META, span, format!("{what} image \"{image}\" {why}"))
                .anchor(image.to_string()),
        );
    }
}

/// `image: x` or `image: {name: x}`; `services:` entries likewise.
fn image_of(n: &Node) -> Option<(&str, Span)> {
    if let Some(s) = n.as_str() {
        return Some((s, n.span));
    }
    let name = n.get("name")?;
    Some((name.as_str()?, name.span))
}

impl CiRule for CiImageUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_job(
        &self,
        _ci: &CiFile<'_>,
        _wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        for img in &job.images {
            if let Some(s) = img.as_str() {
                report(&format!("job \"{}\"", job.id), s, img.span, out);
            }
        }
    }

    fn check_step(
        &self,
        _ci: &CiFile<'_>,
        job: &GhJob<'_>,
        step: &Step<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if let Some(u) = &step.uses {
            if let UsesTarget::Docker { image } = u.target {
                report(
                    &format!("job \"{}\" {}", job.id, step.label()),
                    image,
                    u.span,
                    out,
                );
            }
        }
    }

    fn check_gitlab(&self, _ci: &CiFile<'_>, gl: &GitlabCi<'_>, out: &mut Vec<Diagnostic>) {
        // the defaults, once (jobs that inherit them are not reported again)
        let Some(d) = gl.default else { return };
        if let Some((img, span)) = d.get("image").and_then(image_of) {
            report("default", img, span, out);
        }
        for s in d.get("services").map(Node::iter_seq).into_iter().flatten() {
            if let Some((img, span)) = image_of(s) {
                report("default service", img, span, out);
            }
        }
    }

    fn check_gitlab_job(&self, _ci: &CiFile<'_>, job: &GlJob<'_>, out: &mut Vec<Diagnostic>) {
        // the job's own keys only: inherited ones are reported where they are written
        if let Some((img, span)) = job.node.get("image").and_then(image_of) {
            report_in(job, &format!("job \"{}\"", job.name), img, span, out);
        }
        for s in job
            .node
            .get("services")
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
        {
            if let Some((img, span)) = image_of(s) {
                report_in(
                    job,
                    &format!("job \"{}\" service", job.name),
                    img,
                    span,
                    out,
                );
            }
        }
    }
}
