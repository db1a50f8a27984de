//! I003 `include-cycle`: Files include each other in a loop; ProFTPD crashes on it.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "I003",
    name: "include-cycle",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "Files include each other in a loop; ProFTPD crashes on it.",
    explain: r#"## What it does
Finds an Include that names a file already being read (directly or through other files).

## Why
ProFTPD has no guard: a file that includes itself makes `proftpd -t` crash with a segmentation
fault. proftpd-lint reports the loop and goes on.

## Example
`/etc/proftpd/proftpd.conf` containing `Include /etc/proftpd/*.conf`.

## Fix
Move the included files to their own directory (`conf.d/`) or narrow the glob."#,
};
