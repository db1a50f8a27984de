//! S010 `malformed-section-tag`: A word starting with `<` is not a well-formed `<Section ...>` tag.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "S010",
    name: "malformed-section-tag",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "A word starting with `<` is not a well-formed `<Section ...>` tag.",
    explain: r#"## What it does
Finds section tags ProFTPD cannot recognise: a missing `>`, a space after `<`, an empty name.

## Why
ProFTPD only recognises a section when the last word ends with `>`. `<Directory /tmp` is read
as the unknown directive `<Directory`, and `< Directory /tmp>` as `<>`: `proftpd -t` refuses both.

## Example
```
<Directory /srv/ftp
```

## Fix
Write the tag as `<Name arguments>` with `>` at the end of the line."#,
};
