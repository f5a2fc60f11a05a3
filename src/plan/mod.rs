//! `ironlaw plan`: the Terraform plan risk gate.
//!
//! Its own small pipeline (DESIGN.md §3): plan JSON → [`read`] (streaming, redacting) →
//! [`model::Plan`] → [`rules`] (pure) → findings → [`output`] (text, markdown, and the shared
//! report layer for JSON, SARIF, JUnit…). Never runs Terraform.

pub mod classify;
pub mod iam;
pub mod model;
pub mod net;
pub mod output;
pub mod read;
pub mod rules;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::engine::RuleSelection;
use crate::finding::{Finding, Severity, fnv1a64};
use crate::model::terraform::{TfFile, environment_of};
use crate::rules::RuleMeta;
use crate::source::{Position, SourceFile, Span};

pub use model::Plan;
pub use rules::{Context, Detail, PlanDiag};

/// What the glue hands to [`run`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The plan JSON; `-` reads standard input.
    pub input: PathBuf,
    /// `--config DIR`: Terraform sources next to the plan.
    pub config_dir: Option<PathBuf>,
    pub max_destroy: Option<usize>,
    pub max_changes: Option<usize>,
    pub selection: RuleSelection,
    /// The selected workspace, when the caller knows it (`TF_WORKSPACE`).
    pub workspace: Option<String>,
}

/// Errors that end `ironlaw plan` with exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: read::ReadError,
    },
}

/// A finding with the plan-specific explanation.
#[derive(Clone, Debug)]
pub struct Escalation {
    pub finding: Finding,
    /// The resource address (empty for plan-wide findings).
    pub address: String,
    /// Deciding attributes, before → after (redacted).
    pub details: Vec<Detail>,
    /// Where the resource is declared in `--config` sources: (path, line).
    pub source: Option<(String, usize)>,
}

/// Everything the renderers show.
#[derive(Debug)]
pub struct Outcome {
    /// The plan path as the user gave it (`stdin` for `-`).
    pub path: String,
    pub plan: Plan,
    pub context: Context,
    /// Worst first.
    pub escalations: Vec<Escalation>,
    /// Rules that ran.
    pub rules: Vec<&'static RuleMeta>,
}

/// Facts learned from `--config DIR`.
#[derive(Debug, Default)]
struct ConfigInfo {
    prevent_destroy: BTreeMap<String, bool>,
    /// Resource address → (file path, 1-based line of the block).
    locations: BTreeMap<String, (String, usize)>,
    workspace: Option<String>,
}

/// Read the `.tf` files of `dir` (not recursive) with the shared HCL parser and model.
fn read_config(dir: &Path) -> Result<ConfigInfo, PlanError> {
    let mut info = ConfigInfo::default();
    let entries = std::fs::read_dir(dir).map_err(|source| PlanError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf") && p.is_file())
        .collect();
    files.sort();
    for p in files {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let shown = p.display().to_string().replace('\\', "/");
        let hcl = crate::parse::hcl::parse(&text);
        let tf = TfFile::new(&shown, hcl, false);
        let src = SourceFile::new(shown.clone(), text);
        for r in tf.resources() {
            let addr = r.address();
            if let Some(pd) = r.lifecycle().and_then(|l| l.prevent_destroy) {
                info.prevent_destroy.insert(addr.clone(), pd);
            }
            let line = src.position(r.block.span.start).line;
            info.locations.entry(addr).or_insert((shown.clone(), line));
        }
    }
    // the workspace `terraform workspace select` wrote
    if let Ok(ws) = std::fs::read_to_string(dir.join(".terraform").join("environment")) {
        let ws = ws.trim();
        if !ws.is_empty() {
            info.workspace = Some(ws.to_string());
        }
    }
    Ok(info)
}

/// The environment of a path by layout (`envs/prod/plan.json` → `prod`).
fn env_of_path(p: &Path) -> Option<String> {
    let shown = p.display().to_string().replace('\\', "/");
    if let Some(e) = environment_of(shown.trim_end_matches('/')) {
        return Some(e.to_string());
    }
    let canon = std::fs::canonicalize(p).ok()?;
    let canon = canon.display().to_string().replace('\\', "/");
    environment_of(&canon).map(str::to_string)
}

/// Why this plan is for production, if anything says so.
fn production(opts: &Options, config: &ConfigInfo, plan: &Plan) -> Option<String> {
    let prod = |s: &str| rules::is_production_name(s);
    if let Some(ws) = opts.workspace.as_deref().or(config.workspace.as_deref()) {
        if prod(ws) {
            return Some(format!("workspace \"{ws}\""));
        }
    }
    if let Some(dir) = &opts.config_dir {
        if let Some(e) = env_of_path(dir).filter(|e| prod(e)) {
            return Some(format!("environment \"{e}\" of {}", dir.display()));
        }
    }
    if opts.input.as_os_str() != "-" {
        if let Some(parent) = opts.input.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Some(e) = env_of_path(parent).filter(|e| prod(e)) {
                return Some(format!("environment \"{e}\" of the plan's directory"));
            }
        }
    }
    plan.variables.iter().find_map(|(name, v)| {
        v.as_deref()
            .filter(|v| prod(v))
            .map(|v| format!("variable {name} = \"{v}\""))
    })
}

/// One severity level up (production), critical stays critical, info stays info.
#[must_use]
pub fn raise(s: Severity) -> Severity {
    match s {
        Severity::Info => Severity::Info,
        Severity::Low => Severity::Medium,
        Severity::Medium => Severity::High,
        Severity::High | Severity::Critical => Severity::Critical,
    }
}

/// Run the selected rules over a read plan and place their findings in the plan file.
#[must_use]
pub fn analyse(
    plan: &Plan,
    path: &str,
    ctx: &Context,
    selection: &RuleSelection,
    locations: &BTreeMap<String, (String, usize)>,
) -> Vec<Escalation> {
    let mut diags = Vec::new();
    for rule in rules::RULES {
        if selection.enabled(rule.meta()) {
            rule.check(plan, ctx, &mut diags);
        }
    }
    let mut out: Vec<Escalation> = diags
        .into_iter()
        .map(|d| escalation(d, path, ctx, selection, locations))
        .collect();
    out.sort_by(|a, b| {
        b.finding
            .severity
            .cmp(&a.finding.severity)
            .then_with(|| a.finding.sort_key().cmp(&b.finding.sort_key()))
    });
    out
}

fn escalation(
    d: PlanDiag,
    path: &str,
    ctx: &Context,
    selection: &RuleSelection,
    locations: &BTreeMap<String, (String, usize)>,
) -> Escalation {
    let configured = selection.severity.get(d.rule.id).copied();
    let mut severity = configured.or(d.severity).unwrap_or(d.rule.severity);
    let mut message = d.message;
    if let Some(why) = &ctx.production {
        if configured.is_none() && severity != Severity::Info {
            let raised = raise(severity);
            if raised != severity {
                message.push_str(&format!(" (production: {why})"));
            }
            severity = raised;
        }
    }
    let anchor = d.details.first().map_or("", |x| x.attribute.as_str());
    let fingerprint = format!("{:016x}", fnv1a64(&[d.rule.id, path, &d.address, anchor]));
    let (start, end) = if d.loc.line == 0 {
        (
            Position { line: 1, column: 1 },
            Position { line: 1, column: 1 },
        )
    } else {
        (
            Position {
                line: d.loc.line,
                column: d.loc.column.max(1),
            },
            Position {
                line: d.loc.end_line.max(d.loc.line),
                column: d.loc.end_column.max(1),
            },
        )
    };
    let source = (!d.address.is_empty())
        .then(|| locations.get(&model::strip_keys(&d.address)).cloned())
        .flatten();
    Escalation {
        finding: Finding {
            rule: d.rule,
            severity,
            path: path.to_string(),
            span: Span::new(d.loc.start, d.loc.end),
            start,
            end,
            message,
            fingerprint,
            suppressed: None,
        },
        address: d.address,
        details: d.details,
        source,
    }
}

/// Read the plan (and `--config`), run the rules.
///
/// # Errors
/// The plan (or the config directory) cannot be read, or is not a plan JSON.
pub fn run(opts: &Options) -> Result<Outcome, PlanError> {
    let stdin = opts.input.as_os_str() == "-";
    let path = if stdin {
        "stdin".to_string()
    } else {
        opts.input.display().to_string().replace('\\', "/")
    };
    let read_err = |source| PlanError::Read {
        path: path.clone(),
        source,
    };
    let plan = if stdin {
        read::read(std::io::stdin().lock()).map_err(read_err)?
    } else {
        let f = std::fs::File::open(&opts.input).map_err(|source| PlanError::Io {
            path: path.clone(),
            source,
        })?;
        read::read(f).map_err(read_err)?
    };
    let config = match &opts.config_dir {
        Some(dir) => read_config(dir)?,
        None => ConfigInfo::default(),
    };
    let context = Context {
        max_destroy: opts.max_destroy,
        max_changes: opts.max_changes,
        production: production(opts, &config, &plan),
        prevent_destroy: config.prevent_destroy.clone(),
    };
    Ok(evaluate(
        plan,
        path,
        context,
        &opts.selection,
        &config.locations,
    ))
}

/// Run the rules over a read plan (no I/O): what [`run`] does after reading.
#[must_use]
pub fn evaluate(
    plan: Plan,
    path: String,
    context: Context,
    selection: &RuleSelection,
    locations: &BTreeMap<String, (String, usize)>,
) -> Outcome {
    let escalations = analyse(&plan, &path, &context, selection, locations);
    let rules = rules::RULES
        .iter()
        .map(|r| r.meta())
        .filter(|m| selection.enabled(m))
        .collect();
    Outcome {
        path,
        plan,
        context,
        escalations,
        rules,
    }
}
