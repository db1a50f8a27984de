//! The human format: each finding drawn by miette's graphical handler (code
//! `S001(unterminated-quote)`, severity, message, source snippet with the
//! primary span and the labels in the same file, help), followed by a
//! `note:` line per label in another file and a `fix:` line when a fix
//! exists; then one summary line ([`Summary::line`](super::Summary::line)).
//!
//! Colors only when [`Report::color`]; the drawing is unicode either way.
//! Lines are not wrapped (the terminal does that). The position in the
//! snippet header is the 1-based line and character column, like every
//! other format.

use std::fmt;
use std::io;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{Item, Region, Report};
use crate::diagnostic::{Applicability, Label, Severity, Span};
use crate::source::SourceFile;

const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

pub(crate) fn render(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let theme = if report.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_urls(false)
        .with_wrap_lines(false)
        .without_syntax_highlighting();
    let style = |prefix: &str| {
        if report.color {
            format!("{CYAN}{prefix}{RESET}")
        } else {
            prefix.to_owned()
        }
    };

    for item in report.items_unfingerprinted() {
        let shown = Shown::new(&item);
        let mut text = String::new();
        handler
            .render_report(&mut text, &shown)
            .map_err(|_| io::Error::other("failed to render a diagnostic"))?;
        out.write_all(text.as_bytes())?;
        if !shown.drawn {
            writeln!(
                out,
                "  {} {} (the line is too long to show)",
                style("at:"),
                location(report, &item.diag.span)
            )?;
        }
        for label in &item.diag.labels {
            if shown.draws(label) {
                continue;
            }
            writeln!(
                out,
                "  {} {}: {}",
                style("note:"),
                location(report, &label.span),
                label.message
            )?;
        }
        if let Some(fix) = &item.diag.fix {
            let prefix = match fix.applicability {
                Applicability::Safe => "fix:",
                Applicability::Unsafe => "fix (unsafe):",
            };
            writeln!(out, "  {} {}", style(prefix), fix.message)?;
        }
        writeln!(out)?;
    }
    let summary = report.summary().line();
    if report.color {
        writeln!(out, "{BOLD}{summary}{RESET}")
    } else {
        writeln!(out, "{summary}")
    }
}

fn location(report: &Report<'_>, span: &Span) -> String {
    let file = report.sources.get(span.file);
    let region = Region::of(file, span);
    format!(
        "{}:{}:{}",
        report.path_of(file),
        region.start.line,
        region.start.column
    )
}

/// Lines longer than this (ProFTPD's own line buffer) are not drawn: a
/// snippet of a megabyte-long line helps nobody, and miette cannot point
/// past column 65,535.
const LONGEST_LINE_DRAWN: usize = 4096;

/// Whether the lines of `span`, and the context line on each side, are
/// short enough to draw.
fn drawable(file: &SourceFile, span: &Span) -> bool {
    let first = file.line_index(span.range.start).saturating_sub(1);
    let last = (file.line_index(span.range.end) + 1).min(file.line_count().saturating_sub(1));
    (first..=last).all(|line| file.line_end(line) - file.line_start(line) <= LONGEST_LINE_DRAWN)
}

/// One finding as a miette diagnostic.
struct Shown<'a> {
    /// Whether the snippet is drawn (otherwise the finding has no source
    /// and its position is printed after it).
    drawn: bool,
    message: &'a str,
    code: String,
    severity: miette::Severity,
    source: NamedText<'a>,
    labels: Vec<LabeledSpan>,
    help: Option<&'a str>,
}

impl<'a> Shown<'a> {
    fn new(item: &Item<'a>) -> Shown<'a> {
        let diag = item.diag;
        let file = item.file;
        let span_of = |span: &Span| {
            let region = Region::of(file, span);
            SourceSpan::from(region.offset..region.end_offset)
        };
        let drawn = drawable(file, &diag.span);
        let mut labels = Vec::new();
        if drawn {
            labels.push(LabeledSpan::new_primary_with_span(
                None,
                span_of(&diag.span),
            ));
            labels.extend(
                diag.labels
                    .iter()
                    .filter(|label| label_drawn(drawn, file, label))
                    .map(|label| {
                        LabeledSpan::new_with_span(
                            Some(label.message.clone()),
                            span_of(&label.span),
                        )
                    }),
            );
        }
        Shown {
            drawn,
            message: &diag.message,
            code: format!("{}({})", diag.code, diag.name),
            severity: match diag.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            source: NamedText {
                name: item.path.to_string(),
                file,
            },
            labels,
            help: diag.help.as_deref(),
        }
    }
}

impl Shown<'_> {
    /// Whether `label` is drawn in the snippet (the others are printed as
    /// notes after it).
    fn draws(&self, label: &Label) -> bool {
        label_drawn(self.drawn, self.source.file, label)
    }
}

/// Whether a label is drawn in the snippet of `file`: when the snippet is,
/// and the label is in that file on lines short enough to draw.
fn label_drawn(snippet_drawn: bool, file: &SourceFile, label: &Label) -> bool {
    snippet_drawn && label.span.file == file.id && drawable(file, &label.span)
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shown")
            .field("code", &self.code)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.map(|h| Box::new(h) as Box<dyn fmt::Display + 'b>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.drawn.then_some(&self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// A file's text under its display path. Unlike miette's own `[u8]` source,
/// the line and column it reports for a span are ours (character columns,
/// LF line breaks), so the snippet header agrees with the other formats.
struct NamedText<'a> {
    name: String,
    file: &'a SourceFile,
}

impl SourceCode for NamedText<'_> {
    /// miette finds the context lines by scanning from the start of the
    /// text, which made 2,000 findings in a 660 KB file take two seconds.
    /// It is handed only the lines it needs (and one more before, so that
    /// the window never starts at the span), found with our line index, and
    /// its answer is moved back to whole-file positions. The line number is
    /// ours too: miette also breaks lines at a lone `\r`, ProFTPD does not.
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.file.text();
        let span_end = span.offset() + span.len();
        if span_end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first_line = self
            .file
            .line_index(span.offset())
            .saturating_sub(context_lines_before + 1);
        let last_line = self.file.line_index(span_end) + context_lines_after;
        let window_start = self.file.line_start(first_line);
        let window = &text[window_start..self.file.line_start(last_line + 2)];
        let inner = window.read_span(
            &SourceSpan::new((span.offset() - window_start).into(), span.len()),
            context_lines_before,
            context_lines_after,
        )?;
        let contents_start = inner.span().offset() + window_start;
        let (line, column) = if context_lines_before == 0 {
            let at = self.file.line_col(span.offset());
            (at.line - 1, at.column - 1)
        } else {
            (self.file.line_index(contents_start), inner.column())
        };
        let data: &'b [u8] = inner.data();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            SourceSpan::new(contents_start.into(), inner.span().len()),
            line,
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use miette::{SourceCode, SourceSpan};
    use proptest::prelude::*;

    use super::NamedText;
    use crate::source::{FileId, SourceFile};

    /// What the windowed read must agree with: miette reading the whole text.
    /// Not `line_count`: miette's counts every line from the start of the
    /// text, the window's only its own.
    fn whole_text_read(
        text: &str,
        span: SourceSpan,
        before: usize,
        after: usize,
    ) -> Option<(Vec<u8>, SourceSpan, usize, usize)> {
        let contents = text.read_span(&span, before, after).ok()?;
        Some((
            contents.data().to_vec(),
            *contents.span(),
            contents.line(),
            contents.column(),
        ))
    }

    /// Compares the two reads of one span (see [`whole_text_read`]).
    fn same_read(text: &str, span: SourceSpan, before: usize, after: usize) -> bool {
        let file = SourceFile::new(FileId(0), PathBuf::from("t.conf"), text.as_bytes().to_vec());
        let shown = NamedText {
            name: "t.conf".into(),
            file: &file,
        };
        let got = shown
            .read_span(&span, before, after)
            .ok()
            .map(|c| (c.data().to_vec(), *c.span(), c.line(), c.column()));
        match (whole_text_read(text, span, before, after), got) {
            (None, None) => true,
            // Ours counts characters; the texts are ASCII, so only the
            // starting point can differ when no line comes before.
            (Some(expected), Some(got)) if before == 0 => {
                (&expected.0, expected.1, expected.2) == (&got.0, got.1, got.2)
            }
            (expected, got) => expected == got,
        }
    }

    #[test]
    fn windowed_read_span_matches_on_every_short_span() {
        for text in [
            "",
            "a",
            "a\n",
            "ab\ncd\n\nef",
            "a\r\nb\r\n",
            "\n\n\n",
            "x y\n\\\n# z\nlast",
        ] {
            for start in 0..=text.len() {
                for len in 0..=(text.len() - start).min(4) {
                    for before in 0..3 {
                        for after in 0..3 {
                            let span = SourceSpan::new(start.into(), len);
                            assert!(
                                same_read(text, span, before, after),
                                "{text:?} {start}+{len} before {before} after {after}"
                            );
                        }
                    }
                }
            }
        }
    }

    proptest! {
        #[test]
        fn windowed_read_span_matches_a_whole_text_read(
            lines in prop::collection::vec("[a-c \"#\\\\]{0,6}(\r)?", 0..12),
            start in 0usize..1000,
            len in 0usize..20,
            before in 0usize..3,
            after in 0usize..3,
        ) {
            // A lone `\r` is a line break to miette only: keep CRLF, drop the rest.
            let mut text = lines.join("\n");
            if text.ends_with('\r') {
                text.pop();
            }
            // Our spans stay inside their file (miette also reads one byte
            // past it): fold the drawn numbers into the text rather than
            // rejecting cases.
            let start = start % (text.len() + 1);
            let len = len.min(text.len() - start);
            let span = SourceSpan::new(start.into(), len);
            prop_assert!(same_read(&text, span, before, after), "{:?} {}+{} before {} after {}", text, start, len, before, after);
        }
    }
}
