//! S002 `invalid-utf8`: The file contains bytes that are not valid UTF-8.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S002",
    name: "invalid-utf8",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "The file contains bytes that are not valid UTF-8.",
    explain: r#"## What it does
Reports the first byte sequence that is not valid UTF-8 (and how many there are).

## Why
ProFTPD compares bytes, so it accepts such files, but a Latin-1 path or name in a UTF-8 config
usually means the file was edited with the wrong encoding and paths will not match on disk.
proftpd-lint shows the bytes as `?`.

## Example
`DefaultRoot /srv/caf\xe9` written by a Latin-1 editor.

## Fix
Re-encode the file as UTF-8 and check the affected paths and names."#,
};
