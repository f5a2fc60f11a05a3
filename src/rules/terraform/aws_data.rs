//! Shared logic of the AWS data-store and compute rules (TF045–TF053, TF060–TF066).
//!
//! These rules run over the whole scan ([`TerraformModuleRule`](crate::rules::TerraformModuleRule))
//! so that an argument set from `var.x` or `local.y` is judged by the literal it resolves to
//! in its module ([`Module::resolve`]); anything else (a variable without a default, a module
//! output, `each.value`, a function call) is unknown and never reported.
//!
//! Nested blocks are read in both syntaxes: a block in `.tf`, an object (or a list of
//! objects) in `.tf.json`, and the `content` of a `dynamic "<name>"` block.

use crate::finding::Diagnostic;
use crate::model::terraform::{Module, Project, Resource, ResourceMode, TfFile};
use crate::parse::hcl::{Body, Expr, ExprKind};
use crate::rules::{RuleMeta, SurfaceDiagnostic};
use crate::source::Span;

/// Call `f` for every managed resource whose type is in `types`, in every module of the
/// scan (modules in directory order, files in path order, resources in file order).
pub fn each_resource<'p>(
    project: &Project<'p>,
    types: &[&str],
    mut f: impl FnMut(&Module<'p>, &'p TfFile, &Resource<'p>),
) {
    for m in &project.modules {
        for file in m.config_files() {
            for r in file.resources() {
                if r.mode == ResourceMode::Managed && types.contains(&r.type_) {
                    f(m, file, &r);
                }
            }
        }
    }
}

/// Whether the module declares a managed resource of type `type_` for which `pred` holds.
pub fn module_has(
    m: &Module<'_>,
    type_: &str,
    mut pred: impl FnMut(&Resource<'_>) -> bool,
) -> bool {
    m.config_files().any(|f| {
        f.resources()
            .iter()
            .any(|r| r.mode == ResourceMode::Managed && r.type_ == type_ && pred(r))
    })
}

/// A fact about a module computed once per module, not once per resource
/// ([`each_resource`] visits the modules one after another).
#[derive(Debug, Default)]
pub struct PerModule {
    dir: Option<String>,
    value: bool,
}

impl PerModule {
    /// The fact for module `m`, computing it with `f` when `m` is a new module.
    pub fn get(&mut self, m: &Module<'_>, f: impl FnOnce(&Module<'_>) -> bool) -> bool {
        if self.dir.as_deref() != Some(m.dir.as_str()) {
            self.value = f(m);
            self.dir = Some(m.dir.clone());
        }
        self.value
    }
}

/// An argument after resolution in its module.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    /// Not written, or `null`: the provider default applies.
    Missing,
    /// Not known statically: never reported.
    Unknown,
    /// A literal value (`written` is the expression in the resource, `value` its literal).
    Known { written: &'a Expr, value: &'a Expr },
}

impl<'a> Arg<'a> {
    /// Resolve `e` (the argument's expression, if written) in module `m`.
    #[must_use]
    pub fn of(m: &Module<'a>, e: Option<&'a Expr>) -> Arg<'a> {
        let Some(written) = e else {
            return Arg::Missing;
        };
        match m.resolve(written).value() {
            None => Arg::Unknown,
            Some(v) if matches!(v.kind, ExprKind::Null) => Arg::Missing,
            Some(value) => Arg::Known { written, value },
        }
    }

    /// The literal boolean: `Some(Some(b))` known, `Some(None)` missing, `None` unknown (or
    /// not a boolean).
    #[must_use]
    pub fn flag(self) -> Option<Option<bool>> {
        match self {
            Arg::Missing => Some(None),
            Arg::Unknown => None,
            Arg::Known { value, .. } => value.as_bool().map(Some),
        }
    }

    /// The literal string, if known.
    #[must_use]
    pub fn str(self) -> Option<&'a str> {
        match self {
            Arg::Known { value, .. } => value.as_str(),
            _ => None,
        }
    }

    /// The literal number, if known.
    #[must_use]
    pub fn number(self) -> Option<f64> {
        match self {
            Arg::Known { value, .. } => value.as_f64(),
            _ => None,
        }
    }

    /// Whether the argument is written (known or not).
    #[must_use]
    pub fn is_set(self) -> bool {
        !matches!(self, Arg::Missing)
    }

    /// The span of the written expression, if written.
    #[must_use]
    pub fn span(self) -> Option<Span> {
        match self {
            Arg::Known { written, .. } => Some(written.span),
            _ => None,
        }
    }

    /// `false`, `"MUTABLE"`, or `false (from var.x)` when it came through a variable or local.
    #[must_use]
    pub fn shown(self) -> String {
        let Arg::Known { written, value } = self else {
            return String::new();
        };
        let lit = literal_text(value);
        match written.as_ref_path() {
            Some(p) if !std::ptr::eq(written, value) => format!("{lit} (from {})", p.join(".")),
            _ => lit,
        }
    }
}

fn literal_text(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Null => "null".to_string(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Number(n) => n.clone(),
        ExprKind::Str(s) => format!("\"{s}\""),
        ExprKind::List(v) => format!(
            "[{}]",
            v.iter().map(literal_text).collect::<Vec<_>>().join(", ")
        ),
        _ => "{…}".to_string(),
    }
}

/// A top-level argument of a resource, resolved in its module.
#[must_use]
pub fn arg<'a>(m: &Module<'a>, r: &Resource<'a>, key: &str) -> Arg<'a> {
    Arg::of(m, r.attr(key).map(|a| &a.value))
}

/// The body of one nested block, in either syntax.
#[derive(Clone, Copy, Debug)]
enum NestedBody<'a> {
    Block(&'a Body),
    Object(&'a Expr),
}

/// One nested block (`metadata_options { … }`), a JSON object standing for one, or the
/// `content` of a `dynamic` block generating them.
#[derive(Clone, Copy, Debug)]
pub struct Nested<'a> {
    body: NestedBody<'a>,
    /// The block's identifier (or JSON key, or `dynamic` label).
    pub span: Span,
    /// The `content` of a `dynamic` block: generates zero or more blocks.
    pub dynamic: bool,
}

impl<'a> Nested<'a> {
    /// The expression of argument `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'a Expr> {
        match self.body {
            NestedBody::Block(b) => b.attr(key).map(|a| &a.value),
            NestedBody::Object(o) => o.get(key),
        }
    }

    /// Argument `key`, resolved in module `m`.
    #[must_use]
    pub fn arg(&self, m: &Module<'a>, key: &str) -> Arg<'a> {
        Arg::of(m, self.get(key))
    }
}

/// The nested blocks `name` of `body`, whatever the syntax.
#[derive(Clone, Debug, Default)]
pub struct NestedSet<'a> {
    /// Static blocks and `dynamic` contents, in source order.
    pub items: Vec<Nested<'a>>,
    /// Written in a form that cannot be read statically (a JSON value that is a reference,
    /// a `dynamic` block without a readable `content`).
    pub unknown: bool,
}

impl<'a> NestedSet<'a> {
    /// The static (non-`dynamic`) blocks.
    pub fn fixed(&self) -> impl Iterator<Item = &Nested<'a>> {
        self.items.iter().filter(|n| !n.dynamic)
    }

    /// Nothing written at all (no block, no `dynamic`, nothing unreadable).
    #[must_use]
    pub fn is_absent(&self) -> bool {
        self.items.is_empty() && !self.unknown
    }
}

fn push_objects<'a>(e: &'a Expr, span: Span, dynamic: bool, set: &mut NestedSet<'a>) {
    match &e.kind {
        ExprKind::Object(_) => set.items.push(Nested {
            body: NestedBody::Object(e),
            span,
            dynamic,
        }),
        ExprKind::List(v) => {
            for item in v {
                if matches!(item.kind, ExprKind::Object(_)) {
                    set.items.push(Nested {
                        body: NestedBody::Object(item),
                        span,
                        dynamic,
                    });
                } else {
                    set.unknown = true;
                }
            }
        }
        ExprKind::Null => {}
        _ => set.unknown = true,
    }
}

/// The nested blocks `name` of `body`: `name { … }` blocks, a JSON-syntax `"name": {…}` or
/// `[{…}]`, and `dynamic "name" { content { … } }`.
#[must_use]
pub fn nested<'a>(body: &'a Body, name: &str) -> NestedSet<'a> {
    let mut set = NestedSet::default();
    for b in body.blocks.iter().filter(|b| b.ident == name) {
        set.items.push(Nested {
            body: NestedBody::Block(&b.body),
            span: b.ident_span,
            dynamic: false,
        });
    }
    if let Some(a) = body.attr(name) {
        push_objects(&a.value, a.key_span, false, &mut set);
    }
    for d in body.blocks("dynamic").filter(|d| d.label(0) == Some(name)) {
        let span = d.labels.first().map_or(d.ident_span, |l| l.span);
        if let Some(c) = d.body.block("content") {
            set.items.push(Nested {
                body: NestedBody::Block(&c.body),
                span,
                dynamic: true,
            });
        } else if let Some(c) = d.body.attr("content") {
            push_objects(&c.value, span, true, &mut set);
        } else {
            set.unknown = true;
        }
    }
    set.items.sort_by_key(|n| n.span.start);
    set
}

/// Whether a list argument (after resolution) holds the string `s` (`Some(false)` when
/// missing); `None` when unknown.
#[must_use]
pub fn list_has(arg: Arg<'_>, s: &str) -> Option<bool> {
    match arg {
        Arg::Missing => Some(false),
        Arg::Unknown => None,
        Arg::Known { value, .. } => {
            let v = value.as_list()?;
            Some(v.iter().any(|x| x.as_str() == Some(s)))
        }
    }
}

/// Whether an `aws_db_instance` is a read replica (`replicate_source_db` written, known or
/// not): replicas inherit storage encryption and need no backups or standby of their own.
#[must_use]
pub fn is_replica(r: &Resource<'_>) -> bool {
    r.attr("replicate_source_db")
        .is_some_and(|a| !matches!(a.value.kind, ExprKind::Null))
}

/// Whether the resource's `engine` is a known Aurora engine (`aurora-mysql`,
/// `aurora-postgresql`): an Aurora instance's storage, backups and failover belong to its
/// cluster.
#[must_use]
pub fn is_aurora(m: &Module<'_>, r: &Resource<'_>) -> bool {
    arg(m, r, "engine")
        .str()
        .is_some_and(|e| e.starts_with("aurora"))
}

/// Whether the resource is restored from a snapshot or a point in time (it inherits the
/// source's encryption).
#[must_use]
pub fn is_restored(r: &Resource<'_>) -> bool {
    r.attr("snapshot_identifier")
        .is_some_and(|a| !matches!(a.value.kind, ExprKind::Null))
        || !nested(r.body(), "restore_to_point_in_time").is_absent()
}

/// Where a finding about a resource as a whole (a missing argument) points: the block
/// header `resource "type" "name"`, or in JSON syntax (where the header spans several lines)
/// the resource's name key.
#[must_use]
pub fn resource_span(file: &TfFile, r: &Resource<'_>) -> Span {
    match r.block.labels.last() {
        Some(l) if file.json => l.span,
        _ => r.block.header_span(),
    }
}

/// Push a finding of `meta` pointing into `file`.
pub fn report(
    out: &mut Vec<SurfaceDiagnostic>,
    meta: &'static RuleMeta,
    file: &TfFile,
    span: Span,
    message: String,
    anchor: String,
) {
    out.push(SurfaceDiagnostic::in_file(
        &file.path,
        Diagnostic::new(meta, span, message).anchor(anchor),
    ));
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::model::terraform::Project;
    use crate::parse::hcl;

    fn file(path: &str, src: &str) -> TfFile {
        let json = path.ends_with(".json");
        let h = if json {
            hcl::parse_json(src, false)
        } else {
            hcl::parse(src)
        };
        TfFile::new(path, h, json)
    }

    #[test]
    fn nested_blocks_in_both_syntaxes_and_dynamic() {
        let f = file(
            "main.tf",
            "resource \"x\" \"a\" {\n  opts {\n    k = 1\n  }\n  dynamic \"opts\" {\n    for_each = var.o\n    content {\n      k = 2\n    }\n  }\n}\n",
        );
        let r = &f.resources()[0];
        let set = nested(r.body(), "opts");
        assert_eq!(set.items.len(), 2);
        assert_eq!(set.fixed().count(), 1);
        assert!(set.items[1].dynamic);
        let j = file(
            "main.tf.json",
            "{\"resource\": {\"x\": {\"a\": {\"opts\": [{\"k\": 1}], \"other\": \"${var.o}\"}}}}",
        );
        let r = &j.resources()[0];
        assert_eq!(nested(r.body(), "opts").items.len(), 1);
        assert!(nested(r.body(), "other").unknown);
        assert!(nested(r.body(), "none").is_absent());
    }

    #[test]
    fn arguments_resolve_through_variables() {
        let f = file(
            "main.tf",
            "variable \"on\" {\n  default = false\n}\nvariable \"free\" {}\nresource \"x\" \"a\" {\n  a = var.on\n  b = var.free\n  c = null\n}\n",
        );
        let files = [&f];
        let p = Project::new(&files);
        let m = &p.modules[0];
        let r = &f.resources()[0];
        assert_eq!(arg(m, r, "a").flag(), Some(Some(false)));
        assert_eq!(arg(m, r, "a").shown(), "false (from var.on)");
        assert_eq!(arg(m, r, "b").flag(), None);
        assert_eq!(arg(m, r, "c").flag(), Some(None));
        assert_eq!(arg(m, r, "d").flag(), Some(None));
    }
}
