//! Probe targets: `tcp://host:port`, `http://…`, `https://…`, `tls://host:port`, their
//! per-target options, and the `--targets FILE` YAML list.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use regex::Regex;

use crate::parse::yaml::{self, Node, Value};

/// What a target checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Tcp,
    Http,
    Https,
    Tls,
}

impl Kind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Tcp => "tcp",
            Kind::Http => "http",
            Kind::Https => "https",
            Kind::Tls => "tls",
        }
    }

    fn default_port(self) -> Option<u16> {
        match self {
            Kind::Tcp => None,
            Kind::Http => Some(80),
            Kind::Https | Kind::Tls => Some(443),
        }
    }
}

/// Accepted HTTP status codes: inclusive ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusSet(pub Vec<(u16, u16)>);

impl Default for StatusSet {
    fn default() -> Self {
        StatusSet(vec![(200, 399)])
    }
}

impl StatusSet {
    /// `200-399`, `200,204`, `2xx`, `200,301-302`.
    ///
    /// # Errors
    /// Anything else, or a code outside 100–599.
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let code = |c: &str| -> Result<u16, String> {
                c.trim()
                    .parse::<u16>()
                    .ok()
                    .filter(|c| (100..=599).contains(c))
                    .ok_or_else(|| format!("`{c}` is not an HTTP status code (100-599)"))
            };
            let lower = part.to_ascii_lowercase();
            if let Some(class) = lower.strip_suffix("xx") {
                let c = code(&format!("{class}00"))?;
                out.push((c, c + 99));
            } else if let Some((a, b)) = part.split_once('-') {
                let (a, b) = (code(a)?, code(b)?);
                if a > b {
                    return Err(format!("empty status range `{part}`"));
                }
                out.push((a, b));
            } else {
                let c = code(part)?;
                out.push((c, c));
            }
        }
        if out.is_empty() {
            return Err(format!("`{s}` lists no status codes"));
        }
        Ok(StatusSet(out))
    }

    #[must_use]
    pub fn contains(&self, code: u16) -> bool {
        self.0.iter().any(|&(a, b)| (a..=b).contains(&code))
    }
}

impl std::fmt::Display for StatusSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}

/// A header the final HTTP response must carry (name case-insensitive), optionally with a value
/// containing `contains`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderCheck {
    pub name: String,
    pub contains: Option<String>,
}

impl HeaderCheck {
    /// `Name` or `Name: value`.
    ///
    /// # Errors
    /// An empty or malformed header name.
    pub fn parse(s: &str) -> Result<Self, String> {
        let (name, value) = match s.split_once(':') {
            Some((n, v)) => (n.trim(), Some(v.trim().to_string())),
            None => (s.trim(), None),
        };
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        {
            return Err(format!(
                "`{s}` is not a header check (use `Name` or `Name: value`)"
            ));
        }
        Ok(HeaderCheck {
            name: name.to_string(),
            contains: value.filter(|v| !v.is_empty()),
        })
    }
}

/// Options of one target (global flags, overridden per target by `--targets FILE`).
#[derive(Clone, Debug)]
pub struct Options {
    pub timeout: Duration,
    pub count: u32,
    pub retries: u32,
    pub expect: StatusSet,
    pub body_contains: Option<String>,
    pub body_regex: Option<Regex>,
    pub headers: Vec<HeaderCheck>,
    /// Redirects to follow (0: report the redirect itself).
    pub max_redirects: u32,
    /// An `http://` target must redirect to `https://`.
    pub require_https_redirect: bool,
    /// An `https://` response must carry `Strict-Transport-Security`.
    pub require_hsts: bool,
    /// Server name to send (SNI) and verify, instead of the host.
    pub sni: Option<String>,
    /// Trust these roots instead of the bundled Mozilla roots (`--ca`).
    pub ca: Option<Arc<rustls::RootCertStore>>,
    /// Where `ca` came from, for reports.
    pub ca_path: Option<String>,
    /// Do not fail on an untrusted chain or a name mismatch (still reported).
    pub insecure: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(5),
            count: 1,
            retries: 0,
            expect: StatusSet::default(),
            body_contains: None,
            body_regex: None,
            headers: Vec::new(),
            max_redirects: 5,
            require_https_redirect: false,
            require_hsts: false,
            sni: None,
            ca: None,
            ca_path: None,
            insecure: false,
        }
    }
}

/// One thing to probe.
#[derive(Clone, Debug)]
pub struct Target {
    /// How the target is shown (its URL, or the `name` given in a targets file).
    pub name: String,
    /// The URL, normalised (`scheme://host:port/path`).
    pub url: String,
    pub kind: Kind,
    /// Host name or IP address (no brackets).
    pub host: String,
    pub port: u16,
    /// HTTP request target (`/healthz?x=1`); `/` for the others.
    pub path: String,
    pub opts: Options,
    /// Where a derived target came from (`--from-manifests`).
    pub source: Option<String>,
}

/// The parts of a URL the prober needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    pub kind: Kind,
    pub host: String,
    pub port: u16,
    pub path: String,
}

impl Url {
    /// `scheme://host:port/path`, IPv6 hosts in brackets.
    #[must_use]
    pub fn to_url_string(&self) -> String {
        let path = match self.kind {
            Kind::Http | Kind::Https => self.path.as_str(),
            Kind::Tcp | Kind::Tls => "",
        };
        format!(
            "{}://{}:{}{path}",
            self.kind.as_str(),
            bracket(&self.host),
            self.port
        )
    }

    /// The `Host` header value (port omitted when it is the scheme's default).
    #[must_use]
    pub fn host_header(&self) -> String {
        if self.kind.default_port() == Some(self.port) {
            bracket(&self.host)
        } else {
            format!("{}:{}", bracket(&self.host), self.port)
        }
    }
}

/// `[::1]` for IPv6 literals, the host otherwise.
#[must_use]
pub fn bracket(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    }
}

/// Parse `tcp://host:port`, `http(s)://host[:port][/path]`, `tls://host[:port]`.
///
/// # Errors
/// A missing or unknown scheme, a bad host or port, credentials in the URL.
pub fn parse_url(s: &str) -> Result<Url, String> {
    let s = s.trim();
    let Some((scheme, rest)) = s.split_once("://") else {
        return Err(format!(
            "`{s}`: missing scheme (use tcp://host:port, http://…, https://…, tls://host:port)"
        ));
    };
    let kind = match scheme.to_ascii_lowercase().as_str() {
        "tcp" => Kind::Tcp,
        "http" => Kind::Http,
        "https" => Kind::Https,
        "tls" | "ssl" => Kind::Tls,
        other => {
            return Err(format!(
                "`{s}`: unknown scheme `{other}` (use tcp, http, https or tls)"
            ));
        }
    };
    let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(auth_end);
    if authority.contains('@') {
        return Err(format!(
            "`{s}`: credentials in target URLs are not supported"
        ));
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let Some((host, after)) = v6.split_once(']') else {
            return Err(format!("`{s}`: unterminated IPv6 address"));
        };
        if host.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(format!("`{s}`: `{host}` is not an IPv6 address"));
        }
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| format!("`{s}`: bad port"))?,
            ),
        };
        (host.to_string(), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => (h.to_string(), Some(p)),
            Some(_) => {
                return Err(format!(
                    "`{s}`: write IPv6 addresses in brackets (tcp://[::1]:5432)"
                ));
            }
            None => (authority.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err(format!("`{s}`: missing host"));
    }
    if !host.contains(':')
        && !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(format!("`{s}`: `{host}` is not a host name"));
    }
    let port = match port {
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|&p| p > 0)
            .ok_or_else(|| format!("`{s}`: `{p}` is not a port"))?,
        None => kind
            .default_port()
            .ok_or_else(|| format!("`{s}`: a tcp target needs a port (tcp://host:port)"))?,
    };
    let path = match kind {
        Kind::Http | Kind::Https => {
            let tail = tail.split('#').next().unwrap_or("");
            if tail.is_empty() {
                "/".to_string()
            } else if tail.starts_with('?') {
                format!("/{tail}")
            } else {
                tail.to_string()
            }
        }
        Kind::Tcp | Kind::Tls => {
            if !tail.is_empty() && tail != "/" {
                return Err(format!("`{s}`: a {scheme} target takes no path"));
            }
            "/".to_string()
        }
    };
    if path.bytes().any(|b| b.is_ascii_control() || b == b' ') {
        return Err(format!("`{s}`: the path has spaces or control characters"));
    }
    Ok(Url {
        kind,
        host: host.to_ascii_lowercase(),
        port,
        path,
    })
}

impl Target {
    /// A target from a URL with the given options.
    ///
    /// # Errors
    /// See [`parse_url`].
    pub fn new(s: &str, opts: Options) -> Result<Self, String> {
        let url = parse_url(s)?;
        Ok(Target {
            name: s.trim().to_string(),
            url: url.to_url_string(),
            kind: url.kind,
            host: url.host,
            port: url.port,
            path: url.path,
            opts,
            source: None,
        })
    }

    /// The URL parts.
    #[must_use]
    pub fn url_parts(&self) -> Url {
        Url {
            kind: self.kind,
            host: self.host.clone(),
            port: self.port,
            path: self.path.clone(),
        }
    }
}

/// Load `--ca FILE`: every PEM certificate in it becomes a trust anchor.
///
/// # Errors
/// Unreadable file, no certificate, or a certificate that is not a usable trust anchor.
pub fn load_ca(path: &Path) -> Result<Arc<rustls::RootCertStore>, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let text =
        std::fs::read(path).map_err(|e| format!("--ca {}: cannot read: {e}", path.display()))?;
    let mut store = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(&text) {
        let cert = cert.map_err(|e| format!("--ca {}: {e}", path.display()))?;
        store
            .add(cert)
            .map_err(|e| format!("--ca {}: {e}", path.display()))?;
    }
    if store.is_empty() {
        return Err(format!("--ca {}: no PEM certificate found", path.display()));
    }
    Ok(Arc::new(store))
}

/// Parse a `--timeout`-style duration (`2s`, `500ms`, `1m`).
///
/// # Errors
/// See [`crate::render::parse_duration`].
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    crate::render::parse_duration(s)
}

const TARGET_KEYS: &[&str] = &[
    "url",
    "name",
    "expect",
    "body",
    "body_regex",
    "headers",
    "max_redirects",
    "https_redirect",
    "hsts",
    "sni",
    "timeout",
    "count",
    "retries",
    "insecure",
    "ca",
];

/// Read a `--targets FILE`: a YAML list (or a mapping with a `targets:` list) whose items are
/// URLs or mappings with `url` and per-target options ([`TARGET_KEYS`]).
///
/// # Errors
/// Unreadable or malformed file, unknown keys, bad values (with the line).
pub fn load_targets(path: &Path, defaults: &Options) -> Result<Vec<Target>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("--targets {}: cannot read: {e}", path.display()))?;
    let file = yaml::parse(&text);
    let index = crate::source::LineIndex::new(&text);
    let line = |n: &Node| index.position(n.span.start, &text).line;
    let at = |n: &Node, msg: String| format!("{}:{}: {msg}", path.display(), line(n));
    if let Some(e) = file.errors.first() {
        return Err(format!(
            "{}:{}: {}",
            path.display(),
            index.position(e.offset, &text).line,
            e.message
        ));
    }
    let Some(doc) = file.docs.first() else {
        return Ok(Vec::new());
    };
    let list = match &doc.root.value {
        Value::Seq(_) => &doc.root,
        Value::Map(_) => doc
            .root
            .get("targets")
            .ok_or_else(|| at(&doc.root, "expected a `targets:` list".to_string()))?,
        Value::Null => return Ok(Vec::new()),
        _ => return Err(at(&doc.root, "expected a list of targets".to_string())),
    };
    if list.as_seq().is_none() {
        return Err(at(list, "expected a list of targets".to_string()));
    }
    let base = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for item in list.iter_seq() {
        let t = if let Some(url) = item.as_str() {
            Target::new(url, defaults.clone()).map_err(|e| at(item, e))?
        } else if item.as_map().is_some() {
            target_item(item, defaults, base).map_err(|(n, e)| at(n, e))?
        } else {
            return Err(at(
                item,
                "a target is a URL or a mapping with `url`".to_string(),
            ));
        };
        out.push(t);
    }
    Ok(out)
}

fn target_item<'n>(
    item: &'n Node,
    defaults: &Options,
    base: &Path,
) -> Result<Target, (&'n Node, String)> {
    let mut opts = defaults.clone();
    for (k, _) in item.iter_map() {
        let key = k.as_str().unwrap_or("");
        if !TARGET_KEYS.contains(&key) {
            let hint = crate::util::closest(key, TARGET_KEYS.iter().copied())
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            return Err((k, format!("unknown key `{key}`{hint}")));
        }
    }
    let url = item
        .get("url")
        .and_then(Node::as_str)
        .ok_or((item, "a target needs `url`".to_string()))?;
    let scalar = |n: &'n Node| -> Result<String, (&'n Node, String)> {
        match &n.value {
            Value::Str(s) => Ok(s.clone()),
            Value::Int(i) => Ok(i.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            Value::Float(f) => Ok(f.to_string()),
            _ => Err((n, "expected a scalar".to_string())),
        }
    };
    let uint = |n: &'n Node, what: &str| -> Result<u32, (&'n Node, String)> {
        n.as_i64()
            .and_then(|i| u32::try_from(i).ok())
            .ok_or((n, format!("`{what}` must be a non-negative integer")))
    };
    let boolean = |n: &'n Node, what: &str| -> Result<bool, (&'n Node, String)> {
        n.as_bool()
            .ok_or((n, format!("`{what}` must be true or false")))
    };
    if let Some(n) = item.get("expect") {
        let s = match &n.value {
            Value::Seq(items) => items
                .iter()
                .map(scalar)
                .collect::<Result<Vec<_>, _>>()?
                .join(","),
            _ => scalar(n)?,
        };
        opts.expect = StatusSet::parse(&s).map_err(|e| (n, e))?;
    }
    if let Some(n) = item.get("body") {
        opts.body_contains = Some(scalar(n)?);
    }
    if let Some(n) = item.get("body_regex") {
        let re = Regex::new(&scalar(n)?).map_err(|e| (n, format!("`body_regex`: {e}")))?;
        opts.body_regex = Some(re);
    }
    if let Some(n) = item.get("headers") {
        let mut checks = Vec::new();
        match &n.value {
            Value::Seq(items) => {
                for h in items {
                    checks.push(HeaderCheck::parse(&scalar(h)?).map_err(|e| (h, e))?);
                }
            }
            Value::Map(entries) => {
                for (k, v) in entries {
                    let spec = if v.is_null() {
                        scalar(k)?
                    } else {
                        format!("{}: {}", scalar(k)?, scalar(v)?)
                    };
                    checks.push(HeaderCheck::parse(&spec).map_err(|e| (k, e))?);
                }
            }
            _ => return Err((n, "`headers` is a list or a mapping".to_string())),
        }
        opts.headers = checks;
    }
    if let Some(n) = item.get("max_redirects") {
        opts.max_redirects = match n.as_bool() {
            Some(false) => 0,
            Some(true) => defaults.max_redirects.max(1),
            None => uint(n, "max_redirects")?,
        };
    }
    if let Some(n) = item.get("https_redirect") {
        opts.require_https_redirect = boolean(n, "https_redirect")?;
    }
    if let Some(n) = item.get("hsts") {
        opts.require_hsts = boolean(n, "hsts")?;
    }
    if let Some(n) = item.get("insecure") {
        opts.insecure = boolean(n, "insecure")?;
    }
    if let Some(n) = item.get("sni") {
        opts.sni = Some(scalar(n)?);
    }
    if let Some(n) = item.get("timeout") {
        opts.timeout = parse_duration(&scalar(n)?).map_err(|e| (n, e))?;
    }
    if let Some(n) = item.get("count") {
        opts.count = uint(n, "count")?.max(1);
    }
    if let Some(n) = item.get("retries") {
        opts.retries = uint(n, "retries")?;
    }
    if let Some(n) = item.get("ca") {
        let p = base.join(scalar(n)?);
        opts.ca = Some(load_ca(&p).map_err(|e| (n, e))?);
        opts.ca_path = Some(p.display().to_string());
    }
    let mut t = Target::new(url, opts).map_err(|e| (item, e))?;
    if let Some(n) = item.get("name") {
        t.name = scalar(n)?;
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn urls() {
        let u = parse_url("https://API.example.com/healthz?x=1").unwrap();
        assert_eq!(
            (u.kind, u.host.as_str(), u.port, u.path.as_str()),
            (Kind::Https, "api.example.com", 443, "/healthz?x=1")
        );
        let u = parse_url("tcp://[::1]:5432").unwrap();
        assert_eq!((u.host.as_str(), u.port), ("::1", 5432));
        assert_eq!(u.to_url_string(), "tcp://[::1]:5432");
        let u = parse_url("http://127.0.0.1:8080").unwrap();
        assert_eq!(u.path, "/");
        assert_eq!(u.host_header(), "127.0.0.1:8080");
        assert_eq!(parse_url("tls://example.com").unwrap().port, 443);
        for bad in [
            "example.com",
            "ftp://x",
            "tcp://db",
            "tcp://db:0",
            "tcp://db:99999",
            "http://u:p@host/",
            "tcp://::1:80",
            "http:///x",
            "tls://h:443/path",
            "http://ho st/",
        ] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn status_sets() {
        let s = StatusSet::parse("200-299, 301,4xx").unwrap();
        assert!(s.contains(204) && s.contains(301) && s.contains(404));
        assert!(!s.contains(302) && !s.contains(500));
        assert_eq!(s.to_string(), "200-299,301,400-499");
        assert!(StatusSet::parse("600").is_err());
        assert!(StatusSet::parse("300-200").is_err());
        assert!(StatusSet::parse("").is_err());
    }

    #[test]
    fn headers() {
        assert_eq!(
            HeaderCheck::parse("Content-Type: application/json").unwrap(),
            HeaderCheck {
                name: "Content-Type".into(),
                contains: Some("application/json".into())
            }
        );
        assert!(HeaderCheck::parse("bad header").is_err());
    }
}
