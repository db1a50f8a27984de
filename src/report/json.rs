//! The versioned JSON document described in `docs/json-format.md` and
//! checked against `docs/json-schema.json`. Bump [`VERSION`] on any change
//! that is not a pure addition.

use std::io;

use serde::Serialize;

use super::{Region, Report, Summary};
use crate::diagnostic::{Applicability, Span};

/// The `version` field of the document.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool<'a>,
    summary: JsonSummary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    infos: usize,
    files: usize,
    files_checked: usize,
    proftpd_rejects: bool,
}

#[derive(Serialize)]
struct Location {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    end_offset: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    #[serde(flatten)]
    location: Location,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
    labels: Vec<JsonLabel<'a>>,
    proftpd_rejects: bool,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    #[serde(flatten)]
    location: Location,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    #[serde(flatten)]
    location: Location,
    message: &'a str,
}

pub(crate) fn render(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let Summary {
        errors,
        warnings,
        infos,
        files,
        files_checked,
        proftpd_rejects,
        ..
    } = report.summary();
    let location = |span: &Span| {
        let file = report.sources.get(span.file);
        let region = Region::of(file, span);
        Location {
            file: report.path_of(file),
            line: region.start.line,
            column: region.start.column,
            end_line: region.end.line,
            end_column: region.end.column,
            offset: region.offset,
            end_offset: region.end_offset,
        }
    };
    let diagnostics = report
        .items_unfingerprinted()
        .into_iter()
        .map(|item| {
            let diag = item.diag;
            JsonDiagnostic {
                code: diag.code,
                name: diag.name,
                severity: diag.severity.as_str(),
                message: &diag.message,
                location: location(&diag.span),
                help: diag.help.as_deref(),
                fix: diag.fix.as_ref().map(|fix| JsonFix {
                    message: &fix.message,
                    applicability: fix.applicability,
                    edits: fix
                        .edits
                        .iter()
                        .map(|edit| JsonEdit {
                            location: location(&edit.span),
                            replacement: &edit.replacement,
                        })
                        .collect(),
                }),
                labels: diag
                    .labels
                    .iter()
                    .map(|label| JsonLabel {
                        location: location(&label.span),
                        message: &label.message,
                    })
                    .collect(),
                proftpd_rejects: diag.proftpd_rejects,
            }
        })
        .collect();
    let document = Document {
        version: VERSION,
        tool: Tool {
            name: "proftpd-lint",
            version: report.tool_version,
        },
        summary: JsonSummary {
            errors,
            warnings,
            infos,
            files,
            files_checked,
            proftpd_rejects,
        },
        diagnostics,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
