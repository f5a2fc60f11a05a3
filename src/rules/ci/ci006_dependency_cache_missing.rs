//! CI006 `dependency-cache-missing`: a job installs dependencies on every run without a
//! cache (GitHub `actions/cache` or a `setup-*` action's `cache:` input; GitLab `cache:`).

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Workflow};
use crate::model::ci::gitlab::GlJob;
use crate::model::ci::{CiFile, ShellText, command_matches};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct DependencyCacheMissing;

pub static META: RuleMeta = RuleMeta {
    id: "CI006",
    name: "dependency-cache-missing",
    family: Family::Ci,
    title: "Dependencies installed on every run without a cache",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "Downloading every dependency on every run makes the pipeline slower (a slow \
pipeline is a slow rollback and a slow hotfix) and makes it fail whenever the package \
registry is slow or down.",
    remediation: "Cache the package manager's store keyed on the lock file: \
`uses: actions/setup-node@<sha>` with `cache: npm` (GitHub), or `cache: {key: {files: \
[package-lock.json]}, paths: [.npm/]}` (GitLab).",
    equivalents: &[],
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/caching-dependencies-to-speed-up-workflows",
        "https://docs.gitlab.com/ci/caching/",
    ],
};

const INSTALLS: &[&str] = &[
    "npm ci",
    "npm install",
    "yarn install",
    "pnpm install",
    "pip install",
    "pip3 install",
    "poetry install",
    "bundle install",
    "go mod download",
    "composer install",
    "mvn install",
    "gradle build",
];

fn first_install<'s>(
    scripts: impl Iterator<Item = &'s ShellText<'s>>,
) -> Option<(String, crate::source::Span)> {
    for st in scripts {
        for c in &st.script.commands {
            if let Some(p) = INSTALLS.iter().find(|p| command_matches(c, p)) {
                return Some(((*p).to_string(), c.span));
            }
        }
    }
    None
}

impl CiRule for DependencyCacheMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_job(
        &self,
        _ci: &CiFile<'_>,
        wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if wf.is_action {
            return;
        }
        let cached = job.steps.iter().any(|s| {
            s.uses_action("actions/cache")
                || s.with.and_then(|w| w.get("cache")).is_some()
                || s.uses.as_ref().is_some_and(|u| {
                    u.text.starts_with("ruby/setup-ruby") || u.text.contains("/cache")
                })
        });
        if cached {
            return;
        }
        if let Some((cmd, span)) = first_install(
            job.steps
                .iter()
                .filter_map(|s| s.run.as_ref().map(|r| &r.shell)),
        ) {
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!("job \"{}\" runs `{cmd}` without a dependency cache", job.id),
                )
                .anchor(format!("{}:{cmd}", job.id)),
            );
        }
    }

    fn check_gitlab_job(&self, _ci: &CiFile<'_>, job: &GlJob<'_>, out: &mut Vec<Diagnostic>) {
        if job.hidden || job.effective("cache").is_some() {
            return;
        }
        if let Some((cmd, span)) = first_install(job.own_scripts()) {
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!(
                        "job \"{}\" runs `{cmd}` without a dependency cache",
                        job.name
                    ),
                )
                .anchor(format!("{}:{cmd}", job.name)),
            );
        }
    }
}
