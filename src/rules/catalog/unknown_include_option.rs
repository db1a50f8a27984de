//! C008 `unknown-include-option`: IncludeOptions only knows AllowSymlinks, IgnoreTempFiles and IgnoreWildcards (case-sensitive).

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "C008",
    name: "unknown-include-option",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "IncludeOptions only knows AllowSymlinks, IgnoreTempFiles and IgnoreWildcards (case-sensitive).",
    explain: r#"## What it does
Checks the words of `IncludeOptions`.

## Why
ProFTPD compares them case-sensitively and stops with "unknown IncludeOption" otherwise. Note
that each IncludeOptions line replaces the previous one.

## Example
```
IncludeOptions allowsymlinks
```

## Fix
Use `AllowSymlinks`, `IgnoreTempFiles` or `IgnoreWildcards`, spelt exactly so."#,
};

use crate::diagnostic::{Diagnostic, Span};

use super::Site;

const OPTIONS: [&str; 3] = ["AllowSymlinks", "IgnoreTempFiles", "IgnoreWildcards"];

pub fn check(site: &Site, unexpanded: bool, out: &mut Vec<Diagnostic>) {
    let unknown = |w: &crate::syntax::Word| {
        (!unexpanded || w.env_refs().is_empty()) && !OPTIONS.contains(&w.value())
    };
    if let Some(word) = site.directive.args().iter().find(unknown) {
        let close = OPTIONS
            .iter()
            .find(|o| o.eq_ignore_ascii_case(word.value()));
        out.push(
            Diagnostic::new(
                &RULE,
                Span::new(site.file, word.span()),
                format!("IncludeOptions: unknown IncludeOption '{}'", word.value()),
            )
            .with_help(match close {
                Some(o) => format!("options are case-sensitive: write `{o}`"),
                None => "use AllowSymlinks, IgnoreTempFiles or IgnoreWildcards".to_owned(),
            }),
        );
    }
}
