//! I004 `include-special-file`: An Include reaches a FIFO, socket or device, which ProFTPD would try to read.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "I004",
    name: "include-special-file",
    severity: Severity::Error,
    proftpd_rejects: false,
    summary: "An Include reaches a FIFO, socket or device, which ProFTPD would try to read.",
    explain: r#"## What it does
Finds included paths that are not regular files or directories.

## Why
Opening a FIFO blocks until a writer appears: ProFTPD hangs at start-up.

## Example
`Include /etc/proftpd/conf.d/` where the directory contains a named pipe.

## Fix
Remove the special file from the included directory or narrow the Include."#,
};
