//! F001 `sftp-client-alive-invalid`: `SFTPClientAlive` needs two values that are not negative.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "F001",
    name: "sftp-client-alive-invalid",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "`SFTPClientAlive` needs two values that are not negative.",
    explain: r#"## What it does
Parses `SFTPClientAlive count interval` as mod_sftp does.

## Why
mod_sftp refuses fewer than two arguments ("missing parameters") and negative values ("max count '-1' must be equal to or greater than zero"); a value of 2147483648 or more wraps negative.

## Example
```
SFTPClientAlive -1 15
```

## Fix
Write e.g. `SFTPClientAlive 3 15`."#,
};
