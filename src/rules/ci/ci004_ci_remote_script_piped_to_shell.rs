//! CI004 `ci-remote-script-piped-to-shell`: a pipeline script executes a downloaded script
//! without verification (`curl … | sh`, `bash <(wget -O- …)`).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::ShellText;
use crate::rules::docker::df048_remote_script_piped_to_shell::{piped, substituted};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct CiRemoteScriptPipedToShell;

pub static META: RuleMeta = RuleMeta {
    id: "CI004",
    name: "ci-remote-script-piped-to-shell",
    family: Family::Ci,
    title: "Pipeline script runs a downloaded script without verification",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Piping a download into a shell in CI runs whatever the server returns at that \
moment with the job's secrets and deploy credentials in the environment: a compromised host \
or CDN (the Codecov bash uploader, 2021) exfiltrates every secret of every pipeline that runs \
it.",
    remediation: "Download to a file, verify a pinned checksum or signature, then run it, or \
use a pinned action or image instead: `curl -fsSLo install.sh https://example.com/install.sh \
&& echo \"<sha256>  install.sh\" | sha256sum -c - && sh install.sh`.",
    equivalents: &[],
    references: &["https://about.codecov.io/security-update/"],
};

fn check_text(st: &ShellText<'_>, what: &str, out: &mut Vec<Diagnostic>) {
    for (span, downloader, runner) in piped(&st.script).into_iter().chain(substituted(&st.script)) {
        out.push(
            Diagnostic::new(
                &META,
                span,
                format!(
                    "{what}: \"{runner}\" executes a script downloaded by \"{downloader}\" without verification"
                ),
            )
            .anchor(format!("{what}:{downloader}:{runner}")),
        );
    }
}

impl CiRule for CiRemoteScriptPipedToShell {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pipeline(&self, ci: &CiFile<'_>, out: &mut Vec<Diagnostic>) {
        for (what, st) in ci.scripts() {
            check_text(st, &what, out);
        }
    }
}
