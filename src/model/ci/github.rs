//! GitHub Actions: workflows (`.github/workflows/*.yml`, reusable ones with `workflow_call`)
//! and composite actions (`action.yml` with `runs.using: composite`).

use super::{
    CiSystem, Expr, Job, Kind, Kinds, Pipeline, ShellText, expressions,
    is_ephemeral_cluster_action, is_production_name, kind_of_action, kind_of_command,
    kinds_of_name, scalar, shell_text, starts_ephemeral_cluster,
};
use crate::parse::yaml::{Node, YamlFile};
use crate::source::Span;

/// A workflow or a composite action.
#[derive(Debug)]
pub struct Workflow<'a> {
    pub root: &'a Node,
    /// A composite action (`action.yml`): one pseudo-job holding `runs.steps`.
    pub is_action: bool,
    /// The `on` key, if any.
    pub on_span: Option<Span>,
    /// Events that trigger the workflow, in all three forms (`on: push`, `on: [push, pull_request]`,
    /// `on: {push: {…}}`).
    pub triggers: Vec<Trigger<'a>>,
    /// Top-level `permissions:` (key span, value).
    pub permissions: Option<(Span, &'a Node)>,
    pub env: Option<&'a Node>,
    pub concurrency: Option<&'a Node>,
    pub jobs: Vec<GhJob<'a>>,
}

/// One trigger event.
#[derive(Clone, Copy, Debug)]
pub struct Trigger<'a> {
    pub name: &'a str,
    pub span: Span,
    /// Its configuration (`branches:`, `types:`, `inputs:`…), when given as a mapping.
    pub config: Option<&'a Node>,
}

/// A job (or, for a composite action, its `runs:`).
#[derive(Debug)]
pub struct GhJob<'a> {
    /// Position in [`Workflow::jobs`] (and in the pipeline model's jobs).
    pub index: usize,
    pub id: &'a str,
    pub id_span: Span,
    pub node: &'a Node,
    /// `needs:` (one id or a list), with spans.
    pub needs: Vec<(&'a str, Span)>,
    /// A reusable-workflow call (`jobs.<id>.uses`).
    pub uses: Option<Uses<'a>>,
    pub environment: Option<Environment<'a>>,
    /// Job `permissions:` (key span, value).
    pub permissions: Option<(Span, &'a Node)>,
    /// Images of `container:` and `services:` (value node of the image string).
    pub images: Vec<&'a Node>,
    pub steps: Vec<Step<'a>>,
}

impl<'a> GhJob<'a> {
    /// A key of the job.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// The key span of `key` in the job.
    #[must_use]
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.node.key_span(key)
    }

    /// The job's display name (`name:`), else its id.
    #[must_use]
    pub fn display_name(&self) -> &'a str {
        self.node
            .get("name")
            .and_then(Node::as_str)
            .unwrap_or(self.id)
    }
}

/// `environment:` as a string or `{name, url}`.
#[derive(Clone, Copy, Debug)]
pub struct Environment<'a> {
    pub name: Option<&'a str>,
    /// The `environment` key.
    pub span: Span,
}

/// One step.
#[derive(Debug)]
pub struct Step<'a> {
    pub index: usize,
    pub node: &'a Node,
    pub uses: Option<Uses<'a>>,
    pub run: Option<Run<'a>>,
    pub with: Option<&'a Node>,
}

impl<'a> Step<'a> {
    /// A key of the step.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// A `with:` input as text.
    #[must_use]
    pub fn input(&self, key: &str) -> Option<String> {
        self.with.and_then(|w| w.get(key)).and_then(scalar)
    }

    /// Whether the step uses the action `owner/repo` (`actions/checkout`), at any ref.
    #[must_use]
    pub fn uses_action(&self, action: &str) -> bool {
        self.uses.as_ref().is_some_and(|u| match &u.target {
            UsesTarget::Action { owner, repo, .. } => {
                let (o, r) = action.split_once('/').unwrap_or((action, ""));
                owner.eq_ignore_ascii_case(o) && repo.eq_ignore_ascii_case(r)
            }
            _ => false,
        })
    }

    /// A label for messages: `step "name"` or `step 3`.
    #[must_use]
    pub fn label(&self) -> String {
        match self.node.get("name").and_then(Node::as_str) {
            Some(n) => format!("step \"{n}\""),
            None => format!("step {}", self.index + 1),
        }
    }
}

/// A `run:` script.
#[derive(Debug)]
pub struct Run<'a> {
    pub shell: ShellText<'a>,
    pub exprs: Vec<Expr>,
}

/// A `uses:` reference.
#[derive(Clone, Debug)]
pub struct Uses<'a> {
    pub text: &'a str,
    /// The value's span.
    pub span: Span,
    pub target: UsesTarget<'a>,
}

/// What `uses:` points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsesTarget<'a> {
    /// `owner/repo[/path]@ref`.
    Action {
        owner: &'a str,
        repo: &'a str,
        path: Option<&'a str>,
        git_ref: Option<&'a str>,
    },
    /// `docker://image`.
    Docker { image: &'a str },
    /// `./path` in the same repository.
    Local { path: &'a str },
}

impl<'a> Uses<'a> {
    /// Parse a `uses:` value node.
    #[must_use]
    pub fn of(node: &'a Node) -> Option<Uses<'a>> {
        let text = node.as_str()?.trim();
        Some(Uses {
            text,
            span: node.span,
            target: parse_uses(text),
        })
    }

    /// `owner/repo` of an action.
    #[must_use]
    pub fn action(&self) -> Option<String> {
        match &self.target {
            UsesTarget::Action {
                owner, repo, path, ..
            } => Some(match path {
                Some(p) => format!("{owner}/{repo}/{p}"),
                None => format!("{owner}/{repo}"),
            }),
            _ => None,
        }
    }
}

/// Parse `owner/repo[/path]@ref`, `docker://image`, `./path`.
#[must_use]
pub fn parse_uses(text: &str) -> UsesTarget<'_> {
    if let Some(image) = text.strip_prefix("docker://") {
        return UsesTarget::Docker { image };
    }
    if text.starts_with("./") || text.starts_with('.') && !text.contains('@') {
        return UsesTarget::Local { path: text };
    }
    let (name, git_ref) = match text.split_once('@') {
        Some((n, r)) => (n, Some(r)),
        None => (text, None),
    };
    let mut parts = name.splitn(3, '/');
    let owner = parts.next().unwrap_or("");
    let repo = parts.next().unwrap_or("");
    let path = parts.next().filter(|p| !p.is_empty());
    UsesTarget::Action {
        owner,
        repo,
        path,
        git_ref,
    }
}

/// The workflow or composite action of a file (first document); `None` if the file has
/// neither `jobs:` nor `runs:`.
#[must_use]
pub fn workflow<'a>(file: &'a YamlFile, text: &str) -> Option<Workflow<'a>> {
    let root = &file.docs.first()?.root;
    root.as_map()?;
    let (on_span, triggers) = triggers(root);
    let mut wf = Workflow {
        root,
        is_action: false,
        on_span,
        triggers,
        permissions: root.entry("permissions").map(|(k, v)| (k.span, v)),
        env: root.get("env"),
        concurrency: root.get("concurrency"),
        jobs: Vec::new(),
    };
    if let Some(jobs) = root.get("jobs") {
        for (k, v) in jobs.iter_map() {
            let Some(id) = k.as_str() else { continue };
            if v.as_map().is_none() {
                continue;
            }
            let mut j = job(id, k.span, v, text);
            j.index = wf.jobs.len();
            wf.jobs.push(j);
        }
    } else if let Some((k, runs)) = root.entry("runs") {
        wf.is_action = true;
        let name = root
            .get("name")
            .and_then(Node::as_str)
            .unwrap_or("composite");
        let mut j = job(name, k.span, runs, text);
        j.steps = steps(runs, text);
        wf.jobs.push(j);
    } else {
        return None;
    }
    Some(wf)
}

fn triggers(root: &Node) -> (Option<Span>, Vec<Trigger<'_>>) {
    // `on` is a string key in YAML 1.2 (saphyr); `true` would be YAML 1.1's reading
    let Some((k, on)) = root.entry("on") else {
        return (None, Vec::new());
    };
    let mut out = Vec::new();
    if let Some(name) = on.as_str() {
        out.push(Trigger {
            name,
            span: on.span,
            config: None,
        });
    } else if on.as_seq().is_some() {
        for n in on.iter_seq() {
            if let Some(name) = n.as_str() {
                out.push(Trigger {
                    name,
                    span: n.span,
                    config: None,
                });
            }
        }
    } else {
        for (ek, ev) in on.iter_map() {
            if let Some(name) = ek.as_str() {
                out.push(Trigger {
                    name,
                    span: ek.span,
                    config: ev.as_map().map(|_| ev),
                });
            }
        }
    }
    (Some(k.span), out)
}

fn job<'a>(id: &'a str, id_span: Span, node: &'a Node, text: &str) -> GhJob<'a> {
    let needs = match node.get("needs") {
        Some(n) if n.as_str().is_some() => n.as_str().map(|s| (s, n.span)).into_iter().collect(),
        Some(n) => n
            .iter_seq()
            .filter_map(|x| x.as_str().map(|s| (s, x.span)))
            .collect(),
        None => Vec::new(),
    };
    let environment = node.entry("environment").map(|(k, v)| Environment {
        name: v.as_str().or_else(|| v.get("name").and_then(Node::as_str)),
        span: k.span,
    });
    let mut images = Vec::new();
    if let Some(c) = node.get("container") {
        images.extend(if c.as_str().is_some() {
            Some(c)
        } else {
            c.get("image")
        });
    }
    for (_, s) in node
        .get("services")
        .map(Node::iter_map)
        .into_iter()
        .flatten()
    {
        images.extend(if s.as_str().is_some() {
            Some(s)
        } else {
            s.get("image")
        });
    }
    GhJob {
        index: 0,
        id,
        id_span,
        node,
        needs,
        uses: node.get("uses").and_then(Uses::of),
        environment,
        permissions: node.entry("permissions").map(|(k, v)| (k.span, v)),
        images,
        steps: steps(node, text),
    }
}

fn steps<'a>(node: &'a Node, text: &str) -> Vec<Step<'a>> {
    node.get("steps")
        .map(Node::iter_seq)
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, s)| s.as_map().is_some())
        .map(|(index, s)| Step {
            index,
            node: s,
            uses: s.get("uses").and_then(Uses::of),
            run: s.get("run").and_then(|r| {
                Some(Run {
                    shell: shell_text(r, text)?,
                    exprs: expressions(r, text),
                })
            }),
            with: s.get("with"),
        })
        .collect()
}

/// The shared pipeline model of a workflow.
#[must_use]
pub fn pipeline(wf: &Workflow<'_>) -> Pipeline {
    let mut jobs: Vec<Job> = wf
        .jobs
        .iter()
        .map(|j| {
            let mut kinds = Kinds::default();
            kinds_of_name(j.id, &mut kinds);
            if let Some(n) = j.node.get("name").and_then(Node::as_str) {
                kinds_of_name(n, &mut kinds);
            }
            if let Some(u) = &j.uses {
                // a reusable workflow: its file name says what it does
                kinds_of_name(u.text.rsplit('/').next().unwrap_or(""), &mut kinds);
            }
            let mut prod_args = false;
            let mut ephemeral = false;
            for s in &j.steps {
                if s.uses
                    .as_ref()
                    .and_then(Uses::action)
                    .is_some_and(|a| is_ephemeral_cluster_action(&a))
                {
                    ephemeral = true;
                }
                if let Some(k) = s
                    .uses
                    .as_ref()
                    .and_then(Uses::action)
                    .and_then(|a| kind_of_action(&a))
                {
                    kinds.add(k);
                }
                if let Some(r) = &s.run {
                    for c in &r.shell.script.commands {
                        ephemeral |= starts_ephemeral_cluster(c);
                        if let Some(k) = kind_of_command(c) {
                            kinds.add(k);
                            if k == Kind::Deploy
                                && c.args.iter().any(|w| is_production_name(&w.text))
                            {
                                prod_args = true;
                            }
                        }
                    }
                }
            }
            let env_name = j.environment.and_then(|e| e.name).map(str::to_string);
            if ephemeral {
                // applying manifests to a throw-away cluster is an end-to-end test
                kinds.deploy = false;
                kinds.test = true;
            }
            if j.environment.is_some() {
                kinds.add(Kind::Deploy);
            }
            let production = env_name.as_deref().is_some_and(is_production_name)
                || (kinds.deploy
                    && (is_production_name(j.id)
                        || j.node
                            .get("name")
                            .and_then(Node::as_str)
                            .is_some_and(is_production_name)
                        || prod_args));
            Job {
                name: j.id.to_string(),
                span: j.id_span,
                kinds,
                needs: Vec::new(),
                environment: env_name,
                production,
                approval: j.environment.is_some(),
                gate: j.environment.is_some(),
                serialised: j.node.get("concurrency").is_some() || wf.concurrency.is_some(),
            }
        })
        .collect();
    let index: std::collections::BTreeMap<&str, usize> =
        wf.jobs.iter().enumerate().map(|(i, j)| (j.id, i)).collect();
    for (i, j) in wf.jobs.iter().enumerate() {
        let needs: Vec<usize> = j
            .needs
            .iter()
            .filter_map(|(n, _)| index.get(n).copied())
            .collect();
        if let Some(job) = jobs.get_mut(i) {
            job.needs = needs;
        }
    }
    Pipeline {
        system: CiSystem::GithubActions,
        jobs,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::parse::yaml;

    #[test]
    fn triggers_in_three_forms() {
        for (src, n) in [
            ("on: push\njobs: {}\n", 1),
            ("on: [push, pull_request]\njobs: {}\n", 2),
            (
                "on:\n  push:\n    branches: [main]\n  workflow_call:\njobs: {}\n",
                2,
            ),
        ] {
            let f = yaml::parse(src);
            let wf = workflow(&f, src).unwrap();
            assert_eq!(wf.triggers.len(), n, "{src}");
        }
    }

    #[test]
    fn uses_forms() {
        assert_eq!(
            parse_uses("actions/checkout@v4"),
            UsesTarget::Action {
                owner: "actions",
                repo: "checkout",
                path: None,
                git_ref: Some("v4")
            }
        );
        assert_eq!(
            parse_uses("github/codeql-action/init@abc"),
            UsesTarget::Action {
                owner: "github",
                repo: "codeql-action",
                path: Some("init"),
                git_ref: Some("abc")
            }
        );
        assert_eq!(
            parse_uses("docker://alpine:3.19"),
            UsesTarget::Docker {
                image: "alpine:3.19"
            }
        );
        assert_eq!(
            parse_uses("./.github/actions/setup"),
            UsesTarget::Local {
                path: "./.github/actions/setup"
            }
        );
    }

    #[test]
    fn pipeline_graph_and_kinds() {
        let src = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cargo test\n  image:\n    needs: test\n    steps:\n      - uses: docker/build-push-action@v5\n  ship:\n    needs: [image]\n    environment: production\n    steps:\n      - run: kubectl apply -f k8s/\n";
        let f = yaml::parse(src);
        let wf = workflow(&f, src).unwrap();
        let p = pipeline(&wf);
        assert!(p.jobs[0].kinds.test);
        assert!(p.jobs[1].kinds.image_build);
        assert!(p.jobs[2].kinds.deploy && p.jobs[2].production && p.jobs[2].approval);
        assert!(p.reaches(2, |j| j.kinds.test));
        assert!(!p.reaches(0, |j| j.kinds.deploy));
    }
}
