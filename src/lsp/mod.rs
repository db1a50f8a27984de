//! The language server (`proftpd-lint server`): the same engine and codes as
//! `check`, over LSP. One file per request kind; this file holds the state,
//! the handshake and the message loop. The transport is the caller's
//! (stdio in the CLI, `Connection::memory()` in tests).

mod code_action;
mod completion;
mod definition;
mod diagnostics;
mod document;
mod hover;
mod position;
mod settings;
mod symbols;
pub mod uri;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{self, AssertUnwindSafe};

use lsp_server::{
    Connection, ErrorCode, Message, Notification, Request, RequestId, Response, ResponseError,
};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{InitializeParams, Uri};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::fs::OverlayFs;

pub use document::Document;
pub use position::Encoding;
pub use settings::Settings;

/// Everything the handlers read and update.
pub struct State {
    pub encoding: Encoding,
    pub settings: Settings,
    /// Open buffers over the real file system, so includes see unsaved text.
    pub fs: OverlayFs,
    /// Open documents by URI text.
    pub docs: BTreeMap<String, Document>,
    /// The client pulls diagnostics (`textDocument/diagnostic`).
    pub pull: bool,
    pub snippets: bool,
    refresh_support: bool,
    /// Documents whose diagnostics must be recomputed and pushed.
    dirty: BTreeSet<String>,
    /// For each open document, the included files it published for.
    published: HashMap<String, Vec<Uri>>,
    /// Messages to send once the current one is handled.
    outbox: Vec<Message>,
    /// The last problem with `.proftpd-lint.toml` logged (logged once).
    config_warning: Option<String>,
}

type Outcome = Result<Value, ResponseError>;

/// Runs the handshake and the message loop until `exit` or a closed
/// connection. Returns whether `exit` came after `shutdown`.
pub fn serve(conn: &Connection) -> Result<bool, String> {
    let (id, params) = conn.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = match serde_json::from_value(params) {
        Ok(p) => p,
        Err(e) => {
            let message = format!("invalid initialize params: {e}");
            let _ = conn.sender.send(
                Response::new_err(id, ErrorCode::InvalidParams as i32, message.clone()).into(),
            );
            return Err(message);
        }
    };
    let mut state = State::new(&params);
    let result = serde_json::json!({
        "capabilities": state.capabilities(),
        "serverInfo": {"name": "proftpd-lint", "version": env!("CARGO_PKG_VERSION")},
    });
    conn.initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    state.flush(conn);
    Ok(main_loop(conn, &mut state))
}

fn main_loop(conn: &Connection, state: &mut State) -> bool {
    let mut shutdown = false;
    loop {
        let msg = if state.dirty.is_empty() {
            match conn.receiver.recv() {
                Ok(msg) => msg,
                Err(_) => return false,
            }
        } else {
            // Coalesce bursts of edits: lint only once the queue is empty.
            match conn.receiver.try_recv() {
                Ok(msg) => msg,
                Err(crossbeam_channel::TryRecvError::Empty) => {
                    guarded(state, "publishDiagnostics", diagnostics::publish_dirty);
                    state.flush(conn);
                    continue;
                }
                Err(crossbeam_channel::TryRecvError::Disconnected) => return false,
            }
        };
        match msg {
            Message::Request(request) if shutdown => {
                let message = format!("{} after shutdown", request.method);
                state.respond(Response::new_err(
                    request.id,
                    ErrorCode::InvalidRequest as i32,
                    message,
                ));
            }
            Message::Request(request) if request.method == req::Shutdown::METHOD => {
                shutdown = true;
                state.respond(Response::new_ok(request.id, Value::Null));
            }
            Message::Request(request) => handle_request(state, request),
            Message::Notification(n) if n.method == notif::Exit::METHOD => return shutdown,
            Message::Notification(n) => handle_notification(state, n),
            Message::Response(_) => {}
        }
        state.flush(conn);
    }
}

fn handle_request(state: &mut State, request: Request) {
    let id = request.id.clone();
    let method = request.method.clone();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| dispatch(state, request)));
    let response = match outcome {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err(error)) => Response {
            id,
            result: None,
            error: Some(error),
        },
        Err(payload) => internal_error(id, &method, payload.as_ref()),
    };
    state.respond(response);
}

fn internal_error(id: RequestId, method: &str, payload: &(dyn std::any::Any + Send)) -> Response {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    Response::new_err(
        id,
        ErrorCode::InternalError as i32,
        format!("proftpd-lint failed on {method}: {detail}"),
    )
}

fn dispatch(state: &mut State, request: Request) -> Outcome {
    let Request { method, params, .. } = request;
    match method.as_str() {
        req::HoverRequest::METHOD => answer(params, |p| hover::hover(state, p)),
        req::Completion::METHOD => answer(params, |p| completion::completion(state, p)),
        req::CodeActionRequest::METHOD => answer(params, |p| code_action::code_actions(state, p)),
        req::DocumentSymbolRequest::METHOD => {
            answer(params, |p| symbols::document_symbols(state, p))
        }
        req::FoldingRangeRequest::METHOD => answer(params, |p| symbols::folding_ranges(state, p)),
        req::GotoDefinition::METHOD => answer(params, |p| definition::definition(state, p)),
        req::DocumentDiagnosticRequest::METHOD => answer(params, |p| diagnostics::pull(state, p)),
        #[cfg(test)]
        "proftpd-lint/testPanic" => panic!("test panic"),
        _ => Err(ResponseError {
            code: ErrorCode::MethodNotFound as i32,
            message: format!("unknown method {method}"),
            data: None,
        }),
    }
}

fn answer<P: DeserializeOwned, R: serde::Serialize>(
    params: Value,
    handler: impl FnOnce(P) -> R,
) -> Outcome {
    let params = serde_json::from_value(params).map_err(|e| ResponseError {
        code: ErrorCode::InvalidParams as i32,
        message: format!("invalid params: {e}"),
        data: None,
    })?;
    serde_json::to_value(handler(params)).map_err(|e| ResponseError {
        code: ErrorCode::InternalError as i32,
        message: e.to_string(),
        data: None,
    })
}

fn handle_notification(state: &mut State, n: Notification) {
    let method = n.method.clone();
    let run = |state: &mut State| -> Result<(), String> {
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => document::did_open(state, parse(n.params)?),
            notif::DidChangeTextDocument::METHOD => document::did_change(state, parse(n.params)?),
            notif::DidSaveTextDocument::METHOD => document::did_save(state, parse(n.params)?),
            notif::DidCloseTextDocument::METHOD => document::did_close(state, parse(n.params)?),
            notif::DidChangeConfiguration::METHOD => {
                let p: lsp_types::DidChangeConfigurationParams = parse(n.params)?;
                state.configure(&p.settings);
            }
            _ => {}
        }
        Ok(())
    };
    guarded(state, &method, |state| {
        if let Err(e) = run(state) {
            state.log(lsp_types::MessageType::ERROR, format!("{method}: {e}"));
        }
    });
}

/// Runs a notification-side handler; a panic is logged, not fatal.
fn guarded(state: &mut State, what: &str, f: impl FnOnce(&mut State)) {
    if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| f(state))) {
        let response = internal_error(RequestId::from(0), what, payload.as_ref());
        let message = response.error.map(|e| e.message).unwrap_or_default();
        state.log(lsp_types::MessageType::ERROR, message);
    }
}

fn parse<P: DeserializeOwned>(params: Value) -> Result<P, String> {
    serde_json::from_value(params).map_err(|e| format!("invalid params: {e}"))
}

impl State {
    pub fn new(params: &InitializeParams) -> State {
        let caps = &params.capabilities;
        let offered = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let text = caps.text_document.as_ref();
        let mut state = State {
            encoding: Encoding::negotiate(offered),
            settings: Settings::new(),
            fs: OverlayFs::default(),
            docs: BTreeMap::new(),
            pull: text.is_some_and(|t| t.diagnostic.is_some()),
            snippets: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            refresh_support: caps
                .workspace
                .as_ref()
                .and_then(|w| w.diagnostic.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            dirty: BTreeSet::new(),
            published: HashMap::new(),
            outbox: Vec::new(),
            config_warning: None,
        };
        if let Some(options) = &params.initialization_options {
            state.configure(options);
        }
        state
    }

    fn capabilities(&self) -> lsp_types::ServerCapabilities {
        use lsp_types::*;
        ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["<".into(), "/".into()]),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            diagnostic_provider: self.pull.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("proftpd-lint".into()),
                    inter_file_dependencies: true,
                    workspace_diagnostics: false,
                    ..DiagnosticOptions::default()
                })
            }),
            ..ServerCapabilities::default()
        }
    }

    /// Applies client settings; on error the previous settings stay.
    fn configure(&mut self, value: &Value) {
        match Settings::from_json(value) {
            Ok(settings) if settings == self.settings => {}
            Ok(settings) => {
                self.settings = settings;
                self.invalidate_all();
                if self.pull && self.refresh_support {
                    let request = Request::new(
                        RequestId::from("proftpd-lint/refresh".to_owned()),
                        req::WorkspaceDiagnosticRefresh::METHOD.to_owned(),
                        Value::Null,
                    );
                    self.outbox.push(request.into());
                }
            }
            Err(e) => self.log(
                lsp_types::MessageType::ERROR,
                format!("proftpd-lint settings ignored: {e}"),
            ),
        }
    }

    fn invalidate_all(&mut self) {
        let mut stale = Vec::new();
        for (key, doc) in &mut self.docs {
            stale.extend(doc.analysis.take());
            self.dirty.insert(key.clone());
        }
        // Freeing the trees of a large file takes milliseconds: not on the
        // way to the next publish.
        if !stale.is_empty() {
            let _ = std::thread::Builder::new().spawn(move || drop(stale));
        }
    }

    fn log(&mut self, typ: lsp_types::MessageType, message: String) {
        let params = lsp_types::LogMessageParams { typ, message };
        self.notify::<notif::LogMessage>(params);
    }

    fn notify<N: notif::Notification>(&mut self, params: N::Params) {
        self.outbox
            .push(Notification::new(N::METHOD.to_owned(), params).into());
    }

    fn respond(&mut self, response: Response) {
        self.outbox.push(response.into());
    }

    fn flush(&mut self, conn: &Connection) {
        for msg in self.outbox.drain(..) {
            // A closed connection ends the loop at the next receive.
            let _ = conn.sender.send(msg);
        }
    }
}
