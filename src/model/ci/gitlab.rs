//! GitLab CI (`.gitlab-ci.yml`, `*.gitlab-ci.yml`): stages, `default`, hidden jobs and
//! `extends` chains (cycle-safe), `include:` entries, scripts. YAML anchors and `<<` merges
//! are already resolved by the YAML layer; `!reference` tags stay unresolved (skipped).

use std::collections::BTreeMap;

use super::{
    CiSystem, Job, Kind, Kinds, Pipeline, ShellText, is_production_name, kind_of_command,
    kinds_of_name, scalar, shell_text, starts_ephemeral_cluster,
};
use crate::parse::yaml::{Node, YamlFile};
use crate::source::Span;

/// Top-level keys that are not jobs.
pub const RESERVED: &[&str] = &[
    "default",
    "include",
    "stages",
    "variables",
    "workflow",
    "image",
    "services",
    "cache",
    "before_script",
    "after_script",
    "types",
    "spec",
];

/// Keys a job inherits from `default:` (or the deprecated top-level globals) when it does
/// not set them.
pub const DEFAULTABLE: &[&str] = &[
    "image",
    "services",
    "before_script",
    "after_script",
    "cache",
    "artifacts",
    "retry",
    "timeout",
    "interruptible",
    "tags",
    "hooks",
    "id_tokens",
];

/// GitLab's limit on `extends` nesting.
const MAX_EXTENDS: usize = 11;

/// Mappings a job's `extends` chain may collect (wide `extends` lists at every level would
/// otherwise grow exponentially).
const MAX_CHAIN: usize = 64;

/// Dependency edges the stage-order graph may materialise; beyond it a job depends on the
/// previous stage only (hostile or generated files with thousands of jobs).
const MAX_STAGE_EDGES: usize = 1_000_000;

/// A GitLab CI file.
#[derive(Debug)]
pub struct GitlabCi<'a> {
    pub root: &'a Node,
    /// `stages:`, or GitLab's default (`build`, `test`, `deploy`), with `.pre` first and
    /// `.post` last.
    pub stages: Vec<String>,
    pub default: Option<&'a Node>,
    pub variables: Option<&'a Node>,
    pub includes: Vec<Include<'a>>,
    /// Every job, hidden ones (`.name`) included, in file order.
    pub jobs: Vec<GlJob<'a>>,
    /// `before_script`/`after_script` of `default:` (or the top-level globals), parsed.
    pub default_scripts: Vec<ShellText<'a>>,
}

/// A job with its `extends` chain resolved.
#[derive(Debug)]
pub struct GlJob<'a> {
    pub name: &'a str,
    pub name_span: Span,
    pub node: &'a Node,
    /// Hidden (`.template`): never runs itself.
    pub hidden: bool,
    /// The job's mapping, then the mappings it extends, in lookup order (the last `extends`
    /// entry overrides earlier ones). Cycle-safe; at most 11 levels.
    pub chain: Vec<&'a Node>,
    /// `default:` (or the top-level globals) for inheritable keys.
    pub default: Option<&'a Node>,
    /// The effective `before_script`, `script`, `after_script` lines, parsed.
    pub scripts: Vec<ShellText<'a>>,
    /// `extends` named a job that does not exist or formed a cycle.
    pub broken_extends: Vec<(String, Span)>,
}

impl<'a> GlJob<'a> {
    /// A key as the job sees it: its own, else from the jobs it extends.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.chain.iter().find_map(|n| n.get(key))
    }

    /// The key span of `key` where the job gets it from.
    #[must_use]
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.chain.iter().find_map(|n| n.key_span(key))
    }

    /// [`GlJob::get`], falling back to `default:` for inheritable keys.
    #[must_use]
    pub fn effective(&self, key: &str) -> Option<&'a Node> {
        self.get(key).or_else(|| {
            if DEFAULTABLE.contains(&key) {
                self.default.and_then(|d| d.get(key))
            } else {
                None
            }
        })
    }

    /// `stage:`, or `test`.
    #[must_use]
    pub fn stage(&self) -> &'a str {
        self.get("stage").and_then(Node::as_str).unwrap_or("test")
    }

    /// `when:` of the job, or `manual`/… of any `rules:` entry when the job has one.
    #[must_use]
    pub fn is_manual(&self) -> bool {
        if self.get("when").and_then(Node::as_str) == Some("manual") {
            return true;
        }
        self.get("rules")
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
            .any(|r| r.get("when").and_then(Node::as_str) == Some("manual"))
    }

    /// A manual job that holds back the later stages and its dependents until someone runs
    /// it: `when: manual` under `rules:` (whose `allow_failure` defaults to false), or at job
    /// level with `allow_failure: false`.
    #[must_use]
    pub fn is_blocking_manual(&self) -> bool {
        let explicit = self.get("allow_failure").and_then(|n| match &n.value {
            crate::parse::yaml::Value::Bool(b) => Some(*b),
            _ => None,
        });
        if self.get("when").and_then(Node::as_str) == Some("manual") {
            return explicit == Some(false);
        }
        self.get("rules")
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
            .any(|r| {
                r.get("when").and_then(Node::as_str) == Some("manual")
                    && r.get("allow_failure").and_then(|n| match &n.value {
                        crate::parse::yaml::Value::Bool(b) => Some(*b),
                        _ => None,
                    }) != Some(true)
                    && explicit != Some(true)
            })
    }

    /// Whether `span` is written inside this job's mapping (not merged in with `<<` or
    /// inherited): where findings about a value belong.
    #[must_use]
    pub fn owns(&self, span: Span) -> bool {
        span.start >= self.node.span.start && span.end <= self.node.span.end
    }

    /// The scripts written in this job's own mapping (not inherited through `extends` or
    /// `default:`), where findings about script lines belong.
    pub fn own_scripts(&self) -> impl Iterator<Item = &ShellText<'a>> {
        self.scripts.iter().filter(|s| self.owns(s.node.span))
    }

    /// `environment:` name (string or `name:`).
    #[must_use]
    pub fn environment(&self) -> Option<&'a str> {
        let e = self.get("environment")?;
        e.as_str().or_else(|| e.get("name").and_then(Node::as_str))
    }

    /// `environment: {deployment_tier: …}`.
    #[must_use]
    pub fn deployment_tier(&self) -> Option<&'a str> {
        self.get("environment")?
            .get("deployment_tier")
            .and_then(Node::as_str)
    }

    /// `environment: {action: …}` (`start` when absent).
    #[must_use]
    pub fn environment_action(&self) -> &'a str {
        self.get("environment")
            .and_then(|e| e.get("action"))
            .and_then(Node::as_str)
            .unwrap_or("start")
    }
}

/// One `include:` entry.
#[derive(Clone, Debug)]
pub struct Include<'a> {
    pub node: &'a Node,
    pub kind: IncludeKind<'a>,
}

/// What an `include:` entry pulls in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IncludeKind<'a> {
    Local(&'a str),
    Remote {
        url: &'a str,
        /// `integrity:` (a SRI hash) pins the content.
        integrity: bool,
    },
    Project {
        project: &'a str,
        /// `ref:` and its span.
        git_ref: Option<(String, Span)>,
    },
    Template(&'a str),
    /// `component: host/group/project/name@version`.
    Component(&'a str),
    Other,
}

/// The GitLab CI model of a file: the last document (a component's `spec:` header document
/// comes first).
#[must_use]
pub fn gitlab<'a>(file: &'a YamlFile, text: &str) -> Option<GitlabCi<'a>> {
    let doc = file
        .docs
        .iter()
        .rev()
        .find(|d| d.root.get("spec").is_none() || file.docs.len() == 1)?;
    let root = &doc.root;
    root.as_map()?;
    let mut stages: Vec<String> = match root.get("stages") {
        Some(s) => s
            .iter_seq()
            .filter_map(|n| n.as_str().map(str::to_string))
            .collect(),
        None => ["build", "test", "deploy"].map(str::to_string).to_vec(),
    };
    stages.retain(|s| s != ".pre" && s != ".post");
    stages.insert(0, ".pre".to_string());
    stages.push(".post".to_string());
    // `default:` wins over the deprecated top-level globals
    let default = root.get("default").or(Some(root));
    let mut ci = GitlabCi {
        root,
        stages,
        default,
        variables: root.get("variables"),
        includes: includes(root),
        jobs: Vec::new(),
        default_scripts: Vec::new(),
    };
    if let Some(d) = default {
        for key in ["before_script", "after_script"] {
            for line in d.get(key).map(script_lines).unwrap_or_default() {
                ci.default_scripts.extend(shell_text(line, text));
            }
        }
    }
    let job_nodes: Vec<(&'a str, Span, &'a Node)> = root
        .iter_map()
        .filter_map(|(k, v)| {
            let name = k.as_str()?;
            (!RESERVED.contains(&name) && v.as_map().is_some()).then_some((name, k.span, v))
        })
        .collect();
    let by_name: BTreeMap<&'a str, &'a Node> = job_nodes.iter().map(|(n, _, v)| (*n, *v)).collect();
    for (name, span, node) in &job_nodes {
        let mut chain = Vec::new();
        let mut broken = Vec::new();
        let mut visiting = vec![*name];
        resolve(node, &by_name, &mut chain, &mut broken, &mut visiting, 0);
        let mut job = GlJob {
            name,
            name_span: *span,
            node,
            hidden: name.starts_with('.'),
            chain,
            default: if root.get("default").is_some() {
                root.get("default")
            } else {
                Some(root)
            },
            scripts: Vec::new(),
            broken_extends: broken,
        };
        for key in ["before_script", "script", "after_script"] {
            if let Some(n) = job.effective(key) {
                for line in script_lines(n) {
                    job.scripts.extend(shell_text(line, text));
                }
            }
        }
        ci.jobs.push(job);
    }
    Some(ci)
}

/// Depth-first `extends` resolution: the node, then its parents, last one first.
fn resolve<'a>(
    node: &'a Node,
    all: &BTreeMap<&'a str, &'a Node>,
    chain: &mut Vec<&'a Node>,
    broken: &mut Vec<(String, Span)>,
    visiting: &mut Vec<&'a str>,
    depth: usize,
) {
    chain.push(node);
    let parents: Vec<&Node> = match node.get("extends") {
        Some(e) if e.as_str().is_some() => vec![e],
        Some(e) => e.iter_seq().collect(),
        None => Vec::new(),
    };
    for p in parents.into_iter().rev() {
        let Some(pname) = p.as_str() else { continue };
        if depth + 1 > MAX_EXTENDS || visiting.contains(&pname) {
            broken.push((pname.to_string(), p.span));
            continue;
        }
        if chain.len() >= MAX_CHAIN {
            return;
        }
        match all.get_key_value(pname) {
            Some((n, pnode)) => {
                visiting.push(n);
                resolve(pnode, all, chain, broken, visiting, depth + 1);
                visiting.pop();
            }
            None => broken.push((pname.to_string(), p.span)),
        }
    }
}

/// The lines of a script key: a string, or a list of strings and nested lists (`!reference`
/// entries are skipped).
fn script_lines(n: &Node) -> Vec<&Node> {
    if n.as_str().is_some() {
        return vec![n];
    }
    let mut out = Vec::new();
    for item in n.iter_seq() {
        if item.as_str().is_some() {
            out.push(item);
        } else {
            out.extend(item.iter_seq().filter(|x| x.as_str().is_some()));
        }
    }
    out
}

fn includes(root: &Node) -> Vec<Include<'_>> {
    let Some(inc) = root.get("include") else {
        return Vec::new();
    };
    let items: Vec<&Node> = if inc.as_seq().is_some() {
        inc.iter_seq().collect()
    } else {
        vec![inc]
    };
    items
        .into_iter()
        .map(|n| Include {
            node: n,
            kind: include_kind(n),
        })
        .collect()
}

fn include_kind(n: &Node) -> IncludeKind<'_> {
    if let Some(s) = n.as_str() {
        return if s.starts_with("https://") || s.starts_with("http://") {
            IncludeKind::Remote {
                url: s,
                integrity: false,
            }
        } else {
            IncludeKind::Local(s)
        };
    }
    if let Some(s) = n.get("local").and_then(Node::as_str) {
        return IncludeKind::Local(s);
    }
    if let Some(url) = n.get("remote").and_then(Node::as_str) {
        return IncludeKind::Remote {
            url,
            integrity: n.get("integrity").is_some(),
        };
    }
    if let Some(project) = n.get("project").and_then(Node::as_str) {
        let git_ref = n.get("ref").and_then(|r| scalar(r).map(|s| (s, r.span)));
        return IncludeKind::Project { project, git_ref };
    }
    if let Some(t) = n.get("template").and_then(Node::as_str) {
        return IncludeKind::Template(t);
    }
    if let Some(c) = n.get("component").and_then(Node::as_str) {
        return IncludeKind::Component(c);
    }
    IncludeKind::Other
}

/// Templates whose jobs scan for vulnerabilities (GitLab's security templates).
const SCAN_TEMPLATES: &[&str] = &[
    "container-scanning",
    "dependency-scanning",
    "sast",
    "secret-detection",
    "sast-iac",
];

/// The shared pipeline model: jobs that run (hidden ones excluded), with `needs` or stage
/// order as the graph. A GitLab security template include adds a scan job in stage `test`.
#[must_use]
pub fn pipeline(ci: &GitlabCi<'_>) -> Pipeline {
    let stage_index = |s: &str| {
        ci.stages
            .iter()
            .position(|x| x == s)
            .unwrap_or(ci.stages.len())
    };
    let visible: Vec<&GlJob<'_>> = ci.jobs.iter().filter(|j| !j.hidden).collect();
    let mut jobs: Vec<Job> = Vec::new();
    let mut stage_of: Vec<usize> = Vec::new();
    for j in &visible {
        let mut kinds = Kinds::default();
        kinds_of_name(j.name, &mut kinds);
        // a stage only says "deploy" (every job defaults to stage `test`)
        if j.get("stage").is_some() {
            let mut by_stage = Kinds::default();
            kinds_of_name(j.stage(), &mut by_stage);
            kinds.deploy |= by_stage.deploy;
        }
        let mut prod_args = false;
        let mut ephemeral = false;
        for s in &j.scripts {
            for c in &s.script.commands {
                ephemeral |= starts_ephemeral_cluster(c);
                if let Some(k) = kind_of_command(c) {
                    kinds.add(k);
                    if k == Kind::Deploy && c.args.iter().any(|w| is_production_name(&w.text)) {
                        prod_args = true;
                    }
                }
            }
        }
        let env = j.environment();
        if ephemeral {
            // applying manifests to a throw-away cluster is an end-to-end test
            kinds.deploy = false;
            kinds.test = true;
        }
        if env.is_some() && j.environment_action() == "start" {
            kinds.add(Kind::Deploy);
        }
        if !matches!(j.environment_action(), "start") {
            // stop/prepare/verify/access jobs touch an environment but do not deploy
            kinds.deploy = false;
        }
        let production = j.deployment_tier() == Some("production")
            || env.is_some_and(is_production_name)
            || (kinds.deploy && (is_production_name(j.name) || prod_args));
        stage_of.push(stage_index(j.stage()));
        jobs.push(Job {
            name: j.name.to_string(),
            span: j.name_span,
            kinds,
            needs: Vec::new(),
            environment: env.map(str::to_string),
            production,
            approval: j.is_manual() || env.is_some(),
            gate: j.is_blocking_manual(),
            serialised: j.get("resource_group").is_some(),
        });
    }
    // security templates bring their own scan jobs
    for inc in &ci.includes {
        if let IncludeKind::Template(t) = &inc.kind {
            let lower = t.to_ascii_lowercase();
            if SCAN_TEMPLATES.iter().any(|s| lower.contains(s))
                && !jobs.iter().any(|j| j.name == "container_scanning")
            {
                let mut kinds = Kinds::default();
                kinds.add(Kind::Scan);
                stage_of.push(stage_index("test"));
                jobs.push(Job {
                    name: format!("({t})"),
                    span: inc.node.span,
                    kinds,
                    needs: Vec::new(),
                    environment: None,
                    production: false,
                    approval: false,
                    gate: false,
                    serialised: false,
                });
            }
        }
    }
    let mut edges = 0usize;
    let index: BTreeMap<&str, usize> = jobs
        .iter()
        .enumerate()
        .map(|(i, j)| (j.name.as_str(), i))
        .collect();
    let mut stage_jobs: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, st) in stage_of.iter().enumerate() {
        stage_jobs.entry(*st).or_default().push(k);
    }
    let mut all_needs = Vec::with_capacity(visible.len());
    for (i, j) in visible.iter().enumerate() {
        let needs: Vec<usize> = match j.get("needs") {
            Some(n) => n
                .iter_seq()
                .filter_map(|x| x.as_str().or_else(|| x.get("job").and_then(Node::as_str)))
                .filter_map(|name| index.get(name).copied())
                .collect(),
            None => {
                let mine = stage_of.get(i).copied().unwrap_or(0);
                let earlier = stage_jobs.range(..mine);
                let count: usize = earlier.clone().map(|(_, v)| v.len()).sum();
                if edges + count <= MAX_STAGE_EDGES {
                    earlier.flat_map(|(_, v)| v.iter().copied()).collect()
                } else {
                    match earlier.last() {
                        Some((_, prev)) if edges + prev.len() <= MAX_STAGE_EDGES => prev.clone(),
                        _ => Vec::new(),
                    }
                }
            }
        };
        edges += needs.len();
        all_needs.push(needs);
    }
    for (job, needs) in jobs.iter_mut().zip(all_needs) {
        job.needs = needs;
    }
    Pipeline {
        system: CiSystem::GitlabCi,
        jobs,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::parse::yaml;

    #[test]
    fn extends_chains_and_cycles() {
        let src = ".base: &b\n  image: alpine:3.19\n  script: [make test]\n.a:\n  extends: .c\n.c:\n  extends: .a\nunit:\n  extends: .base\nloop:\n  extends: .a\n";
        let f = yaml::parse(src);
        let ci = gitlab(&f, src).unwrap();
        let unit = ci.jobs.iter().find(|j| j.name == "unit").unwrap();
        assert_eq!(
            unit.get("image").and_then(Node::as_str),
            Some("alpine:3.19")
        );
        assert_eq!(unit.scripts.len(), 1);
        let l = ci.jobs.iter().find(|j| j.name == "loop").unwrap();
        assert!(!l.broken_extends.is_empty());
    }

    #[test]
    fn stage_order_is_the_graph_without_needs() {
        let src = "stages: [test, build, deploy]\nunit:\n  stage: test\n  script: pytest\nimage:\n  stage: build\n  script: docker build -t x .\nship:\n  stage: deploy\n  environment: production\n  script: helm upgrade --install app ./chart\nfast:\n  stage: deploy\n  needs: []\n  script: kubectl apply -f k8s/\n";
        let f = yaml::parse(src);
        let ci = gitlab(&f, src).unwrap();
        let p = pipeline(&ci);
        let ship = p.jobs.iter().position(|j| j.name == "ship").unwrap();
        let fast = p.jobs.iter().position(|j| j.name == "fast").unwrap();
        assert!(p.jobs[ship].production && p.jobs[ship].kinds.deploy);
        assert!(p.reaches(ship, |j| j.kinds.test));
        assert!(!p.reaches(fast, |j| j.kinds.test));
    }

    #[test]
    fn component_spec_header_and_reference_tags() {
        let src = "spec:\n  inputs:\n    stage:\n      default: test\n---\n.setup:\n  script: [echo setup]\nunit:\n  script:\n    - !reference [.setup, script]\n    - make test\n";
        let f = yaml::parse(src);
        let ci = gitlab(&f, src).unwrap();
        let unit = ci.jobs.iter().find(|j| j.name == "unit").unwrap();
        // the `!reference` line is skipped, the plain one parsed
        assert_eq!(unit.scripts.len(), 1);
        assert!(pipeline(&ci).jobs.iter().any(|j| j.kinds.test));
    }

    #[test]
    fn includes() {
        let src = "include:\n  - local: ci/a.yml\n  - project: grp/ci\n    ref: main\n    file: x.yml\n  - remote: https://x/y.yml\n  - template: Security/Container-Scanning.gitlab-ci.yml\n  - https://x/z.yml\njob:\n  script: echo\n";
        let f = yaml::parse(src);
        let ci = gitlab(&f, src).unwrap();
        assert_eq!(ci.includes.len(), 5);
        assert!(matches!(ci.includes[1].kind, IncludeKind::Project { .. }));
        assert!(matches!(ci.includes[4].kind, IncludeKind::Remote { .. }));
        assert!(pipeline(&ci).jobs.iter().any(|j| j.kinds.scan));
    }
}
