//! T004 `timeout-value-wrapped`: A `Timeout*` value too large for 32 bits wraps (possibly to a negative time).

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "T004",
    name: "timeout-value-wrapped",
    severity: Severity::Error,
    proftpd_rejects: false,
    summary: "A `Timeout*` value too large for 32 bits wraps (possibly to a negative time).",
    explain: r#"## What it does
Finds durations whose seconds do not fit a C `int`.

## Why
ProFTPD does not check the multiplication: `999999h` wraps to a negative number and `99999999999` to 1215752191. The config is accepted with a nonsensical timeout.

## Example
```
TimeoutIdle 999999h
```

## Fix
Write a sensible value, or 0 to disable the timeout."#,
};
