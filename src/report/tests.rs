//! Snapshot and schema tests of every format over one fixture.

use std::path::{Path, PathBuf};

use super::*;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, Span};
use crate::rules::Rule;
use crate::source::{FileId, SourceMap};

static I001: Rule = Rule {
    code: "I001",
    name: "local-time-log",
    severity: Severity::Info,
    proftpd_rejects: false,
    summary: "A LogFormat logs local time without a zone.",
    explain: "## What it does\nFinds `%t` in a `LogFormat`.\n\n## Why\nLocal time is ambiguous.",
};
static S001: Rule = Rule {
    code: "S001",
    name: "unterminated-quote",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "A quoted argument is not closed.",
    explain: "## What it does\nFinds a `\"` without its closing quote.",
};
static S002: Rule = Rule {
    code: "S002",
    name: "mismatched-section-close",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "A section is closed by the wrong closing tag.",
    explain: "## What it does\nFinds `</Limit>` closing a `<Directory>`.",
};
static W001: Rule = Rule {
    code: "W001",
    name: "extra-argument",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A directive has more arguments than it uses.",
    explain: "",
};
static W002: Rule = Rule {
    code: "W002",
    name: "duplicate-server-name",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "Two servers share a ServerName.",
    explain: "## What it does\nFinds the same `ServerName` twice.",
};

static RULES: [&Rule; 5] = [&I001, &S001, &S002, &W001, &W002];

const MAIN: &str = "# Café ☕ — main configuration
ServerName \"Café ☕\" extra
LogFormat default \"%h %l %u %t \\\"%r\\\" %s %b\"
<Directory /srv/ftp>
  AllowOverwrite on
</Limit>
Include conf.d/vhost.conf
";

const VHOST: &str = "<VirtualHost 192.0.2.10>
  Port 2121
  ServerName \"Café ☕\"
</VirtualHost>
";

const ROOT: &str = "/srv/proftpd";

struct Fixture {
    sources: SourceMap,
    diagnostics: Vec<Diagnostic>,
}

/// The byte range of the `nth` occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> std::ops::Range<usize> {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .expect("needle in fixture")
        .0;
    start..start + needle.len()
}

/// The fixture, with `prefix` inserted at the start of the main file.
fn fixture_with(prefix: &str) -> Fixture {
    let main_text = format!("{prefix}{MAIN}");
    let mut sources = SourceMap::new();
    let main = sources.add(
        PathBuf::from(ROOT).join("proftpd.conf"),
        main_text.clone().into_bytes(),
    );
    let vhost = sources.add(
        PathBuf::from(ROOT).join("conf.d/vhost.conf"),
        VHOST.as_bytes().to_vec(),
    );
    sources.add(
        PathBuf::from(ROOT).join("conf.d/empty.conf"),
        b"# nothing here\n".to_vec(),
    );
    let at = |file: FileId, needle: &str, nth: usize| {
        let text = if file == main { &main_text } else { VHOST };
        Span::new(file, find(text, needle, nth))
    };

    let vhost_line = {
        let start = find(VHOST, "  ServerName", 0).start;
        let end = start + VHOST[start..].find('\n').unwrap() + 1;
        Span::new(vhost, start..end)
    };
    // Deliberately out of order: renderers sort.
    let diagnostics = vec![
        Diagnostic::new(
            &W002,
            at(vhost, "ServerName \"Café ☕\"", 0),
            "ServerName \"Café ☕\" is also the main server's name",
        )
        .with_label(at(main, "ServerName \"Café ☕\"", 0), "first set here")
        .with_help("give each <VirtualHost> its own ServerName")
        .with_fix(Fix {
            message: "remove this ServerName".into(),
            applicability: Applicability::Unsafe,
            edits: vec![Edit {
                span: vhost_line,
                replacement: String::new(),
            }],
        }),
        Diagnostic::new(
            &S002,
            at(main, "</Limit>", 0),
            "</Limit> closes <Directory /srv/ftp>",
        )
        .with_label(at(main, "<Directory /srv/ftp>", 0), "section opened here")
        .with_help("close it with </Directory>"),
        Diagnostic::new(
            &I001,
            at(main, "%t", 0),
            "LogFormat uses %t, which logs local time: consider %{%Y-%m-%dT%H:%M:%S%z}t\nfor unambiguous timestamps",
        ),
        Diagnostic::new(
            &W001,
            at(main, "extra", 0),
            "ServerName takes 1 argument, but 2 were given",
        )
        .with_fix(Fix {
            message: "remove `extra`".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span: at(main, " extra", 0),
                replacement: String::new(),
            }],
        }),
    ];
    Fixture {
        sources,
        diagnostics,
    }
}

fn fixture() -> Fixture {
    fixture_with("")
}

fn render_to_string(format: Format, fixture: &Fixture, color: bool) -> String {
    let report = Report {
        sources: &fixture.sources,
        diagnostics: &fixture.diagnostics,
        rules: &RULES,
        root: Some(Path::new(ROOT)),
        tool_version: "0.1.0",
        color,
    };
    let mut out = Vec::new();
    render(format, &report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn output(format: Format) -> String {
    render_to_string(format, &fixture(), false)
}

#[test]
fn snapshot_human() {
    insta::assert_snapshot!("human", output(Format::Human));
}

#[test]
fn snapshot_concise() {
    insta::assert_snapshot!("concise", output(Format::Concise));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("json", output(Format::Json));
}

#[test]
fn snapshot_sarif() {
    insta::assert_snapshot!("sarif", output(Format::Sarif));
}

#[test]
fn snapshot_github() {
    insta::assert_snapshot!("github", output(Format::Github));
}

#[test]
fn snapshot_gitlab() {
    insta::assert_snapshot!("gitlab", output(Format::Gitlab));
}

#[test]
fn snapshot_junit() {
    insta::assert_snapshot!("junit", output(Format::Junit));
}

#[test]
fn snapshot_checkstyle() {
    insta::assert_snapshot!("checkstyle", output(Format::Checkstyle));
}

#[test]
fn human_colors_only_when_asked() {
    assert!(!output(Format::Human).contains('\u{1b}'));
    let colored = render_to_string(Format::Human, &fixture(), true);
    assert!(colored.contains("\u{1b}["));
    assert!(colored.contains("Found 4 problems"));
}

#[test]
fn human_header_uses_character_columns() {
    // `extra` is at byte column 24 but character column 21 of line 2.
    assert!(output(Format::Human).contains("[proftpd.conf:2:21]"));
}

#[test]
fn no_findings() {
    let fixture = Fixture {
        diagnostics: Vec::new(),
        ..fixture()
    };
    assert_eq!(
        render_to_string(Format::Human, &fixture, false),
        "No problems found in 3 files.\n"
    );
    assert_eq!(render_to_string(Format::Concise, &fixture, false), "");
    assert_eq!(render_to_string(Format::Github, &fixture, false), "");
    assert_eq!(render_to_string(Format::Gitlab, &fixture, false), "[]\n");
    validate(
        &json_schema(),
        &render_to_string(Format::Json, &fixture, false),
    );
    validate(
        &sarif_schema(),
        &render_to_string(Format::Sarif, &fixture, false),
    );
}

fn load(path: &Path) -> serde_json::Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn json_schema() -> serde_json::Value {
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json-schema.json"))
}

fn sarif_schema() -> serde_json::Value {
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-2.1.0.json"))
}

fn validate(schema: &serde_json::Value, output: &str) {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    let instance: serde_json::Value = serde_json::from_str(output).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "schema violations:\n{}",
        errors.join("\n")
    );
}

#[test]
fn json_matches_its_schema() {
    validate(&json_schema(), &output(Format::Json));
}

#[test]
fn sarif_matches_the_sarif_schema() {
    validate(&sarif_schema(), &output(Format::Sarif));
}

#[test]
fn json_schema_rejects_a_wrong_document() {
    let validator = jsonschema::validator_for(&json_schema()).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&output(Format::Json)).unwrap();
    doc["diagnostics"][0]["severity"] = "fatal".into();
    assert!(!validator.is_valid(&doc));
    let mut doc: serde_json::Value = serde_json::from_str(&output(Format::Json)).unwrap();
    doc["diagnostics"][0]["labels"][0]["extra"] = true.into();
    assert!(
        !validator.is_valid(&doc),
        "unknown label fields are refused"
    );
    let mut doc: serde_json::Value = serde_json::from_str(&output(Format::Json)).unwrap();
    doc["diagnostics"][1]["column"] = 0.into();
    assert!(!validator.is_valid(&doc), "columns are 1-based");
}

#[test]
fn sarif_schema_check_is_not_vacuous() {
    let validator = jsonschema::validator_for(&sarif_schema()).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&output(Format::Sarif)).unwrap();
    doc["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&doc));
    let mut doc: serde_json::Value = serde_json::from_str(&output(Format::Sarif)).unwrap();
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&doc));
}

#[test]
fn sarif_meets_github_code_scanning_rules() {
    let doc: serde_json::Value = serde_json::from_str(&output(Format::Sarif)).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len(), "every rule is listed");
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.starts_with("./") && !uri.starts_with('/'), "{uri}");
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    // Only the safe fix is offered.
    let with_fixes = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("fixes").is_some())
        .count();
    assert_eq!(with_fixes, 1);
}

fn fingerprints(format: Format, prefix: &str) -> Vec<String> {
    let out: serde_json::Value =
        serde_json::from_str(&render_to_string(format, &fixture_with(prefix), false)).unwrap();
    match format {
        Format::Sarif => out["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["primaryLocationLineHash"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect(),
        Format::Gitlab => out
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["fingerprint"].as_str().unwrap().to_owned())
            .collect(),
        _ => unreachable!(),
    }
}

#[test]
fn fingerprints_survive_lines_inserted_above() {
    for format in [Format::Sarif, Format::Gitlab] {
        let before = fingerprints(format, "");
        let after = fingerprints(format, "# a new comment\n\nServerType standalone\n");
        assert_eq!(before, after, "{format}");
        let mut unique = before.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            before.len(),
            "{format} fingerprints are unique"
        );
    }
}

#[test]
fn repeated_findings_on_identical_lines_get_distinct_fingerprints() {
    let mut sources = SourceMap::new();
    let file = sources.add(PathBuf::from("a.conf"), b"Port 21\nPort 21\n".to_vec());
    let diagnostics: Vec<Diagnostic> = [0..4, 8..12]
        .into_iter()
        .map(|range| Diagnostic::new(&W001, Span::new(file, range), "again"))
        .collect();
    let report = Report {
        sources: &sources,
        diagnostics: &diagnostics,
        rules: &RULES,
        root: None,
        tool_version: "0.1.0",
        color: false,
    };
    let items = report.items();
    assert_eq!(
        items[0].fingerprint.line_hash,
        items[1].fingerprint.line_hash
    );
    assert_eq!(
        (
            items[0].fingerprint.occurrence,
            items[1].fingerprint.occurrence
        ),
        (0, 1)
    );
    assert_ne!(items[0].fingerprint.unique(), items[1].fingerprint.unique());
}

#[test]
fn sorted_by_path_line_column_code() {
    let fixture = fixture();
    let report = Report {
        sources: &fixture.sources,
        diagnostics: &fixture.diagnostics,
        rules: &RULES,
        root: Some(Path::new(ROOT)),
        tool_version: "0.1.0",
        color: false,
    };
    let codes: Vec<&str> = report.sorted().iter().map(|d| d.code).collect();
    assert_eq!(codes, ["W002", "W001", "I001", "S002"]);
    let summary = report.summary();
    assert_eq!(
        summary.line(),
        "Found 4 problems (1 error, 2 warnings, 1 info) in 2 files; proftpd -t would refuse: proftpd.conf"
    );
}

#[test]
fn display_paths() {
    let root = Some(Path::new("/srv/proftpd"));
    assert_eq!(
        display_path(root, Path::new("/srv/proftpd/conf.d/a.conf")),
        "conf.d/a.conf"
    );
    assert_eq!(
        display_path(root, Path::new("/srv/proftpd/./a.conf")),
        "a.conf"
    );
    assert_eq!(
        display_path(root, Path::new("/etc/proftpd.conf")),
        "/etc/proftpd.conf"
    );
    assert_eq!(
        display_path(root, Path::new("/srv/proftpdx/a.conf")),
        "/srv/proftpdx/a.conf"
    );
    assert_eq!(
        display_path(None, Path::new("./conf/a.conf")),
        "conf/a.conf"
    );
    assert_eq!(display_path(None, Path::new("../a.conf")), "../a.conf");
    assert_eq!(
        display_path(Some(Path::new(".")), Path::new("./a.conf")),
        "a.conf"
    );
    assert_eq!(
        display_path(Some(Path::new("conf")), Path::new("./conf/x/a.conf")),
        "x/a.conf"
    );
}

#[test]
fn format_names_round_trip() {
    for format in Format::ALL {
        assert_eq!(Format::parse(format.name()), Some(format));
        assert_eq!(format.name().parse::<Format>(), Ok(format));
    }
    assert_eq!(Format::parse("SARIF"), Some(Format::Sarif));
    assert_eq!(Format::parse("full"), Some(Format::Human));
    assert_eq!(Format::parse("gcc"), Some(Format::Concise));
    assert_eq!(Format::parse("xml"), None);
    assert!("xml".parse::<Format>().unwrap_err().contains("checkstyle"));
}

#[test]
fn edge_spans_render_in_every_format() {
    let mut sources = SourceMap::new();
    let empty = sources.add(PathBuf::from("empty.conf"), Vec::new());
    let crlf = sources.add(
        PathBuf::from("crlf.conf"),
        b"Port 21\r\nUser ftp\r\n".to_vec(),
    );
    let bad = sources.add(PathBuf::from("bad.conf"), b"Ident \xff\xfe on\nx".to_vec());
    let spans = [
        Span::new(empty, 0..0),
        Span::new(crlf, 9..17),
        Span::new(crlf, 0..9),
        Span::new(crlf, 19..19),
        Span::new(crlf, 5..500),
        Span::new(bad, 6..8),
        Span::new(bad, 12..12),
        Span::new(bad, 13..13),
    ];
    let diagnostics: Vec<Diagnostic> = spans
        .iter()
        .map(|span| {
            Diagnostic::new(&S001, span.clone(), "edge").with_label(span.clone(), "here too")
        })
        .collect();
    let report = Report {
        sources: &sources,
        diagnostics: &diagnostics,
        rules: &RULES,
        root: None,
        tool_version: "0.1.0",
        color: false,
    };
    for format in Format::ALL {
        let mut out = Vec::new();
        render(format, &report, &mut out).unwrap_or_else(|e| panic!("{format}: {e}"));
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains("Failed to read"), "{format}:\n{text}");
        if format == Format::Sarif {
            validate(&sarif_schema(), &text);
        }
        if format == Format::Json {
            validate(&json_schema(), &text);
        }
    }
    let concise = {
        let mut out = Vec::new();
        render(Format::Concise, &report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    insta::assert_snapshot!("edge_concise", concise);
    let mut out = Vec::new();
    render(Format::Human, &report, &mut out).unwrap();
    insta::assert_snapshot!("edge_human", String::from_utf8(out).unwrap());
}
