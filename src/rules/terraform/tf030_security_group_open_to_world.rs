//! TF030 `security-group-open-to-world`: an AWS security group ingress rule admits
//! `0.0.0.0/0` or `::/0` on SSH (22), RDP (3389), a database or cache port, or all ports.
//!
//! Covers `ingress` blocks of `aws_security_group`, `aws_security_group_rule` with
//! `type = "ingress"`, and `aws_vpc_security_group_ingress_rule`. Only literal CIDRs and
//! ports are judged (a `var.allowed_cidrs` is unknown, not reported). SSH, RDP and all-ports
//! exposures are critical; database ports high.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, ResourceMode, TfFile};
use crate::parse::hcl::{Attr, Body, Expr};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

pub struct SecurityGroupOpenToWorld;

pub static META: RuleMeta = RuleMeta {
    id: "TF030",
    name: "security-group-open-to-world",
    family: Family::Terraform,
    title: "Security group admits the whole internet on an administrative or database port",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "SSH, RDP and database ports open to 0.0.0.0/0 are scanned from the internet \
continuously: one weak password, leaked key or unpatched service is a breach, and databases \
exposed this way are the most common source of mass data leaks.",
    remediation: "Admit only the networks that need access (a VPN or bastion range, another \
security group), or use SSM Session Manager instead of SSH: \
`ingress { from_port = 5432, to_port = 5432, protocol = \"tcp\", security_groups = [aws_security_group.app.id] }`.",
    equivalents: &[
        "checkov:CKV_AWS_24",
        "checkov:CKV_AWS_25",
        "tfsec:aws-ec2-no-public-ingress-sgr",
        "trivy:AWS-0107",
    ],
    references: &["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
};

/// Sensitive ports: (port, service, critical).
const PORTS: &[(u32, &str, bool)] = &[
    (22, "SSH", true),
    (3389, "RDP", true),
    (23, "telnet", true),
    (2375, "Docker API", true),
    (2376, "Docker API", true),
    (3306, "MySQL", false),
    (5432, "PostgreSQL", false),
    (1433, "SQL Server", false),
    (1521, "Oracle", false),
    (27017, "MongoDB", false),
    (6379, "Redis", false),
    (11211, "memcached", false),
    (9200, "Elasticsearch", false),
    (9042, "Cassandra", false),
    (5439, "Redshift", false),
    (5984, "CouchDB", false),
];

const WORLD: &[&str] = &["0.0.0.0/0", "::/0"];

fn world_cidr(e: &Expr) -> Option<&str> {
    if let Some(s) = e.as_str() {
        return WORLD.contains(&s).then_some(s);
    }
    e.as_list()?
        .iter()
        .filter_map(Expr::as_str)
        .find(|s| WORLD.contains(s))
}

fn port(body: &Body, key: &str) -> Option<u32> {
    let v = body.attr(key)?.value.as_f64()?;
    (-1.0..=65535.0).contains(&v).then(|| v.max(0.0) as u32)
}

/// The exposure of one ingress rule body: (what, critical, span to point at).
fn exposure<'a>(
    body: &'a Body,
    cidr_keys: &[&str],
    protocol_key: &str,
) -> Option<(String, bool, &'a Attr)> {
    let (attr, cidr) = cidr_keys.iter().find_map(|k| {
        let a = body.attr(k)?;
        world_cidr(&a.value).map(|c| (a, c))
    })?;
    let protocol = body
        .attr(protocol_key)?
        .value
        .as_str()
        .map(str::to_ascii_lowercase);
    let all_protocols = matches!(protocol.as_deref(), Some("-1" | "all"));
    if all_protocols {
        return Some((format!("all ports from {cidr}"), true, attr));
    }
    let from = port(body, "from_port")?;
    let to = port(body, "to_port")?;
    if from == 0 && to >= 65535 {
        return Some((format!("all ports from {cidr}"), true, attr));
    }
    let hits: Vec<&(u32, &str, bool)> = PORTS
        .iter()
        .filter(|(p, _, _)| from <= *p && *p <= to)
        .collect();
    let first = hits.first()?;
    let critical = hits.iter().any(|(_, _, c)| *c);
    let names: Vec<String> = hits
        .iter()
        .take(3)
        .map(|(p, n, _)| format!("{n} {p}"))
        .collect();
    Some((
        format!("{} from {cidr}", names.join(", ")),
        critical || first.2,
        attr,
    ))
}

fn push(r: &Resource<'_>, found: Option<(String, bool, &Attr)>, out: &mut Vec<Diagnostic>) {
    let Some((what, critical, attr)) = found else {
        return;
    };
    let mut d = Diagnostic::new(&META, attr.span, format!("{} admits {what}", r.address()))
        .anchor(format!("{}:{what}", r.address()));
    if !critical {
        d.message.push_str(" (database port)");
    }
    out.push(d);
}

impl TerraformRule for SecurityGroupOpenToWorld {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if r.mode != ResourceMode::Managed {
            return;
        }
        match r.type_ {
            "aws_security_group" => {
                for ing in r.body().blocks("ingress") {
                    push(
                        r,
                        exposure(&ing.body, &["cidr_blocks", "ipv6_cidr_blocks"], "protocol"),
                        out,
                    );
                }
            }
            "aws_security_group_rule"
                if r.attr("type").and_then(|a| a.value.as_str()) == Some("ingress") =>
            {
                push(
                    r,
                    exposure(r.body(), &["cidr_blocks", "ipv6_cidr_blocks"], "protocol"),
                    out,
                );
            }
            "aws_vpc_security_group_ingress_rule" => {
                push(
                    r,
                    exposure(r.body(), &["cidr_ipv4", "cidr_ipv6"], "ip_protocol"),
                    out,
                );
            }
            _ => {}
        }
    }
}
