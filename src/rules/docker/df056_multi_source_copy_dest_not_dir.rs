//! DF056 `multi-source-copy-dest-not-dir`: `COPY`/`ADD` with several sources whose
//! destination does not end with `/`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::shell_util::{copy_parts, unquote};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct MultiSourceCopyDestNotDir;

pub static META: RuleMeta = RuleMeta {
    id: "DF056",
    name: "multi-source-copy-dest-not-dir",
    family: Family::Dockerfile,
    title: "Multi-source `COPY`/`ADD` destination lacks a trailing `/`",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "With more than one source the destination must be a directory, and the \
builder only treats it as one when it ends with `/`: otherwise the build fails, or, when a \
source list shrinks to one, the file is silently written under the directory's name.",
    remediation: "End the destination with a slash: `COPY package.json package-lock.json /app/`.",
    equivalents: &["hadolint:DL3021", "trivy:DS-0011"],
    references: &["https://docs.docker.com/reference/dockerfile/#destination"],
};

impl DockerRule for MultiSourceCopyDestNotDir {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let Some((sources, dest)) = copy_parts(ins) else {
            return;
        };
        let count = sources.len() + ins.heredocs.len();
        let d = unquote(&dest.text);
        if count < 2 || d.is_empty() || d.contains('$') || d.ends_with('/') || d.ends_with('\\') {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                dest.span,
                format!(
                    "{} of {count} sources into \"{d}\" needs a trailing \"/\" on the destination",
                    ins.kind.as_str()
                ),
            )
            .anchor(format!("{}:{d}", ins.anchor())),
        );
    }
}
