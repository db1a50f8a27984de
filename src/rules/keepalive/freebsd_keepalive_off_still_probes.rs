//! K020 `freebsd-keepalive-off-still-probes`: On FreeBSD `keepalive off` does not stop keepalive probes.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K020",
    name: "freebsd-keepalive-off-still-probes",
    severity: Severity::Info,
    proftpd_rejects: false,
    summary: "On FreeBSD `keepalive off` does not stop keepalive probes.",
    explain: r#"## What it does
Notes `keepalive off` when the target is FreeBSD.

## Why
FreeBSD's `net.inet.tcp.always_keepalive` defaults to 1, so every TCP connection is probed whatever SO_KEEPALIVE says. Where per-socket values cannot work, set the system-wide keepalive values instead: `proftpd-lint convert --to sysctl` prints them for the target platform.

## Example
```
SocketOptions keepalive off
```

## Fix
Set `net.inet.tcp.always_keepalive=0` if probes must stop."#,
};
