//! Snapshots of `proftpd-lint effective` (text and JSON) on one tuned config.

use assert_cmd::Command;

const TUNED: &str = "ServerName \"tuned\"
SocketOptions keepalive 300:9:75
TimeoutIdle 1200
TimeoutNoTransfer 600
<Global>
  SFTPClientAlive 3 60
</Global>
<VirtualHost 10.0.0.1>
  ServerName \"legacy\"
  SocketOptions keepalive 7200:9:75
</VirtualHost>
";

fn run(extra: &[&str]) -> (String, i32) {
    run_on("linux", extra)
}

fn run_on(platform: &str, extra: &[&str]) -> (String, i32) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tuned.conf"), TUNED).unwrap();
    let out = Command::cargo_bin("proftpd-lint")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "effective",
            "tuned.conf",
            "--platform",
            platform,
            "--nat-idle-timeout",
            "350",
        ])
        .args(extra)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn text() {
    let (out, code) = run(&[]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn json() {
    let (out, code) = run(&["--format", "json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["servers"][0]["first_to_fire"], "timeout_no_transfer");
    assert_eq!(doc["servers"][1]["keepalive"]["detection_after"], 7875.0);
    insta::assert_snapshot!(out);
}

#[test]
fn one_server_and_illumos() {
    let (out, code) = run_on("illumos", &["--server", "legacy"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn errors_exit_2() {
    let (_, code) = run(&["--server", "nope"]);
    assert_eq!(code, 2);
    let out = Command::cargo_bin("proftpd-lint")
        .unwrap()
        .args(["effective", "/nonexistent/proftpd.conf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
