//! Running the probes: a fixed pool of std threads, `--count` samples per target with
//! `--retries` (exponential backoff with jitter), every attempt bounded by `--timeout` and the
//! run by `--deadline`. A target still running at the deadline is reported as timed out; the
//! report never waits for it.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use super::attempt::{self, Attempt};
use super::http::HttpInfo;
use super::target::Target;
use super::tls::TlsInfo;

/// Run-wide settings.
#[derive(Clone, Debug)]
pub struct Settings {
    pub concurrency: usize,
    /// Whole-run limit.
    pub deadline: Option<Duration>,
    /// Certificate warning thresholds in days, descending (`30,14,7`); the smallest is critical.
    pub warn_days: Vec<u32>,
}

/// A target's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Up,
    Down,
    Timeout,
}

impl Status {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Up => "up",
            Status::Down => "down",
            Status::Timeout => "timeout",
        }
    }
}

/// Latency over the samples that got an answer, in seconds.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Latency {
    pub samples: usize,
    pub min: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

/// Certificate expiry, judged against `--warn-days`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CertState {
    Ok,
    Warning,
    Critical,
    Expired,
}

impl CertState {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CertState::Ok => "ok",
            CertState::Warning => "warning",
            CertState::Critical => "critical",
            CertState::Expired => "expired",
        }
    }
}

/// Expiry verdict of a TLS target's chain.
#[derive(Clone, Debug, Serialize)]
pub struct CertExpiry {
    pub state: CertState,
    /// Whole days until the leaf expires (negative once expired).
    pub leaf_days_left: Option<i64>,
    /// Whole days until the earliest-expiring certificate of the chain expires.
    pub earliest_days_left: i64,
    /// Unix seconds of that earliest expiry.
    pub earliest_expiry: i64,
    /// The warn-days threshold crossed (`14` for "expires within 14 days").
    pub threshold_days: Option<u32>,
}

/// Everything reported for one target.
#[derive(Clone, Debug, Serialize)]
pub struct TargetReport {
    pub name: String,
    pub url: String,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub status: Status,
    /// Up and no certificate inside the critical window.
    pub healthy: bool,
    /// Why it is not healthy (the last failing sample's reason, or the certificate).
    pub error: Option<String>,
    /// `--count` samples taken.
    pub samples: u32,
    /// Samples that failed (after their retries).
    pub failed_samples: u32,
    /// Attempts made, retries included.
    pub attempts: u32,
    pub address: Option<String>,
    pub ip_version: Option<u8>,
    pub dns_seconds: Option<f64>,
    pub connect_seconds: Option<f64>,
    pub tls_seconds: Option<f64>,
    pub ttfb_seconds: Option<f64>,
    pub latency: Option<Latency>,
    /// Wall time spent on the target.
    pub duration_seconds: f64,
    pub http: Option<HttpInfo>,
    pub tls: Option<TlsInfo>,
    pub cert: Option<CertExpiry>,
}

impl TargetReport {
    fn skeleton(t: &Target) -> Self {
        TargetReport {
            name: t.name.clone(),
            url: t.url.clone(),
            kind: t.kind.as_str(),
            source: t.source.clone(),
            status: Status::Timeout,
            healthy: false,
            error: None,
            samples: 0,
            failed_samples: 0,
            attempts: 0,
            address: None,
            ip_version: None,
            dns_seconds: None,
            connect_seconds: None,
            tls_seconds: None,
            ttfb_seconds: None,
            latency: None,
            duration_seconds: 0.0,
            http: None,
            tls: None,
            cert: None,
        }
    }
}

/// Probe every target; results in target order.
///
/// Returns `None` when `interrupt` was raised before all results were in.
#[must_use]
pub fn run(
    targets: &[Target],
    settings: &Settings,
    interrupt: Option<&AtomicBool>,
) -> Option<Vec<TargetReport>> {
    let start = Instant::now();
    let deadline = settings.deadline.map(|d| start + d);
    let targets: Arc<Vec<Target>> = Arc::new(targets.to_vec());
    let n = targets.len();
    let next = Arc::new(AtomicUsize::new(0));
    let started: Arc<Vec<AtomicBool>> = Arc::new((0..n).map(|_| AtomicBool::new(false)).collect());
    let (tx, rx) = mpsc::channel::<(usize, TargetReport)>();
    let workers = settings.concurrency.clamp(1, n.max(1));
    for w in 0..workers {
        let (targets, next, started, tx) = (
            Arc::clone(&targets),
            Arc::clone(&next),
            Arc::clone(&started),
            tx.clone(),
        );
        let warn_days = settings.warn_days.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("probe-{w}"))
            .stack_size(1024 * 1024)
            .spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(t) = targets.get(i) else { break };
                    if deadline.is_some_and(|d| Instant::now() >= d) {
                        break;
                    }
                    if let Some(s) = started.get(i) {
                        s.store(true, Ordering::Relaxed);
                    }
                    let r = probe_target(t, deadline, &warn_days);
                    if tx.send((i, r)).is_err() {
                        break;
                    }
                }
            });
        if spawned.is_err() {
            // fewer workers than asked: the ones that started share the queue
            break;
        }
    }
    drop(tx);
    let mut results: Vec<Option<TargetReport>> = vec![None; n];
    let mut got = 0;
    while got < n {
        if interrupt.is_some_and(|f| f.load(Ordering::Relaxed)) {
            return None;
        }
        let mut wait = Duration::from_millis(100);
        if let Some(d) = deadline {
            let left = d.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            wait = wait.min(left);
        }
        match rx.recv_timeout(wait) {
            Ok((i, r)) => {
                if let Some(slot) = results.get_mut(i) {
                    if slot.is_none() {
                        got += 1;
                    }
                    *slot = Some(r);
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    let limit = settings
        .deadline
        .map_or_else(String::new, |d| format!(" ({}s)", d.as_secs_f64()));
    Some(
        results
            .into_iter()
            .enumerate()
            .filter_map(|(i, r)| {
                r.or_else(|| {
                    let t = targets.get(i)?;
                    let mut rep = TargetReport::skeleton(t);
                    let was_started = started.get(i).is_some_and(|s| s.load(Ordering::Relaxed));
                    rep.error = Some(if was_started {
                        format!("still running at the deadline{limit}")
                    } else {
                        format!("not started before the deadline{limit}")
                    });
                    rep.duration_seconds = start.elapsed().as_secs_f64();
                    Some(rep)
                })
            })
            .collect(),
    )
}

fn jitter_fraction() -> f64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos().into()),
    );
    #[allow(clippy::cast_precision_loss)]
    let f = (h.finish() >> 11) as f64 / (1u64 << 53) as f64;
    f
}

/// Backoff before retry `r` (0-based): 100 ms × 2^r, capped at 2 s, with "equal jitter"
/// (half fixed, half random).
fn backoff(r: u32) -> Duration {
    let base = Duration::from_millis(100)
        .saturating_mul(1u32.checked_shl(r.min(16)).unwrap_or(u32::MAX))
        .min(Duration::from_secs(2));
    base / 2 + base.mul_f64(jitter_fraction() / 2.0)
}

fn secs(d: Option<Duration>) -> Option<f64> {
    d.map(|d| d.as_secs_f64())
}

/// Probe one target: `count` samples, each retried up to `retries` times.
fn probe_target(t: &Target, run_deadline: Option<Instant>, warn_days: &[u32]) -> TargetReport {
    let start = Instant::now();
    let mut rep = TargetReport::skeleton(t);
    let mut latencies = Vec::new();
    let mut last_failed: Option<Attempt> = None;
    let mut last: Option<Attempt> = None;
    let mut cut_short = false;
    'samples: for _ in 0..t.opts.count.max(1) {
        let mut sample: Option<Attempt> = None;
        for r in 0..=t.opts.retries {
            let now = Instant::now();
            let mut attempt_deadline = now + t.opts.timeout;
            if let Some(d) = run_deadline {
                if now >= d {
                    cut_short = true;
                    break;
                }
                attempt_deadline = attempt_deadline.min(d);
            }
            let a = attempt::run(t, attempt_deadline);
            rep.attempts += 1;
            let ok = a.ok();
            sample = Some(a);
            if ok {
                break;
            }
            if r < t.opts.retries {
                let mut pause = backoff(r);
                if let Some(d) = run_deadline {
                    pause = pause.min(d.saturating_duration_since(Instant::now()));
                }
                std::thread::sleep(pause);
            }
        }
        let Some(a) = sample else {
            break 'samples;
        };
        rep.samples += 1;
        if a.answered() {
            latencies.push(a.total);
        }
        if !a.ok() {
            rep.failed_samples += 1;
            last_failed = Some(a.clone());
        }
        last = Some(a);
        if cut_short {
            break;
        }
    }
    // details from the last sample that got furthest
    if let Some(a) = last.as_ref() {
        rep.address = a.addr.map(|s| s.ip().to_string());
        rep.ip_version = a.addr.map(|s| if s.is_ipv4() { 4 } else { 6 });
        rep.dns_seconds = secs(a.dns);
        rep.connect_seconds = secs(a.connect);
        rep.tls_seconds = secs(a.tls_time);
        rep.ttfb_seconds = secs(a.ttfb);
        rep.http.clone_from(&a.http);
        rep.tls.clone_from(&a.tls);
    }
    rep.latency = latency(&mut latencies);
    rep.status = match (&last_failed, rep.samples) {
        (_, 0) => Status::Timeout,
        (None, _) => Status::Up,
        (Some(a), _) if a.failure.as_ref().is_some_and(|f| f.is_timeout()) => Status::Timeout,
        (Some(_), _) => Status::Down,
    };
    rep.error = last_failed.as_ref().and_then(Attempt::reason);
    if rep.samples == 0 {
        rep.error = Some("not started before the deadline".to_string());
    } else if cut_short && rep.samples < t.opts.count {
        let msg = format!(
            "deadline reached after {} of {} samples",
            rep.samples, t.opts.count
        );
        rep.error = Some(rep.error.map_or(msg.clone(), |e| format!("{e}; {msg}")));
    }
    let now_unix = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    rep.cert = rep
        .tls
        .as_ref()
        .and_then(|tls| cert_expiry(tls, now_unix, warn_days));
    let cert_bad = rep
        .cert
        .as_ref()
        .is_some_and(|c| matches!(c.state, CertState::Critical | CertState::Expired));
    rep.healthy = rep.status == Status::Up && !cert_bad;
    if rep.status == Status::Up && cert_bad {
        if let Some(c) = &rep.cert {
            rep.error = Some(format!(
                "certificate {} (earliest in chain expires in {} days)",
                c.state.as_str(),
                c.earliest_days_left
            ));
        }
    }
    rep.duration_seconds = start.elapsed().as_secs_f64();
    rep
}

/// Judge the chain's earliest expiry against the thresholds.
#[must_use]
pub fn cert_expiry(tls: &TlsInfo, now_unix: i64, warn_days: &[u32]) -> Option<CertExpiry> {
    let earliest = tls.earliest_expiry?;
    let days = |t: i64| (t - now_unix).div_euclid(86_400);
    let left_secs = earliest - now_unix;
    let critical = warn_days.iter().copied().min();
    // the tightest threshold crossed: `expires within N days`
    let threshold = warn_days
        .iter()
        .copied()
        .filter(|&w| left_secs < i64::from(w) * 86_400)
        .min();
    let state = if left_secs <= 0 {
        CertState::Expired
    } else if threshold.is_some() && threshold == critical {
        CertState::Critical
    } else if threshold.is_some() {
        CertState::Warning
    } else {
        CertState::Ok
    };
    Some(CertExpiry {
        state,
        leaf_days_left: tls.leaf.as_ref().map(|l| days(l.not_after)),
        earliest_days_left: days(earliest),
        earliest_expiry: earliest,
        threshold_days: threshold,
    })
}

/// min/p50/p95/p99/max (nearest rank) of the samples.
fn latency(samples: &mut [Duration]) -> Option<Latency> {
    samples.sort_unstable();
    let n = samples.len();
    let at = |p: f64| -> f64 {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let rank = ((p * n as f64).ceil() as usize).clamp(1, n);
        samples
            .get(rank - 1)
            .map_or(0.0, std::time::Duration::as_secs_f64)
    };
    (n > 0).then(|| Latency {
        samples: n,
        min: at(0.0),
        p50: at(0.50),
        p95: at(0.95),
        p99: at(0.99),
        max: at(1.0),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn percentiles() {
        let mut v: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        let l = latency(&mut v).unwrap();
        assert_eq!(
            (l.min, l.p50, l.p95, l.p99, l.max),
            (0.001, 0.05, 0.095, 0.099, 0.1)
        );
        assert!(latency(&mut []).is_none());
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let b0 = backoff(0);
        assert!(b0 >= Duration::from_millis(50) && b0 <= Duration::from_millis(100));
        let b10 = backoff(10);
        assert!(b10 >= Duration::from_secs(1) && b10 <= Duration::from_secs(2));
        assert!(backoff(u32::MAX) <= Duration::from_secs(2));
    }

    #[test]
    fn expiry_windows() {
        let info = |days: i64| TlsInfo {
            version: String::new(),
            cipher: String::new(),
            sni: None,
            verified: true,
            verify_error: None,
            hostname_match: true,
            roots: String::new(),
            leaf: None,
            chain_len: 1,
            earliest_expiry: Some(days * 86_400 + 3600),
            earliest_subject: None,
        };
        let w = [30, 14, 7];
        let state = |d| cert_expiry(&info(d), 0, &w).unwrap();
        assert_eq!(state(90).state, CertState::Ok);
        assert_eq!(state(20).state, CertState::Warning);
        assert_eq!(state(20).threshold_days, Some(30));
        assert_eq!(state(10).threshold_days, Some(14));
        assert_eq!(state(5).state, CertState::Critical);
        assert_eq!(state(-1).state, CertState::Expired);
        assert_eq!(state(5).earliest_days_left, 5);
    }
}
