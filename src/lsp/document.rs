//! Open documents: text sync and the cached analysis of each.

use std::path::PathBuf;

use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, Uri,
};

use crate::lint::{LintOptions, LintResult, lint_bytes};
use crate::source::SourceFile;
use crate::syntax::{Directive, ParsedFile};

use super::{State, uri};

pub struct Document {
    pub uri: Uri,
    /// The file path, or the URI text for non-`file:` documents.
    pub path: PathBuf,
    pub text: String,
    pub version: i32,
    pub analysis: Option<Analysis>,
}

/// The lint of a document as root, with the options used.
pub struct Analysis {
    pub result: LintResult,
    pub options: LintOptions,
}

impl Analysis {
    pub fn root(&self) -> &SourceFile {
        self.result.config.sources.get(self.result.config.root)
    }

    pub fn parsed(&self) -> &ParsedFile {
        self.result.config.file(self.result.config.root)
    }

    /// The directive line of the root file holding `offset` (its end
    /// included, for a cursor at the end of the last line), with the
    /// section openers around it.
    pub fn directive_at(&self, offset: usize) -> Option<(Vec<Directive<'_>>, Directive<'_>)> {
        self.parsed()
            .walk()
            .into_iter()
            .find(|(_, d)| d.span().contains(&offset) || offset == d.content_span().end)
    }
}

pub fn did_open(state: &mut State, p: DidOpenTextDocumentParams) {
    let doc = p.text_document;
    let path = uri::to_path(&doc.uri).unwrap_or_else(|| PathBuf::from(doc.uri.as_str()));
    let key = doc.uri.as_str().to_owned();
    state.fs.overlay.insert(path.clone(), doc.text.clone());
    state.docs.insert(
        key,
        Document {
            uri: doc.uri,
            path,
            text: doc.text,
            version: doc.version,
            analysis: None,
        },
    );
    // Other open files may include this one.
    state.invalidate_all();
}

pub fn did_change(state: &mut State, p: DidChangeTextDocumentParams) {
    let encoding = state.encoding;
    let key = p.text_document.uri.as_str().to_owned();
    let Some(doc) = state.docs.get_mut(&key) else {
        return;
    };
    for change in p.content_changes {
        match change.range {
            None => doc.text = change.text,
            Some(range) => {
                let file = SourceFile::new(
                    Default::default(),
                    PathBuf::new(),
                    doc.text.as_bytes().to_vec(),
                );
                let start = encoding.offset(&file, range.start);
                let end = encoding.offset(&file, range.end).max(start);
                doc.text.replace_range(start..end, &change.text);
            }
        }
    }
    doc.version = p.text_document.version;
    state.fs.overlay.insert(doc.path.clone(), doc.text.clone());
    state.invalidate_all();
}

pub fn did_save(state: &mut State, _: DidSaveTextDocumentParams) {
    state.invalidate_all();
}

pub fn did_close(state: &mut State, p: DidCloseTextDocumentParams) {
    let key = p.text_document.uri.as_str().to_owned();
    let Some(doc) = state.docs.remove(&key) else {
        return;
    };
    state.fs.overlay.remove(&doc.path);
    state.dirty.remove(&key);
    if !state.pull {
        let mut cleared = state.published.remove(&key).unwrap_or_default();
        cleared.push(doc.uri);
        for uri in cleared {
            super::diagnostics::push(state, uri, Vec::new(), None);
        }
    }
    state.invalidate_all();
}

impl State {
    /// The analysis of an open document, computed if stale.
    pub fn analysis(&mut self, uri: &Uri) -> Option<&Analysis> {
        let doc = self.docs.get_mut(uri.as_str())?;
        if doc.analysis.is_none() {
            let (options, warning) = self.settings.lint_options(&self.fs, &doc.path);
            if warning.is_some() && warning != self.config_warning {
                let message = format!(
                    "{} ignored: {}",
                    super::settings::CONFIG_FILE,
                    warning.as_deref().unwrap_or_default()
                );
                let params = lsp_types::LogMessageParams {
                    typ: lsp_types::MessageType::WARNING,
                    message,
                };
                let method = <lsp_types::notification::LogMessage as lsp_types::notification::Notification>::METHOD;
                self.outbox
                    .push(lsp_server::Notification::new(method.to_owned(), params).into());
            }
            self.config_warning = warning;
            let result = lint_bytes(&self.fs, &doc.path, doc.text.clone().into_bytes(), &options);
            doc.analysis = Some(Analysis { result, options });
        }
        doc.analysis.as_ref()
    }
}
