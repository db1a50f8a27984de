//! Document symbols (the section outline) and folding ranges.

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, FoldingRange, FoldingRangeKind,
    FoldingRangeParams, SymbolKind,
};

use crate::source::SourceFile;
use crate::syntax::{Items, Section};

use super::{Encoding, State};

pub fn document_symbols(
    state: &mut State,
    p: DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let encoding = state.encoding;
    let analysis = state.analysis(&p.text_document.uri)?;
    let root = analysis.root();
    let symbols = section_symbols(encoding, root, analysis.parsed().items());
    Some(DocumentSymbolResponse::Nested(symbols))
}

fn section_symbols(encoding: Encoding, file: &SourceFile, items: Items) -> Vec<DocumentSymbol> {
    items
        .filter_map(|item| match item {
            crate::syntax::Item::Section(s) => Some(section_symbol(encoding, file, &s)),
            _ => None,
        })
        .collect()
}

#[allow(deprecated)] // `deprecated` is a required field of the struct
fn section_symbol(encoding: Encoding, file: &SourceFile, s: &Section) -> DocumentSymbol {
    let end = s.close().map_or(s.span().end, |c| c.content_span().end);
    let mut name = format!("<{}", s.name());
    for arg in s.open().args() {
        name.push(' ');
        name.push_str(arg.value());
    }
    name.push('>');
    let server_name = s.children().find_map(|c| match c {
        crate::syntax::Item::Directive(d) if d.is_named("ServerName") => {
            d.args().first().map(|a| a.value().to_owned())
        }
        _ => None,
    });
    let kind = match s.name().to_ascii_lowercase().as_str() {
        "virtualhost" | "global" => SymbolKind::NAMESPACE,
        "anonymous" | "directory" => SymbolKind::CLASS,
        "ifmodule" | "ifdefine" | "ifversion" => SymbolKind::PACKAGE,
        _ => SymbolKind::STRUCT,
    };
    DocumentSymbol {
        name,
        detail: server_name,
        kind,
        tags: None,
        deprecated: None,
        range: encoding.range(
            file,
            &(s.open().span().start..end.max(s.open().span().start)),
        ),
        selection_range: encoding.range(file, &s.open().content_span()),
        children: Some(section_symbols(encoding, file, s.children())),
    }
}

pub fn folding_ranges(state: &mut State, p: FoldingRangeParams) -> Option<Vec<FoldingRange>> {
    let analysis = state.analysis(&p.text_document.uri)?;
    let root = analysis.root();
    let mut out = Vec::new();
    fold_sections(root, analysis.parsed().items(), &mut out);
    fold_comments(root, &mut out);
    out.sort_by_key(|r| (r.start_line, r.end_line));
    Some(out)
}

fn fold_sections(file: &SourceFile, items: Items, out: &mut Vec<FoldingRange>) {
    for item in items {
        if let crate::syntax::Item::Section(s) = item {
            if let Some(close) = s.close() {
                let start = file.line_index(s.open().span().start);
                let end = file.line_index(close.span().start);
                if end > start {
                    out.push(range(start, end, FoldingRangeKind::Region));
                }
            }
            fold_sections(file, s.children(), out);
        }
    }
}

/// Runs of two or more whole-line comments.
fn fold_comments(file: &SourceFile, out: &mut Vec<FoldingRange>) {
    let mut run: Option<usize> = None;
    for line in 0..=file.line_count() {
        let is_comment =
            line < file.line_count() && file.line_text(line).trim_start().starts_with('#');
        match (is_comment, run) {
            (true, None) => run = Some(line),
            (false, Some(start)) => {
                if line - 1 > start {
                    out.push(range(start, line - 1, FoldingRangeKind::Comment));
                }
                run = None;
            }
            _ => {}
        }
    }
}

fn range(start: usize, end: usize, kind: FoldingRangeKind) -> FoldingRange {
    FoldingRange {
        start_line: start as u32,
        end_line: end as u32,
        kind: Some(kind),
        ..FoldingRange::default()
    }
}
