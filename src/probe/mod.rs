//! `ironlaw probe`: post-deploy verification of live services over TCP, HTTP(S) and TLS.
//!
//! This is the only module that touches the network (`check` and `plan` never call into it),
//! and it can be compiled out with `--no-default-features` (cargo feature `probe`).
//!
//! Pipeline: targets (URLs, `--targets FILE`, `--from-manifests PATH`) → [`runner`] (a pool
//! of std threads, per-attempt timeouts, retries, a global deadline) → [`report`] (text, JSON,
//! JUnit, Prometheus). No async runtime: every socket is blocking with timeouts derived from
//! the attempt's deadline.

pub mod attempt;
pub mod http;
pub mod manifests;
pub mod net;
pub mod report;
pub mod runner;
pub mod target;
pub mod tls;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::cli::{ProbeArgs, ProbeFormat};
use runner::{Settings, TargetReport};
use target::{HeaderCheck, Options, StatusSet, Target};

/// Errors that end `ironlaw probe` with exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error("probe: {0}")]
    Usage(String),
    #[error("cannot write {path}: {source}")]
    Output {
        path: String,
        source: std::io::Error,
    },
}

fn usage(e: impl Into<String>) -> ProbeError {
    ProbeError::Usage(e.into())
}

/// `30,14,7` → descending, de-duplicated, all positive.
///
/// # Errors
/// Empty list, zero or non-numbers.
pub fn parse_warn_days(s: &str) -> Result<Vec<u32>, String> {
    let mut days = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let d = part
            .parse::<u32>()
            .ok()
            .filter(|&d| d > 0 && d <= 3650)
            .ok_or_else(|| format!("--warn-days: `{part}` is not a number of days (1-3650)"))?;
        days.push(d);
    }
    if days.is_empty() {
        return Err("--warn-days: give at least one number of days".to_string());
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    Ok(days)
}

/// Default per-target options from the flags.
fn options(args: &ProbeArgs) -> Result<Options, ProbeError> {
    let timeout =
        target::parse_duration(&args.timeout).map_err(|e| usage(format!("--timeout: {e}")))?;
    let expect = StatusSet::parse(&args.expect).map_err(|e| usage(format!("--expect: {e}")))?;
    let body_regex = args
        .body_regex
        .as_deref()
        .map(regex::Regex::new)
        .transpose()
        .map_err(|e| usage(format!("--body-regex: {e}")))?;
    let headers = args
        .headers
        .iter()
        .map(|h| HeaderCheck::parse(h))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| usage(format!("--header: {e}")))?;
    let (ca, ca_path) = match &args.ca {
        Some(p) => (
            Some(target::load_ca(p).map_err(usage)?),
            Some(p.display().to_string()),
        ),
        None => (None, None),
    };
    Ok(Options {
        timeout,
        count: args.count.max(1),
        retries: args.retries,
        expect,
        body_contains: args.body.clone(),
        body_regex,
        headers,
        max_redirects: args.max_redirects,
        require_https_redirect: args.require_https_redirect,
        require_hsts: args.require_hsts,
        sni: args.sni.clone(),
        ca,
        ca_path,
        insecure: args.insecure,
    })
}

/// Every target of the command line, in order: positional URLs, then `--targets`, then
/// `--from-manifests`; a URL listed twice is probed once.
fn targets(args: &ProbeArgs, opts: &Options) -> Result<Vec<Target>, ProbeError> {
    let mut out = Vec::new();
    for t in &args.targets {
        out.push(Target::new(t, opts.clone()).map_err(usage)?);
    }
    if let Some(file) = &args.targets_file {
        out.extend(target::load_targets(file, opts).map_err(usage)?);
    }
    if let Some(path) = &args.from_manifests {
        let derived = manifests::targets(path, opts).map_err(usage)?;
        if derived.is_empty() {
            eprintln!(
                "ironlaw probe: no Ingress, Service or compose port found under {}",
                path.display()
            );
        }
        out.extend(derived);
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|t| seen.insert((t.url.clone(), t.name.clone())));
    Ok(out)
}

/// Run `ironlaw probe`. `Ok(true)` when every target is healthy.
///
/// # Errors
/// Bad arguments, unreadable inputs, unwritable output (exit code 2).
pub fn run(args: &ProbeArgs) -> Result<bool, ProbeError> {
    let opts = options(args)?;
    let warn_days = parse_warn_days(&args.warn_days).map_err(usage)?;
    let deadline = args
        .deadline
        .as_deref()
        .map(target::parse_duration)
        .transpose()
        .map_err(|e| usage(format!("--deadline: {e}")))?;
    let targets = targets(args, &opts)?;
    if targets.is_empty() {
        return Err(usage(
            "no targets (give URLs such as https://example.com/healthz, --targets FILE or --from-manifests PATH)",
        ));
    }
    let settings = Settings {
        concurrency: usize::try_from(args.concurrency).unwrap_or(1),
        deadline,
        warn_days,
    };
    match &args.watch {
        Some(interval) => {
            let interval =
                target::parse_duration(interval).map_err(|e| usage(format!("--watch: {e}")))?;
            watch(args, &targets, &settings, interval)
        }
        None => {
            let reports = runner::run(&targets, &settings, None).unwrap_or_default();
            let text = render(args.format, &reports, &settings.warn_days);
            write(args.output.as_deref(), &text, Mode::Replace)?;
            Ok(report::Summary::of(&reports).healthy)
        }
    }
}

fn render(format: ProbeFormat, reports: &[TargetReport], warn_days: &[u32]) -> String {
    match format {
        ProbeFormat::Text => report::text(reports, warn_days),
        ProbeFormat::Json => report::json(reports, warn_days),
        ProbeFormat::Junit => report::junit(reports),
        ProbeFormat::Prometheus => report::prometheus(reports),
    }
}

/// How `--output` is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Replace,
    /// Write a temporary file and rename it: readers (a node_exporter textfile collector)
    /// never see half a file.
    Atomic,
    Append,
}

/// Write to `--output` or stdout; a closed stdout pipe is not an error.
fn write(output: Option<&Path>, text: &str, mode: Mode) -> Result<(), ProbeError> {
    let result = match output {
        Some(p) if mode == Mode::Append => std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(p)
            .and_then(|mut f| f.write_all(text.as_bytes())),
        Some(p) if mode == Mode::Atomic => {
            let tmp = p.with_extension("ironlaw-tmp");
            std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, p))
        }
        Some(p) => std::fs::write(p, text),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r,
            }
        }
    };
    result.map_err(|source| ProbeError::Output {
        path: output.map_or_else(|| "stdout".to_string(), |p| p.display().to_string()),
        source,
    })
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Per-target tally across `--watch` rounds.
#[derive(Default, Clone, serde::Serialize)]
struct Tally {
    target: String,
    rounds: u64,
    healthy_rounds: u64,
    last_status: String,
}

/// `--watch`: probe every `interval` until Ctrl-C (or `--rounds`), then print a summary.
fn watch(
    args: &ProbeArgs,
    targets: &[Target],
    settings: &Settings,
    interval: Duration,
) -> Result<bool, ProbeError> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)) {
        eprintln!("ironlaw probe: cannot handle Ctrl-C ({e}); stop with SIGTERM");
    }
    let live = args.output.is_none()
        && args.format == ProbeFormat::Text
        && std::io::stdout().is_terminal();
    let textfile = args.format == ProbeFormat::Prometheus && args.output.is_some();
    let mut tally: Vec<Tally> = targets
        .iter()
        .map(|t| Tally {
            target: t.name.clone(),
            ..Tally::default()
        })
        .collect();
    let mut round: u64 = 0;
    let mut last_healthy: Option<bool> = None;
    loop {
        let started = Instant::now();
        let Some(reports) = runner::run(targets, settings, Some(&stop)) else {
            break;
        };
        round += 1;
        for (t, r) in tally.iter_mut().zip(&reports) {
            t.rounds += 1;
            t.healthy_rounds += u64::from(r.healthy);
            t.last_status = r.status.as_str().to_string();
        }
        let summary = report::Summary::of(&reports);
        last_healthy = Some(summary.healthy);
        if live {
            let mut screen = String::from("\x1b[2J\x1b[H");
            screen.push_str(&format!(
                "ironlaw probe — round {round}, every {}s (Ctrl-C to stop)\n\n",
                interval.as_secs_f64()
            ));
            screen.push_str(&report::text(&reports, &settings.warn_days));
            write(None, &screen, Mode::Replace)?;
        } else if textfile {
            write(
                args.output.as_deref(),
                &report::prometheus(&reports),
                Mode::Atomic,
            )?;
        } else {
            let line = report::json_line(round, unix_now(), &reports);
            write(args.output.as_deref(), &line, Mode::Append)?;
        }
        if args.rounds.is_some_and(|n| round >= n) {
            break;
        }
        let next = started + interval;
        while Instant::now() < next {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            std::thread::sleep(
                next.saturating_duration_since(Instant::now())
                    .min(Duration::from_millis(50)),
            );
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
    }
    let interrupted = stop.load(Ordering::SeqCst);
    if live || textfile {
        let mut s = format!(
            "\n{round} round(s){}:\n",
            if interrupted { ", interrupted" } else { "" }
        );
        for t in &tally {
            s.push_str(&format!(
                "  {}  healthy {}/{} rounds, last {}\n",
                t.target, t.healthy_rounds, t.rounds, t.last_status
            ));
        }
        if live {
            write(None, &s, Mode::Replace)?;
        } else {
            eprint!("{s}");
        }
    } else {
        #[derive(serde::Serialize)]
        struct Final<'a> {
            version: u32,
            r#type: &'static str,
            rounds: u64,
            interrupted: bool,
            healthy: bool,
            targets: &'a [Tally],
        }
        let mut line = serde_json::to_string(&Final {
            version: 1,
            r#type: "summary",
            rounds: round,
            interrupted,
            healthy: last_healthy.unwrap_or(false),
            targets: &tally,
        })
        .unwrap_or_default();
        line.push('\n');
        write(args.output.as_deref(), &line, Mode::Append)?;
    }
    // the exit code follows the last complete round; no complete round verified nothing
    Ok(last_healthy.unwrap_or(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warn_days() {
        assert_eq!(parse_warn_days("7, 30,14,30"), Ok(vec![30, 14, 7]));
        assert!(parse_warn_days("").is_err());
        assert!(parse_warn_days("0").is_err());
        assert!(parse_warn_days("x").is_err());
    }
}
