//! DF013 `build-in-final-stage`: the final image installs compilers or runs the build
//! itself instead of copying the result from a builder stage.

use std::collections::BTreeSet;

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Kind};
use crate::parse::shell::{SimpleCommand, Word};
use crate::rules::docker::stage_util;
use crate::rules::{Checklist, DockerRule, Family, FileContext, RuleMeta};

pub struct BuildInFinalStage;

pub static META: RuleMeta = RuleMeta {
    id: "DF013",
    name: "build-in-final-stage",
    family: Family::Dockerfile,
    title: "Final image contains the build: compilers or build steps in the last stage",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "When the image that ships is also the image that builds, it carries compilers, \
headers, build caches, sources and dev dependencies into production: it is several times \
larger, has many more packages with CVEs, and gives an attacker a toolchain. A multi-stage \
build keeps all of that in a builder stage and copies only the artifact.",
    remediation: "Build in a named builder stage and copy only the artifact into a minimal \
final stage: `FROM golang:1.22 AS build` `RUN go build -o /out/app ./cmd/app` \
`FROM gcr.io/distroless/static:nonroot` `COPY --from=build /out/app /app`.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/build/building/multi-stage/",
        "https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds",
    ],
};

/// Packages that are compilers or build systems.
const BUILD_PACKAGES: &[&str] = &[
    "gcc",
    "g++",
    "gcc-c++",
    "clang",
    "make",
    "cmake",
    "ninja-build",
    "build-essential",
    "build-base",
    "alpine-sdk",
    "autoconf",
    "automake",
    "libtool",
    "golang",
    "golang-go",
    "go",
    "rustc",
    "cargo",
    "maven",
    "gradle",
];

/// Compilers and build drivers that build whatever their arguments are.
const BUILD_PROGRAMS: &[&str] = &[
    "gcc", "g++", "cc", "c++", "clang", "clang++", "make", "cmake", "ninja",
];

/// (program, subcommands that build).
const BUILD_SUBCOMMANDS: &[(&str, &[&str])] = &[
    ("go", &["build", "install"]),
    ("cargo", &["build", "install"]),
    ("dotnet", &["publish", "build"]),
    ("mvn", &["package", "install", "verify", "compile"]),
    ("mvnw", &["package", "install", "verify", "compile"]),
    (
        "gradle",
        &[
            "build",
            "assemble",
            "jar",
            "bootJar",
            "shadowJar",
            "installDist",
        ],
    ),
    (
        "gradlew",
        &[
            "build",
            "assemble",
            "jar",
            "bootJar",
            "shadowJar",
            "installDist",
        ],
    ),
    ("yarn", &["build"]),
    ("pnpm", &["build"]),
];

/// (package manager, install subcommands, removal subcommands).
const PACKAGE_MANAGERS: &[(&str, &[&str], &[&str])] = &[
    ("apt-get", &["install"], &["purge", "remove", "autoremove"]),
    ("apt", &["install"], &["purge", "remove", "autoremove"]),
    ("apk", &["add"], &["del"]),
    ("yum", &["install"], &["remove", "erase"]),
    ("dnf", &["install"], &["remove", "erase"]),
    ("microdnf", &["install"], &["remove"]),
    ("tdnf", &["install"], &["remove", "erase"]),
    ("zypper", &["install", "in"], &["remove", "rm"]),
];

/// Options whose value is the next word (so it is not a package name).
const VALUE_OPTIONS: &[&str] = &[
    "-t",
    "--virtual",
    "-X",
    "--repository",
    "-o",
    "-c",
    "--target-release",
    "--setopt",
];

impl DockerRule for BuildInFinalStage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&self, df: &Dockerfile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        let Some(last) = df.final_stage() else { return };
        let runs: Vec<_> = stage_util::chain_instructions(df, last.index)
            .filter(|i| i.kind == Kind::Run && !i.onbuild)
            .collect();
        // names removed again anywhere in the image (`apk del .build-deps`, `apt-get purge gcc`)
        let mut removed: BTreeSet<&str> = BTreeSet::new();
        for ins in &runs {
            for cmd in ins.scripts().flat_map(|s| s.commands.iter()) {
                if let Some(Op::Remove(words)) = package_op(cmd) {
                    removed.extend(words.iter().map(|w| package_name(&w.text)));
                }
            }
        }
        for ins in &runs {
            // one finding per build step and instruction (`make && make install` is one)
            let mut reported: BTreeSet<String> = BTreeSet::new();
            for cmd in ins.scripts().flat_map(|s| s.commands.iter()) {
                match package_op(cmd) {
                    Some(Op::Install {
                        packages,
                        virtual_name,
                    }) => {
                        if virtual_name.is_some_and(|v| removed.contains(v)) {
                            continue;
                        }
                        let tools: Vec<&Word> = packages
                            .into_iter()
                            .filter(|w| {
                                let name = package_name(&w.text);
                                BUILD_PACKAGES.contains(&name) && !removed.contains(name)
                            })
                            .collect();
                        let Some(first) = tools.first() else { continue };
                        let names: Vec<String> = tools
                            .iter()
                            .map(|w| format!("\"{}\"", package_name(&w.text)))
                            .collect();
                        let noun = if names.len() == 1 { "tool" } else { "tools" };
                        out.push(
                            Diagnostic::new(
                                &META,
                                first.span,
                                format!("final image installs build {noun} {}", names.join(", ")),
                            )
                            .anchor(format!(
                                "{}:install:{}",
                                ins.anchor(),
                                names.join(",")
                            )),
                        );
                    }
                    Some(Op::Remove(_)) => {}
                    None => {
                        if let Some(what) = build_command(cmd) {
                            if !reported.insert(what.clone()) {
                                continue;
                            }
                            out.push(
                                Diagnostic::new(
                                    &META,
                                    cmd.span,
                                    format!("final image runs build command \"{what}\""),
                                )
                                .anchor(format!("{}:build:{what}", ins.anchor())),
                            );
                        }
                    }
                }
            }
        }
    }
}

enum Op<'a> {
    Install {
        packages: Vec<&'a Word>,
        virtual_name: Option<&'a str>,
    },
    Remove(Vec<&'a Word>),
}

/// A package install or removal, with the package words.
fn package_op(cmd: &SimpleCommand) -> Option<Op<'_>> {
    let (name, args) = cmd.effective();
    let (_, install, remove) = PACKAGE_MANAGERS.iter().find(|(pm, _, _)| *pm == name)?;
    let mut positional: Vec<&Word> = Vec::new();
    let mut virtual_name = None;
    let mut it = args.iter();
    while let Some(w) = it.next() {
        let t = w.text.as_str();
        if VALUE_OPTIONS.contains(&t) {
            let value = it.next();
            if matches!(t, "-t" | "--virtual") && name == "apk" {
                virtual_name = value.map(|v| v.text.as_str());
            }
        } else if let Some(v) = t.strip_prefix("--virtual=") {
            virtual_name = Some(v);
        } else if !t.starts_with('-') {
            positional.push(w);
        }
    }
    let (sub, packages) = positional.split_first()?;
    let packages = packages.to_vec();
    if install.contains(&sub.text.as_str()) {
        Some(Op::Install {
            packages,
            virtual_name,
        })
    } else if remove.contains(&sub.text.as_str()) {
        Some(Op::Remove(packages))
    } else {
        None
    }
}

/// `gcc=4:12.2.0-3` → `gcc`.
fn package_name(word: &str) -> &str {
    word.split('=').next().unwrap_or(word)
}

/// The build step a command performs, for the message (`go build`, `npm run build`).
fn build_command(cmd: &SimpleCommand) -> Option<String> {
    let (name, args) = cmd.effective();
    if BUILD_PROGRAMS.contains(&name) {
        return Some(name.to_string());
    }
    let words: Vec<&str> = args
        .iter()
        .map(|w| w.text.as_str())
        .filter(|t| !t.starts_with('-'))
        .collect();
    if matches!(name, "npm" | "yarn" | "pnpm") {
        if let [run, script, ..] = words.as_slice() {
            if matches!(*run, "run" | "run-script")
                && (*script == "build" || script.starts_with("build:"))
            {
                return Some(format!("{name} {run} {script}"));
            }
        }
    }
    let (_, subs) = BUILD_SUBCOMMANDS.iter().find(|(p, _)| *p == name)?;
    // mvn and gradle take several goals/tasks; the others a subcommand first
    let goal = if matches!(name, "mvn" | "mvnw" | "gradle" | "gradlew") {
        words.iter().find(|w| subs.contains(w))?
    } else {
        words.first().filter(|w| subs.contains(w))?
    };
    Some(format!("{name} {goal}"))
}
