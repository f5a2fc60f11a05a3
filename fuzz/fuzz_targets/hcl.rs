//! Fuzz the Terraform pipeline: the HCL layer (native and JSON syntax), the Terraform model,
//! every Terraform rule (per file and module pass), HCL suppression comments and finding
//! placement.
//!
//! The first byte picks the file name (`main.tf`, `main.tf.json`, `prod.tfvars`,
//! `.terraform.lock.hcl`); the rest is decoded as lossy UTF-8.
//!
//! ```sh
//! cd fuzz
//! cargo +nightly fuzz run hcl corpus/hcl seeds/hcl -- \
//!     -max_total_time=600 -jobs=1 -max_len=8192 -timeout=10
//! ```
#![no_main]

use ironlaw::discover::ArtifactKind;
use ironlaw::engine::{RuleSelection, check_text};
use ironlaw::parse::hcl;
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "envs/prod/main.tf",
    "main.tf.json",
    "prod.tfvars",
    ".terraform.lock.hcl",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(first) % NAMES.len()];
    let text = String::from_utf8_lossy(rest);
    for file in [hcl::parse(&text), hcl::parse_json(&text, false)] {
        for e in &file.errors {
            assert!(e.offset <= text.len(), "{e:?}");
        }
        for a in file.body.all_attrs() {
            assert!(a.span.end <= text.len() && a.value.span.end <= text.len());
            let _ = (a.value.refs(), a.value.is_literal(), a.value.as_bool());
        }
    }
    let out = check_text(name, &text, ArtifactKind::Terraform, &RuleSelection::default());
    for f in out.findings.iter().chain(&out.suppressed) {
        assert!(f.span.start <= f.span.end, "inverted span {:?}", f.span);
        assert!(f.span.end <= text.len(), "span {:?} past end {}", f.span, text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        assert!(f.start.line >= 1 && f.start.column >= 1);
    }
});
