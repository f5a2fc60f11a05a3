//! Fuzz the plan gate: the streaming plan JSON reader (counting reader, serde visitors,
//! redaction, reduction), every PLAN rule (network and IAM parsers included) and the text,
//! markdown, JSON and SARIF renderers.
//!
//! The first byte sets the budgets and whether the plan is "production"; the rest is the
//! plan JSON.
//!
//! ```sh
//! cd fuzz
//! cargo +nightly fuzz run plan corpus/plan seeds/plan -- \
//!     -max_total_time=600 -jobs=1 -max_len=16384 -timeout=10
//! ```
#![no_main]

use std::collections::BTreeMap;

use ironlaw::engine::RuleSelection;
use ironlaw::finding::Severity;
use ironlaw::plan::{self, Context, output, read};
use ironlaw::report::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(p) = read::read_slice(rest) else {
        return;
    };
    for c in p.changes.iter().chain(&p.drift) {
        assert!(c.loc.start <= c.loc.end && c.loc.end <= rest.len(), "{:?}", c.loc);
    }
    let ctx = Context {
        max_destroy: (first & 1 == 1).then_some(usize::from(first >> 4)),
        max_changes: (first & 2 == 2).then_some(usize::from(first >> 4)),
        prevent_destroy: BTreeMap::new(),
        production: (first & 4 == 4).then(|| "fuzz".to_string()),
    };
    let o = plan::evaluate(
        p,
        "plan.json".to_string(),
        ctx,
        &RuleSelection::default(),
        &BTreeMap::new(),
    );
    for e in &o.escalations {
        let f = &e.finding;
        assert!(f.span.start <= f.span.end && f.span.end <= rest.len());
        assert!(f.start.line >= 1 && f.start.column >= 1);
    }
    for fmt in [Format::Text, Format::Markdown, Format::Json, Format::Sarif] {
        let mut buf = Vec::new();
        output::write(&o, fmt, Severity::High, false, &mut buf).unwrap();
        if fmt == Format::Json {
            assert!(buf.starts_with(b"{") && buf.ends_with(b"}\n"));
        }
    }
});
