//! T006 `no-transfer-before-idle`: TimeoutNoTransfer fires before TimeoutIdle.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "T006",
    name: "no-transfer-before-idle",
    severity: Severity::Info,
    proftpd_rejects: false,
    summary: "TimeoutNoTransfer fires before TimeoutIdle.",
    explain: r#"## What it does
Compares the two timeouts when at least one is set.

## Why
A logged-in session that does not transfer anything is closed by TimeoutNoTransfer, so the longer TimeoutIdle never takes effect - a common surprise with Debian's 600/1200 pair.

## Example
```
TimeoutNoTransfer 600
TimeoutIdle 1200
```

## Fix
Make TimeoutNoTransfer at least TimeoutIdle, or lower TimeoutIdle."#,
};
