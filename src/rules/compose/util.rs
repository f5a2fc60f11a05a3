//! Shared helpers for the compose rules DC002–DC019: flags, short/long syntaxes, interpolation.

use crate::model::compose::Service;
use crate::parse::yaml::{Node, Value};

/// `true`, or the string `"true"` (compose accepts both).
#[must_use]
pub fn is_true(node: &Node) -> bool {
    match &node.untagged().value {
        Value::Bool(b) => *b,
        Value::Str(s) => s.trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// Whether a value is (or contains) an interpolation or template: unknown, never a violation.
#[must_use]
pub fn is_unresolved(s: &str) -> bool {
    s.contains('$') || s.contains("{{")
}

/// A scalar (string, number, bool) as text; `None` for collections and null.
#[must_use]
pub fn scalar_text(node: &Node) -> Option<String> {
    match &node.untagged().value {
        Value::Str(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The entries of a list-valued key (`cap_add`, `security_opt`, `volumes`, `ports`); a lone
/// scalar counts as a one-entry list.
pub fn list<'a>(svc: &Service<'a>, key: &str) -> Vec<&'a Node> {
    match svc.get(key) {
        Some(n) if n.as_seq().is_some() => n.iter_seq().collect(),
        Some(n) if scalar_text(n).is_some() => vec![n],
        _ => Vec::new(),
    }
}

/// Whether the service sets a memory limit: `deploy.resources.limits.memory` or legacy
/// `mem_limit`.
#[must_use]
pub fn has_memory_limit(svc: &Service<'_>) -> bool {
    svc.node
        .path(&["deploy", "resources", "limits", "memory"])
        .is_some_and(|n| !n.is_null())
        || svc.get("mem_limit").is_some_and(|n| !n.is_null())
}

/// Whether the service sets a CPU limit: `deploy.resources.limits.cpus` or a legacy key
/// (`cpus`, `cpu_quota`, `cpu_count`, `cpu_percent`, `cpuset`). `cpu_shares` is a relative
/// weight, not a limit.
#[must_use]
pub fn has_cpu_limit(svc: &Service<'_>) -> bool {
    svc.node
        .path(&["deploy", "resources", "limits", "cpus"])
        .is_some_and(|n| !n.is_null())
        || ["cpus", "cpu_quota", "cpu_count", "cpu_percent", "cpuset"]
            .iter()
            .any(|k| svc.get(k).is_some_and(|n| !n.is_null()))
}

/// Whether a host IP binds every interface (absent, `0.0.0.0`, `::`).
#[must_use]
pub fn all_interfaces(ip: Option<&str>) -> bool {
    match ip.map(str::trim) {
        None | Some("" | "0.0.0.0" | "::") => true,
        Some(_) => false,
    }
}

/// The ports of a service published on every host interface, with a known host IP and port
/// (interpolated ones are unknown and skipped).
#[must_use]
pub fn ports_on_all_interfaces<'a>(svc: &Service<'a>) -> Vec<PublishedPort<'a>> {
    published_ports(svc)
        .into_iter()
        .filter(|p| {
            all_interfaces(p.host_ip.as_deref())
                && !p.host_ip.as_deref().is_some_and(is_unresolved)
                && !is_unresolved(&p.published)
        })
        .collect()
}

/// Lexically normalise a `/`-separated path: drop `.` and empty segments, fold `..`.
/// `None` when `..` climbs above the start of a relative path (outside what we can see).
#[must_use]
pub fn normalize_path(path: &str) -> Option<String> {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() && !absolute {
                    return None;
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    Some(if absolute {
        format!("/{joined}")
    } else {
        joined
    })
}

/// `rel` resolved against the directory `dir` (a relative `/`-separated path, `""` for the
/// root), normalised; an absolute `rel` stands alone.
#[must_use]
pub fn join_path(dir: &str, rel: &str) -> Option<String> {
    if rel.starts_with('/') || dir.is_empty() {
        normalize_path(rel)
    } else {
        normalize_path(&format!("{dir}/{rel}"))
    }
}

/// The host-side source of a volume entry: the part before the first `:` of the short syntax
/// (`/var/run/docker.sock:/var/run/docker.sock:ro`), or `source` of the long syntax.
#[must_use]
pub fn volume_source(node: &Node) -> Option<String> {
    if node.as_map().is_some() {
        return node
            .get("source")
            .and_then(Node::as_str)
            .map(str::to_string);
    }
    let s = node.as_str()?;
    let (src, _) = s.split_once(':')?;
    Some(src.to_string())
}

/// One `environment` entry: name, the node to point at, and the literal value if any.
pub struct EnvEntry<'a> {
    pub name: String,
    pub node: &'a Node,
    /// `None` for `KEY` alone (passed through from the shell) or a null value.
    pub value: Option<String>,
}

/// The `environment` of a service, as a map (`KEY: value`) or a list (`- KEY=value`).
#[must_use]
pub fn environment<'a>(svc: &Service<'a>) -> Vec<EnvEntry<'a>> {
    let Some(env) = svc.get("environment") else {
        return Vec::new();
    };
    if env.as_map().is_some() {
        return env
            .iter_map()
            .filter_map(|(k, v)| {
                Some(EnvEntry {
                    name: scalar_text(k)?,
                    node: if v.is_null() { k } else { v },
                    value: scalar_text(v),
                })
            })
            .collect();
    }
    env.iter_seq()
        .filter_map(|n| {
            let s = n.as_str()?;
            let (name, value) = match s.split_once('=') {
                Some((k, v)) => (k, Some(v.to_string())),
                None => (s, None),
            };
            Some(EnvEntry {
                name: name.trim().to_string(),
                node: n,
                value,
            })
        })
        .collect()
}

/// A published port: host IP (if any) and the published (host) port text.
pub struct PublishedPort<'a> {
    pub node: &'a Node,
    pub host_ip: Option<String>,
    pub published: String,
    pub target: String,
}

/// The ports a service publishes on the host. Short syntax `[HOST_IP:][HOST:]CONTAINER[/proto]`
/// (an entry with only the container port publishes on a random host port, kept with an empty
/// `published`); long syntax `{target, published, host_ip}`.
#[must_use]
pub fn published_ports<'a>(svc: &Service<'a>) -> Vec<PublishedPort<'a>> {
    let mut out = Vec::new();
    for n in list(svc, "ports") {
        if n.as_map().is_some() {
            let Some(target) = n.get("target").and_then(scalar_text) else {
                continue;
            };
            out.push(PublishedPort {
                node: n.get("published").unwrap_or(n),
                host_ip: n.get("host_ip").and_then(scalar_text),
                published: n.get("published").and_then(scalar_text).unwrap_or_default(),
                target,
            });
            continue;
        }
        let Some(s) = scalar_text(n) else { continue };
        let s = s.split('/').next().unwrap_or_default().to_string();
        // IPv6 host IPs are bracketed: `[::1]:5432:5432`.
        let (host_ip, rest) = match s.strip_prefix('[').and_then(|r| r.split_once("]:")) {
            Some((ip, rest)) => (Some(ip.to_string()), rest.to_string()),
            None => (None, s.clone()),
        };
        let parts: Vec<&str> = rest.split(':').collect();
        let (ip, published, target) = match parts.as_slice() {
            [t] => (None, String::new(), (*t).to_string()),
            [p, t] => (None, (*p).to_string(), (*t).to_string()),
            [ip, p, t] => (Some((*ip).to_string()), (*p).to_string(), (*t).to_string()),
            _ => continue,
        };
        out.push(PublishedPort {
            node: n,
            host_ip: host_ip.or(ip),
            published,
            target,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_paths_lexically() {
        assert_eq!(normalize_path("./a/./b/../c").as_deref(), Some("a/c"));
        assert_eq!(normalize_path(".").as_deref(), Some(""));
        assert_eq!(normalize_path("a/.."), Some(String::new()));
        assert_eq!(normalize_path("../x"), None);
        assert_eq!(normalize_path("/srv/../app/").as_deref(), Some("/app"));
        assert_eq!(join_path("deploy", "../api").as_deref(), Some("api"));
        assert_eq!(join_path("", "./api").as_deref(), Some("api"));
        assert_eq!(join_path("deploy", "../../api"), None);
    }
}
