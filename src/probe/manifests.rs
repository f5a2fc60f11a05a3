//! `--from-manifests PATH`: derive probe targets from the delivery surface.
//!
//! - **Ingress**: each rule host and path → `https://host/path` when a `tls:` entry lists the
//!   host, `http://` otherwise. A `/` (or empty) path takes the health path of the backend
//!   Service's pods (readiness, else liveness, else startup `httpGet`).
//! - **Service**: each port → `http(s)://name.namespace.svc:port/health-path` when the selected
//!   pods have an `httpGet` probe on that port, `tcp://name.namespace.svc:port` otherwise
//!   (`ExternalName`: the external name). Reachable from inside the cluster.
//! - **compose**: each published TCP port → `tcp://localhost:published`, or
//!   `http://localhost:published/path` when the service's healthcheck calls a URL on that
//!   container port (`curl -f http://localhost:8080/healthz`).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::target::{Kind, Options, Target, bracket, parse_url};
use crate::discover::{self, ArtifactKind};
use crate::model::{compose, k8s};
use crate::parse::yaml::{self, Node, Value};

static URL_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"https?://[^\s"'|;)<>`]+"#).ok());

/// Targets derived from the manifests under `path`, in file order.
///
/// # Errors
/// When `path` does not exist or cannot be walked.
pub fn targets(path: &Path, opts: &Options) -> Result<Vec<Target>, String> {
    if !path.exists() {
        return Err(format!(
            "--from-manifests {}: no such file or directory",
            path.display()
        ));
    }
    let found = discover::discover(path, &discover::Options::default())
        .map_err(|e| format!("--from-manifests {}: {e}", path.display()))?;
    let mut candidates = found.candidates;
    candidates.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut objects: Vec<(String, k8s::Object)> = Vec::new();
    let mut out = Vec::new();
    for c in &candidates {
        if !matches!(
            c.kind,
            Some(ArtifactKind::Kubernetes | ArtifactKind::Compose)
        ) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&c.path) else {
            eprintln!("ironlaw probe: cannot read {}", c.rel);
            continue;
        };
        let file = yaml::parse(&text);
        match c.kind {
            Some(ArtifactKind::Kubernetes) => {
                objects.extend(k8s::objects(&file).into_iter().map(|o| (c.rel.clone(), o)));
            }
            _ => compose_targets(&c.rel, &file, opts, &mut out),
        }
    }
    k8s_targets(&objects, opts, &mut out);
    Ok(out)
}

fn push(out: &mut Vec<Target>, url: &str, opts: &Options, source: String) {
    if let Ok(mut t) = Target::new(url, opts.clone()) {
        t.source = Some(source);
        out.push(t);
    }
}

/// An `httpGet` probe: (port, path, https).
#[derive(Clone, Debug)]
struct HealthGet {
    port: PortRef,
    path: String,
    https: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum PortRef {
    Number(i64),
    Name(String),
}

fn port_ref(n: &Node) -> Option<PortRef> {
    match &n.value {
        Value::Int(i) => Some(PortRef::Number(*i)),
        Value::Str(s) => Some(
            s.parse::<i64>()
                .map_or_else(|_| PortRef::Name(s.clone()), PortRef::Number),
        ),
        _ => None,
    }
}

/// A workload's pod labels, its named container ports and its HTTP probes.
struct Pods {
    namespace: String,
    labels: BTreeMap<String, String>,
    ports: Vec<(String, i64)>,
    probes: Vec<HealthGet>,
}

impl Pods {
    /// Resolve a Service `targetPort` to a container port number.
    fn resolve(&self, p: &PortRef) -> Option<i64> {
        match p {
            PortRef::Number(n) => Some(*n),
            PortRef::Name(name) => self.ports.iter().find(|(n, _)| n == name).map(|(_, p)| *p),
        }
    }

    fn health_on(&self, target_port: &PortRef) -> Option<&HealthGet> {
        let want = self.resolve(target_port)?;
        self.probes
            .iter()
            .find(|h| self.resolve(&h.port) == Some(want))
    }
}

fn string_map(n: Option<&Node>) -> BTreeMap<String, String> {
    n.map(|n| {
        n.iter_map()
            .filter_map(|(k, v)| {
                let v = match &v.value {
                    Value::Str(s) => s.clone(),
                    Value::Int(i) => i.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => return None,
                };
                Some((k.as_str()?.to_string(), v))
            })
            .collect()
    })
    .unwrap_or_default()
}

fn pods(o: &k8s::Object) -> Option<Pods> {
    o.pod_spec()?;
    let labels = if o.kind == "Pod" {
        string_map(o.node.path(&["metadata", "labels"]))
    } else if o.kind == "CronJob" {
        string_map(o.node.path(&[
            "spec",
            "jobTemplate",
            "spec",
            "template",
            "metadata",
            "labels",
        ]))
    } else {
        string_map(o.node.path(&["spec", "template", "metadata", "labels"]))
    };
    let mut ports = Vec::new();
    let mut probes = Vec::new();
    for c in o.containers() {
        if c.kind != k8s::ContainerKind::Container {
            continue;
        }
        for p in c
            .node
            .get("ports")
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
        {
            if let (Some(name), Some(num)) = (
                p.get("name").and_then(Node::as_str),
                p.get("containerPort").and_then(Node::as_i64),
            ) {
                ports.push((name.to_string(), num));
            }
        }
        for kind in ["readinessProbe", "livenessProbe", "startupProbe"] {
            let Some(get) = c.node.path(&[kind, "httpGet"]) else {
                continue;
            };
            let Some(port) = get.get("port").and_then(port_ref) else {
                continue;
            };
            let path = get
                .get("path")
                .and_then(Node::as_str)
                .unwrap_or("/")
                .to_string();
            let https = get
                .get("scheme")
                .and_then(Node::as_str)
                .is_some_and(|s| s.eq_ignore_ascii_case("https"));
            probes.push(HealthGet { port, path, https });
        }
    }
    Some(Pods {
        namespace: o.namespace.clone().unwrap_or_else(|| "default".to_string()),
        labels,
        ports,
        probes,
    })
}

fn namespace(o: &k8s::Object) -> String {
    o.namespace.clone().unwrap_or_else(|| "default".to_string())
}

/// The Service's port entries: (name, port, targetPort).
fn service_ports(svc: &k8s::Object) -> Vec<(Option<String>, i64, PortRef)> {
    svc.node
        .path(&["spec", "ports"])
        .map(Node::iter_seq)
        .into_iter()
        .flatten()
        .filter(|p| {
            p.get("protocol")
                .and_then(Node::as_str)
                .is_none_or(|p| p.eq_ignore_ascii_case("tcp"))
        })
        .filter_map(|p| {
            let port = p.get("port").and_then(Node::as_i64)?;
            let target = p
                .get("targetPort")
                .and_then(port_ref)
                .unwrap_or(PortRef::Number(port));
            let name = p.get("name").and_then(Node::as_str).map(str::to_string);
            Some((name, port, target))
        })
        .collect()
}

/// The health probe behind a Service port, via the pods its selector picks.
fn service_health<'p>(
    svc: &k8s::Object,
    target_port: &PortRef,
    all_pods: &'p [Pods],
) -> Option<&'p HealthGet> {
    let selector = string_map(svc.node.path(&["spec", "selector"]));
    if selector.is_empty() {
        return None;
    }
    let ns = namespace(svc);
    all_pods
        .iter()
        .filter(|p| p.namespace == ns && selector.iter().all(|(k, v)| p.labels.get(k) == Some(v)))
        .find_map(|p| p.health_on(target_port))
}

fn k8s_targets(objects: &[(String, k8s::Object)], opts: &Options, out: &mut Vec<Target>) {
    let all_pods: Vec<Pods> = objects.iter().filter_map(|(_, o)| pods(o)).collect();
    let services: Vec<&(String, k8s::Object)> = objects
        .iter()
        .filter(|(_, o)| o.kind == "Service")
        .collect();
    for (rel, o) in objects.iter().filter(|(_, o)| o.kind == "Ingress") {
        let tls_hosts: Vec<String> = o
            .node
            .path(&["spec", "tls"])
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
            .flat_map(|t| t.get("hosts").map(Node::iter_seq).into_iter().flatten())
            .filter_map(|h| h.as_str().map(str::to_ascii_lowercase))
            .collect();
        let ns = namespace(o);
        let source = format!("{rel}: {}", o.describe());
        for rule in o
            .node
            .path(&["spec", "rules"])
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
        {
            let Some(host) = rule.get("host").and_then(Node::as_str) else {
                continue;
            };
            let host = host.to_ascii_lowercase();
            if host.starts_with('*') || host.is_empty() {
                continue;
            }
            let scheme = if tls_hosts.contains(&host) {
                "https"
            } else {
                "http"
            };
            let paths: Vec<&Node> = rule
                .path(&["http", "paths"])
                .map(Node::iter_seq)
                .into_iter()
                .flatten()
                .collect();
            if paths.is_empty() {
                push(out, &format!("{scheme}://{host}/"), opts, source.clone());
            }
            for p in paths {
                let mut path = p
                    .get("path")
                    .and_then(Node::as_str)
                    .unwrap_or("/")
                    .to_string();
                if path.is_empty() || path == "/" {
                    let backend = p.path(&["backend", "service"]);
                    let svc_name = backend.and_then(|b| b.get("name")).and_then(Node::as_str);
                    let port = backend.and_then(|b| b.get("port"));
                    let port_num = port.and_then(|p| p.get("number")).and_then(Node::as_i64);
                    let port_name = port.and_then(|p| p.get("name")).and_then(Node::as_str);
                    let svc = services.iter().find(|(_, s)| {
                        Some(s.name.as_deref().unwrap_or("")) == svc_name && namespace(s) == ns
                    });
                    if let Some((_, svc)) = svc {
                        let target = service_ports(svc).into_iter().find(|(name, num, _)| {
                            Some(*num) == port_num
                                || (port_name.is_some() && name.as_deref() == port_name)
                        });
                        if let Some(h) =
                            target.and_then(|(_, _, tp)| service_health(svc, &tp, &all_pods))
                        {
                            path.clone_from(&h.path);
                        }
                    }
                    if path.is_empty() {
                        path = "/".to_string();
                    }
                }
                if !path.starts_with('/') {
                    path.insert(0, '/');
                }
                push(
                    out,
                    &format!("{scheme}://{host}{path}"),
                    opts,
                    source.clone(),
                );
            }
        }
    }
    for (rel, svc) in &services {
        let Some(name) = svc.name.as_deref() else {
            continue;
        };
        let source = format!("{rel}: {}", svc.describe());
        let ty = svc
            .node
            .path(&["spec", "type"])
            .and_then(Node::as_str)
            .unwrap_or("ClusterIP");
        let host = if ty == "ExternalName" {
            match svc
                .node
                .path(&["spec", "externalName"])
                .and_then(Node::as_str)
            {
                Some(h) => h.to_string(),
                None => continue,
            }
        } else {
            format!("{name}.{}.svc", namespace(svc))
        };
        for (_, port, target_port) in service_ports(svc) {
            let url = match service_health(svc, &target_port, &all_pods) {
                Some(h) => {
                    let scheme = if h.https { "https" } else { "http" };
                    let path = if h.path.starts_with('/') {
                        h.path.clone()
                    } else {
                        format!("/{}", h.path)
                    };
                    format!("{scheme}://{host}:{port}{path}")
                }
                None => format!("tcp://{host}:{port}"),
            };
            push(out, &url, opts, source.clone());
        }
    }
}

/// A published port of a compose service: (host address, published, container port).
fn compose_ports(svc: &Node) -> Vec<(String, u16, u16)> {
    let mut out = Vec::new();
    for p in svc.get("ports").map(Node::iter_seq).into_iter().flatten() {
        match &p.value {
            Value::Str(s) => {
                let (spec, proto) = s.split_once('/').unwrap_or((s.as_str(), "tcp"));
                if !proto.eq_ignore_ascii_case("tcp") {
                    continue;
                }
                // [ip:]published:container — IPv6 host addresses come in brackets
                let (ip, rest) = match spec.strip_prefix('[') {
                    Some(v6) => match v6.split_once("]:") {
                        Some((ip, rest)) => (Some(ip.to_string()), rest),
                        None => continue,
                    },
                    None => {
                        let parts: Vec<&str> = spec.split(':').collect();
                        match parts.as_slice() {
                            [ip, _, _] => (
                                Some((*ip).to_string()),
                                spec.get(ip.len() + 1..).unwrap_or(""),
                            ),
                            _ => (None, spec),
                        }
                    }
                };
                let Some((published, container)) = rest.split_once(':') else {
                    continue; // container port only: published on a random host port
                };
                if let (Ok(pb), Ok(ct)) = (published.parse::<u16>(), container.parse::<u16>()) {
                    out.push((host_for(ip.as_deref()), pb, ct));
                }
            }
            Value::Map(_) => {
                if p.get("protocol")
                    .and_then(Node::as_str)
                    .is_some_and(|p| !p.eq_ignore_ascii_case("tcp"))
                {
                    continue;
                }
                let num = |k: &str| {
                    p.get(k).and_then(|n| match &n.value {
                        Value::Int(i) => u16::try_from(*i).ok(),
                        Value::Str(s) => s.parse::<u16>().ok(),
                        _ => None,
                    })
                };
                if let (Some(pb), Some(ct)) = (num("published"), num("target")) {
                    let ip = p.get("host_ip").and_then(Node::as_str);
                    out.push((host_for(ip), pb, ct));
                }
            }
            _ => {}
        }
    }
    out
}

fn host_for(ip: Option<&str>) -> String {
    match ip {
        None | Some("" | "0.0.0.0" | "::") => "localhost".to_string(),
        Some(ip) => bracket(ip),
    }
}

/// The URL a compose healthcheck calls, if any.
fn healthcheck_url(svc: &Node) -> Option<String> {
    let test = svc.path(&["healthcheck", "test"])?;
    let text = match &test.value {
        Value::Str(s) => s.clone(),
        Value::Seq(items) => items
            .iter()
            .filter_map(Node::as_str)
            .collect::<Vec<_>>()
            .join(" "),
        _ => return None,
    };
    let re = URL_RE.as_ref()?;
    re.find(&text).map(|m| m.as_str().to_string())
}

fn compose_targets(rel: &str, file: &yaml::YamlFile, opts: &Options, out: &mut Vec<Target>) {
    for svc in compose::services(file) {
        let source = format!("{rel}: service \"{}\"", svc.name);
        let health = healthcheck_url(svc.node).and_then(|u| parse_url(&u).ok());
        for (host, published, container) in compose_ports(svc.node) {
            let url = match &health {
                Some(h) if h.port == container && matches!(h.kind, Kind::Http | Kind::Https) => {
                    format!("{}://{host}:{published}{}", h.kind.as_str(), h.path)
                }
                _ => format!("tcp://{host}:{published}"),
            };
            push(out, &url, opts, source.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn urls(files: &[(&str, &str)]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        targets(dir.path(), &Options::default())
            .unwrap()
            .into_iter()
            .map(|t| t.url)
            .collect()
    }

    #[test]
    fn kubernetes() {
        let k = r"
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: api:1.2.3
          ports: [{name: http, containerPort: 8080}]
          readinessProbe:
            httpGet: {path: /ready, port: http}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{name: web, port: 80, targetPort: http}, {name: metrics, port: 9090}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: api, namespace: shop}
spec:
  tls: [{hosts: [api.example.com]}]
  rules:
    - host: api.example.com
      http:
        paths:
          - path: /
            backend: {service: {name: api, port: {number: 80}}}
    - host: plain.example.com
      http:
        paths:
          - path: /status
            backend: {service: {name: api, port: {name: web}}}
";
        assert_eq!(
            urls(&[("k8s.yaml", k)]),
            [
                "https://api.example.com:443/ready",
                "http://plain.example.com:80/status",
                "http://api.shop.svc:80/ready",
                "tcp://api.shop.svc:9090",
            ]
        );
    }

    #[test]
    fn compose_files() {
        let c = r#"
services:
  web:
    image: web:1
    ports: ["8080:80", "127.0.0.1:9443:443", "5000", "53:53/udp"]
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/healthz"]
  db:
    image: postgres:16
    ports: [{target: 5432, published: 15432}]
"#;
        assert_eq!(
            urls(&[("compose.yaml", c)]),
            [
                "http://localhost:8080/healthz",
                "tcp://127.0.0.1:9443",
                "tcp://localhost:15432",
            ]
        );
    }
}
