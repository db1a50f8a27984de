//! S005 `backslash-before-crlf`: A backslash before a CRLF line ending does not continue the line in ProFTPD.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S005",
    name: "backslash-before-crlf",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A backslash before a CRLF line ending does not continue the line in ProFTPD.",
    explain: r#"## What it does
Finds a trailing `\` on a line that ends in `\r\n` (Windows line endings).

## Why
ProFTPD only joins lines when the backslash is immediately before `\n`. With CRLF the byte
before `\n` is `\r`, so the backslash stays in the last argument and the next line is parsed
as a directive of its own.

## Example
```
SFTPCiphers aes256-ctr \<CR><LF>
  aes128-ctr<CR><LF>
```

## Fix
Convert the file to Unix (LF) line endings, or put the whole directive on one line."#,
};
