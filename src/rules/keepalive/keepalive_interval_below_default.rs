//! K010 `keepalive-interval-below-default`: The keepalive interval is below the 75 s default: never shrink the interval.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K010",
    name: "keepalive-interval-below-default",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "The keepalive interval is below the 75 s default: never shrink the interval.",
    explain: r#"## What it does
Flags a keepalive spec whose interval is under 75 seconds.

## Why
ProFTPD's KeepAlives howto: if transfers time out behind a NAT, lower the idle time, then raise the count, and never shrink the interval. Short intervals declare a peer dead after a brief network hiccup and gain nothing against NAT timeouts (only the idle time matters there).

## Example
```
SocketOptions keepalive 300:9:10
```

## Fix
Set the interval back to 75."#,
};
