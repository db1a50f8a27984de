//! S018 `nesting-too-deep`: Sections are nested deeper than proftpd-lint follows.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S018",
    name: "nesting-too-deep",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "Sections are nested deeper than proftpd-lint follows.",
    explain: r#"## What it does
Reports sections nested more than 200 levels deep.

## Why
No real ProFTPD configuration nests that deep; such input is generated or corrupt. To stay
fast and safe, proftpd-lint checks deeper sections as plain lines (their context is not
tracked).

## Example
A generator bug that opens `<Directory>` in a loop.

## Fix
Flatten the configuration."#,
};
