//! C003 `wrong-argument-count`: The directive has too few or too many arguments for ProFTPD.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "C003",
    name: "wrong-argument-count",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "The directive has too few or too many arguments for ProFTPD.",
    explain: r#"## What it does
Checks the number of arguments against what the directive's handler accepts (its minimum,
its maximum where the handler checks one, exact alternatives such as TimeoutSession's 1 or 3,
and even counts for key/value directives such as SocketOptions).

## Why
`proftpd -t` stops with "missing parameters" or "wrong number of parameters". Extra arguments
that the handler ignores are not reported here.

## Example
```
SocketOptions keepalive
```

## Fix
Give the arguments the directive expects (see `proftpd-lint explain` for the syntax link)."#,
};

use crate::catalog::Directive as Entry;
use crate::diagnostic::{Diagnostic, Span};

use super::Site;

pub fn diagnostic(site: &Site, entry: &Entry) -> Option<Diagnostic> {
    let count = site.directive.args().len();
    let single_word_only = only_word_alone(entry, site);
    if entry.accepts_arg_count(count) && single_word_only.is_none() {
        return None;
    }
    let expected = match single_word_only {
        Some(word) => format!("2 or 3 arguments, or the single word `{word}`"),
        None => describe(entry),
    };
    let what = if count < entry.min_args {
        "missing parameters"
    } else {
        "wrong number of parameters"
    };
    let span = site.directive.content_span();
    Some(
        Diagnostic::new(
            &RULE,
            Span::new(site.file, span),
            format!(
                "{}: {what} ({count} given; it takes {expected})",
                entry.name
            ),
        )
        .with_help(match entry.doc_url() {
            Some(url) => format!("see the syntax at {url}"),
            None => format!("give it {expected}"),
        }),
    )
}

/// mod_redis's RedisLogOnCommand/RedisLogOnEvent take 2 or 3 arguments, or
/// the one word `none` alone: any other single argument is "wrong number of
/// parameters" (mod_redis.c set_redislogoncommand, 1.3.8).
fn only_word_alone(entry: &Entry, site: &Site) -> Option<&'static str> {
    let args = site.directive.args();
    let redis = entry.name.eq_ignore_ascii_case("RedisLogOnCommand")
        || entry.name.eq_ignore_ascii_case("RedisLogOnEvent");
    (redis && args.len() == 1 && !args.at(0).value().eq_ignore_ascii_case("none")).then_some("none")
}

fn describe(entry: &Entry) -> String {
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    if let Some(counts) = &entry.arg_counts {
        let list: Vec<String> = counts.iter().map(ToString::to_string).collect();
        return format!("{} arguments", list.join(" or "));
    }
    let base = match entry.max_args {
        Some(max) if max == entry.min_args => format!("exactly {max} {}", plural(max)),
        Some(max) => format!("{} to {max} arguments", entry.min_args),
        None => format!("at least {} {}", entry.min_args, plural(entry.min_args)),
    };
    if entry.even_args {
        format!("{base}, in key/value pairs")
    } else {
        base
    }
}
