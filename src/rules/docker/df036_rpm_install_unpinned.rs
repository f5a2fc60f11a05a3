//! DF036 `rpm-install-unpinned`: `yum`/`dnf`/`microdnf`/`zypper install` of a package
//! without a version.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::docker::{Dockerfile, Instruction};
use crate::rules::docker::pkg::{Invocation, is_unknown, run_commands};
use crate::rules::{Checklist, DockerRule, Family, RuleMeta};

pub struct RpmInstallUnpinned;

pub static META: RuleMeta = RuleMeta {
    id: "DF036",
    name: "rpm-install-unpinned",
    family: Family::Dockerfile,
    title: "`yum`/`dnf`/`zypper install` without version pins",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Without a version, the package manager installs the newest build in the \
repositories on the day of the build, so a rebuild of an old commit (for a rollback or a \
hotfix) ships different packages than the image that was tested.",
    remediation: "Pin each package to a version: `dnf install -y httpd-2.4.57` (or \
`nodejs:20` for a module stream), and `zypper install -y curl=8.0.1`.",
    equivalents: &["hadolint:DL3033", "hadolint:DL3041", "hadolint:DL3037"],
    references: &[
        "https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages-label",
        "https://en.opensuse.org/SDB:Zypper_manual",
    ],
};

/// Options (after the subcommand) that take the next word as their value.
const RPM_VALUE_OPTS: &[&str] = &[
    "-c",
    "--config",
    "--setopt",
    "--releasever",
    "--installroot",
    "--enablerepo",
    "--disablerepo",
    "--repo",
    "--repoid",
    "-x",
    "--exclude",
    "--forcearch",
    "--downloaddir",
    "--destdir",
];
const ZYPPER_VALUE_OPTS: &[&str] = &["-r", "--repo", "--from", "-t", "--type"];

impl DockerRule for RpmInstallUnpinned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_instruction(&self, ins: &Instruction, _df: &Dockerfile, out: &mut Vec<Diagnostic>) {
        let cmds = run_commands(ins);
        for inv in Invocation::all(&cmds) {
            let (pkgs, module) = match inv.tool {
                "yum" | "dnf" | "microdnf" if inv.sub_is(&["install"]) => {
                    (inv.operands(RPM_VALUE_OPTS), false)
                }
                "yum" | "dnf" | "microdnf" if inv.sub_is(&["module"]) => {
                    let ops = inv.operands(RPM_VALUE_OPTS);
                    match ops.split_first() {
                        Some((action, rest)) if action.text == "install" => (rest.to_vec(), true),
                        _ => continue,
                    }
                }
                "zypper" if inv.sub_is(&["install", "in"]) => {
                    // patterns, patches and products have no versions to pin
                    let kind = inv.option_values(&["-t", "--type"]);
                    if kind.iter().any(|k| *k != "package") {
                        continue;
                    }
                    (inv.operands(ZYPPER_VALUE_OPTS), false)
                }
                _ => continue,
            };
            for pkg in pkgs {
                let t = pkg.text.as_str();
                if is_unknown(pkg) || t.starts_with('@') {
                    continue;
                }
                let pinned = if module {
                    t.contains(':')
                } else if inv.is(&["zypper"]) {
                    zypper_pinned(t)
                } else {
                    rpm_pinned(t)
                };
                if pinned {
                    continue;
                }
                let what = if module { "module install" } else { "install" };
                out.push(
                    Diagnostic::new(
                        &META,
                        pkg.span,
                        format!("{} {what} of \"{t}\" has no version pin", inv.written),
                    )
                    .anchor(format!("{}:{t}", ins.anchor())),
                );
            }
        }
    }
}

/// `name-version[-release]`: a dash-separated part after the name that looks like a
/// version (starts with a digit and has a `.`, `:` or `*`, or is a final number), with only
/// version-like parts after it. Also `.rpm` files, paths and URLs. `java-17-openjdk` is a
/// name, not a pin.
fn rpm_pinned(pkg: &str) -> bool {
    if pkg.ends_with(".rpm") || pkg.contains('/') {
        return true;
    }
    let parts: Vec<&str> = pkg.split('-').collect();
    let version_like = |p: &&str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".~^_:+*".contains(c))
    };
    (1..parts.len()).any(|i| {
        let Some(head) = parts.get(i) else {
            return false;
        };
        let last = i + 1 == parts.len();
        let looks_versioned = head.starts_with(|c: char| c.is_ascii_digit())
            && (head.contains(['.', ':', '*'])
                || (last && head.chars().all(|c| c.is_ascii_digit())));
        looks_versioned && parts.iter().skip(i).all(version_like)
    })
}

/// `name=1.2`, `name>=1.2`, `name<2`, or an `.rpm` file / path / URL.
fn zypper_pinned(pkg: &str) -> bool {
    pkg.contains(['=', '<', '>']) || pkg.ends_with(".rpm") || pkg.contains('/')
}

#[cfg(test)]
mod tests {
    use super::rpm_pinned;

    #[test]
    fn rpm_versions() {
        assert!(rpm_pinned("httpd-2.4.57"));
        assert!(rpm_pinned("httpd-2.4.57-5.el9"));
        assert!(rpm_pinned("python3-devel-3.9.18"));
        assert!(rpm_pinned("java-17-openjdk-17.0.9.0.9-2.el9"));
        assert!(rpm_pinned("nginx-1:1.20.1-14.el9"));
        assert!(rpm_pinned("openssl-3.0.*"));
        assert!(!rpm_pinned("httpd"));
        assert!(!rpm_pinned("python3-devel"));
        assert!(!rpm_pinned("gcc-c++"));
        assert!(!rpm_pinned("java-17-openjdk"));
        assert!(!rpm_pinned("java-17-openjdk-devel"));
        assert!(rpm_pinned("/tmp/app-1.0.x86_64.rpm"));
    }
}
