//! `ironlaw.toml` / `.ironlaw.toml`: schema, discovery (from the scanned path upward), and
//! validation with "did you mean" suggestions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::finding::Severity;
use crate::rules::registry;
use crate::util::closest;

/// Config file names, in lookup order.
pub const FILE_NAMES: [&str; 2] = ["ironlaw.toml", ".ironlaw.toml"];

/// A configuration error (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// A size given as bytes or with a unit (`"5MiB"`, `"512KB"`).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Size {
    Bytes(u64),
    Text(String),
}

impl Size {
    /// Bytes, or `None` for an unparsable text.
    #[must_use]
    pub fn bytes(&self) -> Option<u64> {
        match self {
            Size::Bytes(b) => Some(*b),
            Size::Text(t) => parse_size(t),
        }
    }
}

/// Parse `5MiB`, `5MB`, `512k`, `1000`.
#[must_use]
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: u64 = num.parse().ok()?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        _ => return None,
    };
    n.checked_mul(mult)
}

/// The file's schema. Unknown keys are errors.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rule ids, names or id prefixes to run (default: all).
    #[serde(default)]
    pub select: Vec<String>,
    /// Rule ids, names or prefixes never to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity at/above which `check` exits 1.
    pub fail_on: Option<Severity>,
    /// Glob patterns (relative to the scan root) not to scan.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Files larger than this are skipped (and reported). Default 5 MiB.
    pub max_file_size: Option<Size>,
    /// Per-rule severity overrides.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Rules ignored under some paths: `"tests/**" = ["DF001"]`.
    #[serde(default)]
    pub per_path_ignores: BTreeMap<String, Vec<String>>,
    /// How `--render` renders charts and overlays.
    #[serde(default)]
    pub render: RenderConfig,
}

/// The `[render]` table.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RenderConfig {
    /// Time limit per render (`"60s"`, `"500ms"`).
    pub timeout: Option<String>,
    /// `--values` files per chart directory (relative to the chart):
    /// `"charts/web" = ["values-prod.yaml"]`.
    #[serde(default)]
    pub helm_values: BTreeMap<String, Vec<String>>,
}

const KEYS: &[&str] = &[
    "select",
    "ignore",
    "fail-on",
    "exclude",
    "max-file-size",
    "severity",
    "per-path-ignores",
    "render",
];

/// A loaded config and where it came from.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub config: Config,
    pub path: Option<PathBuf>,
}

/// Find a config file from `start` (a file or directory) upward.
#[must_use]
pub fn find(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        dir = d.parent();
    }
    None
}

/// Load and validate a config file.
///
/// # Errors
/// Unreadable file, TOML syntax, unknown keys (with a suggestion), unknown rule ids.
pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let config = parse(&text).map_err(|message| ConfigError::Invalid {
        path: path.to_path_buf(),
        message,
    })?;
    Ok(Loaded {
        config,
        path: Some(path.to_path_buf()),
    })
}

/// Parse and validate config text.
///
/// # Errors
/// A message suitable for the user, with a suggestion where one fits.
pub fn parse(text: &str) -> Result<Config, String> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let msg = e.message().to_string();
        let hint = msg
            .split('`')
            .nth(1)
            .filter(|_| msg.starts_with("unknown field"))
            .and_then(|field| closest(field, KEYS.iter().copied()))
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        let line = e
            .span()
            .map(|s| text.get(..s.start).unwrap_or("").matches('\n').count() + 1);
        match line {
            Some(l) => format!("line {l}: {msg}{hint}"),
            None => format!("{msg}{hint}"),
        }
    })?;
    validate(&config)?;
    Ok(config)
}

/// Check that every rule reference names a rule (or a family prefix).
///
/// # Errors
/// The first unknown reference, with a suggestion.
pub fn validate(config: &Config) -> Result<(), String> {
    let check = |what: &str, key: &str| -> Result<(), String> {
        check_rule_ref(key).map_err(|e| format!("{what}: {e}"))
    };
    for s in &config.select {
        check("select", s)?;
    }
    for s in &config.ignore {
        check("ignore", s)?;
    }
    for s in config.severity.keys() {
        check("severity", s)?;
        if registry().get(s).is_none() {
            return Err(format!(
                "severity: `{s}` is not a rule id (prefixes are not allowed here)"
            ));
        }
    }
    for (glob, ids) in &config.per_path_ignores {
        globset::Glob::new(glob)
            .map_err(|e| format!("per-path-ignores: invalid glob `{glob}`: {e}"))?;
        for s in ids {
            check("per-path-ignores", s)?;
        }
    }
    for g in &config.exclude {
        globset::Glob::new(g).map_err(|e| format!("exclude: invalid glob `{g}`: {e}"))?;
    }
    if let Some(size) = &config.max_file_size {
        if size.bytes().is_none() {
            return Err("max-file-size: expected bytes or a size such as \"5MiB\"".to_string());
        }
    }
    Ok(())
}

/// A rule reference is an id, a name, or an id prefix of at least one rule (`DF`, `DF0`).
///
/// # Errors
/// When it matches nothing, with the closest id/name.
pub fn check_rule_ref(key: &str) -> Result<(), String> {
    let reg = registry();
    if reg.get(key).is_some() {
        return Ok(());
    }
    let upper = key.to_ascii_uppercase();
    if !upper.is_empty() && reg.metas().iter().any(|m| m.id.starts_with(&upper)) {
        return Ok(());
    }
    let hint = reg
        .suggest(key)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    Err(format!("unknown rule `{key}`{hint}"))
}

/// The commented starter file written by `ironlaw init`.
pub const STARTER: &str = r#"# ironlaw configuration. Found from the scanned path upward (ironlaw.toml or .ironlaw.toml).
# Every key is optional; unknown keys are errors. `ironlaw rules` lists rule ids and names.

# Run only these rules (ids, names or id prefixes such as "DF"). Default: every rule.
# select = ["DF", "IL"]

# Never run these rules.
# ignore = ["DF002"]   # image-not-pinned-by-digest

# `ironlaw check` exits 1 when a finding is at or above this severity
# (critical, high, medium, low, info). Default: high.
# fail-on = "high"

# Paths (globs relative to the scan root) never scanned. .gitignore and .ironlawignore
# are honoured as well.
# exclude = ["testdata/**", "examples/legacy"]

# Files larger than this are skipped and reported in the summary. Default: 5MiB.
# max-file-size = "5MiB"

# Change a rule's severity.
[severity]
# DF001 = "high"

# Ignore rules under some paths.
[per-path-ignores]
# "tests/**" = ["DF001", "DF004"]

# `ironlaw check --render`: how charts and overlays are rendered.
[render]
# timeout = "60s"
# Extra --values files per chart directory (relative to the chart).
# helm-values = { "charts/web" = ["values-prod.yaml"] }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses() {
        assert!(parse(STARTER).is_ok(), "{:?}", parse(STARTER).err());
    }

    #[test]
    fn unknown_key_suggests() {
        let err = parse("selct = [\"DF\"]\n").err().unwrap_or_default();
        assert!(err.contains("did you mean `select`"), "{err}");
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn unknown_rule_suggests() {
        let err = parse("ignore = [\"DF0\", \"DF9999\"]\n")
            .err()
            .unwrap_or_default();
        assert!(err.contains("unknown rule `DF9999`"), "{err}");
        let err = parse("ignore = [\"image-uses-latest-tags\"]\n")
            .err()
            .unwrap_or_default();
        assert!(
            err.contains("did you mean `image-uses-latest-tag`"),
            "{err}"
        );
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("5MiB"), Some(5 * 1024 * 1024));
        assert_eq!(parse_size("100"), Some(100));
        assert_eq!(parse_size("5 parsecs"), None);
        assert!(parse("max-file-size = \"lots\"").is_err());
        assert!(parse("fail-on = \"severe\"").is_err());
    }
}
