//! Suppression comments, applied after every rule has run so that every
//! output (and the language server) sees the same findings:
//!
//! - `Directive args  # proftpd-lint: disable=CODE[,CODE…]` silences those
//!   codes on that directive's line;
//! - the same comment on a line of its own silences them on the next
//!   directive line;
//! - `# proftpd-lint: disable-file=CODE[,CODE…]` silences them in the whole
//!   file it is written in.
//!
//! Codes are rule codes (`C005`) or rule names (`deprecated-directive`).
//! Entries that silence nothing become X001, unknown ones X002.

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Span};
use crate::load::Config;
use crate::rules::suppression::{unknown_suppression_code, unused_suppression};
use crate::rules::{self, Rule};
use crate::source::FileId;
use crate::syntax::ParsedFile;

const MARKER: &str = "proftpd-lint:";

#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    /// Findings starting inside this byte range (one directive's line).
    Line(Range<usize>),
    /// The same, for an own-line comment covering the next directive.
    NextLine(Range<usize>),
    File,
    /// An own-line comment with no directive after it.
    Nothing,
}

#[derive(Debug, Clone)]
struct Entry {
    span: Range<usize>,
    text: String,
    rule: Option<&'static Rule>,
    used: bool,
}

#[derive(Debug, Clone)]
struct Suppression {
    file: FileId,
    scope: Scope,
    /// What to delete to remove the whole comment.
    removal: Range<usize>,
    entries: Vec<Entry>,
}

/// A `proftpd-lint:` comment that is not a valid suppression.
struct Malformed {
    file: FileId,
    span: Range<usize>,
}

/// Removes the findings silenced by suppression comments and adds X001/X002
/// for the comments themselves. `enabled(code, file)` tells whether a rule
/// is selected for a file: a suppression of a rule that is switched off is
/// not reported as unused.
pub fn apply(
    config: &Config,
    diagnostics: Vec<Diagnostic>,
    enabled: &dyn Fn(&str, FileId) -> bool,
) -> Vec<Diagnostic> {
    let (mut suppressions, malformed) = collect(config);
    if suppressions.is_empty() && malformed.is_empty() {
        return diagnostics;
    }
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| !silence(&mut suppressions, d))
        .collect();
    let mut own = report(&suppressions, &malformed, enabled);
    own.retain(|d| !silence(&mut suppressions, d));
    kept.extend(own);
    kept
}

/// Marks the entries that silence `diag`; true when at least one does.
fn silence(suppressions: &mut [Suppression], diag: &Diagnostic) -> bool {
    let mut silenced = false;
    for s in suppressions.iter_mut() {
        if s.file != diag.span.file || !covers(&s.scope, diag.span.range.start) {
            continue;
        }
        for entry in &mut s.entries {
            if entry.rule.is_some_and(|r| r.code == diag.code) {
                entry.used = true;
                silenced = true;
            }
        }
    }
    silenced
}

fn covers(scope: &Scope, offset: usize) -> bool {
    match scope {
        Scope::Line(range) | Scope::NextLine(range) => range.contains(&offset),
        Scope::File => true,
        Scope::Nothing => false,
    }
}

fn is_suppression_rule(rule: &Rule) -> bool {
    rule.code == unused_suppression::RULE.code || rule.code == unknown_suppression_code::RULE.code
}

fn report(
    suppressions: &[Suppression],
    malformed: &[Malformed],
    enabled: &dyn Fn(&str, FileId) -> bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in suppressions {
        for (i, entry) in s.entries.iter().enumerate() {
            match entry.rule {
                None => out.push(unknown_code(s, entry)),
                Some(rule) if !entry.used && !is_suppression_rule(rule) => {
                    if enabled(rule.code, s.file) {
                        out.push(unused(s, i, rule));
                    }
                }
                Some(_) => {}
            }
        }
    }
    for m in malformed {
        out.push(
            Diagnostic::new(
                &unknown_suppression_code::RULE,
                Span::new(m.file, m.span.clone()),
                "this `proftpd-lint:` comment is not a suppression, so it silences nothing",
            )
            .with_help(
                "write `# proftpd-lint: disable=CODE` or `# proftpd-lint: disable-file=CODE`",
            ),
        );
    }
    out
}

fn unknown_code(s: &Suppression, entry: &Entry) -> Diagnostic {
    Diagnostic::new(
        &unknown_suppression_code::RULE,
        Span::new(s.file, entry.span.clone()),
        format!(
            "`{}` is not a rule code or name, so this entry silences nothing",
            entry.text
        ),
    )
    .with_help(match suggestion(&entry.text) {
        Some(rule) => format!("did you mean `{}` ({})?", rule.code, rule.name),
        None => "use a code listed by `proftpd-lint rules`".to_owned(),
    })
}

fn suggestion(text: &str) -> Option<&'static Rule> {
    rules::all()
        .into_iter()
        .map(|r| {
            let by_code = strsim::levenshtein(&text.to_ascii_uppercase(), r.code);
            let by_name = strsim::levenshtein(&text.to_ascii_lowercase(), r.name);
            (by_code.min(by_name), r)
        })
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, r)| r)
}

fn unused(s: &Suppression, index: usize, rule: &Rule) -> Diagnostic {
    let entry = &s.entries[index];
    let place = match s.scope {
        Scope::Line(_) => "on this line",
        Scope::NextLine(_) => "on the next directive",
        Scope::File => "in this file",
        Scope::Nothing => "(no directive follows the comment)",
    };
    Diagnostic::new(
        &unused_suppression::RULE,
        Span::new(s.file, entry.span.clone()),
        format!(
            "nothing to suppress: no {} ({}) finding {place}",
            rule.code, rule.name
        ),
    )
    .with_help(format!("remove `{}` from the comment", entry.text))
    .with_fix(Fix {
        message: "remove the unused suppression".into(),
        applicability: Applicability::Safe,
        edits: vec![Edit {
            span: Span::new(s.file, removal_of(s, index)),
            replacement: String::new(),
        }],
    })
}

/// The bytes to delete for one unused entry: the whole comment when no
/// entry of it is used, else the entry and one adjacent comma.
fn removal_of(s: &Suppression, index: usize) -> Range<usize> {
    let used = |e: &Entry| e.used || e.rule.is_some_and(is_suppression_rule);
    if !s.entries.iter().any(used) {
        return s.removal.clone();
    }
    let entry = &s.entries[index];
    match (s.entries.get(index + 1), index.checked_sub(1)) {
        (Some(next), _) => entry.span.start..next.span.start,
        (None, Some(prev)) => s.entries[prev].span.end..entry.span.end,
        (None, None) => s.removal.clone(),
    }
}

/// Every suppression comment of every file.
fn collect(config: &Config) -> (Vec<Suppression>, Vec<Malformed>) {
    let mut suppressions = Vec::new();
    let mut malformed = Vec::new();
    for parsed in &config.files {
        let raw = config.sources.get(parsed.file).raw();
        if !mentions_marker(raw) {
            continue;
        }
        let comments = comment_sites(parsed, raw);
        if comments.is_empty() {
            continue;
        }
        // In file order, so sorted by start.
        let directives: Vec<Range<usize>> = parsed.directives().map(|d| d.span()).collect();
        for site in comments {
            let scope = match (&site.kind, site.own_line) {
                (Kind::File, _) => Scope::File,
                (Kind::Line, false) => Scope::Line(site.line.clone()),
                (Kind::Line, true) => directives
                    .get(directives.partition_point(|r| r.start < site.line.end))
                    .map_or(Scope::Nothing, |r| Scope::NextLine(r.clone())),
                (Kind::Malformed, _) => {
                    malformed.push(Malformed {
                        file: parsed.file,
                        span: site.comment.clone(),
                    });
                    continue;
                }
            };
            suppressions.push(Suppression {
                file: parsed.file,
                scope,
                removal: site.removal,
                entries: site.entries,
            });
        }
    }
    (suppressions, malformed)
}

enum Kind {
    Line,
    File,
    Malformed,
}

/// One `# proftpd-lint:` comment as found in the tree.
struct Site {
    own_line: bool,
    /// The logical line the comment is on.
    line: Range<usize>,
    /// From `#` to the end of the comment (no newline).
    comment: Range<usize>,
    removal: Range<usize>,
    kind: Kind,
    entries: Vec<Entry>,
}

/// Whether `raw` holds `proftpd-lint:` in any case (no comment can be a
/// suppression otherwise).
fn mentions_marker(raw: &[u8]) -> bool {
    let name = &MARKER.as_bytes()[..MARKER.len() - 1];
    memchr::memchr_iter(b':', raw).any(|colon| {
        colon >= name.len() && raw[colon - name.len()..colon].eq_ignore_ascii_case(name)
    })
}

/// The comments of a file, in file order: comment lines and the inline
/// comments of directive lines.
fn comment_sites(parsed: &ParsedFile, raw: &[u8]) -> Vec<Site> {
    let mut out = Vec::new();
    for line in 0..parsed.line_count() {
        match parsed.directive(line) {
            None => {
                let span = parsed.line_span(line);
                if let Some(start) = own_line_comment(raw, &span) {
                    push_site(raw, span, start, true, &mut out);
                }
            }
            Some(d) => {
                if let Some(start) = d.comment() {
                    push_site(raw, d.span(), start, false, &mut out);
                }
            }
        }
    }
    out
}

fn own_line_comment(raw: &[u8], line: &Range<usize>) -> Option<usize> {
    let text = raw.get(line.clone())?;
    let offset = text.iter().position(|b| !b.is_ascii_whitespace())?;
    (text[offset] == b'#').then_some(line.start + offset)
}

fn push_site(raw: &[u8], line: Range<usize>, start: usize, own_line: bool, out: &mut Vec<Site>) {
    let end = raw
        .get(start..line.end)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n' || b == b'\r'))
        .map_or(line.end.min(raw.len()), |n| start + n);
    let Some(text) = raw
        .get(start..end)
        .and_then(|t| std::str::from_utf8(t).ok())
    else {
        return;
    };
    let Some((kind, entries)) = parse_comment(text, start) else {
        return;
    };
    let removal = if own_line {
        line.clone()
    } else {
        let before = raw.get(..start).unwrap_or_default();
        let trimmed = before
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t'))
            .map_or(0, |n| n + 1);
        trimmed.max(line.start)..end
    };
    out.push(Site {
        own_line,
        line,
        comment: start..end,
        removal,
        kind,
        entries,
    });
}

/// Parses `# proftpd-lint: disable=A,B reason…`; `None` when the comment
/// is not meant for us. `base` is the file offset of `text`.
fn parse_comment(text: &str, base: usize) -> Option<(Kind, Vec<Entry>)> {
    let body = text.strip_prefix('#')?.trim_start();
    let rest = strip_key(body, MARKER)?.trim_start();
    let (kind, list) = if let Some(list) = strip_key(rest, "disable-file=") {
        (Kind::File, list)
    } else if let Some(list) = strip_key(rest, "disable=") {
        (Kind::Line, list)
    } else {
        return Some((Kind::Malformed, Vec::new()));
    };
    let list_offset = base + (list.as_ptr() as usize - text.as_ptr() as usize);
    let entries = parse_entries(list, list_offset);
    if entries.is_empty() {
        return Some((Kind::Malformed, Vec::new()));
    }
    Some((kind, entries))
}

fn strip_key<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let head = text.get(..key.len())?;
    head.eq_ignore_ascii_case(key).then(|| &text[key.len()..])
}

/// `A, B,C reason` → entries A, B, C (a word after whitespace that does not
/// follow a comma ends the list: it is the reason).
fn parse_entries(list: &str, base: usize) -> Vec<Entry> {
    let mut entries = Vec::new();
    let bytes = list.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b',') {
            i += 1;
        }
        if i > start {
            let text = &list[start..i];
            entries.push(Entry {
                span: base + start..base + i,
                text: text.to_owned(),
                rule: rules::find(text),
                used: false,
            });
        }
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b',' {
            i += 1;
        } else {
            return entries;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_stop_at_the_reason() {
        let entries = parse_entries("C005, k001,X reason, more", 10);
        let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["C005", "k001", "X"]);
        assert_eq!(entries[0].span, 10..14);
        assert_eq!(entries[1].span, 16..20);
    }

    #[test]
    fn comments_not_for_us_are_ignored() {
        assert!(parse_comment("# just a comment", 0).is_none());
        assert!(parse_comment("#proftpd-lintx", 0).is_none());
        assert!(matches!(
            parse_comment("# proftpd-lint: enable=C001", 0),
            Some((Kind::Malformed, _))
        ));
        assert!(matches!(
            parse_comment("# PROFTPD-LINT: Disable-File=C001", 0),
            Some((Kind::File, _))
        ));
    }
}
