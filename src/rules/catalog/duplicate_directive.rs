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

use crate::catalog::Directive as Entry;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::walk::Open;
use crate::rules::context::LintContext;
use crate::source::FileId;
use crate::syntax::{Directive, LineRole, Section, SectionFamily, section_family};

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

/// The entry of [`SINGLE_VALUED`] for a catalogue entry (whose name is the
/// canonical spelling).
fn wins(entry: &Entry) -> Option<usize> {
    SINGLE_VALUED.iter().position(|(n, _)| *n == entry.name)
}

fn text_of(d: &Directive) -> String {
    let mut s = d.name().to_owned();
    for a in d.args() {
        s.push(' ');
        s.push_str(a.value());
    }
    s
}

/// Where a directive stands, as far as duplicates go: in a context for
/// sure (the innermost context section, `None` for the server config), or
/// somewhere that is not "the same context" for sure — inside a conditional
/// block of unknown truth or a per-session section (`<IfUser>` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DupScope {
    /// `open[i]` is the innermost context section (`None`: server config).
    Certain(Option<usize>),
    Uncertain,
}

impl DupScope {
    /// The scope inside `section`, the `index`-th open section.
    pub fn inside(self, ctx: &LintContext, file: FileId, section: &Section, index: usize) -> Self {
        self.inside_family(ctx, file, section, section_family(section.name()), index)
    }

    /// [`DupScope::inside`] with the section's family.
    pub fn inside_family(
        self,
        ctx: &LintContext,
        file: FileId,
        section: &Section,
        family: SectionFamily,
        index: usize,
    ) -> Self {
        let DupScope::Certain(_) = self else {
            return self;
        };
        match family {
            SectionFamily::Context => DupScope::Certain(Some(index)),
            SectionFamily::Session => DupScope::Uncertain,
            SectionFamily::Conditional if ctx.eval.truth_of(file, section) == Some(true) => self,
            SectionFamily::Conditional => DupScope::Uncertain,
        }
    }
}

/// The context section: file and start of its opener (`None` for the
/// server config).
type Context = Option<(FileId, usize)>;

/// The first occurrence of each [`SINGLE_VALUED`] directive in a context.
type Firsts<'a> = [Option<(FileId, Directive<'a>)>; SINGLE_VALUED.len()];

/// First occurrences seen so far, fed one directive at a time by the
/// catalogue rules' walk.
#[derive(Default)]
pub struct Tracker<'a> {
    seen: rustc_hash::FxHashMap<Context, Firsts<'a>>,
    /// A context is never visited again once its section ends (no file is
    /// read twice), so its entry can go.
    forget: bool,
}

impl<'a> Tracker<'a> {
    /// A tracker for `ctx`'s config.
    pub fn new(ctx: &LintContext) -> Self {
        let config = ctx.config;
        let mut reads = vec![0u32; config.files.len()];
        reads[config.root.0 as usize] += 1;
        for targets in config.includes.values() {
            for t in targets {
                reads[t.0 as usize] += 1;
            }
        }
        Tracker {
            seen: Default::default(),
            forget: reads.iter().all(|&n| n <= 1),
        }
    }

    /// The section opened at `start` in `file` has ended.
    pub fn leave(&mut self, file: FileId, start: usize) {
        if self.forget && !self.seen.is_empty() {
            self.seen.remove(&Some((file, start)));
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn visit(
        &mut self,
        ctx: &LintContext,
        file: FileId,
        directive: Directive<'a>,
        entry: Option<&Entry>,
        open: &[Open],
        scope: DupScope,
        out: &mut Vec<Diagnostic>,
    ) {
        if directive.role() != LineRole::Directive {
            return;
        }
        let Some(index) = entry.and_then(wins) else {
            return;
        };
        let (canonical, winner) = SINGLE_VALUED[index];
        let DupScope::Certain(context) = scope else {
            return;
        };
        let context = context.map(|i| &open[i]);
        if canonical == "Port"
            && context.is_some_and(|o| o.section.name().eq_ignore_ascii_case("Global"))
        {
            return; // a config record there, not the server's port
        }
        if ctx.eval.is_skipped(file, directive.span().start) {
            return;
        }
        let key = context.map(|o| (o.file, o.section.open().span().start));
        let firsts = self.seen.entry(key).or_default();
        match firsts[index] {
            None => firsts[index] = Some((file, directive)),
            Some((first_file, first)) => {
                let context_name = context.map_or("server config".to_string(), |o| {
                    format!("<{}>", o.section.name())
                });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_valued_names_are_catalogue_spellings() {
        for (name, _) in SINGLE_VALUED {
            let entry = crate::catalog::catalog().get(name).unwrap();
            assert_eq!(entry.name, *name);
            assert!(wins(entry).is_some());
        }
    }
}
