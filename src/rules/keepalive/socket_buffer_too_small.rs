//! K005 `socket-buffer-too-small`: `rcvbuf`/`sndbuf` below 1024 (or written with a suffix) and negative `maxseg` are refused.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K005",
    name: "socket-buffer-too-small",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "`rcvbuf`/`sndbuf` below 1024 (or written with a suffix) and negative `maxseg` are refused.",
    explain: r#"## What it does
Reads the numeric `SocketOptions` values as ProFTPD does.

## Why
`rcvbuf` and `sndbuf` must be at least 1024 bytes and `maxseg` must not be negative. Suffixes are not understood: `32k` reads as 32, which is refused.

## Example
```
SocketOptions rcvbuf 32k
```

## Fix
Write the size in bytes, e.g. `rcvbuf 32768`."#,
};
