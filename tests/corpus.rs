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

/// Applies each safe fix offered on `raw` on its own and checks that it
/// removes a finding of its rule and brings in no error (what `check --fix`
/// relies on; a broken fix is otherwise only seen as a "rolled back"
/// warning). Unsafe fixes (a did-you-mean name, say) are guesses and are not
/// held to this. Returns how many fixes were tried.
fn check_safe_fixes(
    name: &str,
    path: &std::path::Path,
    raw: &[u8],
    broken: &mut Vec<String>,
) -> usize {
    use proftpd_lint::diagnostic::{Applicability, Diagnostic};
    use proftpd_lint::fix::{apply, new_error};
    use proftpd_lint::fs::RealFs;
    use proftpd_lint::lint::lint_bytes;

    let options = options();
    let before = lint_bytes(&RealFs, path, raw.to_vec(), &options);
    let root = before.config.root;
    let count = |list: &[Diagnostic], code: &str| list.iter().filter(|d| d.code == code).count();
    let mut tried = 0;
    for diag in &before.diagnostics {
        let Some(fix) = &diag.fix else { continue };
        if fix.applicability != Applicability::Safe || fix.edits.iter().any(|e| e.span.file != root)
        {
            continue;
        }
        tried += 1;
        let after = lint_bytes(&RealFs, path, apply(raw, &[diag]), &options);
        if let Some(error) = new_error(&before.diagnostics, &after.diagnostics) {
            broken.push(format!(
                "{name}: fix for {} ({}) adds {}: {}",
                diag.code, fix.message, error.code, error.message
            ));
        } else if count(&after.diagnostics, diag.code) >= count(&before.diagnostics, diag.code) {
            broken.push(format!(
                "{name}: fix for {} ({}) leaves as many {} findings",
                diag.code, fix.message, diag.code
            ));
        }
    }
    tried
}

#[test]
fn every_safe_fix_offered_on_the_corpus_works_alone() {
    if !corpus_present("every_safe_fix_offered_on_the_corpus_works_alone") {
        return;
    }
    let mut tried = 0;
    let mut broken = Vec::new();
    for (name, path) in corpus_files() {
        let raw = std::fs::read(&path).unwrap();
        tried += check_safe_fixes(&name, &path, &raw, &mut broken);
    }
    assert!(tried >= 4, "only {tried} safe fixes offered on the corpus");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// The same for one config per rule that has a safe fix, in the forms users
/// write.
#[test]
fn every_rule_with_a_safe_fix_has_one_that_works_alone() {
    let configs = [
        "\u{feff}ServerName \"x\"\n",
        "ServerName \"x\"",
        "<IfModule mod_xfer.c>\nTimeoutIdle 600\n</IfModule mod_xfer.c>\n",
        "<IfModule mod_xfer.c>\nTimeoutIdle 600\n</IfModule mod_xfer.c >\n",
        "<IfModule mod_xfer.c>\nTimeoutIdle 600\n</IfModule   \"mod_xfer.c\">\n",
        "<IfDefine X>\nTimeoutIdle 600\n</IfDefine X>\n",
        "<IfModule mod_nope.c>\nX y\n</IfModule> # end\n",
        "SocketOptions keepalive 300:9:10\n",
        "SocketOptions keepalive 300:9x:75\n",
        "SFTPClientAlive 3 15s\n",
        "TimeoutIdle 1.5h\n",
    ];
    let dir = std::env::temp_dir();
    let mut broken = Vec::new();
    for text in configs {
        let path = dir.join("proftpd-lint-fix-check.conf");
        let tried = check_safe_fixes(&format!("{text:?}"), &path, text.as_bytes(), &mut broken);
        assert!(tried > 0, "no safe fix offered on {text:?}");
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
