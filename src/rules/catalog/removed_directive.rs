//! C004 `removed-directive`: The directive was removed from ProFTPD.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "C004",
    name: "removed-directive",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "The directive was removed from ProFTPD.",
    explain: r#"## What it does
Finds directives that older ProFTPD versions had and current ones no longer know.

## Why
`proftpd -t` stops with "unknown configuration directive" after an upgrade.

## Example
```
DisplayFirstChdir .message
```

## Fix
Use the replacement named in the message, or remove the line."#,
};

use crate::catalog::Directive as Entry;
use crate::diagnostic::{Diagnostic, Span};

use super::Site;

pub fn diagnostic(site: &Site, entry: &Entry) -> Diagnostic {
    let removed = entry
        .removed_in
        .as_ref()
        .map(|v| v.to_string())
        .unwrap_or_default();
    let mut message = format!(
        "`{}` was removed in ProFTPD {removed}: ProFTPD stops with \"unknown configuration directive\"",
        entry.name
    );
    let help = match &entry.replacement {
        Some(replacement) => {
            message.push_str(&format!("; use `{replacement}`"));
            format!("replace it with `{replacement}` (check its syntax)")
        }
        None => "remove the line".to_owned(),
    };
    Diagnostic::new(
        &RULE,
        Span::new(site.file, site.directive.name_word().span()),
        message,
    )
    .with_help(help)
}
