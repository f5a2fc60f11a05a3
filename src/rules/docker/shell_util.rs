//! Helpers shared by the secrets, ADD, shell and instruction hygiene rules (DF040–DF069).

use crate::model::docker::{Body, Instruction, Kind, Text};
use crate::parse::shell::{Script, SimpleCommand, Word};

/// Shell interpreters that run a script given on stdin or with `-c`.
pub const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"];

/// POSIX-ish shells that support `-o pipefail`.
pub const PIPEFAIL_SHELLS: &[&str] = &["bash", "zsh", "ash", "ksh", "mksh"];

/// The parsed shell scripts of a `RUN` (shell form and heredoc scripts); none for other
/// instructions.
pub fn run_scripts(ins: &Instruction) -> impl Iterator<Item = &Script> {
    (ins.kind == Kind::Run)
        .then(|| ins.scripts())
        .into_iter()
        .flatten()
}

/// `http://` or `https://` (case-insensitive).
#[must_use]
pub fn is_http_url(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// A git remote as `ADD` understands it: `git@host:…`, `git://…`, `ssh://…`, or an
/// http(s) URL whose path ends in `.git` (optionally followed by `#ref`).
#[must_use]
pub fn is_git_url(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    if l.starts_with("git@") || l.starts_with("git://") || l.starts_with("ssh://") {
        return true;
    }
    let path = l.split('#').next().unwrap_or("");
    is_http_url(&l) && (path.ends_with(".git") || path.ends_with(".git/"))
}

/// Any remote source `ADD` fetches rather than reads from the build context.
#[must_use]
pub fn is_remote(s: &str) -> bool {
    is_http_url(s) || is_git_url(s)
}

/// Compression and archive suffixes `ADD` may auto-extract (tar, possibly compressed).
const ARCHIVE_SUFFIXES: &[&str] = &[
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz",
    ".tbz2",
    ".tb2",
    ".tar.xz",
    ".txz",
    ".tar.zst",
    ".tzst",
    ".tar.lz",
    ".tlz",
    ".tar.lzma",
    ".tar.z",
    ".taz",
    ".gz",
    ".bz2",
    ".xz",
    ".zst",
    ".lzma",
    ".z",
];

/// A local path that looks like a (possibly compressed) archive.
#[must_use]
pub fn is_archive(s: &str) -> bool {
    let l = s.trim().trim_end_matches('/').to_ascii_lowercase();
    ARCHIVE_SUFFIXES.iter().any(|suf| l.ends_with(suf))
}

/// A URL with any `user:password@` part replaced by `****@`, so a finding never repeats
/// credentials.
#[must_use]
pub fn redact_url(s: &str) -> String {
    let Some((scheme, rest)) = s.split_once("://") else {
        return s.to_string();
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(host_end);
    match authority.rsplit_once('@') {
        Some((_, host)) => format!("{scheme}://****@{host}{tail}"),
        None => s.to_string(),
    }
}

/// `s` without one pair of surrounding quotes (`"a b"` → `a b`): the model keeps quotes
/// in some single-argument instructions (`WORKDIR`, `MAINTAINER`).
#[must_use]
pub fn unquote(s: &str) -> &str {
    let t = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = t.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    t
}

/// An absolute container path: `/x`, a Windows drive path `C:\x` / `C:/x`, or a leading
/// variable (unknown, so given the benefit of the doubt).
#[must_use]
pub fn is_absolute_or_variable(path: &str) -> bool {
    let p = unquote(path);
    if p.starts_with('/') || p.starts_with('$') || p.starts_with('\\') {
        return true;
    }
    let mut chars = p.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some(d), Some(':')) if d.is_ascii_alphabetic()
    )
}

/// The words of an instruction's `KEY=value` pairs, for `ENV`/`ARG`.
#[must_use]
pub fn key_values(ins: &Instruction) -> &[crate::model::docker::KeyValue] {
    match &ins.body {
        Body::Env(kv) | Body::Arg(kv) => kv,
        _ => &[],
    }
}

/// Sources and destination of `COPY`/`ADD`.
#[must_use]
pub fn copy_parts(ins: &Instruction) -> Option<(&[Text], &Text)> {
    match &ins.body {
        Body::Copy { sources, dest } | Body::Add { sources, dest } => Some((sources, dest)),
        _ => None,
    }
}

/// Whether `args` contain `-o pipefail` (also clustered: `-euo pipefail`, `-eo pipefail`).
#[must_use]
pub fn sets_pipefail<'a>(args: impl IntoIterator<Item = &'a str>) -> bool {
    let args: Vec<&str> = args.into_iter().collect();
    args.windows(2).any(|w| match w {
        [opt, val] => {
            *val == "pipefail"
                && opt
                    .strip_prefix('-')
                    .is_some_and(|o| !o.starts_with('-') && o.ends_with('o'))
        }
        _ => false,
    })
}

/// A `set -o pipefail` (or `set -euo pipefail`) command that affects the whole script.
#[must_use]
pub fn is_set_pipefail(c: &SimpleCommand) -> bool {
    !c.subshell && c.name() == "set" && sets_pipefail(c.args.iter().map(|w| w.text.as_str()))
}

/// The basename of a path-like word (`/usr/bin/curl` → `curl`).
#[must_use]
pub fn basename(s: &str) -> &str {
    s.rsplit(['/', '\\']).next().unwrap_or(s)
}

/// Whether `inner` lies inside `outer` (both file spans).
#[must_use]
pub fn within(inner: crate::source::Span, outer: crate::source::Span) -> bool {
    inner.start >= outer.start && inner.end <= outer.end && inner != outer
}

/// Positional (non-option) arguments of a command after its wrappers are stripped.
pub fn positional(args: &[Word]) -> impl Iterator<Item = &Word> {
    args.iter().filter(|w| !w.text.starts_with('-'))
}

/// Name segments that on their own mark a variable as holding a secret.
const SECRET_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "TOKEN",
    "SECRET",
    "APIKEY",
    "CREDENTIAL",
    "CREDENTIALS",
    "PRIVATEKEY",
    "ACCESSKEY",
    "SECRETKEY",
];

/// Adjacent segment pairs that mark a secret (`API_KEY`, `PRIVATE_KEY`…).
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("API", "KEY"),
    ("PRIVATE", "KEY"),
    ("ACCESS", "KEY"),
    ("SECRET", "KEY"),
    ("SIGNING", "KEY"),
    ("ENCRYPTION", "KEY"),
    ("MASTER", "KEY"),
    ("CLIENT", "SECRET"),
];

/// Segments that mark a secret only as the last segment (`NPM_AUTH`, `DB_PASS`), because
/// elsewhere they usually qualify a setting (`AUTH_TYPE`, `PASS_THROUGH`).
const SECRET_LAST: &[&str] = &["AUTH", "PASS", "PWD"];

/// Last segments that make the variable a reference to, or a setting about, a secret
/// rather than the secret itself (`POSTGRES_PASSWORD_FILE`, `TOKEN_URL`).
const NOT_SECRET_LAST: &[&str] = &[
    "FILE",
    "FILES",
    "PATH",
    "DIR",
    "FILENAME",
    "ENABLED",
    "ENABLE",
    "DISABLED",
    "DISABLE",
    "URL",
    "URI",
    "ENDPOINT",
    "HOST",
    "PORT",
    "USER",
    "USERNAME",
    "NAME",
    "TYPE",
    "MODE",
    "LENGTH",
    "LEN",
    "TTL",
    "TIMEOUT",
    "EXPIRY",
    "EXPIRES",
    "EXPIRATION",
    "HEADER",
    "METHOD",
    "PROVIDER",
    "REGION",
    "VERSION",
    "FORMAT",
    "LOCATION",
    "SOURCE",
    "ENV",
    "VAR",
    "ALGORITHM",
    "ALG",
    "POLICY",
    "REQUIRED",
    "SERVER",
    "SERVICE",
    "SCOPE",
    "SCOPES",
    "AUDIENCE",
    "ISSUER",
    "ID",
];

/// Split an identifier into upper-cased segments at `_`, `-`, `.` and camelCase humps.
fn segments(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_uppercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether a variable name says it holds a secret (`DB_PASSWORD`, `npmToken`, `API_KEY`),
/// but not a path to one or a setting about one (`PASSWORD_FILE`, `AUTH_ENABLED`), and not
/// a word that merely contains a secret word (`AUTHOR`, `TOKENIZERS_PARALLELISM`).
#[must_use]
pub fn is_secret_name(name: &str) -> bool {
    let segs = segments(name);
    let Some(last) = segs.last() else {
        return false;
    };
    if NOT_SECRET_LAST.contains(&last.as_str()) {
        // AWS_ACCESS_KEY_ID is an identifier, not the secret half
        return false;
    }
    if segs.iter().any(|s| SECRET_WORDS.contains(&s.as_str())) {
        return true;
    }
    if segs.windows(2).any(|w| match w {
        [a, b] => SECRET_PAIRS.contains(&(a.as_str(), b.as_str())),
        _ => false,
    }) {
        return true;
    }
    SECRET_LAST.contains(&last.as_str()) && segs.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for n in [
            "DB_PASSWORD",
            "MYSQL_ROOT_PASSWORD",
            "NPM_TOKEN",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "API_KEY",
            "OPENAI_API_KEY",
            "STRIPE_APIKEY",
            "npmAuthToken",
            "dbPassword",
            "PRIVATE_KEY",
            "GOOGLE_CREDENTIALS",
            "NPM_AUTH",
            "REDIS_PASS",
            "CLIENT_SECRET",
            "JWT_SECRET",
            "SECRET_KEY_BASE",
        ] {
            assert!(is_secret_name(n), "{n} should be secret");
        }
        for n in [
            "AUTHOR",
            "AUTH_TYPE",
            "POSTGRES_PASSWORD_FILE",
            "TOKENIZERS_PARALLELISM",
            "GPG_KEY",
            "PUBLIC_KEY",
            "PASSWORD_MIN_LENGTH",
            "TOKEN_URL",
            "SECRETS_PATH",
            "AWS_ACCESS_KEY_ID",
            "PASS_THROUGH",
            "PWD",
            "KEY",
            "",
            "AUTH_ENABLED",
            "DISABLE_AUTH_CHECK",
        ] {
            assert!(!is_secret_name(n), "{n} should not be secret");
        }
    }

    #[test]
    fn urls_and_archives() {
        assert!(is_http_url("HTTPS://example.com/a"));
        assert!(is_git_url("git@github.com:moby/buildkit.git#v0.12"));
        assert!(is_git_url("https://github.com/moby/buildkit.git#v0.12"));
        assert!(!is_git_url("https://example.com/app.tar.gz"));
        assert!(is_archive("rootfs.tar.xz"));
        assert!(is_archive("dist.TGZ"));
        assert!(!is_archive("app.jar"));
        assert_eq!(
            redact_url("https://user:s3cret@example.com/a@b"),
            "https://****@example.com/a@b"
        );
        assert_eq!(redact_url("https://example.com/x"), "https://example.com/x");
    }

    #[test]
    fn absolute_paths() {
        assert!(is_absolute_or_variable("/app"));
        assert!(is_absolute_or_variable("$HOME/app"));
        assert!(is_absolute_or_variable("C:\\app"));
        assert!(is_absolute_or_variable("c:/app"));
        assert!(!is_absolute_or_variable("app"));
        assert!(!is_absolute_or_variable("./app"));
    }

    #[test]
    fn pipefail_flags() {
        assert!(sets_pipefail(["-o", "pipefail"]));
        assert!(sets_pipefail(["-euxo", "pipefail"]));
        assert!(sets_pipefail(["-e", "-o", "pipefail"]));
        assert!(!sets_pipefail(["+o", "pipefail"]));
        assert!(!sets_pipefail(["-o", "errexit"]));
        assert!(!sets_pipefail(["--o", "pipefail"]));
    }
}
