//! Typed views over parsed documents. Rules walk these, never raw syntax.

pub mod compose;
pub mod docker;
pub mod k8s;
pub mod terraform;
