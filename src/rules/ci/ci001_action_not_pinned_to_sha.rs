//! CI001 `action-not-pinned-to-sha`: a GitHub `uses:` (step action or reusable workflow)
//! points at a tag or branch instead of a full commit SHA.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::model::ci::github::{GhJob, Step, Uses, UsesTarget, Workflow};
use crate::model::ci::is_full_sha;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct ActionNotPinnedToSha;

pub static META: RuleMeta = RuleMeta {
    id: "CI001",
    name: "action-not-pinned-to-sha",
    family: Family::Ci,
    title: "Action or reusable workflow not pinned to a full commit SHA",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "Tags and branches of an action repository can be moved by whoever controls it: \
a compromised or sold third-party action (tj-actions/changed-files, 2025) then runs the \
attacker's code in every pipeline that references it, with its secrets and token. Only a full \
40-character commit SHA is immutable. First-party `actions/*` and `github/*` actions are a \
smaller risk and are reported at low severity, third-party ones at high.",
    remediation: "Pin to the commit SHA and keep the tag as a comment, and let Dependabot or \
Renovate bump it: `uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2`.",
    equivalents: &["zizmor:unpinned-uses"],
    references: &[
        "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions",
        "https://docs.zizmor.sh/audits/#unpinned-uses",
    ],
};

fn check_uses(u: &Uses<'_>, what: &str, out: &mut Vec<Diagnostic>) {
    let UsesTarget::Action { owner, git_ref, .. } = &u.target else {
        return;
    };
    if u.text.contains("${{") || git_ref.is_some_and(is_full_sha) {
        return;
    }
    let first_party = owner.eq_ignore_ascii_case("actions") || owner.eq_ignore_ascii_case("github");
    let party = if first_party {
        "first-party"
    } else {
        "third-party"
    };
    let pinned = match git_ref {
        Some(r) => format!("is pinned to \"{r}\", not a commit SHA"),
        None => "has no ref".to_string(),
    };
    // third-party: the rule's severity; first-party `actions/*`, `github/*`: low
    let d = Diagnostic::new(
        &META,
        u.span,
        format!("{what} uses {party} \"{}\" which {pinned}", u.text),
    )
    .anchor(u.text.to_string());
    out.push(if first_party {
        d.with_severity(Severity::Low)
    } else {
        d
    });
}

impl CiRule for ActionNotPinnedToSha {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_job(
        &self,
        _ci: &CiFile<'_>,
        _wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if let Some(u) = &job.uses {
            check_uses(u, &format!("job \"{}\"", job.id), out);
        }
    }

    fn check_step(
        &self,
        _ci: &CiFile<'_>,
        job: &GhJob<'_>,
        step: &Step<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if let Some(u) = &step.uses {
            check_uses(u, &format!("job \"{}\" {}", job.id, step.label()), out);
        }
    }
}
