//! K008 `keepalive-value-wrapped`: A keepalive field too large for 32 bits wraps to another number.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K008",
    name: "keepalive-value-wrapped",
    severity: Severity::Error,
    proftpd_rejects: false,
    summary: "A keepalive field too large for 32 bits wraps to another number.",
    explain: r#"## What it does
Finds fields whose written number does not fit a C `int`.

## Why
ProFTPD keeps only the low 32 bits: `99999999999` becomes 1215752191. The config is accepted but the value is not what was written (and is usually rejected by the kernel).

## Example
```
SocketOptions keepalive 99999999999:9:75
```

## Fix
Write a value that fits, in seconds."#,
};
