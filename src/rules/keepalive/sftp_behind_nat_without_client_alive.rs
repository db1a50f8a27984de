//! F007 `sftp-behind-nat-without-client-alive`: mod_sftp is in use behind a NAT timeout without `SFTPClientAlive`.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "F007",
    name: "sftp-behind-nat-without-client-alive",
    severity: Severity::Info,
    proftpd_rejects: false,
    summary: "mod_sftp is in use behind a NAT timeout without `SFTPClientAlive`.",
    explain: r#"## What it does
With `--nat-idle-timeout`, notes SFTP servers without application-level keepalives.

## Why
SSH-level keepalives cross NATs and proxies where TCP probes may not, and also detect dead clients.

## Example
```
SFTPEngine on   # behind a 350 s NAT
```

## Fix
Add e.g. `SFTPClientAlive 3 60` (interval below the NAT timeout)."#,
};
