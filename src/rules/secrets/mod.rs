//! `SEC` rules that need a file's structure rather than a pattern: committed `.env` files,
//! and the base64 `data` of Kubernetes `Secret` objects (decoded, then scanned by the
//! detectors). The pattern detectors themselves are data in [`crate::secrets::detectors`].

use std::ops::Range;

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::parse::yaml::Node;
use crate::rules::k8s::reliability::{decode_base64, is_placeholder};
use crate::rules::{Checklist, Family, RuleMeta};
use crate::secrets::{Hit, Scanner, redact};
use crate::source::{SourceFile, Span};

pub static DOTENV_COMMITTED: RuleMeta = RuleMeta {
    id: "SEC100",
    name: "dotenv-file-committed",
    family: Family::Secrets,
    title: "Environment file with values committed",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "A `.env` file is where local credentials live: database passwords, API keys, \
tokens. Committed with real values, it hands them to everyone who can clone the repository, \
every fork and CI cache, and keeps them in git history after the file is deleted.",
    remediation: "Remove the file from the repository (`git rm --cached .env`), add `.env` to \
`.gitignore`, rotate the values it held, and commit a `.env.example` with placeholders \
instead: `DB_PASSWORD=changeme`.",
    equivalents: &["checkov:CKV_SECRET_6"],
    references: &["https://12factor.net/config"],
};

/// The structural `SEC` rules (not pattern detectors), for the registry.
pub static RULES: &[&RuleMeta] = &[&DOTENV_COMMITTED];

/// Whether a path names an environment file with real values (`.env`, `.env.production`,
/// `prod.env`), not a template (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`).
#[must_use]
pub fn is_dotenv(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let env = name == ".env" || name.starts_with(".env.") || name.ends_with(".env");
    const TEMPLATES: &[&str] = &[
        "example", "sample", "template", "dist", "tmpl", "tpl", "defaults", "schema", "test",
    ];
    env && !TEMPLATES
        .iter()
        .any(|t| name.split('.').any(|part| part == *t))
}

/// One `KEY=value` line of an environment file: the key and the byte range of the value
/// (quotes and a trailing comment excluded).
fn dotenv_entries(text: &str) -> Vec<(&str, Range<usize>)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let at = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let body = line.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let lead = line.len() - body.len();
        let (body, lead) = match body.strip_prefix("export ") {
            Some(b) => (b.trim_start(), line.len() - b.trim_start().len()),
            None => (body, lead),
        };
        let Some(eq) = body.find('=') else { continue };
        let key = body.get(..eq).unwrap_or("").trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            continue;
        }
        let value = body.get(eq + 1..).unwrap_or("");
        let vlead = value.len() - value.trim_start().len();
        let value = value.trim_start();
        let start = at + lead + eq + 1 + vlead;
        let range = match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = value.get(1..).unwrap_or("");
                let end = inner.find(q).unwrap_or(inner.len());
                start + 1..start + 1 + end
            }
            _ => {
                let end = value.find(" #").unwrap_or(value.len());
                start..start + value.get(..end).unwrap_or("").trim_end().len()
            }
        };
        out.push((key, range));
    }
    out
}

/// Whether an environment value is a placeholder (empty, `${VAR}`, `$VAR`, `<…>`,
/// `changeme`, `xxx`) or plainly not a credential (`true`, `false`, a number).
fn dotenv_placeholder(value: &str) -> bool {
    let v = value.trim();
    is_placeholder(v)
        || (v.starts_with('$') && v.len() > 1)
        || matches!(
            v.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "none"
        )
        || v.parse::<f64>().is_ok()
}

/// `SEC100`: one diagnostic per environment file, at its first real value; and the ranges
/// of every real value (masked in reports).
#[must_use]
pub fn check_dotenv(file: &SourceFile) -> (Option<Diagnostic>, Vec<Range<usize>>) {
    if !is_dotenv(&file.path) {
        return (None, Vec::new());
    }
    let mut first = None;
    let mut ranges = Vec::new();
    for (key, range) in dotenv_entries(&file.text) {
        let value = file.text.get(range.clone()).unwrap_or("");
        if dotenv_placeholder(value) {
            continue;
        }
        if first.is_none() {
            let name = file.path.rsplit('/').next().unwrap_or(&file.path);
            first = Some(
                Diagnostic::new(
                    &DOTENV_COMMITTED,
                    Span::from(range.clone()),
                    format!("environment file \"{name}\" holds a committed value for \"{key}\""),
                )
                .anchor(key.to_string()),
            );
        }
        ranges.push(range);
    }
    (first, ranges)
}

/// A detector hit as a diagnostic: span = the secret, message names what was found and the
/// value only redacted; content-anchored on the secret (by the finding's fingerprint over
/// the span's text). `extra` is appended to the message (`in commit 1a2b3c4 (2026-01-02)`).
#[must_use]
pub fn hit_diagnostic(file: &SourceFile, hit: &Hit, extra: Option<&str>) -> Diagnostic {
    let what = what_of(hit.meta);
    let mut message = if hit.secret.is_empty() {
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        format!("{what} file \"{name}\"")
    } else {
        let secret = file.text.get(hit.secret.clone()).unwrap_or("");
        format!("{what} \"{}\"", redact(secret))
    };
    if let Some(extra) = extra {
        message.push(' ');
        message.push_str(extra);
    }
    Diagnostic::new(hit.meta, Span::from(hit.secret.clone()), message).anchor(hit.meta.id)
}

/// What a detector finds, for messages: its title without "committed", lower-cased unless
/// it starts with an acronym or a brand (`AWS access key id`, `GitHub token`, `private key`).
#[must_use]
pub fn what_of(meta: &RuleMeta) -> String {
    let t = meta.title.trim();
    let t = t.strip_suffix(" committed").unwrap_or(t);
    let first = t.split_whitespace().next().unwrap_or("");
    let mut chars = first.chars();
    let keep =
        chars.next().is_none() || chars.any(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if keep {
        t.to_string()
    } else {
        let mut c = t.chars();
        c.next()
            .map(|f| f.to_lowercase().chain(c).collect())
            .unwrap_or_default()
    }
}

/// The base64 `data` values of the `Secret` objects of a manifest: each decoded and scanned
/// (a hit is a finding of its detector at the value's span), and every value's range (masked
/// in reports: base64 is only an encoding).
#[must_use]
pub fn check_k8s_secret_data(
    file: &SourceFile,
    objects: &[Object],
    scanner: &Scanner,
) -> (Vec<Diagnostic>, Vec<Range<usize>>) {
    let mut diags = Vec::new();
    let mut ranges = Vec::new();
    for obj in objects.iter().filter(|o| o.kind == "Secret") {
        for (key, value) in obj
            .node
            .get("data")
            .map(Node::iter_map)
            .into_iter()
            .flatten()
        {
            let (Some(name), Some(text)) = (key.as_str(), value.as_str()) else {
                continue;
            };
            if value.span.is_empty() || is_placeholder(text) {
                continue;
            }
            ranges.push(value.span.range());
            let Some(bytes) = decode_base64(text) else {
                continue;
            };
            let decoded = String::from_utf8_lossy(&bytes);
            let hits = scanner.scan(&file.path, decoded.as_bytes());
            for hit in hits.iter().filter(|h| !h.secret.is_empty()) {
                let secret = decoded.get(hit.secret.clone()).unwrap_or("");
                diags.push(
                    Diagnostic::new(
                        hit.meta,
                        value.span,
                        format!(
                            "{} \"{}\" base64-encoded in data key \"{name}\" of {}",
                            what_of(hit.meta),
                            redact(secret),
                            obj.describe()
                        ),
                    )
                    .anchor(format!(
                        "{}:data.{name}:{}",
                        obj.id(),
                        hit.meta.id
                    )),
                );
            }
        }
    }
    (diags, ranges)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn dotenv_names() {
        for p in [".env", "app/.env.production", "prod.env", ".env.local"] {
            assert!(is_dotenv(p), "{p}");
        }
        for p in [
            ".env.example",
            "x/.env.sample",
            ".env.template",
            ".env.dist",
            "env.txt",
            ".envrc",
            "example.env",
        ] {
            assert!(!is_dotenv(p), "{p}");
        }
    }

    #[test]
    fn dotenv_first_real_value() {
        let text = "# c\nEMPTY=\nVAR=${OTHER}\nPH=<your key>\nC=changeme\nPORT=8080\nexport DB_PASSWORD=\"s3cr3t-Value\" # x\nB=plain # note\n";
        let file = SourceFile::new(".env", text.to_string());
        let (d, ranges) = check_dotenv(&file);
        let d = d.unwrap();
        assert_eq!(&text[d.span.range()], "s3cr3t-Value");
        assert!(d.message.contains("DB_PASSWORD"), "{}", d.message);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[1].clone()], "plain");
        let file = SourceFile::new(".env", "A=\nB=${X}\n".to_string());
        assert!(check_dotenv(&file).0.is_none());
    }

    #[test]
    fn what_keeps_acronyms() {
        let reg = crate::rules::registry();
        assert_eq!(what_of(reg.get("SEC001").unwrap()), "AWS access key id");
        assert_eq!(what_of(reg.get("SEC002").unwrap()), "private key");
        assert_eq!(
            what_of(reg.get("SEC003").unwrap()),
            "GitHub personal access token"
        );
    }
}
