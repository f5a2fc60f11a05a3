//! Helpers shared by Terraform rules.

use crate::model::terraform::{Module, TfFile};
use crate::parse::hcl::Block;
use crate::source::Span;

/// `"dir"` for messages (`.` for the scan root).
#[must_use]
pub fn dir_label(dir: &str) -> &str {
    if dir.is_empty() { "." } else { dir }
}

/// Where to report a finding about a module as a whole: the first block of `ident` in the
/// module (in file order), else the first top-level block of its first configuration file
/// (`main.tf` preferred), else the start of that file.
#[must_use]
pub fn module_anchor<'a>(m: &Module<'a>, ident: &str) -> Option<(&'a TfFile, Span)> {
    if let Some((f, b)) = m
        .config_files()
        .find_map(|f| f.blocks(ident).next().map(|b| (f, b)))
    {
        return Some((f, b.header_span()));
    }
    let file = m
        .config_files()
        .find(|f| f.name() == "main.tf")
        .or_else(|| m.config_files().next())?;
    let span = file
        .body
        .blocks
        .iter()
        .min_by_key(|b| b.span.start)
        .map_or(Span::at(0), Block::header_span);
    Some((file, span))
}

/// Test helpers: run one rule over source text (a single file, or a tree of files).
#[cfg(test)]
pub mod testing {
    use crate::discover::ArtifactKind;
    use crate::engine::{RuleSelection, check_text, check_tree};

    /// (line, message) of rule `id`'s findings in `src` checked as `path`.
    #[must_use]
    pub fn lines(id: &str, path: &str, src: &str) -> Vec<(usize, String)> {
        check_text(
            path,
            src,
            ArtifactKind::Terraform,
            &RuleSelection::only(&[id]),
        )
        .findings
        .into_iter()
        .filter(|f| f.rule.id == id)
        .map(|f| (f.start.line, f.message))
        .collect()
    }

    /// (path, line) of rule `id`'s findings in a tree of files.
    #[must_use]
    pub fn tree(id: &str, files: &[(&str, &str)]) -> Vec<(String, usize)> {
        let files: Vec<(String, String)> = files
            .iter()
            .map(|(p, t)| ((*p).to_string(), (*t).to_string()))
            .collect();
        check_tree(&files, &RuleSelection::only(&[id]))
            .findings
            .into_iter()
            .filter(|f| f.rule.id == id)
            .map(|f| (f.path, f.start.line))
            .collect()
    }
}
