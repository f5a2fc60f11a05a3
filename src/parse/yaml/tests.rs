use std::time::{Duration, Instant};

use super::*;

/// The text of a node's span.
fn text_of<'t>(text: &'t str, node: &Node) -> &'t str {
    &text[node.span.range()]
}

fn one(text: &str) -> Node {
    let f = parse(text);
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    assert_eq!(f.docs.len(), 1);
    f.docs.into_iter().next().unwrap().root
}

/// Run `f` on a thread with a rayon-sized (2 MiB) stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

const K8S: &str = "# two docs
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:latest
          securityContext:
            privileged: true
---
apiVersion: v1
kind: Service
metadata:
  name: \"web-svc\"   # ünïcödé comment
spec:
  ports:
    - port: 80
      targetPort: 8080
";

#[test]
fn multi_document_stream_with_accessors() {
    let f = parse(K8S);
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    assert_eq!(f.docs.len(), 2);
    let d0 = &f.docs[0];
    assert_eq!(d0.index, 0);
    assert_eq!(
        d0.root.get("kind").and_then(Node::as_str),
        Some("Deployment")
    );
    let containers = d0
        .root
        .path(&["spec", "template", "spec", "containers"])
        .unwrap();
    let c0 = &containers.as_seq().unwrap()[0];
    assert_eq!(
        containers.path(&["0", "name"]).and_then(Node::as_str),
        Some("app")
    );
    let image = c0.get("image").unwrap();
    assert_eq!(text_of(K8S, image), "nginx:latest");
    assert_eq!(&K8S[c0.key_span("image").unwrap().range()], "image");
    assert_eq!(
        c0.path(&["securityContext", "privileged"])
            .and_then(Node::as_bool),
        Some(true)
    );
    // keys keep source order
    let keys: Vec<_> = d0
        .root
        .iter_map()
        .map(|(k, _)| k.as_str().unwrap())
        .collect();
    assert_eq!(keys, ["apiVersion", "kind", "metadata", "spec"]);

    let d1 = &f.docs[1];
    assert_eq!(d1.index, 1);
    assert!(K8S[d1.span.range()].starts_with("---\napiVersion: v1"));
    let name = d1.root.path(&["metadata", "name"]).unwrap();
    // the quoted scalar ends at its quote, not at the end of the comment
    assert_eq!(text_of(K8S, name), "\"web-svc\"");
    assert_eq!(name.raw(K8S), "\"web-svc\"");
    assert_eq!(name.style, Some(ScalarStyle::DoubleQuoted));
    let port = d1.root.path(&["spec", "ports", "0", "targetPort"]).unwrap();
    assert_eq!(port.as_i64(), Some(8080));
    assert_eq!(text_of(K8S, port), "8080");
    // missing things are None, not panics
    assert!(d1.root.path(&["spec", "ports", "7"]).is_none());
    assert!(d1.root.path(&["kind", "x"]).is_none());
    assert!(port.get("x").is_none() && port.as_seq().is_none() && port.as_map().is_none());
    assert_eq!(port.iter_map().count(), 0);
}

#[test]
fn scalars_keep_type_and_raw_text() {
    let t = "a: \"1.0\"\nb: 1.0\nc: yes\nd: true\ne: ~\nf:\ng: 0x1F\nh: '010'\ni: !!str 12\nj: 99999999999999999999\nk: !!int nope\n";
    let root = one(t);
    let get = |k: &str| root.get(k).unwrap();
    assert_eq!(get("a").value, Value::Str("1.0".into()));
    assert_eq!(get("a").raw(t), "\"1.0\"");
    assert_eq!(get("b").as_f64(), Some(1.0));
    assert_eq!(get("b").raw(t), "1.0");
    // YAML 1.2 core schema: `yes` is a string
    assert_eq!(get("c").as_str(), Some("yes"));
    assert_eq!(get("c").style, Some(ScalarStyle::Plain));
    assert_eq!(get("d").as_bool(), Some(true));
    assert!(get("e").is_null() && get("f").is_null());
    assert_eq!(get("g").as_i64(), Some(31));
    assert_eq!(get("h").as_str(), Some("010"));
    assert_eq!(get("h").style, Some(ScalarStyle::SingleQuoted));
    assert_eq!(get("i").as_str(), Some("12"));
    assert_eq!(get("i").raw(t), "12", "properties are not part of the span");
    assert!(matches!(get("j").value, Value::Float(_)));
    assert_eq!(get("k").as_str(), Some("nope"));
}

#[test]
fn spans_are_byte_offsets_after_multibyte_text() {
    let t = "# ünïcödé ✓ 🚀\nnäme: \"wéb\"  # cömment\nlist: [ä, 'ö', \"🚀\"]\nafter: value\n";
    let root = one(t);
    let name = root.get("näme").unwrap();
    assert_eq!(text_of(t, name), "\"wéb\"");
    assert_eq!(&t[root.key_span("näme").unwrap().range()], "näme");
    let list = root.get("list").unwrap();
    assert_eq!(text_of(t, list), "[ä, 'ö', \"🚀\"]");
    let items: Vec<_> = list.iter_seq().map(|n| text_of(t, n)).collect();
    assert_eq!(items, ["ä", "'ö'", "\"🚀\""]);
    assert_eq!(text_of(t, root.get("after").unwrap()), "value");
    // a BOM counts as one char for saphyr and three bytes for us
    let t = "\u{feff}a: é\nb: x\n";
    let root = one(t);
    assert_eq!(text_of(t, root.get("b").unwrap()), "x");
    assert_eq!(text_of(t, root.get("a").unwrap()), "é");
}

#[test]
fn char_map_checkpoints() {
    let text: String = "é".repeat(200) + "x";
    let map = CharMap::new(&text);
    assert_eq!(map.byte(0), 0);
    assert_eq!(map.byte(63), 126);
    assert_eq!(map.byte(64), 128);
    assert_eq!(map.byte(200), 400);
    assert_eq!(map.byte(201), 401);
    assert_eq!(map.byte(10_000), 401);
    assert_eq!(CharMap::new("abc").byte(7), 3);
}

#[test]
fn quoted_scalar_spans_stop_at_the_closing_quote() {
    let t = "a: \"x \\\" y\"   # c \"q\"\nb: 'it''s' # 'c'\nc: \"multi\n  line\" # c\n";
    let root = one(t);
    assert_eq!(text_of(t, root.get("a").unwrap()), "\"x \\\" y\"");
    assert_eq!(root.get("a").unwrap().as_str(), Some("x \" y"));
    assert_eq!(text_of(t, root.get("b").unwrap()), "'it''s'");
    assert_eq!(text_of(t, root.get("c").unwrap()), "\"multi\n  line\"");
}

#[test]
fn block_scalars_start_at_the_indicator() {
    let t = "a: |\n  line1\n  line2\nb: >- # folded\n\n  text\nc: !T |\n  x\nd: &q |+\n  y\n\ne: |\nf: x\n";
    let root = one(t);
    let a = root.get("a").unwrap();
    assert_eq!(text_of(t, a), "|\n  line1\n  line2");
    assert_eq!(a.as_str(), Some("line1\nline2\n"));
    assert_eq!(a.style, Some(ScalarStyle::Literal));
    let b = root.get("b").unwrap();
    assert_eq!(text_of(t, b), ">- # folded\n\n  text");
    assert_eq!(b.style, Some(ScalarStyle::Folded));
    let c = root.get("c").unwrap();
    assert_eq!(text_of(t, c), "!T |\n  x");
    assert_eq!(text_of(t, c.untagged()), "|\n  x");
    assert_eq!(text_of(t, root.get("d").unwrap()), "|+\n  y");
    // an empty block scalar
    let e = root.get("e").unwrap();
    assert_eq!(text_of(t, e), "|");
    assert_eq!(e.as_str(), Some(""));
    // in a sequence
    let t = "- |\n  one\n- >\n  two\n";
    let root = one(t);
    let items: Vec<_> = root.iter_seq().map(|n| text_of(t, n)).collect();
    assert_eq!(items, ["|\n  one", ">\n  two"]);
}

#[test]
fn custom_tags_are_kept_with_spans() {
    let t = "Bucket: !Sub \"${AWS::StackName}-logs\"  # c\nRole: !GetAtt [Role, Arn]\nRef: !Ref plain\nEmpty: !Foo\nscript:\n  - !reference [.setup, script]\nNon: ! 12\n";
    let root = one(t);
    let sub = root.get("Bucket").unwrap();
    assert_eq!(sub.tag().unwrap().to_string(), "!Sub");
    assert_eq!(text_of(t, sub), "!Sub \"${AWS::StackName}-logs\"");
    assert_eq!(text_of(t, sub.untagged()), "\"${AWS::StackName}-logs\"");
    assert_eq!(sub.untagged().as_str(), Some("${AWS::StackName}-logs"));
    assert_eq!(sub.as_str(), None, "accessors do not look through tags");
    let get_att = root.get("Role").unwrap();
    assert_eq!(text_of(t, get_att), "!GetAtt [Role, Arn]");
    let inner = get_att.untagged();
    assert_eq!(text_of(t, inner), "[Role, Arn]");
    assert_eq!(text_of(t, &inner.as_seq().unwrap()[1]), "Arn");
    assert_eq!(text_of(t, root.get("Ref").unwrap().untagged()), "plain");
    // an empty tagged scalar takes the tag's span
    let empty = root.get("Empty").unwrap();
    assert_eq!(text_of(t, empty), "!Foo");
    assert_eq!(text_of(t, empty.untagged()), "!Foo");
    assert!(empty.untagged().is_null());
    let reference = &root.get("script").unwrap().as_seq().unwrap()[0];
    let Value::Tagged(tag, inner) = &reference.value else {
        panic!("{reference:?}")
    };
    assert_eq!(
        (tag.handle.as_str(), tag.suffix.as_str()),
        ("!", "reference")
    );
    let items: Vec<_> = inner.iter_seq().filter_map(Node::as_str).collect();
    assert_eq!(items, [".setup", "script"]);
    // `!` alone makes a plain scalar a string, untagged
    assert_eq!(root.get("Non").unwrap().as_str(), Some("12"));
    // a named handle without a %TAG directive is a syntax error; with one it is kept
    let f = parse("%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n");
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    let a = f.docs[0].root.get("a").unwrap();
    assert_eq!(a.tag().unwrap().to_string(), "tag:example.com,2000:x");
    assert_eq!(a.untagged().as_i64(), Some(1));
}

#[test]
fn aliases_resolve_with_definition_spans() {
    let t = "x-common: &common\n  restart: always\n  environment:\n    LOG: debug\nservices:\n  b:\n    image: &img busybox\n    environment: *common\n    other: *img\n";
    let root = one(t);
    let b = root.path(&["services", "b"]).unwrap();
    let env = b.get("environment").unwrap();
    assert_eq!(text_of(t, env), "*common");
    assert_eq!(env.alias_of, root.get("x-common").map(|n| n.span));
    let restart = env.get("restart").unwrap();
    assert_eq!(restart.as_str(), Some("always"));
    // children keep the spans of the definition
    assert_eq!(restart.span.start, t.find("always").unwrap());
    let other = b.get("other").unwrap();
    assert_eq!(text_of(t, other), "*img");
    assert_eq!(other.raw(t), "busybox");
    assert_eq!(other.as_str(), Some("busybox"));
    // anchors are per document
    let f = parse("a: &x 1\n---\nb: *x\n");
    assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
    assert_eq!(f.docs.len(), 2);
    assert!(
        f.errors[0].message.contains("another document"),
        "{:?}",
        f.errors
    );
    assert!(f.docs[1].root.get("b").unwrap().is_null());
}

#[test]
fn merge_keys_resolve_with_their_own_spans() {
    let t = "\
x-base: &base
  restart: always
  image: base:1
  env: {A: 1}
x-more: &more
  image: more:1
  user: app
  restart: never
svc:
  image: mine:2
  <<: [*base, *more]
  extra: 1
";
    let root = one(t);
    let svc = root.get("svc").unwrap();
    let keys: Vec<_> = svc.iter_map().map(|(k, _)| k.as_str().unwrap()).collect();
    // merged keys take the `<<` position; explicit keys win; earlier sources win
    assert_eq!(keys, ["image", "restart", "env", "user", "extra"]);
    assert_eq!(svc.get("image").unwrap().as_str(), Some("mine:2"));
    let restart = svc.get("restart").unwrap();
    assert_eq!(restart.as_str(), Some("always"));
    assert_eq!(restart.span.start, t.find("always").unwrap());
    let (key, _) = svc.entry("user").unwrap();
    assert_eq!(key.span.start, t.find("user").unwrap());
    assert_eq!(text_of(t, svc.get("user").unwrap()), "app");
    assert_eq!(svc.path(&["env", "A"]).and_then(Node::as_i64), Some(1));

    // single source, explicit key after the merge still wins, merge inside the anchor
    let t = "\
.defaults: &defaults
  <<: &inner
    retry: 2
  tags: [docker]
job:
  <<: *defaults
  script: [make]
  tags: [shell]
";
    let root = one(t);
    let job = root.get("job").unwrap();
    let keys: Vec<_> = job.iter_map().map(|(k, _)| k.as_str().unwrap()).collect();
    assert_eq!(keys, ["retry", "script", "tags"]);
    assert_eq!(job.get("retry").unwrap().as_i64(), Some(2));
    let tags = job.get("tags").unwrap();
    assert_eq!(text_of(t, tags), "[shell]");
    assert!(root.get(".defaults").unwrap().get("<<").is_none());
    let _ = root.get(".defaults").unwrap().get("retry").unwrap();
}

#[test]
fn merge_key_oddities() {
    // a quoted "<<" is an ordinary key
    let root = one("a: &a {x: 1}\nb:\n  \"<<\": *a\n");
    assert!(root.path(&["b", "<<", "x"]).is_some());
    assert!(root.path(&["b", "x"]).is_none());
    // a merge of a scalar is an error and stays literal
    let t = "a: &a 1\nb:\n  <<: *a\n  c: 2\n";
    let f = parse(t);
    assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
    assert!(f.errors[0].message.contains("merge key"));
    assert_eq!(f.errors[0].offset, t.find("*a\n").unwrap());
    assert!(f.docs[0].root.path(&["b", "<<"]).is_some());
    // two `<<` entries are not duplicates; the first wins
    let root = one("a: &a {x: 1}\nc: &c {x: 2, y: 3}\nb:\n  <<: *a\n  <<: *c\n");
    let b = root.get("b").unwrap();
    assert_eq!(b.get("x").unwrap().as_i64(), Some(1));
    assert_eq!(b.as_map().unwrap().len(), 2);
    assert_eq!(b.get("y").unwrap().as_i64(), Some(3));
    // an inline mapping merges too
    let root = one("b:\n  <<: {x: 1}\n  y: 2\n");
    assert_eq!(root.path(&["b", "x"]).unwrap().as_i64(), Some(1));
}

#[test]
fn duplicate_keys_are_errors_at_the_second_key_and_the_last_value_wins() {
    let t = "name: a\nimage: x\nname: b\n";
    let f = parse(t);
    assert_eq!(f.errors.len(), 1);
    assert_eq!(f.errors[0].offset, t.rfind("name").unwrap());
    assert!(
        f.errors[0].message.contains("\"name\""),
        "{}",
        f.errors[0].message
    );
    let root = &f.docs[0].root;
    assert_eq!(root.get("name").unwrap().as_str(), Some("b"));
    assert_eq!(
        root.key_span("name").unwrap().start,
        t.rfind("name").unwrap()
    );
    // the entry stays at the first key's position
    let keys: Vec<_> = root.iter_map().map(|(k, _)| k.as_str().unwrap()).collect();
    assert_eq!(keys, ["name", "image"]);
    // large mappings (hash index) and complex keys too
    let mut t: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
    t.push_str("k7: again\n? [a, {b: 1}]\n: x\n? [a, {b: 1}]\n: y\n");
    let f = parse(&t);
    assert_eq!(f.errors.len(), 2, "{:?}", f.errors);
    assert_eq!(f.errors[0].offset, t.find("k7: again").unwrap());
    assert_eq!(f.docs[0].root.get("k7").unwrap().as_str(), Some("again"));
    assert_eq!(f.docs[0].root.as_map().unwrap().len(), 41);
    // "1" and 1 are different keys
    assert!(parse("1: a\n'1': b\n").errors.is_empty());
}

#[test]
fn syntax_errors_keep_earlier_documents_with_byte_offsets() {
    let t = "a: ü\n---\nb: [1, 2\n---\nc: 3\n";
    let f = parse(t);
    assert_eq!(f.docs.len(), 1);
    assert_eq!(f.docs[0].root.get("a").unwrap().as_str(), Some("ü"));
    assert_eq!(f.errors.len(), 1);
    // saphyr reports the char index 18; the byte offset is one more (ü is two bytes)
    let e = &f.errors[0];
    assert!(e.offset <= t.len() && t.is_char_boundary(e.offset));
    assert!(e.offset >= t.find("[1").unwrap(), "{e:?}");
    let t = "é: [\n";
    let e = &parse(t).errors[0];
    assert_eq!(e.offset, t.len(), "{e:?}");
    // a bad indentation in one document
    let t = "ok: 1\n---\nkey: value\n  bad: indent\n";
    let f = parse(t);
    assert_eq!(f.docs.len(), 1);
    assert_eq!(f.errors.len(), 1);
}

#[test]
fn empty_inputs() {
    assert_eq!(parse(""), YamlFile::default());
    assert!(parse("# only a comment\n").docs.is_empty());
    let f = parse("---\n---\na: 1\n");
    assert_eq!(f.docs.len(), 2);
    assert!(f.docs[0].root.is_null());
    assert_eq!(f.docs[1].index, 1);
}

#[test]
fn depth_limit_is_exact() {
    let ok = format!("{}x{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    let f = parse(&ok);
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    let deep = format!(
        "{}x{}",
        "[".repeat(MAX_DEPTH + 1),
        "]".repeat(MAX_DEPTH + 1)
    );
    let f = parse(&deep);
    assert_eq!(f.errors.len(), 1);
    assert_eq!(f.errors[0].offset, MAX_DEPTH);
    assert!(f.docs.is_empty());
}

#[test]
fn deep_block_sequence_is_one_error_on_a_small_stack() {
    let started = Instant::now();
    let f = on_small_stack(|| {
        let mut t = "ok: 1\n---\n".to_string();
        t.push_str(&"- ".repeat(100_000));
        t.push_str("v\n---\nafter: 2\n");
        parse(&t)
    });
    assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
    assert!(
        f.errors[0]
            .message
            .contains("nesting deeper than 128 levels")
    );
    // the refused document is gone, the ones around it are kept with their indices
    let idx: Vec<_> = f.docs.iter().map(|d| d.index).collect();
    assert_eq!(idx, [0, 2]);
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn deep_block_mapping_is_one_error_on_a_small_stack() {
    let f = on_small_stack(|| {
        let mut t = String::new();
        for i in 0..2_000 {
            t.push_str(&" ".repeat(i));
            t.push_str("k:\n");
        }
        parse(&t)
    });
    assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
    assert!(f.errors[0].message.contains("nesting deeper"));
    assert!(f.docs.is_empty());
    // compact nested mappings in sequences, 100,000 deep
    let f = on_small_stack(|| parse(&"- a: ".repeat(100_000)));
    assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
}

#[test]
fn deep_flow_nesting_is_one_error() {
    for open in ["[", "{", "[{"] {
        let t = open.repeat(10_000);
        let f = on_small_stack(move || parse(&t));
        assert_eq!(f.errors.len(), 1, "{open}: {:?}", f.errors);
        assert!(f.docs.is_empty());
    }
}

#[test]
fn aliases_cannot_build_deep_trees() {
    // each anchor nests the previous one 100 levels deeper
    let mut t = String::new();
    for i in 0..10 {
        t.push_str(&format!("a{i}: &a{i} "));
        t.push_str(&"[".repeat(100));
        if i > 0 {
            t.push_str(&format!("*a{}", i - 1));
        }
        t.push_str(&"]".repeat(100));
        t.push('\n');
    }
    let f = on_small_stack(move || parse(&t));
    assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
    assert!(f.errors[0].message.contains("through an alias"));
}

#[test]
fn billion_laughs_is_one_error_quickly() {
    let mut t = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        .to_string();
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        t.push_str(&format!("{}: &{} [{refs}]\n", w[1], w[1]));
    }
    t.push_str("j: [*i,*i,*i,*i,*i,*i,*i,*i,*i]\n");
    let started = Instant::now();
    let f = parse(&t);
    let took = started.elapsed();
    assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
    assert!(f.errors[0].message.contains("billion-laughs"));
    assert!(f.docs.is_empty());
    // sanity ceiling only (debug build): the budget stops it after 100,000 nodes
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn alias_bomb_through_mapping_keys_is_stopped() {
    // saphyr's own budget counts a complex key as one node; ours counts what is copied
    let mut t = "a: &a [x, x, x, x, x, x, x, x, x, x]\n".to_string();
    let names = ["a", "b", "c", "d", "e", "f", "g"];
    for w in names.windows(2) {
        let keys: Vec<_> = (0..10).map(|i| format!("? [*{}, {i}] : v", w[0])).collect();
        t.push_str(&format!("{}: &{} {{ {} }}\n", w[1], w[1], keys.join(", ")));
    }
    let started = Instant::now();
    let f = parse(&t);
    assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
    assert!(f.errors[0].message.contains("billion-laughs"));
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn self_referencing_alias_is_an_error() {
    let f = parse("a: &a [1, *a]\n");
    assert_eq!(f.errors.len(), 1);
    assert!(
        f.errors[0].message.contains("contains it"),
        "{:?}",
        f.errors
    );
}

#[test]
fn comments_outside_scalars() {
    let t = "\
# top
a: \"x # not\"  # yes 1
b: 'it''s # not' # yes 2
c: it's # yes 3
d: a#b
e: |  # yes 4
  # not (block)
  text
f: >-
    # not
g: [a, '#x', \"#y\"] # yes 5
h: \"multi
  # not
  line\" # yes 6
i: http://x/#frag
  # yes 7
- !T \"# not\" # yes 8
--- # yes 9
j: ü # ünï
";
    let found: Vec<_> = comments(t).into_iter().map(|(_, s)| s).collect();
    assert_eq!(
        found,
        [
            "# top", "# yes 1", "# yes 2", "# yes 3", "# yes 4", "# yes 5", "# yes 6", "# yes 7",
            "# yes 8", "# yes 9", "# ünï"
        ]
    );
    for (span, s) in comments(t) {
        assert_eq!(&t[span.range()], s);
    }
    // CRLF: the \r is not part of the comment
    let t = "a: 1 # c\r\nb: 2\r\n";
    assert_eq!(comments(t)[0].1, "# c");
}

#[test]
fn never_panics_on_odd_inputs() {
    for t in [
        "\u{feff}",
        "\u{feff}\u{feff}a: 1",
        "a: \"unterminated",
        "'",
        "? ",
        ": ",
        "- - -",
        "*x",
        "&a",
        "!",
        "!!",
        "%YAML 1.2\n%YAML 1.2\n---",
        "a: |\n",
        "a: >9\n  x",
        "|",
        ">-\n",
        "{a: [}",
        "a:\n\t- b",
        "\r\r\r",
        "a: !<tag:x> 1",
        "---\n...\n...",
        "a: *a",
        "[a, b]: c",
        "? |\n  x\n: y",
        "<<: *a",
        "<<: 1",
        "- <<: {a: 1}",
        "a: &x\nb: *x",
        "\u{85}a: 1",
        "a: \u{2028}",
    ] {
        let f = parse(t);
        for e in &f.errors {
            assert!(
                e.offset <= t.len() && t.is_char_boundary(e.offset),
                "{t:?}: {e:?}"
            );
        }
        for d in &f.docs {
            check_spans(t, &d.root);
        }
        for (span, _) in comments(t) {
            assert!(span.end <= t.len());
        }
    }
}

/// Every span is inside the text and on char boundaries.
pub(super) fn check_spans(text: &str, node: &Node) {
    for span in [Some(node.span), node.alias_of].into_iter().flatten() {
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| check_spans(text, n)),
        Value::Map(entries) => entries.iter().for_each(|(k, v)| {
            check_spans(text, k);
            check_spans(text, v);
        }),
        Value::Tagged(_, inner) => check_spans(text, inner),
        _ => {}
    }
}

/// 20,000 small documents (~5 MB, 250 bytes each). Run with
/// `cargo test --release --lib yaml::tests::speed -- --ignored --nocapture`.
#[test]
#[ignore = "timing; run in release by hand"]
fn speed_of_many_small_documents() {
    let mut t = String::new();
    let mut i = 0;
    while i < 20_000 {
        t.push_str(&format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-{i}  # pod\n  labels: {{app: web, tier: \"front\"}}\nspec:\n  containers:\n    - name: app\n      image: \"nginx:1.{i}\"\n      args: [--port, \"8080\"]\n      resources:\n        limits: {{cpu: 500m, memory: 128Mi}}\n      command:\n        - |\n          exec app\n"
        ));
        i += 1;
    }
    // baseline: saphyr-parser's events alone
    let started = Instant::now();
    let events = saphyr_parser::Parser::new_from_str(&t).count();
    let took_events = started.elapsed();
    eprintln!("events only: {events} events in {took_events:?}");
    let started = Instant::now();
    let f = parse(&t);
    let took = started.elapsed();
    let c = comments(&t);
    let took_c = started.elapsed() - took;
    assert!(f.errors.is_empty());
    eprintln!(
        "{} docs, {:.1} MB: parse {took:?}, comments {took_c:?} ({} found)",
        f.docs.len(),
        t.len() as f64 / 1e6,
        c.len()
    );
}

#[test]
fn fuzz_seeds_parse_cleanly() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/seeds/yaml");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let f = parse(&text);
        assert!(f.errors.is_empty(), "{}: {:?}", path.display(), f.errors);
        assert!(!f.docs.is_empty());
        for d in &f.docs {
            check_spans(&text, &d.root);
        }
        seen += 1;
    }
    assert!(seen >= 5);
    // the GitLab seed: merge and !reference
    let text = std::fs::read_to_string(format!("{dir}/gitlab-ci.yml")).unwrap();
    let root = parse(&text).docs.remove(0).root;
    assert_eq!(
        root.path(&["deploy", "image"]).unwrap().as_str(),
        Some("alpine:3.19")
    );
    let first = root.path(&["lint", "script", "0"]).unwrap();
    assert_eq!(first.tag().unwrap().to_string(), "!reference");
    let compose = std::fs::read_to_string(format!("{dir}/compose.yaml")).unwrap();
    let root = parse(&compose).docs.remove(0).root;
    let api = root.path(&["services", "api"]).unwrap();
    assert_eq!(api.get("restart").unwrap().as_str(), Some("unless-stopped"));
    assert_eq!(
        api.path(&["deploy", "resources", "limits", "memory"])
            .unwrap()
            .raw(&compose),
        "256M"
    );
}

#[test]
fn fuzz_non_ascii_directive_does_not_shift_spans() {
    // saphyr-parser counts a directive's name and parameters in bytes, not chars
    for t in [
        "%YAMé2\n---\na: 1\nkéy: välue # x\n",
        "%FOO é ü # ö\r\n%YAML 1.2\r\n---\r\nkéy: \"välue\" # x\r\nb: c\r\n",
        "\u{feff}%FOO é\n---\na: é\n",
        "%FOO é\n---\nx: |\n  ö\n  ä\ny: [é, 'ü']\n",
    ] {
        let f = parse(t);
        for d in &f.docs {
            check_spans(t, &d.root);
            for (k, v) in d.root.iter_map() {
                let key = k.as_str().unwrap();
                assert_eq!(&t[k.span.range()], key, "{t:?}");
                assert!(!v.raw(t).is_empty(), "{t:?}");
            }
        }
        assert!(!f.docs.is_empty(), "{t:?}: {:?}", f.errors);
    }
    let t = "%FOO é\n---\nkéy: \"välue\" # x\nb: c\n";
    let root = one(t);
    assert_eq!(root.get("kéy").unwrap().raw(t), "\"välue\"");
    assert_eq!(root.get("b").unwrap().raw(t), "c");
    let t = "%FOO é\n---\nx: |\n  ö\n  ä\ny: [é, 'ü']\n";
    let root = one(t);
    assert_eq!(root.get("x").unwrap().raw(t), "|\n  ö\n  ä");
    assert_eq!(root.get("y").unwrap().raw(t), "[é, 'ü']");
    // the fuzzer's input
    let t = "%YAM\u{fffd}\u{fffd}2\n---\nA: \"2010\u{fffd}\u{fffd}e: -09\"\nRes: AW!SSue\n:";
    let f = parse(t);
    for d in &f.docs {
        check_spans(t, &d.root);
    }
}

#[test]
fn line_table_follows_saphyr_breaks() {
    let t = "a\r\nb\rc\n\u{feff}\u{feff}d";
    assert_eq!(line_table(t), [(0, 3), (3, 5), (5, 7), (9, 10)]);
}
