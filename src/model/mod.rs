//! Typed views over parsed documents. Rules walk these, never raw syntax.

pub mod docker;
