//! GitLab Code Quality: a JSON array of Code Climate issues, the subset
//! GitLab reads (conventions §3.7):
//!
//! - `description`: `CODE message`;
//! - `check_name`: the rule code;
//! - `fingerprint`: [`Fingerprint::unique`](super::fingerprint::Fingerprint::unique),
//!   a hash of code, path, trimmed line text and occurrence index — unique
//!   per finding (duplicates collapse in the merge-request widget) and stable
//!   when unrelated lines move;
//! - `severity`: an error that `proftpd -t` refuses is `critical`, any other
//!   error `major`, a warning `minor`, an info `info`;
//! - `location.path` (relative to the root) and `location.lines.begin`/`end`.

use std::io;

use serde::Serialize;

use super::Report;
use crate::diagnostic::{Diagnostic, Severity};

pub(crate) fn severity(diag: &Diagnostic) -> &'static str {
    match diag.severity {
        Severity::Error if diag.proftpd_rejects => "critical",
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

#[derive(Serialize)]
struct Issue {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub(crate) fn render(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let issues: Vec<Issue> = report
        .items()
        .into_iter()
        .map(|item| Issue {
            kind: "issue",
            description: format!("{} {}", item.diag.code, item.diag.message),
            check_name: item.diag.code,
            fingerprint: item.fingerprint.unique(),
            severity: severity(item.diag),
            location: Location {
                path: item.path.to_string(),
                lines: Lines {
                    begin: item.region.start.line,
                    end: item.region.end.line,
                },
            },
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
