//! Human-readable report (placeholder until the full renderer lands).

use super::{RenderOptions, Report};

#[must_use]
pub fn render(report: &Report<'_>, _opts: RenderOptions) -> String {
    let mut s = String::new();
    for f in report.findings {
        s.push_str(&format!(
            "{}:{}:{}: {} {} {}\n",
            f.path, f.start.line, f.start.column, f.severity, f.rule.id, f.message
        ));
    }
    s
}
