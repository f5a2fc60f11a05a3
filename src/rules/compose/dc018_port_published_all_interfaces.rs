//! DC018 `compose-port-published-all-interfaces`: a compose service publishes a port on every
//! host interface.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::parse::yaml::Node;
use crate::rules::compose::dc011_database_port_on_all_interfaces::datastore;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposePortPublishedAllInterfaces;

pub static META: RuleMeta = RuleMeta {
    id: "DC018",
    name: "compose-port-published-all-interfaces",
    family: Family::Compose,
    title: "Compose port is published on all interfaces",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "A published port without a host IP binds `0.0.0.0` (and `::`), and Docker's \
iptables rules bypass host firewalls such as ufw: an admin UI, debug endpoint or \
half-finished service meant for local use is reachable from every network the host is on. \
A public entry point (a reverse proxy on 80/443) is meant to be — hence low severity and \
medium confidence. Databases and caches are reported by DC011 instead, not twice.",
    remediation: "Bind the port to the interface that should reach it, usually loopback or \
a private address: `ports: [\"127.0.0.1:8080:8080\"]` (long syntax: `host_ip: 127.0.0.1`), \
or drop `ports:` when only other services need it.",
    equivalents: &["kics:451d79dc-0588-476a-ad03-3c7f0320abb3"],
    references: &[
        "https://docs.docker.com/reference/compose-file/services/#ports",
        "https://docs.docker.com/engine/network/packet-filtering-firewalls/",
    ],
};

impl ComposeRule for ComposePortPublishedAllInterfaces {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        // DC011 owns databases and caches
        if svc.image().and_then(datastore).is_some() {
            return;
        }
        // `ports:` is ignored with host networking (DC003 reports that)
        if svc
            .get("network_mode")
            .and_then(Node::as_str)
            .is_some_and(|m| m.trim() == "host")
        {
            return;
        }
        for p in util::ports_on_all_interfaces(svc) {
            let host = if p.published.is_empty() {
                "a random host port".to_string()
            } else {
                format!("host port {}", p.published)
            };
            out.push(
                Diagnostic::new(
                    &META,
                    p.node.span,
                    format!(
                        "service \"{}\" publishes container port {} on {host} on all interfaces",
                        svc.name, p.target
                    ),
                )
                .anchor(format!("{}:{}", svc.name, p.target)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::compose::services;
    use crate::parse::yaml;

    fn count(src: &str) -> usize {
        let file = yaml::parse(src);
        let mut out = Vec::new();
        for s in services(&file) {
            ComposePortPublishedAllInterfaces.check_service(&s, &mut out);
        }
        out.len()
    }

    #[test]
    fn databases_are_left_to_dc011() {
        assert_eq!(
            count("services:\n  db: {image: postgres:16, ports: [\"5432:5432\"]}\n"),
            0
        );
        assert_eq!(
            count(
                "services:\n  web: {image: nginx:1.25, ports: [\"80:80\", \"127.0.0.1:81:81\", \"[::1]:82:82\", \"0.0.0.0:83:83\"]}\n"
            ),
            2
        );
        assert_eq!(
            count(
                "services:\n  web: {image: nginx:1.25, network_mode: host, ports: [\"80:80\"]}\n"
            ),
            0
        );
    }
}
