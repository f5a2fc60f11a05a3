//! Command-line interface (clap derive). Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::finding::Severity;
use crate::report::Format;

/// ironlaw: is this repository's delivery surface production-ready?
///
/// Checks Dockerfiles (more families are coming: compose, Kubernetes, Terraform, CI
/// pipelines, alert rules, secrets) against production-readiness rules, with exact
/// file:line evidence.
///
/// Exit codes: 0 = no finding at or above --fail-on; 1 = findings at or above --fail-on;
/// 2 = usage, configuration or internal error.
#[derive(Debug, Parser)]
#[command(name = "ironlaw", version, about, long_about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Discover, parse and check files; report findings and a summary.
    ///
    /// Exit codes: 0 clean (nothing at or above --fail-on), 1 findings at or above
    /// --fail-on, 2 usage/config/internal error.
    Check(Box<CheckArgs>),
    /// List every rule.
    Rules(RulesArgs),
    /// Print the full documentation of one rule (by id or name).
    Explain {
        /// Rule id (`DF001`) or name (`image-uses-latest-tag`).
        rule: String,
    },
    /// Write a commented starter `ironlaw.toml`.
    Init {
        /// Directory to write it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Terraform plan risk gate: read `terraform show -json PLAN` output and say which
    /// changes need a human's approval before apply.
    ///
    /// Exit codes: 0 no finding at or above --fail-on, 1 escalation needed, 2 bad input.
    Plan(PlanArgs),
    /// Probe live services after a deploy: TCP connect, HTTP(S) status and checks, TLS
    /// version and certificate expiry, with latency over --count samples.
    ///
    /// Targets: tcp://host:port, http://host[:port]/path, https://host[:port]/path,
    /// tls://host[:port] (IPv6 in brackets: tcp://[::1]:5432).
    ///
    /// Exit codes: 0 every target healthy, 1 a target down or timed out, or a certificate
    /// inside the critical window (the smallest --warn-days), 2 bad arguments.
    #[cfg(feature = "probe")]
    Probe(Box<ProbeArgs>),
}

/// When to colour text output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads one file from standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// With `-`: the file name standard input is checked as (for classification,
    /// suppressions and the reported path).
    #[arg(long, default_value = "Dockerfile")]
    pub stdin_filename: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Configuration file (default: ironlaw.toml or .ironlaw.toml from the path upward).
    #[arg(long, env = "IRONLAW_CONFIG", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,
    /// Run only these rules (ids, names or prefixes; comma-separated). Replaces config `select`.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never run these rules (ids, names or prefixes; comma-separated). Added to config `ignore`.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit 1 when a finding is at or above this severity [default: high].
    #[arg(long, value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Exit 0 even when findings are at or above --fail-on (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long)]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (and exit 0).
    #[arg(long)]
    pub write_baseline: Option<PathBuf>,
    /// Worker threads (default: number of CPUs).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Colour: auto (on a terminal, unless NO_COLOR), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Same as --color never.
    #[arg(long)]
    pub no_color: bool,
    /// Only print findings (text format): no summary.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Skip files larger than this (bytes or e.g. 5MiB) [default: 5MiB].
    #[arg(long)]
    pub max_file_size: Option<String>,
    /// Also check rendered output: `helm template` for charts, `kustomize build` (or
    /// `kubectl kustomize`) for overlays, when those tools are on PATH. Runs those tools.
    #[arg(long)]
    pub render: bool,
    /// Time limit per render (e.g. 60s, 500ms) [default: 60s].
    #[arg(long, requires = "render")]
    pub render_timeout: Option<String>,
    /// Also scan every commit of the repository's history for secrets (runs `git log -p`;
    /// a secret deleted later is still reported, at the commit that added it).
    #[arg(long)]
    pub history: bool,
    /// With --history: only commits after this revision (`<REV>..HEAD`), for CI on a branch.
    /// Implies --history.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// gitleaks configuration with custom rules and allowlists [default: .gitleaks.toml in
    /// the scanned directory, or $GITLEAKS_CONFIG].
    #[arg(long, value_name = "FILE")]
    pub gitleaks_config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format: text (a table) or json.
    #[arg(long, short = 'f', default_value = "text", value_parser = ["text", "json", "markdown"])]
    pub format: String,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s)
        .ok_or_else(|| format!("`{s}` is not a severity (critical, high, medium, low, info)"))
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Plan JSON (`terraform show -json plan.out > plan.json`); `-` reads standard input.
    pub plan: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_parser = parse_severity, default_value = "high")]
    pub fail_on: Severity,
    /// Escalate when the plan destroys (deletes or replaces) more than N resources (PLAN017).
    #[arg(long, value_name = "N")]
    pub max_destroy: Option<usize>,
    /// Escalate when the plan changes more than N resources (PLAN018).
    #[arg(long, value_name = "N")]
    pub max_changes: Option<usize>,
    /// Terraform sources of the plan's root module: `lifecycle { prevent_destroy }`,
    /// environment and workspace names, `.tf` locations in SARIF.
    #[arg(long, value_name = "DIR")]
    pub config: Option<PathBuf>,
    /// Run only these PLAN rules (ids, names or prefixes; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never run these PLAN rules (ids, names or prefixes; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Colour: auto (on a terminal, unless NO_COLOR), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
}

/// Output formats of `ironlaw probe`.
#[cfg(feature = "probe")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ProbeFormat {
    Text,
    Json,
    Junit,
    Prometheus,
}

#[cfg(feature = "probe")]
#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// Targets: tcp://host:port, http(s)://host[:port][/path], tls://host[:port].
    pub targets: Vec<String>,
    /// Read targets (with per-target options) from this YAML file.
    #[arg(long = "targets", value_name = "FILE")]
    pub targets_file: Option<PathBuf>,
    /// Derive targets from manifests under PATH: Ingress hosts, Services and compose
    /// published ports, with readiness/liveness and healthcheck paths.
    #[arg(long, value_name = "PATH")]
    pub from_manifests: Option<PathBuf>,
    /// Time limit of one attempt (DNS, connect, TLS, request and response), e.g. 2s, 500ms.
    #[arg(long, default_value = "5s")]
    pub timeout: String,
    /// Time limit of the whole run; targets still running then are reported as timed out.
    #[arg(long)]
    pub deadline: Option<String>,
    /// Samples per target (latency min/p50/p95/p99/max are over these).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub count: u32,
    /// Targets probed at the same time (threads).
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub concurrency: u32,
    /// Retries of a failed attempt (exponential backoff with jitter, from 100ms).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=20))]
    pub retries: u32,
    /// Accepted HTTP status codes: ranges and lists, e.g. 200-399, 200,204, 2xx.
    #[arg(long, default_value = "200-399")]
    pub expect: String,
    /// The HTTP response body must contain this text.
    #[arg(long)]
    pub body: Option<String>,
    /// The HTTP response body must match this regular expression.
    #[arg(long)]
    pub body_regex: Option<String>,
    /// The HTTP response must carry this header (`Name`), optionally containing a value
    /// (`Name: value`). Repeatable.
    #[arg(long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,
    /// Redirects to follow (0: judge the redirect response itself).
    #[arg(long, default_value_t = 5)]
    pub max_redirects: u32,
    /// http:// targets must redirect to https://.
    #[arg(long)]
    pub require_https_redirect: bool,
    /// https:// responses must carry Strict-Transport-Security.
    #[arg(long)]
    pub require_hsts: bool,
    /// Server name to send (SNI) and verify the certificate against, instead of the host.
    #[arg(long)]
    pub sni: Option<String>,
    /// Trust the PEM certificates in FILE instead of the bundled Mozilla roots.
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
    /// Do not fail on an untrusted certificate or a host name mismatch (still reported).
    #[arg(long)]
    pub insecure: bool,
    /// Certificate warning windows in days; the smallest is critical (exit 1).
    #[arg(long, default_value = "30,14,7")]
    pub warn_days: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: ProbeFormat,
    /// Write the report to this file instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Probe again every INTERVAL (e.g. 30s) until interrupted: a live table on a terminal,
    /// JSON lines otherwise (Prometheus with --output rewrites the file each round).
    #[arg(long, value_name = "INTERVAL")]
    pub watch: Option<String>,
    /// With --watch: stop after this many rounds.
    #[arg(long, requires = "watch")]
    pub rounds: Option<u64>,
}
