//! A001 `invalid-argument-value`: an argument is not a value the directive's handler accepts.

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::model::arguments::ArgProblem;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "A001",
    name: "invalid-argument-value",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "An argument is not a value the directive's handler accepts.",
    explain: r#"## What it does
Checks each argument against the type the directive's handler reads it as: a boolean
(on/off, yes/no, true/false, 1/0), a number within the handler's bounds, an octal mode,
a duration, a size, an absolute path, or one of a few keywords such as `none`.

## Why
`proftpd -t` stops at the first such value and the server does not start. ProFTPD only
reports one error per run; this rule reports all of them at once.

## Example
```
AllowOverwrite maybe
Port 70000
Umask 0999
```

## Fix
Write a value of the expected type, e.g. `AllowOverwrite on`, `Port 2121`, `Umask 022`."#,
};

pub fn diagnostic(span: Span, problem: &ArgProblem, expected: &str) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        span,
        format!(
            "{}: ProFTPD refuses this value and does not start",
            problem.proftpd_message
        ),
    )
    .with_help(format!("write {expected}"))
}
