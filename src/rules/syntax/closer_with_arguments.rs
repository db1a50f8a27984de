//! S014 `closer-with-arguments`: A closing tag has arguments, which ProFTPD rejects.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S014",
    name: "closer-with-arguments",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "A closing tag has arguments, which ProFTPD rejects.",
    explain: r#"## What it does
Finds closing tags with arguments, such as `</IfModule mod_tls.c>`.

## Why
Closers take no arguments: `</IfModule mod_xfer.c>` fails with "wrong number of parameters"
when the block is read, and when the block is skipped the closer is not recognised at all, so
ProFTPD reports an unclosed section. Only `</IfDefine ...>`, `</IfVersion ...>` and the
mod_ifsession closers tolerate arguments (reported as a warning).

## Example
```
<IfModule mod_tls.c>
  TLSEngine on
</IfModule mod_tls.c>
```

## Fix
Remove the arguments: `</IfModule>` (safe fix)."#,
};
