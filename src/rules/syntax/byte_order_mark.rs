//! S001 `byte-order-mark`: The file starts with a UTF-8 byte-order mark, which ProFTPD reads as part of the first directive's name.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S001",
    name: "byte-order-mark",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "The file starts with a UTF-8 byte-order mark, which ProFTPD reads as part of the first directive's name.",
    explain: r#"## What it does
Finds a UTF-8 byte-order mark (the bytes `EF BB BF`) at the start of a file.

## Why
ProFTPD does not treat the mark as whitespace. It becomes part of the first word, so the first
line is read as an unknown directive such as `<BOM>ServerName` and `proftpd -t` refuses the
config ("malformed directive name ... contains non-ASCII characters").

## Example
A file saved by an editor set to "UTF-8 with BOM".

## Fix
Save the file as UTF-8 without a byte-order mark (the fix removes the three bytes)."#,
};
