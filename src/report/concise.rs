//! `path:line:col: severity[CODE] message`, one finding per line (gcc and
//! pylint style, for grep, editors and problem matchers). Line breaks inside
//! a message are written as the two characters `\n`, so every finding stays
//! on one line. Nothing else is printed.

use std::io;

use super::{Report, one_line};

pub(crate) fn render(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    // Each line is put together in one buffer and written at once (thousands
    // of findings: formatting machinery per piece showed in the profile).
    let mut line = Vec::with_capacity(256);
    let mut number = itoa::Buffer::new();
    for item in report.items_unfingerprinted() {
        line.clear();
        line.extend_from_slice(item.path.as_bytes());
        line.push(b':');
        line.extend_from_slice(number.format(item.region.start.line).as_bytes());
        line.push(b':');
        line.extend_from_slice(number.format(item.region.start.column).as_bytes());
        line.extend_from_slice(b": ");
        line.extend_from_slice(item.diag.severity.as_str().as_bytes());
        line.push(b'[');
        line.extend_from_slice(item.diag.code.as_bytes());
        line.extend_from_slice(b"] ");
        line.extend_from_slice(one_line(&item.diag.message, "\\n").as_bytes());
        line.push(b'\n');
        out.write_all(&line)?;
    }
    Ok(())
}
