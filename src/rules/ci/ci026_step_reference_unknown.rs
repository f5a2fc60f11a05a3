//! CI026 `step-reference-unknown`: an expression reads `steps.<id>` for a step id the job
//! does not define.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Workflow};
use crate::model::ci::{CiFile, Expr, expressions};
use crate::parse::yaml::Node;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct StepReferenceUnknown;

pub static META: RuleMeta = RuleMeta {
    id: "CI026",
    name: "step-reference-unknown",
    family: Family::Ci,
    title: "Expression references a step id the job does not define",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::RollbackPath,
    rationale: "`steps.<id>` of a step that does not exist (a typo, a renamed step) evaluates \
to an empty value instead of failing: a condition such as `if: steps.tests.outcome == \
'success'` silently never holds, or a deploy runs with an empty image tag.",
    remediation: "Give the step the id the expression uses: `- id: meta` + `  uses: \
docker/metadata-action@<sha>`, then `${{ steps.meta.outputs.tags }}`.",
    equivalents: &["actionlint:expression"],
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/accessing-contextual-information-about-workflow-runs#steps-context",
    ],
};

/// `steps.<id>` references in an expression (id and its offset in `inner`).
fn step_refs(inner: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = inner;
    while let Some(i) = rest.find("steps.") {
        let before = inner.len() - rest.len() + i;
        let boundary = before == 0
            || inner
                .get(..before)
                .and_then(|b| b.chars().last())
                .is_some_and(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'));
        let after = rest.get(i + 6..).unwrap_or("");
        let id_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        if boundary && id_len > 0 {
            out.push(after.get(..id_len).unwrap_or(""));
        }
        rest = after;
    }
    out
}

impl CiRule for StepReferenceUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_job(
        &self,
        ci: &CiFile<'_>,
        _wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let ids: Vec<&str> = job
            .steps
            .iter()
            .filter_map(|s| s.get("id").and_then(Node::as_str))
            .collect();
        // `outputs:` of the job and everything in its steps
        let mut exprs = job
            .get("outputs")
            .map(|o| expressions(o, ci.text))
            .unwrap_or_default();
        if let Some(steps) = job.get("steps") {
            exprs.extend(expressions(steps, ci.text));
        }
        // `if:` conditions are expressions without `${{ }}`
        for s in &job.steps {
            if let Some(c) = s.get("if") {
                if let Some(text) = c.as_str().filter(|t| !t.contains("${{")) {
                    exprs.push(Expr {
                        span: c.span,
                        inner: text.to_string(),
                    });
                }
            }
        }
        for e in exprs {
            for id in step_refs(&e.inner) {
                if !ids.contains(&id) {
                    out.push(
                        Diagnostic::new(
                            &META,
                            e.span,
                            format!("job \"{}\" references unknown step \"{id}\"", job.id),
                        )
                        .anchor(format!("{}:{id}", job.id)),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::step_refs;

    #[test]
    fn refs() {
        assert_eq!(step_refs("steps.meta.outputs.tags"), ["meta"]);
        assert_eq!(
            steps_pair("steps.a.outcome == 'success' && steps.b-c.conclusion"),
            ["a", "b-c"]
        );
        assert!(step_refs("github.steps.x").is_empty());
    }

    fn steps_pair(s: &str) -> Vec<&str> {
        step_refs(s)
    }
}
