//! K011 `keepalive-idle-aggressive`: Keepalive idle under 60 s with dead-peer detection within minutes kills connections on transient faults.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K011",
    name: "keepalive-idle-aggressive",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "Keepalive idle under 60 s with dead-peer detection within minutes kills connections on transient faults.",
    explain: r#"## What it does
Flags a spec with idle under 60 s whose detection time (idle + count x interval) is under 5 minutes.

## Why
Such settings drop healthy connections during short outages and cost traffic on every idle connection. NAT timeouts are rarely below 60 s.

## Example
```
SocketOptions keepalive 10:3:5
```

## Fix
Lower the idle time in small steps only as far as the NAT needs (e.g. 300 s behind a 350 s NAT), keep count 9 and interval 75."#,
};
