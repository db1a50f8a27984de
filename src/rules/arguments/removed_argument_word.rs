//! A003 `removed-argument-word`: an option word that older ProFTPD releases accepted and the target release refuses.

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::model::arguments::{ArgProblem, Problem};
use crate::rules::Rule;

use super::accepted_list;
use crate::version::ProftpdVersion;

pub static RULE: Rule = Rule {
    code: "A003",
    name: "removed-argument-word",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "An option word that older ProFTPD releases accepted and the target release refuses.",
    explain: r#"## What it does
Reports option or value words that were dropped from a directive, such as
`TLSOptions NoCertRequest` (logged as deprecated from 1.3.6, refused from 1.3.8), with the
release that dropped it. Configs copied from older guides carry these words.

## Why
Once the word is gone the handler treats it as unknown and refuses the whole
configuration. On a release that still accepts it, the word is reported as a warning
because it no longer does anything useful.

## Example
```
TLSOptions NoCertRequest StdEnvVars
```

## Fix
Delete the word; keep the other options (`TLSOptions StdEnvVars`)."#,
};

pub fn diagnostic(
    name: &str,
    span: Span,
    problem: &ArgProblem,
    version: ProftpdVersion,
) -> Option<Diagnostic> {
    let Problem::Removed {
        removed_in,
        deprecated_in,
        accepted,
    } = &problem.problem
    else {
        return None;
    };
    let refused = ProftpdVersion::parse(removed_in).is_none_or(|v| version >= v);
    let history = match deprecated_in {
        Some(d) => format!("deprecated in {d} and refused since {removed_in}"),
        None => format!("refused since {removed_in}"),
    };
    let message = if refused {
        format!("{}: {history}", problem.proftpd_message)
    } else {
        format!("{name}: this word is {history}; the target release still accepts it")
    };
    let diag = Diagnostic::new(&RULE, span, message)
        .with_help(format!(
            "remove it; {name} accepts: {}",
            accepted_list(accepted)
        ))
        .rejects(refused);
    Some(if refused {
        diag
    } else {
        diag.with_severity(Severity::Warning)
    })
}
