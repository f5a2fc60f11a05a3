//! `IL`: ironlaw's own diagnostics: files it could not read or parse, and suppression
//! comments that are malformed, unknown or unused.

use crate::finding::{Confidence, Severity};
use crate::rules::{Checklist, Family, RuleMeta};

pub static PARSE_ERROR: RuleMeta = RuleMeta {
    id: "IL001",
    name: "parse-error",
    family: Family::Ironlaw,
    title: "File could not be parsed",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::Tooling,
    rationale: "A file that does not parse is not checked: every rule is blind to it, and the \
build or deploy that reads it will most likely fail too. ironlaw skips the broken part, \
checks the rest, and reports this so a scan never passes silently over a file it could not read.",
    remediation: "Fix the syntax at the reported line; `docker build --check .` (for \
Dockerfiles) reports the same class of error.",
    equivalents: &["hadolint:DL1000"],
    references: &[],
};

pub static UNREADABLE_FILE: RuleMeta = RuleMeta {
    id: "IL002",
    name: "unreadable-file",
    family: Family::Ironlaw,
    title: "File could not be read or is not UTF-8 text",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::Tooling,
    rationale: "A delivery artifact that cannot be read (permissions, invalid encoding) cannot \
be checked, so the scan's verdict does not cover it.",
    remediation: "Make the file readable and save it as UTF-8 (`iconv -f latin1 -t utf-8`).",
    equivalents: &[],
    references: &[],
};

pub static SUPPRESSION_WITHOUT_REASON: RuleMeta = RuleMeta {
    id: "IL003",
    name: "suppression-without-reason",
    family: Family::Ironlaw,
    title: "Suppression comment gives no reason",
    severity: Severity::Info,
    confidence: Confidence::High,
    checklist: Checklist::Tooling,
    rationale: "A suppression is a decision to accept a risk; without a reason the next reader \
cannot tell a considered exception from a silenced warning.",
    remediation: "Say why after the bracket: `# ironlaw:ignore[DF001] pinned by digest in CI`.",
    equivalents: &[],
    references: &[],
};

pub static UNUSED_SUPPRESSION: RuleMeta = RuleMeta {
    id: "IL004",
    name: "unused-suppression",
    family: Family::Ironlaw,
    title: "Suppression comment matches no finding",
    severity: Severity::Info,
    confidence: Confidence::High,
    checklist: Checklist::Tooling,
    rationale: "A suppression that no longer suppresses anything hides the next real finding \
on that line.",
    remediation: "Remove the comment, or move it to the line it was meant for.",
    equivalents: &[],
    references: &[],
};

pub static UNKNOWN_RULE_IN_SUPPRESSION: RuleMeta = RuleMeta {
    id: "IL005",
    name: "unknown-rule-in-suppression",
    family: Family::Ironlaw,
    title: "Suppression names a rule that does not exist",
    severity: Severity::Low,
    confidence: Confidence::High,
    checklist: Checklist::Tooling,
    rationale: "A misspelt rule id suppresses nothing, so the finding it was meant to silence \
still fires — or worse, a later real one is hidden once a rule with that id appears.",
    remediation: "Use an id or name from `ironlaw rules`.",
    equivalents: &[],
    references: &[],
};

pub static RENDER_FAILED: RuleMeta = RuleMeta {
    id: "IL006",
    name: "render-failed",
    family: Family::Ironlaw,
    title: "Chart or overlay could not be rendered",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::Tooling,
    rationale: "With `--render`, Helm charts and Kustomize overlays are checked as the cluster would receive them. A chart or overlay that does not render (the tool is missing, a value is required, a base is absent, it timed out) is not checked at all, so the scan says so instead of passing over it silently — and a render that fails here most likely fails in the pipeline too.",
    remediation: "Run the command shown in the message to see the full error; install `helm` / `kustomize` (or `kubectl`) where ironlaw runs, list the values files a chart needs under `[render] helm-values` in ironlaw.toml, or raise `[render] timeout`.",
    equivalents: &[],
    references: &[],
};

/// All IL rules.
pub static ALL: &[&RuleMeta] = &[
    &PARSE_ERROR,
    &UNREADABLE_FILE,
    &SUPPRESSION_WITHOUT_REASON,
    &UNUSED_SUPPRESSION,
    &UNKNOWN_RULE_IN_SUPPRESSION,
    &RENDER_FAILED,
];
