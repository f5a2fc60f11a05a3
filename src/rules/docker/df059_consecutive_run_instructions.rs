//! DF059 `consecutive-run-instructions`: a `RUN` directly follows another `RUN` with the
//! same flags, adding a layer that could have been merged.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{CommandForm, Dockerfile, Instruction, Kind};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct ConsecutiveRunInstructions;

pub static META: RuleMeta = RuleMeta {
    id: "DF059",
    name: "consecutive-run-instructions",
    family: Family::Dockerfile,
    title: "Consecutive `RUN` instructions could be one layer",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Every `RUN` commits a layer. Files created in one layer and deleted in the next \
still ship in the image, caches cleaned in a later `RUN` are not cleaned at all, and many small \
layers slow pulls. Merging steps that belong together keeps images small and clean-ups effective.",
    remediation: "Join related steps with `&&` in one `RUN` (or use a heredoc): \
`RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*`.",
    equivalents: &["hadolint:DL3059"],
    references: &[
        "https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers",
    ],
};

/// Flags as a comparable key: RUNs with different `--mount`/`--network` cannot be merged.
fn flag_key(ins: &Instruction) -> Vec<(String, Option<String>)> {
    let mut v: Vec<_> = ins
        .flags
        .iter()
        .map(|f| (f.name.to_ascii_lowercase(), f.value.clone()))
        .collect();
    v.sort();
    v
}

/// The command of a RUN as text (content anchor for the fingerprint).
fn command_text(ins: &Instruction) -> String {
    match ins.command() {
        Some(CommandForm::Shell(s)) => crate::finding::normalise_snippet(&s.text),
        Some(CommandForm::Exec { args, .. }) => args
            .iter()
            .map(|a| a.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        None => String::new(),
    }
}

impl DockerRule for ConsecutiveRunInstructions {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, _ctx: &crate::rules::FileContext, out: &mut Vec<Diagnostic>) {
        for pair in df.instructions.windows(2) {
            let [prev, cur] = pair else { continue };
            if prev.kind == Kind::Run
                && cur.kind == Kind::Run
                && prev.stage == cur.stage
                && flag_key(prev) == flag_key(cur)
            {
                out.push(
                    Diagnostic::new(
                        &META,
                        cur.keyword,
                        "RUN directly follows another RUN; merge them into one layer",
                    )
                    .anchor(format!("{}:{}", cur.anchor(), command_text(cur))),
                );
            }
        }
    }
}
