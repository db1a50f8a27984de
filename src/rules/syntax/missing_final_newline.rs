//! S009 `missing-final-newline`: The last line has no newline; ProFTPD warns that it may be truncated.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S009",
    name: "missing-final-newline",
    severity: Severity::Info,
    proftpd_rejects: false,
    summary: "The last line has no newline; ProFTPD warns that it may be truncated.",
    explain: r#"## What it does
Finds a file whose last line does not end with a newline.

## Why
ProFTPD still parses the line, but logs "handling possibly truncated configuration data",
which hides real truncation warnings.

## Example
A file written by a tool that omits the final newline.

## Fix
End the file with a newline (safe fix)."#,
};
