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
