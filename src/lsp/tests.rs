//! The server in-process over `Connection::memory()`, one test per feature,
//! with snapshots of the JSON the client receives.

use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

use super::uri;

const KEEPALIVE: &str = "ServerName \"Café FTP\"\nSocketOptions keepalive 300:9:10\n<VirtualHost 127.0.0.1>\n  TimeoutIdle 600\n</VirtualHost>\n";

struct Client {
    conn: Connection,
    server: Option<JoinHandle<Result<bool, String>>>,
    next_id: i32,
    /// Notifications received while waiting for something else.
    pending: Vec<Notification>,
    dir: tempfile::TempDir,
}

impl Client {
    fn start(capabilities: Value, options: Value) -> (Client, Value) {
        let (server_conn, conn) = Connection::memory();
        let server = std::thread::spawn(move || super::serve(&server_conn));
        let mut client = Client {
            conn,
            server: Some(server),
            next_id: 0,
            pending: Vec::new(),
            // A fixed-length path: Include lines' ranges end up in snapshots.
            dir: tempfile::Builder::new()
                .prefix("lsp")
                .tempdir_in("/tmp")
                .unwrap(),
        };
        let init = client.request(
            "initialize",
            json!({"capabilities": capabilities, "initializationOptions": options}),
        );
        client.notify("initialized", json!({}));
        (client, init.result.unwrap())
    }

    fn push_client() -> Client {
        Client::start(json!({}), Value::Null).0
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.to_owned(), params);
        self.conn.sender.send(request.into()).unwrap();
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => return r,
                Message::Notification(n) => self.pending.push(n),
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.to_owned(), params);
        self.conn.sender.send(n.into()).unwrap();
    }

    fn recv(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(20))
            .expect("server answered")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics_for(&mut self, uri: &str) -> Value {
        if let Some(i) = self.pending.iter().position(|n| is_publish_for(n, uri)) {
            return self.pending.remove(i).params;
        }
        loop {
            match self.recv() {
                Message::Notification(n) if is_publish_for(&n, uri) => return n.params,
                Message::Notification(n) => self.pending.push(n),
                _ => {}
            }
        }
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        uri::from_path(&path).unwrap().as_str().to_owned()
    }

    /// `Include` of a folder of the temporary directory (includes must be absolute).
    fn include(&self, glob: &str) -> String {
        format!("Include {}/{glob}\n", self.dir.path().display())
    }

    fn open(&self, name: &str, text: &str) -> String {
        let uri = self.write(name, text);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "proftpd", "version": 1, "text": text}}),
        );
        uri
    }

    fn at(&mut self, method: &str, uri: &str, line: u32, character: u32) -> Value {
        let params = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
        self.request(method, params).result.unwrap()
    }

    /// JSON text with the temporary folder replaced by `$DIR`.
    fn show(&self, value: &Value) -> String {
        let text = serde_json::to_string_pretty(value).unwrap();
        let dir = uri::from_path(self.dir.path()).unwrap().as_str().to_owned();
        let path = self.dir.path().display().to_string();
        text.replace(&dir, "file://$DIR").replace(&path, "$DIR")
    }

    fn shutdown(mut self) -> Result<bool, String> {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r.result, Some(Value::Null));
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

fn is_publish_for(n: &Notification, uri: &str) -> bool {
    n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri
}

fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn initialize_negotiates_utf8_when_offered() {
    let utf8 = json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}});
    let (client, init) = Client::start(utf8, Value::Null);
    insta::assert_snapshot!("initialize_utf8", client.show(&init));
    assert_eq!(client.shutdown(), Ok(true));
    let (client, init) = Client::start(json!({}), Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"].get("diagnosticProvider"), None);
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn diagnostics_pushed_on_open_change_and_close() {
    let mut client = Client::push_client();
    let uri = client.open("proftpd.conf", KEEPALIVE);
    let open = client.diagnostics_for(&uri);
    insta::assert_snapshot!("push_on_open", client.show(&open));
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": "<Directory /srv>\nSocketOptions keepalive 300:9:75\n"}]}),
    );
    let changed = client.diagnostics_for(&uri);
    assert_eq!(changed["version"], 2);
    insta::assert_snapshot!("push_on_change_related", client.show(&changed));
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(codes(&client.diagnostics_for(&uri)), codes(&changed));
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(codes(&client.diagnostics_for(&uri)), Vec::<String>::new());
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn included_files_get_their_own_diagnostics() {
    let mut client = Client::push_client();
    let included = client.write("conf.d/extra.conf", "ServerNmae typo\n");
    let root = client.open("proftpd.conf", &client.include("conf.d/*.conf"));
    let own = client.diagnostics_for(&root);
    let theirs = client.diagnostics_for(&included);
    insta::assert_snapshot!("included_file", client.show(&json!([own, theirs])));
    // Once open itself, the included file speaks for itself.
    client.open("conf.d/extra.conf", "ServerName fixed\n");
    assert_eq!(
        codes(&client.diagnostics_for(&included)),
        Vec::<String>::new()
    );
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn pull_diagnostics_with_related_documents() {
    let caps = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let (mut client, init) = Client::start(caps, Value::Null);
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "proftpd-lint"
    );
    client.write("conf.d/extra.conf", "ServerNmae typo\n");
    let text = client.include("conf.d/*.conf") + "SocketOptions keepalive 300:9:10\n";
    let root = client.open("proftpd.conf", &text);
    let report = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": root}}),
    );
    insta::assert_snapshot!("pull", client.show(&report.result.unwrap()));
    let pushed = client
        .pending
        .iter()
        .any(|n| n.method == "textDocument/publishDiagnostics");
    assert!(!pushed, "a pull client gets no pushed diagnostics");
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn non_ascii_ranges_follow_the_encoding() {
    let text = "SocketOptions sndbuf \"é😀\"\n";
    let mut ends = Vec::new();
    for caps in [
        json!({}),
        json!({"general": {"positionEncodings": ["utf-8"]}}),
    ] {
        let (mut client, _) = Client::start(caps, Value::Null);
        let uri = client.open("proftpd.conf", text);
        let d = client.diagnostics_for(&uri);
        ends.push(d["diagnostics"][0]["range"].clone());
        client.shutdown().unwrap();
    }
    assert_eq!(ends[0]["start"], json!({"line": 0, "character": 21}));
    assert_eq!(ends[0]["end"], json!({"line": 0, "character": 26}));
    assert_eq!(ends[1]["end"], json!({"line": 0, "character": 29}));
}

#[test]
fn hover_on_directive_and_keepalive_value() {
    let mut client = Client::push_client();
    let uri = client.open("proftpd.conf", KEEPALIVE);
    let name = client.at("textDocument/hover", &uri, 1, 3);
    let value = client.at("textDocument/hover", &uri, 1, 28);
    let timeout = client.at("textDocument/hover", &uri, 3, 15);
    let closer = client.at("textDocument/hover", &uri, 4, 4);
    insta::assert_snapshot!("hover", client.show(&json!([name, value, timeout, closer])));
    assert_eq!(client.at("textDocument/hover", &uri, 0, 14), Value::Null);
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn hover_compares_with_the_nat_timeout_from_settings() {
    let options = json!({"profile": {"natIdleTimeout": 120, "platform": "linux"}});
    let (mut client, _) = Client::start(json!({}), options);
    let uri = client.open("proftpd.conf", KEEPALIVE);
    let hover = client.at("textDocument/hover", &uri, 1, 28);
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("NAT/load balancer drops the connection"),
        "{text}"
    );
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn settings_from_initialization_options_and_did_change_configuration() {
    let (mut client, _) = Client::start(json!({}), json!({"profile": {"platform": "linux"}}));
    let uri = client.open("proftpd.conf", "ServerName x\n");
    assert_eq!(codes(&client.diagnostics_for(&uri)), Vec::<String>::new());
    let settings = json!({"proftpd": {"profile": {"natIdleTimeout": 350, "platform": "linux"}}});
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": settings}),
    );
    assert_eq!(codes(&client.diagnostics_for(&uri)), ["K015"]);
    let bad = json!({"proftpd": {"profile": {"platform": "plan9"}}});
    client.notify("workspace/didChangeConfiguration", json!({"settings": bad}));
    let r = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert!(r.error.is_none());
    let log = client
        .pending
        .iter()
        .find(|n| n.method == "window/logMessage")
        .unwrap();
    assert!(log.params["message"].as_str().unwrap().contains("plan9"));
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn config_file_profile_applies_and_its_errors_are_logged() {
    let mut client = Client::push_client();
    client.write(
        ".proftpd-lint.toml",
        "[profile]\nplatform = \"linux\"\nnat-idle-timeout = 350\n",
    );
    let uri = client.open("proftpd.conf", "ServerName x\n");
    assert_eq!(codes(&client.diagnostics_for(&uri)), ["K015"]);
    client.write(".proftpd-lint.toml", "[profile]\ncolour = 1\n");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    client.diagnostics_for(&uri);
    let log = client
        .pending
        .iter()
        .find(|n| n.method == "window/logMessage")
        .unwrap();
    assert!(log.params["message"].as_str().unwrap().contains("colour"));
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn completion_of_names_sections_closers_and_values() {
    let caps =
        json!({"textDocument": {"completion": {"completionItem": {"snippetSupport": true}}}});
    let (mut client, _) = Client::start(caps, Value::Null);
    let text =
        "<Anonymous /srv/ftp>\n  Al\n  SocketOptions keepalive \n</Anonymous>\n<IfModule \n\n";
    let uri = client.open("proftpd.conf", text);
    let names = client.at("textDocument/completion", &uri, 1, 4);
    let labels: Vec<&str> = names
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels[0], "</Anonymous>");
    assert!(labels.contains(&"AllowOverwrite"), "allowed in <Anonymous>");
    assert!(labels.contains(&"<Limit>"));
    assert!(!labels.contains(&"ServerType"), "server config only");
    assert!(!labels.contains(&"<VirtualHost>"));
    let limit = names
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "<Limit>")
        .unwrap();
    let keepalive = client.at("textDocument/completion", &uri, 2, 26);
    let modules = client.at("textDocument/completion", &uri, 4, 10);
    assert!(
        modules
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["label"] == "mod_sftp.c")
    );
    let top = client.at("textDocument/completion", &uri, 5, 0);
    let top_labels: Vec<&str> = top
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(top_labels.contains(&"ServerType") && top_labels.contains(&"<VirtualHost>"));
    insta::assert_snapshot!(
        "completion",
        client.show(&json!([names[0], limit, keepalive]))
    );
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn code_action_applies_the_rule_fix() {
    let mut client = Client::push_client();
    let uri = client.open("proftpd.conf", KEEPALIVE);
    let params = json!({"textDocument": {"uri": uri},
        "range": {"start": {"line": 1, "character": 30}, "end": {"line": 1, "character": 30}},
        "context": {"diagnostics": []}});
    let actions = client
        .request("textDocument/codeAction", params)
        .result
        .unwrap();
    insta::assert_snapshot!("code_action", client.show(&actions));
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(
        titles.iter().any(|t| t.starts_with("Disable K010")),
        "{titles:?}"
    );
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn disabling_a_rule_for_a_line_silences_it() {
    let mut client = Client::push_client();
    let text = "ServerName x\n  SocketOptions keepalive 600:3:10\n";
    let uri = client.open("proftpd.conf", text);
    let params = json!({"textDocument": {"uri": uri},
        "range": {"start": {"line": 1, "character": 33}, "end": {"line": 1, "character": 33}},
        "context": {"diagnostics": []}});
    let actions = client
        .request("textDocument/codeAction", params)
        .result
        .unwrap();
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Disable K010"))
        })
        .expect("a disable action");
    let edit = &disable["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], "  # proftpd-lint: disable=K010\n");
    assert_eq!(edit["range"]["start"]["line"], 1);
    let fixed =
        "ServerName x\n  # proftpd-lint: disable=K010\n  SocketOptions keepalive 600:3:10\n";
    let result = crate::lint::lint_bytes(
        &crate::fs::MemoryFs::new(),
        std::path::Path::new("/p.conf"),
        fixed.as_bytes().to_vec(),
        &crate::lint::LintOptions::default(),
    );
    assert!(
        !result
            .diagnostics
            .iter()
            .any(|d| d.code == "K010" || d.code == "X001")
    );
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn document_symbols_and_folding_ranges() {
    let mut client = Client::push_client();
    let text = "# a\n# b\nServerName x\n<VirtualHost 10.0.0.1>\n  ServerName \"ftp.example.com\"\n  <Anonymous ~ftp>\n    <Limit WRITE>\n      DenyAll\n    </Limit>\n  </Anonymous>\n</VirtualHost>\n<Global>\n";
    let uri = client.open("proftpd.conf", text);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    insta::assert_snapshot!(
        "symbols_and_folds",
        client.show(&json!([symbols.result, folds.result]))
    );
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn definition_on_include_paths() {
    let mut client = Client::push_client();
    client.write("conf.d/a.conf", "ServerName a\n");
    client.write("conf.d/b.conf", "ServerName b\n");
    let text = format!("ServerType standalone\n{}", client.include("conf.d/*.conf"));
    let uri = client.open("proftpd.conf", &text);
    let targets = client.at("textDocument/definition", &uri, 1, 12);
    insta::assert_snapshot!("definition", client.show(&targets));
    assert_eq!(
        client.at("textDocument/definition", &uri, 0, 12),
        Value::Null
    );
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn errors_for_unknown_methods_bad_params_panics_and_after_shutdown() {
    let mut client = Client::push_client();
    let unknown = client.request("proftpd-lint/nope", json!({}));
    assert_eq!(
        unknown.error.unwrap().code,
        lsp_server::ErrorCode::MethodNotFound as i32
    );
    let bad = client.request("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(
        bad.error.unwrap().code,
        lsp_server::ErrorCode::InvalidParams as i32
    );
    let panic = client.request("proftpd-lint/testPanic", Value::Null);
    let error = panic.error.unwrap();
    assert_eq!(error.code, lsp_server::ErrorCode::InternalError as i32);
    assert!(error.message.contains("test panic"), "{}", error.message);
    // Still serving after the panic.
    let uri = client.open("proftpd.conf", "ServerName x\n");
    assert!(client.diagnostics_for(&uri)["diagnostics"].is_array());
    let unopened = client.at("textDocument/hover", "file:///nowhere.conf", 0, 0);
    assert_eq!(unopened, Value::Null);
    assert_eq!(
        client.request("shutdown", Value::Null).result,
        Some(Value::Null)
    );
    let late = client.request("textDocument/hover", json!({}));
    assert_eq!(
        late.error.unwrap().code,
        lsp_server::ErrorCode::InvalidRequest as i32
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.server.take().unwrap().join().unwrap(), Ok(true));
}

#[test]
fn exit_without_shutdown_reports_failure() {
    let mut client = Client::push_client();
    client.notify("exit", Value::Null);
    assert_eq!(client.server.take().unwrap().join().unwrap(), Ok(false));
}

#[test]
fn requests_on_hostile_input_never_fail() {
    let nested = "<Directory /a>\n".repeat(1000) + &"</Directory>\n".repeat(999);
    let texts = [
        nested.as_str(),
        "\0\0\0\n<\n<>\n</>\n</Nope>\n",
        "ServerName \"unterminated\r\nSocketOptions keepalive 1:2:\r\n",
        "Ünïcödé \"😀\" \\\n",
        "<IfModule\nInclude\nInclude /nonexistent/*.conf\nSocketOptions keepalive\n",
        "",
    ];
    let methods = [
        "textDocument/hover",
        "textDocument/completion",
        "textDocument/definition",
    ];
    for caps in [
        json!({}),
        json!({"general": {"positionEncodings": ["utf-8"]}}),
    ] {
        let (mut client, _) = Client::start(caps, Value::Null);
        for (i, text) in texts.iter().enumerate() {
            let uri = client.open(&format!("f{i}.conf"), text);
            for (line, character) in [(0, 0), (0, 1), (0, 5), (1, 2), (2, 999), (999_999, 3)] {
                for method in methods {
                    let params = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
                    let r = client.request(method, params);
                    assert!(
                        r.error.is_none(),
                        "{method} {line}:{character} on {text:?}: {:?}",
                        r.error
                    );
                }
                let range = json!({"start": {"line": line, "character": character}, "end": {"line": 0, "character": 0}});
                let params = json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}});
                assert!(
                    client
                        .request("textDocument/codeAction", params)
                        .error
                        .is_none()
                );
            }
            for method in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
                let r = client.request(method, json!({"textDocument": {"uri": uri}}));
                assert!(r.error.is_none(), "{method} on {text:?}");
            }
            let change = json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
                {"range": {"start": {"line": 0, "character": 3}, "end": {"line": 99, "character": 0}}, "text": "é"}]});
            client.notify("textDocument/didChange", change);
            let r = client.request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}}),
            );
            assert!(r.error.is_none());
        }
        let logged_panic = client
            .pending
            .iter()
            .any(|n| n.method == "window/logMessage");
        assert!(
            !logged_panic,
            "{:?}",
            client
                .pending
                .iter()
                .find(|n| n.method == "window/logMessage")
        );
        assert_eq!(client.shutdown(), Ok(true));
    }
}

#[test]
fn pull_clients_are_asked_to_refresh_after_a_settings_change() {
    let caps = json!({"textDocument": {"diagnostic": {}}, "workspace": {"diagnostic": {"refreshSupport": true}}});
    let (client, _) = Client::start(caps, Value::Null);
    client.open("proftpd.conf", "ServerName x\n");
    let settings = json!({"settings": {"natIdleTimeout": 100}});
    client.notify("workspace/didChangeConfiguration", settings);
    let refresh = loop {
        if let Message::Request(r) = client.recv() {
            break r;
        }
    };
    assert_eq!(refresh.method, "workspace/diagnostic/refresh");
    client
        .conn
        .sender
        .send(Response::new_ok(refresh.id, Value::Null).into())
        .unwrap();
    assert_eq!(client.shutdown(), Ok(true));
}
