//! C002 `wrong-context`: The directive is not allowed in this section.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "C002",
    name: "wrong-context",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "The directive is not allowed in this section.",
    explain: r#"## What it does
Checks each directive against the contexts its ProFTPD handler allows (`CHECK_CONF` in the
source): server config, `<VirtualHost>`, `<Global>`, `<Anonymous>`, `<Directory>`, `<Limit>`,
`.ftpaccess`, `<Class>`. `<IfModule>`/`<IfDefine>`/`<IfVersion>` add no context, and
`<IfUser>`-style sections are checked as their parent.

## Why
`proftpd -t` stops with "X: directive not allowed in <Y> context". A classic: `SocketOptions`
inside `<Global>` (only server config and `<VirtualHost>` are allowed).

## Example
```
<Global>
  SocketOptions keepalive on
</Global>
```

## Fix
Move the directive to one of the allowed contexts named in the message."#,
};

use crate::catalog::Directive as Entry;
use crate::diagnostic::{Diagnostic, Span};

use super::Site;

pub fn diagnostic(site: &Site, entry: &Entry) -> Option<Diagnostic> {
    if entry.contexts.any() {
        return None;
    }
    let context = site.context();
    if entry.contexts.contains(context) {
        return None;
    }
    let name = entry.name.clone();
    let mut diag = Diagnostic::new(
        &RULE,
        Span::new(site.file, site.directive.name_word().span()),
        format!(
            "{name}: directive not allowed in {} context",
            context.name()
        ),
    )
    .with_help(format!("move it to: {}", entry.contexts));
    if let Some(open) = site
        .open
        .iter()
        .rev()
        .find(|o| super::opens_context(&o.section))
    {
        diag = diag.with_label(
            Span::new(open.file, open.section.open().name_word().span()),
            format!("{} opened here", context.name()),
        );
    }
    Some(diag)
}
