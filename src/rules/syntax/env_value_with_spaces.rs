//! S017 `env-value-with-spaces`: An environment variable's value contains spaces but stays one argument in ProFTPD 1.3.8.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S017",
    name: "env-value-with-spaces",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "An environment variable's value contains spaces but stays one argument in ProFTPD 1.3.8.",
    explain: r#"## What it does
When an environment is supplied, finds `%{env:NAME}` references whose value contains
whitespace.

## Why
ProFTPD 1.3.8 substitutes the value into the word after the line was split, so `FOO="a b"`
gives one argument `a b`. ProFTPD 1.3.10 splits it into two (Issue #2002). A config relying on
either behaviour changes meaning across upgrades.

## Example
`ServerAlias %{env:ALIASES}` with `ALIASES="ftp.a ftp.b"`.

## Fix
Use one variable per argument."#,
};
