//! Fuzz the shared YAML layer: `parse::yaml::parse` and `parse::yaml::comments`.
//!
//! Arbitrary bytes are decoded as lossy UTF-8 (callers refuse non-UTF-8 files). Checks the
//! invariants renderers and rules rely on: spans inside the text on char boundaries, error
//! offsets likewise, document indices increasing, trees no deeper than the limit (plus the
//! tag wrapper), and the accessors never panicking.
//!
//! ```sh
//! cd fuzz
//! cargo +nightly fuzz run yaml corpus/yaml seeds/yaml -- \
//!     -max_total_time=600 -jobs=1 -max_len=8192 -timeout=10
//! ```
//!
//! Seeds (`seeds/yaml/`): a Deployment + Service stream, a compose file with `<<` merges, a
//! GitLab CI file with anchors and `!reference`, CloudFormation short tags with `%YAML`, an
//! alias chain with a complex key, a CRLF Prometheus rule file.
#![no_main]

use ironlaw::parse::yaml::{self, Node, Value};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, node: &Node, depth: usize) {
    assert!(depth <= yaml::MAX_DEPTH + 1, "tree deeper than the limit");
    for span in [Some(node.span), node.alias_of].into_iter().flatten() {
        assert!(span.start <= span.end, "inverted span {span:?}");
        assert!(
            span.end <= text.len(),
            "span {span:?} past end {}",
            text.len()
        );
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
    let _ = (
        node.raw(text),
        node.as_str(),
        node.as_bool(),
        node.as_i64(),
        node.as_f64(),
    );
    let _ = (
        node.get("a"),
        node.key_span("a"),
        node.path(&["a", "0", "b"]),
        node.untagged(),
    );
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| check(text, n, depth + 1)),
        Value::Map(entries) => {
            for (k, v) in entries {
                check(text, k, depth + 1);
                check(text, v, depth + 1);
            }
        }
        Value::Tagged(_, inner) => check(text, inner, depth),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = yaml::parse(&text);
    for e in &file.errors {
        assert!(
            e.offset <= text.len() && text.is_char_boundary(e.offset),
            "{e:?}"
        );
        assert!(!e.message.is_empty());
    }
    let mut last = None;
    for doc in &file.docs {
        assert!(
            last.is_none_or(|l| doc.index > l),
            "document indices not increasing"
        );
        last = Some(doc.index);
        assert!(doc.span.start <= doc.span.end && doc.span.end <= text.len());
        check(&text, &doc.root, 0);
    }
    for (span, comment) in yaml::comments(&text) {
        assert!(span.end <= text.len() && text.is_char_boundary(span.start));
        assert_eq!(text.get(span.range()), Some(comment));
        assert!(comment.starts_with('#'));
    }
});
