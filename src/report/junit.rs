//! JUnit XML, for Jenkins and other CI test reports: one `<testsuite>` per
//! file read (sorted by path), one failing `<testcase>` per finding, and one
//! passing `<testcase name="no problems">` for a file without findings.
//!
//! A failing test case is named `CODE (name) at line:column`, its
//! `classname` is the file path, and its `<failure>` carries the message (as
//! the `message` attribute) and the concise line plus help as its text.

use std::io;

use super::{Report, xml};

pub(crate) fn render(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let items = report.items_unfingerprinted();
    let files = report.files();
    let failures = items.len();
    let tests: usize = files
        .iter()
        .map(|(path, _)| items.iter().filter(|i| *i.path == **path).count().max(1))
        .sum();

    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="proftpd-lint" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    for (path, _) in &files {
        let found: Vec<_> = items.iter().filter(|i| *i.path == **path).collect();
        let path = xml::attr(path);
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{}" errors="0" skipped="0">"#,
            found.len().max(1),
            found.len(),
        )?;
        if found.is_empty() {
            writeln!(
                out,
                r#"    <testcase name="no problems" classname="{path}"/>"#
            )?;
        }
        for item in found {
            let diag = item.diag;
            let start = item.region.start;
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{path}" file="{path}" line="{}">"#,
                xml::attr(&format!(
                    "{} ({}) at {}:{}",
                    diag.code, diag.name, start.line, start.column
                )),
                start.line,
            )?;
            let mut body = format!(
                "{}:{}:{}: {}[{}] {}",
                item.path,
                start.line,
                start.column,
                diag.severity.as_str(),
                diag.code,
                diag.message
            );
            if let Some(help) = &diag.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}</failure>"#,
                xml::attr(&diag.message),
                diag.severity.as_str(),
                xml::text(&body),
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
