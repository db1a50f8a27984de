//! Suppression comments through the library (what the language server
//! sees): X001 and X002 trigger and near-miss cases, scopes, includes.

use std::path::Path;

use proftpd_lint::fs::MemoryFs;
use proftpd_lint::lint::{LintOptions, lint_bytes};
use proftpd_lint::settings::{Selection, Selector};

const MAIN: &str = "/etc/proftpd/proftpd.conf";

/// (code, 1-based line) of every finding in the main file.
fn findings_with(fs: &MemoryFs, text: &str, options: &LintOptions) -> Vec<(&'static str, usize)> {
    let result = lint_bytes(fs, Path::new(MAIN), text.as_bytes().to_vec(), options);
    let mut out: Vec<(&'static str, usize)> = result
        .diagnostics
        .iter()
        .map(|d| {
            let file = result.config.sources.get(d.span.file);
            (d.code, file.line_col(d.span.range.start).line)
        })
        .collect();
    out.sort();
    out
}

fn findings(text: &str) -> Vec<(&'static str, usize)> {
    findings_with(&MemoryFs::new(), text, &LintOptions::default())
}

#[test]
fn x001_triggers_on_a_suppression_that_silences_nothing() {
    assert_eq!(
        findings("ServerName \"x\" # proftpd-lint: disable=C005\n"),
        [("X001", 1)]
    );
}

#[test]
fn x001_near_miss_the_suppression_is_used() {
    assert_eq!(
        findings("MultilineRFC2228 on # proftpd-lint: disable=C005\n"),
        []
    );
}

#[test]
fn x002_triggers_on_an_unknown_code_and_a_malformed_comment() {
    assert_eq!(
        findings("# proftpd-lint: disable=C5\n# proftpd-lint: ignore=C005\nServerName \"x\"\n"),
        [("X002", 1), ("X002", 2)]
    );
}

#[test]
fn x002_near_miss_ordinary_comments_and_names() {
    let text = "# proftpd-lint is great\n# disable=C5\n\
                # proftpd-lint: disable=deprecated-directive\nMultilineRFC2228 on\n";
    assert_eq!(findings(text), []);
}

#[test]
fn own_line_suppression_skips_blank_and_comment_lines_but_stops_at_a_directive() {
    let text = "# proftpd-lint: disable=C005\n\n# why\nMultilineRFC2228 on\nMultilineRFC2228 on\n";
    assert_eq!(findings(text), [("C005", 5)]);
}

#[test]
fn a_suppression_inside_a_section_and_on_a_closer() {
    let text = "<Global>\n  # proftpd-lint: disable=C005\n  MultilineRFC2228 on\n</Global> # proftpd-lint: disable=C005\n";
    assert_eq!(findings(text), [("X001", 4)]);
}

#[test]
fn suppression_of_x001_itself_is_honoured() {
    let text = "# proftpd-lint: disable-file=X001\nServerName \"x\" # proftpd-lint: disable=C005\n";
    assert_eq!(findings(text), []);
}

#[test]
fn suppressions_apply_in_the_file_they_are_written_in() {
    let mut fs = MemoryFs::new();
    fs.insert(
        "/etc/proftpd/conf.d/a.conf",
        "# proftpd-lint: disable-file=C005\nMultilineRFC2228 on\n",
    );
    let text = "Include /etc/proftpd/conf.d/a.conf\nMultilineRFC2228 on\n";
    assert_eq!(
        findings_with(&fs, text, &LintOptions::default()),
        [("C005", 2)]
    );
}

#[test]
fn suppressing_a_disabled_rule_is_not_unused() {
    let options = LintOptions {
        selection: Selection {
            ignore: vec![Selector::parse("C").unwrap()],
            ..Selection::default()
        },
        ..LintOptions::default()
    };
    let text = "ServerName \"x\" # proftpd-lint: disable=C005\n";
    assert_eq!(findings_with(&MemoryFs::new(), text, &options), []);
}

#[test]
fn odd_bytes_in_comments_never_panic() {
    for text in [
        "# proftpd-lint: disable=\n",
        "# proftpd-lint:\u{e9}disable=C005\n",
        "#proftpd-lint:disable=C005,,,\n",
        "ServerName x #proftpd-lint: disable-file=\u{1F600}\n",
        "# proftpd-li\u{e9}nt: x\n",
    ] {
        let _ = findings(text);
    }
    let raw = b"ServerName x # proftpd-lint: disable=\xff\xfe\n".to_vec();
    let _ = lint_bytes(
        &MemoryFs::new(),
        Path::new(MAIN),
        raw,
        &LintOptions::default(),
    );
}
