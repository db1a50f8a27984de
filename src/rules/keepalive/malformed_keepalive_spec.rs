//! K003 `malformed-keepalive-spec`: A `keepalive` value must be a boolean or `idle:count:interval`.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K003",
    name: "malformed-keepalive-spec",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "A `keepalive` value must be a boolean or `idle:count:interval`.",
    explain: r#"## What it does
Checks that a non-boolean `keepalive` value has two colons.

## Why
ProFTPD looks for two `:` separators; without them (`keepalive 60`, `keepalive maybe`, `keepalive 7200:9`) it refuses the config with "badly formatted TCP keepalive spec".

## Example
```
SocketOptions keepalive 7200:9
```

## Fix
Write all three fields, e.g. `keepalive 7200:9:75`, or `on`/`off`."#,
};
