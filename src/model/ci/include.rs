//! GitLab `include: local:` assembly: one pipeline out of a `.gitlab-ci.yml` and the files
//! it includes from the same repository, so the delivery-gate rules see the whole job graph.
//!
//! The files are laid end to end in one virtual text (each at its own offset); each file's
//! GitLab document is parsed, its spans shifted by its offset, and the documents are merged
//! the way GitLab merges includes: depth-first in include order, the including file last,
//! mappings merged deeply, anything else replaced by the later value. A diagnostic's span in
//! the virtual text maps back to one file with [`Assembled::locate`].
//!
//! Assembly gives up (returns `None`) when the graph cannot be complete: an include of
//! another project, a remote URL or a component (not in the repository), a local include
//! that matches no scanned file, or more than [`MAX_FILES`] files. Template includes are
//! kept (GitLab's security templates bring scan jobs the model knows about).

use std::collections::{BTreeMap, BTreeSet};

use globset::GlobBuilder;

use super::gitlab::{IncludeKind, gitlab};
use crate::parse::yaml::{self, Document, Node, Value, YamlFile};
use crate::source::Span;

/// GitLab's own limit on included files per pipeline.
pub const MAX_FILES: usize = 150;

/// A pipeline assembled from several files.
#[derive(Debug)]
pub struct Assembled {
    /// Every file's text, end to end, each followed by a newline.
    pub text: String,
    /// One document: the merged GitLab configuration, spans into `text`.
    pub yaml: YamlFile,
    /// (path, offset in `text`, length), in merge order (the root file last).
    pub parts: Vec<(String, usize, usize)>,
}

impl Assembled {
    /// The file a span of the virtual text lies in, and the span within that file.
    #[must_use]
    pub fn locate(&self, span: Span) -> Option<(&str, Span)> {
        self.parts.iter().find_map(|(path, off, len)| {
            (span.start >= *off && span.end <= off + len).then(|| {
                (
                    path.as_str(),
                    Span {
                        start: span.start - off,
                        end: span.end - off,
                    },
                )
            })
        })
    }
}

/// The GitLab document of a parsed file (a component's `spec:` header comes first).
fn gitlab_root(file: &YamlFile) -> Option<&Node> {
    file.docs
        .iter()
        .rev()
        .find(|d| d.root.get("spec").is_none() || file.docs.len() == 1)
        .map(|d| &d.root)
        .filter(|r| r.as_map().is_some())
}

/// Whether the file includes anything other than templates (its graph is not in it alone).
#[must_use]
pub fn has_non_template_includes(root_text: &str) -> bool {
    let y = yaml::parse(root_text);
    gitlab(&y, root_text).is_some_and(|ci| {
        ci.includes
            .iter()
            .any(|i| !matches!(i.kind, IncludeKind::Template(_)))
    })
}

/// Assemble the pipeline of `root` (a `.gitlab-ci.yml` path) from `files` (every GitLab CI
/// file of the scan: path → text; paths relative to the scan root). `None` when `root` has
/// no local include (the per-file check already saw the whole graph) or the graph cannot be
/// complete (see the module docs).
#[must_use]
pub fn assemble(root: &str, files: &BTreeMap<String, &str>) -> Option<Assembled> {
    let base = root.rsplit_once('/').map_or("", |(d, _)| d);
    let mut order: Vec<String> = Vec::new();
    let mut templates: Vec<(String, Node)> = Vec::new();
    let mut visiting: Vec<String> = Vec::new();
    let mut any_local = false;
    let known: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    visit(
        root,
        base,
        files,
        &known,
        &mut order,
        &mut templates,
        &mut visiting,
        &mut any_local,
    )?;
    if !any_local {
        return None;
    }
    let mut text = String::new();
    let mut parts = Vec::new();
    let mut merged: Vec<(Node, Node)> = Vec::new();
    for path in &order {
        let src = files.get(path)?;
        let offset = text.len();
        text.push_str(src);
        text.push('\n');
        parts.push((path.clone(), offset, src.len()));
        let parsed = yaml::parse(src);
        let Some(mut doc) = gitlab_root(&parsed).cloned() else {
            continue;
        };
        shift(&mut doc, offset);
        if let Value::Map(entries) = doc.value {
            for (k, v) in entries {
                if k.as_str() == Some("include") {
                    continue;
                }
                merge_entry(&mut merged, k, v);
            }
        }
    }
    // the template includes of every file, shifted to their files
    let mut include_items = Vec::new();
    for (path, mut node) in templates {
        let off = parts
            .iter()
            .find(|(p, _, _)| *p == path)
            .map(|(_, o, _)| *o)?;
        shift(&mut node, off);
        include_items.push(node);
    }
    if !include_items.is_empty() {
        let key = Node {
            span: Span { start: 0, end: 0 },
            value: Value::Str("include".to_string()),
            style: None,
            alias_of: None,
        };
        let value = Node {
            span: Span { start: 0, end: 0 },
            value: Value::Seq(include_items),
            style: None,
            alias_of: None,
        };
        merged.insert(0, (key, value));
    }
    let whole = Span {
        start: 0,
        end: text.len(),
    };
    let root_node = Node {
        span: whole,
        value: Value::Map(merged),
        style: None,
        alias_of: None,
    };
    Some(Assembled {
        yaml: YamlFile {
            docs: vec![Document {
                index: 0,
                span: whole,
                root: root_node,
            }],
            errors: Vec::new(),
        },
        text,
        parts,
    })
}

/// Depth-first: a file's includes (in order, recursively), then the file. `None` when the
/// graph cannot be complete.
#[allow(clippy::too_many_arguments)]
fn visit(
    path: &str,
    base: &str,
    files: &BTreeMap<String, &str>,
    known: &BTreeSet<&str>,
    order: &mut Vec<String>,
    templates: &mut Vec<(String, Node)>,
    visiting: &mut Vec<String>,
    any_local: &mut bool,
) -> Option<()> {
    if order.iter().any(|p| p == path) || visiting.iter().any(|p| p == path) {
        return Some(()); // included twice, or a cycle: GitLab reads it once
    }
    if order.len() + visiting.len() >= MAX_FILES {
        return None;
    }
    let text = files.get(path)?;
    let parsed = yaml::parse(text);
    let ci = gitlab(&parsed, text);
    let includes: Vec<(IncludeKind<'_>, Node)> = ci
        .as_ref()
        .map(|c| {
            c.includes
                .iter()
                .map(|i| (i.kind.clone(), i.node.clone()))
                .collect()
        })
        .unwrap_or_default();
    visiting.push(path.to_string());
    for (kind, node) in includes {
        match kind {
            IncludeKind::Local(pattern) => {
                *any_local = true;
                let targets = resolve_local(pattern, base, known);
                if targets.is_empty() {
                    return None;
                }
                for t in targets {
                    visit(
                        &t, base, files, known, order, templates, visiting, any_local,
                    )?;
                }
            }
            IncludeKind::Template(_) => templates.push((path.to_string(), node)),
            _ => return None,
        }
    }
    visiting.pop();
    order.push(path.to_string());
    Some(())
}

/// The scanned files a `local:` include names (relative to the repository root, which is
/// the directory of the root `.gitlab-ci.yml`; `*` and `**` wildcards as GitLab reads them).
fn resolve_local(pattern: &str, base: &str, known: &BTreeSet<&str>) -> Vec<String> {
    let rel = pattern.trim().trim_start_matches('/');
    let full = if base.is_empty() {
        rel.to_string()
    } else {
        format!("{base}/{rel}")
    };
    if !full.contains('*') {
        return if known.contains(full.as_str()) {
            vec![full]
        } else {
            Vec::new()
        };
    }
    let Ok(glob) = GlobBuilder::new(&full).literal_separator(true).build() else {
        return Vec::new();
    };
    let m = glob.compile_matcher();
    known
        .iter()
        .filter(|p| m.is_match(**p))
        .map(|p| (*p).to_string())
        .collect()
}

/// The files among `known` (paths relative to the scan root) that the GitLab CI file
/// `text` includes with `local:`, resolved from `base`: the directory of the pipeline's root
/// `.gitlab-ci.yml` (GitLab reads local paths from the repository root). Discovery uses it
/// to check included files as GitLab CI whatever their names.
#[must_use]
pub fn local_targets(text: &str, base: &str, known: &BTreeSet<&str>) -> Vec<String> {
    let y = yaml::parse(text);
    let Some(ci) = gitlab(&y, text) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for inc in &ci.includes {
        if let IncludeKind::Local(p) = inc.kind {
            out.extend(resolve_local(p, base, known));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Merge one top-level entry the way GitLab merges includes.
fn merge_entry(into: &mut Vec<(Node, Node)>, key: Node, value: Node) {
    let name = key.as_str().map(str::to_string);
    let existing = into
        .iter_mut()
        .find(|(k, _)| name.is_some() && k.as_str().map(str::to_string) == name);
    match existing {
        Some((k, v)) => {
            let merged = deep_merge(std::mem::replace(v, null()), value);
            *k = key;
            *v = merged;
        }
        None => into.push((key, value)),
    }
}

fn null() -> Node {
    Node {
        span: Span { start: 0, end: 0 },
        value: Value::Null,
        style: None,
        alias_of: None,
    }
}

/// Mappings merge key by key (the later value wins inside); anything else is replaced.
fn deep_merge(earlier: Node, later: Node) -> Node {
    match (earlier.value, later.value) {
        (Value::Map(mut a), Value::Map(b)) => {
            for (k, v) in b {
                merge_entry(&mut a, k, v);
            }
            Node {
                span: later.span,
                value: Value::Map(a),
                style: later.style,
                alias_of: later.alias_of,
            }
        }
        (_, value) => Node {
            span: later.span,
            value,
            style: later.style,
            alias_of: later.alias_of,
        },
    }
}

/// Move every span of a tree by `delta` bytes.
fn shift(node: &mut Node, delta: usize) {
    node.span = node.span.shifted(delta);
    node.alias_of = node.alias_of.map(|s| s.shifted(delta));
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| shift(n, delta)),
        Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            shift(k, delta);
            shift(v, delta);
        }),
        Value::Tagged(_, inner) => shift(inner, delta),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::model::ci::gitlab::pipeline;

    fn files(list: &[(&str, &'static str)]) -> BTreeMap<String, &'static str> {
        list.iter().map(|(p, t)| ((*p).to_string(), *t)).collect()
    }

    const MAIN: &str = "stages: [test, deploy]\ninclude:\n  - local: ci/test.yml\n  - local: '/ci/deploy/*.yml'\n  - template: Jobs/Container-Scanning.gitlab-ci.yml\nvariables:\n  A: '1'\n";
    const TEST: &str = "unit:\n  stage: test\n  script: pytest\n";
    const DEPLOY: &str = "ship:\n  stage: deploy\n  environment: production\n  script: helm upgrade --install app ./chart\n";

    #[test]
    fn local_includes_join_one_graph() {
        let f = files(&[
            (".gitlab-ci.yml", MAIN),
            ("ci/test.yml", TEST),
            ("ci/deploy/prod.yml", DEPLOY),
        ]);
        let a = assemble(".gitlab-ci.yml", &f).unwrap();
        assert_eq!(
            a.parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            ["ci/test.yml", "ci/deploy/prod.yml", ".gitlab-ci.yml"]
        );
        let ci = gitlab(&a.yaml, &a.text).unwrap();
        let p = pipeline(&ci);
        let ship = p.jobs.iter().position(|j| j.name == "ship").unwrap();
        assert!(p.jobs[ship].kinds.deploy);
        assert!(
            p.reaches(ship, |j| j.kinds.test),
            "stage order across files"
        );
        assert!(p.jobs.iter().any(|j| j.kinds.scan), "template include kept");
        // spans map back to the file and line the job is written in
        let (path, span) = a.locate(p.jobs[ship].span).unwrap();
        assert_eq!(path, "ci/deploy/prod.yml");
        assert_eq!(&DEPLOY[span.range()], "ship");
    }

    #[test]
    fn later_files_deep_merge_over_earlier_ones() {
        let main = "include: inc.yml\nship:\n  environment: production\n";
        let inc = "ship:\n  stage: deploy\n  script: kubectl apply -f k8s/\n";
        let f = files(&[(".gitlab-ci.yml", main), ("inc.yml", inc)]);
        let a = assemble(".gitlab-ci.yml", &f).unwrap();
        let ci = gitlab(&a.yaml, &a.text).unwrap();
        let ship = ci.jobs.iter().find(|j| j.name == "ship").unwrap();
        assert_eq!(ship.environment(), Some("production"));
        assert_eq!(ship.scripts.len(), 1, "script from the included file");
        let (path, _) = a.locate(ship.name_span).unwrap();
        assert_eq!(path, ".gitlab-ci.yml", "the including file's key wins");
    }

    #[test]
    fn incomplete_graphs_are_not_assembled() {
        let f = files(&[(
            ".gitlab-ci.yml",
            "include:\n  - local: missing.yml\nx:\n  script: a\n",
        )]);
        assert!(assemble(".gitlab-ci.yml", &f).is_none());
        let f = files(&[
            (
                ".gitlab-ci.yml",
                "include:\n  - local: a.yml\n  - project: g/p\n    file: x.yml\n",
            ),
            ("a.yml", TEST),
        ]);
        assert!(assemble(".gitlab-ci.yml", &f).is_none());
        // nothing local: the per-file check already had the whole graph
        let f = files(&[(".gitlab-ci.yml", TEST)]);
        assert!(assemble(".gitlab-ci.yml", &f).is_none());
    }

    #[test]
    fn cycles_and_repeats_are_read_once() {
        let f = files(&[
            (".gitlab-ci.yml", "include: [a.yml, b.yml]\n"),
            ("a.yml", "include: b.yml\nunit:\n  script: pytest\n"),
            ("b.yml", "include: a.yml\nlint:\n  script: ruff check .\n"),
        ]);
        let a = assemble(".gitlab-ci.yml", &f).unwrap();
        assert_eq!(
            a.parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            ["b.yml", "a.yml", ".gitlab-ci.yml"]
        );
    }

    #[test]
    fn subproject_roots_resolve_from_their_directory() {
        let f = files(&[
            ("svc/.gitlab-ci.yml", "include: '/ci/t.yml'\n"),
            ("svc/ci/t.yml", TEST),
        ]);
        let a = assemble("svc/.gitlab-ci.yml", &f).unwrap();
        assert_eq!(a.parts.len(), 2);
    }
}
