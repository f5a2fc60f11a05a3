//! DF047 `pipe-without-pipefail`: a shell-form `RUN` pipes commands while neither the
//! stage's `SHELL` nor an earlier `set -o pipefail` makes a failing stage fail the pipeline.

use std::collections::BTreeMap;

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction, Kind};
use crate::parse::shell::{Script, SimpleCommand};
use crate::rules::docker::shell_util::{PIPEFAIL_SHELLS, basename, is_set_pipefail, sets_pipefail};
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};
use crate::source::Span;

pub struct PipeWithoutPipefail;

pub static META: RuleMeta = RuleMeta {
    id: "DF047",
    name: "pipe-without-pipefail",
    family: Family::Dockerfile,
    title: "Pipe in `RUN` without `pipefail`",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A pipeline's exit status is that of its last command, so in \
`curl -fsSL $URL | tar -xz` a failed download still yields a successful step: the build \
goes green and ships an image with a missing or truncated file, and the error surfaces only \
at run time in production.",
    remediation: "Make the shell fail on any failing pipeline stage, once per stage with \
`SHELL` or per `RUN`: `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (or \
`RUN set -o pipefail && curl -fsSL $URL | tar -xz`; on Alpine use `/bin/ash`).",
    equivalents: &["hadolint:DL4006", "trivy:DS-0032"],
    references: &[
        "https://docs.docker.com/build/building/best-practices/#using-pipes",
        "https://github.com/hadolint/hadolint/wiki/DL4006",
    ],
};

/// What the active `SHELL` means for pipes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ShellMode {
    /// `/bin/sh -c` (or a POSIX shell without pipefail).
    Plain,
    /// A shell started with `-o pipefail`.
    Pipefail,
    /// PowerShell or cmd: pipes mean something else; not applicable.
    NonPosix,
}

impl DockerRule for PipeWithoutPipefail {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, df: &Dockerfile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        // the SHELL in effect, tracked in one pass (looking it up per RUN was quadratic:
        // 17 s on a 100,000-line Dockerfile)
        let mut stage_shell: Vec<Option<ShellMode>> = vec![None; df.stages.len()];
        for ins in df.walk() {
            if let (Body::Shell(args), Some(stage), false) = (&ins.body, ins.stage, ins.onbuild) {
                if let Some(slot) = stage_shell.get_mut(stage) {
                    *slot = Some(shell_mode(args.iter().map(|t| t.text.as_str()).collect()));
                }
                continue;
            }
            if ins.kind != Kind::Run || ins.onbuild {
                continue;
            }
            let mode = ins
                .stage
                .map(|stage| {
                    df.stage_chain(stage)
                        .into_iter()
                        .find_map(|s| stage_shell.get(s).copied().flatten())
                        .unwrap_or(ShellMode::Plain)
                })
                .unwrap_or(ShellMode::Plain);
            if mode == ShellMode::Plain {
                check_run(ins, out);
            }
        }
    }
}

fn check_run(ins: &Instruction, out: &mut Vec<Diagnostic>) {
    let Some(form) = ins.command() else { return };
    let Some(main) = form.script() else {
        return; // exec form runs no shell
    };
    // `RUN bash -o pipefail <<EOF`: the heredoc runs in a pipefail shell
    let heredoc_protected = main.commands.first().is_some_and(|c| {
        let (name, args) = c.effective();
        PIPEFAIL_SHELLS.contains(&name) && sets_pipefail(args.iter().map(|w| w.text.as_str()))
    });
    let scripts = std::iter::once((main, false)).chain(
        ins.heredocs
            .iter()
            .filter_map(|h| h.script.as_ref())
            .map(|s| (s, heredoc_protected)),
    );
    for (script, protected) in scripts {
        if let Some((span, names)) = unprotected_pipeline(script, protected) {
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!(
                        "pipeline \"{}\" runs without pipefail, so a failing \"{}\" goes \
unnoticed",
                        names.join(" | "),
                        names.first().map_or("", String::as_str)
                    ),
                )
                .anchor(format!("{}:{}", ins.anchor(), names.join("|"))),
            );
            return; // one finding per RUN
        }
    }
}

/// What a `SHELL` instruction's arguments mean for pipes. The `SHELL` in effect for a `RUN`
/// is the last one before it in its stage, else its parent stages' (a stage inherits it).
fn shell_mode(args: Vec<&str>) -> ShellMode {
    let Some(first) = args.first() else {
        return ShellMode::Plain;
    };
    let exe = basename(first).to_ascii_lowercase();
    let exe = exe.trim_end_matches(".exe");
    if ["pwsh", "powershell", "cmd"]
        .iter()
        .any(|p| exe.starts_with(p))
    {
        return ShellMode::NonPosix;
    }
    if PIPEFAIL_SHELLS.contains(&exe) && sets_pipefail(args.iter().skip(1).copied()) {
        ShellMode::Pipefail
    } else {
        ShellMode::Plain
    }
}

/// Commands that cannot fail in a way pipefail would catch (and `yes`, which pipefail
/// would turn into a spurious SIGPIPE failure).
const HARMLESS_PRODUCERS: &[&str] = &["echo", "printf", "yes", "true"];

/// The first pipeline not covered by an earlier `set -o pipefail`: its span and the
/// names of its elements.
fn unprotected_pipeline(script: &Script, mut protected: bool) -> Option<(Span, Vec<String>)> {
    // pipeline id → elements (index → commands)
    let mut pipelines: BTreeMap<usize, BTreeMap<usize, Vec<&SimpleCommand>>> = BTreeMap::new();
    for c in &script.commands {
        if let Some(p) = c.pipeline {
            pipelines
                .entry(p.id)
                .or_default()
                .entry(p.index)
                .or_default()
                .push(c);
        }
    }
    let mut seen = Vec::new();
    for c in &script.commands {
        if is_set_pipefail(c) {
            protected = true;
        }
        let Some(p) = c.pipeline else { continue };
        if protected || seen.contains(&p.id) || p.len < 2 {
            continue;
        }
        seen.push(p.id);
        let Some(elements) = pipelines.get(&p.id) else {
            continue;
        };
        let producers_harmless = elements
            .iter()
            .filter(|(i, _)| **i + 1 < p.len)
            .flat_map(|(_, cmds)| cmds.iter())
            .all(|c| HARMLESS_PRODUCERS.contains(&c.effective().0));
        if producers_harmless {
            continue;
        }
        let all = elements.values().flatten();
        let span = all
            .clone()
            .map(|c| c.span)
            .reduce(Span::cover)
            .unwrap_or(c.span);
        let names = elements
            .values()
            .filter_map(|cmds| cmds.first())
            .map(|c| c.effective().0.to_string())
            .collect();
        return Some((span, names));
    }
    None
}
