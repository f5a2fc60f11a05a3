//! `ironlaw probe` end to end: the real binary against HTTP and TLS servers that the tests
//! start on loopback, with certificates generated per test (rcgen). Nothing leaves the machine.
#![cfg(feature = "probe")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::Value;

// ---------------------------------------------------------------- servers

/// Read a request head; the path.
fn read_path(stream: &mut impl Read) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).ok()? == 0 || head.len() > 16 * 1024 {
            return None;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let target = head.split_whitespace().nth(1)?;
    target.split('?').next().map(str::to_string)
}

/// The response for a path of the test HTTP server.
fn respond(path: &str, out: &mut impl Write) {
    let simple = |status: &str, extra: &str, body: &str| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let resp = match path {
        "/healthz" => simple("200 OK", "Content-Type: text/plain\r\n", "ok"),
        "/json" => simple(
            "200 OK",
            "Content-Type: application/json\r\n",
            r#"{"status": "up", "checks": 3}"#,
        ),
        "/chunked" => "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n7\r\nstatus:\r\n4\r\n up!\r\n0\r\n\r\n".to_string(),
        "/eof" => "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nread until close".to_string(),
        "/500" => simple("500 Internal Server Error", "", "boom"),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(5));
            simple("200 OK", "", "late")
        }
        "/loop" => simple("302 Found", "Location: /loop2\r\n", ""),
        "/loop2" => simple("302 Found", "Location: /loop\r\n", ""),
        "/hop" => simple("301 Moved Permanently", "Location: /healthz\r\n", ""),
        "/hsts" => simple(
            "200 OK",
            "Strict-Transport-Security: max-age=31536000\r\n",
            "secure",
        ),
        p if p.starts_with("/upgrade/") => simple(
            "301 Moved Permanently",
            &format!(
                "Location: https://localhost:{}/hsts\r\n",
                p.trim_start_matches("/upgrade/")
            ),
            "",
        ),
        _ => simple("404 Not Found", "", "no"),
    };
    let _ = out.write_all(resp.as_bytes());
    let _ = out.flush();
}

/// A plain HTTP server on 127.0.0.1 (one thread per connection); its port.
fn http_server() -> u16 {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            std::thread::spawn(move || {
                if let Some(p) = read_path(&mut s) {
                    respond(&p, &mut s);
                }
            });
        }
    });
    port
}

/// A server that resets every connection (closes with the request unread).
fn reset_server() -> u16 {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(s) = s else { continue };
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(100));
                drop(s); // unread data → RST
            });
        }
    });
    port
}

/// A port with nothing listening.
fn closed_port() -> u16 {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    l.local_addr().unwrap().port()
}

/// A TLS server with this chain (leaf first) that answers HTTP like [`http_server`].
fn tls_server(chain: Vec<CertificateDer<'static>>, key: PrivateKeyDer<'static>) -> u16 {
    let cfg = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .unwrap();
    let cfg = Arc::new(cfg);
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(s) = s else { continue };
            let cfg = Arc::clone(&cfg);
            std::thread::spawn(move || {
                let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
                let Ok(conn) = rustls::ServerConnection::new(cfg) else {
                    return;
                };
                let mut tls = rustls::StreamOwned::new(conn, s);
                if let Some(p) = read_path(&mut tls) {
                    respond(&p, &mut tls);
                    tls.conn.send_close_notify();
                    let _ = tls.flush();
                }
            });
        }
    });
    port
}

// ---------------------------------------------------------------- certificates

struct Pki {
    ca_pem: String,
    issuer: Issuer<'static, KeyPair>,
}

fn days(n: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc() + time::Duration::days(n)
}

fn ca() -> Pki {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.distinguished_name
        .push(DnType::CommonName, "ironlaw test CA");
    p.not_before = days(-30);
    p.not_after = days(3650);
    let key = KeyPair::generate().unwrap();
    let cert = p.self_signed(&key).unwrap();
    Pki {
        ca_pem: cert.pem(),
        issuer: Issuer::new(p, key),
    }
}

/// A leaf for `names`, valid from `from` to `to` days from now, signed by the CA.
fn leaf(
    pki: &Pki,
    names: &[&str],
    from: i64,
    to: i64,
) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>) {
    let mut p =
        CertificateParams::new(names.iter().map(|s| (*s).to_string()).collect::<Vec<_>>()).unwrap();
    p.distinguished_name.push(DnType::CommonName, names[0]);
    p.not_before = days(from);
    p.not_after = days(to);
    let key = KeyPair::generate().unwrap();
    let cert = p.signed_by(&key, &pki.issuer).unwrap();
    (
        vec![cert.der().clone()],
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
    )
}

/// A self-signed leaf; its PEM too (for `--ca`).
fn self_signed(names: &[&str]) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>, String) {
    let mut p =
        CertificateParams::new(names.iter().map(|s| (*s).to_string()).collect::<Vec<_>>()).unwrap();
    p.distinguished_name.push(DnType::CommonName, names[0]);
    p.not_before = days(-1);
    p.not_after = days(60);
    let key = KeyPair::generate().unwrap();
    let cert = p.self_signed(&key).unwrap();
    (
        vec![cert.der().clone()],
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        cert.pem(),
    )
}

fn pem_file(dir: &tempfile::TempDir, name: &str, pem: &str) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, pem).unwrap();
    p
}

// ---------------------------------------------------------------- running

fn ironlaw() -> Command {
    let mut c = Command::cargo_bin("ironlaw").unwrap();
    c.env_remove("NO_COLOR").arg("probe");
    c
}

/// Run `ironlaw probe ARGS --format json`: (report, exit code, wall time).
fn probe_json(args: &[&str]) -> (Value, i32, Duration) {
    let start = Instant::now();
    let out = ironlaw()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let took = start.elapsed();
    let code = out.status.code().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bad json ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, code, took)
}

fn one(args: &[&str]) -> (Value, i32) {
    let (v, code, _) = probe_json(args);
    assert_eq!(v["targets"].as_array().unwrap().len(), 1, "{v:#}");
    (v["targets"][0].clone(), code)
}

// ---------------------------------------------------------------- HTTP

#[test]
fn http_healthy_with_latency_over_samples() {
    let port = http_server();
    let url = format!("http://127.0.0.1:{port}/healthz");
    let (t, code) = one(&[&url, "--count", "5"]);
    assert_eq!(code, 0, "{t:#}");
    assert_eq!(t["status"], "up");
    assert_eq!(t["healthy"], true);
    assert_eq!(t["http"]["status"], 200);
    assert_eq!(t["samples"], 5);
    assert_eq!(t["ip_version"], 4);
    let l = &t["latency"];
    assert_eq!(l["samples"], 5);
    let (min, p50, p95, p99, max) = (
        l["min"].as_f64().unwrap(),
        l["p50"].as_f64().unwrap(),
        l["p95"].as_f64().unwrap(),
        l["p99"].as_f64().unwrap(),
        l["max"].as_f64().unwrap(),
    );
    assert!(min > 0.0 && min <= p50 && p50 <= p95 && p95 <= p99 && p99 <= max);
    // an IP literal needs no lookup
    assert!(t["dns_seconds"].is_null());
}

#[test]
fn http_500_is_down_unless_expected() {
    let port = http_server();
    let url = format!("http://127.0.0.1:{port}/500");
    let (t, code) = one(&[&url]);
    assert_eq!(code, 1);
    assert_eq!(t["status"], "down");
    assert_eq!(t["http"]["status"], 500);
    assert!(
        t["error"]
            .as_str()
            .unwrap()
            .contains("status 500 not in 200-399")
    );
    let (t, code) = one(&[&url, "--expect", "200,500-503"]);
    assert_eq!((code, &t["status"]), (0, &Value::from("up")));
}

#[test]
fn retries_are_counted() {
    let port = http_server();
    let url = format!("http://127.0.0.1:{port}/500");
    let (t, code) = one(&[&url, "--retries", "2"]);
    assert_eq!(code, 1);
    assert_eq!(t["attempts"], 3);
    assert_eq!(t["samples"], 1);
}

#[test]
fn slow_response_times_out() {
    let port = http_server();
    let url = format!("http://127.0.0.1:{port}/slow");
    let (v, code, took) = probe_json(&[&url, "--timeout", "300ms"]);
    let t = &v["targets"][0];
    assert_eq!(code, 1);
    assert_eq!(t["status"], "timeout");
    assert!(t["error"].as_str().unwrap().contains("timed out"), "{t:#}");
    assert!(took < Duration::from_secs(4), "took {took:?}");
}

#[test]
fn global_deadline_bounds_the_run() {
    let port = http_server();
    let slow = format!("http://127.0.0.1:{port}/slow");
    let fast = format!("http://127.0.0.1:{port}/healthz");
    let (v, code, took) = probe_json(&[&slow, &fast, "--timeout", "30s", "--deadline", "1s"]);
    assert_eq!(code, 1);
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert_eq!(v["targets"][0]["status"], "timeout");
    assert_eq!(v["targets"][1]["status"], "up");
    assert_eq!(v["summary"]["timeout"], 1);
}

#[test]
fn deadline_reports_running_and_unstarted_targets() {
    let port = http_server();
    let slow: Vec<String> = (0..3)
        .map(|i| format!("http://127.0.0.1:{port}/slow?{i}"))
        .collect();
    let mut args: Vec<&str> = slow.iter().map(String::as_str).collect();
    args.extend([
        "--concurrency",
        "1",
        "--timeout",
        "30s",
        "--deadline",
        "800ms",
    ]);
    let (v, code, took) = probe_json(&args);
    assert_eq!(code, 1);
    assert!(took < Duration::from_secs(4), "took {took:?}");
    let errors: Vec<&str> = v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["error"].as_str().unwrap())
        .collect();
    assert!(
        errors[0].contains("timed out") || errors[0].contains("still running"),
        "{errors:?}"
    );
    assert!(
        errors[2].contains("not started before the deadline"),
        "{errors:?}"
    );
    assert_eq!(v["summary"]["timeout"], 3);
}

#[test]
fn redirects_followed_and_loops_caught() {
    let port = http_server();
    let hop = format!("http://127.0.0.1:{port}/hop");
    let (t, code) = one(&[&hop]);
    assert_eq!(code, 0, "{t:#}");
    assert_eq!(t["http"]["status"], 200);
    assert_eq!(t["http"]["redirects"].as_array().unwrap().len(), 1);
    assert_eq!(t["http"]["https_redirect"], false);
    // not following: the 301 itself is judged
    let (t, code) = one(&[&hop, "--max-redirects", "0", "--expect", "200"]);
    assert_eq!(code, 1);
    assert_eq!(t["http"]["status"], 301);
    // the http→https check
    let (t, code) = one(&[&hop, "--require-https-redirect"]);
    assert_eq!(code, 1);
    assert!(t["error"].as_str().unwrap().contains("https"));
    let lp = format!("http://127.0.0.1:{port}/loop");
    let (t, code) = one(&[&lp]);
    assert_eq!(code, 1);
    assert!(
        t["error"].as_str().unwrap().contains("redirect loop"),
        "{t:#}"
    );
    let (t, _) = one(&[&lp, "--max-redirects", "1"]);
    assert!(
        t["error"].as_str().unwrap().contains("too many redirects"),
        "{t:#}"
    );
}

#[test]
fn reset_and_refused_are_down() {
    let reset = format!("http://127.0.0.1:{}/", reset_server());
    let (t, code) = one(&[&reset]);
    assert_eq!(code, 1);
    assert_eq!(t["status"], "down");
    let e = t["error"].as_str().unwrap();
    assert!(e.contains("reset") || e.contains("closed"), "{e}");
    let closed = format!("tcp://127.0.0.1:{}", closed_port());
    let (t, code) = one(&[&closed]);
    assert_eq!(code, 1);
    assert!(t["error"].as_str().unwrap().contains("refused"));
    let closed_http = format!("http://127.0.0.1:{}/", closed_port());
    let (t, _) = one(&[&closed_http]);
    assert!(t["error"].as_str().unwrap().contains("refused"));
}

#[test]
fn body_and_header_checks() {
    let port = http_server();
    let url = format!("http://127.0.0.1:{port}/json");
    let (_, code) = one(&[
        &url,
        "--body",
        "\"up\"",
        "--body-regex",
        r#""checks":\s*\d+"#,
        "--header",
        "Content-Type: application/json",
    ]);
    assert_eq!(code, 0);
    let (t, code) = one(&[&url, "--body", "down", "--header", "X-Missing"]);
    assert_eq!(code, 1);
    let e = t["error"].as_str().unwrap();
    assert!(
        e.contains("body does not contain") && e.contains("no X-Missing header"),
        "{e}"
    );
    for path in ["chunked", "eof"] {
        let url = format!("http://127.0.0.1:{port}/{path}");
        let (t, code) = one(&[&url, "--body-regex", "status: up!|until close"]);
        assert_eq!(code, 0, "{t:#}");
    }
}

#[test]
fn tcp_over_ipv6_and_names() {
    let Ok(l) = TcpListener::bind("[::1]:0") else {
        eprintln!("no IPv6 loopback here; skipped");
        return;
    };
    let port = l.local_addr().unwrap().port();
    let (t, code) = one(&[&format!("tcp://[::1]:{port}")]);
    assert_eq!(code, 0);
    assert_eq!(t["ip_version"], 6);
    assert_eq!(t["address"], "::1");
    // a name is resolved, and the lookup timed separately
    let l4 = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = l4.local_addr().unwrap().port();
    let (t, code) = one(&[&format!("tcp://localhost:{port}")]);
    assert_eq!(code, 0, "{t:#}");
    assert!(t["dns_seconds"].as_f64().is_some());
}

// ---------------------------------------------------------------- TLS

#[test]
fn tls_valid_with_ca() {
    let pki = ca();
    let (chain, key) = leaf(&pki, &["localhost", "127.0.0.1"], -1, 90);
    let port = tls_server(chain, key);
    let dir = tempfile::tempdir().unwrap();
    let ca = pem_file(&dir, "ca.pem", &pki.ca_pem);
    let ca = ca.to_str().unwrap();
    let (t, code) = one(&[&format!("tls://127.0.0.1:{port}"), "--ca", ca]);
    assert_eq!(code, 0, "{t:#}");
    assert_eq!(t["tls"]["version"], "TLS 1.3");
    assert_eq!(t["tls"]["verified"], true);
    assert_eq!(t["tls"]["hostname_match"], true);
    assert_eq!(t["cert"]["state"], "ok");
    let d = t["cert"]["earliest_days_left"].as_i64().unwrap();
    assert!((88..=90).contains(&d), "{d}");
    // SNI: a name instead of the address
    let (t, code) = one(&[
        &format!("tls://127.0.0.1:{port}"),
        "--ca",
        ca,
        "--sni",
        "localhost",
    ]);
    assert_eq!(code, 0);
    assert_eq!(t["tls"]["sni"], "localhost");
    // https over the same server, with HSTS
    let url = format!("https://localhost:{port}/hsts");
    let (t, code) = one(&[&url, "--ca", ca, "--require-hsts"]);
    assert_eq!(code, 0, "{t:#}");
    assert_eq!(t["http"]["status"], 200);
    assert_eq!(t["http"]["hsts"], "max-age=31536000");
    // http → https upgrade, followed, with HSTS at the end
    let plain = http_server();
    let url = format!("http://127.0.0.1:{plain}/upgrade/{port}");
    let (t, code) = one(&[
        &url,
        "--ca",
        ca,
        "--require-https-redirect",
        "--require-hsts",
    ]);
    assert_eq!(code, 0, "{t:#}");
    assert_eq!(t["http"]["https_redirect"], true);
    assert_eq!(
        t["http"]["final_url"],
        format!("https://localhost:{port}/hsts")
    );
    assert_eq!(t["tls"]["verified"], true);
    let url = format!("https://localhost:{port}/healthz");
    let (t, code) = one(&[&url, "--ca", ca, "--require-hsts"]);
    assert_eq!(code, 1);
    assert!(
        t["error"]
            .as_str()
            .unwrap()
            .contains("Strict-Transport-Security")
    );
    // without the CA: not trusted (bundled Mozilla roots), unless --insecure
    let (t, code) = one(&[&format!("tls://127.0.0.1:{port}")]);
    assert_eq!(code, 1);
    assert_eq!(t["status"], "down");
    assert!(
        t["error"].as_str().unwrap().contains("unknown issuer"),
        "{t:#}"
    );
    assert_eq!(t["tls"]["roots"], "mozilla");
    let (t, code) = one(&[&format!("tls://127.0.0.1:{port}"), "--insecure"]);
    assert_eq!(code, 0);
    assert_eq!(t["tls"]["verified"], false);
}

#[test]
fn tls_expiring_in_five_days_is_critical() {
    let pki = ca();
    let (chain, key) = leaf(&pki, &["localhost", "127.0.0.1"], -80, 5);
    let port = tls_server(chain, key);
    let dir = tempfile::tempdir().unwrap();
    let ca = pem_file(&dir, "ca.pem", &pki.ca_pem);
    let target = format!("tls://127.0.0.1:{port}");
    let (t, code) = one(&[&target, "--ca", ca.to_str().unwrap()]);
    assert_eq!(code, 1, "{t:#}");
    assert_eq!(t["status"], "up");
    assert_eq!(t["healthy"], false);
    assert_eq!(t["cert"]["state"], "critical");
    assert_eq!(t["cert"]["threshold_days"], 7);
    assert!((4..=5).contains(&t["cert"]["earliest_days_left"].as_i64().unwrap()));
    // with other windows, 5 days is only a warning
    let (t, code) = one(&[&target, "--ca", ca.to_str().unwrap(), "--warn-days", "10,3"]);
    assert_eq!(code, 0);
    assert_eq!(t["cert"]["state"], "warning");
    assert_eq!(t["cert"]["threshold_days"], 10);
}

#[test]
fn tls_expired_is_down_with_its_expiry() {
    let pki = ca();
    let (chain, key) = leaf(&pki, &["localhost", "127.0.0.1"], -90, -2);
    let port = tls_server(chain, key);
    let dir = tempfile::tempdir().unwrap();
    let ca = pem_file(&dir, "ca.pem", &pki.ca_pem);
    let (t, code) = one(&[
        &format!("tls://127.0.0.1:{port}"),
        "--ca",
        ca.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(t["status"], "down");
    assert!(t["error"].as_str().unwrap().contains("expired"), "{t:#}");
    assert_eq!(t["cert"]["state"], "expired");
    assert!(t["cert"]["earliest_days_left"].as_i64().unwrap() < 0);
}

#[test]
fn tls_wrong_hostname() {
    let pki = ca();
    let (chain, key) = leaf(&pki, &["other.example"], -1, 90);
    let port = tls_server(chain, key);
    let dir = tempfile::tempdir().unwrap();
    let ca = pem_file(&dir, "ca.pem", &pki.ca_pem);
    let (t, code) = one(&[
        &format!("tls://127.0.0.1:{port}"),
        "--ca",
        ca.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(t["tls"]["hostname_match"], false);
    assert!(t["error"].as_str().unwrap().contains("host name"), "{t:#}");
    // the right name through SNI
    let (t, code) = one(&[
        &format!("tls://127.0.0.1:{port}"),
        "--ca",
        ca.to_str().unwrap(),
        "--sni",
        "other.example",
    ]);
    assert_eq!(code, 0, "{t:#}");
}

#[test]
fn tls_self_signed_with_and_without_ca() {
    let (chain, key, pem) = self_signed(&["localhost", "127.0.0.1"]);
    let port = tls_server(chain, key);
    let target = format!("tls://127.0.0.1:{port}");
    let (t, code) = one(&[&target]);
    assert_eq!(code, 1);
    assert_eq!(t["status"], "down");
    assert_eq!(t["tls"]["verified"], false);
    // still reported with its expiry
    assert!((58..=60).contains(&t["cert"]["earliest_days_left"].as_i64().unwrap()));
    let dir = tempfile::tempdir().unwrap();
    let ca = pem_file(&dir, "self.pem", &pem);
    let (t, code) = one(&[&target, "--ca", ca.to_str().unwrap()]);
    assert_eq!(code, 0, "{t:#}");
    assert_eq!(t["tls"]["verified"], true);
}

// ---------------------------------------------------------------- formats, files, exit codes

#[test]
fn every_format() {
    let port = http_server();
    let ok = format!("http://127.0.0.1:{port}/healthz");
    let bad = format!("http://127.0.0.1:{port}/500");
    let text = ironlaw().args([&ok, &bad]).output().unwrap();
    assert_eq!(text.status.code(), Some(1));
    let s = String::from_utf8(text.stdout).unwrap();
    assert!(s.starts_with("TARGET"), "{s}");
    assert!(s.contains("2 target(s): 1 up, 1 down — 1 unhealthy"), "{s}");

    let junit = ironlaw()
        .args([&ok, &bad, "--format", "junit"])
        .output()
        .unwrap();
    assert_eq!(junit.status.code(), Some(1));
    let x = String::from_utf8(junit.stdout).unwrap();
    assert!(
        x.contains(r#"tests="2""#) && x.contains(r#"failures="1""#),
        "{x}"
    );
    assert_eq!(x.matches("<testcase ").count(), 2);
    assert!(x.contains("status 500 not in 200-399"));

    let prom = ironlaw()
        .args([&ok, &bad, "--format", "prometheus"])
        .output()
        .unwrap();
    let p = String::from_utf8(prom.stdout).unwrap();
    assert!(
        p.contains(&format!("probe_success{{target=\"{ok}\",kind=\"http\"}} 1")),
        "{p}"
    );
    assert!(p.contains(&format!(
        "probe_success{{target=\"{bad}\",kind=\"http\"}} 0"
    )));
    assert!(p.contains(&format!(
        "probe_http_status_code{{target=\"{bad}\",kind=\"http\"}} 500"
    )));
    assert!(p.contains("# TYPE probe_duration_seconds gauge"));
    // every sample line is `name{labels} value`
    for line in p.lines().filter(|l| !l.starts_with('#')) {
        let (_, value) = line.rsplit_once(' ').unwrap();
        value.parse::<f64>().unwrap();
    }

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("probe.json");
    ironlaw()
        .args([&ok, "--format", "json", "--output", out.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout("");
    let v: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["healthy"], true);
}

#[test]
fn tls_metrics_in_prometheus() {
    let pki = ca();
    let (chain, key) = leaf(&pki, &["127.0.0.1"], -1, 20);
    let port = tls_server(chain, key);
    let dir = tempfile::tempdir().unwrap();
    let ca = pem_file(&dir, "ca.pem", &pki.ca_pem);
    let out = ironlaw()
        .args([
            &format!("tls://127.0.0.1:{port}"),
            "--ca",
            ca.to_str().unwrap(),
            "--format",
            "prometheus",
        ])
        .output()
        .unwrap();
    // 20 days: a warning, not critical → exit 0
    assert_eq!(out.status.code(), Some(0));
    let p = String::from_utf8(out.stdout).unwrap();
    assert!(p.contains("probe_tls_version_info{") && p.contains("version=\"TLS 1.3\"} 1"));
    let expiry = p
        .lines()
        .find(|l| l.starts_with("probe_ssl_earliest_cert_expiry{"))
        .unwrap();
    let ts: f64 = expiry.rsplit_once(' ').unwrap().1.parse().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    assert!((ts - now - 20.0 * 86_400.0).abs() < 3_600.0);
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        vec!["example.com"],
        vec!["tcp://db"],
        vec![],
        vec!["http://x/", "--count", "0"],
        vec!["http://x/", "--expect", "700"],
        vec!["http://x/", "--timeout", "soon"],
        vec!["http://x/", "--warn-days", "0"],
        vec!["http://x/", "--body-regex", "("],
        vec!["http://x/", "--ca", "/nonexistent/ca.pem"],
        vec!["http://x/", "--format", "xml"],
    ] {
        let out = ironlaw().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn targets_file_with_per_target_options() {
    let port = http_server();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("targets.yaml");
    std::fs::write(
        &file,
        format!(
            "targets:\n  - http://127.0.0.1:{port}/healthz\n  - url: http://127.0.0.1:{port}/500\n    name: api-errors\n    expect: [500]\n    body: boom\n  - url: tcp://127.0.0.1:{port}\n    count: 3\n"
        ),
    )
    .unwrap();
    let (v, code, _) = probe_json(&["--targets", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{v:#}");
    let names: Vec<&str> = v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            format!("http://127.0.0.1:{port}/healthz").as_str(),
            "api-errors",
            format!("tcp://127.0.0.1:{port}").as_str()
        ]
    );
    assert_eq!(v["targets"][2]["samples"], 3);
    // unknown keys are errors with a suggestion
    std::fs::write(&file, "- url: http://x/\n  expcet: 200\n").unwrap();
    let out = ironlaw()
        .args(["--targets", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("targets.yaml:2") && err.contains("did you mean `expect`"),
        "{err}"
    );
}

#[test]
fn targets_from_compose_manifest() {
    let port = http_server();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("docker-compose.yml"),
        format!(
            "services:\n  web:\n    image: web:1.0\n    ports: [\"127.0.0.1:{port}:8080\"]\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/healthz\"]\n"
        ),
    )
    .unwrap();
    let (v, code, _) = probe_json(&["--from-manifests", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{v:#}");
    let t = &v["targets"][0];
    assert_eq!(t["url"], format!("http://127.0.0.1:{port}/healthz"));
    assert!(t["source"].as_str().unwrap().contains("service \"web\""));
}

#[test]
fn watch_appends_json_lines() {
    let port = http_server();
    let url = format!("http://127.0.0.1:{port}/healthz");
    let out = ironlaw()
        .args([&url, "--watch", "100ms", "--rounds", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = s
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{s}");
    assert_eq!(lines[0]["type"], "round");
    assert_eq!(lines[1]["round"], 2);
    assert_eq!(lines[2]["type"], "summary");
    assert_eq!(lines[2]["targets"][0]["healthy_rounds"], 2);
}

#[test]
fn watch_stops_cleanly_on_ctrl_c() {
    let port = http_server();
    let url = format!("http://127.0.0.1:{port}/healthz");
    let bin = assert_cmd::cargo::cargo_bin("ironlaw");
    let mut child = std::process::Command::new(bin)
        .args(["probe", &url, "--watch", "200ms"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.contains("\"type\":\"round\""), "{first}");
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let start = Instant::now();
    let status = child.wait().unwrap();
    assert!(start.elapsed() < Duration::from_secs(3));
    assert_eq!(status.code(), Some(0));
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let last: Value = serde_json::from_str(rest.lines().last().unwrap()).unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["interrupted"], true);
}

#[test]
fn concurrency_many_targets() {
    let port = http_server();
    let tcp = format!("tcp://127.0.0.1:{port}");
    let urls: Vec<String> = (0..40)
        .map(|i| format!("http://127.0.0.1:{port}/healthz?n={i}"))
        .chain([tcp])
        .collect();
    let mut args: Vec<&str> = urls.iter().map(String::as_str).collect();
    args.extend(["--concurrency", "8"]);
    let (v, code, _) = probe_json(&args);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["summary"]["up"], 41);
    // results keep the order of the targets
    assert_eq!(v["targets"][40]["kind"], "tcp");
}
