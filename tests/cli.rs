//! The command line: every output format (snapshots), exit codes, rules
//! and explain, stdin, and that docs/rules.md is what `rules` generates.

use std::path::Path;

use assert_cmd::Command;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("proftpd-lint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

fn check(format: &str) -> (String, i32) {
    let output = bin()
        .args([
            "check",
            "--format",
            format,
            "--platform",
            "linux",
            "tests/fixtures/tour.conf",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (stdout, output.status.code().unwrap())
}

#[test]
fn every_format_snapshot() {
    for format in [
        "human",
        "concise",
        "json",
        "sarif",
        "github",
        "gitlab",
        "junit",
        "checkstyle",
    ] {
        let (stdout, code) = check(format);
        assert_eq!(code, 1, "{format}: findings mean exit 1");
        let stdout = stdout.replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
        let stdout = stdout.replace(env!("CARGO_MANIFEST_DIR"), "[ROOT]");
        let stdout = if format == "sarif" {
            without_rule_list(&stdout)
        } else {
            stdout
        };
        insta::assert_snapshot!(format!("check_{format}"), stdout);
    }
}

/// The SARIF rule list grows with every new rule; the renderer's own
/// snapshots cover it, so this one keeps only its length.
fn without_rule_list(sarif: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(sarif).unwrap();
    let rules = &mut value["runs"][0]["tool"]["driver"]["rules"];
    let count = rules.as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(
        count,
        proftpd_lint::rules::all().len(),
        "SARIF lists every rule"
    );
    *rules = serde_json::json!("[every rule]");
    if let Some(results) = value["runs"][0]["results"].as_array_mut() {
        for result in results {
            result["ruleIndex"] = serde_json::json!("[index]");
        }
    }
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn json_carries_the_documented_fields() {
    let (stdout, _) = check("json");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let first = &report["diagnostics"][0];
    for key in [
        "code",
        "name",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "offset",
        "end_offset",
        "help",
        "fix",
        "proftpd_rejects",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(report["summary"]["proftpd_rejects"], true);
}

#[test]
fn exit_codes() {
    bin()
        .args(["check", "examples/proftpd.conf"])
        .assert()
        .code(1);
    bin()
        .args(["check", "--exit-zero", "examples/proftpd.conf"])
        .assert()
        .code(0);
    bin()
        .args(["check", "--fail-on", "error", "tests/fixtures/clean.conf"])
        .assert()
        .code(0);
    bin().args(["check", "no/such/file.conf"]).assert().code(2);
    bin()
        .args(["check", "--format", "nope", "examples/proftpd.conf"])
        .assert()
        .code(2);
}

#[test]
fn fail_on_threshold() {
    let info_only = "ServerName x\nTimeoutNoTransfer 300\nTimeoutIdle 600\n";
    bin()
        .args(["check", "--fail-on", "warning", "-"])
        .write_stdin(info_only)
        .assert()
        .code(0);
}

#[test]
fn stdin_uses_the_given_name() {
    let output = bin()
        .args([
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "etc/proftpd.conf",
            "-",
        ])
        .write_stdin("Bogus on\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("etc/proftpd.conf:1:1: error[C001]"),
        "{stdout}"
    );
}

#[test]
fn directories_are_walked_for_conf_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("a.conf"), "Bogus1 on\n").unwrap();
    std::fs::write(dir.path().join("sub/b.conf"), "Bogus2 on\n").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "Bogus3 on\n").unwrap();
    let output = bin()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stdout.contains("Bogus1") && stdout.contains("Bogus2"));
}

#[test]
fn output_file_is_written_and_summary_goes_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.sarif");
    let output = bin()
        .args(["check", "--format", "sarif", "--output-file"])
        .arg(&report)
        .arg("tests/fixtures/tour.conf")
        .output()
        .unwrap();
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("Found"));
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn rules_and_explain() {
    let rules = bin().args(["rules"]).output().unwrap();
    let text = String::from_utf8(rules.stdout).unwrap();
    assert!(text.contains("S001") && text.contains("C001") && text.contains("K010"));
    let explain = bin().args(["explain", "S014"]).output().unwrap();
    let text = String::from_utf8(explain.stdout).unwrap();
    assert!(text.contains("## What it does") && text.contains("## Fix"));
    bin()
        .args(["explain", "closer-with-arguments"])
        .assert()
        .code(0);
    bin().args(["explain", "Z999"]).assert().code(2);
}

#[test]
fn every_rule_has_complete_docs() {
    for rule in proftpd_lint::rules::all() {
        for section in ["## What it does", "## Why", "## Example", "## Fix"] {
            assert!(
                rule.explain.contains(section),
                "{} lacks {section}",
                rule.code
            );
        }
        assert!(!rule.summary.is_empty());
        assert!(
            rule.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            rule.name
        );
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_rules() {
    let output = bin()
        .args(["rules", "--format", "markdown"])
        .output()
        .unwrap();
    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
            .unwrap();
    assert!(
        String::from_utf8(output.stdout).unwrap() == committed,
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

#[test]
fn completions_are_generated() {
    let output = bin().args(["completions", "bash"]).output().unwrap();
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("proftpd-lint")
    );
}

/// A large config: every command below writes well over 4 KB about it
/// (`</IfModule mod_xfer.c>` gives `--diff` a fix to show).
fn many_vhosts(dir: &Path) -> std::path::PathBuf {
    let mut text = String::from("ServerName \"x\"\nUseReverseDNS off\n");
    for i in 0..2000 {
        text += &format!(
            "<VirtualHost 10.0.{}.{}>\n  TimeoutIdle 600\n  TimeoutNoTransfer 300\n  <IfModule mod_xfer.c>\n    SocketOptions keepalive 300:5:75\n  </IfModule mod_xfer.c>\n</VirtualHost>\n",
            i / 250,
            i % 250
        );
    }
    let path = dir.join("big.conf");
    std::fs::write(&path, text).unwrap();
    path
}

#[cfg(target_os = "linux")]
/// A pipe that holds one page, so that every output below fills it: the
/// end to read from, and the end for the child's stdout.
fn small_pipe() -> (std::fs::File, std::os::fd::OwnedFd) {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills `fds` with two new descriptors, owned from here on
    // (close-on-exec, so the child keeps only the end it is given).
    let (reader, writer) = unsafe {
        assert_eq!(libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC), 0);
        (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1]))
    };
    // SAFETY: fcntl on a pipe descriptor owned here; no memory is passed.
    let size = unsafe { libc::fcntl(writer.as_raw_fd(), libc::F_SETPIPE_SZ, 4096) };
    assert_eq!(size, 4096);
    (std::fs::File::from(reader), writer)
}

#[test]
#[cfg(target_os = "linux")]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;

    let dir = tempfile::tempdir().unwrap();
    let big = many_vhosts(dir.path());
    let big = big.to_str().unwrap();
    let commands: [&[&str]; 7] = [
        &["check", "--format", "concise", big],
        &["check", "--format", "human", big],
        &["check", "--diff", big],
        &["effective", big],
        &["effective", "--format", "json", big],
        &["rules", "--format", "markdown"],
        &["completions", "zsh"],
    ];
    for args in commands {
        let (mut reader, writer) = small_pipe();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_proftpd-lint"))
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Read a little, then go away like `| head -c 10`.
        let mut first = [0u8; 10];
        reader.read_exact(&mut first).unwrap();
        drop(reader);
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("panicked") && !stderr.contains("error:"),
            "{args:?}: {stderr}"
        );
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {:?} {stderr}",
            output.status
        );
    }
}

#[test]
fn a_full_disk_on_stdout_is_an_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full here");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let big = many_vhosts(dir.path());
    for args in [
        vec!["effective", big.to_str().unwrap()],
        vec!["check", "--format", "concise", big.to_str().unwrap()],
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_proftpd-lint"))
            .args(&args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error: writing the output"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn root_must_be_an_existing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("a.conf");
    std::fs::write(&conf, "ServerName \"x\"\n").unwrap();
    for command in [
        &["check"][..],
        &["effective"],
        &["convert", "--to", "sysctl"],
    ] {
        let out = bin()
            .args(command)
            .args(["--root", "/no/such/dir"])
            .arg(&conf)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {stderr}");
        assert!(
            stderr.contains("is not a directory"),
            "{command:?}: {stderr}"
        );
    }
}

#[test]
fn an_output_file_that_cannot_be_written_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("a.conf");
    std::fs::write(&conf, "ServerName \"x\"\n").unwrap();
    let target = dir.path().join("missing").join("report.txt");
    let out = bin()
        .arg("check")
        .arg("--output-file")
        .arg(&target)
        .arg(&conf)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: {}: ", target.display())),
        "{stderr}"
    );
    assert!(!stderr.contains(".proftpd-lint-"), "{stderr}");
}
