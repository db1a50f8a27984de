//! C005 `deprecated-directive`: The directive is deprecated; ProFTPD still accepts it.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "C005",
    name: "deprecated-directive",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "The directive is deprecated; ProFTPD still accepts it.",
    explain: r#"## What it does
Finds directives ProFTPD still accepts but has deprecated.

## Why
They may do nothing any more, and a later release will refuse them.

## Example
```
MultilineRFC2228 on
```

## Fix
Use the replacement named in the message, or remove the line."#,
};

use crate::catalog::Directive as Entry;
use crate::diagnostic::{Diagnostic, Span};

use super::Site;

pub fn diagnostic(site: &Site, entry: &Entry) -> Option<Diagnostic> {
    let since = entry.deprecated_in.as_ref()?;
    let help = match &entry.replacement {
        Some(r) => format!("use `{r}` instead"),
        None => "remove the line".to_owned(),
    };
    Some(
        Diagnostic::new(
            &RULE,
            Span::new(site.file, site.directive.name_word().span()),
            format!("`{}` is deprecated since ProFTPD {since}; ProFTPD still accepts it but logs a warning", entry.name),
        )
        .with_help(help),
    )
}
