//! The plan model: what the rules need from a Terraform/OpenTofu plan JSON, nothing more.
//!
//! Values kept here are already **redacted** (every leaf marked in `before_sensitive` /
//! `after_sensitive` is replaced by [`SENSITIVE`]) and unknown values are [`UNKNOWN`]; no
//! sensitive value of the plan is ever stored in the model.

use std::collections::BTreeMap;

use serde_json::Value;

/// Stands in for a value marked sensitive in the plan.
pub const SENSITIVE: &str = "(sensitive)";
/// Stands in for a value Terraform only knows after apply.
pub const UNKNOWN: &str = "(known after apply)";

/// What Terraform will do to a resource instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    NoOp,
    Create,
    Read,
    Update,
    /// `["delete", "create"]`: destroyed first, then created (downtime).
    DeleteCreate,
    /// `["create", "delete"]`: created first, then the old one destroyed.
    CreateDelete,
    Delete,
    /// Removed from state without destroying the object (`removed { destroy = false }`).
    Forget,
    /// An action list this version does not know.
    Other,
}

impl Action {
    /// From the plan's `change.actions`.
    #[must_use]
    pub fn from_actions(actions: &[String]) -> Action {
        let a: Vec<&str> = actions.iter().map(String::as_str).collect();
        match a.as_slice() {
            ["no-op"] | [] => Action::NoOp,
            ["create"] => Action::Create,
            ["read"] => Action::Read,
            ["update"] => Action::Update,
            ["delete", "create"] => Action::DeleteCreate,
            ["create", "delete"] => Action::CreateDelete,
            ["delete"] => Action::Delete,
            ["forget"] | ["create", "forget"] => Action::Forget,
            _ => Action::Other,
        }
    }

    /// Replaced (either order).
    #[must_use]
    pub fn is_replace(self) -> bool {
        matches!(self, Action::DeleteCreate | Action::CreateDelete)
    }

    /// The existing object is destroyed (deleted or replaced).
    #[must_use]
    pub fn destroys(self) -> bool {
        matches!(
            self,
            Action::Delete | Action::DeleteCreate | Action::CreateDelete
        )
    }

    /// A change that alters infrastructure (not a no-op or a read).
    #[must_use]
    pub fn is_change(self) -> bool {
        !matches!(self, Action::NoOp | Action::Read)
    }

    /// The summary column this action counts in.
    #[must_use]
    pub fn column(self) -> Column {
        match self {
            Action::Create => Column::Create,
            Action::Update | Action::Other => Column::Update,
            Action::DeleteCreate | Action::CreateDelete => Column::Replace,
            Action::Delete | Action::Forget => Column::Delete,
            Action::Read => Column::Read,
            Action::NoOp => Column::NoOp,
        }
    }

    /// How the plan says it, for messages.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Action::NoOp => "no-op",
            Action::Create => "create",
            Action::Read => "read",
            Action::Update => "update",
            Action::DeleteCreate => "replace (delete, then create)",
            Action::CreateDelete => "replace (create, then delete)",
            Action::Delete => "delete",
            Action::Forget => "forget",
            Action::Other => "other",
        }
    }
}

/// A column of the summary table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    Create,
    Update,
    Replace,
    Delete,
    Read,
    NoOp,
}

impl Column {
    pub const ALL: [Column; 6] = [
        Column::Create,
        Column::Update,
        Column::Replace,
        Column::Delete,
        Column::Read,
        Column::NoOp,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Column::Create => "create",
            Column::Update => "update",
            Column::Replace => "replace",
            Column::Delete => "delete",
            Column::Read => "read",
            Column::NoOp => "no-op",
        }
    }
}

/// Counts per summary column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts(pub [usize; 6]);

impl Counts {
    pub fn add(&mut self, c: Column) {
        if let Some(n) = self.0.get_mut(c as usize) {
            *n += 1;
        }
    }

    #[must_use]
    pub fn get(&self, c: Column) -> usize {
        self.0.get(c as usize).copied().unwrap_or(0)
    }

    /// Changes that alter infrastructure (create, update, replace, delete).
    #[must_use]
    pub fn changes(&self) -> usize {
        self.get(Column::Create)
            + self.get(Column::Update)
            + self.get(Column::Replace)
            + self.get(Column::Delete)
    }

    /// Objects destroyed (deleted or replaced).
    #[must_use]
    pub fn destroys(&self) -> usize {
        self.get(Column::Replace) + self.get(Column::Delete)
    }
}

/// Where in the plan JSON a resource change is: its `"address"` member.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Loc {
    /// Byte offsets of `"address": "…"`.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (characters) of both ends.
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// One resource instance change (or drift entry), reduced to what rules need.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Change {
    pub address: String,
    /// `module.db` (empty for the root module).
    pub module: String,
    /// `data` sources have mode `data`.
    pub data: bool,
    pub type_: String,
    pub provider: String,
    pub action: Option<Action>,
    pub action_reason: Option<String>,
    pub previous_address: Option<String>,
    /// Planned import (`importing` present).
    pub importing: Option<String>,
    /// Attribute paths that force replacement (`engine`, `ingress[0].cidr_blocks`).
    pub replace_paths: Vec<String>,
    /// Attributes before and after, redacted, reduced to the ones rules read and the ones
    /// that change (top-level keys).
    pub before: BTreeMap<String, Value>,
    pub after: BTreeMap<String, Value>,
    /// The object existed before / will exist after (`before`/`after` not null).
    pub has_before: bool,
    pub has_after: bool,
    /// Top-level attributes whose value changes (sorted), with their values before and
    /// after as display strings (redacted, cut to 160 characters): the explanation, kept
    /// compact so that big plans stay small in memory.
    pub changed: Vec<AttrDiff>,
    /// Attribute paths holding sensitive values in this change.
    pub sensitive: Vec<String>,
    pub loc: Loc,
}

impl Change {
    #[must_use]
    pub fn action(&self) -> Action {
        self.action.unwrap_or(Action::NoOp)
    }

    /// The instance key stripped: `aws_s3_bucket.b["x"]` → `aws_s3_bucket.b`.
    #[must_use]
    pub fn config_address(&self) -> String {
        strip_keys(&self.address)
    }

    /// `before` attribute.
    #[must_use]
    pub fn before(&self, key: &str) -> Option<&Value> {
        self.before.get(key)
    }

    /// `after` attribute.
    #[must_use]
    pub fn after(&self, key: &str) -> Option<&Value> {
        self.after.get(key)
    }

    /// The value the resource has now (after if it will exist, else before).
    #[must_use]
    pub fn current(&self, key: &str) -> Option<&Value> {
        if self.has_after {
            self.after.get(key)
        } else {
            self.before.get(key)
        }
    }
}

/// An attribute's value before and after, as display strings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttrDiff {
    pub key: String,
    pub before: String,
    pub after: String,
}

/// Display a (redacted) value: strings quoted, markers bare, long values cut.
#[must_use]
pub fn show(v: Option<&Value>) -> String {
    const MAX: usize = 160;
    let s = match v {
        None => "(absent)".to_string(),
        Some(Value::String(s)) if s == SENSITIVE || s == UNKNOWN => s.clone(),
        Some(v) => v.to_string(),
    };
    if s.chars().count() > MAX {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// Remove instance keys (`[0]`, `["k"]`) from every step of an address.
#[must_use]
pub fn strip_keys(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0usize;
    let mut in_str = false;
    let mut prev = '\0';
    for c in address.chars() {
        if depth > 0 {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if c == ']' && !in_str {
                depth -= 1;
            }
        } else if c == '[' {
            depth += 1;
        } else {
            out.push(c);
        }
        prev = c;
    }
    out
}

/// An `output_changes` entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutputChange {
    pub name: String,
    pub action: Option<Action>,
    /// Marked sensitive and holding a value in the plan file.
    pub sensitive: bool,
}

/// What a plan says, reduced for the rules.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub format_version: String,
    pub terraform_version: String,
    /// Resource changes rules look at, in plan order (no-op creates and reads of resources
    /// no rule cares about are counted, not kept).
    pub changes: Vec<Change>,
    /// `resource_drift`.
    pub drift: Vec<Change>,
    pub outputs: Vec<OutputChange>,
    /// Counts per module (`""` = root) and action column, over every resource change.
    pub by_module: BTreeMap<String, Counts>,
    /// Counts over every resource change.
    pub totals: Counts,
    /// Root variables with a value in the plan file: name → non-sensitive short string value
    /// (only names that may say the environment keep their value).
    pub variables: BTreeMap<String, Option<String>>,
    /// Root variables the configuration marks `sensitive` (their values are in the plan file).
    pub sensitive_variables: Vec<String>,
    /// Addresses holding sensitive values, and how many there are in all.
    pub sensitive_resources: Vec<(String, Loc, Vec<String>)>,
    pub sensitive_resource_total: usize,
    /// `lifecycle { prevent_destroy }` from the plan's `configuration`, if a producer writes it.
    pub prevent_destroy: BTreeMap<String, bool>,
    pub errored: bool,
    pub complete: Option<bool>,
    pub applyable: Option<bool>,
}
