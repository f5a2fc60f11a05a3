//! Parsers: text → syntax with spans. One module per format.

pub mod dockerfile;
pub mod hcl;
pub mod shell;
pub mod yaml;

/// A file that could not be parsed (completely).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    /// Byte offset where the error was detected.
    pub offset: usize,
}
