//! Shared helpers for the package-manager rules (DF020–DF039): every command a `RUN` runs
//! (shell form, heredoc scripts and plain exec form), package-manager invocations with
//! their subcommand and operands, cache mounts, clean-up commands, and which stages end up
//! in the shipped image.

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::finding::Diagnostic;
use crate::model::docker::{Body, CommandForm, Dockerfile, Instruction, Text};
use crate::parse::shell::{self, OffsetMap, Script, SimpleCommand, Word, args_have_flag};
use crate::rules::RuleMeta;
use crate::source::Span;

/// One command run by a `RUN` instruction.
#[derive(Debug)]
pub struct RunCommand<'a> {
    pub cmd: Cow<'a, SimpleCommand>,
    /// Its stdin is the output of `yes` (`yes | apt-get install …`).
    pub fed_by_yes: bool,
}

/// Every command of a `RUN` (shell form, heredoc scripts, and a direct exec form such as
/// `RUN ["apt-get", "install", "-y", "curl"]`), in order. Empty for other instructions.
#[must_use]
pub fn run_commands(ins: &Instruction) -> Vec<RunCommand<'_>> {
    let mut out = Vec::new();
    let Body::Run(form) = &ins.body else {
        return out;
    };
    if let CommandForm::Exec { args, .. } = form {
        if let Some(script) = parse_exec(args) {
            let fed = fed_by_yes(&script);
            out.extend(
                script
                    .commands
                    .into_iter()
                    .zip(fed)
                    .map(|(c, fed_by_yes)| RunCommand {
                        cmd: Cow::Owned(c),
                        fed_by_yes,
                    }),
            );
        }
    }
    for script in ins.scripts() {
        let fed = fed_by_yes(script);
        out.extend(
            script
                .commands
                .iter()
                .zip(fed)
                .map(|(c, fed_by_yes)| RunCommand {
                    cmd: Cow::Borrowed(c),
                    fed_by_yes,
                }),
        );
    }
    out
}

/// For each command of the script, whether its stdin comes from `yes`.
fn fed_by_yes(script: &Script) -> Vec<bool> {
    let yes_pipes: BTreeSet<usize> = script
        .commands
        .iter()
        .filter(|c| c.effective().0 == "yes")
        .filter_map(|c| c.pipeline.filter(|p| p.index == 0).map(|p| p.id))
        .collect();
    script
        .commands
        .iter()
        .map(|c| {
            c.pipeline
                .is_some_and(|p| p.index > 0 && yes_pipes.contains(&p.id))
        })
        .collect()
}

/// Parse an exec-form `RUN ["apt-get", "install", "-y", "curl"]` as the equivalent shell
/// command (each element one single-quoted word), mapping words back to the elements.
fn parse_exec(args: &[Text]) -> Option<Script> {
    let last = args.last()?;
    let mut text = String::new();
    let mut table = Vec::new();
    for (n, a) in args.iter().enumerate() {
        if n > 0 {
            text.push(' ');
            table.push(a.span.start);
        }
        let quoted = format!("'{}'", a.text.replace('\'', "'\\''"));
        let last_byte = a.span.end.saturating_sub(1).max(a.span.start);
        table.extend((0..quoted.len()).map(|i| (a.span.start + i).min(last_byte)));
        text.push_str(&quoted);
    }
    table.push(last.span.end);
    Some(shell::parse(&text, &OffsetMap::Table(table)))
}

/// Options of a tool (before its subcommand) that take the next word as their value.
fn global_value_opts(tool: &str) -> &'static [&'static str] {
    match tool {
        "apt-get" | "apt" | "aptitude" => &[
            "-o",
            "--option",
            "-c",
            "--config-file",
            "-t",
            "--target-release",
            "--default-release",
        ],
        "yum" | "dnf" | "microdnf" => &[
            "-c",
            "--config",
            "--setopt",
            "--releasever",
            "--installroot",
            "-d",
            "--debuglevel",
            "-e",
            "--errorlevel",
            "--enablerepo",
            "--disablerepo",
            "--repo",
            "--repoid",
            "-x",
            "--exclude",
            "--forcearch",
        ],
        "zypper" => &[
            "-R",
            "--root",
            "-c",
            "--config",
            "-D",
            "--reposd-dir",
            "-C",
            "--cache-dir",
            "--raw-cache-dir",
            "--solv-cache-dir",
            "--pkg-cache-dir",
        ],
        "apk" => &[
            "-X",
            "--repository",
            "-p",
            "--root",
            "--arch",
            "--keys-dir",
            "--repositories-file",
            "--cache-dir",
            "--wait",
        ],
        "pip" => &[
            "--log",
            "--proxy",
            "--retries",
            "--timeout",
            "--exists-action",
            "--trusted-host",
            "--cert",
            "--client-cert",
            "--cache-dir",
            "--python",
        ],
        "npm" => &[
            "--prefix",
            "--registry",
            "--cache",
            "--userconfig",
            "--loglevel",
        ],
        "go" => &["-C"],
        _ => &[],
    }
}

/// `xargs` options that take the next word as their value.
const XARGS_VALUE_OPTS: &[&str] = &["-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s"];

/// A command seen as a tool invocation: `sudo apt-get -q install -y curl` is tool
/// `apt-get`, subcommand `install`. `python -m pip …` is tool `pip`; `pip3.11` is `pip`;
/// `xargs apt-get install -y` is `apt-get`.
#[derive(Clone, Copy, Debug)]
pub struct Invocation<'a> {
    /// Canonical tool name (`pip` for `pip3`).
    pub tool: &'a str,
    /// The command name as written, without its directory (`pip3`).
    pub written: &'a str,
    /// The word naming the tool (`None` only for a synthetic command without a name).
    pub name: Option<&'a Word>,
    /// The tool's arguments.
    pub args: &'a [Word],
    pub cmd: &'a SimpleCommand,
    pub fed_by_yes: bool,
}

/// `(name, args, name word)` after stripping wrappers (`sudo`, `env`, …, and `xargs`).
fn unwrap_command(cmd: &SimpleCommand) -> (&str, &[Word], Option<&Word>) {
    let (mut name, mut args) = cmd.effective();
    // effective() returns a tail of `cmd.args`; the word before it names the command
    let skipped = cmd.args.len().saturating_sub(args.len());
    let mut name_word = if skipped == 0 {
        cmd.name.as_ref()
    } else {
        cmd.args.get(skipped - 1)
    };
    if name == "xargs" {
        let mut i = 0;
        while let Some(w) = args.get(i) {
            if !w.text.starts_with('-') {
                break;
            }
            i += if XARGS_VALUE_OPTS.contains(&w.text.as_str()) {
                2
            } else {
                1
            };
        }
        if let Some(w) = args.get(i) {
            name = basename(&w.text);
            name_word = Some(w);
            args = args.get(i + 1..).unwrap_or(&[]);
        }
    }
    (name, args, name_word)
}

fn basename(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

/// `pip`, `pip3`, `pip3.11`.
fn is_pip_name(name: &str) -> bool {
    name.strip_prefix("pip")
        .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// `python`, `python3`, `python3.11`.
fn is_python_name(name: &str) -> bool {
    name.strip_prefix("python")
        .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

impl<'a> Invocation<'a> {
    /// The invocation a command makes; `None` for a command without a name.
    #[must_use]
    pub fn of(rc: &'a RunCommand<'_>) -> Option<Invocation<'a>> {
        let cmd: &'a SimpleCommand = rc.cmd.as_ref();
        let (name, args, name_word) = unwrap_command(cmd);
        if name.is_empty() {
            return None;
        }
        let mut inv = Invocation {
            tool: name,
            written: name,
            name: name_word,
            args,
            cmd,
            fed_by_yes: rc.fed_by_yes,
        };
        if is_pip_name(name) {
            inv.tool = "pip";
        } else if is_python_name(name) {
            // python [-u -B …] -m pip …
            let m = args.iter().position(|w| w.text == "-m");
            if let Some(i) = m {
                if let Some(module) = args.get(i + 1).filter(|w| is_pip_name(&w.text)) {
                    inv.tool = "pip";
                    inv.written = module.text.as_str();
                    inv.name = Some(module);
                    inv.args = args.get(i + 2..).unwrap_or(&[]);
                }
            }
        }
        Some(inv)
    }

    /// All invocations of a `RUN`, in order.
    pub fn all<'r>(cmds: &'r [RunCommand<'r>]) -> impl Iterator<Item = Invocation<'r>> + 'r {
        cmds.iter().filter_map(Invocation::of)
    }

    /// Whether the tool is one of `tools`.
    #[must_use]
    pub fn is(&self, tools: &[&str]) -> bool {
        tools.contains(&self.tool)
    }

    /// Index in `args` of the subcommand: the first word that is neither an option nor the
    /// value of a global option.
    #[must_use]
    pub fn sub_index(&self) -> Option<usize> {
        let value_opts = global_value_opts(self.tool);
        let mut i = 0;
        while let Some(w) = self.args.get(i) {
            let t = w.text.as_str();
            if t == "--" {
                return self.args.get(i + 1).map(|_| i + 1);
            }
            if !t.starts_with('-') || t == "-" {
                return Some(i);
            }
            i += if value_opts.contains(&t) { 2 } else { 1 };
        }
        None
    }

    /// The subcommand word (`install`).
    #[must_use]
    pub fn sub_word(&self) -> Option<&'a Word> {
        self.sub_index().and_then(|i| self.args.get(i))
    }

    /// The subcommand text.
    #[must_use]
    pub fn sub(&self) -> Option<&'a str> {
        self.sub_word().map(|w| w.text.as_str())
    }

    /// Whether the subcommand is one of `subs`.
    #[must_use]
    pub fn sub_is(&self, subs: &[&str]) -> bool {
        self.sub().is_some_and(|s| subs.contains(&s))
    }

    /// Arguments before the subcommand (global options).
    #[must_use]
    pub fn global_args(&self) -> &'a [Word] {
        match self.sub_index() {
            Some(i) => self.args.get(..i).unwrap_or(&[]),
            None => self.args,
        }
    }

    /// Arguments after the subcommand.
    #[must_use]
    pub fn sub_args(&self) -> &'a [Word] {
        match self.sub_index() {
            Some(i) => self.args.get(i + 1..).unwrap_or(&[]),
            None => &[],
        }
    }

    /// Whether any argument is one of the flags (see [`args_have_flag`]).
    #[must_use]
    pub fn has_flag(&self, flags: &[&str]) -> bool {
        args_have_flag(self.args, flags)
    }

    /// The values given to option `opts` anywhere in the arguments, as `--opt=v`,
    /// `--opt v`, `-o v` or `-o=v`.
    #[must_use]
    pub fn option_values(&self, opts: &[&str]) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut it = self.args.iter();
        while let Some(w) = it.next() {
            let t = w.text.as_str();
            for o in opts {
                if t == *o {
                    if let Some(v) = it.clone().next() {
                        out.push(v.text.as_str());
                    }
                } else if let Some(v) = t.strip_prefix(o).and_then(|r| r.strip_prefix('=')) {
                    out.push(v);
                }
            }
        }
        out
    }

    /// Non-option words after the subcommand, skipping the values of `value_opts`
    /// (options that take the next word). Every word after `--` is an operand.
    #[must_use]
    pub fn operands(&self, value_opts: &[&str]) -> Vec<&'a Word> {
        operands_of(self.sub_args(), value_opts)
    }

    /// The subcommand with the action of a two-word subcommand (`module install`,
    /// `group install`), and the span from the tool's name through it.
    #[must_use]
    pub fn labelled_head(&self) -> (String, Span) {
        let sub = self.sub().unwrap_or_default();
        let span = self.head_span();
        if matches!(sub, "group" | "groups" | "module") {
            if let Some(action) = self.operands(&[]).first() {
                return (format!("{sub} {}", action.text), span.cover(action.span));
            }
        }
        (sub.to_string(), span)
    }

    /// Span from the tool's name through its subcommand (`apt-get install`), or the whole
    /// command when there is no subcommand.
    #[must_use]
    pub fn head_span(&self) -> Span {
        match (self.name, self.sub_word()) {
            (Some(n), Some(s)) => n.span.cover(s.span),
            (Some(n), None) => n.span,
            _ => self.cmd.span,
        }
    }
}

/// Non-option words of `args`, skipping the values of `value_opts`; every word after `--`
/// is an operand.
#[must_use]
pub fn operands_of<'a>(args: &'a [Word], value_opts: &[&str]) -> Vec<&'a Word> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(w) = args.get(i) {
        let t = w.text.as_str();
        if t == "--" {
            out.extend(args.get(i + 1..).unwrap_or(&[]));
            break;
        }
        if t.starts_with('-') && t != "-" {
            i += if value_opts.contains(&t) { 2 } else { 1 };
            continue;
        }
        out.push(w);
        i += 1;
    }
    out
}

/// Whether `path` (as written in `rm`, a mount target, …) is `dir` or one of its parent
/// directories. Trailing `/`, `/*` and `*` are ignored; `/` itself never counts.
#[must_use]
pub fn covers_dir(path: &str, dir: &str) -> bool {
    let p = path.trim_end_matches('*').trim_end_matches('/');
    if p.is_empty() || !p.starts_with('/') {
        return false;
    }
    dir == p
        || dir
            .strip_prefix(p)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Whether the command deletes any of `dirs` (`rm -rf /var/lib/apt/lists/*`,
/// `find /var/cache/apk -delete`).
#[must_use]
pub fn removes_dir(inv: &Invocation<'_>, dirs: &[&str]) -> bool {
    let hit = |w: &Word| dirs.iter().any(|d| covers_dir(&w.text, d));
    match inv.tool {
        "rm" => operands_of(inv.args, &[]).into_iter().any(hit),
        "find" => {
            inv.args.iter().any(|w| w.text == "-delete")
                && inv
                    .args
                    .iter()
                    .take_while(|w| !w.text.starts_with('-'))
                    .any(hit)
        }
        _ => false,
    }
}

/// `(type, target)` of every `RUN --mount`.
#[must_use]
pub fn mounts(ins: &Instruction) -> Vec<(String, String)> {
    ins.flags
        .iter()
        .filter(|f| f.name.eq_ignore_ascii_case("mount"))
        .filter_map(|f| {
            let v = f.value.as_deref()?;
            let mut kind = "bind".to_string();
            let mut target = None;
            for part in v.split(',') {
                let (k, val) = part.split_once('=').unwrap_or((part, ""));
                match k.trim().to_ascii_lowercase().as_str() {
                    "type" => kind = val.trim().to_ascii_lowercase(),
                    "target" | "dst" | "destination" => target = Some(val.trim().to_string()),
                    _ => {}
                }
            }
            target.map(|t| (kind, t))
        })
        .collect()
}

/// Whether a cache or tmpfs mount keeps any of `dirs` out of the layer.
#[must_use]
pub fn mount_covers(ins: &Instruction, dirs: &[&str]) -> bool {
    mounts(ins).iter().any(|(kind, target)| {
        matches!(kind.as_str(), "cache" | "tmpfs") && dirs.iter().any(|d| covers_dir(target, d))
    })
}

/// Whether the instruction's layers end up in the image `docker build` produces: it is in
/// the final stage or a stage the final stage is built `FROM`, or it is an `ONBUILD`
/// trigger (which runs in a downstream image).
#[must_use]
pub fn ships(df: &Dockerfile, ins: &Instruction) -> bool {
    if ins.onbuild {
        return true;
    }
    let (Some(stage), Some(last)) = (ins.stage, df.final_stage()) else {
        return false;
    };
    df.stage_chain(last.index).contains(&stage)
}

/// Instructions that come before `ins` in its stage or the stages it is built `FROM`
/// (what its environment inherits).
pub fn inherited<'d>(
    df: &'d Dockerfile,
    ins: &Instruction,
) -> impl Iterator<Item = &'d Instruction> {
    let chain = ins.stage.map(|s| df.stage_chain(s)).unwrap_or_default();
    let before = ins.index;
    df.instructions
        .iter()
        .filter(move |i| i.index < before && i.stage.is_some_and(|s| chain.contains(&s)))
}

/// The shared shape of the "unpinned package" rules: for every invocation `applies`
/// accepts, report each package operand (options and their `value_opts` values skipped,
/// unknown values skipped) that `is_pinned` rejects, as `<tool> <verb> of "<pkg>" has no
/// version pin`.
pub fn report_unpinned(
    ins: &Instruction,
    meta: &'static RuleMeta,
    applies: impl Fn(&Invocation<'_>) -> bool,
    verb: &str,
    value_opts: &[&str],
    is_pinned: impl Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    let cmds = run_commands(ins);
    for inv in Invocation::all(&cmds) {
        if !applies(&inv) {
            continue;
        }
        for pkg in inv.operands(value_opts) {
            if is_unknown(pkg) || is_pinned(&pkg.text) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    meta,
                    pkg.span,
                    format!(
                        "{} {verb} of \"{}\" has no version pin",
                        inv.written, pkg.text
                    ),
                )
                .anchor(format!("{}:{}", ins.anchor(), pkg.text)),
            );
        }
    }
}

/// Whether the text holds a literal value that is not resolved at build time.
#[must_use]
pub fn is_unknown(w: &Word) -> bool {
    !w.literal || w.text.contains('$')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers() {
        assert!(covers_dir("/var/lib/apt/lists/*", "/var/lib/apt/lists"));
        assert!(covers_dir("/var/lib/apt/lists", "/var/lib/apt/lists"));
        assert!(covers_dir("/var/lib/apt", "/var/lib/apt/lists"));
        assert!(!covers_dir(
            "/var/lib/apt/lists/partial",
            "/var/lib/apt/lists"
        ));
        assert!(!covers_dir("/var/lib/aptx", "/var/lib/apt/lists"));
        assert!(!covers_dir("/", "/var/lib/apt/lists"));
        assert!(!covers_dir("/*", "/var/lib/apt/lists"));
        assert!(!covers_dir("lists", "/var/lib/apt/lists"));
    }

    fn words(s: &[&str]) -> Vec<Word> {
        s.iter()
            .map(|t| Word {
                text: (*t).to_string(),
                span: Span::default(),
                literal: true,
            })
            .collect()
    }

    #[test]
    fn operands_skip_option_values() {
        let args = words(&["-t", "bookworm", "-y", "curl", "--", "-weird"]);
        let ops: Vec<&str> = operands_of(&args, &["-t"])
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(ops, ["curl", "-weird"]);
    }

    #[test]
    fn names() {
        assert!(is_pip_name("pip3.11"));
        assert!(!is_pip_name("pipx"));
        assert!(is_python_name("python3"));
        assert!(!is_python_name("python-config"));
    }
}
