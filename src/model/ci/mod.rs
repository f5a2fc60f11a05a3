//! CI/CD pipelines: GitHub Actions workflows and composite actions ([`github`]), GitLab CI
//! ([`gitlab`]), and the [`Pipeline`] model both map to — jobs classified by what they do
//! (lint, test, build, image build, vulnerability scan, deploy, rollback) and the dependency
//! graph between them — which the delivery-gate rules read.
//!
//! Scripts (`run:`, `script:`) are parsed with the shell parser with spans in the file: block
//! scalars (`|`) are mapped line by line from the raw source, not from the folded value.
//! GitHub `${{ … }}` expressions are located in the raw source ([`expressions`]) and masked
//! (same length) before shell parsing so they read as plain words.

pub mod github;
pub mod gitlab;
pub mod include;

use crate::parse::shell::{self, OffsetMap, Script, SimpleCommand};
use crate::parse::yaml::{Node, ScalarStyle, Value, YamlFile};
use crate::source::Span;

/// A `${{ … }}` expression located in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    /// From `${{` to `}}` inclusive.
    pub span: Span,
    /// The text between the braces, trimmed (`github.event.issue.title`).
    pub inner: String,
}

/// Expressions longer than this are not read (a malformed or hostile file).
const MAX_EXPR_BYTES: usize = 4096;

/// The `${{ … }}` expressions in the source text of a scalar node (for collections: of every
/// scalar below it), in source order.
#[must_use]
pub fn expressions(node: &Node, text: &str) -> Vec<Expr> {
    let mut out = Vec::new();
    collect_exprs(node, text, &mut out, 0);
    out
}

fn collect_exprs(node: &Node, text: &str, out: &mut Vec<Expr>, depth: usize) {
    if depth > 64 {
        return;
    }
    match &node.value {
        Value::Seq(items) => {
            for i in items {
                collect_exprs(i, text, out, depth + 1);
            }
        }
        Value::Map(entries) => {
            for (k, v) in entries {
                collect_exprs(k, text, out, depth + 1);
                collect_exprs(v, text, out, depth + 1);
            }
        }
        Value::Tagged(_, inner) => collect_exprs(inner, text, out, depth + 1),
        _ => {
            let span = node.alias_of.unwrap_or(node.span);
            let raw = text.get(span.range()).unwrap_or("");
            out.extend(find_exprs(raw, span.start));
        }
    }
}

/// `${{ … }}` occurrences in `s`, spans shifted by `base`.
#[must_use]
pub fn find_exprs(s: &str, base: usize) -> Vec<Expr> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|r| r.find("${{")) {
        let start = from + i;
        let body = start + 3;
        let Some(j) = s.get(body..).and_then(|r| r.find("}}")) else {
            break;
        };
        let end = body + j + 2;
        if j <= MAX_EXPR_BYTES {
            out.push(Expr {
                span: Span::new(base + start, base + end),
                inner: s.get(body..body + j).unwrap_or("").trim().to_string(),
            });
        }
        from = end;
    }
    out
}

/// Replace every `${{ … }}` with `X`s of the same byte length, so offsets are unchanged and
/// the shell parser reads a plain word.
fn mask_expressions(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("${{") {
        let Some(j) = rest.get(i..).and_then(|r| r.find("}}")) else {
            break;
        };
        out.push_str(rest.get(..i).unwrap_or(""));
        out.extend(std::iter::repeat_n('X', j + 2));
        rest = rest.get(i + j + 2..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// A script scalar (`run:`, a `script:` line) parsed as a shell script with file spans.
#[derive(Clone, Debug)]
pub struct ShellText<'a> {
    pub node: &'a Node,
    pub script: Script,
}

/// Parse a string scalar as a shell script; `None` for anything else.
#[must_use]
pub fn shell_text<'a>(node: &'a Node, text: &str) -> Option<ShellText<'a>> {
    let value = node.as_str()?;
    let span = node.alias_of.unwrap_or(node.span);
    let raw = text.get(span.range()).unwrap_or("");
    let map = offset_map(node.style, raw, span.start, value);
    let script = shell::parse(&mask_expressions(value), &map);
    Some(ShellText { node, script })
}

/// How the bytes of a scalar's value map back into the file.
fn offset_map(style: Option<ScalarStyle>, raw: &str, base: usize, value: &str) -> OffsetMap {
    let fallback = || OffsetMap::Table(vec![base; value.len() + 1]);
    match style {
        Some(ScalarStyle::Plain) if !raw.contains('\n') && raw.len() == value.len() => {
            OffsetMap::Shift(base)
        }
        Some(ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
            if !raw.contains('\n') && raw.len() == value.len() + 2 =>
        {
            OffsetMap::Shift(base + 1)
        }
        Some(ScalarStyle::Literal) => {
            literal_table(raw, base, value, false).unwrap_or_else(fallback)
        }
        Some(ScalarStyle::Folded) => literal_table(raw, base, value, true).unwrap_or_else(fallback),
        _ => fallback(),
    }
}

/// Offsets of a literal (or, when `folded`, a folded) block scalar's value, line by line from
/// the raw text (header line, then content lines with their indentation removed). `None` if
/// the reconstruction does not match the value (tabs, folded blank lines…).
fn literal_table(raw: &str, base: usize, value: &str, folded: bool) -> Option<OffsetMap> {
    let nl = raw.find('\n')?;
    let body_start = nl + 1;
    let body = raw.get(body_start..)?;
    // the block's indentation: leading spaces of the first content line in the source minus
    // those the value keeps (an explicit indicator such as `|2` keeps some)
    let lead = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let raw_lead = body
        .split('\n')
        .find(|l| !l.trim().is_empty())
        .map_or(0, lead);
    let value_lead = value
        .split('\n')
        .find(|l| !l.trim().is_empty())
        .map_or(0, lead);
    let indent = raw_lead.saturating_sub(value_lead);
    let mut built = String::with_capacity(value.len());
    let mut table = Vec::with_capacity(value.len() + 1);
    let mut off = body_start;
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            built.push('\n');
            table.push(base + off - 1);
        }
        let lead = line.len() - line.trim_start_matches(' ').len();
        let skip = lead.min(indent);
        // CRLF files: the value has `\n` breaks only
        let content = line.get(skip..).unwrap_or("").trim_end_matches('\r');
        built.push_str(content);
        for k in 0..content.len() {
            table.push(base + off + skip + k);
        }
        off += line.len() + 1;
    }
    // a folded block (`>`) turns single line breaks into spaces: byte for byte the same length
    let same = if folded {
        built.trim_end().replace('\n', " ") == value.trim_end().replace('\n', " ")
    } else {
        built.trim_end() == value.trim_end()
    };
    if !same || table.is_empty() {
        return None;
    }
    let last = table.last().copied().unwrap_or(base);
    table.truncate(value.len());
    while table.len() <= value.len() {
        table.push(last + 1);
    }
    Some(OffsetMap::Table(table))
}

/// Which CI system a file belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CiSystem {
    GithubActions,
    GitlabCi,
}

/// What a job does. A job may do several things (build, scan and push in one job).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Kinds {
    pub lint: bool,
    pub test: bool,
    pub build: bool,
    pub image_build: bool,
    pub scan: bool,
    pub deploy: bool,
    pub rollback: bool,
}

/// One activity, the unit of the classification tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Lint,
    Test,
    Build,
    ImageBuild,
    Scan,
    Deploy,
    Rollback,
}

impl Kinds {
    pub fn add(&mut self, k: Kind) {
        match k {
            Kind::Lint => self.lint = true,
            Kind::Test => self.test = true,
            Kind::Build => self.build = true,
            Kind::ImageBuild => self.image_build = true,
            Kind::Scan => self.scan = true,
            Kind::Deploy => self.deploy = true,
            Kind::Rollback => self.rollback = true,
        }
    }

    #[must_use]
    pub fn has(&self, k: Kind) -> bool {
        match k {
            Kind::Lint => self.lint,
            Kind::Test => self.test,
            Kind::Build => self.build,
            Kind::ImageBuild => self.image_build,
            Kind::Scan => self.scan,
            Kind::Deploy => self.deploy,
            Kind::Rollback => self.rollback,
        }
    }
}

/// A job of the shared pipeline model.
#[derive(Clone, Debug)]
pub struct Job {
    /// Job id (GitHub) or name (GitLab).
    pub name: String,
    /// Where job-level findings point (the job's key).
    pub span: Span,
    pub kinds: Kinds,
    /// Indices (into [`Pipeline::jobs`]) of the jobs this one waits for directly.
    pub needs: Vec<usize>,
    /// The environment it deploys to, if declared.
    pub environment: Option<String>,
    /// Deploys to production (environment name or tier, job name, deploy arguments).
    pub production: bool,
    /// The job itself waits for a person, or deploys where one can be required: GitHub
    /// `environment:` (required reviewers live in its settings), GitLab `when: manual` or an
    /// `environment:` (protected environments hold approvals in the project settings).
    pub approval: bool,
    /// The job holds back the jobs after it until a person acts: GitHub `environment:`
    /// (reviewers), GitLab a blocking manual job (`allow_failure: false`, the default for
    /// `when: manual` under `rules:`).
    pub gate: bool,
    /// Deploy serialisation declared (GitHub `concurrency:`, GitLab `resource_group:`).
    pub serialised: bool,
}

/// The jobs of one pipeline file and their dependency graph.
#[derive(Clone, Debug)]
pub struct Pipeline {
    pub system: CiSystem,
    pub jobs: Vec<Job>,
}

impl Pipeline {
    /// Whether job `i`, or a job it depends on (transitively), satisfies `pred`.
    pub fn reaches(&self, i: usize, pred: impl Fn(&Job) -> bool) -> bool {
        let mut seen = vec![false; self.jobs.len()];
        let mut stack = vec![i];
        while let Some(j) = stack.pop() {
            match seen.get_mut(j) {
                Some(s) if !*s => *s = true,
                _ => continue,
            }
            let Some(job) = self.jobs.get(j) else {
                continue;
            };
            if pred(job) {
                return true;
            }
            stack.extend(job.needs.iter().copied());
        }
        false
    }

    /// For every job: whether it is approved — its own [`Job::approval`], or a [`Job::gate`]
    /// before it (an approval job the deploy `needs`, a blocking manual stage).
    #[must_use]
    pub fn approved(&self) -> Vec<bool> {
        let gated = self.reaching(|j| j.gate);
        self.jobs
            .iter()
            .zip(gated)
            .map(|(j, g)| j.approval || g)
            .collect()
    }

    /// For every job: whether it, or a job it depends on (transitively), satisfies `pred`.
    /// Linear in the size of the graph (one pass from the satisfying jobs to their
    /// dependents), for rules that ask about every job.
    pub fn reaching(&self, pred: impl Fn(&Job) -> bool) -> Vec<bool> {
        let n = self.jobs.len();
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, j) in self.jobs.iter().enumerate() {
            for &d in &j.needs {
                if let Some(list) = dependents.get_mut(d) {
                    list.push(i);
                }
            }
        }
        let mut out: Vec<bool> = self.jobs.iter().map(&pred).collect();
        let mut stack: Vec<usize> = (0..n).filter(|&i| out.get(i) == Some(&true)).collect();
        while let Some(j) = stack.pop() {
            for &k in dependents.get(j).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(slot) = out.get_mut(k) {
                    if !*slot {
                        *slot = true;
                        stack.push(k);
                    }
                }
            }
        }
        out
    }

    /// Whether any job builds a container image.
    #[must_use]
    pub fn builds_image(&self) -> bool {
        self.jobs.iter().any(|j| j.kinds.image_build)
    }
}

/// Actions (`owner/repo[/path]`, lower case, prefix match) and what a step using them does.
pub const ACTIONS: &[(&str, Kind)] = &[
    ("aquasecurity/trivy-action", Kind::Scan),
    ("anchore/scan-action", Kind::Scan),
    ("anchore/sbom-action", Kind::Scan),
    ("snyk/actions", Kind::Scan),
    ("docker/scout-action", Kind::Scan),
    ("bridgecrewio/checkov-action", Kind::Scan),
    ("aquasecurity/tfsec-action", Kind::Scan),
    ("docker/build-push-action", Kind::ImageBuild),
    ("redhat-actions/buildah-build", Kind::ImageBuild),
    ("azure/k8s-deploy", Kind::Deploy),
    ("azure/webapps-deploy", Kind::Deploy),
    ("azure/functions-action", Kind::Deploy),
    (
        "aws-actions/amazon-ecs-deploy-task-definition",
        Kind::Deploy,
    ),
    ("google-github-actions/deploy-cloudrun", Kind::Deploy),
    ("google-github-actions/deploy-appengine", Kind::Deploy),
    ("superfly/flyctl-actions", Kind::Deploy),
    ("amondnet/vercel-action", Kind::Deploy),
    ("cloudflare/wrangler-action", Kind::Deploy),
    ("actions/deploy-pages", Kind::Deploy),
    ("golangci/golangci-lint-action", Kind::Lint),
    ("github/super-linter", Kind::Lint),
    ("super-linter/super-linter", Kind::Lint),
    ("hadolint/hadolint-action", Kind::Lint),
    ("reviewdog/", Kind::Lint),
    ("codecov/codecov-action", Kind::Test),
];

/// Commands (`name word…`: the effective command name, then words that must appear in order
/// among its first non-option arguments) and what they do.
pub const COMMANDS: &[(&str, Kind)] = &[
    // vulnerability scanners
    ("trivy", Kind::Scan),
    ("grype", Kind::Scan),
    ("snyk test", Kind::Scan),
    ("snyk container", Kind::Scan),
    ("snyk iac", Kind::Scan),
    ("docker scout", Kind::Scan),
    ("anchore-cli", Kind::Scan),
    ("checkov", Kind::Scan),
    ("ironlaw", Kind::Scan),
    ("tfsec", Kind::Scan),
    ("clair-scanner", Kind::Scan),
    // image builds
    ("docker build", Kind::ImageBuild),
    ("docker buildx", Kind::ImageBuild),
    ("docker image build", Kind::ImageBuild),
    ("podman build", Kind::ImageBuild),
    ("buildah bud", Kind::ImageBuild),
    ("buildah build", Kind::ImageBuild),
    ("executor", Kind::ImageBuild),
    ("kaniko", Kind::ImageBuild),
    ("buildctl build", Kind::ImageBuild),
    // deploys and rollbacks
    ("kubectl apply", Kind::Deploy),
    ("kubectl create", Kind::Deploy),
    ("kubectl replace", Kind::Deploy),
    ("kubectl set image", Kind::Deploy),
    ("kubectl rollout undo", Kind::Rollback),
    ("helm upgrade", Kind::Deploy),
    ("helm install", Kind::Deploy),
    ("helm rollback", Kind::Rollback),
    ("helmfile apply", Kind::Deploy),
    ("helmfile sync", Kind::Deploy),
    ("argocd app sync", Kind::Deploy),
    ("argocd app rollback", Kind::Rollback),
    ("kustomize", Kind::Build),
    ("terraform apply", Kind::Deploy),
    ("terragrunt apply", Kind::Deploy),
    ("tofu apply", Kind::Deploy),
    ("pulumi up", Kind::Deploy),
    ("aws ecs update-service", Kind::Deploy),
    ("aws ecs deploy", Kind::Deploy),
    ("aws deploy create-deployment", Kind::Deploy),
    ("aws lambda update-function-code", Kind::Deploy),
    ("aws cloudformation deploy", Kind::Deploy),
    ("sam deploy", Kind::Deploy),
    ("cdk deploy", Kind::Deploy),
    ("ecs-deploy", Kind::Deploy),
    ("gcloud run deploy", Kind::Deploy),
    ("gcloud app deploy", Kind::Deploy),
    ("gcloud functions deploy", Kind::Deploy),
    ("az webapp deploy", Kind::Deploy),
    ("az containerapp update", Kind::Deploy),
    ("flyctl deploy", Kind::Deploy),
    ("fly deploy", Kind::Deploy),
    ("serverless deploy", Kind::Deploy),
    ("sls deploy", Kind::Deploy),
    ("vercel deploy", Kind::Deploy),
    ("netlify deploy", Kind::Deploy),
    ("kamal deploy", Kind::Deploy),
    ("kamal rollback", Kind::Rollback),
    ("cap deploy", Kind::Deploy),
    ("ansible-playbook", Kind::Deploy),
    // tests
    ("npm test", Kind::Test),
    ("npm run test", Kind::Test),
    ("npm t", Kind::Test),
    ("yarn test", Kind::Test),
    ("yarn run test", Kind::Test),
    ("pnpm test", Kind::Test),
    ("pnpm run test", Kind::Test),
    ("pytest", Kind::Test),
    ("tox", Kind::Test),
    ("nox", Kind::Test),
    ("go test", Kind::Test),
    ("cargo test", Kind::Test),
    ("cargo nextest", Kind::Test),
    ("mvn test", Kind::Test),
    ("mvn verify", Kind::Test),
    ("gradle test", Kind::Test),
    ("gradlew test", Kind::Test),
    ("gradle check", Kind::Test),
    ("gradlew check", Kind::Test),
    ("make test", Kind::Test),
    ("make check", Kind::Test),
    ("rspec", Kind::Test),
    ("jest", Kind::Test),
    ("vitest", Kind::Test),
    ("phpunit", Kind::Test),
    ("dotnet test", Kind::Test),
    ("mix test", Kind::Test),
    ("bundle exec rspec", Kind::Test),
    ("bundle exec rake test", Kind::Test),
    ("python -m pytest", Kind::Test),
    ("python3 -m pytest", Kind::Test),
    ("python -m unittest", Kind::Test),
    // linters
    ("npm run lint", Kind::Lint),
    ("yarn lint", Kind::Lint),
    ("pnpm lint", Kind::Lint),
    ("eslint", Kind::Lint),
    ("flake8", Kind::Lint),
    ("ruff", Kind::Lint),
    ("pylint", Kind::Lint),
    ("golangci-lint", Kind::Lint),
    ("cargo clippy", Kind::Lint),
    ("cargo fmt", Kind::Lint),
    ("hadolint", Kind::Lint),
    ("shellcheck", Kind::Lint),
    ("yamllint", Kind::Lint),
    ("actionlint", Kind::Lint),
    ("zizmor", Kind::Lint),
    ("make lint", Kind::Lint),
    ("rubocop", Kind::Lint),
    ("terraform validate", Kind::Lint),
    ("terraform fmt", Kind::Lint),
    // builds
    ("npm run build", Kind::Build),
    ("yarn build", Kind::Build),
    ("pnpm build", Kind::Build),
    ("cargo build", Kind::Build),
    ("go build", Kind::Build),
    ("mvn package", Kind::Build),
    ("mvn install", Kind::Build),
    ("gradle build", Kind::Build),
    ("gradlew build", Kind::Build),
    ("make build", Kind::Build),
    ("make", Kind::Build),
    ("dotnet build", Kind::Build),
];

/// Commands and actions that start a throw-away cluster: a job that "deploys" into it is an
/// end-to-end test, not a deploy.
pub const EPHEMERAL_CLUSTERS: &[&str] = &[
    "kind create",
    "minikube start",
    "k3d cluster",
    "ct install",
    "helm/kind-action",
    "medyagh/setup-minikube",
    "absaoss/k3d-action",
    "nolar/setup-k3d-k3s",
];

/// Whether a command starts a throw-away cluster (see [`EPHEMERAL_CLUSTERS`]).
#[must_use]
pub fn starts_ephemeral_cluster(c: &SimpleCommand) -> bool {
    EPHEMERAL_CLUSTERS
        .iter()
        .filter(|p| !p.contains('/'))
        .any(|p| command_matches(c, p))
}

/// Whether an action (`owner/repo`) starts a throw-away cluster.
#[must_use]
pub fn is_ephemeral_cluster_action(action: &str) -> bool {
    let lower = action.to_ascii_lowercase();
    EPHEMERAL_CLUSTERS
        .iter()
        .filter(|p| p.contains('/'))
        .any(|p| lower.starts_with(p))
}

/// Name tokens (of a job, stage or reusable workflow) and what they say a job does.
pub const NAME_TOKENS: &[(&str, Kind)] = &[
    ("lint", Kind::Lint),
    ("linter", Kind::Lint),
    ("linting", Kind::Lint),
    ("test", Kind::Test),
    ("tests", Kind::Test),
    ("unittest", Kind::Test),
    ("e2e", Kind::Test),
    ("integration", Kind::Test),
    ("scan", Kind::Scan),
    ("scanning", Kind::Scan),
    ("trivy", Kind::Scan),
    ("grype", Kind::Scan),
    ("snyk", Kind::Scan),
    ("deploy", Kind::Deploy),
    ("deployment", Kind::Deploy),
    ("rollback", Kind::Rollback),
];

/// Name tokens that mean production.
pub const PRODUCTION_TOKENS: &[&str] = &["prod", "production", "prd", "live"];

/// Split a name into lower-case tokens (`deploy-prod_eu` → `deploy`, `prod`, `eu`).
#[must_use]
pub fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Whether a name says production.
#[must_use]
pub fn is_production_name(s: &str) -> bool {
    tokens(s)
        .iter()
        .any(|t| PRODUCTION_TOKENS.contains(&t.as_str()))
}

/// What a name says about a job.
pub fn kinds_of_name(s: &str, into: &mut Kinds) {
    for t in tokens(s) {
        for (tok, k) in NAME_TOKENS {
            if t == *tok {
                into.add(*k);
            }
        }
    }
}

/// What an action (`owner/repo[/path]`) does, if known.
#[must_use]
pub fn kind_of_action(action: &str) -> Option<Kind> {
    let lower = action.to_ascii_lowercase();
    ACTIONS
        .iter()
        .find(|(a, _)| lower.starts_with(a))
        .map(|(_, k)| *k)
}

/// What a command does, if known (see [`COMMANDS`]).
#[must_use]
pub fn kind_of_command(c: &SimpleCommand) -> Option<Kind> {
    COMMANDS
        .iter()
        .find(|(pat, _)| command_matches(c, pat))
        .map(|(_, k)| *k)
}

/// Whether `c` matches a `name word…` pattern of [`COMMANDS`].
#[must_use]
pub fn command_matches(c: &SimpleCommand, pattern: &str) -> bool {
    let (name, args) = c.effective();
    let mut words = pattern.split(' ');
    let Some(first) = words.next() else {
        return false;
    };
    let name = name.trim_start_matches("./");
    if name != first {
        return false;
    }
    let mut positional = args
        .iter()
        .filter(|w| !w.text.starts_with('-'))
        .map(|w| w.text.as_str())
        .take(5);
    words.all(|w| positional.any(|p| p == w))
}

/// Whether a `${{ … }}` expression reads a context an outsider controls (issue and PR titles
/// and bodies, comments, review bodies, branch names, commit messages and authors, page
/// names). Returns the offending context path.
#[must_use]
pub fn untrusted_context(inner: &str) -> Option<String> {
    let lower = inner.to_ascii_lowercase();
    let mut best: Option<String> = None;
    for path in context_paths(&lower) {
        if is_untrusted_path(&path) {
            best = Some(path);
            break;
        }
    }
    best
}

/// Dotted context paths in an expression (`github.event.issue.title`, `github.head_ref`),
/// with indices (`[0]`, `['x']`) replaced by `*`.
fn context_paths(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes.get(i).copied().unwrap_or(' ');
        let prev_ok = i == 0
            || bytes
                .get(i - 1)
                .is_some_and(|p| !(p.is_ascii_alphanumeric() || *p == '_' || *p == '.'));
        if c.is_ascii_alphabetic() && prev_ok {
            let mut path = String::new();
            let mut j = i;
            while let Some(&ch) = bytes.get(j) {
                if ch.is_ascii_alphanumeric() || ch == '_' || ch == '-' || ch == '.' || ch == '*' {
                    path.push(ch);
                    j += 1;
                } else if ch == '[' {
                    // skip to the closing bracket
                    while let Some(&b) = bytes.get(j) {
                        j += 1;
                        if b == ']' {
                            break;
                        }
                    }
                    path.push_str(".*");
                } else {
                    break;
                }
            }
            out.push(path.replace("..", "."));
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn is_untrusted_path(p: &str) -> bool {
    if p == "github.head_ref" {
        return true;
    }
    let Some(rest) = p.strip_prefix("github.event.") else {
        return false;
    };
    const SUFFIXES: &[&str] = &[
        ".title",
        ".body",
        ".head_ref",
        ".head_branch",
        ".page_name",
        ".message",
        ".label",
        ".default_branch",
        ".email",
        ".author.name",
        ".committer.name",
    ];
    if SUFFIXES.iter().any(|s| rest.ends_with(s)) {
        return true;
    }
    // the head branch of a pull request
    rest.ends_with("pull_request.head.ref")
        || rest.ends_with("workflow_run.head_branch")
        || rest.starts_with("head_commit.")
        || rest.starts_with("commits.") && (rest.ends_with("message") || rest.ends_with(".name"))
}

/// A scalar as text (strings, numbers, booleans); `None` for collections and null.
#[must_use]
pub fn scalar(node: &Node) -> Option<String> {
    match &node.untagged().value {
        Value::Str(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `true` or the string `"true"`.
#[must_use]
pub fn is_true(node: &Node) -> bool {
    match &node.untagged().value {
        Value::Bool(b) => *b,
        Value::Str(s) => s.trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// A full 40-hex commit SHA.
#[must_use]
pub fn is_full_sha(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The model of one CI file, handed to every CI rule.
#[derive(Debug)]
pub enum CiModel<'a> {
    Github(github::Workflow<'a>),
    Gitlab(gitlab::GitlabCi<'a>),
}

/// A parsed CI file: its YAML, its text, its system-specific model and the shared pipeline.
#[derive(Debug)]
pub struct CiFile<'a> {
    pub yaml: &'a YamlFile,
    pub text: &'a str,
    pub model: CiModel<'a>,
    pub pipeline: Pipeline,
    /// Only part of the pipeline is in this file: a GitLab file included by another one, or a
    /// GitLab file that includes other files (their jobs are not in the graph).
    pub partial: bool,
}

impl<'a> CiFile<'a> {
    /// Build the model of a GitHub workflow or action (`gitlab == false`) or a GitLab CI file
    /// (`path` tells a main `.gitlab-ci.yml` from an included part); `None` when the file does
    /// not have the shape (no `jobs:`/`runs:`, not a mapping).
    #[must_use]
    pub fn new(yaml: &'a YamlFile, text: &'a str, gitlab: bool, path: &str) -> Option<CiFile<'a>> {
        let mut partial = false;
        let (model, pipeline) = if gitlab {
            let ci = gitlab::gitlab(yaml, text)?;
            let p = gitlab::pipeline(&ci);
            let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
            let main = name == ".gitlab-ci.yml" || name == ".gitlab-ci.yaml";
            let includes_jobs = ci
                .includes
                .iter()
                .any(|i| !matches!(i.kind, gitlab::IncludeKind::Template(_)));
            partial = !main || includes_jobs;
            (CiModel::Gitlab(ci), p)
        } else {
            let wf = github::workflow(yaml, text)?;
            let p = github::pipeline(&wf);
            (CiModel::Github(wf), p)
        };
        Some(CiFile {
            yaml,
            text,
            model,
            pipeline,
            partial,
        })
    }

    /// Every shell script written in this file, with a label for messages: GitHub steps'
    /// `run:` (`job "build" step 2`), GitLab jobs' own `script`/`before_script`/
    /// `after_script` lines (`job "unit"`) and `default:` scripts (`default`).
    #[must_use]
    pub fn scripts(&self) -> Vec<(String, &ShellText<'a>)> {
        let mut out = Vec::new();
        match &self.model {
            CiModel::Github(wf) => {
                for job in &wf.jobs {
                    for step in &job.steps {
                        if let Some(r) = &step.run {
                            out.push((format!("job \"{}\" {}", job.id, step.label()), &r.shell));
                        }
                    }
                }
            }
            CiModel::Gitlab(gl) => {
                for job in &gl.jobs {
                    for st in job.own_scripts() {
                        out.push((format!("job \"{}\"", job.name), st));
                    }
                }
                for st in &gl.default_scripts {
                    out.push(("default".to_string(), st));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::parse::yaml;

    #[test]
    fn expressions_in_block_scalars_point_at_the_source() {
        let src = "run: |\n  echo \"${{ github.event.issue.title }}\"\n  echo ok\n";
        let f = yaml::parse(src);
        let run = f.docs[0].root.get("run").unwrap();
        let ex = expressions(run, src);
        assert_eq!(ex.len(), 1);
        assert_eq!(&src[ex[0].span.range()], "${{ github.event.issue.title }}");
        assert_eq!(ex[0].inner, "github.event.issue.title");
    }

    #[test]
    fn literal_scripts_map_to_file_offsets() {
        let src = "run: |\n  set -e\n  curl -fsSL https://x.sh | sh\n";
        let f = yaml::parse(src);
        let st = shell_text(f.docs[0].root.get("run").unwrap(), src).unwrap();
        let curl = st.script.commands_named("curl").next().unwrap();
        assert_eq!(&src[curl.span.range()], "curl -fsSL https://x.sh");
        let plain = "run: curl -fsSL https://x.sh | sh\n";
        let f = yaml::parse(plain);
        let st = shell_text(f.docs[0].root.get("run").unwrap(), plain).unwrap();
        let sh = st.script.commands_named("sh").next().unwrap();
        assert_eq!(&plain[sh.span.range()], "sh");
    }

    #[test]
    fn literal_scripts_with_indicators_and_crlf() {
        for src in [
            "run: |-\n  set -e\n  curl -fsSL https://x.sh | sh\n",
            "run: |+\n  set -e\n  curl -fsSL https://x.sh | sh\n\n",
            "run: |2\n    set -e\n    curl -fsSL https://x.sh | sh\n",
            "run: |\r\n  set -e\r\n  curl -fsSL https://x.sh | sh\r\n",
            "run: >\n  set -e;\n  curl -fsSL https://x.sh | sh\n",
        ] {
            let f = yaml::parse(src);
            let st = shell_text(f.docs[0].root.get("run").unwrap(), src).unwrap();
            let curl = st.script.commands_named("curl").next().unwrap();
            assert_eq!(
                &src[curl.span.range()],
                "curl -fsSL https://x.sh",
                "{src:?}"
            );
        }
    }

    #[test]
    fn masked_expressions_keep_offsets() {
        assert_eq!(mask_expressions("a ${{ x }} b"), "a XXXXXXXX b");
        assert_eq!(mask_expressions("${{ x"), "${{ x");
    }

    #[test]
    fn untrusted_contexts() {
        for e in [
            "github.event.issue.title",
            "github.event.pull_request.body",
            "github.head_ref",
            "github.event.comment.body",
            "github.event.pull_request.head.ref",
            "github.event.commits[0].message",
            "github.event.head_commit.message",
            "github.event.review.body",
            "github.event.workflow_run.head_branch",
            "format('{0}', github.event.issue.body)",
        ] {
            assert!(untrusted_context(e).is_some(), "{e}");
        }
        for e in [
            "github.event.pull_request.number",
            "github.sha",
            "secrets.TOKEN",
            "github.event.pull_request.head.sha",
            "github.repository",
            "inputs.title",
        ] {
            assert!(untrusted_context(e).is_none(), "{e}");
        }
    }
}
