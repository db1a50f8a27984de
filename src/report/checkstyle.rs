//! Checkstyle XML (`<checkstyle version="4.3">`), as ESLint and ShellCheck
//! write it: a `<file>` element for every file read (sorted by path, empty
//! when clean), an `<error line column severity message source>` per finding,
//! with `severity` one of `error|warning|info` and `source`
//! `proftpd-lint.CODE`.

use std::io;

use super::{Report, xml};

pub(crate) fn render(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let items = report.items_unfingerprinted();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for (path, _) in report.files() {
        let found: Vec<_> = items.iter().filter(|i| *i.path == *path).collect();
        if found.is_empty() {
            writeln!(out, r#"  <file name="{}"/>"#, xml::attr(&path))?;
            continue;
        }
        writeln!(out, r#"  <file name="{}">"#, xml::attr(&path))?;
        for item in found {
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="proftpd-lint.{}"/>"#,
                item.region.start.line,
                item.region.start.column,
                item.diag.severity.as_str(),
                xml::attr(&item.diag.message),
                xml::attr(item.diag.code),
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
