//! TF006 `terraform-dir-committed`: a `.terraform/` directory (Terraform's working
//! directory) is part of the repository — not ignored by `.gitignore`/`.ironlawignore`.
//! Discovery notes the directory without entering it; nothing inside is read.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{TfFile, TfFileKind};
use crate::rules::{Checklist, Family, FileContext, RuleMeta, TerraformRule};
use crate::source::Span;

pub struct TerraformDirCommitted;

pub static META: RuleMeta = RuleMeta {
    id: "TF006",
    name: "terraform-dir-committed",
    family: Family::Terraform,
    title: "Terraform working directory .terraform/ committed to the repository",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::TerraformState,
    rationale: "`terraform init` fills `.terraform/` with provider binaries (hundreds of \
megabytes per platform), downloaded module code, and the backend configuration it was \
initialised with — including any credentials passed with `-backend-config`, and with local \
state a copy of the state itself. Committed, it bloats the history, pins one machine's \
platform builds, and can leak secrets.",
    remediation: "Remove the directory from the repository (`git rm -r --cached .terraform`) \
and ignore it: add `.terraform/` to `.gitignore` (commit `.terraform.lock.hcl` instead).",
    equivalents: &[],
    references: &[
        "https://developer.hashicorp.com/terraform/cli/init",
        "https://github.com/github/gitignore/blob/main/Terraform.gitignore",
    ],
};

impl TerraformRule for TerraformDirCommitted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, file: &TfFile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        if file.kind != TfFileKind::DataDir {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                Span::at(0),
                format!(
                    "directory \"{}\" is not ignored: provider binaries and possibly state or credentials in `.terraform/`; add it to .gitignore",
                    file.path
                ),
            )
            .anchor(file.name().to_string()),
        );
    }
}
