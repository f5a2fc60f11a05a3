//! Renderers for probe results: text table, JSON, JUnit XML, Prometheus text exposition.
//! They format; they never decide (health and expiry are judged by the runner).

use std::fmt::Write as _;
use std::time::Duration;

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};
use serde::Serialize;

use super::runner::{CertState, Status, TargetReport};

/// Counts over a run.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub targets: usize,
    pub up: usize,
    pub down: usize,
    pub timeout: usize,
    pub unhealthy: usize,
    /// Certificates inside a warning window (not the critical one).
    pub cert_warning: usize,
    /// Certificates inside the critical window, or expired.
    pub cert_critical: usize,
    /// Every target healthy: the run exits 0.
    pub healthy: bool,
}

impl Summary {
    #[must_use]
    pub fn of(reports: &[TargetReport]) -> Self {
        let mut s = Summary {
            targets: reports.len(),
            ..Summary::default()
        };
        for r in reports {
            match r.status {
                Status::Up => s.up += 1,
                Status::Down => s.down += 1,
                Status::Timeout => s.timeout += 1,
            }
            if !r.healthy {
                s.unhealthy += 1;
            }
            match r.cert.as_ref().map(|c| c.state) {
                Some(CertState::Warning) => s.cert_warning += 1,
                Some(CertState::Critical | CertState::Expired) => s.cert_critical += 1,
                _ => {}
            }
        }
        s.healthy = s.unhealthy == 0;
        s
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: &'static str,
    tool_version: &'static str,
    command: &'static str,
    warn_days: &'a [u32],
    summary: Summary,
    targets: &'a [TargetReport],
}

/// The JSON report (`"version": 1`).
#[must_use]
pub fn json(reports: &[TargetReport], warn_days: &[u32]) -> String {
    let r = JsonReport {
        version: 1,
        tool: "ironlaw",
        tool_version: env!("CARGO_PKG_VERSION"),
        command: "probe",
        warn_days,
        summary: Summary::of(reports),
        targets: reports,
    };
    let mut s = serde_json::to_string_pretty(&r).unwrap_or_default();
    s.push('\n');
    s
}

/// One JSON line for `--watch` rounds.
#[must_use]
pub fn json_line(round: u64, unix_time: u64, reports: &[TargetReport]) -> String {
    #[derive(Serialize)]
    struct Line<'a> {
        version: u32,
        r#type: &'static str,
        round: u64,
        time: u64,
        summary: Summary,
        targets: &'a [TargetReport],
    }
    let mut s = serde_json::to_string(&Line {
        version: 1,
        r#type: "round",
        round,
        time: unix_time,
        summary: Summary::of(reports),
        targets: reports,
    })
    .unwrap_or_default();
    s.push('\n');
    s
}

/// `0.42ms`, `12.3ms`, `1.20s`.
#[must_use]
pub fn fmt_secs(s: f64) -> String {
    if s < 0.001 {
        format!("{:.2}ms", s * 1000.0)
    } else if s < 1.0 {
        format!("{:.1}ms", s * 1000.0)
    } else {
        format!("{s:.2}s")
    }
}

fn opt_secs(s: Option<f64>) -> String {
    s.map_or_else(|| "-".to_string(), fmt_secs)
}

fn cert_cell(r: &TargetReport) -> String {
    match &r.cert {
        None => "-".to_string(),
        Some(c) => match c.state {
            CertState::Ok => format!("{}d", c.earliest_days_left),
            CertState::Expired => "EXPIRED".to_string(),
            CertState::Warning | CertState::Critical => {
                format!("{}d {}", c.earliest_days_left, c.state.as_str())
            }
        },
    }
}

fn detail(r: &TargetReport) -> String {
    let mut parts = Vec::new();
    if let Some(e) = &r.error {
        parts.push(e.clone());
    }
    if let Some(h) = &r.http {
        if !h.redirects.is_empty() {
            parts.push(format!("→ {}", h.final_url));
        }
        if h.https_redirect == Some(true) && h.redirects.is_empty() {
            parts.push("redirects to https".to_string());
        }
    }
    if let Some(t) = &r.tls {
        if r.error.is_none() && !t.verified {
            parts.push(format!(
                "insecure: {}",
                t.verify_error.as_deref().unwrap_or("not verified")
            ));
        }
    }
    if r.samples > 1 && r.failed_samples > 0 {
        parts.push(format!("{}/{} samples failed", r.failed_samples, r.samples));
    }
    parts.join("; ")
}

/// Rows of the text table (header first).
fn rows(reports: &[TargetReport]) -> Vec<[String; 10]> {
    let mut rows = vec![
        [
            "TARGET", "STATUS", "CODE", "DNS", "P50", "P95", "MAX", "TLS", "CERT", "DETAIL",
        ]
        .map(str::to_string),
    ];
    for r in reports {
        let lat = r.latency.as_ref();
        rows.push([
            r.name.clone(),
            if r.status == Status::Up && !r.healthy {
                "critical".to_string()
            } else {
                r.status.as_str().to_string()
            },
            r.http
                .as_ref()
                .and_then(|h| h.status)
                .map_or_else(|| "-".to_string(), |c| c.to_string()),
            opt_secs(r.dns_seconds),
            opt_secs(lat.map(|l| l.p50)),
            opt_secs(lat.map(|l| l.p95)),
            opt_secs(lat.map(|l| l.max)),
            r.tls
                .as_ref()
                .map_or_else(|| "-".to_string(), |t| t.version.clone()),
            cert_cell(r),
            detail(r),
        ]);
    }
    rows
}

/// The text table and a summary line.
#[must_use]
pub fn text(reports: &[TargetReport], warn_days: &[u32]) -> String {
    let rows = rows(reports);
    let mut widths = [0usize; 10];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths.iter()).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                let _ = write!(line, "{cell:<w$}  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&summary_line(&Summary::of(reports), warn_days));
    out.push('\n');
    out
}

/// `3 targets: 2 up, 1 down; certificates: 1 expiring within 30 days; unhealthy: 1`.
#[must_use]
pub fn summary_line(s: &Summary, warn_days: &[u32]) -> String {
    let mut line = format!("{} target(s): {} up", s.targets, s.up);
    if s.down > 0 {
        let _ = write!(line, ", {} down", s.down);
    }
    if s.timeout > 0 {
        let _ = write!(line, ", {} timed out", s.timeout);
    }
    let widest = warn_days.iter().max().copied().unwrap_or(0);
    let critical = warn_days.iter().min().copied().unwrap_or(0);
    if s.cert_warning > 0 {
        let _ = write!(
            line,
            "; {} certificate(s) expiring within {widest} days",
            s.cert_warning
        );
    }
    if s.cert_critical > 0 {
        let _ = write!(
            line,
            "; {} certificate(s) expired or expiring within {critical} days",
            s.cert_critical
        );
    }
    if s.healthy {
        line.push_str(" — all healthy");
    } else {
        let _ = write!(line, " — {} unhealthy", s.unhealthy);
    }
    line
}

/// JUnit XML: one test case per target.
#[must_use]
pub fn junit(reports: &[TargetReport]) -> String {
    let mut suite = TestSuite::new("ironlaw probe");
    for r in reports {
        let mut status = if r.healthy {
            TestCaseStatus::success()
        } else {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message(
                r.error
                    .clone()
                    .unwrap_or_else(|| r.status.as_str().to_string()),
            )
            .set_type(r.status.as_str());
            s
        };
        if let TestCaseStatus::NonSuccess { description, .. } = &mut status {
            *description = Some(details(r).into());
        }
        let mut case = TestCase::new(r.name.as_str(), status);
        case.set_classname(format!("probe.{}", r.kind));
        case.set_time(Duration::from_secs_f64(r.duration_seconds.max(0.0)));
        case.set_system_out(details(r));
        suite.add_test_case(case);
    }
    let mut out = quick_junit::Report::new("ironlaw");
    out.add_test_suite(suite);
    out.to_string().unwrap_or_default()
}

fn details(r: &TargetReport) -> String {
    let mut s = format!("{} {}: {}", r.kind, r.url, r.status.as_str());
    if let Some(code) = r.http.as_ref().and_then(|h| h.status) {
        let _ = write!(s, "\nhttp status: {code}");
    }
    if let Some(l) = &r.latency {
        let _ = write!(
            s,
            "\nlatency over {} sample(s): min {} p50 {} p95 {} p99 {} max {}",
            l.samples,
            fmt_secs(l.min),
            fmt_secs(l.p50),
            fmt_secs(l.p95),
            fmt_secs(l.p99),
            fmt_secs(l.max)
        );
    }
    if let Some(d) = r.dns_seconds {
        let _ = write!(s, "\ndns lookup: {}", fmt_secs(d));
    }
    if let Some(t) = &r.tls {
        let _ = write!(
            s,
            "\ntls: {} {}, verified: {}{}",
            t.version,
            t.cipher,
            t.verified,
            t.verify_error
                .as_deref()
                .map(|e| format!(" ({e})"))
                .unwrap_or_default()
        );
    }
    if let Some(c) = &r.cert {
        let _ = write!(
            s,
            "\ncertificate: {} (earliest in chain expires in {} days)",
            c.state.as_str(),
            c.earliest_days_left
        );
    }
    if let Some(e) = &r.error {
        let _ = write!(s, "\nerror: {e}");
    }
    s
}

fn escape_label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

struct Family {
    name: &'static str,
    kind: &'static str,
    help: &'static str,
    samples: Vec<String>,
}

impl Family {
    fn new(name: &'static str, kind: &'static str, help: &'static str) -> Self {
        Family {
            name,
            kind,
            help,
            samples: Vec::new(),
        }
    }

    fn add(&mut self, labels: &str, extra: &[(&str, &str)], value: f64) {
        let mut l = labels.to_string();
        for (k, v) in extra {
            let _ = write!(l, ",{k}=\"{}\"", escape_label(v));
        }
        self.samples
            .push(format!("{}{{{l}}} {}", self.name, fmt_value(value)));
    }
}

fn fmt_value(v: f64) -> String {
    if v.is_nan() {
        "NaN".to_string()
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

fn b(v: bool) -> f64 {
    if v { 1.0 } else { 0.0 }
}

/// Prometheus text exposition format, blackbox_exporter-style names, one `target` label.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn prometheus(reports: &[TargetReport]) -> String {
    let mut success = Family::new(
        "probe_success",
        "gauge",
        "Whether the probe succeeded (reachable and every check passed).",
    );
    let mut healthy = Family::new(
        "probe_healthy",
        "gauge",
        "Whether the target is healthy: probe succeeded and no certificate inside the critical window.",
    );
    let mut duration = Family::new(
        "probe_duration_seconds",
        "gauge",
        "How long the probe of the target took, all samples and retries included.",
    );
    let mut dns = Family::new(
        "probe_dns_lookup_time_seconds",
        "gauge",
        "Time taken for the DNS lookup.",
    );
    let mut ip = Family::new(
        "probe_ip_protocol",
        "gauge",
        "IP protocol used to reach the target (4 or 6).",
    );
    let mut phases = Family::new(
        "probe_phase_duration_seconds",
        "gauge",
        "Duration of each phase of the last sample (resolve, connect, tls, processing).",
    );
    let mut latency = Family::new(
        "probe_latency_seconds",
        "summary",
        "Latency of the samples that got an answer.",
    );
    let mut latency_count = Family::new(
        "probe_latency_seconds_count",
        "untyped",
        "Samples that got an answer.",
    );
    let mut status = Family::new(
        "probe_http_status_code",
        "gauge",
        "Response HTTP status code (0 when none).",
    );
    let mut redirects = Family::new(
        "probe_http_redirects",
        "gauge",
        "The number of redirects followed.",
    );
    let mut http_ssl = Family::new(
        "probe_http_ssl",
        "gauge",
        "Whether the final HTTP request used TLS.",
    );
    let mut hsts = Family::new(
        "probe_http_hsts",
        "gauge",
        "Whether the final HTTPS response carried Strict-Transport-Security.",
    );
    let mut expiry = Family::new(
        "probe_ssl_earliest_cert_expiry",
        "gauge",
        "Unix time of the earliest certificate expiry in the chain the server sent.",
    );
    let mut verified = Family::new(
        "probe_ssl_chain_verified",
        "gauge",
        "Whether the certificate chain verified against the trust anchors, host name included.",
    );
    let mut tls_version = Family::new(
        "probe_tls_version_info",
        "gauge",
        "The TLS version used, as a label.",
    );
    for r in reports {
        let labels = format!(
            "target=\"{}\",kind=\"{}\"",
            escape_label(&r.name),
            escape_label(r.kind)
        );
        success.add(&labels, &[], b(r.status == Status::Up));
        healthy.add(&labels, &[], b(r.healthy));
        duration.add(&labels, &[], r.duration_seconds);
        if let Some(d) = r.dns_seconds {
            dns.add(&labels, &[], d);
        }
        if let Some(v) = r.ip_version {
            ip.add(&labels, &[], f64::from(v));
        }
        for (phase, v) in [
            ("resolve", r.dns_seconds),
            ("connect", r.connect_seconds),
            ("tls", r.tls_seconds),
            ("processing", r.ttfb_seconds),
        ] {
            if let Some(v) = v {
                phases.add(&labels, &[("phase", phase)], v);
            }
        }
        if let Some(l) = &r.latency {
            for (q, v) in [
                ("0", l.min),
                ("0.5", l.p50),
                ("0.95", l.p95),
                ("0.99", l.p99),
                ("1", l.max),
            ] {
                latency.add(&labels, &[("quantile", q)], v);
            }
            latency_count.add(&labels, &[], l.samples as f64);
        }
        if let Some(h) = &r.http {
            status.add(&labels, &[], f64::from(h.status.unwrap_or(0)));
            redirects.add(&labels, &[], h.redirects.len() as f64);
            http_ssl.add(&labels, &[], b(h.final_url.starts_with("https://")));
            if h.final_url.starts_with("https://") {
                hsts.add(&labels, &[], b(h.hsts.is_some()));
            }
        }
        if let Some(t) = &r.tls {
            if let Some(e) = t.earliest_expiry {
                expiry.add(&labels, &[], e as f64);
            }
            verified.add(&labels, &[], b(t.verified));
            tls_version.add(&labels, &[("version", &t.version)], 1.0);
        }
    }
    let mut out = String::new();
    for f in [
        success,
        healthy,
        duration,
        dns,
        ip,
        phases,
        latency,
        latency_count,
        status,
        redirects,
        http_ssl,
        hsts,
        expiry,
        verified,
        tls_version,
    ] {
        if f.samples.is_empty() {
            continue;
        }
        // `_count` belongs to the summary family: no HELP/TYPE of its own
        if !f.name.ends_with("_count") {
            let _ = writeln!(out, "# HELP {} {}", f.name, f.help);
            let _ = writeln!(out, "# TYPE {} {}", f.name, f.kind);
        }
        for s in &f.samples {
            out.push_str(s);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_labels() {
        assert_eq!(fmt_value(200.0), "200");
        assert_eq!(fmt_value(0.25), "0.25");
        assert_eq!(escape_label("a\"b\\c\n"), "a\\\"b\\\\c\\n");
        assert_eq!(fmt_secs(0.0004), "0.40ms");
        assert_eq!(fmt_secs(0.0123), "12.3ms");
        assert_eq!(fmt_secs(1.5), "1.50s");
    }
}
