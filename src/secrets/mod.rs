//! Secrets: credential detectors over any text, compatible with gitleaks' rule model.
//!
//! One mechanism for built-in detectors ([`detectors::DETECTORS`]) and user rules (a
//! `.gitleaks.toml`): each becomes a [`SecretRule`] — a regex compiled with Unicode classes off
//! (RE2 semantics, as gitleaks; see `CRATES.md` §3.5), the capture group that is the secret,
//! keywords, a minimum Shannon entropy, a path filter, allowlists and an optional structural
//! check — and a [`Scanner`] runs all of them over a file. One Aho-Corasick pass over every
//! rule's keywords decides which rules can match at all; only those run their regex.
//!
//! The scanner is pure (bytes in, [`Hit`]s out). Secret values never leave this module except
//! as byte ranges; anything that prints one goes through [`redact`].

pub mod detectors;
pub mod gitleaks;
pub mod history;
pub mod validate;

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::{Regex, RegexBuilder};

use crate::rules::RuleMeta;

/// Longest secret a rule may report (bytes); longer matches are noise (minified data).
pub const MAX_SECRET_LEN: usize = 8 * 1024;

/// A built-in detector: rule metadata plus the matching recipe (the fields of a gitleaks rule).
#[derive(Debug)]
pub struct Detector {
    /// `SEC` + 3 digits; `equivalents` name the gitleaks rule id(s) and Checkov `CKV_SECRET_*`.
    pub meta: RuleMeta,
    /// RE2-syntax pattern, compiled with `.unicode(false)`; `(?i)` allowed. Empty = a
    /// path-only rule: a file whose path matches `path` is itself the finding (line 1).
    pub regex: &'static str,
    /// The capture group that holds the secret; 0 = the whole match.
    pub secret_group: usize,
    /// Lower-case keywords; the rule runs on a file only when one occurs in it
    /// (case-insensitive). Every regex rule should have at least one.
    pub keywords: &'static [&'static str],
    /// Minimum Shannon entropy (bits per byte) of the secret.
    pub entropy: Option<f64>,
    /// Regex on the file path (relative, `/`-separated); the rule applies only to matching files.
    pub path: Option<&'static str>,
    /// A secret containing one of these (case-insensitive) is a placeholder, not a finding.
    pub stopwords: &'static [&'static str],
    /// A secret matching one of these regexes is not a finding.
    pub allow_regexes: &'static [&'static str],
    /// Extra structural check on the secret (checksum, decodable base64, JSON header…).
    pub validate: Option<fn(&[u8]) -> bool>,
    /// A catch-all rule (generic `password = "…"`): dropped where a specific rule reports the
    /// same bytes.
    pub generic: bool,
}

/// What an allowlist regex is matched against (gitleaks' `regexTarget`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RegexTarget {
    /// The secret (capture group).
    #[default]
    Secret,
    /// The whole regex match.
    Match,
    /// The line(s) the match sits on.
    Line,
}

/// Conditions under which a match is not a finding (gitleaks `[[rules.allowlists]]` and the
/// global `[allowlist]`).
#[derive(Debug, Default)]
pub struct Allowlist {
    pub regexes: Vec<Regex>,
    pub regex_target: RegexTarget,
    /// Lower-case; a secret containing one is allowed.
    pub stopwords: Vec<String>,
    /// Path regexes; a file matching one is not scanned by the rule.
    pub paths: Vec<Regex>,
    /// gitleaks `condition = "AND"`: every present criterion must hold (default: any).
    pub all: bool,
}

impl Allowlist {
    fn is_empty(&self) -> bool {
        self.regexes.is_empty() && self.stopwords.is_empty() && self.paths.is_empty()
    }

    /// Whether a match is allowed. `path_ok`: whether `paths` matched the file.
    fn allows(&self, path: &str, secret: &[u8], matched: &[u8], line: &[u8]) -> bool {
        if self.is_empty() {
            return false;
        }
        let target = match self.regex_target {
            RegexTarget::Secret => secret,
            RegexTarget::Match => matched,
            RegexTarget::Line => line,
        };
        let mut checks: Vec<bool> = Vec::with_capacity(3);
        if !self.regexes.is_empty() {
            checks.push(self.regexes.iter().any(|r| r.is_match(target)));
        }
        if !self.stopwords.is_empty() {
            let lower = secret.to_ascii_lowercase();
            checks.push(
                self.stopwords
                    .iter()
                    .any(|w| contains(&lower, w.as_bytes())),
            );
        }
        if !self.paths.is_empty() {
            checks.push(self.paths.iter().any(|r| r.is_match(path.as_bytes())));
        }
        if self.all {
            checks.iter().all(|c| *c)
        } else {
            checks.iter().any(|c| *c)
        }
    }
}

/// A compiled rule, built-in or from a gitleaks config.
#[derive(Debug)]
pub struct SecretRule {
    pub meta: &'static RuleMeta,
    regex: Option<Regex>,
    secret_group: usize,
    entropy: Option<f64>,
    /// Lower-case.
    keywords: Vec<String>,
    path: Option<Regex>,
    allowlists: Vec<Allowlist>,
    validate: Option<fn(&[u8]) -> bool>,
    generic: bool,
}

/// A rule that does not compile.
#[derive(Debug, thiserror::Error)]
pub enum SecretRuleError {
    #[error("rule {rule}: invalid regex: {source}")]
    Regex {
        rule: String,
        #[source]
        source: regex::Error,
    },
    #[error("rule {rule}: secretGroup {group} but the regex has only {groups} group(s)")]
    Group {
        rule: String,
        group: usize,
        groups: usize,
    },
    #[error("rule {rule}: neither `regex` nor `path` is set")]
    Empty { rule: String },
    #[error("keyword prefilter: {0}")]
    Keywords(String),
}

/// Compile a pattern the way gitleaks (Go RE2) reads it: Unicode classes off, multi-line off.
///
/// # Errors
/// When the pattern is not a valid regex or compiles beyond the size limit.
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(16 * 1024 * 1024)
        .build()
}

impl SecretRule {
    /// A rule from its parts (`regex` empty = path-only).
    ///
    /// # Errors
    /// When a regex does not compile, the secret group does not exist, or neither a regex nor
    /// a path is given.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        meta: &'static RuleMeta,
        regex: &str,
        secret_group: usize,
        keywords: &[&str],
        entropy: Option<f64>,
        path: Option<&str>,
        allowlists: Vec<Allowlist>,
    ) -> Result<Self, SecretRuleError> {
        let err = |source| SecretRuleError::Regex {
            rule: meta.id.to_string(),
            source,
        };
        let regex = if regex.is_empty() {
            None
        } else {
            Some(compile(regex).map_err(err)?)
        };
        let path = path.map(compile).transpose().map_err(err)?;
        if regex.is_none() && path.is_none() {
            return Err(SecretRuleError::Empty {
                rule: meta.id.to_string(),
            });
        }
        if let Some(re) = &regex {
            let groups = re.captures_len().saturating_sub(1);
            if secret_group > groups {
                return Err(SecretRuleError::Group {
                    rule: meta.id.to_string(),
                    group: secret_group,
                    groups,
                });
            }
        }
        Ok(Self {
            meta,
            regex,
            secret_group,
            entropy,
            keywords: keywords.iter().map(|k| k.to_ascii_lowercase()).collect(),
            path,
            allowlists,
            validate: None,
            generic: false,
        })
    }

    /// Compile a built-in detector.
    ///
    /// # Errors
    /// As [`SecretRule::new`].
    pub fn from_detector(d: &'static Detector) -> Result<Self, SecretRuleError> {
        let regexes = d
            .allow_regexes
            .iter()
            .map(|p| compile(p))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|source| SecretRuleError::Regex {
                rule: d.meta.id.to_string(),
                source,
            })?;
        let allow = Allowlist {
            regexes,
            stopwords: d.stopwords.iter().map(|w| w.to_ascii_lowercase()).collect(),
            ..Allowlist::default()
        };
        let mut rule = Self::new(
            &d.meta,
            d.regex,
            d.secret_group,
            d.keywords,
            d.entropy,
            d.path,
            vec![allow],
        )?;
        rule.validate = d.validate;
        rule.generic = d.generic;
        Ok(rule)
    }

    /// Add an allowlist (a `.gitleaks.toml` tuning a built-in, a global allowlist).
    pub fn add_allowlist(&mut self, allowlist: Allowlist) {
        self.allowlists.push(allowlist);
    }

    /// Whether the rule is a path-only rule (the file is the finding).
    #[must_use]
    pub fn is_path_only(&self) -> bool {
        self.regex.is_none()
    }
}

/// One match of one rule in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub meta: &'static RuleMeta,
    /// Byte range of the secret (the capture group); empty at 0 for a path-only rule.
    pub secret: Range<usize>,
    /// Byte range of the whole regex match.
    pub matched: Range<usize>,
}

/// All rules compiled, with the keyword prefilter.
#[derive(Debug)]
pub struct Scanner {
    rules: Vec<SecretRule>,
    /// Over every distinct keyword of every rule, ASCII case-insensitive.
    keywords: Option<AhoCorasick>,
    /// Keyword pattern index → rules that list it.
    keyword_rules: Vec<Vec<usize>>,
    /// Rules with no keyword: they always run.
    unkeyed: Vec<usize>,
}

impl Scanner {
    /// Build the prefilter over `rules`.
    ///
    /// # Errors
    /// When the keyword automaton cannot be built (too many keywords).
    pub fn new(rules: Vec<SecretRule>) -> Result<Self, SecretRuleError> {
        let mut words: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        let mut unkeyed = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            if r.keywords.is_empty() {
                unkeyed.push(i);
            }
            for k in &r.keywords {
                match words.iter().position(|w| w == k) {
                    Some(at) => {
                        if let Some(list) = keyword_rules.get_mut(at) {
                            list.push(i);
                        }
                    }
                    None => {
                        words.push(k.clone());
                        keyword_rules.push(vec![i]);
                    }
                }
            }
        }
        let keywords = if words.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    // a few hundred keywords: the DFA is small and the fastest for the
                    // overlapping pass, which dominates the scan
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&words)
                    .map_err(|e| SecretRuleError::Keywords(e.to_string()))?,
            )
        };
        Ok(Self {
            rules,
            keywords,
            keyword_rules,
            unkeyed,
        })
    }

    /// The built-in detectors, compiled once. A detector that does not compile is left out
    /// (a test asserts that all compile).
    #[must_use]
    pub fn builtin() -> &'static Scanner {
        static BUILTIN: LazyLock<Scanner> = LazyLock::new(|| {
            let rules = detectors::DETECTORS
                .iter()
                .filter_map(|d| SecretRule::from_detector(d).ok())
                .collect();
            Scanner::new(rules).unwrap_or_else(|_| Scanner {
                rules: Vec::new(),
                keywords: None,
                keyword_rules: Vec::new(),
                unkeyed: Vec::new(),
            })
        });
        &BUILTIN
    }

    /// The compiled rules, in order.
    #[must_use]
    pub fn rules(&self) -> &[SecretRule] {
        &self.rules
    }

    /// Every hit of every rule in `text` (the file at `path`, relative and `/`-separated),
    /// sorted by position; generic hits covered by a specific one are dropped.
    #[must_use]
    pub fn scan(&self, path: &str, text: &[u8]) -> Vec<Hit> {
        let mut run = vec![false; self.rules.len()];
        for &i in &self.unkeyed {
            if let Some(r) = run.get_mut(i) {
                *r = true;
            }
        }
        if let Some(ac) = &self.keywords {
            for m in ac.find_overlapping_iter(text) {
                for &i in self
                    .keyword_rules
                    .get(m.pattern().as_usize())
                    .map_or(&[][..], Vec::as_slice)
                {
                    if let Some(r) = run.get_mut(i) {
                        *r = true;
                    }
                }
            }
        }
        let mut hits = Vec::new();
        for (rule, _) in self.rules.iter().zip(&run).filter(|(_, on)| **on) {
            scan_rule(rule, path, text, &mut hits);
        }
        drop_covered_generics(&mut hits, &self.rules);
        hits.sort_by(|a, b| {
            (a.secret.start, a.secret.end, a.meta.id).cmp(&(
                b.secret.start,
                b.secret.end,
                b.meta.id,
            ))
        });
        hits
    }
}

fn scan_rule(rule: &SecretRule, path: &str, text: &[u8], out: &mut Vec<Hit>) {
    if let Some(p) = &rule.path
        && !p.is_match(path.as_bytes())
    {
        return;
    }
    if rule.allowlists.iter().any(|a| {
        !a.paths.is_empty() && !a.all && a.paths.iter().any(|r| r.is_match(path.as_bytes()))
    }) {
        return;
    }
    let Some(re) = &rule.regex else {
        out.push(Hit {
            meta: rule.meta,
            secret: 0..0,
            matched: 0..0,
        });
        return;
    };
    for caps in re.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let Some(secret) = caps.get(rule.secret_group) else {
            continue;
        };
        let value = secret.as_bytes();
        if value.is_empty() || value.len() > MAX_SECRET_LEN {
            continue;
        }
        if rule.entropy.is_some_and(|min| shannon_entropy(value) < min) {
            continue;
        }
        if rule.validate.is_some_and(|ok| !ok(value)) {
            continue;
        }
        let line = line_around(text, whole.range());
        if rule
            .allowlists
            .iter()
            .any(|a| a.allows(path, value, whole.as_bytes(), line))
        {
            continue;
        }
        out.push(Hit {
            meta: rule.meta,
            secret: secret.range(),
            matched: whole.range(),
        });
    }
}

/// Drop a generic rule's hit where a specific rule's hit overlaps it. Linearithmic: the
/// specific hits' ranges are merged into sorted disjoint intervals, each generic hit is one
/// binary search (a file with tens of thousands of hits must not go quadratic).
fn drop_covered_generics(hits: &mut Vec<Hit>, rules: &[SecretRule]) {
    let generic: Vec<&'static RuleMeta> =
        rules.iter().filter(|r| r.generic).map(|r| r.meta).collect();
    if generic.is_empty() {
        return;
    }
    let is_generic = |h: &Hit| generic.iter().any(|g| std::ptr::eq(*g, h.meta));
    let mut specific: Vec<Range<usize>> = hits
        .iter()
        .filter(|h| !is_generic(h))
        .map(|h| h.secret.clone())
        .collect();
    if specific.is_empty() {
        return;
    }
    specific.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(specific.len());
    for r in specific {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    hits.retain(|h| {
        if !is_generic(h) {
            return true;
        }
        // the last interval starting before the hit ends is the only one that can overlap
        let i = merged.partition_point(|m| m.start < h.secret.end);
        i.checked_sub(1)
            .and_then(|i| merged.get(i))
            .is_none_or(|m| m.end <= h.secret.start)
    });
}

/// The line(s) a byte range sits on.
fn line_around(text: &[u8], range: Range<usize>) -> &[u8] {
    let start = text
        .get(..range.start)
        .and_then(|t| t.iter().rposition(|b| *b == b'\n'))
        .map_or(0, |p| p + 1);
    let end = text
        .get(range.end..)
        .and_then(|t| t.iter().position(|b| *b == b'\n'))
        .map_or(text.len(), |p| range.end + p);
    text.get(start..end).unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// Shannon entropy of `data` in bits per byte (0 for empty input).
#[must_use]
pub fn shannon_entropy(data: &[u8]) -> f64 {
    if data.is_empty() {
        return 0.0;
    }
    let mut counts = [0usize; 256];
    for &b in data {
        if let Some(c) = counts.get_mut(usize::from(b)) {
            *c += 1;
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let len = data.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            #[allow(clippy::cast_precision_loss)]
            let p = c as f64 / len;
            -p * p.log2()
        })
        .sum()
}

/// How a secret may be shown: a short prefix (never more than 4 characters, none for short
/// values) and the length — `AKIA…(20 chars)`. The only form in which a secret's text leaves
/// the scanner.
#[must_use]
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    let keep = (n / 5).min(4);
    let prefix: String = secret.chars().take(keep).collect();
    format!("{prefix}…({n} chars)")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn entropy_of_known_strings() {
        assert!(shannon_entropy(b"aaaaaaaa").abs() < 1e-9);
        assert!((shannon_entropy(b"abcd") - 2.0).abs() < 1e-9);
        assert!(shannon_entropy(b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") > 4.0);
    }

    #[test]
    fn redaction_shows_a_short_prefix_and_the_length() {
        assert_eq!(redact("AKIAIOSFODNN7EXAMPLE"), "AKIA…(20 chars)");
        assert_eq!(redact("hunter2"), "h…(7 chars)");
        assert_eq!(redact("abc"), "…(3 chars)");
    }

    #[test]
    fn every_builtin_detector_compiles() {
        for d in detectors::DETECTORS {
            SecretRule::from_detector(d).unwrap();
        }
        assert_eq!(Scanner::builtin().rules().len(), detectors::DETECTORS.len());
    }

    #[test]
    fn keyword_prefilter_gates_the_regex() {
        let s = Scanner::builtin();
        let key = b"aws_access_key_id = AKIAZ3MSJV4WCJEXAMPL\n";
        let hits = s.scan("a.txt", key);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].meta.id, "SEC001");
        assert_eq!(&key[hits[0].secret.clone()], b"AKIAZ3MSJV4WCJEXAMPL");
        assert!(s.scan("a.txt", b"nothing to see here\n").is_empty());
    }
}

#[cfg(test)]
mod generic_tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn generic_hits_give_way_only_where_a_specific_hit_overlaps() {
        let s = Scanner::builtin();
        let text = b"api_token = \"ghp_Zq3n9X8b7V6c5X4z3L2k1J0h9G8f7D6s5A4q\"\npassword = \"Xk9qmP2vL7qR4wZt8Yb3\"\n";
        let hits = s.scan("app.py", text);
        let ids: Vec<&str> = hits.iter().map(|h| h.meta.id).collect();
        // the token is the specific detector's; the generic rule keeps the password
        assert!(ids.contains(&"SEC003"), "{ids:?}");
        assert!(ids.contains(&"SEC070"), "{ids:?}");
        let generic_on_token = hits
            .iter()
            .any(|h| h.meta.id == "SEC070" && h.secret.start < 60);
        assert!(!generic_on_token, "{hits:?}");
        // …which the generic rule alone does report
        let generic = detectors::DETECTORS
            .iter()
            .find(|d| d.meta.id == "SEC070")
            .unwrap();
        let alone = Scanner::new(vec![SecretRule::from_detector(generic).unwrap()]).unwrap();
        assert!(
            alone
                .scan("app.py", text)
                .iter()
                .any(|h| h.secret.start < 60),
            "the generic rule must see the token for this test to mean anything"
        );
    }
}
