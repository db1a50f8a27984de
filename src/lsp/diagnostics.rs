//! Diagnostics: pushed after edits (`publishDiagnostics`) or pulled
//! (`textDocument/diagnostic`). Findings inside included files are reported
//! against those files, unless they are open themselves (their own
//! analysis then speaks for them).

use std::collections::HashMap;
use std::str::FromStr;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportKind, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, Location, NumberOrString, PublishDiagnosticsParams,
    RelatedFullDocumentDiagnosticReport, Uri,
};

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::load::Config;
use crate::rules;

use super::{Encoding, State, uri};

pub const SOURCE: &str = "proftpd-lint";

/// Lints every dirty document and pushes its diagnostics (push clients).
pub fn publish_dirty(state: &mut State) {
    let keys: Vec<String> = std::mem::take(&mut state.dirty).into_iter().collect();
    if state.pull {
        return;
    }
    for key in keys {
        let Some(doc) = state.docs.get(&key) else {
            continue;
        };
        let (doc_uri, version) = (doc.uri.clone(), doc.version);
        let mut by_file = file_diagnostics(state, &doc_uri).into_iter();
        let own = by_file.next().map(|(_, d)| d).unwrap_or_default();
        let included: Vec<_> = by_file
            .filter(|(u, _)| !state.docs.contains_key(u.as_str()))
            .collect();
        let previous = state.published.remove(&key).unwrap_or_default();
        for old in previous {
            let still = included.iter().any(|(u, _)| *u == old);
            if !still && !state.docs.contains_key(old.as_str()) {
                push(state, old, Vec::new(), None);
            }
        }
        push(state, doc_uri, own, Some(version));
        let uris = included.iter().map(|(u, _)| u.clone()).collect();
        for (file_uri, diags) in included {
            push(state, file_uri, diags, None);
        }
        state.published.insert(key, uris);
    }
}

pub fn push(
    state: &mut State,
    uri: Uri,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) {
    state.notify::<lsp_types::notification::PublishDiagnostics>(PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    });
}

pub fn pull(state: &mut State, p: DocumentDiagnosticParams) -> DocumentDiagnosticReportResult {
    let doc_uri = p.text_document.uri;
    state.dirty.remove(doc_uri.as_str());
    let mut by_file = file_diagnostics(state, &doc_uri).into_iter();
    let items = by_file.next().map(|(_, d)| d).unwrap_or_default();
    // lsp-types keys this map by `Uri`, whose cache clippy calls mutable.
    #[allow(clippy::mutable_key_type)]
    let related: HashMap<Uri, DocumentDiagnosticReportKind> = by_file
        .filter(|(u, _)| !state.docs.contains_key(u.as_str()))
        .map(|(u, items)| {
            let report = FullDocumentDiagnosticReport {
                result_id: None,
                items,
            };
            (u, DocumentDiagnosticReportKind::Full(report))
        })
        .collect();
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: (!related.is_empty()).then_some(related),
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: None,
                items,
            },
        },
    ))
}

type FileDiagnostics = Vec<(Uri, Vec<lsp_types::Diagnostic>)>;

/// The LSP diagnostics of a document's lint, grouped by file: the document
/// itself first (possibly empty), then included files in order of findings.
fn file_diagnostics(state: &mut State, doc_uri: &Uri) -> FileDiagnostics {
    let encoding = state.encoding;
    let mut out: FileDiagnostics = vec![(doc_uri.clone(), Vec::new())];
    let Some(analysis) = state.analysis(doc_uri) else {
        return out;
    };
    let config = &analysis.result.config;
    for diag in &analysis.result.diagnostics {
        let file_uri = if diag.span.file == config.root {
            doc_uri.clone()
        } else {
            match file_uri(config, &diag.span) {
                Some(u) => u,
                None => continue,
            }
        };
        let lsp = to_lsp(encoding, config, doc_uri, diag);
        match out.iter_mut().find(|(u, _)| *u == file_uri) {
            Some((_, list)) => list.push(lsp),
            None => out.push((file_uri, vec![lsp])),
        }
    }
    out
}

fn file_uri(config: &Config, span: &Span) -> Option<Uri> {
    uri::from_path(&config.sources.get(span.file).path)
}

pub fn range(encoding: Encoding, config: &Config, span: &Span) -> lsp_types::Range {
    encoding.range(config.sources.get(span.file), &span.range)
}

pub fn to_lsp(
    encoding: Encoding,
    config: &Config,
    root_uri: &Uri,
    diag: &Diagnostic,
) -> lsp_types::Diagnostic {
    let severity = match diag.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let related: Vec<DiagnosticRelatedInformation> = diag
        .labels
        .iter()
        .filter_map(|label| {
            let uri = if label.span.file == config.root {
                root_uri.clone()
            } else {
                file_uri(config, &label.span)?
            };
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, range(encoding, config, &label.span)),
                message: label.message.clone(),
            })
        })
        .collect();
    let mut message = diag.message.clone();
    if let Some(help) = &diag.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range: range(encoding, config, &diag.span),
        severity: Some(severity),
        code: Some(NumberOrString::String(diag.code.to_owned())),
        code_description: rules::find(diag.code)
            .and_then(|r| Uri::from_str(&r.help_uri()).ok())
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}
