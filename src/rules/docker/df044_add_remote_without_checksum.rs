//! DF044 `add-remote-without-checksum`: `ADD` downloads a URL (or clones a git ref) without
//! `--checksum` or a pinned commit, so the content is not verified.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction};
use crate::rules::docker::shell_util::{is_git_url, is_http_url, redact_url};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct AddRemoteWithoutChecksum;

pub static META: RuleMeta = RuleMeta {
    id: "DF044",
    name: "add-remote-without-checksum",
    family: Family::Dockerfile,
    title: "`ADD` downloads a remote file without verifying it",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Whatever the URL serves at build time goes into the image unchecked: a \
compromised or re-tagged release, a CDN error page, or a moved git tag changes the image \
without any change to the Dockerfile, and a rebuild of an old commit no longer reproduces \
the image that was tested.",
    remediation: "Pin the download to its digest with `--checksum` (for git sources, pin a \
full commit): `ADD --checksum=sha256:24454f83… https://example.com/tool.tar.gz /tmp/`, or \
download with `curl` in a `RUN` and verify with `sha256sum -c`.",
    equivalents: &["checkov:CKV_DOCKER_4"],
    references: &[
        "https://docs.docker.com/reference/dockerfile/#add---checksum",
        "https://docs.docker.com/build/building/best-practices/#add-or-copy",
    ],
};

impl DockerRule for AddRemoteWithoutChecksum {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let Body::Add { sources, .. } = &ins.body else {
            return;
        };
        if ins.flag("checksum").is_some() {
            return;
        }
        for s in sources {
            let src = s.text.trim();
            let message = if is_git_url(src) {
                if pinned_commit(src) {
                    continue;
                }
                format!(
                    "ADD clones \"{}\" without pinning a commit",
                    redact_url(src)
                )
            } else if is_http_url(src) {
                format!("ADD downloads \"{}\" without --checksum", redact_url(src))
            } else {
                continue;
            };
            out.push(Diagnostic::new(&META, s.span, message).anchor(format!(
                "{}:{}",
                ins.anchor(),
                redact_url(src)
            )));
        }
    }
}

/// A git source whose `#ref` is a full 40- or 64-hex commit id.
fn pinned_commit(src: &str) -> bool {
    let Some((_, fragment)) = src.split_once('#') else {
        return false;
    };
    let reference = fragment.split(':').next().unwrap_or("");
    matches!(reference.len(), 40 | 64) && reference.chars().all(|c| c.is_ascii_hexdigit())
}
