pub static ALL: &[&crate::rules::RuleMeta] = &[];
