//! `proftpd-lint server` as a process over real stdio: framing, a malformed
//! message, diagnostics, and exit codes per the shutdown/exit rules.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

fn spawn() -> (Child, BufReader<ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_proftpd-lint"))
        .args(["server", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    (child, out)
}

fn send_raw(child: &mut Child, body: &str) {
    let stdin = child.stdin.as_mut().unwrap();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

fn send(child: &mut Child, value: Value) {
    send_raw(child, &value.to_string());
}

fn recv(out: &mut BufReader<ChildStdout>) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    out.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

fn initialize(child: &mut Child, out: &mut BufReader<ChildStdout>) {
    send(
        child,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    assert!(recv(out)["result"]["capabilities"].is_object());
    send(
        child,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
}

#[test]
fn session_over_stdio() {
    let (mut child, mut out) = spawn();
    initialize(&mut child, &mut out);
    send_raw(&mut child, "{\"jsonrpc\": ");
    let error = recv(&mut out);
    assert_eq!(error["error"]["code"], -32700);
    assert_eq!(error["id"], Value::Null);
    let text = "SocketOptions keepalive 300:9:10\n";
    send(
        &mut child,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
        {"uri": "file:///nonexistent/proftpd.conf", "languageId": "proftpd", "version": 1, "text": text}}}),
    );
    let published = recv(&mut out);
    assert_eq!(published["method"], "textDocument/publishDiagnostics");
    let codes: Vec<&str> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"K010"), "{codes:?}");
    send(
        &mut child,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    assert_eq!(recv(&mut out)["id"], 2);
    send(&mut child, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let (mut child, mut out) = spawn();
    initialize(&mut child, &mut out);
    send(&mut child, json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn closed_stdin_ends_the_server() {
    let (mut child, mut out) = spawn();
    initialize(&mut child, &mut out);
    drop(child.stdin.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
}
