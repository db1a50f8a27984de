//! I001 `relative-include`: Include needs an absolute path.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "I001",
    name: "relative-include",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "Include needs an absolute path.",
    explain: r#"## What it does
Finds `Include` directives whose path does not start with `/`.

## Why
ProFTPD resolves nothing relative to the config file: `Include conf.d/x.conf` fails with
"unable to use path for configuration file".

## Example
`Include conf.d/*.conf`

## Fix
Write the absolute path (`Include /etc/proftpd/conf.d/*.conf`). When linting a copy of
`/etc` kept in a repository, use `--root DIR` to resolve absolute paths under DIR."#,
};
