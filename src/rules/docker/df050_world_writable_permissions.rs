//! DF050 `world-writable-permissions`: `chmod 777`, `chmod -R a+rwx`, `o+w`,
//! `mkdir -m 777`… makes files or directories writable by every user.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::parse::shell::Word;
use crate::rules::docker::shell_util::run_scripts;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct WorldWritablePermissions;

pub static META: RuleMeta = RuleMeta {
    id: "DF050",
    name: "world-writable-permissions",
    family: Family::Dockerfile,
    title: "Files or directories made world-writable",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A world-writable path lets any process in the container, whatever its user, \
replace binaries, scripts or configuration the application trusts, turning a foothold in \
one low-privilege process into code execution as the application user or root. `777` is \
usually a shortcut around a wrong owner.",
    remediation: "Give ownership to the user that needs to write, with the narrowest mode: \
`COPY --chown=app:app . /app` or `RUN chown -R app:app /app/data && chmod 750 /app/data` \
(shared temp directories take the sticky bit: `chmod 1777`).",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/reference/dockerfile/#copy---chown---chmod",
        "https://cwe.mitre.org/data/definitions/732.html",
    ],
};

impl DockerRule for WorldWritablePermissions {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        for c in run_scripts(ins).flat_map(|s| s.commands.iter()) {
            let (name, args) = c.effective();
            let (found, option) = match name {
                "chmod" => (chmod_mode(args), ""),
                "mkdir" | "install" => (option_mode(args), " -m"),
                _ => (None, ""),
            };
            let Some((mode, path)) = found else { continue };
            if !mode.literal || !world_writable(&mode.text) {
                continue;
            }
            let target = path.map_or(String::new(), |p| format!(" \"{}\"", p.text));
            out.push(
                Diagnostic::new(
                    &META,
                    mode.span,
                    format!("{name}{option} {} makes{target} world-writable", mode.text),
                )
                .anchor(format!("{}:{name}:{}", ins.anchor(), mode.text)),
            );
        }
    }
}

/// `chmod [options] MODE FILE…`: the mode word and the first file.
fn chmod_mode(args: &[Word]) -> Option<(&Word, Option<&Word>)> {
    let mut it = args.iter().skip_while(|w| {
        let t = w.text.as_str();
        // options; a symbolic mode may also start with '-' (`-w`), which is never
        // world-writable, so skipping it is harmless
        t.starts_with("--") || (t.starts_with('-') && t.len() > 1 && t != "-")
    });
    let mode = it.next()?;
    // GNU chmod also accepts options after the mode (`chmod 777 -R dir`)
    Some((mode, it.find(|w| !w.text.starts_with('-'))))
}

/// `mkdir -m MODE DIR`, `install -m MODE SRC DEST`, `--mode=MODE`.
fn option_mode(args: &[Word]) -> Option<(&Word, Option<&Word>)> {
    let mut it = args.iter();
    while let Some(w) = it.next() {
        if w.text == "-m" || w.text == "--mode" {
            let mode = it.next()?;
            let path = it.clone().rfind(|w| !w.text.starts_with('-'));
            return Some((mode, path));
        }
    }
    None
}

/// Whether a numeric or symbolic mode grants write to "others" without the sticky bit.
#[must_use]
fn world_writable(mode: &str) -> bool {
    let mode = mode.strip_prefix("--mode=").unwrap_or(mode);
    if !mode.is_empty() && mode.chars().all(|c| c.is_ascii_digit()) {
        let digits: Vec<u32> = mode.chars().filter_map(|c| c.to_digit(8)).collect();
        if digits.len() != mode.len() {
            return false; // 8 or 9: not octal
        }
        let others = digits.last().copied().unwrap_or(0);
        let special = if digits.len() == 4 {
            digits.first().copied().unwrap_or(0)
        } else {
            0
        };
        let sticky = special & 1 == 1;
        return others & 2 == 2 && !sticky;
    }
    // symbolic: clauses like u+x,go-w,a=rwx
    let mut writable = false;
    let mut sticky = false;
    for clause in mode.split(',') {
        let op_at = clause.find(['+', '=', '-']);
        let Some(op_at) = op_at else { continue };
        let (who, rest) = clause.split_at(op_at);
        let adds = rest.starts_with('+') || rest.starts_with('=');
        let perms = rest.get(1..).unwrap_or("");
        if adds && perms.contains('t') {
            sticky = true;
        }
        let others = who.contains('o') || who.contains('a');
        if adds && others && perms.contains('w') {
            writable = true;
        }
    }
    writable && !sticky
}

#[cfg(test)]
mod tests {
    use super::world_writable;

    #[test]
    fn modes() {
        for m in [
            "777", "0777", "666", "0002", "a+rwx", "o+w", "ugo=rwx", "u+x,o+w", "2777",
        ] {
            assert!(world_writable(m), "{m}");
        }
        for m in [
            "755", "1777", "644", "0750", "u+rwx", "go-w", "+w", "a+rx", "a+rwxt", "789", "o-w",
        ] {
            assert!(!world_writable(m), "{m}");
        }
    }
}
