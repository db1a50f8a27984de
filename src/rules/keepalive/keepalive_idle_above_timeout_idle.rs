//! T005 `keepalive-idle-above-timeout-idle`: The keepalive idle is not below TimeoutIdle: probes matter only during transfers.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "T005",
    name: "keepalive-idle-above-timeout-idle",
    severity: Severity::Info,
    proftpd_rejects: false,
    summary: "The keepalive idle is not below TimeoutIdle: probes matter only during transfers.",
    explain: r#"## What it does
Compares the keepalive idle (as the kernel applies it) with TimeoutIdle.

## Why
Keepalive probes carry no data and never reset ProFTPD's timers. A fully idle session is closed by TimeoutIdle before the first probe; the keepalive only protects the control connection during long transfers. That may be intended.

## Example
```
TimeoutIdle 300
SocketOptions keepalive 600:9:75
```

## Fix
Nothing if intended; otherwise lower the idle time below TimeoutIdle."#,
};
