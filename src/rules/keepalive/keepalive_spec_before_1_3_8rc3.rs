//! K021 `keepalive-spec-before-1-3-8rc3`: ProFTPD before 1.3.8rc3 never applied `idle:count:interval`.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K021",
    name: "keepalive-spec-before-1-3-8rc3",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "ProFTPD before 1.3.8rc3 never applied `idle:count:interval`.",
    explain: r#"## What it does
Flags a fine-grained spec when the target ProFTPD version is older than 1.3.8rc3.

## Why
Older versions set the values at the wrong socket level (Issue #1401) and not on the control connection (Issue #1402), so only the system defaults apply. Where per-socket values cannot work, set the system-wide keepalive values instead: `proftpd-lint convert --to sysctl` prints them for the target platform.

## Example
```
SocketOptions keepalive 300:9:75   # ProFTPD 1.3.7
```

## Fix
Upgrade ProFTPD or use the system-wide settings."#,
};
