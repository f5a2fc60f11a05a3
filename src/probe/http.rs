//! A minimal HTTP/1.1 client (GET, `Connection: close`, Content-Length / chunked / until
//! close), written for probing rather than taken from a crate: it runs over our own TCP and
//! TLS streams so every phase (DNS, connect, TLS, first byte, transfer) is timed separately,
//! the TLS details of the same handshake are reported, and redirects are followed by hand so
//! loops and HTTP→HTTPS upgrades are visible.

use std::io::Write;
use std::time::Instant;

use serde::Serialize;

use super::attempt::{Attempt, tls_checks};
use super::net::{self, Conn, Failure, io_failure};
use super::target::{Kind, Target, Url, parse_url};
use super::tls;

/// Bytes of a response body kept for `body` / `body_regex` checks; the rest is not read.
const MAX_BODY: usize = 1 << 20;
/// Largest response head accepted.
const MAX_HEAD: usize = 64 * 1024;

/// What the HTTP exchange showed (the final response, after redirects).
#[derive(Clone, Debug, Default, Serialize)]
pub struct HttpInfo {
    pub status: Option<u16>,
    /// Redirect locations followed, in order.
    pub redirects: Vec<String>,
    pub final_url: String,
    /// For an `http://` target: whether its first response redirected to `https://`.
    pub https_redirect: Option<bool>,
    /// `Strict-Transport-Security` of a final `https://` response.
    pub hsts: Option<String>,
    /// Body bytes read (at most 1 MiB).
    pub body_bytes: usize,
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP(S) attempt: request, redirects, then the target's checks on the final response.
#[must_use]
pub fn attempt(target: &Target, deadline: Instant) -> Attempt {
    let start = Instant::now();
    let mut a = Attempt::default();
    let mut info = HttpInfo::default();
    let result = exchange(target, deadline, &mut a, &mut info);
    a.total = start.elapsed();
    match result {
        Ok(resp) => {
            check_response(target, &resp, &info, &mut a.failed_checks);
            info.body_bytes = resp.body.len();
        }
        Err(f) => a.failure = Some(f),
    }
    a.http = Some(info);
    a
}

fn exchange(
    target: &Target,
    deadline: Instant,
    a: &mut Attempt,
    info: &mut HttpInfo,
) -> Result<Response, Failure> {
    let mut url = target.url_parts();
    let mut visited = vec![url.to_url_string()];
    let mut first = true;
    loop {
        info.final_url = url.to_url_string();
        let t = Instant::now();
        let addrs = net::resolve(&url.host, url.port, deadline)?;
        let dns = t.elapsed();
        let t = Instant::now();
        let (tcp, addr) = net::connect(&addrs, deadline)?;
        let connect = t.elapsed();
        if first {
            a.dns = (!net::is_ip(&url.host)).then_some(dns);
            a.connect = Some(connect);
            a.addr = Some(addr);
        }
        let mut conn = if url.kind == Kind::Https {
            let t = Instant::now();
            let roots = target
                .opts
                .ca
                .as_ref()
                .map(|r| (r, target.opts.ca_path.as_deref().unwrap_or("--ca")));
            let sni = if url.host == target.host {
                target.opts.sni.as_deref()
            } else {
                None
            };
            let (stream, tls_info) = tls::handshake(tcp, &url.host, sni, roots, true, deadline)?;
            // every https hop must verify; the first one's details are reported
            let name = sni.unwrap_or(&url.host);
            tls_checks(target.opts.insecure, name, &tls_info, &mut a.failed_checks);
            if a.tls.is_none() {
                a.tls_time = Some(t.elapsed());
                a.tls = Some(tls_info);
            }
            Conn::Tls(Box::new(stream))
        } else {
            Conn::Plain(tcp)
        };
        let resp = request(&mut conn, &url, deadline, first.then_some(&mut *a))?;
        if first && target.kind == Kind::Http {
            info.https_redirect = Some(
                (300..400).contains(&resp.status)
                    && resp
                        .header("location")
                        .is_some_and(|l| l.trim().to_ascii_lowercase().starts_with("https://")),
            );
        }
        first = false;
        let location = resp.header("location").map(str::trim).map(str::to_string);
        match location {
            Some(loc) if (300..400).contains(&resp.status) && target.opts.max_redirects > 0 => {
                let redirects = u32::try_from(info.redirects.len()).unwrap_or(u32::MAX);
                if redirects >= target.opts.max_redirects {
                    return Err(Failure::Error(format!(
                        "too many redirects (more than {})",
                        target.opts.max_redirects
                    )));
                }
                let next = resolve_location(&url, &loc)?;
                let next_s = next.to_url_string();
                if visited.contains(&next_s) {
                    return Err(Failure::Error(format!(
                        "redirect loop: {} → {next_s}",
                        url.to_url_string()
                    )));
                }
                visited.push(next_s.clone());
                info.redirects.push(next_s);
                url = next;
            }
            _ => {
                info.status = Some(resp.status);
                if url.kind == Kind::Https {
                    info.hsts = resp.header("strict-transport-security").map(str::to_string);
                }
                return Ok(resp);
            }
        }
    }
}

/// Where a `Location` header points, from `base`.
fn resolve_location(base: &Url, loc: &str) -> Result<Url, Failure> {
    let bad = || Failure::Error(format!("redirect to an unusable location `{loc}`"));
    if loc.contains("://") {
        let u = parse_url(loc).map_err(|_| bad())?;
        return match u.kind {
            Kind::Http | Kind::Https => Ok(u),
            Kind::Tcp | Kind::Tls => Err(bad()),
        };
    }
    if let Some(rest) = loc.strip_prefix("//") {
        return parse_url(&format!("{}://{rest}", base.kind.as_str())).map_err(|_| bad());
    }
    let path = if loc.starts_with('/') {
        loc.to_string()
    } else {
        let dir = base
            .path
            .split('?')
            .next()
            .and_then(|p| p.rsplit_once('/'))
            .map_or("", |(d, _)| d);
        format!("{dir}/{loc}")
    };
    if path.bytes().any(|b| b.is_ascii_control() || b == b' ') {
        return Err(bad());
    }
    Ok(Url {
        path,
        ..base.clone()
    })
}

/// Send a GET and read the response. When `timing` is given, time-to-first-byte goes there.
fn request(
    conn: &mut Conn,
    url: &Url,
    deadline: Instant,
    timing: Option<&mut Attempt>,
) -> Result<Response, Failure> {
    let req = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: ironlaw-probe/{}\r\nAccept: */*\r\nConnection: close\r\n\r\n",
        url.path,
        url.host_header(),
        env!("CARGO_PKG_VERSION")
    );
    let sent = Instant::now();
    conn.arm(deadline, "sending the request")?;
    conn.write_all(req.as_bytes())
        .and_then(|()| conn.flush())
        .map_err(|e| io_failure(&e, "sending the request"))?;
    let mut r = Reader {
        conn,
        buf: Vec::new(),
        start: 0,
        deadline,
    };
    let status_line = r.line("waiting for the response")?;
    if let Some(a) = timing {
        a.ttfb = Some(sent.elapsed());
    }
    let mut parts = status_line.split_whitespace();
    let status = match (parts.next(), parts.next()) {
        (Some(v), Some(code)) if v.starts_with("HTTP/") => code.parse::<u16>().ok(),
        _ => None,
    }
    .filter(|c| (100..=999).contains(c))
    .ok_or_else(|| {
        Failure::Error(format!(
            "not an HTTP response: `{}`",
            status_line.chars().take(60).collect::<String>()
        ))
    })?;
    let mut headers = Vec::new();
    let mut head_len = status_line.len();
    loop {
        let line = r.line("reading the response headers")?;
        if line.is_empty() {
            break;
        }
        head_len += line.len();
        if head_len > MAX_HEAD {
            return Err(Failure::Error("response headers too large".to_string()));
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let mut resp = Response {
        status,
        headers,
        body: Vec::new(),
    };
    if (100..200).contains(&status) || status == 204 || status == 304 {
        return Ok(resp);
    }
    let chunked = resp
        .header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let length = resp
        .header("content-length")
        .and_then(|v| v.trim().parse::<usize>().ok());
    let mut body = Vec::new();
    if chunked {
        r.chunked(&mut body)?;
    } else if let Some(n) = length {
        r.exact(n.min(MAX_BODY), &mut body)?;
    } else {
        r.until_eof(&mut body)?;
    }
    resp.body = body;
    Ok(resp)
}

struct Reader<'c> {
    conn: &'c mut Conn,
    buf: Vec<u8>,
    start: usize,
    deadline: Instant,
}

impl Reader<'_> {
    fn avail(&self) -> &[u8] {
        self.buf.get(self.start..).unwrap_or(&[])
    }

    fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.buf.len());
        if self.start > 64 * 1024 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
    }

    /// Read more; `false` at end of stream.
    fn fill(&mut self, phase: &'static str) -> Result<bool, Failure> {
        self.conn.arm(self.deadline, phase)?;
        let mut tmp = [0u8; 16 * 1024];
        let n = std::io::Read::read(self.conn, &mut tmp).map_err(|e| io_failure(&e, phase))?;
        self.buf.extend_from_slice(tmp.get(..n).unwrap_or(&[]));
        Ok(n > 0)
    }

    fn line(&mut self, phase: &'static str) -> Result<String, Failure> {
        loop {
            if let Some(i) = self.avail().windows(2).position(|w| w == b"\r\n") {
                let line =
                    String::from_utf8_lossy(self.avail().get(..i).unwrap_or(&[])).into_owned();
                self.consume(i + 2);
                return Ok(line);
            }
            if self.avail().len() > MAX_HEAD {
                return Err(Failure::Error(format!("{phase}: line too long")));
            }
            if !self.fill(phase)? {
                return Err(Failure::Error(format!(
                    "{phase}: connection closed by the peer"
                )));
            }
        }
    }

    fn exact(&mut self, mut n: usize, out: &mut Vec<u8>) -> Result<(), Failure> {
        while n > 0 {
            if self.avail().is_empty() && !self.fill("reading the body")? {
                return Err(Failure::Error(
                    "reading the body: connection closed before the end".to_string(),
                ));
            }
            let k = n.min(self.avail().len());
            out.extend_from_slice(self.avail().get(..k).unwrap_or(&[]));
            self.consume(k);
            n -= k;
        }
        Ok(())
    }

    fn until_eof(&mut self, out: &mut Vec<u8>) -> Result<(), Failure> {
        loop {
            let room = MAX_BODY.saturating_sub(out.len());
            let k = room.min(self.avail().len());
            out.extend_from_slice(self.avail().get(..k).unwrap_or(&[]));
            self.consume(k);
            if out.len() >= MAX_BODY || !self.fill("reading the body")? {
                return Ok(());
            }
        }
    }

    fn chunked(&mut self, out: &mut Vec<u8>) -> Result<(), Failure> {
        loop {
            let line = self.line("reading the body")?;
            let size = line.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size, 16)
                .map_err(|_| Failure::Error("reading the body: bad chunk size".to_string()))?;
            if size == 0 {
                return Ok(());
            }
            let keep = size.min(MAX_BODY.saturating_sub(out.len()));
            self.exact(keep, out)?;
            if keep < size {
                // enough for the checks; the rest is never read
                return Ok(());
            }
            self.line("reading the body")?;
        }
    }
}

/// The target's checks on the final response.
fn check_response(target: &Target, resp: &Response, info: &HttpInfo, failed: &mut Vec<String>) {
    let o = &target.opts;
    if !o.expect.contains(resp.status) {
        failed.push(format!("status {} not in {}", resp.status, o.expect));
    }
    if o.require_https_redirect && info.https_redirect == Some(false) {
        failed.push("no redirect from http:// to https://".to_string());
    }
    if o.require_hsts && info.hsts.is_none() {
        if info.final_url.starts_with("https://") {
            failed.push("no Strict-Transport-Security header".to_string());
        } else {
            failed.push("HSTS required but the final response is not over https".to_string());
        }
    }
    if o.body_contains.is_some() || o.body_regex.is_some() {
        let body = String::from_utf8_lossy(&resp.body);
        if let Some(s) = &o.body_contains {
            if !body.contains(s.as_str()) {
                failed.push(format!("body does not contain {s:?}"));
            }
        }
        if let Some(re) = &o.body_regex {
            if !re.is_match(&body) {
                failed.push(format!("body does not match /{}/", re.as_str()));
            }
        }
    }
    for h in &o.headers {
        match (resp.header(&h.name), &h.contains) {
            (None, _) => failed.push(format!("no {} header", h.name)),
            (Some(v), Some(want)) if !v.contains(want.as_str()) => {
                failed.push(format!(
                    "header {}: {v:?} does not contain {want:?}",
                    h.name
                ));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn locations() {
        let base = parse_url("http://h:8080/a/b?x=1").unwrap();
        assert_eq!(
            resolve_location(&base, "/c").unwrap().to_url_string(),
            "http://h:8080/c"
        );
        assert_eq!(
            resolve_location(&base, "c").unwrap().to_url_string(),
            "http://h:8080/a/c"
        );
        assert_eq!(
            resolve_location(&base, "https://h/")
                .unwrap()
                .to_url_string(),
            "https://h:443/"
        );
        assert_eq!(
            resolve_location(&base, "//o:1/p").unwrap().to_url_string(),
            "http://o:1/p"
        );
        assert!(resolve_location(&base, "tcp://x:1").is_err());
    }
}
