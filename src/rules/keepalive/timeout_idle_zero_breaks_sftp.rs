//! F006 `timeout-idle-zero-breaks-sftp`: `TimeoutIdle 0` with mod_sftp breaks SSH key exchange before ProFTPD 1.3.9a.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "F006",
    name: "timeout-idle-zero-breaks-sftp",
    severity: Severity::Error,
    proftpd_rejects: false,
    summary: "`TimeoutIdle 0` with mod_sftp breaks SSH key exchange before ProFTPD 1.3.9a.",
    explain: r#"## What it does
Flags `TimeoutIdle 0` on a server with `SFTPEngine on` when the target version is older than 1.3.9a.

## Why
mod_sftp uses TimeoutIdle as its poll timeout; 0 makes every poll time out immediately and sessions die during key exchange (Issue #1985, fixed in 1.3.9a).

## Example
```
SFTPEngine on
TimeoutIdle 0
```

## Fix
Set a non-zero TimeoutIdle or upgrade."#,
};
