//! K001 `socket-options-odd-arguments`: `SocketOptions` takes key/value pairs; an odd number of arguments is refused.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K001",
    name: "socket-options-odd-arguments",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "`SocketOptions` takes key/value pairs; an odd number of arguments is refused.",
    explain: r#"## What it does
Counts the arguments of every `SocketOptions` line.

## Why
ProFTPD reads the arguments two at a time and refuses a line with a key and no value ("bad number of parameters") before looking at anything else.

## Example
```
SocketOptions keepalive
```

## Fix
Give every key its value, e.g. `SocketOptions keepalive on`."#,
};
