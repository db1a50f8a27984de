//! Every syntax (S…) and Include (I…) rule: a config that triggers it (code
//! and line asserted, and `proftpd_rejects` where it matters) and a near
//! miss that must not.

mod support;

use std::collections::HashMap;
use std::path::Path;

use proftpd_lint::fs::MemoryFs;
use proftpd_lint::lint::{LintOptions, lint_bytes};
use support::lint::{MAIN, findings};

type Found = Vec<(&'static str, usize, bool)>;

fn lint(text: &str) -> Found {
    lint_with(text, &LintOptions::default())
}

fn lint_with(text: &str, options: &LintOptions) -> Found {
    findings(text, options)
        .into_iter()
        .map(|(code, line, _, rejects)| (code, line, rejects))
        .collect()
}

/// Lints MAIN with other files present, returning (code, file, line, rejects).
fn lint_files(text: &str, files: &[(&str, &str)]) -> Vec<(&'static str, String, usize, bool)> {
    let mut fs = MemoryFs::new();
    fs.insert(MAIN, text);
    for (path, content) in files {
        fs.insert(*path, *content);
    }
    let result = lint_bytes(
        &fs,
        Path::new(MAIN),
        text.as_bytes().to_vec(),
        &LintOptions::default(),
    );
    result
        .diagnostics
        .iter()
        .map(|d| {
            let file = result.config.sources.get(d.span.file);
            (
                d.code,
                file.path.display().to_string(),
                file.line_col(d.span.range.start).line,
                d.proftpd_rejects,
            )
        })
        .collect()
}

#[track_caller]
fn trig(code: &str, line: usize, found: &Found) -> bool {
    match found.iter().find(|(c, l, _)| *c == code && *l == line) {
        Some((_, _, rejects)) => *rejects,
        None => panic!("expected {code} at line {line}, got {found:?}"),
    }
}

#[track_caller]
fn miss(code: &str, found: &Found) {
    assert!(
        !found.iter().any(|(c, _, _)| *c == code),
        "unexpected {code}: {found:?}"
    );
}

#[test]
fn s001_byte_order_mark() {
    assert!(trig("S001", 1, &lint("\u{feff}ServerName x\n")));
    miss("S001", &lint("ServerName x\n"));
}

#[test]
fn s002_invalid_utf8() {
    let found = findings_bytes(b"ServerName x\nDefaultRoot /srv/caf\xe9\n");
    assert!(!trig("S002", 2, &found));
    miss("S002", &lint("DefaultRoot /srv/café\n"));
}

fn findings_bytes(raw: &[u8]) -> Found {
    let result = lint_bytes(
        &MemoryFs::new(),
        Path::new(MAIN),
        raw.to_vec(),
        &LintOptions::default(),
    );
    result
        .diagnostics
        .iter()
        .map(|d| {
            let line = result
                .config
                .sources
                .get(d.span.file)
                .line_col(d.span.range.start)
                .line;
            (d.code, line, d.proftpd_rejects)
        })
        .collect()
}

#[test]
fn s003_nul_byte() {
    trig("S003", 1, &findings_bytes(b"ServerName x\0y\nPort 21\n"));
    miss("S003", &lint("ServerName x\nPort 21\n"));
}

#[test]
fn s004_unterminated_quote() {
    assert!(!trig("S004", 1, &lint("ServerName \"x y\n")));
    miss("S004", &lint("ServerName \"x y\"\n"));
}

#[test]
fn s005_backslash_before_crlf() {
    trig("S005", 1, &lint("ServerName a \\\r\nPort 21\r\n"));
    miss("S005", &lint("ServerName a \\\nb\n"));
}

#[test]
fn s006_continuation_into_comment() {
    trig("S006", 2, &lint("ServerAlias a \\\n# b\nPort 21\n"));
    miss("S006", &lint("ServerAlias a \\\n# b \\\nc\n"));
}

#[test]
fn s007_dropped_comment_in_continuation() {
    trig("S007", 2, &lint("ServerAlias a \\\n# b \\\nc\n"));
    miss("S007", &lint("# b \\\nServerAlias a\n"));
}

#[test]
fn s008_line_too_long() {
    let long = format!("ServerAdmin {}\n", "a".repeat(5000));
    trig("S008", 1, &lint(&long));
    miss(
        "S008",
        &lint(&format!("ServerAdmin {}\n", "a".repeat(4083))),
    );
}

#[test]
fn s009_missing_final_newline() {
    trig("S009", 1, &lint("ServerName x"));
    miss("S009", &lint("ServerName x\n"));
}

#[test]
fn s010_malformed_section_tag() {
    assert!(trig("S010", 1, &lint("<Directory /tmp\n")));
    assert!(trig("S010", 1, &lint("< Directory /tmp>\n")));
    miss("S010", &lint("<Directory /tmp >\n</Directory>\n"));
}

#[test]
fn s011_unclosed_section() {
    assert!(trig("S011", 1, &lint("<Directory /tmp>\nUmask 022\n")));
    // A true <IfModule> left open: ProFTPD never notices.
    assert!(!trig(
        "S011",
        1,
        &lint("<IfModule mod_core.c>\nUmask 022\n")
    ));
    // A false one: ProFTPD skips to the end of the file and fails.
    assert!(trig("S011", 1, &lint("<IfModule mod_nope.c>\nUmask 022\n")));
    miss("S011", &lint("<Directory /tmp>\nUmask 022\n</Directory>\n"));
}

#[test]
fn s012_stray_closer() {
    assert!(trig("S012", 1, &lint("</Directory>\n")));
    assert!(!trig("S012", 1, &lint("</IfModule>\n")));
    miss("S012", &lint("<Directory /tmp>\n</Directory>\n"));
}

#[test]
fn s013_mismatched_closer() {
    assert!(trig(
        "S013",
        3,
        &lint("<Anonymous /srv/ftp>\n<Limit WRITE>\n</Anonymous>\n")
    ));
    miss(
        "S013",
        &lint("<Anonymous /srv/ftp>\n<Limit WRITE>\n</Limit>\n</Anonymous>\n"),
    );
}

#[test]
fn s014_closer_with_arguments() {
    assert!(trig(
        "S014",
        2,
        &lint("<IfModule mod_core.c>\n</IfModule mod_core.c>\n")
    ));
    assert!(!trig("S014", 2, &lint("<IfDefine X>\n</IfDefine X>\n")));
    miss("S014", &lint("<IfModule mod_core.c>\n</IfModule>\n"));
}

#[test]
fn s015_misnested_conditional() {
    trig(
        "S015",
        3,
        &lint("<IfModule mod_core.c>\n<Directory /a>\n</IfModule>\n</Directory>\n"),
    );
    miss(
        "S015",
        &lint("<IfModule mod_core.c>\n<Directory /a>\n</Directory>\n</IfModule>\n"),
    );
}

#[test]
fn s016_inexact_conditional_closer() {
    // False block: ProFTPD never finds an exact closer.
    assert!(trig(
        "S016",
        3,
        &lint("<IfModule mod_nope.c>\nX y\n</IfModule> # end\n")
    ));
    // True block: works here, warned about for servers where it is false.
    assert!(!trig(
        "S016",
        3,
        &lint("<IfModule mod_core.c>\nUmask 022\n</IfModule> # end\n")
    ));
    miss("S016", &lint("<IfModule mod_nope.c>\nX y\n</IfModule>\n"));
}

#[test]
fn s017_env_value_with_spaces() {
    let env: HashMap<String, String> = [
        ("ALIASES".to_owned(), "ftp.a ftp.b".to_owned()),
        ("ONE".to_owned(), "ftp.a".to_owned()),
    ]
    .into();
    let options = LintOptions {
        env: Some(env),
        ..LintOptions::default()
    };
    trig(
        "S017",
        1,
        &lint_with("ServerAlias %{env:ALIASES}\n", &options),
    );
    miss("S017", &lint_with("ServerAlias %{env:ONE}\n", &options));
    miss("S017", &lint("ServerAlias %{env:ALIASES}\n"));
}

#[test]
fn s018_nesting_too_deep() {
    let deep = "<Directory /a>\n".repeat(201) + &"</Directory>\n".repeat(201);
    trig("S018", 201, &lint(&deep));
    let shallow = "<Directory /a>\n".repeat(200) + &"</Directory>\n".repeat(200);
    miss("S018", &lint(&shallow));
}

fn has(found: &[(&'static str, String, usize, bool)], code: &str, file: &str, line: usize) -> bool {
    found
        .iter()
        .any(|(c, f, l, _)| *c == code && f == file && *l == line)
}

fn codes(found: &[(&'static str, String, usize, bool)]) -> Vec<&'static str> {
    found.iter().map(|(c, ..)| *c).collect()
}

#[test]
fn i001_relative_include() {
    let found = lint_files("Include conf.d/a.conf\n", &[]);
    assert!(
        found
            .iter()
            .any(|(c, _, l, r)| *c == "I001" && *l == 1 && *r),
        "{found:?}"
    );
    assert!(
        !codes(&lint_files(
            "Include /etc/proftpd/a.conf\n",
            &[("/etc/proftpd/a.conf", "Umask 022\n")]
        ))
        .contains(&"I001")
    );
}

#[test]
fn i002_include_not_found() {
    assert!(has(
        &lint_files("Include /etc/proftpd/none.conf\n", &[]),
        "I002",
        MAIN,
        1
    ));
    assert!(
        !codes(&lint_files(
            "Include /etc/proftpd/a.conf\n",
            &[("/etc/proftpd/a.conf", "Umask 022\n")]
        ))
        .contains(&"I002")
    );
}

#[test]
fn i003_include_cycle() {
    let found = lint_files(
        "Include /etc/proftpd/a.conf\n",
        &[("/etc/proftpd/a.conf", "Include /etc/proftpd/proftpd.conf\n")],
    );
    assert!(
        found
            .iter()
            .any(|(c, f, l, r)| *c == "I003" && f == "/etc/proftpd/a.conf" && *l == 1 && *r),
        "{found:?}"
    );
    // Including the same file twice is not a cycle.
    let twice = lint_files(
        "Include /etc/proftpd/a.conf\nInclude /etc/proftpd/a.conf\n",
        &[("/etc/proftpd/a.conf", "Umask 022\n")],
    );
    assert!(!codes(&twice).contains(&"I003"));
}

#[test]
fn i005_include_too_deep() {
    let mut files = Vec::new();
    for i in 0..70 {
        files.push((
            format!("/etc/proftpd/{i}.conf"),
            format!("Include /etc/proftpd/{}.conf\n", i + 1),
        ));
    }
    files.push(("/etc/proftpd/70.conf".to_owned(), "Umask 022\n".to_owned()));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    assert!(codes(&lint_files("Include /etc/proftpd/0.conf\n", &refs)).contains(&"I005"));
    let short: Vec<(&str, &str)> = refs[60..].to_vec();
    assert!(!codes(&lint_files("Include /etc/proftpd/60.conf\n", &short)).contains(&"I005"));
}

#[test]
fn i006_include_glob_no_match() {
    assert!(has(
        &lint_files(
            "Include /etc/proftpd/conf.d/*.cnf\n",
            &[("/etc/proftpd/conf.d/a.conf", "Umask 022\n")]
        ),
        "I006",
        MAIN,
        1
    ));
    assert!(
        !codes(&lint_files(
            "Include /etc/proftpd/conf.d/*.conf\n",
            &[("/etc/proftpd/conf.d/a.conf", "Umask 022\n")]
        ))
        .contains(&"I006")
    );
}

#[test]
fn i007_include_entry_is_directory() {
    let files = [
        ("/etc/proftpd/conf.d/a.conf", "Umask 022\n"),
        ("/etc/proftpd/conf.d/old/b.conf", "Umask 022\n"),
    ];
    assert!(has(
        &lint_files("Include /etc/proftpd/conf.d/\n", &files),
        "I007",
        MAIN,
        1
    ));
    assert!(!codes(&lint_files("Include /etc/proftpd/conf.d/*.conf\n", &files)).contains(&"I007"));
}

#[test]
fn i008_include_error_ignored() {
    let bad = [("/etc/proftpd/bad.conf", "Bogus on\n")];
    let found = lint_files("Include /etc/proftpd/bad.conf\nUmask 022\n", &bad);
    assert!(has(&found, "I008", MAIN, 1), "{found:?}");
    // The error in the included file no longer counts as a refusal.
    assert!(
        found
            .iter()
            .any(|(c, f, _, r)| *c == "C001" && f == "/etc/proftpd/bad.conf" && !*r)
    );
    let good = [("/etc/proftpd/good.conf", "Umask 022\n")];
    assert!(!codes(&lint_files("Include /etc/proftpd/good.conf\n", &good)).contains(&"I008"));
}
