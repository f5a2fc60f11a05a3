//! DF023 `apt-used-in-script`: the interactive `apt` front end is used in a build script
//! instead of `apt-get`/`apt-cache`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, run_commands};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct AptUsedInScript;

pub static META: RuleMeta = RuleMeta {
    id: "DF023",
    name: "apt-used-in-script",
    family: Family::Dockerfile,
    title: "`apt` used instead of `apt-get`",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`apt` is the human-facing front end: its output, prompts and defaults may \
change between releases and it warns that it \"does not have a stable CLI interface\". A \
build that depends on it can change behaviour when the base image moves to a new apt.",
    remediation: "Use `apt-get` (and `apt-cache` for queries) in Dockerfiles: \
`apt-get install -y --no-install-recommends curl`.",
    equivalents: &["hadolint:DL3027", "checkov:CKV_DOCKER_9"],
    references: &["https://manpages.debian.org/bookworm/apt/apt.8.en.html"],
};

impl DockerRule for AptUsedInScript {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let cmds = run_commands(ins);
        for inv in Invocation::all(&cmds).filter(|i| i.is(&["apt"])) {
            let what = match inv.sub() {
                Some(sub) => format!("apt {sub}"),
                None => "apt".to_string(),
            };
            out.push(
                Diagnostic::new(
                    &META,
                    inv.head_span(),
                    format!("{what} uses the interactive apt front end instead of apt-get"),
                )
                .anchor(format!(
                    "{}:apt-{}",
                    ins.anchor(),
                    inv.sub().unwrap_or("")
                )),
            );
        }
    }
}
