//! X001 `unused-suppression`: a suppression comment that suppresses nothing.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "X001",
    name: "unused-suppression",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A `# proftpd-lint: disable=` comment suppresses nothing.",
    explain: r#"## What it does
Reports a code in a `# proftpd-lint: disable=…` or `disable-file=…` comment
when no finding with that code was silenced by it.

## Why
A stale suppression outlives the problem it was written for. Later, when the
same problem comes back on that line, nobody is told about it.

## Example
```
# proftpd-lint: disable=C005
ServerName "ftp.example.com"
```
`ServerName` is not deprecated, so the comment does nothing.

## Fix
Delete the comment, or the code that no longer applies. `--fix` does this
(the fix is safe: a comment never changes what ProFTPD reads)."#,
};
