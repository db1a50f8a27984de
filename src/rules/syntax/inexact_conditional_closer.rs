//! S016 `inexact-conditional-closer`: ProFTPD does not recognise this closer when it skips a false conditional block.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S016",
    name: "inexact-conditional-closer",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "ProFTPD does not recognise this closer when it skips a false conditional block.",
    explain: r#"## What it does
Finds `</IfModule>`, `</IfDefine>` or `</IfVersion>` lines with anything else on them (a
comment, trailing blanks, a space before `>`).

## Why
When the condition is false ProFTPD skips lines by comparing the raw text with exactly
`</IfModule>`. `</IfModule> # tls` does not match, so skipping goes on past it, swallowing the
directives that follow, and fails with "unclosed <IfModule> context" at the end of the file
if nothing else closes it (then this is an error). When the condition holds, the line works,
which hides the problem.

## Example
```
<IfModule mod_tls.c>
  TLSEngine on
</IfModule> # end of TLS
```

## Fix
Put the closer alone on its line: `</IfModule>` (safe fix)."#,
};
