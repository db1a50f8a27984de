//! K004 `keepalive-field-below-one`: Each field of a keepalive spec must be at least 1.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K004",
    name: "keepalive-field-below-one",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "Each field of a keepalive spec must be at least 1.",
    explain: r#"## What it does
Reads each field of `idle:count:interval` the way ProFTPD does (`atoi`) and checks it is 1 or more.

## Why
ProFTPD refuses a field below 1 ("idle time '0' cannot be less than 1"). Text that is not a number reads as 0, and a number of 2147483648 or more can wrap to a negative value.

## Example
```
SocketOptions keepalive 7200:0:75
```

## Fix
Use positive whole seconds and counts."#,
};
