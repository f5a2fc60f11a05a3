//! Shared logic of the delivery-gate rules (CI030, CI031, CI034, CI036).

use crate::model::ci::github::Workflow;
use crate::model::ci::{CiFile, CiModel};

/// Whether the file's own job graph decides the gates: not a composite action, and not a
/// workflow whose gates live elsewhere (`workflow_run` after another workflow,
/// `workflow_call` from a caller).
#[must_use]
pub fn gates_apply(ci: &CiFile<'_>) -> bool {
    match &ci.model {
        CiModel::Github(wf) => !wf.is_action && !gated_elsewhere(wf),
        CiModel::Gitlab(_) => true,
    }
}

/// Whether the whole job graph is in the file, so "does not depend on a test job" can be
/// judged: [`gates_apply`], and not a partial GitLab file (an included part, or one that
/// includes other files whose jobs are not in the graph).
#[must_use]
pub fn graph_complete(ci: &CiFile<'_>) -> bool {
    gates_apply(ci) && !ci.partial
}

fn gated_elsewhere(wf: &Workflow<'_>) -> bool {
    wf.triggers
        .iter()
        .any(|t| matches!(t.name, "workflow_run" | "workflow_call"))
}
