//! Code actions: the rules' fixes as quick fixes, and "disable this rule
//! for this line" (a `# proftpd-lint: disable=CODE` comment above it).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use crate::diagnostic::Applicability;

use super::diagnostics::{range, to_lsp};
use super::{State, uri};

pub fn code_actions(state: &mut State, p: CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
    let encoding = state.encoding;
    let doc_uri = p.text_document.uri;
    let analysis = state.analysis(&doc_uri)?;
    let config = &analysis.result.config;
    let root = analysis.root();
    let wanted = encoding.offset(root, p.range.start)..encoding.offset(root, p.range.end);
    let mut actions = Vec::new();
    for diag in &analysis.result.diagnostics {
        let Some(fix) = &diag.fix else { continue };
        let span = &diag.span.range;
        let overlaps =
            diag.span.file == config.root && span.start <= wanted.end && wanted.start <= span.end;
        if !overlaps {
            continue;
        }
        // lsp-types keys this map by `Uri`, whose cache clippy calls mutable.
        #[allow(clippy::mutable_key_type)]
        let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
        for edit in &fix.edits {
            let file_uri = if edit.span.file == config.root {
                doc_uri.clone()
            } else {
                match uri::from_path(&config.sources.get(edit.span.file).path) {
                    Some(u) => u,
                    None => continue,
                }
            };
            changes.entry(file_uri).or_default().push(TextEdit {
                range: range(encoding, config, &edit.span),
                new_text: edit.replacement.clone(),
            });
        }
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: fix.message.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![to_lsp(encoding, config, &doc_uri, diag)]),
            edit: Some(WorkspaceEdit {
                changes: Some(changes),
                ..WorkspaceEdit::default()
            }),
            is_preferred: Some(fix.applicability == Applicability::Safe),
            ..CodeAction::default()
        }));
    }
    for diag in &analysis.result.diagnostics {
        let span = &diag.span.range;
        let overlaps =
            diag.span.file == config.root && span.start <= wanted.end && wanted.start <= span.end;
        if overlaps {
            actions.push(disable_for_line(encoding, config, &doc_uri, diag));
        }
    }
    Some(actions)
}

/// Inserts `# proftpd-lint: disable=CODE` above the logical line of the
/// finding (never inside a backslash continuation), with its indentation.
fn disable_for_line(
    encoding: super::position::Encoding,
    config: &crate::load::Config,
    doc_uri: &lsp_types::Uri,
    diag: &crate::diagnostic::Diagnostic,
) -> CodeActionOrCommand {
    let parsed = config.file(config.root);
    let raw = config.sources.get(config.root).raw();
    let offset = diag.span.range.start;
    let line_start = (0..parsed.line_count())
        .map(|line| parsed.line_span(line))
        .find(|l| l.contains(&offset) || l.end == offset)
        .map(|l| l.start)
        .unwrap_or(offset);
    let indent: String = raw[line_start..]
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .map(|&b| b as char)
        .collect();
    let at = crate::diagnostic::Span::new(config.root, line_start..line_start);
    #[allow(clippy::mutable_key_type)]
    let changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::from([(
        doc_uri.clone(),
        vec![TextEdit {
            range: range(encoding, config, &at),
            new_text: format!("{indent}# proftpd-lint: disable={}\n", diag.code),
        }],
    )]);
    CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Disable {} ({}) for this line", diag.code, diag.name),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp(encoding, config, doc_uri, diag)]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(false),
        ..CodeAction::default()
    })
}
