//! I008 `include-error-ignored`: ProFTPD 1.3.8 downgrades an error in an included file to a warning and silently drops configuration.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "I008",
    name: "include-error-ignored",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "ProFTPD 1.3.8 downgrades an error in an included file to a warning and silently drops configuration.",
    explain: r#"## What it does
Points at the Include line whose file contains an error that ProFTPD would otherwise refuse.

## Why
In ProFTPD 1.3.8 a fatal error inside a file named by `Include` is logged only as "unable to
include", `proftpd -t` still succeeds, and **the rest of the including file is never read**.
For a directory or wildcard Include the broken file is skipped and the others are read (1.3.9
makes both cases fatal). The server starts with part of its configuration missing.

## Example
`Include /etc/proftpd/tls.conf` where tls.conf has `TLSOptions NoCertRequest`.

## Fix
Fix the error in the included file."#,
};
