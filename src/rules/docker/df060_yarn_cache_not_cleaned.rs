//! DF060 `yarn-cache-not-cleaned`: `yarn install`/`yarn add` in a shipped stage leaves yarn's
//! download cache in the layer.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, mount_covers, run_commands, ships};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct YarnCacheNotCleaned;

pub static META: RuleMeta = RuleMeta {
    id: "DF060",
    name: "yarn-cache-not-cleaned",
    family: Family::Dockerfile,
    title: "`yarn install` without `yarn cache clean` in the same `RUN`",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Yarn (v1) keeps a copy of every downloaded package in its global cache. In an \
image that cache is dead weight — often as large as `node_modules` itself — pulled by every \
node that runs the container, and a later `RUN yarn cache clean` cannot shrink the layer that \
already holds it.",
    remediation: "Clean the cache in the same `RUN`, or keep it out of the layer with a cache \
mount: `RUN yarn install --frozen-lockfile && yarn cache clean` or `RUN \
--mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile`.",
    equivalents: &["hadolint:DL3060"],
    references: &["https://classic.yarnpkg.com/en/docs/cli/cache"],
};

/// Where yarn v1 keeps its cache for root and for a typical user.
const CACHE_DIRS: &[&str] = &["/usr/local/share/.cache/yarn", "/root/.cache/yarn", "/home"];

impl DockerRule for YarnCacheNotCleaned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        // only the layers that end up in the image matter; a builder stage is thrown away
        if !ships(df, ins) || mount_covers(ins, CACHE_DIRS) {
            return;
        }
        let cmds = run_commands(ins);
        let invocations: Vec<Invocation<'_>> = Invocation::all(&cmds).collect();
        let cleaned = invocations.iter().any(|inv| {
            inv.is(&["yarn"])
                && inv.sub_is(&["cache"])
                && inv.sub_args().iter().any(|w| w.text == "clean")
        });
        if cleaned {
            return;
        }
        for inv in &invocations {
            // bare `yarn` is `yarn install`
            let global_add =
                inv.sub_is(&["global"]) && inv.sub_args().first().is_some_and(|w| w.text == "add");
            let installs = inv.is(&["yarn"])
                && (inv.sub().is_none() || inv.sub_is(&["install", "add"]) || global_add);
            let own_cache = inv.has_flag(&["--cache-folder"]);
            if installs && !own_cache {
                let (sub, span) = inv.labelled_head();
                let label = if sub.is_empty() {
                    inv.written.to_string()
                } else {
                    format!("{} {sub}", inv.written)
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        span,
                        format!("{label} leaves yarn's package cache in the image"),
                    )
                    .anchor(format!("{}:{label}", ins.anchor())),
                );
            }
        }
    }
}
