//! S008 `line-too-long`: A line longer than 4095 bytes is split by ProFTPD; the rest is read as a separate line.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S008",
    name: "line-too-long",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A line longer than 4095 bytes is split by ProFTPD; the rest is read as a separate line.",
    explain: r#"## What it does
Finds logical lines (after joining continuations) longer than ProFTPD's 4096-byte buffer.

## Why
ProFTPD logs "handling possibly truncated configuration data", parses the first 4096 bytes,
and then parses the remainder as if it were a new line, usually an unknown directive.

## Example
A `SQLNamedQuery` with a very long SELECT statement.

## Fix
Shorten the line: split long lists across several directives where the directive allows it,
or move long SQL into a view."#,
};
