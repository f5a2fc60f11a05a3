//! JUnit XML: one test suite per file with findings, one failing test case per finding,
//! suppressed findings as skipped cases; a passing `ironlaw` suite when nothing was found so
//! CI always shows a result.

use std::collections::BTreeMap;

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use super::Report;
use crate::finding::Finding;

fn case_name(f: &Finding) -> String {
    format!("{} {} at line {}", f.rule.id, f.rule.name, f.start.line)
}

fn failure(f: &Finding) -> TestCase {
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    status
        .set_message(f.message.as_str())
        .set_type(f.severity.as_str())
        .set_description(format!(
            "{}:{}:{}: {} [{}] {}\n\n{}\n\nFix: {}",
            f.path,
            f.start.line,
            f.start.column,
            f.severity,
            f.rule.id,
            f.message,
            f.rule.title,
            f.rule.remediation
        ));
    let mut case = TestCase::new(case_name(f), status);
    case.set_classname(f.rule.id);
    case
}

fn skipped(f: &Finding) -> TestCase {
    let mut status = TestCaseStatus::skipped();
    let why = f.suppressed.as_ref().map_or_else(
        || "suppressed".to_string(),
        |s| match &s.reason {
            Some(r) => format!("suppressed ({}): {r}", s.kind),
            None => format!("suppressed ({}): {}", s.kind, s.source),
        },
    );
    status.set_message(why).set_type(f.severity.as_str());
    let mut case = TestCase::new(case_name(f), status);
    case.set_classname(f.rule.id);
    case
}

/// Render the JUnit XML report.
#[must_use]
pub fn render(report: &Report<'_>) -> String {
    // per file, cases in (line, column, rule) order, reported and suppressed interleaved
    let mut by_file: BTreeMap<&str, Vec<(&Finding, TestCase)>> = BTreeMap::new();
    for f in report.findings {
        by_file.entry(&f.path).or_default().push((f, failure(f)));
    }
    for f in report.suppressed {
        by_file.entry(&f.path).or_default().push((f, skipped(f)));
    }
    let mut out = quick_junit::Report::new("ironlaw");
    for (path, mut cases) in by_file {
        cases.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
        let mut suite = TestSuite::new(path);
        suite.add_test_cases(cases.into_iter().map(|(_, c)| c));
        out.add_test_suite(suite);
    }
    if report.findings.is_empty() {
        let mut suite = TestSuite::new("ironlaw");
        let mut case = TestCase::new("no findings", TestCaseStatus::success());
        case.set_classname("ironlaw");
        let checked = report.files_checked();
        case.set_system_out(format!(
            "{checked} file(s) checked, {} suppressed, {} baselined, {} skipped",
            report.suppressed.len(),
            report.baselined,
            report.coverage.skipped.len()
        ));
        suite.add_test_case(case);
        out.add_test_suite(suite);
    }
    out.to_string().unwrap_or_default()
}
