//! DF033 `go-install-unpinned`: `go install`/`go get`/`go run` of a remote module without
//! an exact `@version`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, is_unknown, operands_of, run_commands};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct GoInstallUnpinned;

pub static META: RuleMeta = RuleMeta {
    id: "DF033",
    name: "go-install-unpinned",
    family: Family::Dockerfile,
    title: "`go install` of a module without a version",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "`go install example.com/tool@latest` (or without any version) builds \
whatever the module's newest tag or default branch is on the day of the build, so the \
same Dockerfile produces different binaries over time and a rollback rebuild is not the \
binary that was tested.",
    remediation: "Name an exact version (or commit) for every remote module: \
`go install golang.org/x/tools/gopls@v0.15.2`.",
    equivalents: &["hadolint:DL3062"],
    references: &["https://go.dev/ref/mod#go-install"],
};

/// Build flags that take the next word as their value.
const VALUE_OPTS: &[&str] = &[
    "-o",
    "-C",
    "-p",
    "-tags",
    "-ldflags",
    "-gcflags",
    "-asmflags",
    "-gccgoflags",
    "-mod",
    "-modfile",
    "-pkgdir",
    "-toolexec",
    "-overlay",
    "-exec",
    "-pgo",
    "-buildmode",
    "-compiler",
    "-installsuffix",
    "-covermode",
    "-coverpkg",
];

/// Version queries that move.
const FLOATING: &[&str] = &["latest", "upgrade", "patch", "master", "main", "HEAD"];

impl DockerRule for GoInstallUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let cmds = run_commands(ins);
        for inv in Invocation::all(&cmds) {
            if !inv.is(&["go"]) || !inv.sub_is(&["install", "get", "run"]) {
                continue;
            }
            let sub = inv.sub().unwrap_or_default();
            let mut targets = operands_of(inv.sub_args(), VALUE_OPTS);
            if sub == "run" {
                // the rest are the program's arguments
                targets.truncate(1);
            }
            for target in targets {
                if is_unknown(target) {
                    continue;
                }
                let (path, version) = match target.text.split_once('@') {
                    Some((p, v)) => (p, Some(v)),
                    None => (target.text.as_str(), None),
                };
                if !is_remote(path) {
                    continue;
                }
                let why = match version {
                    None => "has no @version",
                    Some(v) if FLOATING.contains(&v) || v.is_empty() => "uses a moving version",
                    Some(_) => continue,
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        target.span,
                        format!("go {sub} of \"{}\" {why}", target.text),
                    )
                    .anchor(format!("{}:{}", ins.anchor(), path)),
                );
            }
        }
    }
}

/// A module path on a host (`golang.org/x/tools/...`): the first element has a dot.
/// Local paths (`.`, `./cmd/app`, `/src/app`), `.go` files, patterns such as `./...` and
/// standard-library or main-module packages are not remote.
fn is_remote(path: &str) -> bool {
    if path.starts_with(['.', '/']) || path.ends_with(".go") {
        return false;
    }
    path.split('/')
        .next()
        .is_some_and(|host| host.contains('.') && !host.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::is_remote;

    #[test]
    fn remote() {
        assert!(is_remote("golang.org/x/tools/gopls"));
        assert!(is_remote("github.com/org/tool/cmd/tool"));
        assert!(!is_remote("."));
        assert!(!is_remote("./..."));
        assert!(!is_remote("./cmd/app"));
        assert!(!is_remote("/go/src/app"));
        assert!(!is_remote("main.go"));
        assert!(!is_remote("fmt"));
        assert!(!is_remote("cmd/app"));
    }
}
