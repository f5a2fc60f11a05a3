//! CI005 `dependency-install-without-lock`: a pipeline installs dependencies in a way that
//! ignores (or has no) lock file: `npm install` instead of `npm ci`, `yarn install` without
//! `--frozen-lockfile`/`--immutable`, `pip install <name>` without a version.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::{CiFile, ShellText};
use crate::parse::shell::SimpleCommand;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct DependencyInstallWithoutLock;

pub static META: RuleMeta = RuleMeta {
    id: "CI005",
    name: "dependency-install-without-lock",
    family: Family::Ci,
    title: "Dependencies installed without the lock file",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "`npm install` and an unfrozen `yarn install` may resolve newer versions than \
the lock file records (and rewrite it); `pip install name` takes whatever is newest. The \
pipeline then tests and ships dependencies nobody reviewed, and a compromised release is \
pulled in the moment it is published.",
    remediation: "Install exactly what the lock file says: `npm ci`, `yarn install \
--frozen-lockfile` (Yarn 1) or `yarn install --immutable` (Berry), `pip install -r \
requirements.txt --require-hashes` or `pip install name==1.2.3`.",
    equivalents: &[],
    references: &["https://docs.npmjs.com/cli/v10/commands/npm-ci"],
};

fn problem(c: &SimpleCommand) -> Option<String> {
    let (name, args) = c.effective();
    let positional: Vec<&str> = args
        .iter()
        .filter(|w| !w.text.starts_with('-'))
        .map(|w| w.text.as_str())
        .collect();
    match name {
        "npm"
            if matches!(positional.first(), Some(&"install" | &"i"))
                && positional.len() == 1
                && !c.has_flag(&["-g", "--global"]) =>
        {
            Some("`npm install` (use `npm ci`)".to_string())
        }
        "yarn"
            if matches!(positional.first(), None | Some(&"install"))
                && !c.has_flag(&["--frozen-lockfile", "--immutable"]) =>
        {
            Some("`yarn install` without `--frozen-lockfile`/`--immutable`".to_string())
        }
        "pip" | "pip3" if positional.first() == Some(&"install") => {
            let mut unpinned = None;
            let mut skip_next = false;
            for w in args {
                let t = w.text.as_str();
                if skip_next {
                    skip_next = false;
                    continue;
                }
                if matches!(
                    t,
                    "-r" | "-c"
                        | "-e"
                        | "--requirement"
                        | "--constraint"
                        | "-i"
                        | "--index-url"
                        | "--extra-index-url"
                        | "-t"
                        | "--target"
                ) {
                    skip_next = true;
                    continue;
                }
                if t == "install" || t.starts_with('-') || !w.literal {
                    continue;
                }
                let pinned = t.contains("==")
                    || t.contains('/')
                    || t.starts_with('.')
                    || t.ends_with(".whl")
                    || t.ends_with(".tar.gz")
                    || t.contains("://");
                if !pinned {
                    unpinned = Some(t.to_string());
                    break;
                }
            }
            unpinned.map(|p| format!("`pip install {p}` without a pinned version"))
        }
        _ => None,
    }
}

fn check_text(st: &ShellText<'_>, what: &str, out: &mut Vec<Diagnostic>) {
    for c in &st.script.commands {
        if let Some(p) = problem(c) {
            out.push(
                Diagnostic::new(&META, c.span, format!("{what} runs {p}"))
                    .anchor(format!("{what}:{}", c.effective().0)),
            );
        }
    }
}

impl CiRule for DependencyInstallWithoutLock {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pipeline(&self, ci: &CiFile<'_>, out: &mut Vec<Diagnostic>) {
        for (what, st) in ci.scripts() {
            check_text(st, &what, out);
        }
    }
}
