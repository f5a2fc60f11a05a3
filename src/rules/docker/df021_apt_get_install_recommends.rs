//! DF021 `apt-get-install-recommends`: `apt-get install` without
//! `--no-install-recommends` pulls in every recommended package.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, inherited, run_commands};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct AptGetInstallRecommends;

pub static META: RuleMeta = RuleMeta {
    id: "DF021",
    name: "apt-get-install-recommends",
    family: Family::Dockerfile,
    title: "`apt-get install` without `--no-install-recommends`",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "By default apt installs every *recommended* package too: documentation, \
helpers, sometimes whole toolchains. They make the image larger and slower to pull, and \
every extra package is more CVEs for the scanner to report and for you to patch.",
    remediation: "Add `--no-install-recommends` and list what you really need: \
`apt-get install -y --no-install-recommends ca-certificates curl`.",
    equivalents: &[
        "hadolint:DL3015",
        "trivy:DS-0029",
        "kics:7384dfb2-fcd1-4fbf-91cd-6c44c318c33c",
    ],
    references: &[
        "https://docs.docker.com/build/building/best-practices/#apt-get",
        "https://manpages.debian.org/bookworm/apt/apt.conf.5.en.html",
    ],
};

impl DockerRule for AptGetInstallRecommends {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let cmds = run_commands(ins);
        let mut configured: Option<bool> = None;
        for inv in Invocation::all(&cmds) {
            if !inv.is(&["apt-get"]) || !inv.sub_is(&["install"]) {
                continue;
            }
            if inv.has_flag(&["--no-install-recommends"]) || option_disables(&inv) {
                continue;
            }
            // APT::Install-Recommends "false" written to apt.conf.d earlier in the stage
            if *configured.get_or_insert_with(|| disabled_in_config(df, ins)) {
                return;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    inv.head_span(),
                    "apt-get install has no --no-install-recommends and installs recommended packages",
                )
                .anchor(format!("{}:apt-get-install", ins.anchor())),
            );
        }
    }
}

/// `-o APT::Install-Recommends=false` (or `0`, `no`).
fn option_disables(inv: &Invocation<'_>) -> bool {
    inv.option_values(&["-o", "--option"]).iter().any(|v| {
        let (k, val) = v.split_once('=').unwrap_or((v, ""));
        k.eq_ignore_ascii_case("APT::Install-Recommends")
            && is_false(val.trim_matches(|c| c == '"' || c == '\''))
    })
}

fn is_false(v: &str) -> bool {
    matches!(
        v.to_ascii_lowercase().as_str(),
        "false" | "0" | "no" | "off"
    )
}

/// Whether an earlier `RUN` (or heredoc) of this stage or its parents writes
/// `APT::Install-Recommends "false";` into the apt configuration.
fn disabled_in_config(df: &Dockerfile, ins: &Instruction) -> bool {
    inherited(df, ins).chain(std::iter::once(ins)).any(|i| {
        let shell = match &i.body {
            Body::Run(form) => match form {
                crate::model::docker::CommandForm::Shell(s) => Some(s.text.as_str()),
                crate::model::docker::CommandForm::Exec { .. } => None,
            },
            _ => None,
        };
        shell
            .into_iter()
            .chain(i.heredocs.iter().map(|h| h.body.as_str()))
            .any(text_disables)
    })
}

fn text_disables(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("install-recommends").any(|(at, m)| {
        let rest = lower.get(at + m.len()..).unwrap_or("");
        let value: String = rest
            .chars()
            .skip_while(|c| matches!(c, ' ' | '"' | '\'' | '=' | '\\'))
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        is_false(&value)
    })
}

#[cfg(test)]
mod tests {
    use super::text_disables;

    #[test]
    fn config_text() {
        assert!(text_disables(
            r#"echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/00norec"#
        ));
        assert!(text_disables(r#"APT::Install-Recommends "0";"#));
        assert!(!text_disables(r#"APT::Install-Recommends "true";"#));
        assert!(!text_disables(
            "apt-get install --no-install-recommends curl"
        ));
    }
}
