//! DC015 `compose-no-new-privileges-missing`: a compose service does not set
//! `no-new-privileges`, so its processes may gain privileges through setuid binaries.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::parse::yaml::Node;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeNoNewPrivilegesMissing;

pub static META: RuleMeta = RuleMeta {
    id: "DC015",
    name: "compose-no-new-privileges-missing",
    family: Family::Compose,
    title: "Compose service does not set `no-new-privileges`",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Without `no-new-privileges` a process in the container can gain privileges \
through setuid/setgid binaries (`su`, `sudo`, `passwd`, or one an attacker plants) or file \
capabilities: a compromised non-root process becomes root inside the container, one step \
closer to the host. The flag (`prctl(PR_SET_NO_NEW_PRIVS)`) costs nothing for services that \
do not rely on setuid. `no-new-privileges`, `no-new-privileges:true` and \
`no-new-privileges=true` all count; `:false` is reported.",
    remediation: "Set the flag on every service: \
`security_opt: [\"no-new-privileges:true\"]`.",
    equivalents: &["kics:27fcc7d6-c49b-46e0-98f1-6c082a6a2750"],
    references: &[
        "https://docs.docker.com/reference/compose-file/services/#security_opt",
        "https://docs.docker.com/reference/cli/docker/container/run/#security-opt",
    ],
};

/// `Some(true)` when the entry enables the flag, `Some(false)` when it disables it, `None`
/// when it is another option or interpolated.
fn no_new_privileges(entry: &Node) -> Option<bool> {
    let opt = entry.as_str()?.trim().to_ascii_lowercase();
    if util::is_unresolved(&opt) {
        return None;
    }
    match opt.split_once([':', '=']) {
        None => (opt == "no-new-privileges").then_some(true),
        Some((k, v)) if k.trim() == "no-new-privileges" => match v.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        Some(_) => None,
    }
}

/// An interpolated entry that may be (or may set) `no-new-privileges`.
fn unknown(opt: &str) -> bool {
    util::is_unresolved(opt)
        && opt.split_once([':', '=']).is_none_or(|(k, _)| {
            util::is_unresolved(k) || k.trim().eq_ignore_ascii_case("no-new-privileges")
        })
}

impl ComposeRule for ComposeNoNewPrivilegesMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        if svc.get("image").is_none() && svc.get("build").is_none() {
            return;
        }
        let opts = util::list(svc, "security_opt");
        if opts.iter().any(|n| n.as_str().is_some_and(unknown)) {
            return;
        }
        let mut disabled = None;
        for n in &opts {
            match no_new_privileges(n) {
                Some(true) => return,
                Some(false) => disabled = Some(*n),
                None => {}
            }
        }
        let (span, what) = match disabled {
            Some(n) => (n.span, "disables no-new-privileges"),
            None => (
                svc.node.key_span("security_opt").unwrap_or(svc.name_span),
                "does not set no-new-privileges",
            ),
        };
        out.push(
            Diagnostic::new(&META, span, format!("service \"{}\" {what}", svc.name))
                .anchor(svc.name.to_string()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml;

    fn flag(s: &str) -> Option<bool> {
        let file = yaml::parse(&format!("- \"{s}\"\n"));
        let n = file.docs[0].root.iter_seq().next().unwrap().clone();
        no_new_privileges(&n)
    }

    #[test]
    fn spellings() {
        assert_eq!(flag("no-new-privileges"), Some(true));
        assert_eq!(flag("no-new-privileges:true"), Some(true));
        assert_eq!(flag("no-new-privileges=true"), Some(true));
        assert_eq!(flag(" No-New-Privileges : TRUE "), Some(true));
        assert_eq!(flag("no-new-privileges:false"), Some(false));
        assert_eq!(flag("seccomp:unconfined"), None);
        assert_eq!(flag("no-new-privileges:${NNP}"), None);
        assert!(unknown("no-new-privileges:${NNP}"));
        assert!(unknown("${SECURITY_OPT}"));
        assert!(!unknown("seccomp:${PROFILE}"));
    }
}
