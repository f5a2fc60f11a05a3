//! DC017 `compose-read-only-rootfs-missing`: a long-running compose service has a writable
//! root filesystem.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::rules::compose::dc007_healthcheck_missing::is_one_shot;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeReadOnlyRootfsMissing;

pub static META: RuleMeta = RuleMeta {
    id: "DC017",
    name: "compose-read-only-rootfs-missing",
    family: Family::Compose,
    title: "Compose service does not run with a read-only root filesystem",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "A writable root filesystem lets an attacker who gets code execution drop \
tools, rewrite binaries or configuration and persist for the life of the container; it also \
hides state in the container layer that is lost on recreate. With `read_only: true` the \
service writes only where it declares it (volumes, `tmpfs`), which documents its state. Many \
images need a writable `/tmp` or cache directory first — hence info and medium confidence. \
One-shot services (`restart: \"no\"` or `deploy.restart_policy.condition: none`) are not \
checked.",
    remediation: "Run the root filesystem read-only and mount only the paths the service \
writes: `read_only: true` with `tmpfs: [/tmp]` and a volume for its data.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/reference/compose-file/services/#read_only",
        "https://docs.docker.com/reference/compose-file/services/#tmpfs",
    ],
};

impl ComposeRule for ComposeReadOnlyRootfsMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        if (svc.get("image").is_none() && svc.get("build").is_none()) || is_one_shot(svc) {
            return;
        }
        let (span, what) = match svc.get("read_only") {
            None => (svc.name_span, "does not set read_only: true"),
            Some(n) if util::is_true(n) => return,
            Some(n) if n.as_str().is_some_and(util::is_unresolved) => return,
            Some(n) => (n.span, "sets read_only to false"),
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
    use crate::model::compose::services;
    use crate::parse::yaml;

    #[test]
    fn one_shot_and_read_only_services_pass() {
        let src = "services:\n  a: {image: x:1, read_only: true}\n  b: {image: x:1, read_only: \"true\"}\n  c: {image: x:1, restart: \"no\"}\n  d: {image: x:1, read_only: false}\n  e: {image: x:1}\n  f: {image: x:1, read_only: \"${RO}\"}\n";
        let file = yaml::parse(src);
        let mut out = Vec::new();
        for s in services(&file) {
            ComposeReadOnlyRootfsMissing.check_service(&s, &mut out);
        }
        let msgs: Vec<_> = out.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "service \"d\" sets read_only to false",
                "service \"e\" does not set read_only: true"
            ]
        );
    }
}
