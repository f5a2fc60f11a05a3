//! DF043 `add-instead-of-copy`: `ADD` of local files or directories, where `COPY` does the
//! same without `ADD`'s implicit URL fetching and archive extraction.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction};
use crate::rules::docker::shell_util::{is_archive, is_remote};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct AddInsteadOfCopy;

pub static META: RuleMeta = RuleMeta {
    id: "DF043",
    name: "add-instead-of-copy",
    family: Family::Dockerfile,
    title: "`ADD` used for local files where `COPY` suffices",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`ADD` silently extracts anything that looks like a tar archive and fetches \
URLs, so what lands in the image depends on the content of the source, not just its name: a \
file that later becomes an archive is unpacked instead of copied. `COPY` does exactly one \
thing, which makes the build predictable and easier to review.",
    remediation: "Use `COPY` for files and directories from the build context, and keep \
`ADD` for extracting local tar archives: `COPY src/ /app/src/`.",
    equivalents: &[
        "hadolint:DL3020",
        "checkov:CKV_DOCKER_4",
        "trivy:DS-0005",
        "kics:9513a694-aa0d-41d8-be61-3271e056f36b",
    ],
    references: &[
        "https://docs.docker.com/build/building/best-practices/#add-or-copy",
        "https://docs.docker.com/reference/dockerfile/#add",
    ],
};

impl DockerRule for AddInsteadOfCopy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let Body::Add { sources, .. } = &ins.body else {
            return;
        };
        // flags that only ADD has mean ADD is needed
        if ["checksum", "keep-git-dir", "unpack"]
            .iter()
            .any(|f| ins.flag(f).is_some())
        {
            return;
        }
        let Some(first) = sources.first() else {
            return; // heredoc-only ADD
        };
        let needs_add = sources
            .iter()
            .any(|s| s.text.contains('$') || is_remote(&s.text) || is_archive(&s.text));
        if needs_add {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                ins.keyword,
                format!("ADD of local \"{}\" where COPY suffices", first.text),
            )
            .anchor(format!("{}:{}", ins.anchor(), first.text)),
        );
    }
}
