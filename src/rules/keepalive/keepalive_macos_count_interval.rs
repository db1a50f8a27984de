//! K017 `keepalive-macos-count-interval`: On macOS before 10.9 the keepalive count and interval are ignored.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K017",
    name: "keepalive-macos-count-interval",
    severity: Severity::Info,
    proftpd_rejects: false,
    summary: "On macOS before 10.9 the keepalive count and interval are ignored.",
    explain: r#"## What it does
Notes a fine-grained spec when the target is macOS.

## Why
TCP_KEEPINTVL and TCP_KEEPCNT exist only since OS X 10.9; older systems apply only the idle time. Where per-socket values cannot work, set the system-wide keepalive values instead: `proftpd-lint convert --to sysctl` prints them for the target platform.

## Example
```
SocketOptions keepalive 300:9:75
```

## Fix
Nothing on 10.9 or later; on older systems use the sysctls."#,
};
