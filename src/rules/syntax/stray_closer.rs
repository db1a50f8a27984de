//! S012 `stray-closer`: A closing tag has no matching opening tag.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S012",
    name: "stray-closer",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "A closing tag has no matching opening tag.",
    explain: r#"## What it does
Finds closing tags with no open section of that name.

## Why
ProFTPD checks closers against the innermost open context: a stray `</Directory>` fails with
"directive not allowed in server config context". Stray `</IfModule>`, `</IfDefine>`,
`</IfVersion>` and mod_ifsession closers are silently accepted, so they are reported as
warnings: they usually mean a section was closed twice or opened under another name.

## Example
```
</Directory>
```

## Fix
Remove the closer or add the missing opener."#,
};
