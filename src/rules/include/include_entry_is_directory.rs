//! I007 `include-entry-is-directory`: A directory Include contains a subdirectory, which ProFTPD cannot parse and skips.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "I007",
    name: "include-entry-is-directory",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A directory Include contains a subdirectory, which ProFTPD cannot parse and skips.",
    explain: r#"## What it does
Finds subdirectories inside a directory or glob Include.

## Why
ProFTPD does not recurse: it logs "unable to open parse file" for the subdirectory and goes on.

## Example
`Include /etc/proftpd/conf.d/` with `conf.d/old/` inside.

## Fix
Move the subdirectory elsewhere or include it explicitly."#,
};
