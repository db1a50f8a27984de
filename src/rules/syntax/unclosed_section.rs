//! S011 `unclosed-section`: A section is never closed.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S011",
    name: "unclosed-section",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "A section is never closed.",
    explain: r#"## What it does
Finds sections with no closing tag before the end of the file.

## Why
For `<VirtualHost>`, `<Global>`, `<Directory>`, `<Anonymous>`, `<Limit>`, `<Class>` and
`<IfUser>`-style sections ProFTPD fails with "unclosed configuration section" (without a line
number, which makes it hard to find). A false `<IfModule>`/`<IfDefine>`/`<IfVersion>` block
that is never closed fails too ("unclosed <IfModule> context"), but a true one is silently
accepted, so its extent is ambiguous (reported as a warning).

## Example
```
<Directory /srv/ftp>
  AllowOverwrite on
```

## Fix
Add the closing tag (`</Directory>`) where the section ends."#,
};
