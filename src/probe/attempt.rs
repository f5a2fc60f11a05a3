//! One attempt at one target: what it measured and whether it passed.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::http::{self, HttpInfo};
use super::net::{self, Failure};
use super::target::{Kind, Target};
use super::tls::{self, TlsInfo};

/// The outcome of one attempt.
#[derive(Clone, Debug, Default)]
pub struct Attempt {
    /// Whole attempt (DNS to last byte).
    pub total: Duration,
    pub dns: Option<Duration>,
    pub connect: Option<Duration>,
    pub tls_time: Option<Duration>,
    /// Request sent → first response byte (HTTP).
    pub ttfb: Option<Duration>,
    pub addr: Option<SocketAddr>,
    pub tls: Option<TlsInfo>,
    pub http: Option<HttpInfo>,
    /// Transport failure: nothing (or nothing complete) came back.
    pub failure: Option<Failure>,
    /// Checks that failed on what did come back (status, body, certificate…).
    pub failed_checks: Vec<String>,
}

impl Attempt {
    #[must_use]
    pub fn ok(&self) -> bool {
        self.failure.is_none() && self.failed_checks.is_empty()
    }

    /// A reply came back (even a failing one): its time counts as a latency sample.
    #[must_use]
    pub fn answered(&self) -> bool {
        self.failure.is_none()
    }

    /// A one-line reason for a failed attempt.
    #[must_use]
    pub fn reason(&self) -> Option<String> {
        if let Some(f) = &self.failure {
            return Some(f.message());
        }
        (!self.failed_checks.is_empty()).then(|| self.failed_checks.join("; "))
    }
}

/// Run one attempt of `target`, bounded by `deadline`.
#[must_use]
pub fn run(target: &Target, deadline: Instant) -> Attempt {
    match target.kind {
        Kind::Http | Kind::Https => http::attempt(target, deadline),
        Kind::Tcp => tcp_attempt(target, deadline),
        Kind::Tls => tls_attempt(target, deadline),
    }
}

fn tcp_attempt(target: &Target, deadline: Instant) -> Attempt {
    let start = Instant::now();
    let mut a = Attempt::default();
    let r = (|| {
        let t = Instant::now();
        let addrs = net::resolve(&target.host, target.port, deadline)?;
        a.dns = (!net::is_ip(&target.host)).then(|| t.elapsed());
        let t = Instant::now();
        let (stream, addr) = net::connect(&addrs, deadline)?;
        a.connect = Some(t.elapsed());
        a.addr = Some(addr);
        drop(stream);
        Ok::<(), Failure>(())
    })();
    a.total = start.elapsed();
    if let Err(f) = r {
        a.failure = Some(f);
    }
    a
}

fn tls_attempt(target: &Target, deadline: Instant) -> Attempt {
    let start = Instant::now();
    let mut a = Attempt::default();
    let r = (|| {
        let t = Instant::now();
        let addrs = net::resolve(&target.host, target.port, deadline)?;
        a.dns = (!net::is_ip(&target.host)).then(|| t.elapsed());
        let t = Instant::now();
        let (tcp, addr) = net::connect(&addrs, deadline)?;
        a.connect = Some(t.elapsed());
        a.addr = Some(addr);
        let t = Instant::now();
        let roots = target
            .opts
            .ca
            .as_ref()
            .map(|r| (r, target.opts.ca_path.as_deref().unwrap_or("--ca")));
        let (mut stream, info) = tls::handshake(
            tcp,
            &target.host,
            target.opts.sni.as_deref(),
            roots,
            false,
            deadline,
        )?;
        a.tls_time = Some(t.elapsed());
        stream.conn.send_close_notify();
        let _ = stream.conn.complete_io(&mut stream.sock);
        let name = target.opts.sni.as_deref().unwrap_or(&target.host);
        tls_checks(target.opts.insecure, name, &info, &mut a.failed_checks);
        a.tls = Some(info);
        Ok::<(), Failure>(())
    })();
    a.total = start.elapsed();
    if let Err(f) = r {
        a.failure = Some(f);
    }
    a
}

/// Certificate checks that fail an attempt (unless `--insecure`). Expiry windows are judged
/// per target, not per attempt.
/// `name` is the name verified (the SNI override or the host).
pub fn tls_checks(insecure: bool, name: &str, info: &TlsInfo, failed: &mut Vec<String>) {
    if insecure {
        return;
    }
    if let Some(e) = &info.verify_error {
        failed.push(e.clone());
    }
    let name_error_reported = info
        .verify_error
        .as_deref()
        .is_some_and(|e| e.contains("host name"));
    if !info.hostname_match && !name_error_reported {
        failed.push(format!("certificate does not name {name}"));
    }
}
