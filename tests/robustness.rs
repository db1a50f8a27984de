//! Never panic on input: arbitrary bytes, pathological sizes, loops in
//! Includes, special files.

use std::path::Path;

use proftpd_lint::fs::MemoryFs;
use proftpd_lint::lint::{LintOptions, lint_bytes, lint_path};
use proftpd_lint::source::FileId;
use proptest::prelude::*;

/// Lints `raw` and renders the result in every format: no input may make a
/// report panic either (a finding past column 65,535 once did, in miette).
fn lint(raw: &[u8]) -> proftpd_lint::lint::LintResult {
    let result = lint_bytes(
        &MemoryFs::new(),
        Path::new("/p.conf"),
        raw.to_vec(),
        &LintOptions::default(),
    );
    render_everywhere(&result);
    result
}

fn render_everywhere(result: &proftpd_lint::lint::LintResult) {
    use proftpd_lint::report::{Format, Report, render};
    let rules = proftpd_lint::rules::all();
    for format in Format::ALL {
        // Only the human format has colors.
        let colors: &[bool] = if format == Format::Human {
            &[false, true]
        } else {
            &[false]
        };
        for &color in colors {
            let report = Report {
                sources: &result.config.sources,
                diagnostics: &result.diagnostics,
                rules: &rules,
                root: None,
                tool_version: "0.0.0",
                color,
            };
            render(format, &report, &mut std::io::sink()).unwrap();
        }
    }
}

/// Everything the tree tells about a file, through its public views.
fn describe(parsed: &proftpd_lint::syntax::ParsedFile) -> String {
    let mut out = String::new();
    for (open, d) in parsed.walk() {
        let words: Vec<String> = std::iter::once(d.name_word())
            .chain(d.args())
            .map(|w| {
                format!(
                    "{:?}@{:?}q{}u{}e{:?}",
                    w.value(),
                    w.span(),
                    w.quoted(),
                    w.unterminated_quote(),
                    w.env_refs()
                )
            })
            .collect();
        out.push_str(&format!(
            "{} {:?} {} {:?} {:?} {:?} [{}]\n",
            open.len(),
            d.role(),
            d.name(),
            d.span(),
            d.comment(),
            d.content_span(),
            words.join(", ")
        ));
    }
    out.push_str(&format!("{:?}", parsed.issues));
    out
}

/// The tree that shares the file's text (what a lint builds) says the same
/// as the one that copies the values.
fn same_tree_both_ways(raw: &[u8]) -> Result<(), TestCaseError> {
    let copied = proftpd_lint::syntax::parse(FileId(0), raw);
    let source = proftpd_lint::source::SourceFile::new(FileId(0), "x".into(), raw.to_vec());
    let shared = proftpd_lint::syntax::parse_source(&source);
    prop_assert_eq!(describe(&copied), describe(&shared));
    prop_assert_eq!(shared.print(raw), raw.to_vec());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn shared_and_copied_trees_agree(lines in proptest::collection::vec(
        prop_oneof![
            Just("<Directory /tmp>".to_owned()), Just("<Directory \"/a b\" >".to_owned()),
            Just("</Directory>".to_owned()), Just("<Global>".to_owned()), Just("< X>".to_owned()),
            Just("X %{env:HOME}/x \"%{env:A}%{env:B}\" # c".to_owned()),
            Just("Y a \\".to_owned()), Just("# c \\".to_owned()), Just("Z\r".to_owned()),
            Just("W a\u{0}b".to_owned()), Just("V \"unterminated".to_owned()),
            Just(format!("L {}é", "a".repeat(4093))), "[ -~]{0,40}",
        ], 0..40)) {
        same_tree_both_ways(lines.join("\n").as_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_round_trip(raw in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let parsed = proftpd_lint::syntax::parse(FileId(0), &raw);
        prop_assert_eq!(parsed.print(&raw), raw.clone());
        same_tree_both_ways(&raw)?;
        let _ = lint(&raw);
    }

    #[test]
    fn config_like_text_never_panics(lines in proptest::collection::vec(
        prop_oneof![
            Just("<Directory /tmp>".to_owned()), Just("</Directory>".to_owned()),
            Just("<IfModule mod_x.c>".to_owned()), Just("</IfModule>".to_owned()),
            Just("</IfModule> # x".to_owned()), Just("SocketOptions keepalive 60:9:75".to_owned()),
            Just("X \"a b".to_owned()), Just("Y a \\".to_owned()), Just("# c \\".to_owned()),
            Just("Include /p.conf".to_owned()), Just("\u{feff}Z".to_owned()), "[ -~]{0,40}",
        ], 0..60)) {
        let text = lines.join("\n");
        let parsed = proftpd_lint::syntax::parse(FileId(0), text.as_bytes());
        prop_assert_eq!(parsed.print(text.as_bytes()), text.as_bytes().to_vec());
        let _ = lint(text.as_bytes());
    }
}

#[test]
fn ten_megabyte_line() {
    let mut raw = b"ServerAdmin ".to_vec();
    raw.extend(std::iter::repeat_n(b'a', 10 * 1024 * 1024));
    raw.push(b'\n');
    let result = lint(&raw);
    assert_eq!(
        result
            .diagnostics
            .iter()
            .filter(|d| d.code == "S008")
            .count(),
        1
    );
}

#[test]
fn findings_far_along_a_long_line() {
    let raw = format!("ServerName \"{}\" \"open\n", "x".repeat(70_000));
    let result = lint(raw.as_bytes());
    let last = result.diagnostics.iter().map(|d| d.span.range.start).max();
    assert!(last > Some(65_535));
}

#[test]
fn hundred_thousand_nested_sections() {
    let mut raw = "<Directory /a>\n".repeat(100_000);
    raw.push_str(&"</Directory>\n".repeat(100_000));
    let result = lint(raw.as_bytes());
    assert!(result.diagnostics.iter().any(|d| d.code == "S018"));
    assert!(!result.diagnostics.iter().any(|d| d.code == "S012"));
}

#[test]
fn a_megabyte_of_nuls() {
    let result = lint(&vec![0u8; 1024 * 1024]);
    assert!(result.diagnostics.iter().any(|d| d.code == "S003"));
}

#[test]
fn include_cycle_is_reported_and_checking_goes_on() {
    let mut fs = MemoryFs::new();
    fs.insert("/a.conf", "Include /b.conf\nBogusAfter on\n");
    fs.insert("/b.conf", "Include /a.conf\n");
    let raw = b"Include /b.conf\nBogusAfter on\n".to_vec();
    let result = lint_bytes(&fs, Path::new("/a.conf"), raw, &LintOptions::default());
    assert!(
        result
            .diagnostics
            .iter()
            .any(|d| d.code == "I003" && d.proftpd_rejects)
    );
    assert!(result.diagnostics.iter().any(|d| d.code == "C001"));
}

#[cfg(unix)]
#[test]
fn include_of_a_directory_with_a_fifo_does_not_block() {
    let dir = tempfile::tempdir().unwrap();
    let conf_d = dir.path().join("conf.d");
    std::fs::create_dir(&conf_d).unwrap();
    std::fs::write(conf_d.join("a.conf"), "ServerName x\n").unwrap();
    let fifo = conf_d.join("pipe");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let main = dir.path().join("proftpd.conf");
    std::fs::write(&main, format!("Include {}/\n", conf_d.display())).unwrap();
    let result = lint_path(&main, &LintOptions::default()).unwrap();
    assert!(result.diagnostics.iter().any(|d| d.code == "I004"));
}

#[cfg(unix)]
#[test]
fn unreadable_include_is_a_finding_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("proftpd.conf");
    std::fs::write(
        &main,
        format!(
            "Include {}/missing.conf\nServerName x\n",
            dir.path().display()
        ),
    )
    .unwrap();
    let result = lint_path(&main, &LintOptions::default()).unwrap();
    assert!(result.diagnostics.iter().any(|d| d.code == "I002"));
}
