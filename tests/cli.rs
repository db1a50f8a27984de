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
