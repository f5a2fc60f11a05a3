//! Ingress rules of network-edge resources, normalised across AWS, GCP and Azure so that a
//! rule set before a change can be compared with the one after it.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

/// Where traffic may come from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// The whole internet (`0.0.0.0/0`, `::/0`, Azure `*`/`Internet`/`Any`).
    Any,
    /// A CIDR block.
    Net { v6: bool, addr: u128, prefix: u8 },
    /// Anything else (a service tag, a security group, an unknown value), compared by name.
    Named(String),
}

impl Source {
    fn parse(s: &str) -> Source {
        let t = s.trim();
        match t.to_ascii_lowercase().as_str() {
            "0.0.0.0/0" | "::/0" | "*" | "internet" | "any" | "0.0.0.0" => return Source::Any,
            _ => {}
        }
        parse_cidr(t).unwrap_or_else(|| Source::Named(t.to_string()))
    }

    /// `self` admits at least every address `other` admits.
    fn covers(&self, other: &Source) -> bool {
        match (self, other) {
            (Source::Any, _) => true,
            (
                Source::Net { v6, addr, prefix },
                Source::Net {
                    v6: v6b,
                    addr: addrb,
                    prefix: prefixb,
                },
            ) => {
                v6 == v6b
                    && prefix <= prefixb
                    && mask(*addr, *prefix, *v6) == mask(*addrb, *prefix, *v6)
            }
            (a, b) => a == b,
        }
    }
}

fn mask(addr: u128, prefix: u8, v6: bool) -> u128 {
    let bits: u32 = if v6 { 128 } else { 32 };
    let p = u32::from(prefix).min(bits);
    if p == 0 {
        return 0;
    }
    let host = bits - p;
    (addr >> host) << host
}

fn parse_cidr(s: &str) -> Option<Source> {
    let (ip, prefix) = match s.split_once('/') {
        Some((ip, p)) => (ip, Some(p.parse::<u8>().ok()?)),
        None => (s, None),
    };
    if let Ok(v4) = ip.parse::<std::net::Ipv4Addr>() {
        let prefix = prefix.unwrap_or(32);
        if prefix > 32 {
            return None;
        }
        if prefix == 0 {
            return Some(Source::Any);
        }
        return Some(Source::Net {
            v6: false,
            addr: u128::from(u32::from(v4)),
            prefix,
        });
    }
    if let Ok(v6) = ip.parse::<std::net::Ipv6Addr>() {
        let prefix = prefix.unwrap_or(128);
        if prefix > 128 {
            return None;
        }
        if prefix == 0 {
            return Some(Source::Any);
        }
        return Some(Source::Net {
            v6: true,
            addr: u128::from(v6),
            prefix,
        });
    }
    None
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Any => f.write_str("0.0.0.0/0"),
            Source::Net {
                v6: false,
                addr,
                prefix,
            } => {
                let a = std::net::Ipv4Addr::from(u32::try_from(*addr).unwrap_or(0));
                write!(f, "{a}/{prefix}")
            }
            Source::Net {
                v6: true,
                addr,
                prefix,
            } => {
                write!(f, "{}/{prefix}", std::net::Ipv6Addr::from(*addr))
            }
            Source::Named(n) => f.write_str(n),
        }
    }
}

/// One allowed inbound flow.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ingress {
    /// `tcp`, `udp`, `icmp`, … or `all`.
    pub proto: String,
    pub from: u32,
    pub to: u32,
    pub source: Source,
    /// The source as written (`::/0` stays `::/0`).
    pub source_text: String,
}

impl Ingress {
    /// `self` admits every flow `other` admits.
    #[must_use]
    pub fn covers(&self, other: &Ingress) -> bool {
        (self.proto == "all" || self.proto == other.proto)
            && self.from <= other.from
            && self.to >= other.to
            && self.source.covers(&other.source)
    }

    /// Only the web ports (80, 443) are opened.
    #[must_use]
    pub fn web_only(&self) -> bool {
        self.proto == "tcp" && [(80, 80), (443, 443)].contains(&(self.from, self.to))
    }
}

impl fmt::Display for Ingress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ports = if self.from == 0 && self.to >= 65535 {
            "all ports".to_string()
        } else if self.from == self.to {
            format!("{}", self.from)
        } else {
            format!("{}-{}", self.from, self.to)
        };
        write!(f, "{}/{ports} from {}", self.proto, self.source_text)
    }
}

fn s(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn num(v: Option<&Value>) -> Option<i64> {
    match v {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn proto(p: &str) -> String {
    match p.trim().to_ascii_lowercase().as_str() {
        "-1" | "all" | "*" | "" => "all".to_string(),
        "6" => "tcp".to_string(),
        "17" => "udp".to_string(),
        "1" => "icmp".to_string(),
        other => other.to_string(),
    }
}

/// AWS-style `from_port`/`to_port`.
fn aws_ports(o: &serde_json::Map<String, Value>, proto: &str) -> (u32, u32) {
    let from = num(o.get("from_port"));
    let to = num(o.get("to_port"));
    match (from, to) {
        _ if proto == "all" => (0, 65535),
        (Some(f), Some(t)) if f >= 0 && t >= f => (clamp(f), clamp(t)),
        (Some(f), None) if f >= 0 => (clamp(f), clamp(f)),
        _ => (0, 65535),
    }
}

fn clamp(n: i64) -> u32 {
    u32::try_from(n.clamp(0, 65535)).unwrap_or(0)
}

/// `"22"`, `"1000-2000"`, `"*"` → a range.
fn port_range(p: &str) -> (u32, u32) {
    let p = p.trim();
    if p == "*" || p.is_empty() {
        return (0, 65535);
    }
    match p.split_once('-') {
        Some((a, b)) => (
            a.trim().parse().map_or(0, |n: i64| clamp(n)),
            b.trim().parse().map_or(65535, |n: i64| clamp(n)),
        ),
        None => p.parse().map_or((0, 65535), |n: i64| (clamp(n), clamp(n))),
    }
}

fn push(out: &mut Vec<Ingress>, proto: &str, (from, to): (u32, u32), sources: &[String]) {
    for src in sources {
        out.push(Ingress {
            proto: proto.to_string(),
            from,
            to,
            source: Source::parse(src),
            source_text: src.clone(),
        });
    }
}

fn aws_entry(o: &serde_json::Map<String, Value>, out: &mut Vec<Ingress>) {
    let p = proto(&s(o.get("protocol").or_else(|| o.get("ip_protocol"))));
    let ports = aws_ports(o, &p);
    let mut sources = strings(o.get("cidr_blocks"));
    sources.extend(strings(o.get("ipv6_cidr_blocks")));
    sources.extend(strings(o.get("cidr_block")));
    sources.extend(strings(o.get("ipv6_cidr_block")));
    sources.extend(strings(o.get("cidr_ipv4")));
    sources.extend(strings(o.get("cidr_ipv6")));
    push(out, &p, ports, &sources);
}

fn azure_entry(o: &serde_json::Map<String, Value>, out: &mut Vec<Ingress>) {
    if !s(o.get("direction")).eq_ignore_ascii_case("inbound")
        || !s(o.get("access")).eq_ignore_ascii_case("allow")
    {
        return;
    }
    let p = proto(&s(o.get("protocol")));
    let mut sources = strings(o.get("source_address_prefix"));
    sources.extend(strings(o.get("source_address_prefixes")));
    let mut ports = strings(o.get("destination_port_range"));
    ports.extend(strings(o.get("destination_port_ranges")));
    if ports.is_empty() {
        ports.push("*".to_string());
    }
    for r in ports {
        let range = if p == "all" {
            (0, 65535)
        } else {
            port_range(&r)
        };
        push(out, &p, range, &sources);
    }
}

/// The inbound flows a network-edge resource allows, from its attributes (empty for types
/// that have none or are not network edge).
#[must_use]
pub fn ingress(type_: &str, attrs: &BTreeMap<String, Value>) -> Vec<Ingress> {
    let mut out = Vec::new();
    let objects = |key: &str| -> Vec<serde_json::Map<String, Value>> {
        match attrs.get(key) {
            Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_object().cloned()).collect(),
            _ => Vec::new(),
        }
    };
    let top: serde_json::Map<String, Value> =
        attrs.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    match type_ {
        "aws_security_group" | "aws_default_security_group" => {
            for o in objects("ingress") {
                aws_entry(&o, &mut out);
            }
        }
        "aws_security_group_rule" if s(attrs.get("type")) == "ingress" => {
            aws_entry(&top, &mut out);
        }
        "aws_vpc_security_group_ingress_rule" => aws_entry(&top, &mut out),
        "aws_network_acl" | "aws_default_network_acl" => {
            for o in objects("ingress") {
                if s(o.get("action")).eq_ignore_ascii_case("allow") {
                    aws_entry(&o, &mut out);
                }
            }
        }
        "aws_network_acl_rule" => {
            let egress = matches!(attrs.get("egress"), Some(Value::Bool(true)));
            if !egress && s(attrs.get("rule_action")).eq_ignore_ascii_case("allow") {
                aws_entry(&top, &mut out);
            }
        }
        "google_compute_firewall" => {
            let egress = s(attrs.get("direction")).eq_ignore_ascii_case("egress");
            let disabled = matches!(attrs.get("disabled"), Some(Value::Bool(true)));
            if egress || disabled {
                return out;
            }
            let sources = strings(attrs.get("source_ranges"));
            for a in objects("allow") {
                let p = proto(&s(a.get("protocol")));
                let ports = strings(a.get("ports"));
                if ports.is_empty() || p == "all" {
                    push(&mut out, &p, (0, 65535), &sources);
                } else {
                    for r in ports {
                        push(&mut out, &p, port_range(&r), &sources);
                    }
                }
            }
        }
        "azurerm_network_security_rule" => azure_entry(&top, &mut out),
        "azurerm_network_security_group" => {
            for o in objects("security_rule") {
                azure_entry(&o, &mut out);
            }
        }
        _ => {}
    }
    out.sort();
    out.dedup();
    out
}

/// Flows allowed after that no flow before allowed.
#[must_use]
pub fn broadened(before: &[Ingress], after: &[Ingress]) -> Vec<Ingress> {
    after
        .iter()
        .filter(|a| !before.iter().any(|b| b.covers(a)))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn attrs(v: Value) -> BTreeMap<String, Value> {
        v.as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    #[test]
    fn cidr_cover() {
        let wide = Source::parse("10.0.0.0/8");
        let narrow = Source::parse("10.1.0.0/16");
        assert!(wide.covers(&narrow));
        assert!(!narrow.covers(&wide));
        assert!(Source::parse("::/0").covers(&narrow));
        assert_eq!(Source::parse("0.0.0.0/0"), Source::Any);
        assert!(!Source::parse("2001:db8::/32").covers(&narrow));
    }

    #[test]
    fn aws_sg_broadening() {
        let before = ingress(
            "aws_security_group",
            &attrs(
                json!({"ingress":[{"from_port":443,"to_port":443,"protocol":"tcp","cidr_blocks":["10.0.0.0/8"]}]}),
            ),
        );
        let after = ingress(
            "aws_security_group",
            &attrs(
                json!({"ingress":[{"from_port":443,"to_port":443,"protocol":"tcp","cidr_blocks":["10.1.0.0/16"]},{"from_port":22,"to_port":22,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"]}]}),
            ),
        );
        let b = broadened(&before, &after);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].to_string(), "tcp/22 from 0.0.0.0/0");
    }

    #[test]
    fn gcp_and_azure() {
        let fw = ingress(
            "google_compute_firewall",
            &attrs(
                json!({"source_ranges":["0.0.0.0/0"],"allow":[{"protocol":"tcp","ports":["22","8000-8080"]}]}),
            ),
        );
        assert_eq!(fw.len(), 2);
        let nsg = ingress(
            "azurerm_network_security_rule",
            &attrs(
                json!({"direction":"Inbound","access":"Allow","protocol":"Tcp","source_address_prefix":"*","destination_port_range":"3389"}),
            ),
        );
        assert_eq!(nsg.len(), 1);
        assert_eq!(nsg[0].source, Source::Any);
        let deny = ingress(
            "azurerm_network_security_rule",
            &attrs(
                json!({"direction":"Inbound","access":"Deny","protocol":"Tcp","source_address_prefix":"*","destination_port_range":"3389"}),
            ),
        );
        assert!(deny.is_empty());
    }
}
