//! Discovery: a parallel walk honouring `.gitignore` / `.ironlawignore`, classification of
//! files into artifact kinds by name *and* content, and the coverage record of what was
//! skipped and why.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};
use serde::Serialize;

/// What kind of delivery artifact a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArtifactKind {
    Dockerfile,
    Kubernetes,
    Compose,
    /// `.tf`, `.tf.json`, `.tfvars`, `.tfvars.json`, `.terraform.lock.hcl`.
    Terraform,
    /// Committed `*.tfstate` / `*.tfstate.backup`, or a `.terraform/` directory (never read:
    /// a finding by itself).
    TerraformState,
    /// `.github/workflows/*.y(a)ml`.
    GithubWorkflow,
    /// `action.y(a)ml` with `runs:` (composite, Docker or JavaScript action metadata).
    GithubAction,
    /// `.gitlab-ci.yml`, `*.gitlab-ci.yml`.
    GitlabCi,
}

impl ArtifactKind {
    pub const ALL: [ArtifactKind; 8] = [
        ArtifactKind::Dockerfile,
        ArtifactKind::Kubernetes,
        ArtifactKind::Compose,
        ArtifactKind::Terraform,
        ArtifactKind::TerraformState,
        ArtifactKind::GithubWorkflow,
        ArtifactKind::GithubAction,
        ArtifactKind::GitlabCi,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ArtifactKind::Dockerfile => "dockerfile",
            ArtifactKind::Kubernetes => "kubernetes",
            ArtifactKind::Compose => "compose",
            ArtifactKind::Terraform => "terraform",
            ArtifactKind::TerraformState => "terraform-state",
            ArtifactKind::GithubWorkflow => "github-workflow",
            ArtifactKind::GithubAction => "github-action",
            ArtifactKind::GitlabCi => "gitlab-ci",
        }
    }

    /// Human label for summaries.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ArtifactKind::Dockerfile => "Dockerfiles",
            ArtifactKind::Kubernetes => "Kubernetes manifests",
            ArtifactKind::Compose => "compose files",
            ArtifactKind::Terraform => "Terraform files",
            ArtifactKind::TerraformState => "Terraform state files",
            ArtifactKind::GithubWorkflow => "GitHub workflows",
            ArtifactKind::GithubAction => "GitHub actions",
            ArtifactKind::GitlabCi => "GitLab CI files",
        }
    }
}

/// Why a file was not checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// Larger than the size limit.
    TooLarge,
    /// Contains NUL bytes.
    Binary,
    /// Could not be read (permissions, vanished, I/O error).
    Unreadable,
    /// A symbolic link that loops.
    SymlinkLoop,
    /// Matched an `exclude` pattern of the configuration.
    Excluded,
    /// A Go template under a Helm chart's `templates/`: not YAML until rendered.
    HelmTemplate,
}

impl SkipReason {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::TooLarge => "too large",
            SkipReason::Binary => "binary",
            SkipReason::Unreadable => "unreadable",
            SkipReason::SymlinkLoop => "symlink loop",
            SkipReason::Excluded => "excluded by config",
            SkipReason::HelmTemplate => "Helm template, not rendered",
        }
    }
}

/// A file chosen for checking.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub path: PathBuf,
    /// Relative to the scan root, `/`-separated.
    pub rel: String,
    /// `None`: a file of no artifact kind, checked for secrets only (its content when it is
    /// text, its name only when it is binary or too large, see [`secrets_by_name_only`]).
    pub kind: Option<ArtifactKind>,
    pub size: u64,
    /// A `.dockerignore` for this Dockerfile's build context exists.
    pub has_dockerignore: bool,
}

/// A file that was not checked.
#[derive(Clone, Debug, Serialize)]
pub struct Skipped {
    pub path: String,
    /// What it would have been checked as, if known.
    pub kind: Option<ArtifactKind>,
    pub reason: SkipReason,
    pub detail: String,
}

/// Discovery options.
#[derive(Clone, Debug)]
pub struct Options {
    pub max_file_size: u64,
    /// Glob patterns (relative to the root) never to scan.
    pub exclude: Vec<String>,
    pub threads: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_file_size: 5 * 1024 * 1024,
            exclude: Vec::new(),
            threads: 0,
        }
    }
}

/// Directories never descended into (vendored code, VCS metadata, dependency caches).
const SKIP_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "vendor",
    "third_party",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".terraform",
];

/// Terraform's working directory (providers, modules, sometimes state): listed as a
/// [`ArtifactKind::TerraformState`] candidate at `<dir>/.terraform`, never entered or read.
pub const TERRAFORM_DIR: &str = ".terraform";

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovery {
    pub candidates: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
    /// Files walked in total (checked or not).
    pub files_walked: usize,
    /// Every `.dockerignore` / `<name>.dockerignore` seen by the walk (relative paths), so
    /// compose rules can tell whether a `build:` context has one without touching the disk.
    pub dockerignores: BTreeSet<String>,
    /// Directories holding a `Chart.yaml` (Helm charts), for `--render`.
    pub charts: BTreeSet<String>,
    /// Directories holding a `kustomization.yaml` / `.yml` / `Kustomization`, for `--render`.
    pub kustomizations: BTreeSet<String>,
    /// Every YAML file the walk saw that is not excluded (relative path → path, size),
    /// whatever its kind: GitLab `include: local:` targets are found among them.
    pub yaml_files: BTreeMap<String, (PathBuf, u64)>,
}

/// What a file name says about one artifact kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameMatch {
    No,
    /// The name alone decides (`Dockerfile`).
    Yes,
    /// The name fits, the content must confirm (`Dockerfile.prod`, later `*.yaml`).
    NeedsContent,
}

/// One row of the classification table: how one artifact kind is recognised.
pub struct Classifier {
    pub kind: ArtifactKind,
    /// Decide from the lower-cased file name (and the relative path, for location rules
    /// such as `.github/workflows/`).
    pub by_name: fn(name: &str, rel: &str) -> NameMatch,
    /// Decide from the first bytes of the file when the name is not conclusive.
    pub by_content: fn(head: &[u8]) -> bool,
}

/// The classification table. A family adds its artifact kind with one row here; the first
/// row that claims a file wins.
pub const CLASSIFIERS: &[Classifier] = &[
    Classifier {
        kind: ArtifactKind::Dockerfile,
        by_name: dockerfile_name,
        by_content: looks_like_dockerfile,
    },
    Classifier {
        kind: ArtifactKind::Compose,
        by_name: compose_name,
        by_content: never,
    },
    Classifier {
        kind: ArtifactKind::Kubernetes,
        by_name: manifest_name,
        by_content: looks_like_k8s,
    },
    Classifier {
        kind: ArtifactKind::Compose,
        by_name: yaml_name,
        by_content: looks_like_compose,
    },
    Classifier {
        kind: ArtifactKind::Terraform,
        by_name: terraform_name,
        by_content: never,
    },
    Classifier {
        kind: ArtifactKind::TerraformState,
        by_name: terraform_state_name,
        by_content: never,
    },
    Classifier {
        kind: ArtifactKind::GithubWorkflow,
        by_name: github_workflow_name,
        by_content: never,
    },
    Classifier {
        kind: ArtifactKind::GithubAction,
        by_name: github_action_name,
        by_content: looks_like_action,
    },
    Classifier {
        kind: ArtifactKind::GitlabCi,
        by_name: gitlab_ci_name,
        by_content: never,
    },
];

fn never(_: &[u8]) -> bool {
    false
}

/// YAML files that belong to other tools whatever their content (CI pipelines have a
/// top-level `services:` too).
fn foreign_yaml(lower: &str, rel: &str) -> bool {
    lower == ".gitlab-ci.yml"
        || lower == ".gitlab-ci.yaml"
        || lower.ends_with(".gitlab-ci.yml")
        || lower == "action.yml"
        || lower == "action.yaml"
        || rel.starts_with(".github/")
        || rel.contains("/.github/")
        || rel.starts_with(".gitlab/ci/")
        || rel.contains("/.gitlab/ci/")
        || lower == "chart.yaml"
        || lower == "values.yaml"
        || lower == "kustomization.yaml"
        || lower == "kustomization.yml"
}

fn is_yaml(lower: &str) -> bool {
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml`, `compose.override.yaml`.
fn compose_name(lower: &str, _rel: &str) -> NameMatch {
    let stem_ok = lower.starts_with("docker-compose")
        || lower.starts_with("compose.")
        || lower.starts_with("compose-");
    if stem_ok && is_yaml(lower) {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

fn manifest_name(lower: &str, rel: &str) -> NameMatch {
    if (is_yaml(lower) || lower.ends_with(".json")) && !foreign_yaml(lower, rel) {
        NameMatch::NeedsContent
    } else {
        NameMatch::No
    }
}

fn yaml_name(lower: &str, rel: &str) -> NameMatch {
    if is_yaml(lower) && !foreign_yaml(lower, rel) {
        NameMatch::NeedsContent
    } else {
        NameMatch::No
    }
}

/// A YAML document with top-level `apiVersion:` and `kind:` (or a JSON object with both).
#[must_use]
pub fn looks_like_k8s(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    if text.trim_start().starts_with('{') {
        return text.contains("\"apiVersion\"") && text.contains("\"kind\"");
    }
    let mut api = false;
    let mut kind = false;
    for line in text.lines() {
        api |= line.starts_with("apiVersion:");
        kind |= line.starts_with("kind:");
    }
    api && kind
}

/// A top-level `services:` key (the YAML layer confirms the shape when parsing).
#[must_use]
pub fn looks_like_compose(head: &[u8]) -> bool {
    String::from_utf8_lossy(head)
        .lines()
        .any(|l| l.trim_end() == "services:")
}

fn dockerfile_name(lower: &str, _rel: &str) -> NameMatch {
    if lower.ends_with(".dockerignore") {
        return NameMatch::No;
    }
    if matches!(lower, "dockerfile" | "containerfile")
        || lower.ends_with(".dockerfile")
        || lower.ends_with(".containerfile")
    {
        return NameMatch::Yes;
    }
    let prefixed = lower.starts_with("dockerfile.")
        || lower.starts_with("dockerfile-")
        || lower.starts_with("containerfile.");
    // Dockerfile.md, Dockerfile.j2 templates…: never; other suffixes only when the content
    // looks like a Dockerfile
    const NOT: &[&str] = &[
        ".md", ".txt", ".j2", ".jinja", ".tpl", ".tmpl", ".erb", ".orig", ".bak", ".swp", ".sh",
        ".py", ".json", ".yml", ".yaml",
    ];
    if prefixed && !NOT.iter().any(|s| lower.ends_with(s)) {
        NameMatch::NeedsContent
    } else {
        NameMatch::No
    }
}

/// `.tf`, `.tf.json`, `.tfvars`, `.tfvars.json`, `.terraform.lock.hcl`.
fn terraform_name(lower: &str, _rel: &str) -> NameMatch {
    let hit = lower.ends_with(".tf")
        || lower.ends_with(".tf.json")
        || lower.ends_with(".tfvars")
        || lower.ends_with(".tfvars.json")
        || lower == ".terraform.lock.hcl";
    if hit { NameMatch::Yes } else { NameMatch::No }
}

/// `*.tfstate`, `*.tfstate.backup` (`terraform.tfstate.d/<workspace>/terraform.tfstate` too).
fn terraform_state_name(lower: &str, _rel: &str) -> NameMatch {
    if lower.ends_with(".tfstate") || lower.ends_with(".tfstate.backup") {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

/// `.github/workflows/*.y(a)ml` (at the root or in a nested project).
fn github_workflow_name(lower: &str, rel: &str) -> NameMatch {
    let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
    if is_yaml(lower) && (dir == ".github/workflows" || dir.ends_with("/.github/workflows")) {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

/// `action.yml` / `action.yaml`: an action's metadata if it has `runs:`.
fn github_action_name(lower: &str, _rel: &str) -> NameMatch {
    if lower == "action.yml" || lower == "action.yaml" {
        NameMatch::NeedsContent
    } else {
        NameMatch::No
    }
}

/// A top-level `runs:` key.
#[must_use]
pub fn looks_like_action(head: &[u8]) -> bool {
    String::from_utf8_lossy(head)
        .lines()
        .any(|l| l.trim_end() == "runs:" || l.starts_with("runs: "))
}

/// `.gitlab-ci.yml`, `.gitlab-ci.yaml`, `*.gitlab-ci.yml`, and YAML under `.gitlab/ci/` (the
/// usual home of local `include:` files).
fn gitlab_ci_name(lower: &str, rel: &str) -> NameMatch {
    let in_ci_dir = rel.starts_with(".gitlab/ci/") || rel.contains("/.gitlab/ci/");
    if lower == ".gitlab-ci.yml"
        || lower == ".gitlab-ci.yaml"
        || lower.ends_with(".gitlab-ci.yml")
        || (in_ci_dir && is_yaml(lower))
    {
        NameMatch::Yes
    } else {
        NameMatch::No
    }
}

/// Classify a file by name, reading its head (lazily) only when a name is not conclusive.
pub fn classify_lazy(rel: &str, head: impl FnOnce() -> Vec<u8>) -> Option<ArtifactKind> {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    let mut head = Some(head);
    let mut bytes: Option<Vec<u8>> = None;
    for c in CLASSIFIERS {
        match (c.by_name)(&name, rel) {
            NameMatch::No => {}
            NameMatch::Yes => return Some(c.kind),
            NameMatch::NeedsContent => {
                if bytes.is_none() {
                    bytes = head.take().map(|f| f());
                }
                if bytes.as_deref().is_some_and(c.by_content) {
                    return Some(c.kind);
                }
            }
        }
    }
    None
}

/// A second chance for files whose kind depends on where they live (`.github/workflows/`,
/// `.gitlab/ci/`) when the scan root is inside that directory (`ironlaw check .github`): the
/// root's own path is put in front of `rel`.
fn classify_located(root: Option<&str>, rel: &str, path: &Path) -> Option<ArtifactKind> {
    let full = format!("{}/{rel}", root?.trim_end_matches('/'));
    let located = ["/.github/", "/.gitlab/ci/"]
        .iter()
        .any(|d| full.contains(d) && !rel.contains(d) && !rel.starts_with(&d[1..]));
    if !located {
        return None;
    }
    classify_lazy(&full, || read_head(path))
}

/// Classify a file by name, peeking at `head` where the name is ambiguous.
#[must_use]
pub fn classify(rel: &str, head: &[u8]) -> Option<ArtifactKind> {
    classify_lazy(rel, || head.to_vec())
}

/// The first meaningful line is a Dockerfile instruction (or a parser directive).
#[must_use]
pub fn looks_like_dockerfile(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let word = t
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        return matches!(word.as_str(), "FROM" | "ARG");
    }
    false
}

/// Walk `root` (a directory or a single file).
///
/// # Errors
/// When an `exclude` glob is invalid.
pub fn discover(root: &Path, opts: &Options) -> Result<Discovery, globset::Error> {
    let exclude = build_globs(&opts.exclude)?;
    if root.is_file() {
        // a file named on the command line is reported by the path as given
        let given = root.to_string_lossy().replace('\\', "/");
        let rel = given.strip_prefix("./").unwrap_or(&given).to_string();
        let mut d = Discovery::default();
        let dir = root.parent().unwrap_or(Path::new("."));
        // a file named explicitly is checked as a Dockerfile if it looks like one
        let head = read_head(root);
        let kind = classify(&rel, &head)
            .or_else(|| looks_like_dockerfile(&head).then_some(ArtifactKind::Dockerfile));
        d.files_walked = 1;
        let size = std::fs::metadata(root).map(|m| m.len()).unwrap_or(0);
        if let Some(kind) = kind {
            consider(root, rel, kind, size, dir, opts, &exclude, &mut d);
        } else {
            consider_text(root, rel, size, &exclude, &mut d);
        }
        return Ok(d);
    }
    let state = Mutex::new(Discovery::default());
    // the root's own path, for location rules when the scan starts inside `.github/`
    let root_path = std::fs::canonicalize(root)
        .ok()
        .map(|p| p.to_string_lossy().replace('\\', "/"));
    let root_path = &root_path;
    // `.terraform/` directories the walk reaches (not ignored) are never entered, only noted:
    // a committed one is a finding (TF006)
    let terraform_dirs: std::sync::Arc<Mutex<Vec<PathBuf>>> = std::sync::Arc::default();
    let noted = std::sync::Arc::clone(&terraform_dirs);
    let mut wb = WalkBuilder::new(root);
    wb.hidden(false)
        .require_git(false)
        .follow_links(true)
        .git_global(false)
        .add_custom_ignore_filename(".ironlawignore")
        .threads(opts.threads)
        .filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            let skip = is_dir
                && e.depth() > 0
                && e.file_name()
                    .to_str()
                    .is_some_and(|n| SKIP_DIRS.contains(&n));
            // the ignore rules have been applied before this filter runs
            if skip && e.file_name() == TERRAFORM_DIR {
                if let Ok(mut v) = noted.lock() {
                    v.push(e.path().to_path_buf());
                }
            }
            !skip
        });
    wb.build_parallel().run(|| {
        let state = &state;
        let exclude = &exclude;
        Box::new(move |entry| {
            match entry {
                Ok(e) => {
                    if !e.file_type().is_some_and(|t| t.is_file()) {
                        return WalkState::Continue;
                    }
                    let path = e.path();
                    let rel = relative(root, path);
                    let mut d = Discovery {
                        files_walked: 1,
                        ..Discovery::default()
                    };
                    if e.file_name()
                        .to_str()
                        .is_some_and(|n| n.ends_with(".dockerignore"))
                    {
                        d.dockerignores.insert(rel.clone());
                    }
                    if !exclude.is_match(&rel) {
                        note_render_target(&rel, &mut d);
                        let lower = rel.to_ascii_lowercase();
                        if lower.ends_with(".yml") || lower.ends_with(".yaml") {
                            let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                            d.yaml_files.insert(rel.clone(), (path.to_path_buf(), size));
                        }
                    }
                    // by name first; the head of the file is read only if a name needs it
                    let kind = classify_lazy(&rel, || read_head(path))
                        .or_else(|| classify_located(root_path.as_deref(), &rel, path));
                    let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                    if let Some(kind) = kind {
                        let dir = path.parent().unwrap_or(Path::new("."));
                        consider(path, rel, kind, size, dir, opts, exclude, &mut d);
                    } else {
                        consider_text(path, rel, size, exclude, &mut d);
                    }
                    if let Ok(mut s) = state.lock() {
                        s.files_walked += d.files_walked;
                        s.candidates.extend(d.candidates);
                        s.skipped.extend(d.skipped);
                        s.dockerignores.extend(d.dockerignores);
                        s.charts.extend(d.charts);
                        s.kustomizations.extend(d.kustomizations);
                        s.yaml_files.extend(d.yaml_files);
                    }
                }
                Err(err) => {
                    let (reason, path) = walk_error(&err, root);
                    if let Ok(mut s) = state.lock() {
                        s.skipped.push(Skipped {
                            path,
                            kind: None,
                            reason,
                            detail: err.to_string(),
                        });
                    }
                }
            }
            WalkState::Continue
        })
    });
    let mut d = state.into_inner().unwrap_or_default();
    let dirs = terraform_dirs.lock().map(|v| v.clone()).unwrap_or_default();
    for path in dirs {
        let rel = relative(root, &path);
        let parent = path.parent().unwrap_or(Path::new("."));
        consider(
            &path,
            rel,
            ArtifactKind::TerraformState,
            0,
            parent,
            opts,
            &exclude,
            &mut d,
        );
    }
    d.candidates.sort_by(|a, b| a.rel.cmp(&b.rel));
    d.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(d)
}

impl Discovery {
    /// Make `rel` (a walked YAML file) a GitLab CI candidate: a file a pipeline includes is
    /// GitLab CI whatever its name or content looked like. Returns whether it changed.
    pub fn mark_gitlab(&mut self, rel: &str, opts: &Options) -> bool {
        if let Some(c) = self.candidates.iter_mut().find(|c| c.rel == rel) {
            if c.kind == Some(ArtifactKind::GitlabCi) {
                return false;
            }
            c.kind = Some(ArtifactKind::GitlabCi);
            return true;
        }
        let Some((path, size)) = self.yaml_files.get(rel).cloned() else {
            return false;
        };
        if self
            .skipped
            .iter()
            .any(|s| s.path == rel && s.reason != SkipReason::Excluded)
        {
            return false;
        }
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let before = self.candidates.len();
        let none = GlobSet::empty();
        consider(
            &path,
            rel.to_string(),
            ArtifactKind::GitlabCi,
            size,
            &dir,
            opts,
            &none,
            self,
        );
        self.candidates.sort_by(|a, b| a.rel.cmp(&b.rel));
        self.candidates.len() > before
    }
}

#[allow(clippy::too_many_arguments)]
fn consider(
    path: &Path,
    rel: String,
    kind: ArtifactKind,
    size: u64,
    dir: &Path,
    opts: &Options,
    exclude: &GlobSet,
    d: &mut Discovery,
) {
    if exclude.is_match(&rel) {
        d.skipped.push(Skipped {
            path: rel,
            kind: Some(kind),
            reason: SkipReason::Excluded,
            detail: String::new(),
        });
        return;
    }
    // a committed state file is a finding whatever its size (its content is never read)
    if size > opts.max_file_size && kind != ArtifactKind::TerraformState {
        d.skipped.push(Skipped {
            path: rel,
            kind: Some(kind),
            reason: SkipReason::TooLarge,
            detail: format!("{size} bytes > limit of {} bytes", opts.max_file_size),
        });
        return;
    }
    if kind == ArtifactKind::Kubernetes && is_helm_template(path) {
        d.skipped.push(Skipped {
            path: rel.clone(),
            kind: Some(kind),
            reason: SkipReason::HelmTemplate,
            detail: "rendering is not enabled".to_string(),
        });
        // not YAML until rendered, but text: scanned for secrets like any other file
        consider_text(path, rel, size, exclude, d);
        return;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let has_dockerignore =
        dir.join(".dockerignore").is_file() || dir.join(format!("{name}.dockerignore")).is_file();
    d.candidates.push(Candidate {
        path: path.to_path_buf(),
        rel,
        kind: Some(kind),
        size,
        has_dockerignore,
    });
}

/// A file of no artifact kind: a candidate for the secrets scan (unless excluded). Size,
/// binary content and non-text extensions are decided when it is checked (the file is read
/// at most once, then): such files are checked by name only.
fn consider_text(path: &Path, rel: String, size: u64, exclude: &GlobSet, d: &mut Discovery) {
    if exclude.is_match(&rel) || is_ignore_file(&rel) {
        return;
    }
    d.candidates.push(Candidate {
        path: path.to_path_buf(),
        rel,
        kind: None,
        size,
        has_dockerignore: false,
    });
}

/// Ignore files that list secrets' fingerprints or paths (not themselves secrets).
fn is_ignore_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    matches!(name, ".gitleaksignore" | ".secrets.baseline")
}

/// Extensions of files that are never text (images, archives, compiled code, fonts, media,
/// binary keystores): checked for secrets by name only, never read.
const BINARY_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "bmp", "ico", "icns", "webp", "tif", "tiff", "psd", "pdf", "zip",
    "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar", "jar", "war", "ear", "class", "so",
    "dylib", "dll", "exe", "o", "a", "lib", "obj", "pyc", "pyo", "whl", "egg", "wasm", "woff",
    "woff2", "ttf", "otf", "eot", "mp3", "mp4", "m4a", "mov", "avi", "mkv", "wav", "flac", "ogg",
    "webm", "sqlite", "sqlite3", "db", "p12", "pfx", "jks", "keystore", "bin", "iso", "dmg", "deb",
    "rpm", "apk", "ipa", "parquet", "avro", "onnx", "pt", "pth", "npy", "npz", "h5",
];

/// Whether a file of no artifact kind is checked by name only (never read): a non-text
/// extension, or larger than `max_file_size`.
#[must_use]
pub fn secrets_by_name_only(rel: &str, size: u64, max_file_size: u64) -> bool {
    if size > max_file_size {
        return true;
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        let ext = ext.to_ascii_lowercase();
        BINARY_EXTENSIONS.contains(&ext.as_str())
    })
}

/// Whether bytes look binary: a NUL byte in the first 8 KiB (as git and ripgrep decide).
#[must_use]
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8 * 1024).any(|b| *b == 0)
}

/// Record a chart or kustomization directory from the file that defines it.
fn note_render_target(rel: &str, d: &mut Discovery) {
    let (dir, name) = rel.rsplit_once('/').unwrap_or((".", rel));
    match name {
        "Chart.yaml" => {
            d.charts.insert(dir.to_string());
        }
        "kustomization.yaml" | "kustomization.yml" | "Kustomization" => {
            d.kustomizations.insert(dir.to_string());
        }
        _ => {}
    }
}

/// Under a `templates/` directory whose parent holds a `Chart.yaml`.
fn is_helm_template(path: &Path) -> bool {
    path.ancestors().skip(1).take(8).any(|dir| {
        dir.file_name().is_some_and(|n| n == "templates")
            && dir.parent().is_some_and(|c| c.join("Chart.yaml").is_file())
    })
}

fn build_globs(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let p = p.trim_start_matches("./");
        b.add(Glob::new(p)?);
        // `dir` or `dir/` also excludes everything below it
        if !p.contains('*') {
            b.add(Glob::new(&format!("{}/**", p.trim_end_matches('/')))?);
        }
    }
    b.build()
}

/// Compile `exclude`-style globs (shared with per-path config).
///
/// # Errors
/// On an invalid pattern.
pub fn globs(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    build_globs(patterns)
}

fn read_head(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut buf = vec![0; 4096];
    match std::fs::File::open(path).and_then(|mut f| f.read(&mut buf)) {
        Ok(n) => {
            buf.truncate(n);
            buf
        }
        Err(_) => Vec::new(),
    }
}

/// `root`-relative, `/`-separated path (the path itself when not under root).
#[must_use]
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        s
    }
}

fn walk_error(err: &ignore::Error, root: &Path) -> (SkipReason, String) {
    match err {
        ignore::Error::WithPath { path, err } => (walk_error(err, root).0, relative(root, path)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err, root)
        }
        ignore::Error::Loop { child, .. } => (SkipReason::SymlinkLoop, relative(root, child)),
        _ => (SkipReason::Unreadable, String::new()),
    }
}

/// Per-kind coverage counts for the summary.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct KindCoverage {
    pub found: usize,
    pub parsed: usize,
    /// Parsed only partly (a parse error was reported).
    pub parse_errors: usize,
    pub skipped: usize,
}

/// Coverage by kind and skip counts by reason.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Coverage {
    pub files_walked: usize,
    pub kinds: BTreeMap<ArtifactKind, KindCoverage>,
    pub skipped: Vec<Skipped>,
    /// Charts and overlays `--render` tried to render.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rendered: Vec<RenderRecord>,
    /// The secrets scan: files whose content was scanned (every text file, of any kind or
    /// none) and files checked by name only (binary, non-text extension, too large).
    pub secrets: SecretsCoverage,
    /// `--history`: what the history scan read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<HistoryCoverage>,
}

/// What `--history` read.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct HistoryCoverage {
    /// Commits read.
    pub commits: usize,
    /// (commit, file) changes whose added lines were scanned.
    pub changes: usize,
    /// Bytes of added lines scanned.
    pub bytes: u64,
    /// Secrets found only in history (deleted from, or never in, the working tree).
    pub only_in_history: usize,
}

/// What the secrets scan covered.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct SecretsCoverage {
    /// Files whose content was scanned for secrets.
    pub scanned: usize,
    /// Files checked by name only (binary or too large).
    pub by_name_only: usize,
}

/// One chart or overlay that `--render` tried to render.
#[derive(Clone, Debug, Serialize)]
pub struct RenderRecord {
    /// `helm` or `kustomize`.
    pub tool: &'static str,
    pub dir: String,
    pub command: String,
    pub ok: bool,
    /// Why it failed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// Documents rendered.
    pub documents: usize,
    pub millis: u128,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_by_name_and_content() {
        assert_eq!(
            classify("a/Dockerfile", b""),
            Some(ArtifactKind::Dockerfile)
        );
        assert_eq!(
            classify("Containerfile", b""),
            Some(ArtifactKind::Dockerfile)
        );
        assert_eq!(
            classify("api.Dockerfile", b""),
            Some(ArtifactKind::Dockerfile)
        );
        assert_eq!(
            classify("Dockerfile.prod", b"# c\nFROM x\n"),
            Some(ArtifactKind::Dockerfile)
        );
        assert_eq!(classify("Dockerfile.prod", b"not a dockerfile"), None);
        assert_eq!(classify("Dockerfile.md", b"FROM x"), None);
        assert_eq!(classify("Dockerfile.dockerignore", b""), None);
        assert_eq!(classify("main.rs", b"FROM x"), None);
        assert_eq!(
            classify("k8s/deploy.yaml", b"apiVersion: v1\nkind: Pod\n"),
            Some(ArtifactKind::Kubernetes)
        );
        assert_eq!(
            classify(
                "k8s/deploy.json",
                b"{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}"
            ),
            Some(ArtifactKind::Kubernetes)
        );
        assert_eq!(classify("app.yaml", b"name: x\n"), None);
        assert_eq!(
            classify("docker-compose.prod.yml", b""),
            Some(ArtifactKind::Compose)
        );
        assert_eq!(
            classify("stack.yml", b"services:\n  web:\n    image: x\n"),
            Some(ArtifactKind::Compose)
        );
        assert_eq!(
            classify(".github/workflows/ci.yml", b"apiVersion: v1\nkind: Pod\n"),
            Some(ArtifactKind::GithubWorkflow)
        );
    }

    #[test]
    fn secrets_only_files_by_name_or_content() {
        assert!(secrets_by_name_only("a/logo.PNG", 10, 100));
        assert!(secrets_by_name_only("certs/client.p12", 10, 100));
        assert!(secrets_by_name_only("big.txt", 101, 100));
        assert!(!secrets_by_name_only("notes.txt", 10, 100));
        assert!(!secrets_by_name_only("Makefile", 10, 100));
        assert!(looks_binary(b"PK\x03\x04\x00"));
        assert!(!looks_binary("ünïcödé\n".as_bytes()));
        assert!(is_ignore_file("sub/.gitleaksignore"));
    }

    #[test]
    fn terraform_classification() {
        for (p, k) in [
            ("infra/main.tf", Some(ArtifactKind::Terraform)),
            ("infra/main.tf.json", Some(ArtifactKind::Terraform)),
            ("prod.tfvars", Some(ArtifactKind::Terraform)),
            ("prod.tfvars.json", Some(ArtifactKind::Terraform)),
            ("infra/.terraform.lock.hcl", Some(ArtifactKind::Terraform)),
            ("terraform.tfstate", Some(ArtifactKind::TerraformState)),
            (
                "x/terraform.tfstate.backup",
                Some(ArtifactKind::TerraformState),
            ),
            (".terraform.tfstate.lock.info", None),
            ("main.tfx", None),
        ] {
            assert_eq!(classify(p, b"{}"), k, "{p}");
        }
    }

    #[test]
    fn ci_classification() {
        assert_eq!(
            classify(".gitlab-ci.yml", b"services:\n  - docker:dind\n"),
            Some(ArtifactKind::GitlabCi)
        );
        assert_eq!(
            classify(
                "ci/deploy.gitlab-ci.yml",
                b"services:\n  web:\n    image: x\n"
            ),
            Some(ArtifactKind::GitlabCi)
        );
        assert_eq!(
            classify("app/.github/workflows/ci.yaml", b""),
            Some(ArtifactKind::GithubWorkflow)
        );
        assert_eq!(classify(".github/workflows/sub/x.yml", b""), None);
        assert_eq!(
            classify(
                ".gitlab/ci/deploy.yml",
                b"services:\n  web:\n    image: x\n"
            ),
            Some(ArtifactKind::GitlabCi)
        );
        assert_eq!(classify(".github/dependabot.yml", b"version: 2\n"), None);
        assert_eq!(
            classify(
                ".github/actions/setup/action.yml",
                b"name: x\nruns:\n  using: composite\n"
            ),
            Some(ArtifactKind::GithubAction)
        );
        assert_eq!(classify("action.yml", b"name: x\n"), None);
    }
}
