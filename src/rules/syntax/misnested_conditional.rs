//! S015 `misnested-conditional`: A conditional section and a section inside it are closed out of order.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S015",
    name: "misnested-conditional",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A conditional section and a section inside it are closed out of order.",
    explain: r#"## What it does
Finds `<IfModule>`, `<IfDefine>` or `<IfVersion>` blocks that overlap other sections instead of
nesting, e.g. `<IfModule ...><Directory ...></IfModule></Directory>`.

## Why
ProFTPD does not track conditionals as contexts, so it may accept this when the condition holds,
but when the condition is false it skips text up to the conditional's closer and the sections
no longer balance. Readers cannot tell what belongs to what.

## Example
```
<IfModule mod_tls.c>
<Directory /srv>
</IfModule>
</Directory>
```

## Fix
Close the inner section before the conditional."#,
};
