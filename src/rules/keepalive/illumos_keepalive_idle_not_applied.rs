//! K019 `illumos-keepalive-idle-not-applied`: On illumos and Solaris the keepalive idle time is never applied.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K019",
    name: "illumos-keepalive-idle-not-applied",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "On illumos and Solaris the keepalive idle time is never applied.",
    explain: r#"## What it does
Flags a fine-grained spec when the target is illumos or Solaris.

## Why
ProFTPD sets the idle time with the TCP_KEEPALIVE option whenever that macro exists; illumos and Solaris define it but do not implement it, so the call fails and the 2 h default stays. Where per-socket values cannot work, set the system-wide keepalive values instead: `proftpd-lint convert --to sysctl` prints them for the target platform.

## Example
```
SocketOptions keepalive 300:9:75
```

## Fix
Set `_keepalive_interval` with ipadm."#,
};
