//! T001 `bad-timeout-value`: A `Timeout*` value ProFTPD cannot parse.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "T001",
    name: "bad-timeout-value",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "A `Timeout*` value ProFTPD cannot parse.",
    explain: r#"## What it does
Parses TimeoutIdle, TimeoutNoTransfer, TimeoutStalled, TimeoutLogin, TimeoutLinger and TimeoutSession values like ProFTPD's duration parser.

## Why
ProFTPD accepts `N`, `Ns`, `Nm`, `Nh` (and `sec`/`min`/`hr`) or `HH:MM:SS`. Anything else, a negative value or a missing value makes it refuse the config.

## Example
```
TimeoutIdle 10 minutes
```

## Fix
Write e.g. `TimeoutIdle 600` or `TimeoutIdle 10m`."#,
};
