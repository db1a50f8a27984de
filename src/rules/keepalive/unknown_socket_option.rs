//! K002 `unknown-socket-option`: `SocketOptions` knows only maxseg, rcvbuf, sndbuf, keepalive and reuseport.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K002",
    name: "unknown-socket-option",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "`SocketOptions` knows only maxseg, rcvbuf, sndbuf, keepalive and reuseport.",
    explain: r#"## What it does
Checks every key of a `SocketOptions` line.

## Why
Any other key (for example `nodelay`) makes ProFTPD refuse the config with "unknown socket option".

## Example
```
SocketOptions nodelay on
```

## Fix
Remove the pair or use one of the five known keys (case does not matter)."#,
};
