//! S007 `dropped-comment-in-continuation`: A comment line ending in a backslash inside a continuation is dropped by ProFTPD.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S007",
    name: "dropped-comment-in-continuation",
    severity: Severity::Info,
    proftpd_rejects: false,
    summary: "A comment line ending in a backslash inside a continuation is dropped by ProFTPD.",
    explain: r#"## What it does
Points out comment lines inside a backslash continuation that ProFTPD throws away.

## Why
This works, but only because the comment line itself ends in `\`; editing that backslash
away changes the directive (see `continuation-into-comment`).

## Example
```
SFTPCiphers aes256-ctr \
  # aes192-ctr \
  aes128-ctr
```

## Fix
Nothing is required. Consider moving the comment above the directive."#,
};
