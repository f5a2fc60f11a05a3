//! Terraform: a typed view of one file ([`TfFile`]) and of the whole scan grouped into modules
//! ([`Project`], [`Module`]).
//!
//! ## Values
//!
//! Attribute values are [`Expr`]s from the HCL layer. A rule asks for a *literal* value
//! (`as_str`, `as_bool`, …) or, through [`Module::resolve`], for the value after following
//! `var.x` to the variable's literal `default` and `local.y` to a literal local. Anything that
//! cannot be resolved statically is [`Resolved::Unknown`], and rules must not report on it:
//! an unknown is not a violation.
//!
//! A variable is resolved to its default only when the module defines it once and no
//! `*.tfvars` file of the module's directory assigns it (a value given on the command line or
//! by `TF_VAR_*` cannot be seen and is accepted as a risk: the default is what the code says).
//!
//! ## Modules, root modules and environments
//!
//! A module is a directory holding `.tf`/`.tf.json` files. A module is a **root module**
//! (one that `terraform apply` runs in, with its own state) when it is not called by another
//! scanned module through a local `source = "./…"`/`"../…"`, does not sit under a `modules/`
//! directory or an example/test directory (`examples/`, `example/`, `test/`, `tests/`,
//! `fixtures/`), and either
//! - declares a backend (`terraform { backend "…" {} }` or `cloud {}`), or
//! - configures a provider (`provider "…" {}` block), or
//! - has a `.terraform.lock.hcl` next to it, or
//! - is an environment directory (below).
//!
//! An **environment** is the directory right under `environments/`, `envs/`, `env/` or
//! `live/` (`envs/prod`), or a root module whose own directory name is a well-known
//! environment name (`prod`, `production`, `staging`, `stage`, `dev`, `qa`, `test`, `uat`,
//! `sandbox`, `preprod`). Deeper directories (`live/prod/network`) belong to that environment.

use std::collections::{BTreeMap, BTreeSet};

use crate::parse::hcl::{Attr, Block, Body, Expr, ExprKind, HclFile};
use crate::source::Span;

/// What kind of Terraform file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TfFileKind {
    /// `.tf`, `.tf.json`.
    Config,
    /// `.tfvars`, `.tfvars.json`.
    Vars,
    /// `.terraform.lock.hcl`.
    Lock,
    /// `*.tfstate`, `*.tfstate.backup` (never read).
    State,
    /// A `.terraform/` directory (Terraform's working directory; never entered).
    DataDir,
}

impl TfFileKind {
    /// The kind of a file, from its name.
    #[must_use]
    pub fn of(path: &str) -> TfFileKind {
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        if name.ends_with(".tfstate") || name.ends_with(".tfstate.backup") {
            TfFileKind::State
        } else if name == ".terraform.lock.hcl" {
            TfFileKind::Lock
        } else if name.ends_with(".tfvars") || name.ends_with(".tfvars.json") {
            TfFileKind::Vars
        } else {
            TfFileKind::Config
        }
    }
}

/// One Terraform file.
#[derive(Clone, Debug, PartialEq)]
pub struct TfFile {
    /// Relative to the scan root, `/`-separated.
    pub path: String,
    pub kind: TfFileKind,
    /// JSON syntax.
    pub json: bool,
    pub body: Body,
}

/// `terraform { backend "<kind>" { … } }` (or `cloud { … }`, kind `cloud`).
#[derive(Clone, Copy, Debug)]
pub struct Backend<'a> {
    pub kind: &'a str,
    pub block: &'a Block,
}

impl<'a> Backend<'a> {
    /// A literal string setting of the backend.
    #[must_use]
    pub fn setting(&self, key: &str) -> Option<&'a str> {
        self.block.body.attr(key).and_then(|a| a.value.as_str())
    }
}

/// An entry of `required_providers`.
#[derive(Clone, Debug)]
pub struct RequiredProvider<'a> {
    /// Local name (`aws`).
    pub name: &'a str,
    /// The entry (key and value).
    pub span: Span,
    pub source: Option<&'a str>,
    /// The version constraint expression, if any.
    pub version: Option<&'a Expr>,
}

/// A `provider` block.
#[derive(Clone, Copy, Debug)]
pub struct Provider<'a> {
    pub name: &'a str,
    pub block: &'a Block,
}

impl<'a> Provider<'a> {
    #[must_use]
    pub fn alias(&self) -> Option<&'a str> {
        self.block.body.attr("alias").and_then(|a| a.value.as_str())
    }
}

/// Managed resource or data source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceMode {
    Managed,
    Data,
}

/// A `resource` or `data` block.
#[derive(Clone, Copy, Debug)]
pub struct Resource<'a> {
    pub mode: ResourceMode,
    /// `aws_s3_bucket`.
    pub type_: &'a str,
    pub name: &'a str,
    pub block: &'a Block,
}

/// `lifecycle { … }` of a resource.
#[derive(Clone, Copy, Debug)]
pub struct Lifecycle<'a> {
    pub block: &'a Block,
    /// `Some` only when literal.
    pub prevent_destroy: Option<bool>,
    pub ignore_changes: Option<&'a Expr>,
}

impl<'a> Resource<'a> {
    /// `aws_s3_bucket.logs` (`data.aws_ami.x` for data sources).
    #[must_use]
    pub fn address(&self) -> String {
        match self.mode {
            ResourceMode::Managed => format!("{}.{}", self.type_, self.name),
            ResourceMode::Data => format!("data.{}.{}", self.type_, self.name),
        }
    }

    /// A top-level argument.
    #[must_use]
    pub fn attr(&self, key: &str) -> Option<&'a Attr> {
        self.block.body.attr(key)
    }

    /// The body.
    #[must_use]
    pub fn body(&self) -> &'a Body {
        &self.block.body
    }

    #[must_use]
    pub fn lifecycle(&self) -> Option<Lifecycle<'a>> {
        let block = self.block.body.block("lifecycle")?;
        Some(Lifecycle {
            block,
            prevent_destroy: block
                .body
                .attr("prevent_destroy")
                .and_then(|a| a.value.as_bool()),
            ignore_changes: block.body.attr("ignore_changes").map(|a| &a.value),
        })
    }

    /// The provider prefix of the type (`aws` for `aws_s3_bucket`).
    #[must_use]
    pub fn provider_prefix(&self) -> &'a str {
        self.type_.split('_').next().unwrap_or(self.type_)
    }
}

/// A `variable` block.
#[derive(Clone, Copy, Debug)]
pub struct Variable<'a> {
    pub name: &'a str,
    pub block: &'a Block,
    pub default: Option<&'a Attr>,
    pub type_: Option<&'a Expr>,
    /// The `sensitive` argument.
    pub sensitive_attr: Option<&'a Attr>,
}

impl<'a> Variable<'a> {
    /// The view of a `variable` block.
    #[must_use]
    pub fn of(b: &'a Block) -> Variable<'a> {
        Variable {
            name: b.label(0).unwrap_or(""),
            block: b,
            default: b.body.attr("default"),
            type_: b.body.attr("type").map(|a| &a.value),
            sensitive_attr: b.body.attr("sensitive"),
        }
    }

    /// `sensitive = true` (literally).
    #[must_use]
    pub fn is_sensitive(&self) -> bool {
        self.sensitive_attr.and_then(|a| a.value.as_bool()) == Some(true)
    }
}

/// An `output` block.
#[derive(Clone, Copy, Debug)]
pub struct Output<'a> {
    pub name: &'a str,
    pub block: &'a Block,
    pub value: Option<&'a Attr>,
    pub sensitive_attr: Option<&'a Attr>,
}

impl<'a> Output<'a> {
    /// The view of an `output` block.
    #[must_use]
    pub fn of(b: &'a Block) -> Output<'a> {
        Output {
            name: b.label(0).unwrap_or(""),
            block: b,
            value: b.body.attr("value"),
            sensitive_attr: b.body.attr("sensitive"),
        }
    }

    #[must_use]
    pub fn is_sensitive(&self) -> bool {
        self.sensitive_attr.and_then(|a| a.value.as_bool()) == Some(true)
    }
}

/// A `module` call.
#[derive(Clone, Copy, Debug)]
pub struct ModuleCall<'a> {
    pub name: &'a str,
    pub block: &'a Block,
    pub source: Option<&'a Attr>,
    pub version: Option<&'a Attr>,
}

/// Where a module `source` points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModuleSource<'a> {
    /// `./x`, `../x`.
    Local(&'a str),
    /// `hashicorp/consul/aws`, `app.terraform.io/org/name/provider`.
    Registry(&'a str),
    /// `git::…`, `github.com/…`, `bitbucket.org/…`, `git@…`: with the `ref` query, if any.
    Git { url: &'a str, ref_: Option<&'a str> },
    /// `hg::…` with its `rev`/`ref`.
    Mercurial { url: &'a str, ref_: Option<&'a str> },
    /// `https://…/x.zip`, `s3::…`, `gcs::…`.
    Archive(&'a str),
}

impl<'a> ModuleCall<'a> {
    /// The view of a `module` block.
    #[must_use]
    pub fn of(b: &'a Block) -> ModuleCall<'a> {
        ModuleCall {
            name: b.label(0).unwrap_or(""),
            block: b,
            source: b.body.attr("source"),
            version: b.body.attr("version"),
        }
    }

    /// The literal source string.
    #[must_use]
    pub fn source_str(&self) -> Option<&'a str> {
        self.source.and_then(|a| a.value.as_str())
    }

    /// The classified source.
    #[must_use]
    pub fn source_kind(&self) -> Option<ModuleSource<'a>> {
        self.source_str().map(classify_source)
    }
}

/// Classify a module source address (Terraform's rules, simplified).
#[must_use]
pub fn classify_source(s: &str) -> ModuleSource<'_> {
    let ref_of = |s: &str| -> Option<usize> {
        s.find("?ref=")
            .map(|i| i + 5)
            .or_else(|| s.find("&ref=").map(|i| i + 5))
    };
    let with_ref = |url: &str| -> Option<usize> { ref_of(url) };
    if s.starts_with("./") || s.starts_with("../") || s == "." || s == ".." {
        return ModuleSource::Local(s);
    }
    let lower = s.to_ascii_lowercase();
    let is_git = lower.starts_with("git::")
        || lower.starts_with("github.com/")
        || lower.starts_with("bitbucket.org/")
        || lower.starts_with("git@")
        || lower.contains(".git?")
        || lower.ends_with(".git")
        || lower.contains(".git//");
    if is_git {
        let ref_ = with_ref(s)
            .and_then(|i| s.get(i..))
            .map(|r| r.split('&').next().unwrap_or(r));
        return ModuleSource::Git { url: s, ref_ };
    }
    if lower.starts_with("hg::") {
        let ref_ = s
            .find("?rev=")
            .map(|i| i + 5)
            .or_else(|| with_ref(s))
            .and_then(|i| s.get(i..))
            .map(|r| r.split('&').next().unwrap_or(r));
        return ModuleSource::Mercurial { url: s, ref_ };
    }
    if lower.contains("://") || lower.contains("::") {
        return ModuleSource::Archive(s);
    }
    ModuleSource::Registry(s)
}

impl TfFile {
    /// Build the view of a parsed file.
    #[must_use]
    pub fn new(path: &str, hcl: HclFile, json: bool) -> TfFile {
        TfFile {
            path: path.to_string(),
            kind: TfFileKind::of(path),
            json,
            body: hcl.body,
        }
    }

    /// A state file or a `.terraform/` directory (its content is never read).
    #[must_use]
    pub fn state(path: &str) -> TfFile {
        let name = path.rsplit('/').next().unwrap_or(path);
        TfFile {
            path: path.to_string(),
            kind: if name == ".terraform" {
                TfFileKind::DataDir
            } else {
                TfFileKind::State
            },
            json: true,
            body: Body::default(),
        }
    }

    /// The directory of the file (`""` at the scan root).
    #[must_use]
    pub fn dir(&self) -> &str {
        dir_of(&self.path)
    }

    /// The file name.
    #[must_use]
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    /// Top-level blocks named `ident`.
    pub fn blocks<'a>(&'a self, ident: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.body.blocks(ident)
    }

    /// Spans of the top-level blocks and attributes (statements, for suppression scoping).
    #[must_use]
    pub fn statement_spans(&self) -> Vec<Span> {
        self.body
            .blocks
            .iter()
            .map(|b| b.span)
            .chain(self.body.attrs.iter().map(|a| a.span))
            .collect()
    }

    /// `terraform` blocks.
    pub fn terraform_blocks(&self) -> impl Iterator<Item = &Block> {
        self.body.blocks("terraform")
    }

    /// The `required_version` attribute of a `terraform` block.
    #[must_use]
    pub fn required_version(&self) -> Option<&Attr> {
        self.terraform_blocks()
            .find_map(|b| b.body.attr("required_version"))
    }

    /// The backend (or `cloud` block) declared in this file.
    #[must_use]
    pub fn backend(&self) -> Option<Backend<'_>> {
        self.terraform_blocks().find_map(|t| {
            t.body
                .block("backend")
                .map(|b| Backend {
                    kind: b.label(0).unwrap_or(""),
                    block: b,
                })
                .or_else(|| {
                    t.body.block("cloud").map(|b| Backend {
                        kind: "cloud",
                        block: b,
                    })
                })
        })
    }

    /// The entries of every `required_providers` block.
    #[must_use]
    pub fn required_providers(&self) -> Vec<RequiredProvider<'_>> {
        let mut out = Vec::new();
        for t in self.terraform_blocks() {
            for rp in t.body.blocks("required_providers") {
                for a in &rp.body.attrs {
                    let (source, version) = match &a.value.kind {
                        // legacy `aws = "~> 4.0"`
                        ExprKind::Str(_) | ExprKind::Template { .. } => (None, Some(&a.value)),
                        ExprKind::Object(_) => (
                            a.value.get("source").and_then(Expr::as_str),
                            a.value.get("version"),
                        ),
                        _ => (None, None),
                    };
                    out.push(RequiredProvider {
                        name: &a.key,
                        span: a.span,
                        source,
                        version,
                    });
                }
            }
        }
        out
    }

    /// `provider` blocks.
    pub fn providers(&self) -> impl Iterator<Item = Provider<'_>> {
        self.body.blocks("provider").map(|b| Provider {
            name: b.label(0).unwrap_or(""),
            block: b,
        })
    }

    /// `resource` and `data` blocks, in file order.
    #[must_use]
    pub fn resources(&self) -> Vec<Resource<'_>> {
        let mut v: Vec<Resource<'_>> = self
            .body
            .blocks
            .iter()
            .filter_map(|b| {
                let mode = match b.ident.as_str() {
                    "resource" => ResourceMode::Managed,
                    "data" => ResourceMode::Data,
                    _ => return None,
                };
                Some(Resource {
                    mode,
                    type_: b.label(0)?,
                    name: b.label(1).unwrap_or(""),
                    block: b,
                })
            })
            .collect();
        v.sort_by_key(|r| r.block.span.start);
        v
    }

    /// Managed resources of one type.
    pub fn resources_of<'a>(&'a self, type_: &'a str) -> impl Iterator<Item = Resource<'a>> + 'a {
        self.resources()
            .into_iter()
            .filter(move |r| r.mode == ResourceMode::Managed && r.type_ == type_)
    }

    /// `variable` blocks.
    pub fn variables(&self) -> impl Iterator<Item = Variable<'_>> {
        self.body.blocks("variable").map(Variable::of)
    }

    /// Every `locals` entry.
    pub fn locals(&self) -> impl Iterator<Item = &Attr> {
        self.body.blocks("locals").flat_map(|b| b.body.attrs.iter())
    }

    /// `output` blocks.
    pub fn outputs(&self) -> impl Iterator<Item = Output<'_>> {
        self.body.blocks("output").map(Output::of)
    }

    /// `module` calls.
    pub fn module_calls(&self) -> impl Iterator<Item = ModuleCall<'_>> {
        self.body.blocks("module").map(ModuleCall::of)
    }

    /// `moved`, `import` and `removed` blocks (state refactoring).
    pub fn state_moves(&self) -> impl Iterator<Item = &Block> {
        self.body
            .blocks
            .iter()
            .filter(|b| matches!(b.ident.as_str(), "moved" | "import" | "removed"))
    }
}

/// The directory part of a `/`-separated path (`""` for a file at the root).
#[must_use]
pub fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Normalise `dir/./a/../b` → `dir/b` (`None` if it climbs above the scan root).
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

const ENV_PARENTS: &[&str] = &["environments", "envs", "env", "live"];
const ENV_NAMES: &[&str] = &[
    "prod",
    "production",
    "staging",
    "stage",
    "dev",
    "development",
    "qa",
    "test",
    "uat",
    "sandbox",
    "preprod",
];
const NON_ROOT_DIRS: &[&str] = &[
    "modules", "examples", "example", "test", "tests", "fixtures",
];

/// The environment a directory belongs to by layout (`envs/prod/network` → `prod`).
#[must_use]
pub fn environment_of(dir: &str) -> Option<&str> {
    let parts: Vec<&str> = dir.split('/').collect();
    parts
        .windows(2)
        .find_map(|w| match w {
            [parent, env] if ENV_PARENTS.contains(parent) => Some(*env),
            _ => None,
        })
        .or_else(|| {
            let last = parts.last().copied().unwrap_or("");
            ENV_NAMES.contains(&last).then_some(last)
        })
}

/// What a resolved value is.
#[derive(Clone, Copy, Debug)]
pub enum Resolved<'a> {
    /// A literal value (an expression for which [`Expr::is_literal`] holds).
    Value(&'a Expr),
    /// Not known statically: rules must not report on it.
    Unknown,
}

impl<'a> Resolved<'a> {
    #[must_use]
    pub fn value(self) -> Option<&'a Expr> {
        match self {
            Resolved::Value(e) => Some(e),
            Resolved::Unknown => None,
        }
    }

    #[must_use]
    pub fn as_str(self) -> Option<&'a str> {
        self.value().and_then(Expr::as_str)
    }

    #[must_use]
    pub fn as_bool(self) -> Option<bool> {
        self.value().and_then(Expr::as_bool)
    }
}

/// One module: the Terraform files of one directory.
#[derive(Clone, Debug)]
pub struct Module<'a> {
    pub dir: String,
    /// Its files in path order (configuration, variable files, lock file, state files).
    pub files: Vec<&'a TfFile>,
    /// Called by another scanned module through a local source.
    pub called: bool,
}

impl<'a> Module<'a> {
    /// The configuration files (`.tf`, `.tf.json`).
    pub fn config_files(&self) -> impl Iterator<Item = &'a TfFile> + '_ {
        self.files
            .iter()
            .copied()
            .filter(|f| f.kind == TfFileKind::Config)
    }

    /// Whether the module has any configuration file.
    #[must_use]
    pub fn has_config(&self) -> bool {
        self.config_files().next().is_some()
    }

    /// The backend and the file declaring it.
    #[must_use]
    pub fn backend(&self) -> Option<(&'a TfFile, Backend<'a>)> {
        self.config_files()
            .find_map(|f| f.backend().map(|b| (f, b)))
    }

    #[must_use]
    pub fn has_lock_file(&self) -> bool {
        self.files.iter().any(|f| f.kind == TfFileKind::Lock)
    }

    /// The environment by layout (see the module docs).
    #[must_use]
    pub fn environment(&self) -> Option<&str> {
        environment_of(&self.dir)
    }

    /// Whether this is a root module (see the module docs for the heuristic).
    #[must_use]
    pub fn is_root(&self) -> bool {
        if self.called || !self.has_config() {
            return false;
        }
        if self.dir.split('/').any(|p| NON_ROOT_DIRS.contains(&p)) {
            return false;
        }
        self.backend().is_some()
            || self.config_files().any(|f| f.providers().next().is_some())
            || self.has_lock_file()
            || self
                .dir
                .split('/')
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| matches!(w, [p, _] if ENV_PARENTS.contains(p)))
    }

    /// The variable named `name`, if the module defines it exactly once.
    #[must_use]
    pub fn variable(&self, name: &str) -> Option<Variable<'a>> {
        let mut found = self
            .config_files()
            .flat_map(TfFile::variables)
            .filter(|v| v.name == name);
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// The local named `name`, if defined exactly once.
    #[must_use]
    pub fn local(&self, name: &str) -> Option<&'a Attr> {
        let mut found = self
            .config_files()
            .flat_map(TfFile::locals)
            .filter(|a| a.key == name);
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// Whether a `.tfvars` file of the module assigns `name`.
    fn assigned_by_tfvars(&self, name: &str) -> bool {
        self.files
            .iter()
            .filter(|f| f.kind == TfFileKind::Vars)
            .any(|f| f.body.attr(name).is_some())
    }

    /// The literal value of `e`, following `var.x` to a literal default and `local.y` to a
    /// literal local (see the module docs); otherwise [`Resolved::Unknown`].
    #[must_use]
    pub fn resolve(&self, e: &'a Expr) -> Resolved<'a> {
        let mut e = e;
        for _ in 0..16 {
            if e.is_literal() {
                return Resolved::Value(e);
            }
            let Some(path) = e.as_ref_path() else {
                return Resolved::Unknown;
            };
            let next = match path {
                [root, name] if root == "var" => {
                    if self.assigned_by_tfvars(name) {
                        return Resolved::Unknown;
                    }
                    self.variable(name)
                        .and_then(|v| v.default)
                        .map(|a| &a.value)
                }
                [root, name] if root == "local" => self.local(name).map(|a| &a.value),
                _ => None,
            };
            match next {
                Some(n) => e = n,
                None => return Resolved::Unknown,
            }
        }
        Resolved::Unknown
    }
}

/// Every Terraform file of a scan, grouped into modules (directories in path order).
#[derive(Clone, Debug, Default)]
pub struct Project<'a> {
    pub modules: Vec<Module<'a>>,
}

impl<'a> Project<'a> {
    /// Group files by directory and mark modules called through local sources.
    #[must_use]
    pub fn new(files: &[&'a TfFile]) -> Project<'a> {
        let mut by_dir: BTreeMap<&str, Vec<&'a TfFile>> = BTreeMap::new();
        for f in files {
            by_dir.entry(f.dir()).or_default().push(f);
        }
        let mut called: BTreeSet<String> = BTreeSet::new();
        for f in files {
            for m in f.module_calls() {
                if let Some(ModuleSource::Local(src)) = m.source_kind() {
                    let joined = if f.dir().is_empty() {
                        src.to_string()
                    } else {
                        format!("{}/{src}", f.dir())
                    };
                    if let Some(n) = normalise(&joined) {
                        called.insert(n);
                    }
                }
            }
        }
        let modules = by_dir
            .into_iter()
            .map(|(dir, mut files)| {
                files.sort_by(|a, b| a.path.cmp(&b.path));
                Module {
                    dir: dir.to_string(),
                    called: called.contains(dir),
                    files,
                }
            })
            .collect();
        Project { modules }
    }

    /// The root modules.
    pub fn root_modules(&self) -> impl Iterator<Item = &Module<'a>> {
        self.modules.iter().filter(|m| m.is_root())
    }
}

/// Names that say "this holds a secret" (`db_password`, `client_secret`, `api_token`), for
/// variables, outputs and resource arguments. Names that only *describe* a secret
/// (`password_length`, `secret_arn`, `token_ttl`, `kms_key_id`) do not count.
#[must_use]
pub fn is_secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let n = n.strip_suffix("_wo").unwrap_or(&n);
    const NOT: &[&str] = &[
        "_arn",
        "_id",
        "_ids",
        "_name",
        "_names",
        "_length",
        "_version",
        "_policy",
        "_ttl",
        "_type",
        "_enabled",
        "_path",
        "_file",
        "_count",
        "_rotation",
        "_required",
        "_reset_required",
        "_expiry",
        "_prefix",
    ];
    if NOT.iter().any(|s| n.ends_with(s)) {
        return false;
    }
    const SECRET: &[&str] = &[
        "password",
        "passwd",
        "secret",
        "secret_key",
        "access_key",
        "api_key",
        "apikey",
        "token",
        "auth_token",
        "private_key",
        "client_secret",
        "connection_string",
        "credentials",
    ];
    SECRET
        .iter()
        .any(|s| n == *s || n.ends_with(&format!("_{s}")) || n.ends_with(s) && s.len() > 6)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::parse::hcl;

    fn file(path: &str, src: &str) -> TfFile {
        TfFile::new(path, hcl::parse(src), false)
    }

    #[test]
    fn typed_views() {
        let f = file(
            "envs/prod/main.tf",
            r#"
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
    random = { source = "hashicorp/random" }
  }
  backend "s3" {
    bucket = "state"
    key    = "prod.tfstate"
  }
}
provider "aws" { region = "eu-west-1" }
resource "aws_db_instance" "db" {
  password = var.db_password
  lifecycle { prevent_destroy = true }
}
variable "db_password" {
  default   = "x"
  sensitive = true
}
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.0"
}
module "net" { source = "../../modules/net" }
output "o" { value = aws_db_instance.db.endpoint }
"#,
        );
        assert_eq!(f.kind, TfFileKind::Config);
        assert_eq!(f.required_version().unwrap().value.as_str(), Some(">= 1.5"));
        let rp = f.required_providers();
        assert_eq!(rp.len(), 2);
        assert!(rp[0].version.is_some() && rp[1].version.is_none());
        let be = f.backend().unwrap();
        assert_eq!(be.kind, "s3");
        assert_eq!(be.setting("key"), Some("prod.tfstate"));
        assert_eq!(f.providers().next().unwrap().name, "aws");
        let r = &f.resources()[0];
        assert_eq!(r.address(), "aws_db_instance.db");
        assert_eq!(r.lifecycle().unwrap().prevent_destroy, Some(true));
        assert!(f.variables().next().unwrap().is_sensitive());
        let calls: Vec<_> = f.module_calls().collect();
        assert!(matches!(
            calls[0].source_kind(),
            Some(ModuleSource::Registry(_))
        ));
        assert!(matches!(
            calls[1].source_kind(),
            Some(ModuleSource::Local(_))
        ));

        let child = file("modules/net/main.tf", "variable \"cidr\" {}\n");
        let p = Project::new(&[&f, &child]);
        let prod = p.modules.iter().find(|m| m.dir == "envs/prod").unwrap();
        assert!(prod.is_root());
        assert_eq!(prod.environment(), Some("prod"));
        let net = p.modules.iter().find(|m| m.dir == "modules/net").unwrap();
        assert!(net.called && !net.is_root());
        // var.db_password resolves to its literal default
        let pw = &r.attr("password").unwrap().value;
        assert_eq!(prod.resolve(pw).as_str(), Some("x"));
    }

    #[test]
    fn unknowns_stay_unknown() {
        let f = file(
            "m/main.tf",
            "variable \"a\" {}\nlocals { b = \"${var.a}-x\" }\nresource \"x\" \"y\" {\n v = local.b\n w = var.a\n}\n",
        );
        let p = Project::new(&[&f]);
        let m = &p.modules[0];
        let r = &f.resources()[0];
        assert!(m.resolve(&r.attr("v").unwrap().value).value().is_none());
        assert!(m.resolve(&r.attr("w").unwrap().value).value().is_none());
        // a tfvars assignment makes the default unknown
        let g = file(
            "n/main.tf",
            "variable \"a\" { default = \"d\" }\nresource \"x\" \"y\" { w = var.a }\n",
        );
        let v = TfFile::new("n/terraform.tfvars", hcl::parse("a = \"z\"\n"), false);
        let p = Project::new(&[&g, &v]);
        let r = &g.resources()[0];
        assert!(
            p.modules[0]
                .resolve(&r.attr("w").unwrap().value)
                .value()
                .is_none()
        );
    }

    #[test]
    fn sources_and_names() {
        assert!(matches!(
            classify_source("git::https://example.com/vpc.git?ref=v1.2.0"),
            ModuleSource::Git {
                ref_: Some("v1.2.0"),
                ..
            }
        ));
        assert!(matches!(
            classify_source("github.com/hashicorp/example"),
            ModuleSource::Git { ref_: None, .. }
        ));
        assert!(matches!(
            classify_source("s3::https://b/x.zip"),
            ModuleSource::Archive(_)
        ));
        assert!(is_secret_name("db_password"));
        assert!(is_secret_name("client_secret"));
        assert!(is_secret_name("master_password"));
        assert!(!is_secret_name("password_length"));
        assert!(!is_secret_name("secret_arn"));
        assert!(!is_secret_name("kms_key_id"));
        assert!(!is_secret_name("name"));
        assert_eq!(environment_of("live/prod/network"), Some("prod"));
        assert_eq!(environment_of("infra/staging"), Some("staging"));
        assert_eq!(environment_of("infra/network"), None);
    }
}
