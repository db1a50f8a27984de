//! A002 `unknown-argument-word`: a word is not one of the options or values the directive knows.

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::model::arguments::ArgProblem;
use crate::rules::Rule;

use super::accepted_list;

pub static RULE: Rule = Rule {
    code: "A002",
    name: "unknown-argument-word",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "A word is not one of the options or values the directive knows.",
    explain: r#"## What it does
For directives that take a fixed set of words (option lists such as TLSOptions, SFTPOptions
or ListOptions flags, and enumerations such as `ServerType standalone|inetd`), reports a
word the handler does not recognise, with the list it does accept.

## Why
The handler compares each word with its list (for most option lists with exact case) and
refuses the configuration when none matches.

## Example
```
TLSOptions StdEnvVar
```

## Fix
Use one of the listed words, spelled exactly (e.g. `TLSOptions StdEnvVars`)."#,
};

pub fn diagnostic(name: &str, span: Span, problem: &ArgProblem, accepted: &[String]) -> Diagnostic {
    let close = accepted
        .iter()
        .find(|a| a.eq_ignore_ascii_case(problem_word(&problem.proftpd_message)));
    let help = match close {
        Some(word) => format!("the spelling ProFTPD accepts is `{word}`"),
        None => format!("{name} accepts: {}", accepted_list(accepted)),
    };
    Diagnostic::new(
        &RULE,
        span,
        format!(
            "{}: ProFTPD refuses the configuration",
            problem.proftpd_message
        ),
    )
    .with_help(help)
}

/// The quoted word in a ProFTPD message (`… 'word'`), or the empty string.
fn problem_word(message: &str) -> &str {
    message.rsplit('\'').nth(1).unwrap_or("")
}
