//! K006 `reuseport-not-boolean`: `reuseport` takes only a boolean.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K006",
    name: "reuseport-not-boolean",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "`reuseport` takes only a boolean.",
    explain: r#"## What it does
Checks the value of `reuseport`.

## Why
ProFTPD accepts only on/off/yes/no/true/false/1/0 and refuses anything else ("reuseport must have Boolean parameter").

## Example
```
SocketOptions reuseport enabled
```

## Fix
Write `reuseport on` or `reuseport off`."#,
};
