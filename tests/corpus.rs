//! The shared corpus of real configs: every file parses without a panic,
//! prints back byte for byte, and the verdicts match what `proftpd -t`
//! says about them (INDEX.tsv, with host-only failures masked).

use std::path::PathBuf;

mod support;

use proftpd_lint::diagnostic::Severity;
use proftpd_lint::lint::{LintOptions, lint_path};
use proftpd_lint::load::LoadOptions;
use proftpd_lint::source::FileId;
use support::corpus::{corpus_dir, entries, masked_lines};

fn options() -> LintOptions {
    LintOptions {
        // Corpus files name /etc paths of other machines.
        load: LoadOptions {
            root: None,
            no_includes: true,
        },
        ..LintOptions::default()
    }
}

/// The corpus lives in ../shared beside the repository (always in CI).
fn corpus_present(test: &str) -> bool {
    if corpus_dir("configs").join("INDEX.tsv").exists() {
        return true;
    }
    assert!(
        std::env::var("PROFTPD_LINT_REQUIRE_ORACLE").as_deref() != Ok("1"),
        "{test}: ../shared/corpus is missing"
    );
    println!("skipped: {test}: ../shared/corpus not found");
    false
}

fn corpus_files() -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for (kind, name, _) in entries() {
        let path = corpus_dir(&kind).join(&name);
        files.push((name, path));
    }
    files.sort();
    files
}

#[test]
fn every_corpus_file_round_trips_byte_for_byte() {
    if !corpus_present("every_corpus_file_round_trips_byte_for_byte") {
        return;
    }
    let files = corpus_files();
    assert!(files.len() >= 70, "corpus not found next to the repository");
    for (name, path) in files {
        let raw = std::fs::read(&path).unwrap();
        let parsed = proftpd_lint::syntax::parse(FileId(0), &raw);
        assert_eq!(parsed.print(&raw), raw, "{name} does not round-trip");
    }
}

/// Files `proftpd -t` accepts (host-only failures masked) get no error and
/// no finding that claims ProFTPD refuses them — with all of Debian's modules, as the
/// INDEX verdicts were taken with every module loaded.
#[test]
fn accepted_corpus_files_have_no_rejecting_finding() {
    if !corpus_present("accepted_corpus_files_have_no_rejecting_finding") {
        return;
    }
    let mut options = options();
    options.environment.static_modules.extend(
        proftpd_lint::catalog::catalog()
            .modules()
            .map(|m| m.name.clone()),
    );
    let mut wrong = Vec::new();
    for (kind, name, verdict) in entries() {
        if !verdict.starts_with("ok") {
            continue;
        }
        let masked = masked_lines(&verdict);
        let result = lint_path(&corpus_dir(&kind).join(&name), &options).unwrap();
        let source = result.config.sources.get(result.config.root);
        let at_masked_line = |d: &&proftpd_lint::diagnostic::Diagnostic| {
            masked.contains(&source.line_col(d.span.range.start).line)
        };
        for d in result
            .diagnostics
            .iter()
            .filter(|d| d.proftpd_rejects || d.severity == Severity::Error)
            .filter(|d| !at_masked_line(d))
        {
            wrong.push(format!("{name}: {} {}", d.code, d.message));
        }
    }
    assert!(
        wrong.is_empty(),
        "errors or false rejections:\n{}",
        wrong.join("\n")
    );
}

fn rejecting_codes(name: &str) -> Vec<(&'static str, usize)> {
    let path = corpus_dir("configs").join(name);
    let result = lint_path(&path, &options()).unwrap();
    let source = result.config.sources.get(result.config.root);
    result
        .diagnostics
        .iter()
        .filter(|d| d.proftpd_rejects)
        .map(|d| (d.code, source.line_col(d.span.range.start).line))
        .collect()
}

#[test]
fn the_known_real_errors_are_found_at_the_right_line() {
    if !corpus_present("the_known_real_errors_are_found_at_the_right_line") {
        return;
    }
    assert!(rejecting_codes("030_ebarault_proftpd-docker_proftpd.conf").contains(&("S014", 67)));
    assert!(rejecting_codes("147_on-server_server-configs_proftpd.conf").contains(&("C001", 2)));
    // line 58 merges two directives: the quote never closes and SQLUserInfo
    // is left without its arguments.
    let asaim = lint_path(
        &corpus_dir("configs").join("101_ASaiM_framework_proftpd.conf"),
        &options(),
    )
    .unwrap();
    let source = asaim.config.sources.get(asaim.config.root);
    assert!(
        asaim
            .diagnostics
            .iter()
            .any(|d| d.code == "S004" && source.line_col(d.span.range.start).line == 58)
    );
}
