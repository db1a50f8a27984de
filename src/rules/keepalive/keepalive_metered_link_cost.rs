//! K013 `keepalive-metered-link-cost`: On a metered link, a keepalive idle below the system default costs traffic on every idle connection.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K013",
    name: "keepalive-metered-link-cost",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "On a metered link, a keepalive idle below the system default costs traffic on every idle connection.",
    explain: r#"## What it does
With `--link metered`, flags an idle time below the platform default and states the bytes per idle connection per day and per month.

## Why
A healthy idle connection exchanges one probe and one ACK every idle period. On satellite or cellular tariffs that traffic is billed.

## Example
```
SocketOptions keepalive 30:9:75   # with --link metered
```

## Fix
Use the longest idle time the path allows."#,
};
