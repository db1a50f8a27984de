//! T003 `timeout-value-misread`: A `Timeout*` value ProFTPD reads differently from how it looks (`1.5h` is 1 h, `10ms` is 10 s).

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "T003",
    name: "timeout-value-misread",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A `Timeout*` value ProFTPD reads differently from how it looks (`1.5h` is 1 h, `10ms` is 10 s).",
    explain: r#"## What it does
Finds fractions, unknown suffixes, ignored text and clock fields of 60 or more.

## Why
ProFTPD's duration parser reads the leading integer and checks only the last letters: `1.5h` is one hour, `10ms` is ten seconds, `5hrs` is five seconds.

## Example
```
TimeoutIdle 1.5h
```

## Fix
Write whole seconds, e.g. `TimeoutIdle 5400`."#,
};
