//! C001 `unknown-directive`: ProFTPD does not know this directive.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "C001",
    name: "unknown-directive",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "ProFTPD does not know this directive.",
    explain: r#"## What it does
Finds directive names that no ProFTPD module (core or contrib, 1.3.8 to 1.3.10) defines, and
suggests up to four close names, scored the way ProFTPD's own "Did you mean" does.

## Why
`proftpd -t` stops with "unknown configuration directive". Typos are common, and ProFTPD's own
documentation once showed `SocketOption` (singular) for `SocketOptions`.

## Example
```
SocketOption keepalive 7200:9:75
```

## Fix
Use the suggested name (offered as an unsafe fix: check it is the directive you meant). A
directive of a third-party module (mod_vroot, mod_clamav...) is reported as a warning when the
config loads a module proftpd-lint does not know."#,
};

use crate::catalog;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Span};

use super::Site;

const MAX_SUGGESTIBLE_LEN: usize = 64;

pub fn diagnostic(site: &Site) -> Diagnostic {
    let directive = site.directive;
    let name = directive.name();
    let span = Span::new(site.file, directive.name_word().span());
    // Directive names are short; scoring a long word against ~500 names is
    // quadratic work for no useful suggestion.
    let candidates = if name.len() <= MAX_SUGGESTIBLE_LEN {
        catalog::catalog().similar(name, 4)
    } else {
        Vec::new()
    };
    let suggestions: Vec<String> = candidates
        .into_iter()
        .filter(|d| !d.is_removed())
        .map(|d| d.name.clone())
        .collect();
    let non_ascii = name.bytes().any(|b| !b.is_ascii());
    let mut message = format!("unknown configuration directive '{name}'");
    if non_ascii {
        message.push_str(" (its name contains non-ASCII characters)");
    }
    let mut diag = Diagnostic::new(&RULE, span.clone(), message);
    if let Some(module) = site.foreign_modules.first() {
        diag = diag.with_severity(Severity::Warning).rejects(false);
        diag.message = format!(
            "'{name}' is not a directive of any ProFTPD module proftpd-lint knows; it may belong to {module}, which this config loads"
        );
    }
    match suggestions.first() {
        Some(best) => {
            let help = if suggestions.len() == 1 {
                format!("did you mean `{best}`?")
            } else {
                format!("did you mean one of: {}?", suggestions.join(", "))
            };
            diag.with_help(help).with_fix(Fix {
                message: format!("replace with `{best}`"),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    span,
                    replacement: best.clone(),
                }],
            })
        }
        None => diag.with_help("check the spelling, or remove the line"),
    }
}
