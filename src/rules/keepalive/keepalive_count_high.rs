//! K012 `keepalive-count-high`: The keepalive probe count is far above the usual 9.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K012",
    name: "keepalive-count-high",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "The keepalive probe count is far above the usual 9.",
    explain: r#"## What it does
Flags a count above 15.

## Why
Every extra probe delays dead-peer detection by one interval while the session holds its resources; the howto's advice is to raise the count one at a time.

## Example
```
SocketOptions keepalive 300:100:75
```

## Fix
Use a count close to 9."#,
};
