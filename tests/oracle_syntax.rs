//! Our linter against the real `proftpd -t` on small configs covering the
//! syntax rules (tests/support/syntax_cases.rs). Every disagreement is
//! collected and printed as a table before the test fails; verdicts that
//! depend on the host (see `oracle::HOST_DEPENDENT_PATTERNS`) are listed and
//! skipped.
//!
//! Agreement means: proftpd rejects (a rejecting fatal, the mod_ifsession
//! unclosed error, a crash or a hang) ⇔ some diagnostic of ours has
//! `proftpd_rejects == true`.

mod support;

use proftpd_lint::lint::{LintOptions, lint_path};
use support::oracle::{self, Sandbox};
use support::syntax_cases;

#[test]
fn linter_agrees_with_proftpd_on_syntax_cases() {
    let Some(bin) = oracle::require_or_skip("linter_agrees_with_proftpd_on_syntax_cases") else {
        return;
    };
    // The env cases assume this variable is unset for both proftpd and us.
    assert!(
        std::env::var_os("PROFTPD_LINT_UNSET").is_none(),
        "PROFTPD_LINT_UNSET must not be set when running the oracle tests"
    );

    let cases = syntax_cases::cases();
    let boxes: Vec<Sandbox> = cases.iter().map(|_| Sandbox::new()).collect();
    let paths: Vec<_> = cases
        .iter()
        .zip(&boxes)
        .map(|(c, sb)| c.write(sb))
        .collect();
    let verdicts = oracle::check_many(&bin, &paths);

    let mut rows = Vec::new();
    let mut disagreements = 0;
    let mut host_dependent = Vec::new();
    for ((case, path), verdict) in cases.iter().zip(&paths).zip(&verdicts) {
        if verdict.host_dependent {
            host_dependent.push(format!("{}: {}", case.name, verdict.summary()));
            continue;
        }
        // proftpd runs with this process's environment, so %{env:...} expands the same way.
        let options = LintOptions {
            env: Some(std::env::vars().collect()),
            ..LintOptions::default()
        };
        let result = lint_path(path, &options).expect("the generated config is readable");
        let ours = oracle::our_rejections(&result.diagnostics);
        let agree = result.proftpd_rejects() == verdict.rejected;
        if !agree {
            disagreements += 1;
        }
        rows.push((agree, case.name, verdict.summary(), ours));
    }

    println!(
        "{:<3} {:<40} {:<60} ours (rejecting diagnostics)",
        "", "case", "proftpd -t"
    );
    for (agree, name, theirs, ours) in &rows {
        println!(
            "{:<3} {:<40} {:<60} {}",
            if *agree { "ok" } else { "XX" },
            name,
            theirs,
            ours
        );
    }
    if !host_dependent.is_empty() {
        println!("skipped (host-dependent verdict):");
        for h in &host_dependent {
            println!("  {h}");
        }
    }
    assert_eq!(
        disagreements,
        0,
        "{disagreements} of {} syntax cases disagree with proftpd (rows marked XX above)",
        rows.len()
    );
}
