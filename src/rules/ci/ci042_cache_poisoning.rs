//! CI042 `release-restores-cache`: a job that publishes (in a release/tag workflow, or with a
//! publishing action or command) restores a build cache, which any workflow on the
//! repository could have written.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Step, UsesTarget, Workflow};
use crate::model::ci::{CiFile, command_matches};
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct CachePoisoning;

pub static META: RuleMeta = RuleMeta {
    id: "CI042",
    name: "release-restores-cache",
    family: Family::Ci,
    title: "Publishing job restores a build cache (cache poisoning)",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "GitHub Actions caches are shared by every workflow run on the repository's \
default branch and readable by the branches below it: a workflow that an attacker can \
influence (a compromised dependency in a test job, a `pull_request_target` run) can save a \
cache entry under the key a release job restores. The release then builds from poisoned \
dependencies or compiler outputs and publishes them, signed, to every user.",
    remediation: "Build releases from a clean state: drop the cache from publishing jobs \
(`cache: ''` on `actions/setup-node`/`setup-python`, `cache: false` on `actions/setup-go`, \
`enable-cache: false` on `astral-sh/setup-uv`, no `actions/cache` step), or split the \
release into its own workflow that never restores caches.",
    equivalents: &["zizmor:cache-poisoning"],
    references: &[
        "https://docs.zizmor.sh/audits/#cache-poisoning",
        "https://adnanthekhan.com/2024/05/06/the-monsters-in-your-build-cache-github-actions-cache-poisoning/",
    ],
};

/// Actions that publish what the job built.
const PUBLISHING_ACTIONS: &[&str] = &[
    "pypa/gh-action-pypi-publish",
    "softprops/action-gh-release",
    "ncipollo/release-action",
    "actions/create-release",
    "svenstaro/upload-release-action",
    "goreleaser/goreleaser-action",
    "js-devtools/npm-publish",
    "rubygems/release-gem",
    "docker/build-push-action",
    "cargo-bins/release-pr",
];

/// Commands that publish what the job built.
const PUBLISHING_COMMANDS: &[&str] = &[
    "npm publish",
    "yarn publish",
    "pnpm publish",
    "twine upload",
    "cargo publish",
    "gem push",
    "docker push",
    "goreleaser release",
    "poetry publish",
    "uv publish",
    "gh release create",
    "gh release upload",
];

/// Why the workflow or job publishes, if it does.
fn publishes(wf: &Workflow<'_>, job: &GhJob<'_>) -> Option<String> {
    for t in &wf.triggers {
        if t.name == "release" {
            return Some("runs on `release`".to_string());
        }
        if t.name == "push" && t.config.is_some_and(|c| c.get("tags").is_some()) {
            return Some("runs on tag pushes".to_string());
        }
    }
    for step in &job.steps {
        if let Some(a) = PUBLISHING_ACTIONS.iter().find(|a| step.uses_action(a)) {
            if *a == "docker/build-push-action" && step.input("push").is_none_or(|p| p != "true") {
                continue;
            }
            return Some(format!("publishes with `{a}`"));
        }
        if let Some(r) = &step.run
            && let Some(cmd) = PUBLISHING_COMMANDS.iter().find(|p| {
                r.shell
                    .script
                    .commands
                    .iter()
                    .any(|c| command_matches(c, p))
            })
        {
            return Some(format!("runs `{cmd}`"));
        }
    }
    None
}

/// The major version of an action ref (`v4`, `v4.1.0` → 4), when it is a version tag.
fn major(step: &Step<'_>) -> Option<u32> {
    let u = step.uses.as_ref()?;
    let UsesTarget::Action {
        git_ref: Some(r), ..
    } = &u.target
    else {
        return None;
    };
    r.strip_prefix('v')?.split('.').next()?.parse().ok()
}

/// How the step restores a cache, if it does.
fn restores_cache(step: &Step<'_>) -> Option<&'static str> {
    let on = |key: &str| {
        step.input(key)
            .is_some_and(|v| !v.is_empty() && v != "false")
    };
    let off = |key: &str| step.input(key).is_some_and(|v| v == "false");
    if step.uses_action("actions/cache") {
        // `actions/cache/save` only writes
        let save_only = step.uses.as_ref().is_some_and(|u| {
            matches!(u.target, UsesTarget::Action { path: Some(p), .. } if p.eq_ignore_ascii_case("save"))
        });
        return (!save_only).then_some("restores `actions/cache`");
    }
    for (action, key) in [
        ("actions/setup-node", "cache"),
        ("actions/setup-python", "cache"),
        ("actions/setup-java", "cache"),
        ("actions/setup-dotnet", "cache"),
    ] {
        if step.uses_action(action) && on(key) {
            return Some(match action {
                "actions/setup-node" => "enables `cache:` on `actions/setup-node`",
                "actions/setup-python" => "enables `cache:` on `actions/setup-python`",
                "actions/setup-java" => "enables `cache:` on `actions/setup-java`",
                _ => "enables `cache:` on `actions/setup-dotnet`",
            });
        }
    }
    // setup-node v5+ turns npm caching on by itself when package.json names a package manager
    if step.uses_action("actions/setup-node")
        && major(step).is_some_and(|m| m >= 5)
        && !off("package-manager-cache")
    {
        return Some("uses `actions/setup-node` v5+, which caches npm by default");
    }
    if step.uses_action("actions/setup-go") && !off("cache") && major(step).is_none_or(|m| m >= 4) {
        return Some("uses `actions/setup-go`, which caches by default since v4");
    }
    if step.uses_action("astral-sh/setup-uv") && !off("enable-cache") {
        return Some("uses `astral-sh/setup-uv` with caching on (the default on hosted runners)");
    }
    if step.uses_action("ruby/setup-ruby") && on("bundler-cache") {
        return Some("enables `bundler-cache` on `ruby/setup-ruby`");
    }
    if step.uses_action("swatinem/rust-cache") {
        return Some("restores `Swatinem/rust-cache`");
    }
    if step.uses_action("mozilla-actions/sccache-action") {
        return Some("uses `sccache`, a shared compiler cache");
    }
    if step.uses_action("gradle/actions") && !on("cache-disabled") {
        return Some("uses `gradle/actions`, which restores the Gradle cache by default");
    }
    None
}

impl CiRule for CachePoisoning {
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
        let Some(why) = publishes(wf, job) else {
            return;
        };
        for step in &job.steps {
            let (Some(how), Some(u)) = (restores_cache(step), &step.uses) else {
                continue;
            };
            out.push(
                Diagnostic::new(&META, u.span, format!("job \"{}\" {why} and {how}", job.id))
                    .anchor(format!("{}:{}", job.id, step.index)),
            );
        }
    }
}
