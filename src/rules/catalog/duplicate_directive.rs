//! C009 `duplicate-directive`: a single-valued directive is set twice in the
//! same context; only one of the two takes effect.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "C009",
    name: "duplicate-directive",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A single-valued directive appears twice in the same context; one of them is ignored.",
    explain: r#"## What it does
Finds a directive that holds one value (such as `ServerName`, `Port`, `TimeoutIdle` or `User`)
written twice in the same server, `<VirtualHost>`, `<Global>` or `<Anonymous>` block, and says
which of the two ProFTPD really uses.

## Why
ProFTPD accepts the repetition without a word, but only one line counts, and which one depends
on the directive: `ServerName`, `ServerType`, `Port` and `MaxInstances` overwrite the value each
time, so the **last** wins; `TimeoutIdle`, `TimeoutNoTransfer`, `TimeoutStalled`, `TimeoutLogin`,
`User` and `Group` add a record that ProFTPD later looks up by name, which finds the **first**.
Someone who appends a new `TimeoutIdle` at the end of the file to raise the limit changes nothing.
Only directives whose handlers were checked in the 1.3.8 source are reported.

## Example
```
TimeoutIdle 600
# ... later, meant to raise it:
TimeoutIdle 1800
```

## Fix
Keep one line with the value you want and delete the other."#,
};

use crate::diagnostic::{Diagnostic, Span};
use crate::model::walk::Open;
use crate::rules::context::LintContext;
use crate::source::FileId;
use crate::syntax::{Directive, LineRole, SectionFamily, section_family};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Wins {
    First,
    Last,
}

/// Directives whose 1.3.8 handler was read, with which occurrence wins.
const SINGLE_VALUED: &[(&str, Wins)] = &[
    // s->ServerName = ... (mod_core set_servername)
    ("ServerName", Wins::Last),
    // the global ServerType variable (set_servertype)
    ("ServerType", Wins::Last),
    // s->ServerPort = port in server config / <VirtualHost> (set_port)
    ("Port", Wins::Last),
    // the global ServerMaxInstances (set_maxinstances)
    ("MaxInstances", Wins::Last),
    // add_config_param + find_config(..., FALSE): the first record is used
    ("TimeoutIdle", Wins::First),
    ("TimeoutNoTransfer", Wins::First),
    ("TimeoutStalled", Wins::First),
    ("TimeoutLogin", Wins::First),
    // "UserName"/"UserID", "GroupName"/"GroupID" read with get_param_ptr(..., FALSE)
    ("User", Wins::First),
    ("Group", Wins::First),
];

fn wins(name: &str) -> Option<(&'static str, Wins)> {
    SINGLE_VALUED
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .copied()
}

fn text_of(d: &Directive) -> String {
    let mut s = d.name().to_owned();
    for a in d.args() {
        s.push(' ');
        s.push_str(a.value());
    }
    s
}

/// The context section (file and start of its opener; `None` for the
/// server config) and the directive's lower-case name.
type Key = (Option<(FileId, usize)>, String);

/// First occurrences seen so far, fed one directive at a time by the
/// catalogue rules' walk.
#[derive(Default)]
pub struct Tracker<'a> {
    // (context section identity, lower-case name) -> first occurrence
    seen: rustc_hash::FxHashMap<Key, (FileId, Directive<'a>)>,
}

impl<'a> Tracker<'a> {
    pub fn visit(
        &mut self,
        ctx: &LintContext,
        file: FileId,
        directive: Directive<'a>,
        open: &[Open],
        out: &mut Vec<Diagnostic>,
    ) {
        if directive.role() != LineRole::Directive {
            return;
        }
        let Some((canonical, winner)) = wins(directive.name()) else {
            return;
        };
        let mut context = None;
        let mut certain = true;
        let mut context_name = "server config".to_string();
        for o in open.iter() {
            if section_family(o.section.name()) == SectionFamily::Context {
                context = Some((o.file, o.section.open().span().start));
                context_name = format!("<{}>", o.section.name());
            } else if ctx.eval.truth_of(o.file, &o.section) != Some(true) {
                certain = false;
            }
        }
        // Conditional blocks of unknown truth and per-session sections
        // (<IfUser> ...) are not "the same context" for sure.
        if !certain
            || open
                .iter()
                .any(|o| section_family(o.section.name()) == SectionFamily::Session)
        {
            return;
        }
        if canonical == "Port" && context_name.eq_ignore_ascii_case("<Global>") {
            return; // a config record there, not the server's port
        }
        let key = (context, canonical.to_ascii_lowercase());
        if ctx.eval.is_skipped(file, directive.span().start) {
            return;
        }
        match self.seen.get(&key) {
            None => {
                self.seen.insert(key, (file, directive));
            }
            Some(&(first_file, first)) => {
                out.push(diagnostic(
                    canonical,
                    winner,
                    &context_name,
                    (first_file, first),
                    (file, directive),
                ));
            }
        }
    }
}

fn diagnostic(
    name: &str,
    winner: Wins,
    context: &str,
    first: (FileId, Directive),
    later: (FileId, Directive),
) -> Diagnostic {
    let (first_text, later_text) = (text_of(&first.1), text_of(&later.1));
    let (used, ignored, how) = match winner {
        Wins::First => (
            &first_text,
            &later_text,
            "ProFTPD looks the value up by name and uses the first one",
        ),
        Wins::Last => (
            &later_text,
            &first_text,
            "each line overwrites the value, so the last one counts",
        ),
    };
    let message = format!(
        "`{name}` is set twice in the same {context} context: {how} (`{used}`); `{ignored}` has no effect"
    );
    let first_span = Span::new(first.0, first.1.content_span());
    let later_span = Span::new(later.0, later.1.content_span());
    let (label_span, label) = match winner {
        Wins::First => (first_span, "this first setting is the one in effect"),
        Wins::Last => (first_span, "this earlier setting is overridden"),
    };
    Diagnostic::new(&RULE, later_span, message)
        .with_label(label_span, label)
        .with_help(format!(
            "keep one `{name}` line in this context, with the value you want, and delete the other"
        ))
}
