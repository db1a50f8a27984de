//! F003 `sftp-client-alive-count-zero`: `SFTPClientAlive 0 N` disconnects healthy idle clients after N seconds.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "F003",
    name: "sftp-client-alive-count-zero",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "`SFTPClientAlive 0 N` disconnects healthy idle clients after N seconds.",
    explain: r#"## What it does
Flags a count of 0 with a non-zero interval.

## Why
With count 0 the first quiet interval already exceeds the threshold: mod_sftp disconnects without sending a single probe, even when the client is fine.

## Example
```
SFTPClientAlive 0 60
```

## Fix
Use a count of 1-3, e.g. `SFTPClientAlive 3 15`."#,
};
