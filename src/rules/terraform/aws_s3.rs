//! Shared logic of the S3 rules (TF040–TF044), plus small helpers of the network rules
//! (TF032–TF035) that `sg.rs` does not export.
//!
//! ## Buckets and their companions
//!
//! Since AWS provider v4 a bucket's settings are separate resources
//! (`aws_s3_bucket_versioning`, `aws_s3_bucket_public_access_block`, …) whose `bucket`
//! argument names the bucket. A companion is matched to a bucket of the same module
//! - by reference: `aws_s3_bucket.<name>.id` / `.bucket` / `.arn` (with any index), or
//! - by name: a literal (or a variable with a literal default) equal to the bucket's own
//!   literal `bucket` name, or the very same `var.x`/`local.y` expression.
//!
//! A companion whose bucket cannot be told (a variable without default, a module output, a
//! computed index, a literal while some bucket's name is unknown) could belong to any bucket
//! of the module: the buckets are then **unjudgeable** for that kind of companion and rules
//! that report a *missing* companion stay silent. So does a companion in a calling module
//! that names a bucket through `module.<call>.…` of a local child module.
//!
//! The legacy inline blocks of provider v3 (`versioning {}`, `logging {}`, …) are read too,
//! in either syntax (a block, or an attribute holding an object or a list of objects, which
//! is how `.tf.json` spells most nested blocks).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::terraform::{Module, Project, Resource, ResourceMode, TfFile};
use crate::parse::hcl::{Block, Body, Expr, ExprKind};
use crate::source::Span;

// ---------------------------------------------------------------------------------------------
// Nested blocks in either syntax

/// A nested block (`versioning { … }`) or an object standing for one (`versioning = {…}`,
/// `"versioning": [{…}]` in JSON syntax).
#[derive(Clone, Copy, Debug)]
pub enum Nested<'a> {
    Block(&'a Block),
    Object(&'a Expr),
}

impl<'a> Nested<'a> {
    /// The value of argument `key`.
    #[must_use]
    pub fn value(&self, key: &str) -> Option<&'a Expr> {
        match self {
            Nested::Block(b) => b.body.attr(key).map(|a| &a.value),
            Nested::Object(e) => e.get(key),
        }
    }

    /// Where argument `key` is written (key and value), if it is.
    #[must_use]
    pub fn value_span(&self, key: &str) -> Option<Span> {
        match self {
            Nested::Block(b) => b.body.attr(key).map(|a| a.span),
            Nested::Object(e) => e
                .as_object()?
                .iter()
                .find(|i| i.key == key)
                .map(|i| i.key_span.cover(i.value.span)),
        }
    }

    /// The whole block or object.
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            Nested::Block(b) => b.header_span(),
            Nested::Object(e) => e.span,
        }
    }

    /// Nested blocks of this one.
    #[must_use]
    pub fn nested(&self, key: &str) -> Vec<Nested<'a>> {
        match self {
            Nested::Block(b) => nested(&b.body, key),
            Nested::Object(e) => e.get(key).map(objects).unwrap_or_default(),
        }
    }

    /// Whether a `dynamic "<key>"` block generates blocks of `key` here (unknown content).
    #[must_use]
    pub fn has_dynamic(&self, key: &str) -> bool {
        match self {
            Nested::Block(b) => has_dynamic(&b.body, key),
            Nested::Object(_) => false,
        }
    }
}

fn objects(e: &Expr) -> Vec<Nested<'_>> {
    match &e.kind {
        ExprKind::Object(_) => vec![Nested::Object(e)],
        ExprKind::List(items) => items
            .iter()
            .filter(|i| matches!(i.kind, ExprKind::Object(_)))
            .map(Nested::Object)
            .collect(),
        _ => Vec::new(),
    }
}

/// The nested blocks `key` of a body, in either syntax.
#[must_use]
pub fn nested<'a>(body: &'a Body, key: &str) -> Vec<Nested<'a>> {
    let mut out: Vec<Nested<'a>> = body
        .blocks
        .iter()
        .filter(|b| b.ident == key)
        .map(Nested::Block)
        .collect();
    if let Some(a) = body.attr(key) {
        out.extend(objects(&a.value));
    }
    out
}

/// Whether `key` is set in a way that cannot be read statically: a `dynamic "<key>"` block,
/// or an attribute `key = var.x` / a computed expression.
#[must_use]
pub fn has_dynamic(body: &Body, key: &str) -> bool {
    body.blocks("dynamic").any(|d| d.label(0) == Some(key))
        || body.attr(key).is_some_and(|a| {
            !matches!(
                a.value.kind,
                ExprKind::Object(_) | ExprKind::List(_) | ExprKind::Null
            )
        })
}

/// `"${x}"` (a template that is one interpolation) is `x`.
#[must_use]
pub fn unwrap_template(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Template { literal, parts } if literal.is_empty() => match parts.as_slice() {
            [one] => one,
            _ => e,
        },
        _ => e,
    }
}

/// A literal boolean after following variables and locals (`None` when unknown).
#[must_use]
pub fn resolved_bool<'a>(m: &Module<'a>, e: &'a Expr) -> Option<bool> {
    m.resolve(e).as_bool()
}

/// A literal string after following variables and locals (`None` when unknown).
#[must_use]
pub fn resolved_str<'a>(m: &Module<'a>, e: &'a Expr) -> Option<&'a str> {
    m.resolve(e).as_str()
}

// ---------------------------------------------------------------------------------------------
// Buckets and companions

/// The companion resource types.
pub const PUBLIC_ACCESS_BLOCK: &str = "aws_s3_bucket_public_access_block";
pub const ACL: &str = "aws_s3_bucket_acl";
pub const POLICY: &str = "aws_s3_bucket_policy";
pub const ENCRYPTION: &str = "aws_s3_bucket_server_side_encryption_configuration";
pub const VERSIONING: &str = "aws_s3_bucket_versioning";
pub const LOGGING: &str = "aws_s3_bucket_logging";

const COMPANIONS: &[&str] = &[
    PUBLIC_ACCESS_BLOCK,
    ACL,
    POLICY,
    ENCRYPTION,
    VERSIONING,
    LOGGING,
];

/// An `aws_s3_bucket` and the file declaring it.
#[derive(Clone, Copy, Debug)]
pub struct Bucket<'a> {
    pub file: &'a TfFile,
    pub res: Resource<'a>,
    /// The literal name (`bucket`, after resolving variables and locals).
    pub name: Option<&'a str>,
    /// The `bucket` argument is set but its value is unknown.
    pub name_unknown: bool,
}

impl Bucket<'_> {
    /// `aws_s3_bucket.logs`.
    #[must_use]
    pub fn address(&self) -> String {
        self.res.address()
    }
}

/// Which bucket an expression names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A bucket of this module (index into [`S3Module::buckets`]).
    Bucket(usize),
    /// A bucket this module does not declare.
    External,
    /// Cannot be told.
    Unknown,
}

/// A companion resource and the bucket its `bucket` argument names.
#[derive(Clone, Copy, Debug)]
pub struct Companion<'a> {
    pub file: &'a TfFile,
    pub res: Resource<'a>,
    pub target: Target,
}

/// The S3 resources of one module.
#[derive(Debug)]
pub struct S3Module<'a, 'p> {
    pub module: &'p Module<'a>,
    pub buckets: Vec<Bucket<'a>>,
    companions: BTreeMap<&'static str, Vec<Companion<'a>>>,
    /// Companion types with a companion of unknown bucket (here or in a caller).
    unknown: BTreeSet<&'static str>,
}

impl<'a, 'p> S3Module<'a, 'p> {
    /// Buckets of this module with a matched companion of `type_`.
    #[must_use]
    pub fn companions_of(&self, type_: &str, bucket: usize) -> Vec<&Companion<'a>> {
        self.companions
            .get(type_)
            .into_iter()
            .flatten()
            .filter(|c| c.target == Target::Bucket(bucket))
            .collect()
    }

    /// Every companion of `type_` in this module.
    #[must_use]
    pub fn companions(&self, type_: &str) -> &[Companion<'a>] {
        self.companions.get(type_).map_or(&[], Vec::as_slice)
    }

    /// Whether a missing companion of `type_` can be concluded.
    #[must_use]
    pub fn judgeable(&self, type_: &str) -> bool {
        !self.unknown.contains(type_)
    }

    /// Which bucket `e` names.
    #[must_use]
    pub fn target(&self, e: &'a Expr) -> Target {
        target(self.module, &self.buckets, e)
    }
}

fn target<'a>(m: &Module<'a>, buckets: &[Bucket<'a>], e: &'a Expr) -> Target {
    let e = unwrap_template(e);
    if let Some(path) = e.as_ref_path() {
        match path {
            [root, name, ..] if root == "aws_s3_bucket" => {
                return buckets
                    .iter()
                    .position(|b| b.res.name == name.as_str())
                    .map_or(Target::Unknown, Target::Bucket);
            }
            [root, ..] if root == "data" => return Target::External,
            _ => {}
        }
        // the very same `var.x` / `local.y` as a bucket's name
        if let Some(i) = buckets.iter().position(|b| {
            b.res
                .attr("bucket")
                .and_then(|a| unwrap_template(&a.value).as_ref_path())
                == Some(path)
        }) {
            return Target::Bucket(i);
        }
    }
    let Some(name) = m.resolve(e).as_str() else {
        return Target::Unknown;
    };
    if let Some(i) = buckets.iter().position(|b| b.name == Some(name)) {
        return Target::Bucket(i);
    }
    if buckets.iter().any(|b| b.name_unknown) {
        Target::Unknown
    } else {
        Target::External
    }
}

/// Managed resources of a module, with their files.
fn module_resources<'a>(m: &Module<'a>) -> Vec<(&'a TfFile, Resource<'a>)> {
    m.config_files()
        .flat_map(|f| f.resources().into_iter().map(move |r| (f, r)))
        .filter(|(_, r)| r.mode == ResourceMode::Managed)
        .collect()
}

/// `dir` joined with a local module source, normalised (`None` above the root).
fn join_dir(dir: &str, src: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in src.split('/') {
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

/// The S3 view of every module that declares a bucket or a companion, in module order.
#[must_use]
pub fn s3_modules<'a, 'p>(project: &'p Project<'a>) -> Vec<S3Module<'a, 'p>> {
    let mut out: Vec<S3Module<'a, 'p>> = Vec::new();
    // companion types made unjudgeable in child modules by callers: dir → types
    let mut from_callers: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    for m in &project.modules {
        let resources = module_resources(m);
        let buckets: Vec<Bucket<'a>> = resources
            .iter()
            .filter(|(_, r)| r.type_ == "aws_s3_bucket")
            .map(|(f, r)| {
                let attr = r.attr("bucket");
                let name = attr.and_then(|a| m.resolve(&a.value).as_str());
                Bucket {
                    file: f,
                    res: *r,
                    name,
                    name_unknown: attr.is_some() && name.is_none(),
                }
            })
            .collect();
        let mut companions: BTreeMap<&'static str, Vec<Companion<'a>>> = BTreeMap::new();
        let mut unknown: BTreeSet<&'static str> = BTreeSet::new();
        for (f, r) in &resources {
            let Some(type_) = COMPANIONS.iter().copied().find(|t| *t == r.type_) else {
                continue;
            };
            let t = r
                .attr("bucket")
                .map_or(Target::Unknown, |a| target(m, &buckets, &a.value));
            if t == Target::Unknown {
                unknown.insert(type_);
                // `bucket = module.child.bucket_id`: the child's buckets are unjudgeable too
                if let Some(a) = r.attr("bucket") {
                    for path in a.value.refs() {
                        let [root, call, ..] = path else { continue };
                        if root != "module" {
                            continue;
                        }
                        let src = m
                            .config_files()
                            .flat_map(TfFile::module_calls)
                            .find(|c| c.name == call.as_str())
                            .and_then(|c| c.source_str());
                        if let Some(dir) = src
                            .filter(|s| s.starts_with("./") || s.starts_with("../"))
                            .and_then(|s| join_dir(&m.dir, s))
                        {
                            from_callers.entry(dir).or_default().insert(type_);
                        }
                    }
                }
            }
            companions.entry(type_).or_default().push(Companion {
                file: f,
                res: *r,
                target: t,
            });
        }
        if buckets.is_empty() && companions.is_empty() {
            continue;
        }
        out.push(S3Module {
            module: m,
            buckets,
            companions,
            unknown,
        });
    }
    for s in &mut out {
        if let Some(types) = from_callers.get(&s.module.dir) {
            s.unknown.extend(types.iter().copied());
        }
    }
    out
}

/// The four flags of a public access block.
pub const PAB_FLAGS: [&str; 4] = [
    "block_public_acls",
    "block_public_policy",
    "ignore_public_acls",
    "restrict_public_buckets",
];

/// The value of one public-access-block flag: `Some(false)` also when absent (the default).
#[must_use]
pub fn pab_flag<'a>(m: &Module<'a>, r: &Resource<'a>, flag: &str) -> Option<bool> {
    match r.attr(flag) {
        None => Some(false),
        Some(a) => resolved_bool(m, &a.value),
    }
}

/// Whether some scanned module sets an account-wide public access block with all four flags
/// literally true (it overrides every bucket's own settings).
#[must_use]
pub fn account_blocks_public_access(project: &Project<'_>) -> bool {
    project.modules.iter().any(|m| {
        module_resources(m).iter().any(|(_, r)| {
            r.type_ == "aws_s3_account_public_access_block"
                && PAB_FLAGS.iter().all(|f| pab_flag(m, r, f) == Some(true))
        })
    })
}

// ---------------------------------------------------------------------------------------------
// Network helpers (TF032–TF035)

/// The whole internet as a source or destination.
pub const WORLD_CIDRS: &[&str] = &["0.0.0.0/0", "::/0"];

/// Administrative ports, as TF030 counts them: (port, service).
pub const ADMIN_PORTS: &[(u32, &str)] = &[
    (22, "SSH"),
    (3389, "RDP"),
    (23, "telnet"),
    (2375, "Docker API"),
    (2376, "Docker API"),
];

/// A world CIDR in a literal string or list of strings.
#[must_use]
pub fn world_cidr(e: &Expr) -> Option<&str> {
    if let Some(s) = e.as_str() {
        return WORLD_CIDRS.contains(&s).then_some(s);
    }
    e.as_list()?
        .iter()
        .filter_map(Expr::as_str)
        .find(|s| WORLD_CIDRS.contains(s))
}

/// A literal port number (`22`, `"22"`).
#[must_use]
pub fn port_of(e: &Expr) -> Option<u32> {
    let v = e.as_f64()?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (-1.0..=65535.0).contains(&v).then(|| v.max(0.0) as u32)
}

/// A port range written as text: `"22"`, `"1000-2000"`; `"*"` is every port.
#[must_use]
pub fn port_range(s: &str) -> Option<(u32, u32)> {
    let s = s.trim();
    if s == "*" {
        return Some((0, 65535));
    }
    match s.split_once('-') {
        Some((a, b)) => Some((a.trim().parse().ok()?, b.trim().parse().ok()?)),
        None => {
            let p = s.parse().ok()?;
            Some((p, p))
        }
    }
}

/// The admin ports inside `from..=to`, as `SSH 22, RDP 3389`; `all ports` for the full range.
#[must_use]
pub fn admin_ports_in(ranges: &[(u32, u32)]) -> Option<String> {
    if ranges.iter().any(|(f, t)| *f <= 1 && *t >= 65535) {
        return Some("all ports".to_string());
    }
    let names: Vec<String> = ADMIN_PORTS
        .iter()
        .filter(|(p, _)| ranges.iter().any(|(f, t)| f <= p && p <= t))
        .map(|(p, n)| format!("{n} {p}"))
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::parse::hcl;

    #[test]
    fn matching_by_reference_name_and_unknown() {
        let f = TfFile::new(
            "m/main.tf",
            hcl::parse(
                r#"
variable "n" { default = "named" }
variable "free" {}
resource "aws_s3_bucket" "a" { bucket = "named" }
resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket_versioning" "va" { bucket = var.n }
resource "aws_s3_bucket_versioning" "vb" { bucket = "${aws_s3_bucket.b.id}" }
resource "aws_s3_bucket_logging" "l" { bucket = var.free }
resource "aws_s3_bucket_acl" "x" { bucket = "elsewhere" }
"#,
            ),
            false,
        );
        let p = Project::new(&[&f]);
        let s = s3_modules(&p);
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert_eq!(s.companions_of(VERSIONING, 0).len(), 1);
        assert_eq!(s.companions_of(VERSIONING, 1).len(), 1);
        assert!(s.judgeable(VERSIONING));
        assert!(!s.judgeable(LOGGING));
        assert_eq!(s.companions(ACL)[0].target, Target::External);
    }

    #[test]
    fn ports() {
        assert_eq!(port_range("20-25"), Some((20, 25)));
        assert_eq!(port_range("*"), Some((0, 65535)));
        assert_eq!(
            admin_ports_in(&[(20, 25)]).as_deref(),
            Some("SSH 22, telnet 23")
        );
        assert_eq!(admin_ports_in(&[(443, 443)]), None);
    }
}
