//! C007 `ifmodule-before-loadmodule`: An <IfModule> test comes before the LoadModule line that loads the module, so it is always false.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "C007",
    name: "ifmodule-before-loadmodule",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "An <IfModule> test comes before the LoadModule line that loads the module, so it is always false.",
    explain: r#"## What it does
Finds `<IfModule mod_x.c>` blocks evaluated before `LoadModule mod_x.c` appears.

## Why
ProFTPD evaluates `<IfModule>` when it reads the line and `LoadModule` when it reads that line,
so the block is skipped although the module ends up loaded.

## Example
```
<IfModule mod_sftp.c>
  SFTPEngine on
</IfModule>
LoadModule mod_sftp.c
```

## Fix
Move the `LoadModule` line above the `<IfModule>` block (Debian: include modules.conf first)."#,
};

use crate::diagnostic::{Diagnostic, Span};
use crate::rules::context::LintContext;
use crate::source::FileId;
use crate::syntax::Section;

pub fn check(
    ctx: &LintContext,
    file: FileId,
    section: &Section,
    loaded: &rustc_hash::FxHashSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    if !section.name().eq_ignore_ascii_case("IfModule") {
        return;
    }
    let Some(arg) = section.open().args().first() else {
        return;
    };
    let module = arg.value().trim_start_matches('!');
    if loaded.contains(module) {
        return;
    }
    let Some(&(load_file, offset)) = ctx.eval.load_module_at.get(module) else {
        return;
    };
    out.push(
        Diagnostic::new(
            &RULE,
            Span::new(file, arg.span()),
            format!("`<IfModule {}>` is evaluated before `LoadModule {module}`, so it is always {} here", arg.value(), if arg.value().starts_with('!') { "true" } else { "false" }),
        )
        .with_label(Span::new(load_file, offset..offset), "the module is loaded here, later")
        .with_help("move the LoadModule line above this block"),
    );
}
