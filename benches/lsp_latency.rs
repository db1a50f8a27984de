//! didChange → publishDiagnostics latency of `proftpd-lint server` on a
//! 30,000-line document, in process over `Connection::memory()`.
//! `cargo bench --bench lsp_latency` prints min / median / p95 / max.

use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

const LINES: usize = 30_000;
const RUNS: usize = 30;

fn document(variant: usize) -> String {
    let mut text = String::from(
        "ServerType standalone\nServerName \"bench\"\nSocketOptions keepalive 600:9:75\n",
    );
    let mut n = 0;
    let mut lines = 3;
    while lines + 10 <= LINES {
        n += 1;
        lines += 10;
        text.push_str(&format!(
            "<VirtualHost 10.{}.{}.{}>\n  ServerName \"vhost{n}.example.com\"\n  # a comment\n  TimeoutIdle {}\n  TimeoutNoTransfer 900\n  <Directory /srv/ftp/{n}>\n    AllowOverwrite on\n  </Directory>\n  DefaultRoot ~\n</VirtualHost>\n",
            n / 65536 % 256,
            n / 256 % 256,
            n % 256,
            600 + variant,
        ));
    }
    for _ in lines..LINES {
        text.push_str("# padding\n");
    }
    text
}

fn main() {
    let (server_conn, client) = Connection::memory();
    let server = std::thread::spawn(move || proftpd_lint::lsp::serve(&server_conn));
    let uri = "file:///bench/proftpd.conf";
    send(
        &client,
        Request::new(
            RequestId::from(1),
            "initialize".into(),
            json!({"capabilities": {}}),
        )
        .into(),
    );
    wait(&client, |m| matches!(m, Message::Response(_)));
    notify(&client, "initialized", json!({}));
    let text = document(0);
    assert_eq!(text.lines().count(), LINES);
    notify(
        &client,
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "proftpd", "version": 1, "text": text}}),
    );
    wait(&client, is_publish);

    let mut times = Vec::new();
    for run in 0..RUNS {
        let version = run as i32 + 2;
        let text = document(run % 7 + 1);
        let start = Instant::now();
        notify(
            &client,
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
        wait(&client, |m| {
            is_publish(m) && matches!(m, Message::Notification(n) if n.params["version"] == version)
        });
        times.push(start.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "didChange -> publishDiagnostics, {LINES} lines, {RUNS} runs: min {:.1} ms, median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        ms(times[0]),
        ms(times[RUNS / 2]),
        ms(times[RUNS * 95 / 100]),
        ms(times[RUNS - 1]),
    );
    let fs = proftpd_lint::fs::MemoryFs::new();
    let options = proftpd_lint::lint::LintOptions::default();
    let raw = document(1).into_bytes();
    let mut lint = Vec::new();
    for _ in 0..10 {
        let start = Instant::now();
        let result = proftpd_lint::lint::lint_bytes(
            &fs,
            "/bench/proftpd.conf".as_ref(),
            raw.clone(),
            &options,
        );
        lint.push(start.elapsed());
        std::hint::black_box(result);
    }
    lint.sort();
    println!("of which lint_bytes alone: median {:.1} ms", ms(lint[5]));
    send(
        &client,
        Request::new(RequestId::from(2), "shutdown".into(), Value::Null).into(),
    );
    wait(&client, |m| matches!(m, Message::Response(_)));
    notify(&client, "exit", Value::Null);
    let _ = server.join();
}

fn is_publish(m: &Message) -> bool {
    matches!(m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics")
}

fn send(client: &Connection, msg: Message) {
    client.sender.send(msg).expect("server running");
}

fn notify(client: &Connection, method: &str, params: Value) {
    send(client, Notification::new(method.into(), params).into());
}

fn wait(client: &Connection, done: impl Fn(&Message) -> bool) {
    loop {
        let msg = client
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("server answered");
        if done(&msg) {
            return;
        }
    }
}
