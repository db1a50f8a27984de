//! S006 `continuation-into-comment`: A continued line runs into a comment line, which ends the directive there.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S006",
    name: "continuation-into-comment",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A continued line runs into a comment line, which ends the directive there.",
    explain: r#"## What it does
Finds a backslash continuation whose next line is a comment that does not itself end in `\`.

## Why
ProFTPD appends the comment line to the directive; the `#` then starts an inline comment, so
every line after it that was meant to belong to the directive is parsed as a new directive.
(A comment line that ends in `\` is dropped instead, and the continuation goes on.)

## Example
```
SFTPCiphers aes256-ctr \
  # aes192-ctr
  aes128-ctr
```

## Fix
Remove the comment line, or end it with a backslash too."#,
};
