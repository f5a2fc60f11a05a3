//! DF003 `full-size-base-image`: the final image is built on a full OS or toolchain image
//! where a slim, Alpine, JRE or distroless variant is the norm.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Base, Body, Dockerfile, ImageRef};
use crate::rules::docker::stage_util;
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};

pub struct FullSizeBaseImage;

pub static META: RuleMeta = RuleMeta {
    id: "DF003",
    name: "full-size-base-image",
    family: Family::Dockerfile,
    title: "Final image is built on a full-size base image",
    severity: Severity::Info,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Full OS and language images ship compilers, package managers, shells and \
hundreds of libraries the service never uses: the image is several times larger (slower \
pulls, slower scale-out and node recovery), and every extra package is more CVEs to triage \
and more tools for an attacker who gets a shell. Builder stages may be fat; the image that \
runs should not be.",
    remediation: "Build in a full image and copy the result into a slim, Alpine, JRE or \
distroless final stage: `FROM golang:1.22 AS build` … `FROM gcr.io/distroless/static:nonroot` \
`COPY --from=build /out/app /app`.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image",
        "https://docs.docker.com/build/building/multi-stage/",
        "https://github.com/GoogleContainerTools/distroless",
    ],
};

/// A full-size image: a repository and the tag markers that make it a small variant.
struct FullSize {
    /// Repository as `ImageRef::repository` reports it; with a registry prefix for images
    /// outside Docker Hub.
    image: &'static str,
    /// Tag components (`-`-separated, matched as prefixes) that name a small variant. Empty:
    /// every tag is full-size (toolchain images).
    small_tags: &'static [&'static str],
    /// What to use instead, for the message.
    instead: &'static str,
}

const FULL_SIZE: &[FullSize] = &[
    FullSize {
        image: "ubuntu",
        small_tags: &[],
        instead: "a distroless image or `debian:<release>-slim`",
    },
    FullSize {
        image: "debian",
        small_tags: &["slim"],
        instead: "`-slim`",
    },
    FullSize {
        image: "node",
        small_tags: &["slim", "alpine"],
        instead: "`-slim`, `-alpine` or distroless",
    },
    FullSize {
        image: "python",
        small_tags: &["slim", "alpine"],
        instead: "`-slim`, `-alpine` or distroless",
    },
    FullSize {
        image: "ruby",
        small_tags: &["slim", "alpine"],
        instead: "`-slim` or `-alpine`",
    },
    FullSize {
        image: "php",
        small_tags: &["alpine"],
        instead: "`-alpine`",
    },
    FullSize {
        image: "perl",
        small_tags: &["slim"],
        instead: "`-slim`",
    },
    FullSize {
        image: "elixir",
        small_tags: &["slim", "alpine"],
        instead: "a release on `debian:<release>-slim` or `alpine`",
    },
    FullSize {
        image: "erlang",
        small_tags: &["slim", "alpine"],
        instead: "`-slim` or `-alpine`",
    },
    FullSize {
        image: "haskell",
        small_tags: &["slim"],
        instead: "a binary copied into a slim or distroless image",
    },
    FullSize {
        image: "golang",
        small_tags: &[],
        instead: "a binary copied into `gcr.io/distroless/static` or `scratch`",
    },
    FullSize {
        image: "rust",
        small_tags: &[],
        instead: "a binary copied into a distroless or slim image",
    },
    FullSize {
        image: "gcc",
        small_tags: &[],
        instead: "a binary copied into a distroless or slim image",
    },
    FullSize {
        image: "buildpack-deps",
        small_tags: &[],
        instead: "a slim or distroless runtime image",
    },
    FullSize {
        image: "maven",
        small_tags: &[],
        instead: "the artifact copied into a JRE image",
    },
    FullSize {
        image: "gradle",
        small_tags: &[],
        instead: "the artifact copied into a JRE image",
    },
    FullSize {
        image: "openjdk",
        small_tags: &["jre"],
        instead: "a JRE image such as `eclipse-temurin:<version>-jre`",
    },
    FullSize {
        image: "eclipse-temurin",
        small_tags: &["jre"],
        instead: "`-jre` or `-jre-alpine`",
    },
    FullSize {
        image: "mcr.microsoft.com/dotnet/sdk",
        small_tags: &[],
        instead: "`mcr.microsoft.com/dotnet/aspnet` or `runtime`",
    },
    FullSize {
        image: "registry.access.redhat.com/ubi8/ubi",
        small_tags: &[],
        instead: "`ubi8/ubi-minimal` or `ubi8/ubi-micro`",
    },
    FullSize {
        image: "registry.access.redhat.com/ubi9/ubi",
        small_tags: &[],
        instead: "`ubi9/ubi-minimal` or `ubi9/ubi-micro`",
    },
];

impl DockerRule for FullSizeBaseImage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        let Some(last) = df.final_stage() else { return };
        let Some(root) = stage_util::root(df, last.index) else {
            return;
        };
        let Base::Image(r) = &root.base else { return };
        let Some(entry) = full_size(r) else { return };
        let Some(from) = stage_util::from_instruction(df, root) else {
            return;
        };
        let Body::From { image, .. } = &from.body else {
            return;
        };
        out.push(
            Diagnostic::new(
                &META,
                image.span,
                format!(
                    "final image is built on full-size image \"{}\" (smaller: {})",
                    image.text, entry.instead
                ),
            )
            .anchor(format!("{}:{}", from.anchor(), r.repository)),
        );
    }
}

fn full_size(r: &ImageRef) -> Option<&'static FullSize> {
    if r.unresolved {
        return None;
    }
    let name = match r.registry.as_deref() {
        None | Some("docker.io" | "index.docker.io" | "registry-1.docker.io") => {
            r.repository.clone()
        }
        Some(reg) => format!("{reg}/{}", r.repository),
    };
    let entry = FULL_SIZE.iter().find(|e| e.image == name)?;
    let tag = r.tag.as_deref().unwrap_or("latest");
    let small = tag
        .split('-')
        .any(|part| entry.small_tags.iter().any(|m| part.starts_with(m)));
    (!small).then_some(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fat(s: &str) -> bool {
        full_size(&ImageRef::parse(s)).is_some()
    }

    #[test]
    fn variants() {
        assert!(fat("node:20"));
        assert!(fat("docker.io/library/python:3.12-bookworm"));
        assert!(fat("debian"));
        assert!(fat("golang:1.22-alpine"));
        assert!(fat("eclipse-temurin:21-jdk-alpine"));
        assert!(fat("mcr.microsoft.com/dotnet/sdk:8.0"));
        assert!(!fat("node:20-slim"));
        assert!(!fat("python:3.12-alpine3.19"));
        assert!(!fat("debian:bookworm-slim"));
        assert!(!fat("eclipse-temurin:21-jre-alpine"));
        assert!(!fat("mcr.microsoft.com/dotnet/aspnet:8.0"));
        assert!(!fat("ghcr.io/acme/node:20"));
        assert!(!fat("${BASE}:20"));
    }
}
