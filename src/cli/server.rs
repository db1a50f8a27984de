//! `proftpd-lint server`: the language server over stdio.
//!
//! The transport is our own rather than lsp-server's, which stops at the
//! first malformed message: here a body that is not JSON gets a Parse error
//! (-32700) and one that is not a JSON-RPC message an Invalid Request error
//! (-32600), and reading goes on.

use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{Sender, bounded};
use lsp_server::{Connection, Message};
use serde_json::{Value, json};

use super::{EXIT_ERROR, EXIT_OK};

pub fn run() -> u8 {
    let (reader_tx, reader_rx) = bounded::<Message>(0);
    let (writer_tx, writer_rx) = bounded::<Message>(0);
    let writer = thread::spawn(move || {
        let stdout = io::stdout();
        for msg in writer_rx {
            if msg.write(&mut stdout.lock()).is_err() {
                break;
            }
        }
    });
    // Not joined: it may be blocked on stdin after `exit`.
    thread::spawn(move || {
        let stdin = io::stdin();
        read_messages(&mut stdin.lock(), &reader_tx, &mut |reply| {
            let _ = write_raw(&mut io::stdout().lock(), &reply);
        });
    });
    let conn = Connection {
        sender: writer_tx,
        receiver: reader_rx,
    };
    let outcome = proftpd_lint::lsp::serve(&conn);
    drop(conn);
    let _ = writer.join();
    match outcome {
        Ok(true) => EXIT_OK,
        Ok(false) => 1,
        Err(e) => {
            eprintln!("proftpd-lint server: {e}");
            EXIT_ERROR
        }
    }
}

/// Reads framed messages until EOF; errors are answered through `reply`.
fn read_messages(input: &mut dyn BufRead, sink: &Sender<Message>, reply: &mut dyn FnMut(Value)) {
    loop {
        let body = match read_frame(input) {
            Ok(Some(body)) => body,
            Ok(None) | Err(_) => return,
        };
        match decode(&body) {
            Ok(msg) => {
                if sink.send(msg).is_err() {
                    return;
                }
            }
            Err(error) => reply(error),
        }
    }
}

/// One message body; `None` at EOF. Headers other than Content-Length are
/// ignored, and a header block without it is skipped.
fn read_frame(input: &mut dyn BufRead) -> io::Result<Option<Vec<u8>>> {
    loop {
        let mut length = None;
        let mut saw_header = false;
        loop {
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                return Ok(None);
            }
            let line = line.trim_end();
            if line.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((name, value)) = line.split_once(':')
                && name.trim().eq_ignore_ascii_case("Content-Length")
            {
                length = value.trim().parse::<usize>().ok();
            }
        }
        if let Some(length) = length {
            let mut body = vec![0; length];
            input.read_exact(&mut body)?;
            return Ok(Some(body));
        }
    }
}

fn decode(body: &[u8]) -> Result<Message, Value> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| error_reply(Value::Null, -32700, format!("parse error: {e}")))?;
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let id = if id.is_string() || id.is_number() {
        id
    } else {
        Value::Null
    };
    let is_response = value.get("result").is_some() || value.get("error").is_some();
    if value.get("method").is_none_or(|m| !m.is_string()) && !is_response {
        return Err(error_reply(
            id,
            -32600,
            "invalid request: no method".to_owned(),
        ));
    }
    serde_json::from_value::<Message>(value)
        .map_err(|e| error_reply(id, -32600, format!("invalid request: {e}")))
}

fn error_reply(id: Value, code: i64, message: String) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

fn write_raw(out: &mut dyn Write, value: &Value) -> io::Result<()> {
    let body = value.to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn malformed_messages_get_errors_and_reading_goes_on() {
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7,"params":{}}"#),
            "X-Junk: 1\r\n\r\n".to_owned(),
            frame(r#"{"jsonrpc":"2.0","id":8,"method":"shutdown"}"#),
        ]
        .concat();
        let (tx, rx) = crossbeam_channel::unbounded();
        let mut replies = Vec::new();
        read_messages(&mut input.as_bytes(), &tx, &mut |v| replies.push(v));
        assert_eq!(replies.len(), 2);
        assert_eq!(replies[0]["error"]["code"], -32700);
        assert_eq!(replies[0]["id"], Value::Null);
        assert_eq!(replies[1]["error"]["code"], -32600);
        assert_eq!(replies[1]["id"], 7);
        let msgs: Vec<Message> = rx.try_iter().collect();
        assert_eq!(msgs.len(), 1);
        assert!(matches!(&msgs[0], Message::Request(r) if r.method == "shutdown"));
        let mut out = Vec::new();
        write_raw(&mut out, &replies[0]).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .starts_with("Content-Length: ")
        );
    }
}
