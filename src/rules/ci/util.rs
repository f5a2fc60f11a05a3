//! Helpers shared by the CI rules.

use crate::model::docker::ImageRef;
use crate::parse::shell::SimpleCommand;
use crate::source::Span;

/// Why an image reference is unpinned: no tag, or `latest`. `None` when it has a digest, a
/// specific tag, or a variable.
#[must_use]
pub fn unpinned_image(image: &str) -> Option<&'static str> {
    let image = image.trim();
    if image.is_empty() || image.contains('$') {
        return None;
    }
    let r = ImageRef::parse(image);
    if r.digest.is_some() {
        return None;
    }
    match r.tag.as_deref() {
        None => Some("has no tag"),
        Some("latest") => Some("uses the \"latest\" tag"),
        Some(_) => None,
    }
}

/// Whether the text right after `span` (on the same line) swallows the command's failure:
/// `|| true`, `|| :`, `|| exit 0`, `|| echo …`.
#[must_use]
pub fn failure_swallowed(text: &str, span: Span) -> bool {
    let after = text.get(span.end..).unwrap_or("");
    let line = after.split('\n').next().unwrap_or("");
    let Some(rest) = line.trim_start().strip_prefix("||") else {
        return false;
    };
    let rest = rest.trim_start().trim_start_matches('"');
    ["true", ":", "exit 0", "echo", "/bin/true"]
        .iter()
        .any(|p| rest.starts_with(p))
}

/// A scanner invocation told never to fail: `--exit-code 0`, `--exit-code=0`,
/// `--soft-fail`, `--severity-cutoff` absent is fine; returns the offending option.
#[must_use]
pub fn soft_fail_flag(c: &SimpleCommand) -> Option<String> {
    if c.flag_value("--exit-code") == Some("0") {
        return Some("--exit-code 0".to_string());
    }
    if c.has_flag(&["--soft-fail"]) {
        return Some("--soft-fail".to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images() {
        assert!(unpinned_image("alpine").is_some());
        assert!(unpinned_image("alpine:latest").is_some());
        assert!(unpinned_image("registry:5000/app").is_some());
        assert!(unpinned_image("alpine:3.19").is_none());
        assert!(unpinned_image("alpine@sha256:abc").is_none());
        assert!(unpinned_image("$CI_REGISTRY_IMAGE").is_none());
        assert!(unpinned_image("${{ matrix.image }}").is_none());
    }

    #[test]
    fn swallowed() {
        let t = "trivy image x || true\n";
        assert!(failure_swallowed(t, Span::new(0, 13)));
        assert!(!failure_swallowed("trivy image x\n", Span::new(0, 13)));
    }
}
