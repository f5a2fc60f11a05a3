//! Fuzz the CI/CD model and rules: arbitrary text checked as a GitHub workflow, a GitHub
//! action and a GitLab CI file. Checks that nothing panics and that every finding's span lies
//! inside the text.
//!
//! ```sh
//! cd fuzz
//! cargo +nightly fuzz run ci corpus/ci ../tests/fixtures/ci -- \
//!     -max_total_time=600 -jobs=1 -max_len=8192 -timeout=10
//! ```
#![no_main]

use ironlaw::discover::ArtifactKind;
use ironlaw::engine::{RuleSelection, check_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for kind in [
        ArtifactKind::GithubWorkflow,
        ArtifactKind::GithubAction,
        ArtifactKind::GitlabCi,
    ] {
        let out = check_text("ci.yml", &text, kind, &RuleSelection::default());
        for f in out.findings.iter().chain(&out.suppressed) {
            assert!(f.span.start <= f.span.end, "inverted span {:?}", f.span);
            assert!(f.span.end <= text.len(), "span {:?} past the end", f.span);
            assert!(f.start.line >= 1 && f.end.line >= f.start.line);
        }
    }
});
