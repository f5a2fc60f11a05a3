//! TF004 `state-file-committed`: a Terraform state file (`*.tfstate`, `*.tfstate.backup`)
//! is part of the repository. The file is reported by name; its content is never read.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{TfFile, TfFileKind};
use crate::rules::{Checklist, Family, FileContext, RuleMeta, TerraformRule};
use crate::source::Span;

pub struct StateFileCommitted;

pub static META: RuleMeta = RuleMeta {
    id: "TF004",
    name: "state-file-committed",
    family: Family::Terraform,
    title: "Terraform state file committed to the repository",
    severity: Severity::Critical,
    confidence: Confidence::High,
    checklist: Checklist::TerraformState,
    rationale: "State files hold every attribute of every managed resource in clear text — \
database passwords, private keys, access tokens — and stay in the repository's history \
forever. A committed state is also a second, stale source of truth that someone will \
eventually apply from.",
    remediation: "Remove the file from the repository (and from history; rotate every secret \
it contains), move state to a remote backend, and ignore it: add `*.tfstate`, `*.tfstate.*` \
and `.terraform/` to `.gitignore`.",
    equivalents: &[],
    references: &["https://developer.hashicorp.com/terraform/language/state/sensitive-data"],
};

impl TerraformRule for StateFileCommitted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, file: &TfFile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        if file.kind != TfFileKind::State {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                Span::at(0),
                format!(
                    "Terraform state file \"{}\" is committed: it holds every resource attribute, secrets included, in clear text",
                    file.name()
                ),
            )
            .anchor(file.name().to_string()),
        );
    }
}
