//! Baselines: record today's findings by fingerprint; later runs report only new ones.
//!
//! Fingerprints are content-anchored (rule, path, logical location, normalised offending
//! text — no line numbers), so a finding that merely moves stays baselined, and a changed
//! offending value is reported again.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    rule_id: String,
    path: String,
    fingerprint: String,
    /// For humans reading the file; not used for matching.
    message: String,
}

/// A loaded baseline.
#[derive(Debug, Default)]
pub struct Baseline {
    keys: BTreeSet<(String, String, String)>,
}

/// Baseline I/O errors.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read baseline {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("baseline {path} is not a valid ironlaw baseline: {message}")]
    Invalid { path: String, message: String },
    #[error("cannot write baseline {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl Baseline {
    /// Load a baseline file.
    ///
    /// # Errors
    /// Unreadable or malformed file.
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let p = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
            path: p.clone(),
            source,
        })?;
        let file: File = serde_json::from_str(&text).map_err(|e| BaselineError::Invalid {
            path: p.clone(),
            message: e.to_string(),
        })?;
        if file.version != 1 {
            return Err(BaselineError::Invalid {
                path: p,
                message: format!("unsupported version {}", file.version),
            });
        }
        Ok(Self {
            keys: file
                .findings
                .into_iter()
                .map(|e| (e.rule_id, e.path, e.fingerprint))
                .collect(),
        })
    }

    /// Whether a finding is in the baseline.
    #[must_use]
    pub fn contains(&self, f: &Finding) -> bool {
        self.keys
            .contains(&(f.rule.id.to_string(), f.path.clone(), f.fingerprint.clone()))
    }

    /// Serialise findings as a baseline file.
    #[must_use]
    pub fn render(findings: &[Finding]) -> String {
        let mut entries: Vec<Entry> = findings
            .iter()
            .map(|f| Entry {
                rule_id: f.rule.id.to_string(),
                path: f.path.clone(),
                fingerprint: f.fingerprint.clone(),
                message: f.message.clone(),
            })
            .collect();
        entries.sort();
        entries.dedup();
        let file = File {
            version: 1,
            findings: entries,
        };
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Write a baseline file.
    ///
    /// # Errors
    /// When the file cannot be written.
    pub fn write(path: &Path, findings: &[Finding]) -> Result<(), BaselineError> {
        std::fs::write(path, Self::render(findings)).map_err(|source| BaselineError::Write {
            path: path.display().to_string(),
            source,
        })
    }
}

/// A `.gitleaksignore` file: gitleaks fingerprints of findings to ignore, one a line —
/// `path:rule-id:line` (a working-tree finding) or `commit:path:rule-id:line` (a finding in
/// history). `rule-id` is the gitleaks rule id (matched through a rule's `gitleaks:`
/// equivalents) or the ironlaw id; `line` is the 1-based line of the secret.
#[derive(Debug, Default)]
pub struct GitleaksIgnore {
    /// (commit or empty, path, rule id lower-case, line) and the entry as written.
    entries: Vec<(String, String, String, usize, String)>,
}

impl GitleaksIgnore {
    /// Parse the text of a `.gitleaksignore` (blank lines and `#` comments skipped; lines
    /// that are not fingerprints ignored).
    #[must_use]
    pub fn parse(text: &str) -> Self {
        let mut entries = Vec::new();
        for raw in text.lines() {
            let entry = raw.trim();
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            let mut parts = entry.rsplitn(3, ':');
            let (Some(line), Some(rule), Some(rest)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Ok(line) = line.trim().parse::<usize>() else {
                continue;
            };
            let (commit, path) = match rest.split_once(':') {
                Some((c, p))
                    if (7..=40).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_hexdigit()) =>
                {
                    (c.to_ascii_lowercase(), p)
                }
                _ => (String::new(), rest),
            };
            entries.push((
                commit,
                path.trim_start_matches("./").to_string(),
                rule.to_ascii_lowercase(),
                line,
                entry.to_string(),
            ));
        }
        Self { entries }
    }

    /// The `.gitleaksignore` in `dir`, if there is one (unreadable = none).
    #[must_use]
    pub fn load(dir: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(dir.join(".gitleaksignore")).ok()?;
        let ignore = Self::parse(&text);
        (!ignore.entries.is_empty()).then_some(ignore)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry that ignores a secrets finding at `path` (relative to the directory of the
    /// `.gitleaksignore`), if any. `commit`: the commit a history finding was found in (an
    /// entry with a commit matches only findings of that commit, by prefix either way; an
    /// entry without one only working-tree findings).
    #[must_use]
    pub fn matches(&self, f: &Finding, path: &str, commit: Option<&str>) -> Option<&str> {
        if f.rule.family != crate::rules::Family::Secrets {
            return None;
        }
        self.entries
            .iter()
            .find(|(c, p, rule, line, _)| {
                let commit_ok = match commit {
                    None => c.is_empty(),
                    Some(k) => {
                        let k = k.to_ascii_lowercase();
                        !c.is_empty() && (k.starts_with(c.as_str()) || c.starts_with(&k))
                    }
                };
                commit_ok
                    && *line == f.start.line
                    && p == path
                    && (f.rule.id.eq_ignore_ascii_case(rule)
                        || f.rule
                            .equivalents_of("gitleaks")
                            .any(|g| g.eq_ignore_ascii_case(rule)))
            })
            .map(|e| e.4.as_str())
    }
}
