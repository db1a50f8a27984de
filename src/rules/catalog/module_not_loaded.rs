//! C006 `module-not-loaded`: The directive's module is not part of the server unless loaded, and nothing loads or guards it.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "C006",
    name: "module-not-loaded",
    severity: Severity::Warning,
    proftpd_rejects: true,
    summary: "The directive's module is not part of the server unless loaded, and nothing loads or guards it.",
    explain: r#"## What it does
Finds directives of modules that are not compiled into the target server (by default Debian's
1.3.8 static build) when no `LoadModule` earlier in the config loads the module and no
`<IfModule mod_x.c>` guards the line.

## Why
On a server without the module ProFTPD stops with "unknown configuration directive". This is
the most common breakage after upgrades or when moving a config between distributions
(`IdentLookups` without mod_ident).

## Example
```
IdentLookups off
```

## Fix
Wrap the lines in `<IfModule mod_ident.c>` ... `</IfModule>`, or add `LoadModule mod_ident.c`
before them."#,
};

use crate::catalog::Directive as Entry;
use crate::diagnostic::{Diagnostic, Span};
use crate::rules::context::LintContext;

use super::Site;

pub fn diagnostic(ctx: &LintContext, site: &Site, entry: &Entry) -> Option<Diagnostic> {
    let module = &entry.module;
    if site.guarded_by(module) {
        return None;
    }
    let later = ctx
        .eval
        .load_module_at
        .get(module)
        .filter(|_| !site.loaded.contains(module));
    let mut diag = Diagnostic::new(
        &RULE,
        Span::new(site.file, site.directive.name_word().span()),
        format!(
            "`{}` comes from {module}, which is not compiled in and not loaded before this line: ProFTPD stops with \"unknown configuration directive\"",
            entry.name
        ),
    )
    .with_help(format!("wrap it in `<IfModule {module}>` or add `LoadModule {module}` before it"));
    if let Some(&(file, offset)) = later {
        diag = diag.with_label(
            Span::new(file, offset..offset),
            "the module is loaded only later, here",
        );
    }
    Some(diag)
}
