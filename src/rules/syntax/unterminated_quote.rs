//! S004 `unterminated-quote`: A double quote is never closed; ProFTPD takes the rest of the line as one argument.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S004",
    name: "unterminated-quote",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A double quote is never closed; ProFTPD takes the rest of the line as one argument.",
    explain: r#"## What it does
Finds an argument that starts with `"` but has no closing quote.

## Why
ProFTPD does not report this: the quoted word silently runs to the end of the line, swallowing
the other arguments (and any `#` comment) into one value.

## Example
```
SQLNamedQuery get-user SELECT "userid, passwd FROM users
```

## Fix
Close the quote where the value ends."#,
};
