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
