//! The argument rules (A001–A003): a config that triggers each (code, line,
//! severity, proftpd_rejects asserted) and a near miss that must not; the
//! corpus TLSOptions error at its line; the `%{env:…}` skip.

mod support;

use std::collections::HashMap;

use proftpd_lint::diagnostic::Severity;
use proftpd_lint::lint::LintOptions;
use proftpd_lint::model::arguments::value_completions;
use proftpd_lint::version::ProftpdVersion;

fn findings_with(text: &str, options: &LintOptions) -> Vec<(&'static str, usize, Severity, bool)> {
    support::lint::findings(text, options)
}

fn findings(text: &str) -> Vec<(&'static str, usize, Severity, bool)> {
    findings_with(text, &LintOptions::default())
}

fn on_version(v: ProftpdVersion) -> LintOptions {
    let mut o = LintOptions::default();
    o.environment.version = v;
    o
}

#[track_caller]
fn trig(code: &str, line: usize, text: &str) -> (Severity, bool) {
    let f = findings(text);
    match f.iter().find(|(c, l, _, _)| *c == code && *l == line) {
        Some((_, _, sev, rejects)) => (*sev, *rejects),
        None => panic!("expected {code} on line {line} for {text:?}, got {f:?}"),
    }
}

#[track_caller]
fn miss(code: &str, text: &str) {
    let f = findings(text);
    assert!(
        !f.iter().any(|(c, ..)| *c == code),
        "unexpected {code} for {text:?}: {f:?}"
    );
}

const HEAD: &str = "ServerName \"t\"\n";

fn cfg(body: &str) -> String {
    format!("{HEAD}{body}\n")
}

/// With mod_tls loaded (line 2): the body starts on line 3.
fn tls(body: &str) -> String {
    format!("{HEAD}LoadModule mod_tls.c\n{body}\n")
}

#[test]
fn a001_invalid_argument_value() {
    for body in [
        "AllowOverwrite maybe",
        "Port 70000",
        "Umask 0999",
        "MaxClients 0",
        "MaxLoginAttempts abc",
    ] {
        assert_eq!(
            trig("A001", 2, &cfg(body)),
            (Severity::Error, true),
            "{body}"
        );
    }
    for body in [
        "AllowOverwrite YES",
        "Port 2121",
        "Umask 022 022",
        "MaxClients none",
        "MaxLoginAttempts 3",
        "ScoreboardScrub 30",
        "ScoreboardScrub off",
    ] {
        miss("A001", &cfg(body));
    }
}

#[test]
fn a002_unknown_argument_word() {
    assert_eq!(
        trig("A002", 3, &tls("TLSOptions StdEnvVar")),
        (Severity::Error, true)
    );
    // option words compare with exact case
    trig("A002", 3, &tls("TLSOptions stdenvvars"));
    miss("A002", &tls("TLSOptions StdEnvVars NoSessionReuseRequired"));
}

#[test]
fn a003_removed_argument_word() {
    let text = tls("TLSOptions NoCertRequest StdEnvVars");
    assert_eq!(trig("A003", 3, &text), (Severity::Error, true));
    // 1.3.7 still accepted it (logging a deprecation): a warning, not a refusal
    let old = findings_with(&text, &on_version(ProftpdVersion::new(1, 3, 7)));
    assert!(
        old.contains(&("A003", 3, Severity::Warning, false)),
        "{old:?}"
    );
    miss("A003", &tls("TLSOptions StdEnvVars"));
}

#[test]
fn corpus_tls_options_error_at_its_line() {
    let path = support::corpus::corpus_dir("configs").join("031_ebarault_proftpd-docker_tls.conf");
    let Ok(text) = std::fs::read_to_string(&path) else {
        assert!(
            std::env::var("PROFTPD_LINT_REQUIRE_ORACLE").as_deref() != Ok("1"),
            "{} is missing",
            path.display()
        );
        println!("skipped: corpus_tls_options_error_at_its_line: corpus not present");
        return;
    };
    let f = findings(&text);
    assert!(
        f.iter().any(|(c, l, _, r)| *c == "A003" && *l == 9 && *r),
        "{f:?}"
    );
}

#[test]
fn env_words_skipped_without_environment() {
    let text = cfg("AllowOverwrite %{env:OVERWRITE}");
    miss("A001", &text);
    let o = LintOptions {
        env: Some(HashMap::from([(
            "OVERWRITE".to_string(),
            "maybe".to_string(),
        )])),
        ..LintOptions::default()
    };
    let f = findings_with(&text, &o);
    assert!(f.iter().any(|(c, l, ..)| *c == "A001" && *l == 2), "{f:?}");
}

#[test]
fn completions_come_from_the_schemas() {
    let labels = |d: &str, i: usize| -> Vec<String> {
        value_completions(d, i)
            .into_iter()
            .map(|c| c.label)
            .collect()
    };
    assert!(labels("TLSOptions", 0).contains(&"StdEnvVars".to_string()));
    assert!(labels("AllowOverwrite", 0).starts_with(&["on".to_string(), "off".to_string()]));
    assert!(labels("MaxClients", 0).contains(&"none".to_string()));
    assert!(labels("ServerName", 0).is_empty());
}

#[test]
fn one_finding_per_problem_where_another_rule_owns_the_directive() {
    // Include and IncludeOptions are checked by I001 and C008, not twice
    let f = findings("Include relative.conf\nIncludeOptions bogus\n");
    let codes: Vec<&str> = f.iter().map(|(c, ..)| *c).collect();
    assert_eq!(codes, ["I001", "C008"], "{f:?}");
}

#[test]
fn reviewed_schemas_of_the_harder_handlers() {
    // key/value loops with valueless keys, leading-keyword readings, text relations
    trig("A002", 1, "ListOptions -l 1\n");
    miss("A002", "ListOptions -l strict maxdepth 3 SortedNLST\n");
    trig("A001", 1, "ListOptions -l maxdepth 0\n");
    trig("A002", 1, "CreateHome on 1 0\n");
    miss(
        "A002",
        "CreateHome on 0700 skel /etc/skel dirmode 0711 NoRootPrivs\n",
    );
    miss("A001", "CreateHome on skel\n");
    trig("A001", 1, "UserAlias ftp ftp\n");
    miss("A001", "UserAlias anonymous ftp\n");
    trig("A001", 1, "RLimitCPU daemon\n");
    miss("A001", "RLimitCPU daemon 10 20\n");
}
