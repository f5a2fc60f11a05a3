//! DF020 `apt-get-missing-yes`: `apt-get install` (or another changing subcommand) runs
//! without `-y`, so it stops at the confirmation prompt.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::parse::shell::Word;
use crate::rules::docker::pkg::{Invocation, run_commands};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct AptGetMissingYes;

pub static META: RuleMeta = RuleMeta {
    id: "DF020",
    name: "apt-get-missing-yes",
    family: Family::Dockerfile,
    title: "`apt-get install` without `-y`",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A build has no terminal: when `apt-get` needs to confirm (because a package \
pulls in extra dependencies or removes something), it reads end-of-file and aborts. The \
build passes today and breaks the day a dependency changes, typically during an urgent \
rebuild.",
    remediation: "Pass `-y` (or `--yes`, `--assume-yes`, `-qq`) to every `apt-get` command \
that changes packages: `apt-get install -y --no-install-recommends curl`.",
    equivalents: &[
        "hadolint:DL3014",
        "trivy:DS-0021",
        "kics:77783205-c4ca-4f80-bb80-c777f267c547",
    ],
    references: &[
        "https://manpages.debian.org/bookworm/apt/apt-get.8.en.html",
        "https://docs.docker.com/build/building/best-practices/#apt-get",
    ],
};

/// Subcommands that may ask for confirmation.
const PROMPTING: &[&str] = &[
    "install",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "remove",
    "purge",
    "autoremove",
    "autopurge",
    "build-dep",
];

impl DockerRule for AptGetMissingYes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let cmds = run_commands(ins);
        for inv in Invocation::all(&cmds) {
            if !inv.is(&["apt-get"]) || !inv.sub_is(PROMPTING) || inv.fed_by_yes {
                continue;
            }
            if assumes_yes(&inv) {
                continue;
            }
            let sub = inv.sub().unwrap_or_default();
            out.push(
                Diagnostic::new(
                    &META,
                    inv.head_span(),
                    format!("apt-get {sub} has no -y and aborts if it needs confirmation"),
                )
                .anchor(format!("{}:apt-get-{sub}", ins.anchor())),
            );
        }
    }
}

/// `-y`, `--yes`, `--assume-yes`, `-qq`/`-q=2` (which imply `-y`), or
/// `-o APT::Get::Assume-Yes=true`.
fn assumes_yes(inv: &Invocation<'_>) -> bool {
    if inv.has_flag(&["-y", "--yes", "--assume-yes"]) {
        return true;
    }
    if quiet_level(inv.args) >= 2 {
        return true;
    }
    inv.option_values(&["-o", "--option"]).iter().any(|v| {
        let (k, val) = v.split_once('=').unwrap_or((v, ""));
        k.eq_ignore_ascii_case("APT::Get::Assume-Yes")
            && matches!(val.to_ascii_lowercase().as_str(), "true" | "1" | "yes")
    })
}

/// How many `-q` were given (`-qq`, `-q -q`, `-q=2`, `--quiet=2`).
fn quiet_level(args: &[Word]) -> usize {
    let mut level = 0;
    for w in args {
        let t = w.text.as_str();
        if let Some(n) = t
            .strip_prefix("-q=")
            .or_else(|| t.strip_prefix("--quiet="))
            .and_then(|n| n.parse::<usize>().ok())
        {
            level += n;
        } else if t == "--quiet" {
            level += 1;
        } else if let Some(cluster) = t.strip_prefix('-') {
            if !cluster.starts_with('-') && cluster.chars().all(|c| c.is_ascii_alphabetic()) {
                level += cluster.chars().filter(|&c| c == 'q').count();
            }
        }
    }
    level
}
