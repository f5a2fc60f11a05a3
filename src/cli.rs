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
