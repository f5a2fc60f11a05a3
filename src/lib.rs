//! ironlaw: a production-readiness checker for a repository's whole delivery surface.
//!
//! The module tree is the pipeline (see DESIGN.md §3):
//! `discover → parse → model → rules → engine → report`.

pub mod app;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod discover;
pub mod docs;
pub mod engine;
pub mod finding;
pub mod model;
pub mod parse;
pub mod plan;
#[cfg(feature = "probe")]
pub mod probe;
pub mod render;
pub mod report;
pub mod rules;
pub mod secrets;
pub mod source;
pub mod util;
