//! Typed views over parsed documents. Rules walk these, never raw syntax.

pub mod ci;
pub mod compose;
pub mod docker;
pub mod k8s;
pub mod terraform;
