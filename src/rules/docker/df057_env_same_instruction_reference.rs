//! DF057 `env-same-instruction-reference`: an `ENV` value refers to a variable that the
//! same `ENV` instruction defines, which still expands to its previous value.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Body, Dockerfile, Instruction, Kind};
use crate::rules::docker::shell_util::key_values;
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct EnvSameInstructionReference;

pub static META: RuleMeta = RuleMeta {
    id: "DF057",
    name: "env-same-instruction-reference",
    family: Family::Dockerfile,
    title: "`ENV` refers to a variable defined in the same instruction",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "All substitutions in one `ENV` use the values from before the instruction, \
so in `ENV APP_HOME=/opt/app PATH=$APP_HOME/bin:$PATH` the new `PATH` gets an empty (or the \
base image's) `APP_HOME`: the image builds fine and the binary is not found at run time.",
    remediation: "Define the variable in an earlier `ENV` and refer to it in a later one: \
`ENV APP_HOME=/opt/app` then `ENV PATH=$APP_HOME/bin:$PATH`.",
    equivalents: &["hadolint:DL3044"],
    references: &["https://docs.docker.com/reference/dockerfile/#environment-replacement"],
};

impl DockerRule for EnvSameInstructionReference {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        if ins.kind != Kind::Env {
            return;
        }
        let pairs = key_values(ins);
        if pairs.len() < 2 {
            return;
        }
        for (i, kv) in pairs.iter().enumerate() {
            let Some(value) = &kv.value else { continue };
            for (j, other) in pairs.iter().enumerate() {
                let name = other.key.text.as_str();
                if i == j || !references(&value.text, name) || defined_before(df, ins, name) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &META,
                        value.span,
                        format!(
                            "ENV \"{}\" refers to \"{name}\", which this same ENV defines, so it \
expands to the previous value",
                            kv.key.text
                        ),
                    )
                    .anchor(format!("{}:{}:{name}", ins.anchor(), kv.key.text)),
                );
            }
        }
    }
}

/// Whether `text` contains `$name` (not as a prefix of a longer name) or `${name…}`.
fn references(text: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let braced = format!("${{{name}");
    let bare = format!("${name}");
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(&braced).any(|(at, m)| {
        text.get(at + m.len()..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c == '}' || c == ':')
    }) || text.match_indices(&bare).any(|(at, m)| {
        !text
            .get(at + m.len()..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_name_char)
    })
}

/// Whether an earlier `ENV` or `ARG` in the file already defines `name` (then the
/// reference is deliberate use of the old value, as hadolint also assumes).
fn defined_before(df: &Dockerfile, ins: &Instruction, name: &str) -> bool {
    df.instructions
        .iter()
        .take_while(|i| i.index < ins.index)
        .filter_map(|i| match &i.body {
            Body::Env(kv) | Body::Arg(kv) => Some(kv),
            _ => None,
        })
        .flatten()
        .any(|kv| kv.key.text == name)
}

#[cfg(test)]
mod tests {
    use super::references;

    #[test]
    fn variable_references() {
        assert!(references("$APP_HOME/bin", "APP_HOME"));
        assert!(references("${APP_HOME}/bin", "APP_HOME"));
        assert!(references("${APP_HOME:-/opt}/bin", "APP_HOME"));
        assert!(references("x:$APP", "APP"));
        assert!(!references("$APP_HOME/bin", "APP"));
        assert!(!references("${APP_HOME}", "APP"));
        assert!(!references("APP/bin", "APP"));
    }
}
