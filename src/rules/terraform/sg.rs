//! Shared logic of the security-group rules (TF030, TF031): which AWS ingress rules admit
//! the whole internet on which ports.
//!
//! Values are resolved in the resource's module ([`Module::resolve`]): `var.x` with a literal
//! default (and no `.tfvars` assignment) and `local.y` count, element by element in a list
//! (`cidr_blocks = [var.allowed]`); anything else is unknown and never reported.

use crate::model::terraform::{Module, Resource, ResourceMode};
use crate::parse::hcl::{Attr, Body, Expr, ExprKind};

/// What kind of port an exposure hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortClass {
    /// SSH, RDP, telnet, the Docker API, or every port.
    Admin,
    /// A database, cache or search engine port.
    Database,
}

/// Sensitive ports: (port, service, class).
const PORTS: &[(u32, &str, PortClass)] = &[
    (22, "SSH", PortClass::Admin),
    (3389, "RDP", PortClass::Admin),
    (23, "telnet", PortClass::Admin),
    (2375, "Docker API", PortClass::Admin),
    (2376, "Docker API", PortClass::Admin),
    (3306, "MySQL", PortClass::Database),
    (5432, "PostgreSQL", PortClass::Database),
    (1433, "SQL Server", PortClass::Database),
    (1521, "Oracle", PortClass::Database),
    (27017, "MongoDB", PortClass::Database),
    (6379, "Redis", PortClass::Database),
    (11211, "memcached", PortClass::Database),
    (9200, "Elasticsearch", PortClass::Database),
    (9042, "Cassandra", PortClass::Database),
    (5439, "Redshift", PortClass::Database),
    (5984, "CouchDB", PortClass::Database),
];

const WORLD: &[&str] = &["0.0.0.0/0", "::/0"];

/// One ingress rule open to the world on ports of one class.
#[derive(Clone, Debug)]
pub struct Exposure<'a> {
    /// `SSH 22 from 0.0.0.0/0`.
    pub what: String,
    /// ` (from var.allowed)` when the CIDR came through a variable or local, else empty.
    pub origin: String,
    /// The CIDR attribute.
    pub attr: &'a Attr,
}

/// A world CIDR in `e` (a string or a list of strings, each resolved in `m`), and the
/// reference it came through, if any.
fn world_cidr<'a>(m: &Module<'a>, e: &'a Expr) -> Option<(&'a str, Option<String>)> {
    let via = |e: &Expr| e.as_ref_path().map(|p| p.join("."));
    let resolved = m.resolve(e).value();
    // the whole value (`"0.0.0.0/0"`, `["0.0.0.0/0"]`, `var.cidrs` with a list default)
    if let Some(v) = resolved {
        let hit = v.as_str().filter(|s| WORLD.contains(s)).or_else(|| {
            v.as_list()?
                .iter()
                .filter_map(Expr::as_str)
                .find(|s| WORLD.contains(s))
        });
        return hit.map(|c| (c, via(e)));
    }
    // a list of references and literals: `[var.allowed, "10.0.0.0/8"]`
    let ExprKind::List(items) = &e.kind else {
        return None;
    };
    items.iter().find_map(|item| {
        let v = m.resolve(item).value()?;
        let c = v.as_str().filter(|s| WORLD.contains(s)).or_else(|| {
            v.as_list()?
                .iter()
                .filter_map(Expr::as_str)
                .find(|s| WORLD.contains(s))
        })?;
        Some((c, via(item)))
    })
}

fn port(m: &Module<'_>, body: &Body, key: &str) -> Option<u32> {
    let v = m.resolve(&body.attr(key)?.value).value()?.as_f64()?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (-1.0..=65535.0).contains(&v).then(|| v.max(0.0) as u32)
}

/// The exposure of one ingress rule body on ports of `class`.
fn exposure<'a>(
    m: &Module<'a>,
    body: &'a Body,
    cidr_keys: &[&str],
    protocol_key: &str,
    class: PortClass,
) -> Option<Exposure<'a>> {
    let (attr, cidr, via) = cidr_keys.iter().find_map(|k| {
        let a = body.attr(k)?;
        world_cidr(m, &a.value).map(|(c, via)| (a, c, via))
    })?;
    let origin = via.map(|v| format!(" (from {v})")).unwrap_or_default();
    let protocol = m
        .resolve(&body.attr(protocol_key)?.value)
        .as_str()
        .map(str::to_ascii_lowercase);
    let from = port(m, body, "from_port");
    let to = port(m, body, "to_port");
    let all = matches!(protocol.as_deref(), Some("-1" | "all"))
        || (from == Some(0) && to.is_some_and(|t| t >= 65535));
    if all {
        return (class == PortClass::Admin).then(|| Exposure {
            what: format!("all ports from {cidr}"),
            origin,
            attr,
        });
    }
    let (from, to) = (from?, to?);
    let names: Vec<String> = PORTS
        .iter()
        .filter(|(p, _, c)| *c == class && from <= *p && *p <= to)
        .take(3)
        .map(|(p, n, _)| format!("{n} {p}"))
        .collect();
    if names.is_empty() {
        return None;
    }
    Some(Exposure {
        what: format!("{} from {cidr}", names.join(", ")),
        origin,
        attr,
    })
}

/// The world-open ingress rules of an AWS security-group resource of module `m` on ports of
/// `class`: `ingress` blocks of `aws_security_group`, `aws_security_group_rule` with
/// `type = "ingress"`, `aws_vpc_security_group_ingress_rule`.
#[must_use]
pub fn exposures<'a>(m: &Module<'a>, r: &Resource<'a>, class: PortClass) -> Vec<Exposure<'a>> {
    if r.mode != ResourceMode::Managed {
        return Vec::new();
    }
    let v4v6 = &["cidr_blocks", "ipv6_cidr_blocks"];
    match r.type_ {
        "aws_security_group" => r
            .body()
            .blocks("ingress")
            .filter_map(|b| exposure(m, &b.body, v4v6, "protocol", class))
            .collect(),
        "aws_security_group_rule"
            if r.attr("type").and_then(|a| m.resolve(&a.value).as_str()) == Some("ingress") =>
        {
            exposure(m, r.body(), v4v6, "protocol", class)
                .into_iter()
                .collect()
        }
        "aws_vpc_security_group_ingress_rule" => exposure(
            m,
            r.body(),
            &["cidr_ipv4", "cidr_ipv6"],
            "ip_protocol",
            class,
        )
        .into_iter()
        .collect(),
        _ => Vec::new(),
    }
}

/// Report every exposure of class `class` in the scan (TF030, TF031).
pub fn report_exposures(
    project: &crate::model::terraform::Project<'_>,
    meta: &'static crate::rules::RuleMeta,
    class: PortClass,
    out: &mut Vec<crate::rules::SurfaceDiagnostic>,
) {
    super::aws_data::each_resource(
        project,
        &[
            "aws_security_group",
            "aws_security_group_rule",
            "aws_vpc_security_group_ingress_rule",
        ],
        |m, file, r| {
            for e in exposures(m, r, class) {
                super::aws_data::report(
                    out,
                    meta,
                    file,
                    e.attr.span,
                    format!("{} admits {}{}", r.address(), e.what, e.origin),
                    format!("{}:{}", r.address(), e.what),
                );
            }
        },
    );
}
