//! HCL (Terraform) text → an owned, span-preserving syntax tree.
//!
//! Built on `hcl-edit` (lossless parser; byte spans on blocks, attributes, expressions,
//! template interpolations). Its tree is converted once into the small owned tree below, which
//! is what the Terraform model and rules walk; the conversion also covers Terraform's JSON
//! syntax (`.tf.json`, `.tfvars.json`, read through the span-preserving YAML layer), so rules
//! do not care which syntax a file uses.
//!
//! - **Never fails, never panics.** A file that does not parse gives one [`ParseError`] (hcl-edit
//!   stops at the first error) and an empty body.
//! - **Nesting.** hcl-edit refuses input nested deeper than 64 levels or with more than 128
//!   chained operators (a clean parse error, no recursion blow-up); the conversion here also
//!   stops descending at [`MAX_DEPTH`] and keeps the rest as an opaque expression.
//! - **Expressions.** Literals (`null`, booleans, numbers, strings without interpolation, lists
//!   and objects of literals) keep their values; references (`var.x`, `local.y`,
//!   `aws_s3_bucket.b.arn`) keep their dotted path; everything else (function calls,
//!   conditionals, operators, `for` expressions, templates with interpolations) is kept as an
//!   opaque expression with its sub-expressions, so rules can find the references inside but
//!   never mistake it for a literal.

use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::{Body as HclBody, Structure};
use hcl_edit::template::{Element, Template};

use super::ParseError;
use super::yaml;
use crate::source::Span;

/// Expressions nested deeper than this are kept opaque (hcl-edit already refuses input nested
/// deeper than 64 levels; this bounds our own recursion whatever the input).
pub const MAX_DEPTH: usize = 128;

/// A parsed HCL file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HclFile {
    pub body: Body,
    pub errors: Vec<ParseError>,
}

/// Attributes and blocks of a file or block, each in source order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Body {
    pub attrs: Vec<Attr>,
    pub blocks: Vec<Block>,
}

/// `key = value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Attr {
    pub key: String,
    /// The whole attribute.
    pub span: Span,
    pub key_span: Span,
    pub value: Expr,
}

/// `ident "label" … { body }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub ident: String,
    pub labels: Vec<Label>,
    /// The whole block.
    pub span: Span,
    pub ident_span: Span,
    pub body: Body,
}

/// A block label.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub value: String,
    pub span: Span,
}

/// An expression with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub span: Span,
    pub kind: ExprKind,
}

/// What an expression is, as far as a static reader can tell.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    /// The number as written.
    Number(String),
    /// A string without interpolations (heredocs included).
    Str(String),
    List(Vec<Expr>),
    Object(Vec<ObjectItem>),
    /// A reference: `var.x`, `local.y`, `aws_s3_bucket.b.arn`, `x[0].id` (index segments as
    /// `[0]`, `["k"]`, `[*]`, or `[?]` when computed).
    Ref(Vec<String>),
    /// A function call.
    Call {
        name: String,
        args: Vec<Expr>,
    },
    /// A string with interpolations or directives; `literal` is its literal text only.
    Template {
        literal: String,
        parts: Vec<Expr>,
    },
    /// Anything else (conditionals, operators, `for` expressions, expressions nested too
    /// deeply), with its sub-expressions.
    Other(Vec<Expr>),
}

/// `key = value` inside an object expression.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectItem {
    /// The key's text (identifier or literal string; empty for a computed key).
    pub key: String,
    pub key_span: Span,
    pub value: Expr,
}

impl Body {
    /// The attribute `key` (the first one, if the file repeats it).
    #[must_use]
    pub fn attr(&self, key: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.key == key)
    }

    /// The blocks named `ident`, in order.
    pub fn blocks<'a>(&'a self, ident: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.ident == ident)
    }

    /// The first block named `ident`.
    #[must_use]
    pub fn block(&self, ident: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.ident == ident)
    }

    /// Every attribute of this body and of its nested blocks, depth first (bounded by the
    /// parser's nesting limit).
    #[must_use]
    pub fn all_attrs(&self) -> Vec<&Attr> {
        let mut out = Vec::new();
        let mut stack: Vec<&Body> = vec![self];
        while let Some(b) = stack.pop() {
            out.extend(b.attrs.iter());
            stack.extend(b.blocks.iter().rev().map(|x| &x.body));
        }
        out
    }
}

impl Block {
    /// The `i`-th label's value.
    #[must_use]
    pub fn label(&self, i: usize) -> Option<&str> {
        self.labels.get(i).map(|l| l.value.as_str())
    }

    /// The header span: from the identifier to the last label (what a finding about the
    /// block as a whole should point at).
    #[must_use]
    pub fn header_span(&self) -> Span {
        self.labels
            .last()
            .map_or(self.ident_span, |l| self.ident_span.cover(l.span))
    }
}

impl Expr {
    /// The string value of a literal string.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value of a literal boolean (also the strings `"true"`/`"false"`, which Terraform
    /// converts).
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match &self.kind {
            ExprKind::Bool(b) => Some(*b),
            ExprKind::Str(s) if s == "true" => Some(true),
            ExprKind::Str(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// The value of a literal number (also numeric strings).
    #[must_use]
    pub fn as_f64(&self) -> Option<f64> {
        match &self.kind {
            ExprKind::Number(n) | ExprKind::Str(n) => n.trim().parse().ok(),
            _ => None,
        }
    }

    /// The elements of a literal list.
    #[must_use]
    pub fn as_list(&self) -> Option<&[Expr]> {
        match &self.kind {
            ExprKind::List(v) => Some(v),
            _ => None,
        }
    }

    /// The items of an object expression.
    #[must_use]
    pub fn as_object(&self) -> Option<&[ObjectItem]> {
        match &self.kind {
            ExprKind::Object(v) => Some(v),
            _ => None,
        }
    }

    /// The value of `key` in an object expression.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Expr> {
        self.as_object()?
            .iter()
            .find(|i| i.key == key)
            .map(|i| &i.value)
    }

    /// The dotted path of a reference (`["var", "x"]`).
    #[must_use]
    pub fn as_ref_path(&self) -> Option<&[String]> {
        match &self.kind {
            ExprKind::Ref(p) => Some(p),
            _ => None,
        }
    }

    /// Whether the value is known without evaluating anything: a literal, or a list/object of
    /// literals.
    #[must_use]
    pub fn is_literal(&self) -> bool {
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Null | ExprKind::Bool(_) | ExprKind::Number(_) | ExprKind::Str(_) => {}
                ExprKind::List(v) => stack.extend(v.iter()),
                ExprKind::Object(items) => stack.extend(items.iter().map(|i| &i.value)),
                _ => return false,
            }
        }
        true
    }

    /// Every reference inside this expression (itself included), in source order.
    #[must_use]
    pub fn refs(&self) -> Vec<&[String]> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            match &e.kind {
                ExprKind::Ref(p) => out.push(p.as_slice()),
                ExprKind::List(v) | ExprKind::Other(v) => stack.extend(v.iter().rev()),
                ExprKind::Call { args, .. } => stack.extend(args.iter().rev()),
                ExprKind::Template { parts, .. } => stack.extend(parts.iter().rev()),
                ExprKind::Object(items) => stack.extend(items.iter().rev().map(|i| &i.value)),
                _ => {}
            }
        }
        out
    }
}

fn span_of(r: Option<std::ops::Range<usize>>, fallback: Span) -> Span {
    r.map_or(fallback, Span::from)
}

/// Parse HCL native syntax (`.tf`, `.tfvars`, `.terraform.lock.hcl`).
#[must_use]
pub fn parse(text: &str) -> HclFile {
    // hcl-edit is not known to panic; a panic on some input must still not end the scan
    let parsed = std::panic::catch_unwind(|| hcl_edit::parser::parse_body(text));
    let Ok(parsed) = parsed else {
        return HclFile {
            body: Body::default(),
            errors: vec![ParseError {
                message: "the HCL parser failed on this input (internal error)".to_string(),
                offset: 0,
            }],
        };
    };
    match parsed {
        Ok(body) => HclFile {
            body: convert_body(&body, Span::new(0, text.len()), 0),
            errors: Vec::new(),
        },
        Err(e) => {
            let loc = e.location();
            // hcl-edit reports a byte offset; clamp it into the text
            let offset = loc.offset().min(text.len());
            HclFile {
                body: Body::default(),
                errors: vec![ParseError {
                    message: format!(
                        "{} (line {}, column {})",
                        e.message(),
                        loc.line(),
                        loc.column()
                    ),
                    offset,
                }],
            }
        }
    }
}

fn convert_body(body: &HclBody, parent: Span, depth: usize) -> Body {
    let mut out = Body::default();
    if depth > MAX_DEPTH {
        return out;
    }
    for s in body.iter() {
        match s {
            Structure::Attribute(a) => {
                let span = span_of(a.span(), parent);
                out.attrs.push(Attr {
                    key: a.key.as_str().to_string(),
                    span,
                    key_span: span_of(a.key.span(), span),
                    value: convert_expr(&a.value, span, depth + 1),
                });
            }
            Structure::Block(b) => {
                let span = span_of(b.span(), parent);
                out.blocks.push(Block {
                    ident: b.ident.as_str().to_string(),
                    labels: b
                        .labels
                        .iter()
                        .map(|l| Label {
                            value: l.as_str().to_string(),
                            span: span_of(l.span(), span),
                        })
                        .collect(),
                    span,
                    ident_span: span_of(b.ident.span(), span),
                    body: convert_body(&b.body, span, depth + 1),
                });
            }
        }
    }
    out
}

fn convert_expr(e: &Expression, parent: Span, depth: usize) -> Expr {
    let span = span_of(e.span(), parent);
    if depth > MAX_DEPTH {
        return Expr {
            span,
            kind: ExprKind::Other(Vec::new()),
        };
    }
    let d = depth + 1;
    let kind = match e {
        Expression::Null(_) => ExprKind::Null,
        Expression::Bool(b) => ExprKind::Bool(*b.value()),
        Expression::Number(n) => ExprKind::Number(n.value().to_string()),
        Expression::String(s) => ExprKind::Str(s.value().clone()),
        Expression::Array(a) => {
            ExprKind::List(a.iter().map(|x| convert_expr(x, span, d)).collect())
        }
        Expression::Object(o) => ExprKind::Object(
            o.iter()
                .map(|(k, v)| {
                    let key_span = span_of(k.span(), span);
                    let key = match k {
                        ObjectKey::Ident(i) => i.as_str().to_string(),
                        ObjectKey::Expression(x) => match x {
                            Expression::String(s) => s.value().clone(),
                            Expression::Variable(v) => v.as_str().to_string(),
                            _ => String::new(),
                        },
                    };
                    ObjectItem {
                        key,
                        key_span,
                        value: convert_expr(v.expr(), span, d),
                    }
                })
                .collect(),
        ),
        Expression::StringTemplate(t) => template(t, span, d),
        Expression::HeredocTemplate(h) => template(&h.template, span, d),
        Expression::Parenthesis(p) => return convert_expr(p.inner(), span, d),
        Expression::Variable(v) => ExprKind::Ref(vec![v.as_str().to_string()]),
        Expression::Traversal(t) => {
            let mut path = Vec::new();
            let mut others = Vec::new();
            match &t.expr {
                Expression::Variable(v) => path.push(v.as_str().to_string()),
                other => others.push(convert_expr(other, span, d)),
            }
            for op in &t.operators {
                match op.value() {
                    TraversalOperator::GetAttr(i) => path.push(i.as_str().to_string()),
                    TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                        path.push("[*]".to_string());
                    }
                    TraversalOperator::LegacyIndex(n) => path.push(format!("[{}]", n.value())),
                    TraversalOperator::Index(x) => match x {
                        Expression::Number(n) => path.push(format!("[{}]", n.value())),
                        Expression::String(s) => path.push(format!("[\"{}\"]", s.value())),
                        other => {
                            path.push("[?]".to_string());
                            others.push(convert_expr(other, span, d));
                        }
                    },
                }
            }
            if others.is_empty() {
                ExprKind::Ref(path)
            } else {
                ExprKind::Other(others)
            }
        }
        Expression::FuncCall(f) => ExprKind::Call {
            name: f
                .name
                .namespace
                .iter()
                .map(|n| n.as_str())
                .chain(std::iter::once(f.name.name.as_str()))
                .collect::<Vec<_>>()
                .join("::"),
            args: f.args.iter().map(|x| convert_expr(x, span, d)).collect(),
        },
        Expression::Conditional(c) => ExprKind::Other(vec![
            convert_expr(&c.cond_expr, span, d),
            convert_expr(&c.true_expr, span, d),
            convert_expr(&c.false_expr, span, d),
        ]),
        Expression::UnaryOp(u) => ExprKind::Other(vec![convert_expr(&u.expr, span, d)]),
        Expression::BinaryOp(b) => ExprKind::Other(vec![
            convert_expr(&b.lhs_expr, span, d),
            convert_expr(&b.rhs_expr, span, d),
        ]),
        Expression::ForExpr(f) => {
            let mut v = vec![convert_expr(&f.intro.collection_expr, span, d)];
            if let Some(k) = &f.key_expr {
                v.push(convert_expr(k, span, d));
            }
            v.push(convert_expr(&f.value_expr, span, d));
            if let Some(c) = &f.cond {
                v.push(convert_expr(&c.expr, span, d));
            }
            ExprKind::Other(v)
        }
    };
    Expr { span, kind }
}

/// A template: a plain string when it is only literal text.
fn template(t: &Template, span: Span, depth: usize) -> ExprKind {
    let mut literal = String::new();
    let mut parts = Vec::new();
    let mut dynamic = false;
    for el in t.iter() {
        match el {
            Element::Literal(s) => literal.push_str(s.value()),
            Element::Interpolation(i) => {
                dynamic = true;
                parts.push(convert_expr(&i.expr, span, depth));
            }
            Element::Directive(_) => dynamic = true,
        }
    }
    if dynamic {
        ExprKind::Template { literal, parts }
    } else {
        ExprKind::Str(literal)
    }
}

// ---------------------------------------------------------------------------------------------
// JSON syntax (`.tf.json`, `.tfvars.json`)

/// How many labels a top-level block type takes in JSON syntax.
fn json_labels(ident: &str) -> usize {
    match ident {
        "resource" | "data" | "ephemeral" => 2,
        "variable" | "output" | "module" | "provider" | "check" => 1,
        _ => 0,
    }
}

/// Nested keys that are blocks (not object attributes) in JSON syntax, with their label
/// count. Anything else is read as an attribute.
fn json_nested_block(parent: &str, key: &str) -> Option<usize> {
    match (parent, key) {
        ("terraform", "backend") | (_, "provisioner" | "dynamic") => Some(1),
        ("terraform", "required_providers" | "cloud")
        | (
            _,
            "lifecycle" | "connection" | "ingress" | "egress" | "metadata_options" | "versioning",
        ) => Some(0),
        _ => None,
    }
}

/// Parse Terraform JSON syntax. `vars` files (`.tfvars.json`) are one flat body of attributes.
#[must_use]
pub fn parse_json(text: &str, vars: bool) -> HclFile {
    let y = yaml::parse(text);
    let mut out = HclFile {
        body: Body::default(),
        errors: y.errors.clone(),
    };
    let Some(doc) = y.docs.first() else {
        return out;
    };
    let root = &doc.root;
    if root.as_map().is_none() {
        if out.errors.is_empty() && !root.is_null() {
            out.errors.push(ParseError {
                message: "Terraform JSON must be an object at the top level".to_string(),
                offset: root.span.start,
            });
        }
        return out;
    }
    if vars {
        out.body = json_body("", root, 0);
        return out;
    }
    for (k, v) in root.iter_map() {
        let Some(ident) = k.as_str() else { continue };
        if ident == "//" {
            continue; // JSON syntax comment
        }
        json_blocks(
            ident,
            k.span,
            json_labels(ident),
            Vec::new(),
            v,
            &mut out.body,
            0,
        );
    }
    out
}

fn json_blocks(
    ident: &str,
    ident_span: Span,
    labels_left: usize,
    labels: Vec<Label>,
    v: &yaml::Node,
    out: &mut Body,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    if labels_left > 0 {
        if let Some(seq) = v.as_seq() {
            for item in seq {
                json_blocks(
                    ident,
                    ident_span,
                    labels_left,
                    labels.clone(),
                    item,
                    out,
                    depth + 1,
                );
            }
            return;
        }
        for (k, inner) in v.iter_map() {
            let Some(label) = k.as_str() else { continue };
            let mut l = labels.clone();
            l.push(Label {
                value: label.to_string(),
                span: k.span,
            });
            json_blocks(ident, ident_span, labels_left - 1, l, inner, out, depth + 1);
        }
        return;
    }
    if let Some(seq) = v.as_seq() {
        for item in seq {
            json_blocks(ident, ident_span, 0, labels.clone(), item, out, depth + 1);
        }
        return;
    }
    out.blocks.push(Block {
        ident: ident.to_string(),
        labels,
        span: ident_span.cover(v.span),
        ident_span,
        body: json_body(ident, v, depth + 1),
    });
}

fn json_body(ident: &str, v: &yaml::Node, depth: usize) -> Body {
    let mut body = Body::default();
    if depth > MAX_DEPTH {
        return body;
    }
    for (k, val) in v.iter_map() {
        let Some(key) = k.as_str() else { continue };
        if key == "//" {
            continue;
        }
        if ident == "locals" || ident.is_empty() {
            body.attrs.push(json_attr(key, k.span, val, depth));
            continue;
        }
        match json_nested_block(ident, key) {
            Some(n) if val.as_map().is_some() || val.as_seq().is_some() => {
                json_blocks(key, k.span, n, Vec::new(), val, &mut body, depth + 1);
            }
            _ => body.attrs.push(json_attr(key, k.span, val, depth)),
        }
    }
    body
}

fn json_attr(key: &str, key_span: Span, v: &yaml::Node, depth: usize) -> Attr {
    Attr {
        key: key.to_string(),
        span: key_span.cover(v.span),
        key_span,
        value: json_expr(v, depth + 1),
    }
}

fn json_expr(v: &yaml::Node, depth: usize) -> Expr {
    let span = v.span;
    if depth > MAX_DEPTH {
        return Expr {
            span,
            kind: ExprKind::Other(Vec::new()),
        };
    }
    let kind = if v.is_null() {
        ExprKind::Null
    } else if let Some(b) = v.as_bool() {
        ExprKind::Bool(b)
    } else if let Some(s) = v.as_str() {
        json_string(s)
    } else if let Some(seq) = v.as_seq() {
        ExprKind::List(seq.iter().map(|x| json_expr(x, depth + 1)).collect())
    } else if v.as_map().is_some() {
        ExprKind::Object(
            v.iter_map()
                .map(|(k, val)| ObjectItem {
                    key: k.as_str().unwrap_or("").to_string(),
                    key_span: k.span,
                    value: json_expr(val, depth + 1),
                })
                .collect(),
        )
    } else if let Some(i) = v.as_i64() {
        ExprKind::Number(i.to_string())
    } else if let Some(f) = v.as_f64() {
        ExprKind::Number(f.to_string())
    } else {
        ExprKind::Other(Vec::new())
    };
    Expr { span, kind }
}

/// A JSON string is a template in Terraform's JSON syntax: `"${var.x}"` is a reference.
fn json_string(s: &str) -> ExprKind {
    if !s.contains("${") && !s.contains("%{") {
        return ExprKind::Str(s.to_string());
    }
    if let Some(inner) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
        let inner = inner.trim();
        let simple = !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if simple {
            return ExprKind::Ref(inner.split('.').map(str::to_string).collect());
        }
    }
    ExprKind::Template {
        literal: s.to_string(),
        parts: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    const SRC: &str = r#"terraform {
  required_version = ">= 1.5"
  backend "s3" {
    bucket = "state"
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs-${var.env}"
  acl    = "private"
  count  = var.n > 0 ? 1 : 0
  tags = {
    Name = "logs"
  }
  lifecycle {
    prevent_destroy = true
  }
}
"#;

    #[test]
    fn spans_and_values() {
        let f = parse(SRC);
        assert!(f.errors.is_empty());
        let tf = f.body.block("terraform").unwrap();
        let rv = tf.body.attr("required_version").unwrap();
        assert_eq!(&SRC[rv.span.range()], "required_version = \">= 1.5\"");
        assert_eq!(rv.value.as_str(), Some(">= 1.5"));
        let be = tf.body.block("backend").unwrap();
        assert_eq!(be.label(0), Some("s3"));
        assert_eq!(&SRC[be.header_span().range()], "backend \"s3\"");
        let r = f.body.block("resource").unwrap();
        assert_eq!(r.label(1), Some("logs"));
        let bucket = r.body.attr("bucket").unwrap();
        assert!(matches!(bucket.value.kind, ExprKind::Template { .. }));
        assert_eq!(
            bucket.value.refs(),
            vec![&["var".to_string(), "env".to_string()][..]]
        );
        assert_eq!(r.body.attr("acl").unwrap().value.as_str(), Some("private"));
        assert!(!r.body.attr("count").unwrap().value.is_literal());
        let tags = &r.body.attr("tags").unwrap().value;
        assert!(tags.is_literal());
        assert_eq!(tags.get("Name").and_then(Expr::as_str), Some("logs"));
        let lc = r.body.block("lifecycle").unwrap();
        assert_eq!(
            lc.body.attr("prevent_destroy").unwrap().value.as_bool(),
            Some(true)
        );
    }

    #[test]
    fn errors_are_reported_not_raised() {
        let f = parse("resource \"a\" {\n  x = \n");
        assert_eq!(f.errors.len(), 1);
        let deep = format!("x = {}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(parse(&deep).errors.len(), 1);
        let blocks = "a {\n".repeat(10_000);
        assert_eq!(parse(&blocks).errors.len(), 1);
    }

    #[test]
    fn json_syntax() {
        let src = r#"{
  "terraform": {"backend": {"s3": {"bucket": "b", "key": "k"}}},
  "resource": {"aws_db_instance": {"db": {"password": "hunter22", "name": "${var.n}"}}},
  "variable": {"n": {"default": "x"}}
}"#;
        let f = parse_json(src, false);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        let be = f
            .body
            .block("terraform")
            .unwrap()
            .body
            .block("backend")
            .unwrap();
        assert_eq!(be.label(0), Some("s3"));
        assert_eq!(be.body.attr("key").unwrap().value.as_str(), Some("k"));
        let r = f.body.block("resource").unwrap();
        assert_eq!(r.label(0), Some("aws_db_instance"));
        let pw = r.body.attr("password").unwrap();
        assert_eq!(&src[pw.value.span.range()], "\"hunter22\"");
        assert_eq!(
            r.body.attr("name").unwrap().value.as_ref_path(),
            Some(&["var".to_string(), "n".to_string()][..])
        );
    }
}
