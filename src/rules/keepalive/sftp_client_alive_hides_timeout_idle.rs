//! F005 `sftp-client-alive-hides-timeout-idle`: An `SFTPClientAlive` interval below TimeoutIdle means responsive idle SFTP sessions never time out.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "F005",
    name: "sftp-client-alive-hides-timeout-idle",
    severity: Severity::Info,
    proftpd_rejects: false,
    summary: "An `SFTPClientAlive` interval below TimeoutIdle means responsive idle SFTP sessions never time out.",
    explain: r#"## What it does
Compares the client-alive interval with TimeoutIdle.

## Why
Every SSH packet resets TimeoutIdle, including the replies to client-alive probes, so an idle but responsive SFTP client is never idle-timed-out.

## Example
```
TimeoutIdle 600
SFTPClientAlive 3 15
```

## Fix
Accept it, or bound sessions with TimeoutSession."#,
};
