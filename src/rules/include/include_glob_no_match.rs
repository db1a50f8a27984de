//! I006 `include-glob-no-match`: An Include glob matches no file.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "I006",
    name: "include-glob-no-match",
    severity: Severity::Info,
    proftpd_rejects: false,
    summary: "An Include glob matches no file.",
    explain: r#"## What it does
Reports wildcard Includes that match nothing.

## Why
ProFTPD accepts this silently (a glob in a directory component logs an error but goes on), so
a typo in the pattern silently drops configuration.

## Example
`Include /etc/proftpd/conf.d/*.cnf`

## Fix
Check the pattern; ignore this finding when an empty directory is expected."#,
};
