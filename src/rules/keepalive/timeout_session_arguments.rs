//! T002 `timeout-session-arguments`: `TimeoutSession` takes one argument, or three with a user/group/class classifier.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "T002",
    name: "timeout-session-arguments",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "`TimeoutSession` takes one argument, or three with a user/group/class classifier.",
    explain: r#"## What it does
Checks the argument count and classifier of `TimeoutSession`.

## Why
Two or four arguments give "missing parameters"; a classifier other than user, group or class gives "unknown classifier used" (except when the value is 0, which ProFTPD accepts without looking).

## Example
```
TimeoutSession 3600 host 10.0.0.1
```

## Fix
Use `TimeoutSession 3600` or `TimeoutSession 3600 class internal`."#,
};
