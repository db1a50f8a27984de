//! `path:line:col: severity[CODE] message`, one finding per line (gcc and
//! pylint style, for grep, editors and problem matchers). Line breaks inside
//! a message are written as the two characters `\n`, so every finding stays
//! on one line. Nothing else is printed.

use std::io;

use super::{Report, one_line};

pub(crate) fn render(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    for item in report.items_unfingerprinted() {
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            item.path,
            item.region.start.line,
            item.region.start.column,
            item.diag.severity.as_str(),
            item.diag.code,
            one_line(&item.diag.message, "\\n"),
        )?;
    }
    Ok(())
}
