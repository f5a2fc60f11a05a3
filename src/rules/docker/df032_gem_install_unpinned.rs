//! DF032 `gem-install-unpinned`: `gem install <gem>` without a version.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, is_unknown, run_commands};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct GemInstallUnpinned;

pub static META: RuleMeta = RuleMeta {
    id: "DF032",
    name: "gem-install-unpinned",
    family: Family::Dockerfile,
    title: "`gem install` without a version",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "`gem install bundler` takes the newest release on the day of the build, so \
a rebuild of an old commit (for a rollback or a hotfix) can get a new major version that \
no longer works with the application's lockfile.",
    remediation: "Give every gem a version, with `-v` or the `name:version` form: \
`gem install bundler -v 2.5.6` or `gem install bundler:2.5.6`.",
    equivalents: &["hadolint:DL3028"],
    references: &["https://guides.rubygems.org/command-reference/#gem-install"],
};

/// `gem install` options that take the next word as their value.
const VALUE_OPTS: &[&str] = &[
    "-s",
    "--source",
    "-i",
    "--install-dir",
    "-n",
    "--bindir",
    "--platform",
    "-P",
    "--trust-policy",
    "--build-root",
    "--config-file",
    "-g",
    "--file",
];

impl DockerRule for GemInstallUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let cmds = run_commands(ins);
        for inv in Invocation::all(&cmds) {
            if !inv.is(&["gem"]) || !inv.sub_is(&["install", "i"]) {
                continue;
            }
            // -v/--version pins the gem; -g/--file installs from a Gemfile (and its lock)
            if inv.has_flag(&["-v", "--version", "-g", "--file"]) {
                continue;
            }
            // words after `--` are build arguments, not gems
            let before_dashdash: Vec<_> = inv
                .sub_args()
                .iter()
                .take_while(|w| w.text != "--")
                .cloned()
                .collect();
            for gem in crate::rules::docker::pkg::operands_of(&before_dashdash, VALUE_OPTS) {
                if is_unknown(gem) || gem.text.contains(':') || gem.text.ends_with(".gem") {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &META,
                        gem.span,
                        format!("gem install of \"{}\" has no version", gem.text),
                    )
                    .anchor(format!("{}:{}", ins.anchor(), gem.text)),
                );
            }
        }
    }
}
