//! GitHub Actions workflow commands, one annotation per finding:
//!
//! ```text
//! ::error file=proftpd.conf,line=3,endLine=3,col=5,endColumn=9,title=S001 (unterminated-quote)::message
//! ```
//!
//! `::warning` for warnings and `::notice` for infos. Escaping follows
//! `@actions/core` (`command.ts`): in the message `%`, CR and LF become
//! `%25`, `%0D`, `%0A`; property values also escape `:` and `,`. Paths are
//! relative to the root with no leading `./`, columns are 1-based, and
//! `col`/`endColumn` are only given when the finding sits on one line (GitHub
//! ignores columns on multi-line annotations). The help text, if any, follows
//! the message on its own line.

use std::io;

use super::Report;
use crate::diagnostic::Severity;

pub(crate) fn render(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    for item in report.items_unfingerprinted() {
        let diag = item.diag;
        let command = match diag.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let (start, end) = (item.region.start, item.region.end);
        let mut properties = vec![
            ("file", item.path.to_string()),
            ("line", start.line.to_string()),
            ("endLine", end.line.to_string()),
        ];
        if start.line == end.line {
            properties.push(("col", start.column.to_string()));
            properties.push(("endColumn", end.column.to_string()));
        }
        properties.push(("title", format!("{} ({})", diag.code, diag.name)));
        let properties: Vec<String> = properties
            .into_iter()
            .map(|(key, value)| format!("{key}={}", escape_property(&value)))
            .collect();
        let mut message = diag.message.clone();
        if let Some(help) = &diag.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// `escapeData` of `@actions/core`.
pub(crate) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// `escapeProperty` of `@actions/core`.
pub(crate) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_matches_actions_toolkit() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(
            escape_property("100% a:b,c\r\nd"),
            "100%25 a%3Ab%2Cc%0D%0Ad"
        );
        // `%` first, so escapes are not escaped twice.
        assert_eq!(escape_data("%0A"), "%250A");
    }
}
