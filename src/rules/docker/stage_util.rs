//! Helpers shared by the stage-level Dockerfile rules (DF001–DF019): what a stage inherits
//! from earlier stages (`FROM <stage>`), its effective `USER`, and where to point a
//! whole-stage verdict.

use crate::finding::Diagnostic;
use crate::model::docker::{Base, Body, Dockerfile, ImageRef, Instruction, Kind, Stage};
use crate::rules::RuleMeta;
use crate::source::Span;

/// The stage and the stages it is built on via `FROM <stage>`, nearest first
/// (`[final, parent, grandparent, …]`). The last element's base is scratch or an image.
#[must_use]
pub fn chain(df: &Dockerfile, stage: usize) -> Vec<&Stage> {
    df.stage_chain(stage)
        .into_iter()
        .filter_map(|i| df.stages.get(i))
        .collect()
}

/// The stage at the root of the chain: the one whose base is scratch or an image.
#[must_use]
pub fn root(df: &Dockerfile, stage: usize) -> Option<&Stage> {
    chain(df, stage).last().copied()
}

/// The instructions that make up a stage's image, in build order: the root stage's first,
/// the stage's own last. `FROM`s included, `ONBUILD` triggers not expanded.
pub fn chain_instructions(df: &Dockerfile, stage: usize) -> impl Iterator<Item = &Instruction> {
    let mut stages = chain(df, stage);
    stages.reverse();
    stages
        .into_iter()
        .flat_map(move |s| df.stage_instructions(s.index))
}

/// The last instruction of `kind` that takes effect in a stage's image, inherited stages
/// included (ONBUILD triggers excluded: they apply to images built *from* this one).
#[must_use]
pub fn last_of_kind(df: &Dockerfile, stage: usize, kind: Kind) -> Option<&Instruction> {
    chain_instructions(df, stage)
        .filter(|i| i.kind == kind && !i.onbuild)
        .last()
}

/// The `FROM` instruction of a stage.
#[must_use]
pub fn from_instruction<'a>(df: &'a Dockerfile, stage: &Stage) -> Option<&'a Instruction> {
    df.instructions.get(stage.from)
}

/// `FROM` keyword through the image (the alias excluded): where whole-stage verdicts point.
#[must_use]
pub fn from_span(ins: &Instruction) -> Span {
    match &ins.body {
        Body::From { image, .. } => ins.keyword.cover(image.span),
        _ => ins.keyword,
    }
}

/// The user a stage's image runs as, as far as the file tells.
#[derive(Debug)]
pub enum EffectiveUser<'a> {
    /// The last `USER` instruction (in the stage or a stage it is built on) and its value.
    Set(&'a Instruction, &'a str),
    /// No `USER` anywhere in the chain; the root stage is `FROM scratch`.
    ScratchDefault,
    /// No `USER` anywhere in the chain; the root stage is built on this image, whose
    /// configured user is unknown.
    ImageDefault(&'a ImageRef),
}

/// See [`EffectiveUser`].
#[must_use]
pub fn effective_user(df: &Dockerfile, stage: usize) -> Option<EffectiveUser<'_>> {
    if let Some(ins) = last_of_kind(df, stage, Kind::User) {
        if let Body::User(t) = &ins.body {
            return Some(EffectiveUser::Set(ins, t.text.as_str()));
        }
    }
    match &root(df, stage)?.base {
        Base::Scratch => Some(EffectiveUser::ScratchDefault),
        Base::Image(r) => Some(EffectiveUser::ImageDefault(r)),
        Base::Stage(_) => None,
    }
}

/// `root`, `0`, `root:<group>`, `0:<group>`.
#[must_use]
pub fn is_root_user(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user).trim();
    name == "root" || name == "0"
}

/// Images documented to run as a non-root user by default: distroless `:nonroot` /
/// `:debug-nonroot` and other `*-nonroot` tags.
#[must_use]
pub fn is_nonroot_image(r: &ImageRef) -> bool {
    r.tag
        .as_deref()
        .is_some_and(|t| t == "nonroot" || t.ends_with("-nonroot"))
}

/// The instructions of `kind` in a stage's own body that a later one of the same kind in that
/// stage overrides (all but the last; `ONBUILD` triggers are not counted).
#[must_use]
pub fn overridden(df: &Dockerfile, stage: usize, kind: Kind) -> Vec<&Instruction> {
    let mut all: Vec<&Instruction> = df
        .stage_instructions(stage)
        .filter(|i| i.kind == kind)
        .collect();
    all.pop();
    all
}

/// Report every instruction of `kind` that a later one in the same stage overrides
/// (`CMD`, `ENTRYPOINT`, `HEALTHCHECK`: only the last one takes effect).
pub fn report_overridden(
    df: &Dockerfile,
    kind: Kind,
    meta: &'static RuleMeta,
    out: &mut Vec<Diagnostic>,
) {
    let name = kind.as_str();
    for stage in &df.stages {
        for (n, ins) in overridden(df, stage.index, kind).into_iter().enumerate() {
            out.push(
                Diagnostic::new(
                    meta,
                    ins.keyword,
                    format!("{name} is overridden by a later {name} in the same stage"),
                )
                .anchor(format!("{}:overridden:{n}", ins.anchor())),
            );
        }
    }
}

/// What a `COPY --from=<value>` in stage `current` refers to.
#[derive(Debug, PartialEq, Eq)]
pub enum CopySource {
    /// An earlier stage (by alias or index): the normal case.
    EarlierStage(usize),
    /// The stage the `COPY` is in.
    OwnStage,
    /// A stage defined later in the file.
    LaterStage(usize),
    /// A numeric index with no stage.
    NoSuchIndex(usize),
    /// An image reference (has a registry, path, tag or digest: `/`, `:`, `.` or `@`).
    Image,
    /// A bare name that is no stage alias; the builder pulls it as an image.
    BareName,
    /// Contains a variable.
    Unresolved,
}

/// Classify a `COPY --from` value as BuildKit resolves it: stage aliases
/// (case-insensitive) and numeric indexes first, otherwise an image reference.
#[must_use]
pub fn classify_copy_from(df: &Dockerfile, current: usize, value: &str) -> CopySource {
    if value.contains('$') {
        return CopySource::Unresolved;
    }
    if let Ok(n) = value.parse::<usize>() {
        return match n.cmp(&current) {
            std::cmp::Ordering::Less => CopySource::EarlierStage(n),
            std::cmp::Ordering::Equal => CopySource::OwnStage,
            std::cmp::Ordering::Greater if n < df.stages.len() => CopySource::LaterStage(n),
            std::cmp::Ordering::Greater => CopySource::NoSuchIndex(n),
        };
    }
    let lower = value.to_ascii_lowercase();
    let named = |s: &&Stage| s.name.as_deref() == Some(lower.as_str());
    if let Some(s) = df.stages.iter().filter(|s| s.index < current).find(named) {
        return CopySource::EarlierStage(s.index);
    }
    if df.stages.get(current).is_some_and(|s| named(&s)) {
        return CopySource::OwnStage;
    }
    if let Some(s) = df.stages.iter().filter(|s| s.index > current).find(named) {
        return CopySource::LaterStage(s.index);
    }
    if value.contains(['/', ':', '.', '@']) {
        CopySource::Image
    } else {
        CopySource::BareName
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::dockerfile::parse;

    #[test]
    fn chains_and_users() {
        let df = parse(
            "FROM alpine:3.19 AS base\nUSER app\nFROM base AS mid\nRUN true\nFROM mid\nCMD [\"x\"]\n",
        )
        .dockerfile;
        let c: Vec<usize> = chain(&df, 2).iter().map(|s| s.index).collect();
        assert_eq!(c, [2, 1, 0]);
        assert_eq!(root(&df, 2).map(|s| s.index), Some(0));
        assert!(matches!(
            effective_user(&df, 2),
            Some(EffectiveUser::Set(_, "app"))
        ));
        let kinds: Vec<Kind> = chain_instructions(&df, 2).map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::From,
                Kind::User,
                Kind::From,
                Kind::Run,
                Kind::From,
                Kind::Cmd
            ]
        );
    }

    #[test]
    fn defaults() {
        let df = parse("FROM scratch\nONBUILD USER app\n").dockerfile;
        assert!(matches!(
            effective_user(&df, 0),
            Some(EffectiveUser::ScratchDefault)
        ));
        assert!(is_root_user("root:root"));
        assert!(is_root_user("0"));
        assert!(!is_root_user("1000:0"));
        assert!(!is_root_user("rootless"));
        assert!(is_nonroot_image(&ImageRef::parse(
            "gcr.io/distroless/static:nonroot"
        )));
        assert!(is_nonroot_image(&ImageRef::parse(
            "gcr.io/distroless/base-debian12:debug-nonroot"
        )));
        assert!(!is_nonroot_image(&ImageRef::parse("alpine:3.19")));
    }

    #[test]
    fn copy_sources() {
        let df = parse(
            "FROM alpine:3.19 AS Build\nFROM alpine:3.19 AS app\nFROM alpine:3.19 AS later\n",
        )
        .dockerfile;
        let c = |v: &str| classify_copy_from(&df, 1, v);
        assert_eq!(c("build"), CopySource::EarlierStage(0));
        assert_eq!(c("0"), CopySource::EarlierStage(0));
        assert_eq!(c("APP"), CopySource::OwnStage);
        assert_eq!(c("1"), CopySource::OwnStage);
        assert_eq!(c("later"), CopySource::LaterStage(2));
        assert_eq!(c("2"), CopySource::LaterStage(2));
        assert_eq!(c("7"), CopySource::NoSuchIndex(7));
        assert_eq!(c("nginx:1.25"), CopySource::Image);
        assert_eq!(c("ghcr.io/acme/tools"), CopySource::Image);
        assert_eq!(c("buidl"), CopySource::BareName);
        assert_eq!(c("${STAGE}"), CopySource::Unresolved);
    }
}
