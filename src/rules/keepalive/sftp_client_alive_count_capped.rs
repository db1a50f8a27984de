//! F004 `sftp-client-alive-count-capped`: An `SFTPClientAlive` count of 3 or more behaves as 4 intervals.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "F004",
    name: "sftp-client-alive-count-capped",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "An `SFTPClientAlive` count of 3 or more behaves as 4 intervals.",
    explain: r#"## What it does
Flags counts of 3 and more and states when an unresponsive client is really dropped.

## Why
mod_sftp's polling gives up after 3 consecutive timeouts (a hard-coded limit), so any count of 3 or more drops an unresponsive client after 4 intervals - not after count x interval as the docs suggest. Count 3 is reported as info, higher counts as warnings because they have no effect.

## Example
```
SFTPClientAlive 10 15
```

## Fix
Use a count of at most 3 and pick the interval for the wanted time."#,
};
