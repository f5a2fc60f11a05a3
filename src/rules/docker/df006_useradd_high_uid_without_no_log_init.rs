//! DF006 `useradd-high-uid-without-no-log-init`: `useradd` with a large UID and without
//! `-l`/`--no-log-init`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::parse::shell::{SimpleCommand, Word};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct UseraddHighUidWithoutNoLogInit;

pub static META: RuleMeta = RuleMeta {
    id: "DF006",
    name: "useradd-high-uid-without-no-log-init",
    family: Family::Dockerfile,
    title: "`useradd` with a high UID bloats the image unless `--no-log-init` is given",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "`useradd` records the new user in `/var/log/lastlog` and `/var/log/faillog`, \
which are indexed by UID. On a normal filesystem they stay sparse, but image layers do not \
keep holes: a UID such as 1000000 writes hundreds of megabytes of zeros into the layer, \
slowing every pull. hadolint flags UIDs longer than five digits.",
    remediation: "Pass `-l` (`--no-log-init`) when creating users with large UIDs: \
`RUN useradd --no-log-init --uid 1000001 --create-home app`.",
    equivalents: &["hadolint:DL3046"],
    references: &[
        "https://github.com/moby/moby/issues/5419",
        "https://docs.docker.com/build/building/best-practices/#user",
    ],
};

/// UIDs above this (six digits and more) write a large sparse-file hole.
const MAX_QUIET_UID: u64 = 99_999;

impl DockerRule for UseraddHighUidWithoutNoLogInit {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        for script in ins.scripts() {
            for cmd in script.commands_named("useradd") {
                if cmd.has_flag(&["-l", "--no-log-init"]) {
                    continue;
                }
                let Some((word, uid)) = uid_arg(cmd) else {
                    continue;
                };
                if uid <= MAX_QUIET_UID {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &META,
                        word.span,
                        format!("useradd with UID {uid} has no `--no-log-init`"),
                    )
                    .anchor(format!("{}:useradd:{uid}", ins.anchor())),
                );
            }
        }
    }
}

/// The literal numeric UID given by `-u N`, `-uN`, `--uid N` or `--uid=N`, and the word
/// holding it.
fn uid_arg(cmd: &SimpleCommand) -> Option<(&Word, u64)> {
    let (_, args) = cmd.effective();
    let mut it = args.iter();
    while let Some(w) = it.next() {
        let t = w.text.as_str();
        let (word, value) = if t == "-u" || t == "--uid" {
            let v = it.next()?;
            (v, v.text.as_str())
        } else if let Some(v) = t.strip_prefix("--uid=") {
            (w, v)
        } else if let Some(v) = t.strip_prefix("-u").filter(|v| !v.starts_with('-')) {
            if v.is_empty() {
                continue;
            }
            (w, v)
        } else {
            continue;
        };
        if !word.literal {
            return None;
        }
        return value.parse::<u64>().ok().map(|n| (word, n));
    }
    None
}
