//! K018 `dragonfly-keepalive-x1000`: ProFTPD multiplies keepalive idle and interval by 1000 on DragonFly BSD.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K018",
    name: "dragonfly-keepalive-x1000",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "ProFTPD multiplies keepalive idle and interval by 1000 on DragonFly BSD.",
    explain: r#"## What it does
Flags a fine-grained spec when the target is DragonFly BSD.

## Why
ProFTPD still converts to milliseconds on DragonFly, but since 5.8 the kernel takes seconds, so `300` becomes 300000 s (3 days 11 h). Where per-socket values cannot work, set the system-wide keepalive values instead: `proftpd-lint convert --to sysctl` prints them for the target platform.

## Example
```
SocketOptions keepalive 300:9:75
```

## Fix
Use `keepalive on` with system-wide values, or patch ProFTPD."#,
};
