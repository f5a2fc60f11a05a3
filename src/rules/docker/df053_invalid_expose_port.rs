//! DF053 `invalid-expose-port`: `EXPOSE` names a port outside 0–65535, a reversed range, an
//! unknown protocol, or something that is not a port at all.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct InvalidExposePort;

pub static META: RuleMeta = RuleMeta {
    id: "DF053",
    name: "invalid-expose-port",
    family: Family::Dockerfile,
    title: "`EXPOSE` with an invalid port",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Ports are 16-bit numbers: an out-of-range or malformed `EXPOSE` fails the \
build or is ignored, so the metadata that orchestrators, `docker run -P` and readers rely \
on to find the service is wrong. A host mapping (`80:8080`) in `EXPOSE` does nothing.",
    remediation: "Expose the container port as a number in 0–65535, optionally with a \
protocol, and publish host ports at run time: `EXPOSE 8080/tcp`.",
    equivalents: &["hadolint:DL3011", "trivy:DS-0008"],
    references: &["https://docs.docker.com/reference/dockerfile/#expose"],
};

impl DockerRule for InvalidExposePort {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let Body::Expose(ports) = &ins.body else {
            return;
        };
        for p in ports {
            let Some(problem) = problem(&p.text) else {
                continue;
            };
            out.push(
                Diagnostic::new(&META, p.span, format!("EXPOSE \"{}\" {problem}", p.text))
                    .anchor(format!("{}:{}", ins.anchor(), p.text)),
            );
        }
    }
}

/// What is wrong with one `EXPOSE` item, if anything. Items with variables are unknown.
fn problem(item: &str) -> Option<&'static str> {
    if item.contains('$') || item.is_empty() {
        return None;
    }
    let (port, proto) = match item.split_once('/') {
        Some((p, proto)) => (p, Some(proto)),
        None => (item, None),
    };
    if let Some(proto) = proto {
        if !["tcp", "udp", "sctp"].contains(&proto.to_ascii_lowercase().as_str()) {
            return Some("has an unknown protocol (use tcp, udp or sctp)");
        }
    }
    if port.contains(':') {
        return Some("maps a host port, which EXPOSE cannot do");
    }
    let (lo, hi) = match port.split_once('-') {
        Some((lo, hi)) => (lo, Some(hi)),
        None => (port, None),
    };
    let lo = match parse_port(lo) {
        Ok(n) => n,
        Err(why) => return Some(why),
    };
    match hi.map(parse_port) {
        Some(Err(why)) => Some(why),
        Some(Ok(hi)) if lo > hi => Some("is a reversed port range"),
        _ => None,
    }
}

/// A port number in 0–65535, or why not.
fn parse_port(s: &str) -> Result<u32, &'static str> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return Err("is not a port number");
    }
    match s.parse::<u32>() {
        Ok(n) if n <= 65_535 => Ok(n),
        _ => Err("is outside the port range 0-65535"),
    }
}
