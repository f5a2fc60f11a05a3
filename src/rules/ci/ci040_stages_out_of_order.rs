//! CI040 `stages-out-of-order`: GitLab `stages:` do not run cheapest first (lint → test →
//! build → scan → deploy).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::gitlab::GitlabCi;
use crate::model::ci::{CiFile, Kind, Kinds, kinds_of_name, tokens};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct StagesOutOfOrder;

pub static META: RuleMeta = RuleMeta {
    id: "CI040",
    name: "stages-out-of-order",
    family: Family::Ci,
    title: "Pipeline stages are not ordered cheapest first",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "Stages run in the order listed. Linting after the tests, or deploying before \
the scan, spends minutes (and runners) on a commit that a ten-second check would have \
rejected, or ships before the slower gate has spoken.",
    remediation: "List stages cheapest first: `stages: [lint, test, build, scan, deploy]`.",
    equivalents: &[],
    references: &["https://docs.gitlab.com/ci/yaml/#stages"],
};

/// Rank of a stage name in the cheapest-first order.
fn rank(name: &str) -> Option<u8> {
    let mut k = Kinds::default();
    kinds_of_name(name, &mut k);
    if tokens(name).iter().any(|t| t == "build") {
        k.add(Kind::Build);
    }
    [
        (Kind::Deploy, 4),
        (Kind::Scan, 3),
        (Kind::Build, 2),
        (Kind::Test, 1),
        (Kind::Lint, 0),
    ]
    .iter()
    .find(|(kind, _)| k.has(*kind))
    .map(|(_, r)| *r)
}

impl CiRule for StagesOutOfOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_gitlab(&self, _ci: &CiFile<'_>, gl: &GitlabCi<'_>, out: &mut Vec<Diagnostic>) {
        let Some(stages) = gl.root.get("stages") else {
            return;
        };
        let mut highest: Option<(u8, &str)> = None;
        for s in stages.iter_seq() {
            let Some(name) = s.as_str() else { continue };
            let Some(r) = rank(name) else { continue };
            match highest {
                Some((h, before)) if r < h => out.push(
                    Diagnostic::new(
                        &META,
                        s.span,
                        format!("stage \"{name}\" runs after the costlier stage \"{before}\""),
                    )
                    .anchor(name.to_string()),
                ),
                Some((h, _)) if r <= h => {}
                _ => highest = Some((r, name)),
            }
        }
    }
}
