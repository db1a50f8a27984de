//! I002 `include-not-found`: An included file or directory does not exist or cannot be read.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "I002",
    name: "include-not-found",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "An included file or directory does not exist or cannot be read.",
    explain: r#"## What it does
Reports Include paths that cannot be read.

## Why
ProFTPD only warns ("unable to include ...") and starts without those settings.

## Example
`Include /etc/proftpd/tls.conf` when the file was never installed.

## Fix
Create the file, fix the path, or remove the Include. In CI, lint with `--root` pointing at the
checked-out tree, or `--no-includes`."#,
};
