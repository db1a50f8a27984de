//! K009 `socket-option-trailing-text`: Text after a number in `SocketOptions` is silently ignored (`2h:9:75` is 2 seconds).

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K009",
    name: "socket-option-trailing-text",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "Text after a number in `SocketOptions` is silently ignored (`2h:9:75` is 2 seconds).",
    explain: r#"## What it does
Finds numeric `SocketOptions` values with text after the digits, including extra `:` fields.

## Why
ProFTPD reads numbers with `atoi`, which stops at the first non-digit. `keepalive 2h:9:75` asks for a first probe after 2 **seconds**, and `7200:9:75:3` ignores the `:3`.

## Example
```
SocketOptions keepalive 2h:9:75
```

## Fix
Write plain seconds: `keepalive 7200:9:75`."#,
};
