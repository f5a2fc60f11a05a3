//! DC013 `compose-security-opt-unconfined`: a compose service turns off seccomp, AppArmor or
//! SELinux confinement.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeSecurityOptUnconfined;

pub static META: RuleMeta = RuleMeta {
    id: "DC013",
    name: "compose-security-opt-unconfined",
    family: Family::Compose,
    title: "Compose service disables seccomp, AppArmor or SELinux confinement",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "The default seccomp profile blocks about 40 syscalls (kernel keyring, \
`unshare`, `mount`, module loading) behind many container escapes, and AppArmor/SELinux \
confine what the process may touch on the host; `unconfined`/`label:disable` removes that \
layer for every process of the service.",
    remediation: "Remove the option, or give the service a custom profile that allows only \
the extra syscall it needs: `security_opt: [\"seccomp:./seccomp-app.json\"]`.",
    equivalents: &["kics:404fde2c-bc4b-4371-9747-7054132ac953"],
    references: &[
        "https://docs.docker.com/reference/compose-file/services/#security_opt",
        "https://docs.docker.com/engine/security/seccomp/",
    ],
};

/// `(option, value)` pairs that disable confinement.
const UNCONFINED: &[(&str, &str)] = &[
    ("seccomp", "unconfined"),
    ("apparmor", "unconfined"),
    ("label", "disable"),
    ("label", "disabled"),
];

impl ComposeRule for ComposeSecurityOptUnconfined {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        for n in util::list(svc, "security_opt") {
            let Some(opt) = n.as_str() else { continue };
            let Some((k, v)) = opt.split_once([':', '=']) else {
                continue;
            };
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
            if !UNCONFINED.iter().any(|(a, b)| *a == k && *b == v) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    n.span,
                    format!("service \"{}\" sets security_opt \"{opt}\"", svc.name),
                )
                .anchor(format!("{}:{k}", svc.name)),
            );
        }
    }
}
