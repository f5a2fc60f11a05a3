//! Fuzz the Dockerfile pipeline: parse + every rule + inline suppressions + finding placement.
//!
//! Arbitrary bytes are decoded as lossy UTF-8 (the CLI refuses non-UTF-8 files, but lossy
//! decoding keeps the fuzzer's mutations useful instead of discarding most inputs).
#![no_main]

use ironlaw::discover::ArtifactKind;
use ironlaw::engine::{RuleSelection, check_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let out = check_text(
        "Dockerfile",
        &text,
        ArtifactKind::Dockerfile,
        &RuleSelection::default(),
    );
    // invariants every renderer relies on
    for f in out.findings.iter().chain(&out.suppressed) {
        assert!(f.span.start <= f.span.end, "inverted span {:?}", f.span);
        assert!(
            f.span.end <= text.len(),
            "span {:?} past end {}",
            f.span,
            text.len()
        );
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        assert!(f.start.line >= 1 && f.start.column >= 1);
        assert!(f.start <= f.end);
    }
});
