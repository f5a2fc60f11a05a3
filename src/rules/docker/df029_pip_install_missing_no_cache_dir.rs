//! DF029 `pip-install-missing-no-cache-dir`: `pip install` in a shipped stage keeps its
//! download cache in the layer.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, CommandForm, Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, inherited, run_commands, ships};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct PipInstallMissingNoCacheDir;

pub static META: RuleMeta = RuleMeta {
    id: "DF029",
    name: "pip-install-missing-no-cache-dir",
    family: Family::Dockerfile,
    title: "`pip install` without `--no-cache-dir`",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "pip keeps every downloaded wheel and sdist in `~/.cache/pip`. In a build \
that cache is never reused, but it is frozen into the layer and can double the size of a \
Python image (think of a 700 MB torch wheel stored twice).",
    remediation: "Pass `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1` in the stage, or \
mount the cache: `RUN --mount=type=cache,target=/root/.cache/pip pip install -r \
requirements.txt`; for example `pip install --no-cache-dir -r requirements.txt`.",
    equivalents: &[
        "hadolint:DL3042",
        "kics:f2f903fb-b977-461e-98d7-b3e2185c6118",
    ],
    references: &["https://pip.pypa.io/en/stable/topics/caching/"],
};

impl DockerRule for PipInstallMissingNoCacheDir {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        if !ships(df, ins) || mounts_pip_cache(ins) {
            return;
        }
        let cmds = run_commands(ins);
        // `PIP_NO_CACHE_DIR=1 pip install …`, `export PIP_NO_CACHE_DIR=1 && …`
        if run_text_sets_no_cache(ins) {
            return;
        }
        let mut env_disables: Option<bool> = None;
        for inv in Invocation::all(&cmds) {
            if !inv.is(&["pip"]) || !inv.sub_is(&["install"]) || inv.has_flag(&["--no-cache-dir"]) {
                continue;
            }
            if *env_disables.get_or_insert_with(|| env_sets_no_cache(df, ins)) {
                return;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    inv.head_span(),
                    format!(
                        "{} install has no --no-cache-dir and leaves its download cache in the layer",
                        inv.written
                    ),
                )
                .anchor(format!("{}:pip-install", ins.anchor())),
            );
        }
    }
}

/// `RUN --mount=type=cache,target=/root/.cache/pip` (or any `…/.cache/pip` or `…/.cache`).
fn mounts_pip_cache(ins: &Instruction) -> bool {
    crate::rules::docker::pkg::mounts(ins)
        .iter()
        .any(|(kind, target)| {
            let t = target.trim_end_matches('/');
            matches!(kind.as_str(), "cache" | "tmpfs")
                && (t.ends_with("/.cache/pip") || t.ends_with("/.cache"))
        })
}

fn truthy(v: &str) -> bool {
    matches!(
        v.trim_matches(|c| c == '"' || c == '\'')
            .to_ascii_lowercase()
            .as_str(),
        "1" | "true" | "on" | "yes"
    )
}

/// The `RUN` text assigns `PIP_NO_CACHE_DIR` a true value (as a command prefix or with
/// `export`).
fn run_text_sets_no_cache(ins: &Instruction) -> bool {
    let shell = match ins.command() {
        Some(CommandForm::Shell(s)) => Some(s.text.as_str()),
        _ => None,
    };
    shell
        .into_iter()
        .chain(ins.heredocs.iter().map(|h| h.body.as_str()))
        .any(|text| {
            text.match_indices("PIP_NO_CACHE_DIR=").any(|(at, m)| {
                let value: String = text
                    .get(at + m.len()..)
                    .unwrap_or("")
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != ';' && *c != '&')
                    .collect();
                truthy(&value)
            })
        })
}

/// `ENV PIP_NO_CACHE_DIR=1` (or an `ARG` default, which `RUN` also sees) earlier in the
/// stage or its parents, not later reset.
fn env_sets_no_cache(df: &Dockerfile, ins: &Instruction) -> bool {
    let mut set = false;
    for i in inherited(df, ins) {
        if let Body::Env(kvs) | Body::Arg(kvs) = &i.body {
            for kv in kvs.iter().filter(|kv| kv.key.text == "PIP_NO_CACHE_DIR") {
                if let Some(v) = &kv.value {
                    set = truthy(&v.text);
                }
            }
        }
    }
    set
}
