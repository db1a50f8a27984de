//! F002 `sftp-client-alive-misread`: `SFTPClientAlive` ignores text after the numbers (`3 15s` is 3 and 15) and extra arguments.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "F002",
    name: "sftp-client-alive-misread",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "`SFTPClientAlive` ignores text after the numbers (`3 15s` is 3 and 15) and extra arguments.",
    explain: r#"## What it does
Finds trailing text, wrapped numbers and extra arguments.

## Why
mod_sftp reads both values with `atoi`: `15s` is 15 seconds but `1m` is 1 second, and anything after the second argument is ignored.

## Example
```
SFTPClientAlive 3 1m
```

## Fix
Write plain numbers: `SFTPClientAlive 3 60`."#,
};
