//! C010 `relative-directory-path`: a `<Directory>` path that is neither
//! absolute nor `~user`, outside `<Anonymous>`. The handler's check depends
//! on where the section sits, so no argument schema can express it.

use crate::catalog::Context;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rules::Rule;
use crate::rules::catalog::Site;
use crate::syntax::Section;

pub static RULE: Rule = Rule {
    code: "C010",
    name: "relative-directory-path",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "A <Directory> path that is neither absolute nor ~user, outside <Anonymous>.",
    explain: r#"## What it does
Finds `<Directory>` sections whose path starts with neither `/` nor `~`, outside an
`<Anonymous>` section (`<Global>` included).

## Why
Only inside `<Anonymous>` is a relative path read relative to the anonymous root. Anywhere
else ProFTPD refuses the configuration ("relative path not allowed in non-<Anonymous>
sections") and does not start.

## Example
```
<Directory incoming>
  AllowOverwrite on
</Directory>
```

## Fix
Write the absolute path (`<Directory /srv/ftp/incoming>`), a `~user` path, or move the
section into the `<Anonymous>` section it belongs to."#,
};

pub fn check(site: &Site, section: &Section, out: &mut Vec<Diagnostic>) {
    if !section.name().eq_ignore_ascii_case("Directory") {
        return;
    }
    let Some(arg) = section.open().args().first() else {
        return;
    };
    if arg.has_env_refs() || site.context() == Context::Anonymous {
        return;
    }
    let path = arg.value();
    if path.starts_with(['/', '~']) {
        return;
    }
    out.push(
        Diagnostic::new(
            &RULE,
            Span::new(site.file, arg.span()),
            format!(
                "relative path `{path}` outside <Anonymous>: ProFTPD refuses the configuration"
            ),
        )
        .with_help("write an absolute path (starting with /) or ~user"),
    );
}
