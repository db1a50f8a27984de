//! X002 `unknown-suppression-code`: a suppression names no known rule.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "X002",
    name: "unknown-suppression-code",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A `# proftpd-lint: disable=` comment names a code or rule that does not exist.",
    explain: r#"## What it does
Reports entries of `# proftpd-lint: disable=…` and `disable-file=…` comments
that are neither a rule code (`K001`) nor a rule name (`unknown-directive`),
and comments that start with `proftpd-lint:` but are not a suppression.

## Why
A misspelt code silences nothing, so the finding it was meant for is still
reported, or, worse, the author believes a different one is silenced.

## Example
```
ServerNme ftp # proftpd-lint: disable=C0001
```

## Fix
Use a code listed by `proftpd-lint rules`, such as `C001`, or the rule's
name."#,
};
