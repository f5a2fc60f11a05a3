//! DC014 `compose-build-context-without-dockerignore`: a compose service builds from a
//! context directory that has no `.dockerignore`.

use std::collections::BTreeSet;

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::parse::yaml::YamlFile;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, FileContext, RuleMeta};
use crate::source::Span;

pub struct ComposeBuildContextWithoutDockerignore;

pub static META: RuleMeta = RuleMeta {
    id: "DC014",
    name: "compose-build-context-without-dockerignore",
    family: Family::Compose,
    title: "Compose build context has no `.dockerignore`",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Without a `.dockerignore`, the whole build context is sent to the builder and \
`COPY . .` copies everything in it into the image: `.git` history, `.env` files and \
credentials, local `node_modules` and build output. Secrets leak into layers anyone with \
pull access can read, images grow, and every unrelated file change busts the layer cache. \
BuildKit reads `<context>/.dockerignore` or `<Dockerfile path>.dockerignore`; either \
counts. Remote (git/URL) and interpolated contexts are not checked, and nothing is reported \
when the scan did not walk a directory (standard input, a single file). A `.dockerignore` \
that the scan itself ignores (`.gitignore`, excludes) is not seen — hence medium confidence.",
    remediation: "Add a `.dockerignore` in the build context directory (or \
`<Dockerfile>.dockerignore` next to the service's `dockerfile:`) that excludes VCS data, \
secrets and local artefacts: `.git`, `.env*`, `node_modules`, `dist`.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/build/concepts/context/#dockerignore-files",
        "https://docs.docker.com/reference/compose-file/build/#context",
    ],
};

/// A build context that is fetched rather than read from disk: a URL or a git repository.
fn is_remote(context: &str) -> bool {
    let c = context.trim();
    c.contains("://")
        || c.starts_with("git@")
        || c.starts_with("github.com/")
        || c.contains(".git#")
        || c.ends_with(".git")
}

/// What a service's `build:` says: where to point, the context text, the Dockerfile path
/// (relative to the context) if one is named.
struct Build<'a> {
    span: Span,
    context: &'a str,
    dockerfile: Option<&'a str>,
}

fn build_of<'a>(svc: &Service<'a>) -> Option<Build<'a>> {
    let build = svc.get("build")?;
    if let Some(context) = build.as_str() {
        return Some(Build {
            span: build.span,
            context,
            dockerfile: Some("Dockerfile"),
        });
    }
    build.as_map()?;
    let (span, context) = match build.get("context") {
        Some(c) => (c.span, c.as_str()?),
        None => (svc.node.key_span("build")?, "."),
    };
    let dockerfile = if build.get("dockerfile_inline").is_some() {
        None
    } else {
        match build.get("dockerfile") {
            Some(d) => Some(d.as_str()?),
            None => Some("Dockerfile"),
        }
    };
    Some(Build {
        span,
        context,
        dockerfile,
    })
}

/// The `.dockerignore` paths (relative to the scan root) that would apply to `b`, when the
/// context is a local directory we can resolve.
fn candidates(b: &Build<'_>, compose_dir: &str) -> Option<Vec<String>> {
    if b.context.trim().is_empty()
        || is_remote(b.context)
        || util::is_unresolved(b.context)
        || b.dockerfile.is_some_and(util::is_unresolved)
    {
        return None;
    }
    let dir = util::join_path(compose_dir, b.context.trim())?;
    let mut out = vec![util::join_path(&dir, ".dockerignore")?];
    if let Some(df) = b.dockerfile {
        if let Some(p) = util::join_path(&dir, &format!("{}.dockerignore", df.trim())) {
            out.push(p);
        }
    }
    Some(out)
}

impl ComposeRule for ComposeBuildContextWithoutDockerignore {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(
        &self,
        _file: &YamlFile,
        services: &[Service<'_>],
        ctx: &FileContext,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(known) = &ctx.dockerignores else {
            return;
        };
        let Some(compose_dir) =
            util::join_path(ctx.path.rsplit_once('/').map_or("", |(dir, _)| dir), ".")
        else {
            return;
        };
        let known: BTreeSet<String> = known
            .iter()
            .filter_map(|p| util::normalize_path(p))
            .collect();
        for svc in services {
            let Some(b) = build_of(svc) else { continue };
            let Some(paths) = candidates(&b, &compose_dir) else {
                continue;
            };
            if paths.iter().any(|p| known.contains(p)) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    b.span,
                    format!(
                        "service \"{}\" builds from context \"{}\", which has no .dockerignore",
                        svc.name, b.context
                    ),
                )
                .anchor(svc.name.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::compose::services;
    use crate::parse::yaml;

    fn run(path: &str, src: &str, ignores: Option<&[&str]>) -> Vec<String> {
        let file = yaml::parse(src);
        let svcs = services(&file);
        let ctx = FileContext {
            path: path.into(),
            has_dockerignore: false,
            dockerignores: ignores.map(|i| Arc::new(i.iter().map(|s| (*s).to_string()).collect())),
        };
        let mut out = Vec::new();
        ComposeBuildContextWithoutDockerignore.check(&file, &svcs, &ctx, &mut out);
        out.into_iter().map(|d| d.message).collect()
    }

    const SRC: &str = "services:\n  api:\n    build: ./api\n  web:\n    build:\n      context: ../web\n      dockerfile: docker/Web.Dockerfile\n  worker:\n    build: {dockerfile: Worker.Dockerfile}\n  remote:\n    build: https://github.com/acme/app.git#main\n  env:\n    build: ${CTX}\n  img:\n    image: nginx:1.25\n";

    #[test]
    fn silent_when_the_set_is_unknown() {
        assert!(run("deploy/compose.yaml", SRC, None).is_empty());
    }

    #[test]
    fn resolves_contexts_against_the_compose_directory() {
        let all = run("deploy/compose.yaml", SRC, Some(&[]));
        assert_eq!(all.len(), 3, "{all:?}");
        let ok = run(
            "deploy/compose.yaml",
            SRC,
            Some(&[
                "deploy/api/.dockerignore",
                "web/docker/Web.Dockerfile.dockerignore",
                "deploy/Worker.Dockerfile.dockerignore",
            ]),
        );
        assert!(ok.is_empty(), "{ok:?}");
        // a .dockerignore elsewhere does not count
        let other = run("deploy/compose.yaml", SRC, Some(&["api/.dockerignore"]));
        assert_eq!(other.len(), 3, "{other:?}");
    }

    #[test]
    fn context_above_the_scan_root_is_unknown() {
        let src = "services:\n  a:\n    build: ../elsewhere\n";
        assert!(run("compose.yaml", src, Some(&[])).is_empty());
        assert_eq!(run("sub/compose.yaml", src, Some(&[])).len(), 1);
        assert!(
            run(
                "sub/compose.yaml",
                src,
                Some(&["./elsewhere/.dockerignore"])
            )
            .is_empty()
        );
    }
}
