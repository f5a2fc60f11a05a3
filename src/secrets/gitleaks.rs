//! `.gitleaks.toml` compatibility: a team's custom gitleaks rules and allowlists run in
//! ironlaw's scanner unchanged.
//!
//! Supported (gitleaks v8 config format):
//! - `[[rules]]`: `id`, `description`, `regex`, `secretGroup`, `entropy`, `keywords`, `path`
//!   (path-only rules when `regex` is absent), `tags` (read, unused); allowlists as
//!   `[[rules.allowlists]]` or the older `[rules.allowlist]`.
//! - allowlist fields: `description`, `condition` (`OR`/`AND`), `regexTarget`
//!   (`secret`/`match`/`line`), `regexes`, `paths`, `stopwords`; `commits` is read and
//!   applied to history scans only.
//! - global allowlists: `[[allowlists]]` (with `targetRules`) and the older `[allowlist]`.
//! - `[extend]`: `useDefault` (ironlaw's built-in detectors are its defaults: they always
//!   run unless `disabledRules` names their gitleaks id), `disabledRules`, `path` (another
//!   config file, resolved relative to this one, one level deep).
//! - A `[[rules]]` entry with no `regex` and no `path` but with allowlists adds those
//!   allowlists to the built-in detector whose gitleaks equivalent has that id (gitleaks'
//!   way of tuning a default rule).
//!
//! Not supported (reported as a warning): `[[rules.required]]` composite rules, `extend.url`.
//!
//! Custom rules become findings with id `SEC:<gitleaks id>` (severity high), so
//! `--select SEC`, `--ignore SEC:<id>` and `gitleaks:allow` work on them like on built-ins.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::finding::{Confidence, Severity};
use crate::rules::{Checklist, Family, RuleMeta};
use crate::secrets::{
    Allowlist, RegexTarget, Scanner, SecretRule, SecretRuleError, compile, detectors,
};

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawConfig {
    #[serde(default)]
    #[allow(dead_code)]
    title: Option<String>,
    #[serde(default)]
    extend: Option<RawExtend>,
    #[serde(default)]
    rules: Vec<RawRule>,
    /// Deprecated single global allowlist.
    #[serde(default)]
    allowlist: Option<RawAllowlist>,
    #[serde(default)]
    allowlists: Vec<RawAllowlist>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawExtend {
    #[serde(default)]
    use_default: bool,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    disabled_rules: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRule {
    id: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    regex: Option<String>,
    #[serde(default)]
    secret_group: Option<usize>,
    #[serde(default)]
    entropy: Option<f64>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    tags: Vec<String>,
    #[serde(default)]
    allowlist: Option<RawAllowlist>,
    #[serde(default)]
    allowlists: Vec<RawAllowlist>,
    #[serde(default)]
    required: Vec<toml::Value>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAllowlist {
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default)]
    regex_target: Option<String>,
    #[serde(default)]
    regexes: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    commits: Vec<String>,
    #[serde(default)]
    target_rules: Vec<String>,
}

/// A config that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum GitleaksError {
    #[error("{path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}: invalid gitleaks config: {message}")]
    Parse { path: String, message: String },
    #[error("{path}: {source}")]
    Rule {
        path: String,
        #[source]
        source: SecretRuleError,
    },
    #[error("{path}: rule {rule}: {message}")]
    Invalid {
        path: String,
        rule: String,
        message: String,
    },
}

/// A loaded `.gitleaks.toml`: the scanner to use (built-ins + custom rules, allowlists
/// applied), the commits allowlisted for history scans, and warnings about unsupported keys.
#[derive(Debug)]
pub struct GitleaksConfig {
    pub scanner: Scanner,
    /// Commit SHAs (or prefixes) whose changes are not scanned by `--history`.
    pub commits: Vec<String>,
    pub warnings: Vec<String>,
    /// Ids (`SEC:<id>`) of the custom rules, in file order.
    pub custom: Vec<&'static RuleMeta>,
}

impl GitleaksConfig {
    /// Load `path` (and one `[extend] path` it names).
    ///
    /// # Errors
    /// When a file cannot be read or parsed, or a rule's regex does not compile.
    pub fn load(path: &Path) -> Result<Self, GitleaksError> {
        let text = std::fs::read_to_string(path).map_err(|e| GitleaksError::Read {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let extended = extended_text(path, &text)?;
        Self::from_texts(&path.display().to_string(), &text, extended.as_deref())
    }

    /// Build from config text (`extended`: the text of the `[extend] path` file, if any).
    ///
    /// # Errors
    /// As [`GitleaksConfig::load`].
    pub fn from_texts(
        name: &str,
        text: &str,
        extended: Option<&str>,
    ) -> Result<Self, GitleaksError> {
        let parse = |t: &str| {
            toml::from_str::<RawConfig>(t).map_err(|e| GitleaksError::Parse {
                path: name.to_string(),
                message: e.to_string(),
            })
        };
        let mut raw = parse(text)?;
        if let Some(base) = extended {
            // the extended file's rules come first; this file's rules of the same id win
            let mut base = parse(base)?;
            let mine: Vec<String> = raw.rules.iter().map(|r| r.id.clone()).collect();
            base.rules.retain(|r| !mine.contains(&r.id));
            base.rules.append(&mut raw.rules);
            raw.rules = base.rules;
            raw.allowlists.append(&mut base.allowlists);
            if raw.allowlist.is_none() {
                raw.allowlist = base.allowlist;
            }
        }
        build(name, raw)
    }
}

fn extended_text(path: &Path, text: &str) -> Result<Option<String>, GitleaksError> {
    let Ok(raw) = toml::from_str::<RawConfig>(text) else {
        return Ok(None); // the real parse reports the error
    };
    let Some(rel) = raw.extend.and_then(|e| e.path) else {
        return Ok(None);
    };
    let base: PathBuf = path.parent().unwrap_or(Path::new(".")).join(rel);
    std::fs::read_to_string(&base)
        .map(Some)
        .map_err(|e| GitleaksError::Read {
            path: base.display().to_string(),
            message: format!("[extend] path: {e}"),
        })
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Rule metadata for a custom rule (leaked: configs load once per run).
fn custom_meta(rule: &RawRule) -> &'static RuleMeta {
    let title = rule
        .description
        .clone()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| format!("Custom gitleaks rule {}", rule.id));
    let equivalents: &'static [&'static str] =
        Box::leak(vec![leak(format!("gitleaks:{}", rule.id))].into_boxed_slice());
    Box::leak(Box::new(RuleMeta {
        id: leak(format!("SEC:{}", rule.id)),
        name: leak(rule.id.clone()),
        family: Family::Secrets,
        title: leak(title),
        severity: Severity::High,
        confidence: Confidence::Medium,
        checklist: Checklist::NoSecretsInCode,
        rationale: "A custom rule from the repository's .gitleaks.toml: the team marked this \
format as a credential that must not be committed.",
        remediation: "Rotate the credential, remove it from the file and from history, and \
inject it at run time from a secret store.",
        equivalents,
        references: &[],
    }))
}

fn allowlist(name: &str, rule: &str, raw: &RawAllowlist) -> Result<Allowlist, GitleaksError> {
    let re = |p: &String| {
        compile(p).map_err(|e| GitleaksError::Invalid {
            path: name.to_string(),
            rule: rule.to_string(),
            message: format!("allowlist regex: {e}"),
        })
    };
    let regex_target = match raw.regex_target.as_deref().map(str::to_ascii_lowercase) {
        None => RegexTarget::Secret,
        Some(t) if t == "secret" => RegexTarget::Secret,
        Some(t) if t == "match" => RegexTarget::Match,
        Some(t) if t == "line" => RegexTarget::Line,
        Some(t) => {
            return Err(GitleaksError::Invalid {
                path: name.to_string(),
                rule: rule.to_string(),
                message: format!("regexTarget `{t}`: expected secret, match or line"),
            });
        }
    };
    let all = match raw.condition.as_deref().map(str::to_ascii_uppercase) {
        None => false,
        Some(c) if c == "OR" => false,
        Some(c) if c == "AND" => true,
        Some(c) => {
            return Err(GitleaksError::Invalid {
                path: name.to_string(),
                rule: rule.to_string(),
                message: format!("condition `{c}`: expected OR or AND"),
            });
        }
    };
    Ok(Allowlist {
        regexes: raw.regexes.iter().map(re).collect::<Result<_, _>>()?,
        regex_target,
        stopwords: raw
            .stopwords
            .iter()
            .map(|w| w.to_ascii_lowercase())
            .collect(),
        paths: raw.paths.iter().map(re).collect::<Result<_, _>>()?,
        all,
    })
}

/// The built-in detectors' gitleaks ids, detector index → ids.
fn builtin_gitleaks_ids() -> Vec<Vec<&'static str>> {
    detectors::DETECTORS
        .iter()
        .map(|d| d.meta.equivalents_of("gitleaks").collect())
        .collect()
}

fn build(name: &str, raw: RawConfig) -> Result<GitleaksConfig, GitleaksError> {
    let mut warnings = Vec::new();
    let mut commits = Vec::new();
    let extend = raw.extend.unwrap_or_default();
    if extend.url.is_some() {
        warnings.push(format!(
            "{name}: [extend] url is not supported (no network); ignored"
        ));
    }
    let _ = extend.use_default; // built-ins always run; see the module docs
    let gl_ids = builtin_gitleaks_ids();
    let disabled = |i: usize| {
        gl_ids.get(i).is_some_and(|ids| {
            ids.iter()
                .any(|id| extend.disabled_rules.iter().any(|d| d == id))
        })
    };

    // global allowlists, by target (empty target list = every rule)
    let mut globals: Vec<(Vec<String>, RawAllowlist)> = Vec::new();
    if let Some(a) = raw.allowlist {
        globals.push((a.target_rules.clone(), a));
    }
    for a in raw.allowlists {
        globals.push((a.target_rules.clone(), a));
    }

    // built-ins, with rule-level allowlists that tune them
    let mut tuning: BTreeMap<String, Vec<RawAllowlist>> = BTreeMap::new();
    let mut custom_rules: Vec<RawRule> = Vec::new();
    for r in raw.rules {
        if !r.required.is_empty() {
            warnings.push(format!(
                "{name}: rule {}: [[rules.required]] composite rules are not supported; the \
rule runs without its required companions",
                r.id
            ));
        }
        if r.regex.is_none() && r.path.is_none() {
            let mut lists = r.allowlists.clone();
            lists.extend(r.allowlist.clone());
            if lists.is_empty() {
                return Err(GitleaksError::Invalid {
                    path: name.to_string(),
                    rule: r.id,
                    message: "neither regex nor path is set".to_string(),
                });
            }
            tuning.entry(r.id.clone()).or_default().extend(lists);
            continue;
        }
        custom_rules.push(r);
    }

    let mut rules: Vec<SecretRule> = Vec::new();
    for (i, d) in detectors::DETECTORS.iter().enumerate() {
        if disabled(i) {
            continue;
        }
        let mut rule = SecretRule::from_detector(d).map_err(|source| GitleaksError::Rule {
            path: name.to_string(),
            source,
        })?;
        let ids = gl_ids.get(i).cloned().unwrap_or_default();
        for id in &ids {
            for a in tuning.get(*id).into_iter().flatten() {
                rule.add_allowlist(allowlist(name, id, a)?);
            }
        }
        for (targets, a) in &globals {
            if targets.is_empty() || targets.iter().any(|t| ids.contains(&t.as_str())) {
                rule.add_allowlist(allowlist(name, d.meta.id, a)?);
            }
        }
        rules.push(rule);
    }
    for id in tuning.keys() {
        if !gl_ids.iter().flatten().any(|g| g == id) {
            warnings.push(format!(
                "{name}: rule {id} has only allowlists and no built-in detector has that \
gitleaks id; ignored"
            ));
        }
    }

    let mut custom = Vec::new();
    for r in custom_rules {
        let meta = custom_meta(&r);
        let keywords: Vec<&str> = r.keywords.iter().map(String::as_str).collect();
        let mut lists = Vec::new();
        for a in r.allowlists.iter().chain(r.allowlist.iter()) {
            commits.extend(a.commits.iter().cloned());
            lists.push(allowlist(name, &r.id, a)?);
        }
        for (targets, a) in &globals {
            if targets.is_empty() || targets.contains(&r.id) {
                lists.push(allowlist(name, &r.id, a)?);
            }
        }
        let rule = SecretRule::new(
            meta,
            r.regex.as_deref().unwrap_or(""),
            r.secret_group.unwrap_or(0),
            &keywords,
            r.entropy,
            r.path.as_deref(),
            lists,
        )
        .map_err(|source| GitleaksError::Rule {
            path: name.to_string(),
            source,
        })?;
        custom.push(meta);
        rules.push(rule);
    }
    for (_, a) in &globals {
        commits.extend(a.commits.iter().cloned());
    }
    commits.sort();
    commits.dedup();
    let scanner = Scanner::new(rules).map_err(|source| GitleaksError::Rule {
        path: name.to_string(),
        source,
    })?;
    Ok(GitleaksConfig {
        scanner,
        commits,
        warnings,
        custom,
    })
}

/// The config file a scan of `root` uses: `.gitleaks.toml` at the root, if present
/// (gitleaks' own default; `GITLEAKS_CONFIG` is honoured by the caller).
#[must_use]
pub fn find(root: &Path) -> Option<PathBuf> {
    let p = root.join(".gitleaks.toml");
    p.is_file().then_some(p)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    const CUSTOM: &str = r#"
title = "team rules"
[extend]
useDefault = true

[[rules]]
id = "acme-api-key"
description = "ACME internal API key"
regex = '''\b(acme_[a-z0-9]{24})\b'''
secretGroup = 1
entropy = 3.0
keywords = ["acme_"]

  [[rules.allowlists]]
  regexTarget = "line"
  regexes = ['''(?i)fixture''']

[[rules]]
id = "deploy-key-file"
path = '''(^|/)deploy\.key$'''

[[allowlists]]
description = "vendored"
paths = ['''^vendor/''']
"#;

    #[test]
    fn custom_rules_run_next_to_builtins() {
        let cfg = GitleaksConfig::from_texts(".gitleaks.toml", CUSTOM, None).unwrap();
        assert!(cfg.warnings.is_empty(), "{:?}", cfg.warnings);
        assert_eq!(cfg.custom.len(), 2);
        assert_eq!(cfg.custom[0].id, "SEC:acme-api-key");
        let text = b"key = acme_k3j9x0q2m5v8b1n4c7z6w2e9\n";
        let hits = cfg.scanner.scan("app/config.py", text);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].meta.id, "SEC:acme-api-key");
        assert_eq!(
            &text[hits[0].secret.clone()],
            b"acme_k3j9x0q2m5v8b1n4c7z6w2e9"
        );
        // rule allowlist on the line, global path allowlist
        assert!(
            cfg.scanner
                .scan("a.py", b"key = acme_k3j9x0q2m5v8b1n4c7z6w2e9 # fixture\n")
                .is_empty()
        );
        assert!(cfg.scanner.scan("vendor/x.py", text).is_empty());
        // built-ins still run; the global path allowlist applies to them too
        let aws = b"AKIAZ3MSJV4WCJEXAMPL\n";
        assert_eq!(cfg.scanner.scan("a.txt", aws).len(), 1);
        assert!(cfg.scanner.scan("vendor/a.txt", aws).is_empty());
        // path-only rule
        let hits = cfg.scanner.scan("ops/deploy.key", b"anything");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].meta.id, "SEC:deploy-key-file");
    }

    #[test]
    fn disabled_rules_and_tuning_allowlists_apply_to_builtins() {
        let cfg = GitleaksConfig::from_texts(
            "g.toml",
            r#"
[extend]
useDefault = true
disabledRules = ["private-key"]
[[rules]]
id = "aws-access-token"
  [[rules.allowlists]]
  stopwords = ["z3msjv"]
"#,
            None,
        )
        .unwrap();
        assert!(cfg.scanner.rules().iter().all(|r| r.meta.id != "SEC002"));
        assert!(cfg.scanner.scan("a", b"AKIAZ3MSJV4WCJEXAMPL\n").is_empty());
        assert_eq!(cfg.scanner.scan("a", b"AKIAQ3MSJV4WCJEXAMPL\n").len(), 1);
    }

    #[test]
    fn bad_configs_are_clear_errors() {
        let e = GitleaksConfig::from_texts("g.toml", "[[rules]]\nid='x'\nregex='(['\n", None)
            .unwrap_err();
        assert!(e.to_string().contains("invalid regex"), "{e}");
        let e = GitleaksConfig::from_texts("g.toml", "rules = 3", None).unwrap_err();
        assert!(
            e.to_string().starts_with("g.toml: invalid gitleaks config"),
            "{e}"
        );
        let e = GitleaksConfig::from_texts(
            "g.toml",
            "[[rules]]\nid='x'\nregex='a(b)'\nsecretGroup=2\n",
            None,
        )
        .unwrap_err();
        assert!(e.to_string().contains("secretGroup 2"), "{e}");
        let w = GitleaksConfig::from_texts(
            "g.toml",
            "[[rules]]\nid='x'\nregex='ab'\nkeywords=['ab']\n[[rules.required]]\nid='y'\n",
            None,
        )
        .unwrap();
        assert_eq!(w.warnings.len(), 1);
    }

    #[test]
    fn extend_path_merges_and_this_file_wins() {
        let base = "[[rules]]\nid='a'\nregex='aaa[0-9]{4}'\nkeywords=['aaa']\n";
        let mine = "[extend]\npath='base.toml'\n[[rules]]\nid='a'\nregex='aaa[0-9]{6}'\nkeywords=['aaa']\n";
        let cfg = GitleaksConfig::from_texts("g.toml", mine, Some(base)).unwrap();
        assert_eq!(cfg.custom.len(), 1);
        assert!(cfg.scanner.scan("f", b"aaa1234 ").is_empty());
        assert_eq!(cfg.scanner.scan("f", b"aaa123456 ").len(), 1);
    }
}
