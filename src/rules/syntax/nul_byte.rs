//! S003 `nul-byte`: A NUL byte cuts the line: ProFTPD ignores the rest of it and joins the next line on.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S003",
    name: "nul-byte",
    severity: Severity::Error,
    proftpd_rejects: false,
    summary: "A NUL byte cuts the line: ProFTPD ignores the rest of it and joins the next line on.",
    explain: r#"## What it does
Finds NUL (`\0`) bytes.

## Why
ProFTPD reads lines as C strings. Everything from the NUL to the end of that physical line is
lost, and because the newline is lost with it, the next line is glued onto the damaged one.
The directive silently changes meaning.

## Example
A config truncated by a crash, or concatenated from a binary file.

## Fix
Remove the NUL bytes and check the line and the one after it."#,
};
