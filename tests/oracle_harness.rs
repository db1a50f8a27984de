//! Tests of the oracle harness itself (tests/support/oracle.rs), and a check
//! that the real proftpd still gives the verdicts recorded in
//! tests/support/syntax_cases.rs.

mod support;

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

use support::oracle::{self, HeaderOptions, Level, Sandbox};
use support::syntax_cases;

const STAMP: &str = "2026-11-24 06:39:19,845 vm proftpd[7669]:";

fn exit(code: i32) -> ExitStatus {
    ExitStatus::from_raw(code << 8)
}

// ----- classification rules on recorded stderr (no proftpd needed) -----

#[test]
fn classify_fatal_with_did_you_mean() {
    let err = format!(
        "{STAMP} fatal: unknown configuration directive 'Bogus' on line 10 of '/t/a.conf'\n\
         {STAMP} fatal: Did you mean:\n  From\n  Port\n"
    );
    let v = oracle::classify(Path::new("/t/a.conf"), exit(1), false, &err);
    assert!(v.rejected);
    assert_eq!(
        v.fatal_line.as_deref().unwrap().lines().next(),
        Some("unknown configuration directive 'Bogus' on line 10 of '/t/a.conf'")
    );
    assert_eq!(v.line, Some(10));
    assert_eq!(v.file.as_deref(), Some("/t/a.conf"));
    assert_eq!(v.messages.len(), 1, "Did you mean folds into the fatal");
    assert!(!v.host_dependent && !v.crashed);
}

#[test]
fn classify_downgraded_include_error_is_a_warning() {
    let err = format!(
        "{STAMP} fatal: unknown configuration directive 'Bogus' on line 2 of '/t/bad.conf'\n\
         {STAMP} fatal: Did you mean:\n  From\n\
         {STAMP} warning: unable to include '/t/bad.conf': Operation not permitted\n"
    );
    let v = oracle::classify(Path::new("/t/a.conf"), exit(0), false, &err);
    assert!(!v.rejected);
    assert_eq!(v.fatal_line, None);
    assert_eq!(v.warnings.len(), 2, "{:?}", v.warnings);
    assert!(v.warnings[0].starts_with("in include: unknown configuration directive"));
}

#[test]
fn classify_fatal_in_main_file_after_include_rejects() {
    let err = format!(
        "{STAMP} fatal: ServerAdmin: directive not allowed in <Directory> context on line 1 of '/t/bad.conf'\n\
         {STAMP} warning: unable to include '/t/bad.conf': Operation not permitted\n\
         {STAMP} fatal: unknown configuration directive 'Bogus' on line 11 of '/t/a.conf'\n"
    );
    let v = oracle::classify(Path::new("/t/a.conf"), exit(1), false, &err);
    assert!(v.rejected);
    assert_eq!(v.line, Some(11));
}

#[test]
fn classify_ifsession_unclosed_error_rejects_despite_exit_0() {
    let err = format!("{STAMP} error: unclosed <IfUser> context in config file\n");
    let v = oracle::classify(Path::new("/t/a.conf"), exit(0), false, &err);
    assert!(v.rejected);
}

#[test]
fn classify_unclosed_section_without_line() {
    let err = format!(
        "{STAMP} fatal: error processing configuration file '/t/a.conf': unclosed configuration section\n"
    );
    let v = oracle::classify(Path::new("/t/a.conf"), exit(1), false, &err);
    assert!(v.rejected);
    assert_eq!(v.line, None);
}

#[test]
fn classify_host_dependent_and_crash() {
    let err = format!("{STAMP} fatal: Group: Unknown group 'ftp' on line 6 of '/t/a.conf'\n");
    let v = oracle::classify(Path::new("/t/a.conf"), exit(1), false, &err);
    assert!(v.rejected && v.host_dependent);

    let v = oracle::classify(Path::new("/t/a.conf"), ExitStatus::from_raw(11), false, "");
    assert!(v.crashed && v.rejected);
    assert_eq!(v.signal, Some(11));

    let v = oracle::classify(Path::new("/t/a.conf"), ExitStatus::from_raw(9), true, "");
    assert!(v.timed_out && !v.crashed && v.rejected);
}

#[test]
fn classify_missing_include_is_a_plain_warning() {
    let err =
        format!("{STAMP} warning: unable to include '/t/nope.conf': No such file or directory\n");
    let v = oracle::classify(Path::new("/t/a.conf"), exit(0), false, &err);
    assert!(!v.rejected && !v.host_dependent);
    assert_eq!(v.warnings.len(), 1);
    assert_eq!(v.messages[0].level, Level::Warning);
}

#[test]
fn classify_fd_exhaustion_is_host_dependent() {
    let err = format!("{STAMP} warning: unable to include '/t/self.conf': Too many open files\n");
    let v = oracle::classify(Path::new("/t/a.conf"), exit(0), false, &err);
    assert!(!v.rejected && v.host_dependent);
}

#[test]
fn module_order_puts_auth_otp_after_sql() {
    let modules = oracle::loadable_modules();
    if modules.is_empty() {
        println!(
            "skipped: module_order_puts_auth_otp_after_sql: no modules in {}",
            oracle::MODULE_DIR
        );
        return;
    }
    assert!(!modules.iter().any(|m| m == "mod_dnsbl"));
    let pos = |n: &str| modules.iter().position(|m| m == n);
    if let (Some(sql), Some(otp)) = (pos("mod_sql"), pos("mod_auth_otp")) {
        assert!(sql < otp, "{modules:?}");
    }
    let rest: Vec<_> = modules.iter().filter(|m| *m != "mod_auth_otp").collect();
    assert!(rest.is_sorted(), "{modules:?}");
}

// ----- against the real proftpd -----

#[test]
fn plain_header_is_accepted() {
    let Some(bin) = oracle::require_or_skip("plain_header_is_accepted") else {
        return;
    };
    for opts in [HeaderOptions::default(), HeaderOptions::with_modules()] {
        let sb = Sandbox::new();
        let path = sb.write("proftpd.conf", sb.header(opts.clone()).as_bytes());
        let v = oracle::check(&bin, &path);
        assert!(!v.rejected, "{opts:?}: {}", v.raw_stderr);
        assert!(!v.host_dependent && !v.crashed, "{}", v.raw_stderr);
    }
}

#[test]
fn bogus_directive_is_rejected_with_its_line() {
    let Some(bin) = oracle::require_or_skip("bogus_directive_is_rejected_with_its_line") else {
        return;
    };
    let sb = Sandbox::new();
    let opts = HeaderOptions::with_modules();
    let mut text = sb.header(opts.clone());
    text.push_str("ServerName x\nBogus on\n");
    let path = sb.write("proftpd.conf", text.as_bytes());
    let v = oracle::check(&bin, &path);
    assert!(v.rejected, "{}", v.raw_stderr);
    assert_eq!(v.line, Some(sb.header_lines(opts) + 2));
    assert_eq!(v.file.as_deref(), Some(path.to_str().unwrap()));
    assert!(
        v.fatal_line
            .unwrap()
            .starts_with("unknown configuration directive 'Bogus'")
    );
    assert_eq!(v.exit_code, Some(1));
}

#[test]
fn error_in_included_file_is_a_warning() {
    let Some(bin) = oracle::require_or_skip("error_in_included_file_is_a_warning") else {
        return;
    };
    let sb = Sandbox::new();
    let inc = sb.write("inc/bad.conf", b"ServerAdmin x\nBogus on\n");
    let mut text = sb.header(HeaderOptions::default());
    text.push_str(&format!("Include {}\n", inc.display()));
    let path = sb.write("proftpd.conf", text.as_bytes());
    let v = oracle::check(&bin, &path);
    assert!(!v.rejected, "{}", v.raw_stderr);
    assert_eq!(v.exit_code, Some(0));
    assert!(
        v.warnings
            .iter()
            .any(|w| w.starts_with("unable to include")),
        "{:?}",
        v.warnings
    );
}

#[test]
fn self_include_crashes_without_hanging() {
    let Some(bin) = oracle::require_or_skip("self_include_crashes_without_hanging") else {
        return;
    };
    let sb = Sandbox::new();
    let me = sb.path().join("self.conf");
    sb.write(
        "self.conf",
        format!("Include {}\n", me.display()).as_bytes(),
    );
    let mut text = sb.header(HeaderOptions::default());
    text.push_str(&format!("Include {}\n", me.display()));
    let path = sb.write("proftpd.conf", text.as_bytes());
    let start = Instant::now();
    let v = oracle::check(&bin, &path);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(!v.timed_out, "{}", v.raw_stderr);
    if v.host_dependent {
        // Low `ulimit -n` (non-root): the recursion ends with "Too many open
        // files" before the stack overflows.
        println!("self-include stopped by a resource limit: {:?}", v.warnings);
        return;
    }
    assert!(v.crashed, "{:?} {}", v.signal, v.raw_stderr);
    assert!(v.rejected);
}

/// A main file that includes itself (after its own `DefaultServer on`) does
/// not crash: each nested copy fails and the unpopped include source makes
/// proftpd loop. The harness must kill it and call it rejected.
#[test]
fn looping_include_is_killed_and_rejected() {
    let Some(bin) = oracle::require_or_skip("looping_include_is_killed_and_rejected") else {
        return;
    };
    let sb = Sandbox::new();
    let path = sb.path().join("proftpd.conf");
    let mut text = sb.header(HeaderOptions::default());
    text.push_str(&format!("Include {}\n", path.display()));
    sb.write("proftpd.conf", text.as_bytes());
    let start = Instant::now();
    let v = oracle::check_with_timeout(&bin, &path, Duration::from_secs(2));
    assert!(start.elapsed() < Duration::from_secs(10));
    if v.timed_out {
        assert!(v.rejected && !v.crashed);
    } else {
        // Whatever else it does, it must not be taken for acceptance.
        assert!(v.rejected, "{}", v.raw_stderr);
    }
}

#[test]
fn check_many_keeps_order() {
    let Some(bin) = oracle::require_or_skip("check_many_keeps_order") else {
        return;
    };
    let boxes: Vec<Sandbox> = (0..6).map(|_| Sandbox::new()).collect();
    let paths: Vec<_> = boxes
        .iter()
        .enumerate()
        .map(|(i, sb)| {
            let mut t = sb.header(HeaderOptions::default());
            if i % 2 == 1 {
                t.push_str("Bogus on\n");
            }
            sb.write("proftpd.conf", t.as_bytes())
        })
        .collect();
    let verdicts = oracle::check_many(&bin, &paths);
    for (i, v) in verdicts.iter().enumerate() {
        assert_eq!(v.config, paths[i]);
        assert_eq!(v.rejected, i % 2 == 1, "{i}: {}", v.raw_stderr);
    }
}

/// Runs every syntax case through proftpd and compares with the verdict
/// recorded in syntax_cases.rs; prints the whole table either way.
#[test]
fn recorded_syntax_verdicts_still_hold() {
    let Some(bin) = oracle::require_or_skip("recorded_syntax_verdicts_still_hold") else {
        return;
    };
    let cases = syntax_cases::cases();
    let boxes: Vec<Sandbox> = cases.iter().map(|_| Sandbox::new()).collect();
    let paths: Vec<_> = cases
        .iter()
        .zip(&boxes)
        .map(|(c, sb)| c.write(sb))
        .collect();
    let verdicts = oracle::check_many(&bin, &paths);
    let mut bad = Vec::new();
    println!("{:<42} {:<7} proftpd -t", "case", "expect");
    for (case, v) in cases.iter().zip(&verdicts) {
        let ok = case.expect.matches(v);
        println!(
            "{:<42} {:<7} {}{}",
            case.name,
            match case.expect {
                syntax_cases::Expect::A => "A",
                syntax_cases::Expect::R(_) => "R",
                syntax_cases::Expect::Crash => "Crash",
            },
            if ok { "" } else { "MISMATCH " },
            v.summary()
        );
        if !ok {
            bad.push(format!(
                "{}: expected {:?}\n{}",
                case.name, case.expect, v.raw_stderr
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
