//! TF002 `s3-backend-without-locking`: an S3 backend has neither `dynamodb_table` nor
//! `use_lockfile = true`, so two applies can write the same state at once.
//!
//! A backend whose settings come from `-backend-config` (an empty or partial block) is
//! reported only when it is an S3 backend that sets other settings and neither locking
//! option; a wholly empty `backend "s3" {}` is partial configuration and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::TfFile;
use crate::parse::hcl::Block;
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

pub struct S3BackendWithoutLocking;

pub static META: RuleMeta = RuleMeta {
    id: "TF002",
    name: "s3-backend-without-locking",
    family: Family::Terraform,
    title: "S3 backend without state locking",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::TerraformState,
    rationale: "Without a lock, two `terraform apply` runs (two engineers, or a pipeline and \
an engineer) read the same state, both change infrastructure, and the last writer wins: the \
other run's resources vanish from state and become unmanaged, or the state is corrupted.",
    remediation: "Enable locking: `backend \"s3\" { bucket = \"acme-tfstate\", key = \"prod/app.tfstate\", \
region = \"eu-west-1\", use_lockfile = true }` (Terraform 1.10+), or `dynamodb_table = \"tfstate-lock\"` \
on older versions.",
    equivalents: &[],
    references: &["https://developer.hashicorp.com/terraform/language/backend/s3#state-locking"],
};

impl TerraformRule for S3BackendWithoutLocking {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_block(&self, block: &Block, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if block.ident != "terraform" {
            return;
        }
        for be in block.body.blocks("backend") {
            if be.label(0) != Some("s3") || be.body.attrs.is_empty() {
                continue;
            }
            let body = &be.body;
            let lockfile = body.attr("use_lockfile").map(|a| a.value.as_bool());
            // `use_lockfile = var.x` or a computed value: unknown, not reported
            if matches!(lockfile, Some(None) | Some(Some(true)))
                || body.attr("dynamodb_table").is_some()
            {
                continue;
            }
            let span = body
                .attr("use_lockfile")
                .map_or_else(|| be.header_span(), |a| a.span);
            let bucket = body
                .attr("bucket")
                .and_then(|a| a.value.as_str())
                .unwrap_or("?");
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!(
                        "S3 backend (bucket \"{bucket}\") has no state locking: set use_lockfile = true or dynamodb_table"
                    ),
                )
                .anchor("backend.s3"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn unknown_lockfile_setting_is_not_reported() {
        let src = "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n    use_lockfile = var.lock\n  }\n}\n";
        assert!(lines("TF002", "main.tf", src).is_empty());
        let _ = tree;
    }

    #[test]
    fn string_false_is_no_lock() {
        let src = "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n    use_lockfile = \"false\"\n  }\n}\n";
        assert_eq!(lines("TF002", "main.tf", src).len(), 1);
    }
}
