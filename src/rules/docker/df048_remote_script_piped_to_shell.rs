//! DF048 `remote-script-piped-to-shell`: a downloaded script is executed directly
//! (`curl … | sh`, `sh -c "$(curl …)"`, `bash <(wget -O- …)`).

use std::collections::BTreeMap;

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::parse::shell::{Script, SimpleCommand};
use crate::rules::docker::shell_util::{SHELLS, within};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};
use crate::source::Span;

pub struct RemoteScriptPipedToShell;

pub static META: RuleMeta = RuleMeta {
    id: "DF048",
    name: "remote-script-piped-to-shell",
    family: Family::Dockerfile,
    title: "Downloaded script executed without verification",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Piping a download into a shell runs whatever the server returns at that \
moment, as root, with no checksum or signature: a compromised host, DNS or CDN, or simply a \
new upstream release, changes what the image contains without any change to the Dockerfile, \
and a truncated download can execute half a script.",
    remediation: "Download to a file, verify it against a pinned checksum or signature, then \
run it: `RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh && echo \
\"<sha256>  /tmp/install.sh\" | sha256sum -c - && sh /tmp/install.sh` (better: install a \
pinned package or copy the binary from a pinned image).",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/build/building/best-practices/#using-pipes",
        "https://www.idontplaydarts.com/2016/04/detecting-curl-pipe-bash-server-side/",
    ],
};

const DOWNLOADERS: &[&str] = &["curl", "wget"];

/// Interpreters that execute a program read from stdin when given no program argument.
const INTERPRETERS: &[&str] = &[
    "python", "python2", "python3", "perl", "ruby", "node", "php",
];

impl DockerRule for RemoteScriptPipedToShell {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        for script in ins.scripts() {
            for (span, downloader, runner) in piped(script).into_iter().chain(substituted(script)) {
                out.push(
                    Diagnostic::new(
                        &META,
                        span,
                        format!(
                            "\"{runner}\" executes a script downloaded by \"{downloader}\" \
without verification"
                        ),
                    )
                    .anchor(format!("{}:{downloader}:{runner}", ins.anchor())),
                );
            }
        }
    }
}

/// Whether `c` reads a program from stdin: a shell without `-c`, or an interpreter with
/// no program argument (`python3 -`, `perl`).
fn runs_stdin(c: &SimpleCommand) -> bool {
    let (name, args) = c.effective();
    if SHELLS.contains(&name) {
        return !c.has_flag(&["-c"]);
    }
    if INTERPRETERS.contains(&name) {
        return args.iter().all(|w| {
            let t = w.text.as_str();
            t == "-"
                || (t.starts_with('-')
                    && !["-c", "-e", "-E", "-m", "-p", "-n", "-r", "-i", "-x"]
                        .iter()
                        .any(|f| t.starts_with(f)))
        });
    }
    false
}

/// `curl … | sh`: a downloader earlier in a pipeline than a command reading stdin.
pub(crate) fn piped(script: &Script) -> Vec<(Span, String, String)> {
    let mut pipelines: BTreeMap<usize, Vec<(usize, &SimpleCommand)>> = BTreeMap::new();
    for c in &script.commands {
        if let Some(p) = c.pipeline {
            pipelines.entry(p.id).or_default().push((p.index, c));
        }
    }
    let mut found = Vec::new();
    for elements in pipelines.values() {
        let Some((di, d)) = elements
            .iter()
            .find(|(_, c)| DOWNLOADERS.contains(&c.effective().0))
        else {
            continue;
        };
        if let Some((_, r)) = elements.iter().find(|(i, c)| i > di && runs_stdin(c)) {
            found.push((
                d.span.cover(r.span),
                d.effective().0.to_string(),
                r.effective().0.to_string(),
            ));
        }
    }
    found
}

/// `sh -c "$(curl …)"`, `bash <(curl …)`, `eval "$(wget -O- …)"`, `. <(curl …)`: a
/// downloader inside a substitution that is itself the script.
pub(crate) fn substituted(script: &Script) -> Vec<(Span, String, String)> {
    let mut found = Vec::new();
    for c in &script.commands {
        let (name, args) = c.effective();
        let runs_arg = SHELLS.contains(&name) || matches!(name, "eval" | "source" | ".");
        if !runs_arg {
            continue;
        }
        for w in args {
            let t = w.text.trim_start_matches(['"', '\'']);
            if !(t.starts_with("$(") || t.starts_with('`') || t.starts_with("<(")) {
                continue;
            }
            if let Some(d) = script
                .commands
                .iter()
                .find(|d| DOWNLOADERS.contains(&d.effective().0) && within(d.span, w.span))
            {
                found.push((c.span, d.effective().0.to_string(), name.to_string()));
                break;
            }
        }
    }
    found
}
