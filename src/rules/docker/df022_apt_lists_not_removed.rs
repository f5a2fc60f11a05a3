//! DF022 `apt-lists-not-removed`: a `RUN` of a shipped stage runs `apt-get update` but
//! does not delete `/var/lib/apt/lists` afterwards, so the package index stays in the layer.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, mount_covers, removes_dir, run_commands, ships};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct AptListsNotRemoved;

pub static META: RuleMeta = RuleMeta {
    id: "DF022",
    name: "apt-lists-not-removed",
    family: Family::Dockerfile,
    title: "apt package lists left in the image",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`apt-get update` downloads tens of megabytes of package indexes into \
`/var/lib/apt/lists`. Unless they are deleted in the same `RUN`, they are frozen into that \
layer: every pull and every node's disk pays for them, and the stale index is useless at \
run time. Deleting them in a later `RUN` does not shrink the image.",
    remediation: "Delete the lists at the end of the same `RUN`: `RUN apt-get update && \
apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*`, or keep \
them out of the layer with `RUN --mount=type=cache,target=/var/lib/apt/lists …`.",
    equivalents: &[
        "hadolint:DL3009",
        "kics:df746b39-6564-4fed-bf85-e9c44382303c",
    ],
    references: &["https://docs.docker.com/build/building/best-practices/#apt-get"],
};

const LISTS: &str = "/var/lib/apt/lists";

impl DockerRule for AptListsNotRemoved {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        if !ships(df, ins) || mount_covers(ins, &[LISTS]) {
            return;
        }
        let cmds = run_commands(ins);
        let invs: Vec<Invocation<'_>> = Invocation::all(&cmds).collect();
        // the last `apt-get update` must be followed by a removal of the lists
        let Some(last_update) = invs
            .iter()
            .rposition(|i| i.is(&["apt-get", "apt"]) && i.sub_is(&["update"]))
        else {
            return;
        };
        let cleaned = invs
            .iter()
            .skip(last_update + 1)
            .any(|i| removes_dir(i, &[LISTS]));
        if cleaned {
            return;
        }
        if let Some(inv) = invs.get(last_update) {
            out.push(
                Diagnostic::new(
                    &META,
                    inv.head_span(),
                    format!(
                        "package lists downloaded by {} update are not removed in the same RUN",
                        inv.written
                    ),
                )
                .anchor(format!("{}:apt-lists", ins.anchor())),
            );
        }
    }
}
