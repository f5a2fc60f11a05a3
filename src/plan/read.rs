//! Read a plan JSON (`terraform show -json PLAN`, `tofu show -json PLAN`) into the [`Plan`]
//! model, **streaming**: `resource_changes` and `resource_drift` are deserialised element by
//! element and each element is reduced at once (redacted, unneeded attributes dropped, no-op
//! changes only counted), so memory grows with what the rules need, not with the file.
//!
//! Follows the documented JSON output format (`format_version` 1.x; written against 1.2, the
//! version Terraform 1.5–1.11 and OpenTofu emit). Any other major version is refused.
//!
//! Locations: the reader counts bytes, lines and columns as serde_json consumes them, so each
//! change knows where its `"address"` member is without a second pass over the text.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::rc::Rc;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::classify::{self, Class};
use super::model::{
    Action, AttrDiff, Change, Loc, OutputChange, Plan, SENSITIVE, UNKNOWN, show, strip_keys,
};
use crate::model::terraform::is_secret_name;

/// Why a plan could not be read (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Json(String),
    #[error("unsupported plan format_version \"{0}\" (ironlaw reads format 1.x)")]
    Version(String),
    #[error("not a Terraform plan JSON: {0}")]
    NotAPlan(String),
}

/// Attributes rules read, kept whatever the action.
const KEEP: &[&str] = &[
    "deletion_protection",
    "enable_deletion_protection",
    "skip_final_snapshot",
    "force_destroy",
    "prevent_destroy",
    "termination_protection",
    "ingress",
    "security_rule",
    "type",
    "cidr_blocks",
    "ipv6_cidr_blocks",
    "cidr_ipv4",
    "cidr_ipv6",
    "cidr_block",
    "ipv6_cidr_block",
    "from_port",
    "to_port",
    "protocol",
    "ip_protocol",
    "rule_action",
    "egress",
    "direction",
    "source_ranges",
    "allow",
    "disabled",
    "access",
    "source_address_prefix",
    "source_address_prefixes",
    "destination_port_range",
    "destination_port_ranges",
    "policy",
    "assume_role_policy",
    "inline_policy",
    "policy_data",
    "role",
    "member",
    "members",
    "role_definition_name",
    "principal_id",
];

/// Extra attributes kept for DNS records (zone and record names).
const KEEP_DNS: &[&str] = &[
    "name",
    "zone_id",
    "managed_zone",
    "zone_name",
    "fqdn",
    "type",
];

/// Most changed attributes kept per change (for the explanation).
const MAX_CHANGED: usize = 32;
/// Most addresses with sensitive values listed.
const MAX_SENSITIVE_LISTED: usize = 1000;
/// Variable names whose (non-sensitive, short) value may name the environment.
pub const ENV_VARIABLES: &[&str] = &[
    "environment",
    "env",
    "stage",
    "workspace",
    "environment_name",
    "env_name",
    "tier",
];

/// Position of the reader, shared between the counting reader and the visitors.
#[derive(Debug, Default)]
struct Pos {
    offset: Cell<usize>,
    line: Cell<usize>,
    column: Cell<usize>,
}

impl Pos {
    fn now(&self) -> (usize, usize, usize) {
        (self.offset.get(), self.line.get(), self.column.get())
    }
}

/// Counts what serde_json reads (it reads byte by byte through `io::Bytes` and never peeks
/// past a string's closing quote, so the count is exact at key and value boundaries).
struct Counting<R> {
    inner: R,
    pos: Rc<Pos>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let (mut off, mut line, mut col) = self.pos.now();
        for &b in buf.get(..n).unwrap_or(&[]) {
            off += 1;
            if b == b'\n' {
                line += 1;
                col = 0;
            } else if b & 0xC0 != 0x80 {
                col += 1;
            }
        }
        self.pos.offset.set(off);
        self.pos.line.set(line);
        self.pos.column.set(col);
        Ok(n)
    }
}

/// Read a plan from a reader (a file, standard input, a byte slice).
///
/// # Errors
/// Malformed JSON, an unsupported `format_version`, or JSON that is not a plan.
pub fn read<R: Read>(reader: R) -> Result<Plan, ReadError> {
    let pos = Rc::new(Pos {
        offset: Cell::new(0),
        line: Cell::new(1),
        column: Cell::new(0),
    });
    let counting = Counting {
        inner: std::io::BufReader::with_capacity(1 << 16, reader),
        pos: Rc::clone(&pos),
    };
    let mut de = serde_json::Deserializer::from_reader(counting);
    let mut top = Top::default();
    TopSeed {
        pos: &pos,
        top: &mut top,
    }
    .deserialize(&mut de)
    .map_err(|e| ReadError::Json(e.to_string()))?;
    de.end().map_err(|e| ReadError::Json(e.to_string()))?;
    top.finish()
}

/// Read a plan from bytes.
///
/// # Errors
/// See [`read`].
pub fn read_slice(bytes: &[u8]) -> Result<Plan, ReadError> {
    read(bytes)
}

#[derive(Default)]
struct Top {
    plan: Plan,
    format_version: Option<String>,
    seen_plan_key: bool,
    seen_state_values: bool,
    /// Variable values (only for environment-ish names), before we know which are sensitive.
    variables: BTreeMap<String, Option<String>>,
    config_sensitive: Vec<String>,
}

impl Top {
    fn finish(mut self) -> Result<Plan, ReadError> {
        let Some(v) = self.format_version else {
            return Err(ReadError::NotAPlan("no \"format_version\"".to_string()));
        };
        let major = v.split('.').next().unwrap_or("");
        if major != "1" {
            return Err(ReadError::Version(v));
        }
        if !self.seen_plan_key {
            return Err(ReadError::NotAPlan(if self.seen_state_values {
                "this is a state (\"values\"), not a plan; run `terraform show -json PLANFILE`"
                    .to_string()
            } else {
                "no \"resource_changes\" or \"planned_values\"".to_string()
            }));
        }
        self.plan.format_version = v;
        for name in &self.config_sensitive {
            if let Some(val) = self.variables.get_mut(name) {
                *val = None; // never keep a sensitive value
                self.plan.sensitive_variables.push(name.clone());
            }
        }
        self.plan.sensitive_variables.sort();
        self.plan.variables = self.variables;
        Ok(self.plan)
    }
}

struct TopSeed<'a> {
    pos: &'a Rc<Pos>,
    top: &'a mut Top,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Terraform plan JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let top = self.top;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format_version" => top.format_version = Some(map.next_value::<String>()?),
                "terraform_version" => top.plan.terraform_version = map.next_value::<String>()?,
                "resource_changes" => {
                    top.seen_plan_key = true;
                    map.next_value_seed(ChangesSeed {
                        pos: self.pos,
                        plan: &mut top.plan,
                        drift: false,
                    })?;
                }
                "resource_drift" => {
                    map.next_value_seed(ChangesSeed {
                        pos: self.pos,
                        plan: &mut top.plan,
                        drift: true,
                    })?;
                }
                "planned_values" => {
                    top.seen_plan_key = true;
                    map.next_value::<IgnoredAny>()?;
                }
                "values" => {
                    top.seen_state_values = true;
                    map.next_value::<IgnoredAny>()?;
                }
                "output_changes" => {
                    let outs = map.next_value::<Option<BTreeMap<String, RawOutput>>>()?;
                    for (name, o) in outs.unwrap_or_default() {
                        let sensitive = (is_true(&o.before_sensitive) && !o.before.is_null())
                            || (is_true(&o.after_sensitive) && !o.after.is_null());
                        top.plan.outputs.push(OutputChange {
                            name,
                            action: Some(Action::from_actions(&o.actions)),
                            sensitive,
                        });
                    }
                }
                "variables" => {
                    let vars = map.next_value::<Option<BTreeMap<String, RawVariable>>>()?;
                    for (name, v) in vars.unwrap_or_default() {
                        if v.value.is_null() {
                            continue;
                        }
                        let keep = ENV_VARIABLES.contains(&name.to_ascii_lowercase().as_str());
                        let value = match (&v.value, keep) {
                            (Value::String(s), true) if s.len() <= 64 => Some(s.clone()),
                            _ => None,
                        };
                        top.variables.insert(name, value);
                    }
                }
                "configuration" => {
                    let c = map.next_value::<Option<RawConfig>>()?;
                    if let Some(c) = c {
                        if let Some(root) = c.root_module {
                            for (name, v) in &root.variables {
                                if v.sensitive {
                                    top.config_sensitive.push(name.clone());
                                }
                            }
                            collect_prevent_destroy(&root, "", 0, &mut top.plan.prevent_destroy);
                        }
                    }
                }
                "errored" => top.plan.errored = map.next_value::<Option<bool>>()?.unwrap_or(false),
                "complete" => top.plan.complete = map.next_value::<Option<bool>>()?,
                "applyable" => top.plan.applyable = map.next_value::<Option<bool>>()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

fn is_true(v: &Value) -> bool {
    matches!(v, Value::Bool(true))
}

#[derive(Deserialize)]
struct RawOutput {
    #[serde(default)]
    actions: Vec<String>,
    #[serde(default)]
    before: Value,
    #[serde(default)]
    after: Value,
    #[serde(default)]
    before_sensitive: Value,
    #[serde(default)]
    after_sensitive: Value,
}

#[derive(Deserialize)]
struct RawVariable {
    #[serde(default)]
    value: Value,
}

#[derive(Deserialize)]
struct RawConfig {
    root_module: Option<RawModule>,
}

#[derive(Deserialize, Default)]
struct RawModule {
    #[serde(default)]
    resources: Vec<RawConfigResource>,
    #[serde(default)]
    module_calls: BTreeMap<String, RawModuleCall>,
    #[serde(default)]
    variables: BTreeMap<String, RawConfigVariable>,
}

#[derive(Deserialize)]
struct RawModuleCall {
    module: Option<RawModule>,
}

#[derive(Deserialize)]
struct RawConfigVariable {
    #[serde(default)]
    sensitive: bool,
}

#[derive(Deserialize)]
struct RawConfigResource {
    #[serde(default)]
    address: String,
    /// Not written by Terraform today; read when a producer adds it.
    #[serde(default)]
    prevent_destroy: Option<bool>,
    #[serde(default)]
    lifecycle: Option<RawLifecycle>,
}

#[derive(Deserialize)]
struct RawLifecycle {
    #[serde(default)]
    prevent_destroy: Option<bool>,
}

fn collect_prevent_destroy(
    m: &RawModule,
    prefix: &str,
    depth: usize,
    out: &mut BTreeMap<String, bool>,
) {
    if depth > 32 {
        return;
    }
    for r in &m.resources {
        let pd = r
            .prevent_destroy
            .or_else(|| r.lifecycle.as_ref().and_then(|l| l.prevent_destroy));
        if let Some(pd) = pd {
            out.insert(format!("{prefix}{}", r.address), pd);
        }
    }
    for (name, call) in &m.module_calls {
        if let Some(sub) = &call.module {
            collect_prevent_destroy(sub, &format!("{prefix}module.{name}."), depth + 1, out);
        }
    }
}

struct ChangesSeed<'a> {
    pos: &'a Rc<Pos>,
    plan: &'a mut Plan,
    drift: bool,
}

impl<'de> DeserializeSeed<'de> for ChangesSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ChangesSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of resource changes")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element_seed(RawChangeSeed { pos: self.pos })? {
            if self.drift {
                if let Some(c) = reduce_drift(raw) {
                    self.plan.drift.push(c);
                }
            } else {
                reduce_change(raw, self.plan);
            }
        }
        Ok(())
    }
}

/// One `resource_changes` element as read (before reduction).
#[derive(Default)]
struct RawChange {
    address: String,
    module_address: String,
    mode: String,
    type_: String,
    provider: String,
    previous_address: Option<String>,
    action_reason: Option<String>,
    change: RawInner,
    loc: Loc,
}

#[derive(Deserialize, Default)]
struct RawInner {
    #[serde(default)]
    actions: Vec<String>,
    #[serde(default)]
    before: Value,
    #[serde(default)]
    after: Value,
    #[serde(default)]
    after_unknown: Value,
    #[serde(default)]
    before_sensitive: Value,
    #[serde(default)]
    after_sensitive: Value,
    #[serde(default)]
    replace_paths: Value,
    #[serde(default)]
    importing: Value,
}

struct RawChangeSeed<'a> {
    pos: &'a Rc<Pos>,
}

impl<'de> DeserializeSeed<'de> for RawChangeSeed<'_> {
    type Value = RawChange;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<RawChange, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RawChangeSeed<'_> {
    type Value = RawChange;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a resource change object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawChange, A::Error> {
        let mut r = RawChange::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "address" => {
                    // just after the key's closing quote
                    let (off, line, col) = self.pos.now();
                    let key_len = "\"address\"".len();
                    r.address = map.next_value::<String>()?;
                    let (eoff, eline, ecol) = self.pos.now();
                    r.loc = Loc {
                        start: off.saturating_sub(key_len),
                        end: eoff,
                        line,
                        column: col.saturating_sub(key_len) + 1,
                        end_line: eline,
                        end_column: ecol + 1,
                    };
                }
                "module_address" => r.module_address = map.next_value::<String>()?,
                "mode" => r.mode = map.next_value::<String>()?,
                "type" => r.type_ = map.next_value::<String>()?,
                "provider_name" => r.provider = map.next_value::<String>()?,
                "previous_address" => r.previous_address = map.next_value::<Option<String>>()?,
                "action_reason" => r.action_reason = map.next_value::<Option<String>>()?,
                "change" => r.change = map.next_value::<RawInner>()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(r)
    }
}

/// Replace every leaf marked `true` in `mask` by `marker`.
fn mask_value(v: &mut Value, mask: &Value, marker: &str, depth: usize) {
    if depth > 64 {
        return;
    }
    match (v, mask) {
        (v, Value::Bool(true)) if !v.is_null() => {
            *v = Value::String(marker.to_string());
        }
        (Value::Object(o), Value::Object(m)) => {
            for (k, mv) in m {
                match o.get_mut(k) {
                    Some(x) => mask_value(x, mv, marker, depth + 1),
                    // unknown attributes appear only in the mask
                    None if marker == UNKNOWN && is_true(mv) => {
                        o.insert(k.clone(), Value::String(UNKNOWN.to_string()));
                    }
                    None => {}
                }
            }
        }
        (Value::Array(a), Value::Array(m)) => {
            for (x, mv) in a.iter_mut().zip(m) {
                mask_value(x, mv, marker, depth + 1);
            }
        }
        _ => {}
    }
}

/// Defence in depth: values under secret-like names (`password`, `private_key`, `token`…)
/// are redacted even when the plan does not mark them sensitive.
fn redact_secret_names(key: &str, v: &mut Value, depth: usize) {
    if depth > 64 {
        return;
    }
    if is_secret_name(key) {
        if matches!(v, Value::String(s) if s != SENSITIVE && s != UNKNOWN)
            || matches!(v, Value::Number(_) | Value::Object(_) | Value::Array(_))
        {
            *v = Value::String(SENSITIVE.to_string());
        }
        return;
    }
    match v {
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                redact_secret_names(k, x, depth + 1);
            }
        }
        Value::Array(a) => {
            for x in a {
                redact_secret_names(key, x, depth + 1);
            }
        }
        _ => {}
    }
}

/// Paths of non-null values marked sensitive.
fn sensitive_paths(v: &Value, mask: &Value, path: &str, out: &mut Vec<String>, depth: usize) {
    if depth > 64 || out.len() >= 64 {
        return;
    }
    match (v, mask) {
        (Value::Null, _) => {}
        (_, Value::Bool(true)) => out.push(if path.is_empty() {
            "(whole object)".to_string()
        } else {
            path.to_string()
        }),
        (Value::Object(o), Value::Object(m)) => {
            for (k, mv) in m {
                if let Some(x) = o.get(k) {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    sensitive_paths(x, mv, &p, out, depth + 1);
                }
            }
        }
        (Value::Array(a), Value::Array(m)) => {
            for (i, (x, mv)) in a.iter().zip(m).enumerate() {
                sensitive_paths(x, mv, &format!("{path}[{i}]"), out, depth + 1);
            }
        }
        _ => {}
    }
}

/// `[["ingress", 0, "cidr_blocks"]]` → `ingress[0].cidr_blocks`.
fn path_strings(v: &Value) -> Vec<String> {
    let Value::Array(paths) = v else {
        return Vec::new();
    };
    paths
        .iter()
        .filter_map(|p| {
            let Value::Array(steps) = p else {
                return None;
            };
            let mut s = String::new();
            for step in steps {
                match step {
                    Value::String(k) => {
                        if !s.is_empty() {
                            s.push('.');
                        }
                        s.push_str(k);
                    }
                    Value::Number(n) => s.push_str(&format!("[{n}]")),
                    _ => {}
                }
            }
            (!s.is_empty()).then_some(s)
        })
        .collect()
}

fn is_kept(type_: &str, key: &str) -> bool {
    KEEP.contains(&key) || (classify::is(type_, Class::DnsRecord) && KEEP_DNS.contains(&key))
}

/// Whether rules care about a resource of this type beyond its action.
fn interesting(type_: &str) -> bool {
    classify::is(type_, Class::Stateful)
        || classify::is(type_, Class::NetworkEdge)
        || classify::is(type_, Class::Identity)
        || classify::is(type_, Class::Certificate)
        || classify::is(type_, Class::DnsRecord)
}

/// Reduce a read element to a [`Change`]: redact, keep the rule attributes and the changed
/// ones. `all_changed`: keep every changed attribute (updates, replacements, drift).
fn reduce(raw: RawChange, all_changed: bool) -> Change {
    let RawChange {
        address,
        module_address,
        mode,
        type_,
        provider,
        previous_address,
        action_reason,
        change,
        loc,
    } = raw;
    let RawInner {
        actions,
        mut before,
        mut after,
        after_unknown,
        before_sensitive,
        after_sensitive,
        replace_paths,
        importing,
    } = change;
    let mut sensitive = Vec::new();
    sensitive_paths(&before, &before_sensitive, "", &mut sensitive, 0);
    sensitive_paths(&after, &after_sensitive, "", &mut sensitive, 0);
    sensitive.sort();
    sensitive.dedup();
    // a value marked sensitive on one side is sensitive on the other too
    for mask in [&before_sensitive, &after_sensitive] {
        mask_value(&mut before, mask, SENSITIVE, 0);
        mask_value(&mut after, mask, SENSITIVE, 0);
    }
    let has_before = !before.is_null();
    let has_after = !after.is_null();
    if has_after || matches!(after_unknown, Value::Object(_)) {
        if after.is_null() && matches!(after_unknown, Value::Object(_)) {
            after = Value::Object(serde_json::Map::new());
        }
        mask_value(&mut after, &after_unknown, UNKNOWN, 0);
    }
    let before_map = into_map(before);
    let after_map = into_map(after);
    let mut changed: Vec<AttrDiff> = Vec::new();
    if all_changed && has_before && has_after {
        let mut keys: Vec<&String> = after_map
            .iter()
            .filter(|(k, a)| before_map.get(*k) != Some(*a))
            .map(|(k, _)| k)
            .chain(before_map.keys().filter(|k| !after_map.contains_key(*k)))
            .collect();
        keys.sort();
        keys.dedup();
        keys.truncate(MAX_CHANGED);
        for k in keys {
            let mut b = before_map.get(k).cloned();
            let mut a = after_map.get(k).cloned();
            for v in [&mut b, &mut a].into_iter().flatten() {
                redact_secret_names(k, v, 0);
            }
            changed.push(AttrDiff {
                key: k.clone(),
                before: show(b.as_ref()),
                after: show(a.as_ref()),
            });
        }
    }
    let replace_paths = path_strings(&replace_paths);
    let keep = |k: &str| {
        is_kept(&type_, k)
            || replace_paths
                .iter()
                .any(|p| p.split(['.', '[']).next() == Some(k))
    };
    let kept = |m: serde_json::Map<String, Value>| -> BTreeMap<String, Value> {
        m.into_iter()
            .filter(|(k, _)| keep(k))
            .map(|(k, mut v)| {
                redact_secret_names(&k, &mut v, 0);
                (k, v)
            })
            .collect()
    };
    let before = kept(before_map);
    let after = kept(after_map);
    let importing = match importing {
        Value::Null => None,
        Value::Object(o) => Some(
            o.get("id")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_default(),
        ),
        _ => Some(String::new()),
    };
    Change {
        address,
        module: module_address,
        data: mode == "data",
        type_,
        provider,
        action: Some(Action::from_actions(&actions)),
        action_reason,
        previous_address,
        importing,
        replace_paths,
        before,
        after,
        has_before,
        has_after,
        changed,
        sensitive,
        loc,
    }
}

fn into_map(v: Value) -> serde_json::Map<String, Value> {
    match v {
        Value::Object(o) => o,
        _ => serde_json::Map::new(),
    }
}

fn reduce_change(raw: RawChange, plan: &mut Plan) {
    let action = Action::from_actions(&raw.change.actions);
    let module = if raw.module_address.is_empty() {
        module_of(&raw.address)
    } else {
        raw.module_address.clone()
    };
    let col = action.column();
    plan.totals.add(col);
    plan.by_module.entry(module).or_default().add(col);
    let moved = raw.previous_address.is_some() || !raw.change.importing.is_null();
    // creates of types no rule looks at are only counted (they are the bulk of big plans)
    let keep =
        moved || (action.is_change() && (action != Action::Create || interesting(&raw.type_)));
    let c = reduce(raw, matches!(action, Action::Update) || action.is_replace());
    if !c.sensitive.is_empty() {
        plan.sensitive_resource_total += 1;
        if plan.sensitive_resources.len() < MAX_SENSITIVE_LISTED {
            plan.sensitive_resources
                .push((c.address.clone(), c.loc, c.sensitive.clone()));
        }
    }
    if keep {
        let mut c = c;
        if !action.is_change() {
            // moved or imported without change: the attributes are not needed
            c.before.clear();
            c.after.clear();
            c.changed.clear();
        }
        plan.changes.push(c);
    }
}

fn reduce_drift(raw: RawChange) -> Option<Change> {
    let action = Action::from_actions(&raw.change.actions);
    if !action.is_change() {
        return None;
    }
    let mut c = reduce(raw, true);
    // drift shows only what changed; rule attributes are not needed
    c.before.clear();
    c.after.clear();
    Some(c)
}

/// The module part of an address (`module.a.module.b` of `module.a.module.b.aws_x.y`).
#[must_use]
pub fn module_of(address: &str) -> String {
    let stripped = strip_keys(address);
    let parts: Vec<&str> = stripped.split('.').collect();
    let mut n = 0;
    while parts.get(n) == Some(&"module") && parts.len() > n + 2 {
        n += 2;
    }
    if n == 0 {
        return String::new();
    }
    // rebuild from the original address to keep instance keys (`module.a["x"]`)
    let mut seen = 0;
    let mut depth = 0usize;
    let mut in_str = false;
    for (i, ch) in address.char_indices() {
        match ch {
            '"' => in_str = !in_str,
            '[' if !in_str => depth += 1,
            ']' if !in_str => depth = depth.saturating_sub(1),
            '.' if !in_str && depth == 0 => {
                seen += 1;
                if seen == n {
                    return address.get(..i).unwrap_or("").to_string();
                }
            }
            _ => {}
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_of_addresses() {
        assert_eq!(module_of("aws_s3_bucket.b"), "");
        assert_eq!(module_of("module.db.aws_db_instance.x"), "module.db");
        assert_eq!(
            module_of("module.a[\"k.1\"].module.b.aws_x.y[0]"),
            "module.a[\"k.1\"].module.b"
        );
    }

    #[test]
    fn strip_instance_keys() {
        assert_eq!(strip_keys("aws_x.y[\"a]b\"]"), "aws_x.y");
        assert_eq!(strip_keys("module.m[0].aws_x.y[1]"), "module.m.aws_x.y");
    }

    #[test]
    fn locations_of_addresses() {
        let text = "{\"format_version\":\"1.2\",\"resource_changes\":[\n  {\"address\": \"a.b\", \"type\":\"a\", \"change\":{\"actions\":[\"delete\"],\"before\":{}}}]}";
        let plan = read_slice(text.as_bytes()).unwrap();
        let c = &plan.changes[0];
        assert_eq!(c.loc.line, 2);
        assert_eq!(c.loc.column, 4);
        assert_eq!(&text[c.loc.start..c.loc.end], "\"address\": \"a.b\"");
    }

    #[test]
    fn sensitive_values_are_redacted_at_read() {
        let text = r#"{"format_version":"1.2","resource_changes":[{"address":"aws_db_instance.d","type":"aws_db_instance","change":{"actions":["update"],"before":{"password":"hunter2","port":1},"after":{"password":"hunter3","port":2},"before_sensitive":{"password":true},"after_sensitive":{"password":true}}}]}"#;
        let plan = read_slice(text.as_bytes()).unwrap();
        let dbg = format!("{plan:?}");
        assert!(!dbg.contains("hunter"), "{dbg}");
        assert_eq!(plan.changes[0].sensitive, vec!["password".to_string()]);
        assert_eq!(plan.sensitive_resource_total, 1);
    }

    #[test]
    fn secrets_are_redacted_even_when_marked_on_one_side_or_unmarked() {
        let text = r#"{"format_version":"1.2","resource_changes":[{"address":"aws_db_instance.d","type":"aws_db_instance","change":{"actions":["update"],"before":{"password":"pw-one","master_password":"pw-two","settings":{"auth_token":"pw-three"}},"after":{"password":"pw-four","master_password":"pw-five","settings":{"auth_token":"pw-six"}},"before_sensitive":{},"after_sensitive":{"password":true}}}]}"#;
        let plan = read_slice(text.as_bytes()).unwrap();
        let dbg = format!("{plan:?}");
        assert!(!dbg.contains("pw-"), "{dbg}");
        assert_eq!(plan.changes[0].sensitive, vec!["password".to_string()]);
    }

    #[test]
    fn versions_and_shapes_are_checked() {
        assert!(matches!(
            read_slice(br#"{"format_version":"2.0","resource_changes":[]}"#),
            Err(ReadError::Version(_))
        ));
        assert!(matches!(
            read_slice(br#"{"format_version":"1.0","values":{}}"#),
            Err(ReadError::NotAPlan(_))
        ));
        assert!(matches!(read_slice(b"[1]"), Err(ReadError::Json(_))));
        assert!(read_slice(br#"{"format_version":"1.2","planned_values":{}}"#).is_ok());
    }
}
