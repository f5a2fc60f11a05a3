//! Opt-in rendering (`check --render`): Helm charts through `helm template` and Kustomize
//! overlays through `kustomize build` (or `kubectl kustomize`), so that what a cluster would
//! receive is checked too.
//!
//! This module runs the external tools (with a timeout, never through a shell) and splits
//! their output into chunks, each tied to the source file it came from: Helm writes a
//! `# Source: <chart>/templates/x.yaml` comment before every document; Kustomize output is
//! matched to the base manifest that defines the same kind and name. [`line_map`] aligns a
//! rendered chunk with its source so findings can point at source lines. What to do with the
//! chunks (checking, remapping, reporting) is the caller's business.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::parse::yaml;

/// Rendered output larger than this is cut off (and reported as a failure).
const MAX_OUTPUT: usize = 64 * 1024 * 1024;
/// How far ahead [`line_map`] looks for a matching source line.
const LOOKAHEAD: usize = 400;

/// What renders a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tool {
    Helm,
    Kustomize,
}

impl Tool {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::Helm => "helm",
            Tool::Kustomize => "kustomize",
        }
    }
}

/// A directory to render: a chart (holds `Chart.yaml`) or a kustomization root.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Target {
    pub tool: Tool,
    /// Directory relative to the scan root (`.` for the root itself), `/`-separated.
    pub dir: String,
    /// The file that makes it a target (`Chart.yaml`, `kustomization.yaml`), relative.
    pub manifest: String,
}

/// Rendering options.
#[derive(Clone, Debug)]
pub struct Options {
    /// Per attempt.
    pub timeout: Duration,
    /// Extra `--values` files per chart directory (relative to the chart directory).
    pub helm_values: BTreeMap<String, Vec<String>>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(60),
            helm_values: BTreeMap::new(),
        }
    }
}

/// A piece of rendered output that came from one source file.
#[derive(Clone, Debug)]
pub struct Chunk {
    /// The source file (relative to the scan root) the documents came from, when known.
    pub source: Option<String>,
    /// The documents, joined with `---`.
    pub text: String,
    /// For each document of `text`: its first line (0-based, in `text`) and the identity
    /// (kind, name) it declares, for locating it in the source.
    pub docs: Vec<(usize, Option<(String, String)>)>,
}

/// The result of rendering one target.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub target: Target,
    /// The command line, for messages (`helm template web charts/web --values …`).
    pub command: String,
    pub elapsed: Duration,
    /// The chunks, or why rendering failed.
    pub result: Result<Vec<Chunk>, String>,
}

/// The targets of a scan: every chart that is not a subchart of another, and every
/// kustomization that no other kustomization of the scan includes (the overlays).
#[must_use]
pub fn targets(
    root: &Path,
    charts: &BTreeSet<String>,
    kustomizations: &BTreeSet<String>,
) -> Vec<Target> {
    let mut out = Vec::new();
    for dir in charts {
        let nested = charts
            .iter()
            .any(|other| other != dir && is_under(dir, &format!("{other}/charts")));
        if !nested {
            out.push(Target {
                tool: Tool::Helm,
                dir: dir.clone(),
                manifest: join_rel(dir, "Chart.yaml"),
            });
        }
    }
    let mut included = BTreeSet::new();
    let mut manifests = BTreeMap::new();
    for dir in kustomizations {
        let Some((manifest, text)) = read_kustomization(&root.join(dir)) else {
            continue;
        };
        for entry in kustomization_refs(&text) {
            if let Some(target) = normalise(&join_rel(dir, &entry)) {
                if target != *dir {
                    included.insert(target);
                }
            }
        }
        manifests.insert(dir.clone(), join_rel(dir, &manifest));
    }
    for (dir, manifest) in manifests {
        // a kustomization inside a chart directory is the chart's business
        if !included.contains(&dir) && !charts.iter().any(|c| is_under(&dir, c)) {
            out.push(Target {
                tool: Tool::Kustomize,
                dir,
                manifest,
            });
        }
    }
    out.sort();
    out
}

/// The file name and text of a directory's kustomization.
fn read_kustomization(dir: &Path) -> Option<(String, String)> {
    ["kustomization.yaml", "kustomization.yml", "Kustomization"]
        .iter()
        .find_map(|name| {
            let text = std::fs::read_to_string(dir.join(name)).ok()?;
            Some(((*name).to_string(), text))
        })
}

/// Local entries of `resources`, `bases` and `components` (remote URLs left out).
#[must_use]
pub fn kustomization_refs(text: &str) -> Vec<String> {
    let file = yaml::parse(text);
    let mut out = Vec::new();
    for doc in &file.docs {
        for key in ["resources", "bases", "components"] {
            for item in doc
                .root
                .get(key)
                .map(yaml::Node::iter_seq)
                .into_iter()
                .flatten()
            {
                if let Some(s) = item.as_str() {
                    if !s.contains("://") && !s.starts_with("git@") && !s.contains("?ref=") {
                        out.push(s.to_string());
                    }
                }
            }
        }
    }
    out
}

/// The directories a kustomization draws from: its own and, transitively, those of its
/// local `resources`/`bases`/`components` (a file entry contributes its directory).
#[must_use]
pub fn closure(root: &Path, dir: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![dir.to_string()];
    while let Some(d) = todo.pop() {
        if seen.len() > 256 || !seen.insert(d.clone()) {
            continue;
        }
        let Some((_, text)) = read_kustomization(&root.join(&d)) else {
            continue;
        };
        for entry in kustomization_refs(&text) {
            let Some(p) = normalise(&join_rel(&d, &entry)) else {
                continue;
            };
            if root.join(&p).is_dir() {
                todo.push(p);
            } else if let Some((parent, _)) = p.rsplit_once('/') {
                seen.insert(parent.to_string());
            }
        }
    }
    seen.into_iter().collect()
}

/// The line (0-based) of a kustomization's patches, where findings that only a patch can
/// have introduced are reported; 0 when it has none.
#[must_use]
pub fn patches_line(kustomization: &str) -> usize {
    kustomization
        .lines()
        .position(|l| {
            matches!(
                yaml_key(l.trim_end()),
                Some("patches" | "patchesStrategicMerge" | "patchesJson6902" | "replacements")
            ) && !l.starts_with(' ')
        })
        .unwrap_or(0)
}

/// Render one target. Never fails: a failure is described in [`Rendered::result`].
#[must_use]
pub fn render(root: &Path, target: &Target, opts: &Options) -> Rendered {
    let abs = root.join(&target.dir);
    let started = Instant::now();
    // (argument, how it is shown: relative to the scan root)
    let path_arg = |rel: &str| {
        (
            root.join(rel).to_string_lossy().into_owned(),
            rel.to_string(),
        )
    };
    let (program, args) = match target.tool {
        Tool::Helm => {
            let mut args = vec![
                ("template".to_string(), "template".to_string()),
                (release_name(&target.dir), release_name(&target.dir)),
                path_arg(&target.dir),
            ];
            for v in opts.helm_values.get(&target.dir).into_iter().flatten() {
                args.push(("--values".to_string(), "--values".to_string()));
                args.push(path_arg(&join_rel(&target.dir, v)));
            }
            (find_program(&["helm"]), args)
        }
        Tool::Kustomize => match find_program(&["kustomize"]) {
            Some(p) => (
                Some(p),
                vec![
                    ("build".to_string(), "build".to_string()),
                    path_arg(&target.dir),
                ],
            ),
            None => (
                find_program(&["kubectl"]),
                vec![
                    ("kustomize".to_string(), "kustomize".to_string()),
                    path_arg(&target.dir),
                ],
            ),
        },
    };
    let shown = |program: &str| {
        let mut s = program.to_string();
        for (_, a) in &args {
            s.push(' ');
            s.push_str(a);
        }
        s
    };
    let Some(program) = program else {
        let wanted = match target.tool {
            Tool::Helm => "helm",
            Tool::Kustomize => "kustomize or kubectl",
        };
        return Rendered {
            target: target.clone(),
            command: shown(target.tool.as_str()),
            elapsed: started.elapsed(),
            result: Err(format!("{wanted} not found on PATH")),
        };
    };
    let command = shown(&program.file_name().map_or_else(
        || program.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    ));
    let argv: Vec<String> = args.into_iter().map(|(a, _)| a).collect();
    let result = run(&program, &argv, &abs, opts.timeout).map(|out| match target.tool {
        Tool::Helm => split_helm(&out, &target.dir),
        Tool::Kustomize => split_docs(&out),
    });
    Rendered {
        target: target.clone(),
        command,
        elapsed: started.elapsed(),
        result,
    }
}

/// A Helm release name from a chart directory (`charts/web` → `web`).
fn release_name(dir: &str) -> String {
    let base = dir.rsplit('/').next().unwrap_or(dir);
    let name: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-');
    if name.is_empty() || name == "." {
        "release".to_string()
    } else {
        name.to_string()
    }
}

/// The first of `names` found on `PATH`.
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in names {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Run a program with a timeout; its stdout on success, else a one-line reason (with the
/// start of its stderr).
fn run(program: &Path, args: &[String], dir: &Path, timeout: Duration) -> Result<String, String> {
    let mut child = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let out_reader = std::thread::spawn(move || read_capped(stdout));
    let err_reader = std::thread::spawn(move || read_capped(stderr));
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for {}: {e}", program.display())),
        }
    };
    let Some(status) = status else {
        // the readers are left to finish when the pipes close (a grandchild may hold them)
        return Err(format!("timed out after {}", fmt_duration(timeout)));
    };
    let (out, out_truncated) = out_reader.join().unwrap_or_default();
    let (err, _) = err_reader.join().unwrap_or_default();
    if !status.success() {
        let first = String::from_utf8_lossy(&err)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(3)
            .collect::<Vec<_>>()
            .join(" / ");
        let first: String = first.chars().take(400).collect();
        return Err(format!(
            "exited with {}{}",
            status
                .code()
                .map_or_else(|| "a signal".to_string(), |c| format!("status {c}")),
            if first.is_empty() {
                String::new()
            } else {
                format!(": {first}")
            }
        ));
    }
    if out_truncated {
        return Err(format!(
            "output larger than {} MiB",
            MAX_OUTPUT / 1024 / 1024
        ));
    }
    String::from_utf8(out).map_err(|_| "output is not UTF-8".to_string())
}

/// Read a pipe to its end, keeping at most [`MAX_OUTPUT`] bytes (the rest is drained so the
/// child never blocks on a full pipe).
fn read_capped<R: Read>(pipe: Option<R>) -> (Vec<u8>, bool) {
    let Some(mut pipe) = pipe else {
        return (Vec::new(), false);
    };
    let mut out = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    let mut truncated = false;
    loop {
        match pipe.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if out.len() + n > MAX_OUTPUT {
                    truncated = true;
                } else {
                    out.extend_from_slice(buf.get(..n).unwrap_or_default());
                }
            }
        }
    }
    (out, truncated)
}

/// `60s`, `500ms`, `2m`, or a number of seconds.
///
/// # Errors
/// Anything else.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("invalid duration `{s}` (use e.g. 60s, 500ms, 2m)"))?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" => n * 60.0,
        _ => return Err(format!("invalid duration `{s}` (use e.g. 60s, 500ms, 2m)")),
    };
    if !(secs.is_finite() && secs > 0.0 && secs < 86_400.0) {
        return Err(format!("duration `{s}` out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

fn fmt_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

/// Split `helm template` output by its `# Source:` comments; the path after the chart name
/// is joined to the chart directory (`web/templates/a.yaml` → `charts/web/templates/a.yaml`).
#[must_use]
pub fn split_helm(out: &str, chart_dir: &str) -> Vec<Chunk> {
    let mut by_source: BTreeMap<Option<String>, Chunk> = BTreeMap::new();
    for doc in documents(out) {
        let source = doc.lines().find_map(|l| {
            let rest = l.trim().strip_prefix("# Source:")?.trim();
            let (_, inner) = rest.split_once('/')?;
            normalise(&join_rel(chart_dir, inner))
        });
        let chunk = by_source.entry(source.clone()).or_insert_with(|| Chunk {
            source,
            text: String::new(),
            docs: Vec::new(),
        });
        push_doc(chunk, doc);
    }
    by_source.into_values().collect()
}

/// Split a multi-document stream into one chunk per document, with no source yet (the
/// caller finds each document's source from its kind and name).
#[must_use]
pub fn split_docs(out: &str) -> Vec<Chunk> {
    documents(out)
        .into_iter()
        .map(|doc| {
            let mut chunk = Chunk {
                source: None,
                text: String::new(),
                docs: Vec::new(),
            };
            push_doc(&mut chunk, doc);
            chunk
        })
        .collect()
}

fn push_doc(chunk: &mut Chunk, doc: &str) {
    if !chunk.text.is_empty() {
        chunk.text.push_str("---\n");
    }
    let first = chunk.text.lines().count();
    chunk.text.push_str(doc);
    if !chunk.text.ends_with('\n') {
        chunk.text.push('\n');
    }
    chunk.docs.push((first, identity(doc)));
}

/// `(kind, metadata.name)` of a document.
fn identity(doc: &str) -> Option<(String, String)> {
    let file = yaml::parse(doc);
    let root = &file.docs.first()?.root;
    let kind = root.get("kind")?.as_str()?.to_string();
    let name = root.path(&["metadata", "name"])?.as_str()?.to_string();
    Some((kind, name))
}

/// The documents of a stream (separators dropped; empty documents skipped).
fn documents(out: &str) -> Vec<&str> {
    let mut docs = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in out.split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t.starts_with("--- ") {
            docs.push(out.get(start..offset).unwrap_or(""));
            start = offset + line.len();
        }
        offset += line.len();
    }
    docs.push(out.get(start..).unwrap_or(""));
    docs.into_iter()
        .filter(|d| {
            d.lines()
                .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        })
        .collect()
}

/// For each line of `rendered` (0-based), the line of `source` it most likely came from,
/// searching forward from `start`: the same text, else the same YAML key, else the last line
/// matched (then `false`: the line is not in the source — a Kustomize patch added it, say).
/// A greedy monotone alignment — templates loop and interpolate, so this is a best effort
/// that is exact for literal lines.
#[must_use]
pub fn line_map(rendered: &str, source: &str, start: usize) -> Vec<(usize, bool)> {
    let src: Vec<&str> = source.lines().map(str::trim).collect();
    let mut out = Vec::new();
    let start = start.min(src.len());
    let mut cur = start;
    let mut last = cur;
    for line in rendered.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t == "---" {
            out.push((last, true));
            continue;
        }
        // forward first (document order), then back to the start (tools reorder keys)
        let forward = cur..src.len().min(cur + LOOKAHEAD);
        let back = || (start.min(cur)..cur).rev();
        let key = yaml_key(t);
        let same_key = |j: &usize| key.is_some() && src.get(*j).and_then(|s| yaml_key(s)) == key;
        let found = forward
            .clone()
            .find(|&j| src.get(j) == Some(&t))
            .or_else(|| back().find(|&j| src.get(j) == Some(&t)))
            .or_else(|| forward.clone().find(same_key))
            .or_else(|| back().find(same_key));
        if let Some(j) = found {
            last = j;
            cur = j + 1;
        }
        out.push((last, found.is_some()));
    }
    out
}

/// The key of a `key: value` or `- key: value` line.
fn yaml_key(line: &str) -> Option<&str> {
    let l = line.strip_prefix("- ").unwrap_or(line).trim_start();
    let (key, _) = l.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && !key.contains(' ') && !key.contains('{')).then_some(key)
}

/// `a/b` + `c` → `a/b/c`; `.` + `c` → `c`.
fn join_rel(dir: &str, rest: &str) -> String {
    if dir.is_empty() || dir == "." {
        rest.to_string()
    } else {
        format!("{dir}/{rest}")
    }
}

/// Lexically normalise a relative path; `None` if it leaves the scan root.
#[must_use]
pub fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in Path::new(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    })
}

/// Whether `path` is `dir` or inside it.
fn is_under(path: &str, dir: &str) -> bool {
    dir == "." || path == dir || path.starts_with(&format!("{dir}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helm_output_is_split_by_source() {
        let out = "---\n# Source: web/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\n# Source: web/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\n# Source: web/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web-headless\n";
        let chunks = split_helm(out, "charts/web");
        let sources: Vec<_> = chunks.iter().map(|c| c.source.clone()).collect();
        assert_eq!(
            sources,
            [
                Some("charts/web/templates/deploy.yaml".to_string()),
                Some("charts/web/templates/svc.yaml".to_string())
            ]
        );
        let svc = &chunks[1];
        assert_eq!(svc.docs.len(), 2);
        assert_eq!(
            svc.docs[1].1,
            Some(("Service".into(), "web-headless".into()))
        );
        let line = svc.text.lines().nth(svc.docs[1].0).unwrap();
        assert_eq!(line, "# Source: web/templates/svc.yaml");
    }

    #[test]
    fn line_map_follows_literal_lines_and_keys() {
        let template = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: true\n";
        let rendered = "# Source: x\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: true\n";
        let map = line_map(rendered, template, 0);
        // rendered line 12 (0-based) is `privileged: true`, template line 11
        assert_eq!(map[12], (11, true));
        // interpolated values map by key
        assert_eq!(map[4], (3, true));
        assert_eq!(map[6], (5, true));
        // a line the source does not have stays on the last match, flagged
        let map = line_map(
            "kind: Pod\nspec:\n  hostPID: true\n",
            "kind: Pod\nspec:\n",
            0,
        );
        assert_eq!(map[2], (1, false));
    }

    #[test]
    fn kustomization_roots_exclude_included_bases() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (p, text) in [
            ("base/kustomization.yaml", "resources:\n  - deploy.yaml\n"),
            (
                "overlays/prod/kustomization.yaml",
                "resources:\n  - ../../base\n  - https://example.com/x.yaml\n",
            ),
            ("chart/Chart.yaml", "name: chart\n"),
            ("chart/charts/sub/Chart.yaml", "name: sub\n"),
        ] {
            std::fs::create_dir_all(root.join(p).parent().unwrap()).unwrap();
            std::fs::write(root.join(p), text).unwrap();
        }
        let charts: BTreeSet<String> = ["chart".into(), "chart/charts/sub".into()].into();
        let kusts: BTreeSet<String> = ["base".into(), "overlays/prod".into()].into();
        let t = targets(root, &charts, &kusts);
        let got: Vec<_> = t.iter().map(|t| (t.tool, t.dir.as_str())).collect();
        assert_eq!(
            got,
            [(Tool::Helm, "chart"), (Tool::Kustomize, "overlays/prod")]
        );
    }

    #[test]
    fn durations_and_paths() {
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_duration("30").unwrap(), Duration::from_secs(30));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("0s").is_err());
        assert_eq!(normalise("a/b/../c").as_deref(), Some("a/c"));
        assert_eq!(normalise("../x"), None);
        assert_eq!(release_name("charts/My_App"), "my-app");
        assert_eq!(release_name("."), "release");
    }
}
