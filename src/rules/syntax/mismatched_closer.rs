//! S013 `mismatched-closer`: A closing tag closes a section that is not the innermost open one.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S013",
    name: "mismatched-closer",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "A closing tag closes a section that is not the innermost open one.",
    explain: r#"## What it does
Finds a closer for a section that is open, but with another section still open inside it.

## Why
ProFTPD requires sections to be closed innermost first: `</Anonymous>` while a `<Limit>` is
open fails with "directive not allowed in <Limit> context".

## Example
```
<Anonymous /srv/ftp>
  <Limit WRITE>
    DenyAll
</Anonymous>
```

## Fix
Close the inner section first (`</Limit>`)."#,
};
