//! The CI features of `check`: suppression comments, `.proftpd-lint.toml`,
//! `--fix`/`--diff`, directory walks with `--exclude` and `.gitignore`.

use std::path::Path;

use assert_cmd::Command;

/// A deprecated directive: C005, a warning with no fix.
const DEPRECATED: &str = "MultilineRFC2228 on";

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn check(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("proftpd-lint")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap_or(-1),
    }
}

fn concise(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--format", "concise"];
    all.extend_from_slice(args);
    check(dir, &all)
}

#[test]
fn inline_suppression_silences_its_line_only() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{DEPRECATED} # proftpd-lint: disable=C005\n{DEPRECATED}\n");
    write(dir.path(), "a.conf", &text);
    let run = concise(dir.path(), &["a.conf"]);
    insta::assert_snapshot!("inline", run.stdout);
    assert_eq!(run.code, 1);
}

#[test]
fn own_line_suppression_covers_the_next_directive_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        format!("# proftpd-lint: disable=deprecated-directive\n\n{DEPRECATED}\n{DEPRECATED}\n");
    write(dir.path(), "a.conf", &text);
    let run = concise(dir.path(), &["a.conf"]);
    insta::assert_snapshot!("line_before", run.stdout);
}

#[test]
fn file_wide_suppression_covers_the_file_and_all_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("# proftpd-lint: disable-file=C005\n{DEPRECATED}\n{DEPRECATED}\n");
    write(dir.path(), "a.conf", &text);
    for format in ["concise", "json", "sarif", "github", "gitlab", "junit"] {
        let run = check(dir.path(), &["--format", format, "a.conf"]);
        let found = if format == "sarif" {
            run.stdout.contains("\"ruleId\": \"C005\"")
        } else {
            run.stdout.contains("C005")
        };
        assert!(!found, "{format}: {}", run.stdout);
        assert_eq!(run.code, 0, "{format}");
    }
}

#[test]
fn unused_and_unknown_suppressions_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let text = "ServerName \"x\" # proftpd-lint: disable=C005\n\
                # proftpd-lint: disable=C0005\n\
                ServerType standalone\n";
    write(dir.path(), "a.conf", text);
    let run = concise(dir.path(), &["a.conf"]);
    insta::assert_snapshot!("unused", run.stdout);
    assert_eq!(run.code, 1);
}

#[test]
fn suppressing_a_rule_that_is_switched_off_is_not_unused() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.conf",
        "ServerName \"x\" # proftpd-lint: disable=C005\n",
    );
    let run = concise(dir.path(), &["--ignore", "C", "a.conf"]);
    assert_eq!(run.stdout, "");
    assert_eq!(run.code, 0);
}

#[test]
fn nearest_settings_file_wins_and_is_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".proftpd-lint.toml", "ignore = [\"C005\"]\n");
    write(dir.path(), "top.conf", &format!("{DEPRECATED}\nFoo 1\n"));
    write(
        dir.path(),
        "sub/.proftpd-lint.toml",
        "ignore = [\"C001\"]\n",
    );
    write(
        dir.path(),
        "sub/low.conf",
        &format!("{DEPRECATED}\nFoo 1\n"),
    );
    let run = concise(dir.path(), &["top.conf", "sub/low.conf"]);
    insta::assert_snapshot!("nearest", run.stdout);
}

#[test]
fn isolated_and_explicit_settings_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".proftpd-lint.toml", "ignore = [\"C\"]\n");
    write(
        dir.path(),
        "other.toml",
        "select = [\"C001\"]\n[severity]\nC001 = \"info\"\n",
    );
    write(dir.path(), "a.conf", &format!("{DEPRECATED}\nFoo 1\n"));
    assert_eq!(concise(dir.path(), &["a.conf"]).stdout, "");
    let isolated = concise(dir.path(), &["--isolated", "a.conf"]);
    assert!(isolated.stdout.contains("C005") && isolated.stdout.contains("C001"));
    let named = concise(dir.path(), &["--config", "other.toml", "a.conf"]);
    insta::assert_snapshot!("explicit_config", named.stdout);
    assert_eq!(named.code, 0, "info is below the default --fail-on");
    let cli = concise(dir.path(), &["--select", "C005", "a.conf"]);
    assert!(cli.stdout.contains("C005") && !cli.stdout.contains("C001"));
}

#[test]
fn fail_on_and_profile_come_from_the_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".proftpd-lint.toml",
        "fail-on = \"error\"\n[profile]\nplatform = \"linux\"\n",
    );
    write(dir.path(), "a.conf", &format!("{DEPRECATED}\n"));
    assert_eq!(concise(dir.path(), &["a.conf"]).code, 0);
    assert_eq!(
        concise(dir.path(), &["--fail-on", "warning", "a.conf"]).code,
        1
    );
}

#[test]
fn unknown_settings_key_is_an_error_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".proftpd-lint.toml",
        "select = [\"C\"]\nfail-onn = \"error\"\n",
    );
    write(dir.path(), "a.conf", "ServerName \"x\"\n");
    let run = concise(dir.path(), &["a.conf"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("unknown field `fail-onn`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(".proftpd-lint.toml:2:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_selector_in_settings_points_at_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".proftpd-lint.toml", "ignore = [\"Q123\"]\n");
    write(dir.path(), "a.conf", "ServerName \"x\"\n");
    let run = concise(dir.path(), &["a.conf"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(".proftpd-lint.toml:1:11"),
        "{}",
        run.stderr
    );
}

/// An unused suppression (safe fix) and a byte-order mark (safe fix).
const FIXABLE: &str =
    "\u{feff}ServerName \"x\"   # proftpd-lint: disable=C005\nServerType standalone\n";

#[test]
fn fix_applies_safe_fixes_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.conf", FIXABLE);
    let first = concise(dir.path(), &["--fix", "a.conf"]);
    assert_eq!(first.stderr, "Fixed 2 problems\n");
    assert_eq!(first.stdout, "");
    assert_eq!(first.code, 0);
    let fixed = std::fs::read_to_string(dir.path().join("a.conf")).unwrap();
    assert_eq!(fixed, "ServerName \"x\"\nServerType standalone\n");
    let second = concise(dir.path(), &["--fix", "a.conf"]);
    assert_eq!(second.stderr, "Fixed 0 problems\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.conf")).unwrap(),
        fixed
    );
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.conf", FIXABLE);
    let path = dir.path().join("a.conf");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    concise(dir.path(), &["--fix", "a.conf"]);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[cfg(unix)]
#[test]
fn fix_through_a_symlink_edits_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "real.conf", FIXABLE);
    let link = dir.path().join("proftpd.conf");
    std::os::unix::fs::symlink("real.conf", &link).unwrap();
    concise(dir.path(), &["--fix", "proftpd.conf"]);
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(
        meta.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    let fixed = std::fs::read_to_string(dir.path().join("real.conf")).unwrap();
    assert_ne!(fixed, FIXABLE);
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_owner_when_run_as_root() {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid reads a number and touches no memory.
    if unsafe { libc::geteuid() } != 0 {
        println!("skipped: only root can give a file to another user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.conf", FIXABLE);
    let path = dir.path().join("a.conf");
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    concise(dir.path(), &["--fix", "a.conf"]);
    let meta = std::fs::metadata(&path).unwrap();
    assert_ne!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
}

#[test]
fn diff_prints_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.conf", FIXABLE);
    let run = check(dir.path(), &["--diff", "a.conf"]);
    insta::assert_snapshot!("diff", run.stdout);
    assert_eq!(run.stderr, "Would fix 2 problems\n");
    assert_eq!(run.code, 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.conf")).unwrap(),
        FIXABLE
    );
}

#[test]
fn read_only_file_is_an_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.conf", FIXABLE);
    write(dir.path(), "b.conf", FIXABLE);
    let path = dir.path().join("b.conf");
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let run = concise(dir.path(), &["--fix", "a.conf", "b.conf"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("b.conf: file is read-only"),
        "{}",
        run.stderr
    );
    for name in ["a.conf", "b.conf"] {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(text, FIXABLE, "{name} was written");
    }
}

#[test]
fn fix_that_adds_an_error_is_rolled_back() {
    let dir = tempfile::tempdir().unwrap();
    // `ServerName` is not allowed in <Directory>: renaming the typo would
    // trade one error for another. The second typo is fixed.
    let text = "<Directory /srv>\n  ServerNme foo\n</Directory>\nTimeoutIdel 30\n";
    write(dir.path(), "a.conf", text);
    let run = concise(dir.path(), &["--unsafe-fixes", "a.conf"]);
    insta::assert_snapshot!("rolled_back_stderr", run.stderr);
    let fixed = std::fs::read_to_string(dir.path().join("a.conf")).unwrap();
    assert_eq!(
        fixed,
        "<Directory /srv>\n  ServerNme foo\n</Directory>\nTimeoutIdle 30\n"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn safe_fix_leaves_unsafe_ones() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.conf", "TimeoutIdel 30\n");
    let run = concise(dir.path(), &["--fix", "a.conf"]);
    assert_eq!(run.stderr, "Fixed 0 problems\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.conf")).unwrap(),
        "TimeoutIdel 30\n"
    );
}

fn tree(dir: &Path) {
    write(dir, "b.conf", &format!("{DEPRECATED}\n"));
    write(dir, "a.conf", &format!("{DEPRECATED}\n"));
    write(dir, "sites/z.conf", &format!("{DEPRECATED}\n"));
    write(dir, "sites/m.conf", &format!("{DEPRECATED}\n"));
    write(dir, "backup/old.conf", &format!("{DEPRECATED}\n"));
    write(dir, "generated.conf", &format!("{DEPRECATED}\n"));
    write(dir, ".gitignore", "generated.conf\n");
    write(dir, "notes.txt", "not a config\n");
}

#[test]
fn walk_honours_gitignore_and_exclude_in_a_stable_order() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let run = concise(dir.path(), &["--exclude", "backup", "."]);
    insta::assert_snapshot!("walk", run.stdout);
    let again = concise(dir.path(), &["--exclude", "backup", "."]);
    assert_eq!(run.stdout, again.stdout);
    let glob = concise(dir.path(), &["--exclude", "sites/*.conf", "."]);
    assert!(!glob.stdout.contains("sites/"), "{}", glob.stdout);
    assert!(glob.stdout.contains("backup/old.conf"), "{}", glob.stdout);
}

#[test]
fn many_files_keep_their_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..80 {
        write(
            dir.path(),
            &format!("d{}/f{i:03}.conf", i % 7),
            &format!("{DEPRECATED}\n"),
        );
    }
    let run = concise(dir.path(), &["."]);
    let files: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files.len(), 80);
    assert_eq!(files, sorted);
}

#[test]
fn per_file_ignores_from_a_named_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "ci/lint.toml",
        "[per-file-ignores]\n\"../conf.d/*.conf\" = [\"C005\"]\n\"main.conf\" = [\"C001\"]\n",
    );
    write(
        dir.path(),
        "conf.d/a.conf",
        &format!("{DEPRECATED}\nFoo 1\n"),
    );
    write(dir.path(), "main.conf", &format!("{DEPRECATED}\nFoo 1\n"));
    let run = concise(
        dir.path(),
        &["--config", "ci/lint.toml", "conf.d/a.conf", "main.conf"],
    );
    insta::assert_snapshot!("per_file_ignores", run.stdout);
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.conf", &format!("{DEPRECATED}\n"));
    assert_eq!(concise(dir.path(), &["a.conf"]).code, 1);
    assert_eq!(concise(dir.path(), &["--exit-zero", "a.conf"]).code, 0);
    assert_eq!(
        concise(dir.path(), &["--fail-on", "error", "a.conf"]).code,
        0
    );
    let bad = concise(dir.path(), &["--select", "Q9", "a.conf"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unknown rule selector `Q9`"),
        "{}",
        bad.stderr
    );
    assert_eq!(
        concise(dir.path(), &["--exit-zero", "missing.conf"]).code,
        2
    );
}

#[test]
fn fix_on_standard_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("proftpd-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin("ServerName x\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn included_files_are_fixed_only_when_checked() {
    let dir = tempfile::tempdir().unwrap();
    let inc = dir.path().join("inc.conf");
    let unused = "ServerType standalone # proftpd-lint: disable=C005\n";
    write(dir.path(), "inc.conf", unused);
    write(
        dir.path(),
        "main.conf",
        &format!("Include {}\n", inc.display()),
    );
    let only_main = concise(dir.path(), &["--fix", "main.conf"]);
    assert_eq!(only_main.stderr, "Fixed 0 problems\n");
    assert_eq!(std::fs::read_to_string(&inc).unwrap(), unused);
    let both = concise(dir.path(), &["--fix", "main.conf", "inc.conf"]);
    assert_eq!(both.stderr, "Fixed 1 problem\n");
    assert_eq!(
        std::fs::read_to_string(&inc).unwrap(),
        "ServerType standalone\n"
    );
}
