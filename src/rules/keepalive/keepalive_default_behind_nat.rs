//! K015 `keepalive-default-behind-nat`: Behind a NAT timeout, keepalive is off or left at the system default idle (2 h).

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K015",
    name: "keepalive-default-behind-nat",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "Behind a NAT timeout, keepalive is off or left at the system default idle (2 h).",
    explain: r#"## What it does
With `--nat-idle-timeout`, flags servers whose control connections send no probe before the NAT timeout because keepalive is off or untuned.

## Why
With the default 7200 s idle, no probe goes out for two hours; any NAT with a shorter idle timeout drops a control connection that is silent during a long transfer.

## Example
```
SocketOptions keepalive off   # behind a 350 s NAT
```

## Fix
Add `SocketOptions keepalive IDLE:9:75` with IDLE below the NAT timeout."#,
};
