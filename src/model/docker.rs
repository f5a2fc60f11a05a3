//! The Dockerfile model: instructions with spans, stages, resolved base images, and the
//! parsed shell of every `RUN`/`CMD`/`ENTRYPOINT`/`HEALTHCHECK` (and heredoc scripts).

use crate::parse::shell::Script;
use crate::source::Span;

/// Instruction keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
}

impl Kind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Add => "ADD",
            Kind::Arg => "ARG",
            Kind::Cmd => "CMD",
            Kind::Copy => "COPY",
            Kind::Entrypoint => "ENTRYPOINT",
            Kind::Env => "ENV",
            Kind::Expose => "EXPOSE",
            Kind::From => "FROM",
            Kind::Healthcheck => "HEALTHCHECK",
            Kind::Label => "LABEL",
            Kind::Maintainer => "MAINTAINER",
            Kind::Onbuild => "ONBUILD",
            Kind::Run => "RUN",
            Kind::Shell => "SHELL",
            Kind::Stopsignal => "STOPSIGNAL",
            Kind::User => "USER",
            Kind::Volume => "VOLUME",
            Kind::Workdir => "WORKDIR",
        }
    }
}

/// A string from the file with its span. `text` has Dockerfile escapes and quotes resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub span: Span,
}

/// An option flag: `--from=build`, `--mount=type=secret,id=x`, `--link`.
#[derive(Clone, Debug)]
pub struct Flag {
    pub name: String,
    pub value: Option<String>,
    pub span: Span,
}

impl Flag {
    /// The `key=value` pairs of a structured flag value, e.g.
    /// `--mount=type=cache,target=/var/cache/apt,sharing=locked` → `[("type","cache"), …]`.
    /// A bare item (`ro`) has an empty value.
    #[must_use]
    pub fn kv(&self) -> Vec<(&str, &str)> {
        self.value
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| item.split_once('=').unwrap_or((item, "")))
            .collect()
    }

    /// One key of a structured flag value (see [`Flag::kv`]).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&str> {
        self.kv()
            .into_iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }
}

/// `KEY=value` from `ENV`, `ARG` or `LABEL` (also the legacy `ENV KEY value` form).
#[derive(Clone, Debug)]
pub struct KeyValue {
    pub key: Text,
    /// `None` for `ARG NAME` without a default.
    pub value: Option<Text>,
    pub span: Span,
}

/// A here-document attached to `RUN`, `COPY` or `ADD`.
#[derive(Clone, Debug)]
pub struct Heredoc {
    /// The body text.
    pub body: String,
    /// Span of the body in the file.
    pub span: Span,
    /// `false` when the delimiter is quoted (no variable expansion).
    pub expand: bool,
    /// The body parsed as shell, when the heredoc is the script of a `RUN`
    /// (`RUN <<EOF`, `RUN bash <<EOF`).
    pub script: Option<Script>,
}

/// Exec form (JSON array) or shell form of `RUN`/`CMD`/`ENTRYPOINT`/`HEALTHCHECK CMD`.
#[derive(Clone, Debug)]
pub enum CommandForm {
    /// `["executable", "arg"]`. When the executable is a shell given a script with `-c`
    /// (`["sh", "-c", "nginx & php-fpm"]`), `script` is that script, parsed.
    Exec {
        args: Vec<Text>,
        span: Span,
        script: Option<Script>,
    },
    /// Shell form: the text after the keyword and flags.
    Shell(ShellForm),
}

impl CommandForm {
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            CommandForm::Exec { span, .. } => *span,
            CommandForm::Shell(s) => s.span,
        }
    }

    /// The parsed shell of a shell-form command (not the `sh -c` script of an exec form:
    /// see [`Instruction::scripts`]).
    #[must_use]
    pub fn script(&self) -> Option<&Script> {
        match self {
            CommandForm::Shell(s) => Some(&s.script),
            CommandForm::Exec { .. } => None,
        }
    }

    #[must_use]
    pub fn is_exec(&self) -> bool {
        matches!(self, CommandForm::Exec { .. })
    }
}

/// Shell-form command text.
#[derive(Clone, Debug)]
pub struct ShellForm {
    /// Span of the raw text in the file (continuations and comment lines included).
    pub span: Span,
    /// Normalised text: line continuations and interleaved comment lines removed.
    pub text: String,
    pub script: Script,
}

/// What an instruction says, per keyword.
#[derive(Clone, Debug)]
pub enum Body {
    From {
        image: Text,
        alias: Option<Text>,
    },
    Run(CommandForm),
    Cmd(CommandForm),
    Entrypoint(CommandForm),
    /// `None` for `HEALTHCHECK NONE`.
    Healthcheck(Option<CommandForm>),
    /// `COPY`/`ADD` sources (heredoc sources are in [`Instruction::heredocs`]) and destination.
    Copy {
        sources: Vec<Text>,
        dest: Text,
    },
    Add {
        sources: Vec<Text>,
        dest: Text,
    },
    Env(Vec<KeyValue>),
    Arg(Vec<KeyValue>),
    Label(Vec<KeyValue>),
    Expose(Vec<Text>),
    User(Text),
    Workdir(Text),
    Stopsignal(Text),
    Maintainer(Text),
    Shell(Vec<Text>),
    Volume(Vec<Text>),
    Onbuild(Box<Instruction>),
}

/// One instruction.
#[derive(Clone, Debug)]
pub struct Instruction {
    pub kind: Kind,
    /// The keyword as written (`run`, `RUN`).
    pub keyword: Span,
    /// The whole instruction, keyword to the end of its last argument or heredoc.
    pub span: Span,
    /// Index of the stage it belongs to; `None` for `ARG`s before the first `FROM`.
    pub stage: Option<usize>,
    /// Index in [`Dockerfile::instructions`] (ONBUILD triggers share their parent's).
    pub index: usize,
    /// Inside an `ONBUILD`.
    pub onbuild: bool,
    pub flags: Vec<Flag>,
    pub heredocs: Vec<Heredoc>,
    pub body: Body,
}

impl Instruction {
    /// The value of flag `--name` (`Some("")` for a flag without a value).
    #[must_use]
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// Every flag named `name` (`RUN` may carry several `--mount`s).
    pub fn flags_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Flag> + 'a {
        self.flags
            .iter()
            .filter(move |f| f.name.eq_ignore_ascii_case(name))
    }

    /// The command of `RUN`/`CMD`/`ENTRYPOINT`/`HEALTHCHECK CMD`.
    #[must_use]
    pub fn command(&self) -> Option<&CommandForm> {
        match &self.body {
            Body::Run(c) | Body::Cmd(c) | Body::Entrypoint(c) => Some(c),
            Body::Healthcheck(c) => c.as_ref(),
            _ => None,
        }
    }

    /// Every parsed shell script of this instruction: the shell-form command, the script of
    /// an exec-form `["sh", "-c", "…"]`, and heredoc scripts.
    pub fn scripts(&self) -> impl Iterator<Item = &Script> {
        self.command()
            .and_then(|c| match c {
                CommandForm::Shell(s) => Some(&s.script),
                CommandForm::Exec { script, .. } => script.as_ref(),
            })
            .into_iter()
            .chain(self.heredocs.iter().filter_map(|h| h.script.as_ref()))
    }

    /// A short logical anchor for fingerprints: `stage2/RUN`.
    #[must_use]
    pub fn anchor(&self) -> String {
        match self.stage {
            Some(s) => format!("stage{s}/{}", self.kind.as_str()),
            None => format!("global/{}", self.kind.as_str()),
        }
    }
}

/// A parsed image reference `[registry/]repository[:tag][@digest]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// As written, after `ARG` substitution.
    pub resolved: String,
    pub registry: Option<String>,
    /// Repository path without registry (`library/nginx` is reported as `nginx`).
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
    /// Contains a variable that could not be resolved from `ARG` defaults.
    pub unresolved: bool,
}

impl ImageRef {
    /// Parse a reference; `unresolved` is set when `$` remains.
    #[must_use]
    pub fn parse(s: &str) -> ImageRef {
        let unresolved = s.contains('$');
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => (r, Some(d.to_string())),
            None => (s, None),
        };
        // the tag is after the last ':' of the last path component
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest.get(last_slash..).and_then(|tail| tail.rfind(':')) {
            Some(i) => {
                let at = last_slash + i;
                (
                    rest.get(..at).unwrap_or(rest),
                    rest.get(at + 1..).map(str::to_string),
                )
            }
            None => (rest, None),
        };
        let (registry, repository) = match name.split_once('/') {
            Some((first, path))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (Some(first.to_string()), path.to_string())
            }
            _ => (None, name.to_string()),
        };
        let repository = repository
            .strip_prefix("library/")
            .unwrap_or(&repository)
            .to_string();
        ImageRef {
            resolved: s.to_string(),
            registry,
            repository,
            tag,
            digest,
            unresolved,
        }
    }

    /// The last path component of the repository (`bitnami/redis` → `redis`).
    #[must_use]
    pub fn short_name(&self) -> &str {
        self.repository
            .rsplit('/')
            .next()
            .unwrap_or(&self.repository)
    }
}

/// What a stage is built `FROM`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    /// `FROM scratch`.
    Scratch,
    /// An earlier stage of this file, by index.
    Stage(usize),
    /// An image from a registry.
    Image(ImageRef),
}

/// A build stage: a `FROM` and the instructions up to the next `FROM`.
#[derive(Clone, Debug)]
pub struct Stage {
    pub index: usize,
    /// Index of the `FROM` instruction.
    pub from: usize,
    /// Alias (`AS name`), lower-cased as BuildKit compares them.
    pub name: Option<String>,
    pub base: Base,
    /// Instruction indices belonging to the stage, the `FROM` included.
    pub instructions: std::ops::Range<usize>,
}

/// An external image an instruction pulls: a stage's base image, or `COPY --from=<image>`.
#[derive(Clone, Debug)]
pub struct PulledImage<'a> {
    pub image: ImageRef,
    /// The reference as written.
    pub written: &'a str,
    /// What to point at: the `FROM` image or the `--from` flag.
    pub span: Span,
    /// `base image` or `COPY --from image`, for messages.
    pub label: &'static str,
}

/// A parsed Dockerfile.
#[derive(Clone, Debug, Default)]
pub struct Dockerfile {
    /// The escape character (`\` unless `# escape=` says otherwise).
    pub escape: char,
    /// `# syntax=` directive.
    pub syntax: Option<String>,
    pub instructions: Vec<Instruction>,
    pub stages: Vec<Stage>,
}

impl Dockerfile {
    /// Every instruction in file order, each `ONBUILD` followed by its trigger.
    pub fn walk(&self) -> impl Iterator<Item = &Instruction> {
        self.instructions.iter().flat_map(|i| {
            let inner = match &i.body {
                Body::Onbuild(inner) => Some(inner.as_ref()),
                _ => None,
            };
            std::iter::once(i).chain(inner)
        })
    }

    /// Instructions of one stage (FROM included), in order.
    pub fn stage_instructions(&self, stage: usize) -> impl Iterator<Item = &Instruction> {
        let range = self
            .stages
            .get(stage)
            .map_or(0..0, |s| s.instructions.clone());
        self.instructions.get(range).unwrap_or(&[]).iter()
    }

    /// The final stage (the image that `docker build` produces by default).
    #[must_use]
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// A stage and the stages it is built on via `FROM <stage>`, nearest first
    /// (`[stage, parent, grandparent, …]`). A stage can only build on an earlier one, so the
    /// chain always ends.
    #[must_use]
    pub fn stage_chain(&self, stage: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.stages.get(stage);
        while let Some(s) = cur {
            out.push(s.index);
            cur = match s.base {
                Base::Stage(p) if p < s.index => self.stages.get(p),
                _ => None,
            };
        }
        out
    }

    /// The external image `ins` pulls, if any: the base image of a `FROM` (not `scratch` or an
    /// earlier stage), or the image of a `COPY --from=<image>` (not a stage alias or index).
    #[must_use]
    pub fn pulled_image<'a>(&self, ins: &'a Instruction) -> Option<PulledImage<'a>> {
        match &ins.body {
            Body::From { image, .. } => match &self.stages.get(ins.stage?)?.base {
                Base::Image(r) => Some(PulledImage {
                    image: r.clone(),
                    written: &image.text,
                    span: image.span,
                    label: "base image",
                }),
                _ => None,
            },
            Body::Copy { .. } => {
                let from = ins.flag("from")?;
                let value = from.value.as_deref()?;
                if self.stage_by_ref(value).is_some() {
                    return None;
                }
                Some(PulledImage {
                    image: ImageRef::parse(value),
                    written: value,
                    span: from.span,
                    label: "COPY --from image",
                })
            }
            _ => None,
        }
    }

    /// Find a stage by alias (case-insensitive) or numeric index, as `COPY --from` does.
    #[must_use]
    pub fn stage_by_ref(&self, r: &str) -> Option<&Stage> {
        let lower = r.to_ascii_lowercase();
        self.stages
            .iter()
            .find(|s| s.name.as_deref() == Some(lower.as_str()))
            .or_else(|| r.parse::<usize>().ok().and_then(|i| self.stages.get(i)))
    }

    /// Line ranges (as byte spans) of every instruction: the unit of inline suppression.
    pub fn statement_spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.instructions.iter().map(|i| i.span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mount_flag_values() {
        let f = Flag {
            name: "mount".into(),
            value: Some("type=cache,target=/var/cache/apt,ro".into()),
            span: Span::default(),
        };
        assert_eq!(f.get("type"), Some("cache"));
        assert_eq!(f.get("TARGET"), Some("/var/cache/apt"));
        assert_eq!(f.get("ro"), Some(""));
        assert_eq!(f.get("id"), None);
    }

    #[test]
    fn image_refs() {
        let r = ImageRef::parse("nginx");
        assert_eq!(
            (r.repository.as_str(), r.tag, r.registry),
            ("nginx", None, None)
        );
        let r = ImageRef::parse("docker.io/library/nginx:1.25-alpine");
        assert_eq!(r.repository, "nginx");
        assert_eq!(r.tag.as_deref(), Some("1.25-alpine"));
        assert_eq!(r.registry.as_deref(), Some("docker.io"));
        let r = ImageRef::parse("localhost:5000/team/app@sha256:abc");
        assert_eq!(r.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(r.repository, "team/app");
        assert_eq!(r.tag, None);
        assert_eq!(r.digest.as_deref(), Some("sha256:abc"));
        assert_eq!(r.short_name(), "app");
        let r = ImageRef::parse("gcr.io/distroless/static:nonroot@sha256:1");
        assert_eq!(r.tag.as_deref(), Some("nonroot"));
        assert!(ImageRef::parse("${BASE}").unresolved);
    }
}
