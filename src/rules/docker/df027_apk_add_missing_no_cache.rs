//! DF027 `apk-add-missing-no-cache`: `apk add` without `--no-cache` in a shipped stage
//! leaves the package index in the layer.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, mount_covers, removes_dir, run_commands, ships};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct ApkAddMissingNoCache;

pub static META: RuleMeta = RuleMeta {
    id: "DF027",
    name: "apk-add-missing-no-cache",
    family: Family::Dockerfile,
    title: "`apk add` without `--no-cache`",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Without `--no-cache`, the APKINDEX files fetched by `apk update` or \
`apk add --update` stay in `/var/cache/apk` and are frozen into the layer. On an Alpine \
image that is often a large share of the whole image, shipped to every node for nothing.",
    remediation: "Use `--no-cache`, which fetches a fresh index and keeps nothing: \
`apk add --no-cache curl=8.5.0-r0`.",
    equivalents: &["hadolint:DL3019", "trivy:DS-0025"],
    references: &["https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Local_Cache"],
};

const CACHE_DIRS: &[&str] = &["/var/cache/apk", "/etc/apk/cache"];

impl DockerRule for ApkAddMissingNoCache {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        if !ships(df, ins) || mount_covers(ins, CACHE_DIRS) {
            return;
        }
        let cmds = run_commands(ins);
        let invs: Vec<Invocation<'_>> = Invocation::all(&cmds).collect();
        for (i, inv) in invs.iter().enumerate() {
            if !inv.is(&["apk"]) || !inv.sub_is(&["add"]) || inv.has_flag(&["--no-cache"]) {
                continue;
            }
            // `apk add --update …  && rm -rf /var/cache/apk/*` cleans up by hand
            if invs
                .iter()
                .skip(i + 1)
                .any(|later| removes_dir(later, &["/var/cache/apk"]))
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    inv.head_span(),
                    "apk add has no --no-cache and leaves the package index in the layer",
                )
                .anchor(format!("{}:apk-add", ins.anchor())),
            );
        }
    }
}
