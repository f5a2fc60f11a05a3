//! DF017 `missing-dockerignore`: the build context has no `.dockerignore`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction};
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};

pub struct MissingDockerignore;

pub static META: RuleMeta = RuleMeta {
    id: "DF017",
    name: "missing-dockerignore",
    family: Family::Dockerfile,
    title: "Build context has no `.dockerignore`",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Without a `.dockerignore`, `COPY . .` copies everything in the context into \
the image: `.git` history, `.env` files and credentials, local `node_modules` and build \
output. Secrets leak into layers anyone with pull access can read, images grow, and every \
unrelated file change busts the layer cache.",
    remediation: "Add a `.dockerignore` next to the Dockerfile (or `<name>.Dockerfile.dockerignore`) \
that excludes VCS data, secrets and local artefacts: `.git`, `.env*`, `node_modules`, `dist`.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/build/concepts/context/#dockerignore-files",
        "https://docs.docker.com/build/building/best-practices/#exclude-with-dockerignore",
    ],
};

impl DockerRule for MissingDockerignore {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        if ctx.has_dockerignore || !df.walk().any(copies_from_context) {
            return;
        }
        let Some(first) = df.instructions.first() else {
            return;
        };
        out.push(
            Diagnostic::new(
                &META,
                first.keyword,
                "build context has no .dockerignore, but the Dockerfile copies files from it",
            )
            .anchor("dockerignore"),
        );
    }
}

/// `COPY`/`ADD` that reads the build context: not `--from`, not only heredocs, not only
/// remote URLs or git repositories.
fn copies_from_context(ins: &Instruction) -> bool {
    let sources = match &ins.body {
        Body::Copy { sources, .. } if ins.flag("from").is_none() => sources,
        Body::Add { sources, .. } => sources,
        _ => return false,
    };
    sources.iter().any(|s| {
        let t = s.text.as_str();
        let remote = t.contains("://") || t.starts_with("git@");
        let heredoc = t.starts_with("<<");
        !remote && !heredoc
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::dockerfile::parse;

    fn run(text: &str, has_dockerignore: bool) -> usize {
        let df = parse(text).dockerfile;
        let ctx = FileContext {
            path: "Dockerfile".into(),
            has_dockerignore,
            dockerignores: None,
        };
        let mut out = Vec::new();
        MissingDockerignore.check(&df, &ctx, &mut out);
        out.len()
    }

    #[test]
    fn dockerignore_present_passes() {
        let text = "FROM node:20-alpine\nCOPY . /app\n";
        assert_eq!(run(text, false), 1);
        assert_eq!(run(text, true), 0);
    }
}
