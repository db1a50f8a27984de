//! K016 `keepalive-spec-ignored-openbsd`: OpenBSD has no per-socket keepalive tuning: the spec acts as `keepalive on`.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K016",
    name: "keepalive-spec-ignored-openbsd",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "OpenBSD has no per-socket keepalive tuning: the spec acts as `keepalive on`.",
    explain: r#"## What it does
Flags a fine-grained keepalive value when the target is OpenBSD.

## Why
ProFTPD built on OpenBSD lacks the TCP_KEEP* options, accepts any keepalive text without checking it and just turns keepalive on. Where per-socket values cannot work, set the system-wide keepalive values instead: `proftpd-lint convert --to sysctl` prints them for the target platform.

## Example
```
SocketOptions keepalive 300:9:75
```

## Fix
Use `keepalive on` and set `net.inet.tcp.keepidle`/`keepintvl` with sysctl."#,
};
