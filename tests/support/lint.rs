//! Linting a config text for the rule tests.

use std::path::Path;

use proftpd_lint::diagnostic::Severity;
use proftpd_lint::fs::MemoryFs;
use proftpd_lint::lint::{LintOptions, lint_bytes};

/// Where the text under test is pretended to live.
pub const MAIN: &str = "/etc/proftpd/proftpd.conf";

/// (code, 1-based line, severity, proftpd_rejects) of every finding.
pub fn findings(text: &str, options: &LintOptions) -> Vec<(&'static str, usize, Severity, bool)> {
    let result = lint_bytes(
        &MemoryFs::new(),
        Path::new(MAIN),
        text.as_bytes().to_vec(),
        options,
    );
    result
        .diagnostics
        .iter()
        .map(|d| {
            let line = result
                .config
                .sources
                .get(d.span.file)
                .line_col(d.span.range.start)
                .line;
            (d.code, line, d.severity, d.proftpd_rejects)
        })
        .collect()
}
