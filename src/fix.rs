//! Applying fixes to file contents (pure: reading and writing files is the
//! caller's business).

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::source::FileId;

/// Which fixes may be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allow {
    Safe,
    /// Safe and unsafe fixes.
    All,
}

impl Allow {
    pub fn permits(self, fix: &Fix) -> bool {
        self == Allow::All || fix.applicability == Applicability::Safe
    }
}

/// The fixes of `diagnostics` that only edit `file` (within `len` bytes),
/// pass `keep`, and do not overlap an earlier one, in position order.
pub fn pick<'a>(
    diagnostics: &'a [Diagnostic],
    file: FileId,
    len: usize,
    allow: Allow,
    keep: &dyn Fn(&Diagnostic) -> bool,
) -> Vec<&'a Diagnostic> {
    let mut candidates: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| usable(f, file, len, allow)))
        .filter(|d| keep(d))
        .collect();
    candidates.sort_by_key(|d| (first_edit(d), d.code));
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut picked = Vec::new();
    for diag in candidates {
        let ranges = edit_ranges(diag);
        if ranges.iter().any(|r| taken.iter().any(|t| conflict(r, t))) {
            continue;
        }
        taken.extend(ranges);
        picked.push(diag);
    }
    picked
}

fn usable(fix: &Fix, file: FileId, len: usize, allow: Allow) -> bool {
    allow.permits(fix)
        && !fix.edits.is_empty()
        && fix.edits.iter().all(|e| {
            e.span.file == file && e.span.range.start <= e.span.range.end && e.span.range.end <= len
        })
        && !self_overlapping(fix)
}

fn self_overlapping(fix: &Fix) -> bool {
    let ranges: Vec<Range<usize>> = fix.edits.iter().map(|e| e.span.range.clone()).collect();
    ranges
        .iter()
        .enumerate()
        .any(|(i, a)| ranges[i + 1..].iter().any(|b| conflict(a, b)))
}

fn first_edit(diag: &Diagnostic) -> usize {
    edit_ranges(diag).iter().map(|r| r.start).min().unwrap_or(0)
}

fn edit_ranges(diag: &Diagnostic) -> Vec<Range<usize>> {
    diag.fix
        .iter()
        .flat_map(|f| f.edits.iter().map(|e| e.span.range.clone()))
        .collect()
}

/// Overlapping ranges, or two insertions at the same place (their order
/// would be arbitrary).
fn conflict(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start.max(b.start) < a.end.min(b.end) || a.start == b.start
}

/// `raw` with the edits of `fixes` applied; bytes outside them are kept.
/// The fixes must come from [`pick`] (valid, non-overlapping ranges).
pub fn apply(raw: &[u8], fixes: &[&Diagnostic]) -> Vec<u8> {
    let mut edits: Vec<(Range<usize>, &str)> = fixes
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| {
            f.edits
                .iter()
                .map(|e| (e.span.range.clone(), e.replacement.as_str()))
        })
        .collect();
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = Vec::with_capacity(raw.len());
    let mut at = 0;
    for (range, text) in edits {
        if range.start < at || range.end > raw.len() {
            continue;
        }
        out.extend_from_slice(&raw[at..range.start]);
        out.extend_from_slice(text.as_bytes());
        at = range.end;
    }
    out.extend_from_slice(&raw[at.min(raw.len())..]);
    out
}

/// Findings that make the config fail: errors and anything ProFTPD refuses.
fn is_error(diag: &Diagnostic) -> bool {
    diag.severity == crate::diagnostic::Severity::Error || diag.proftpd_rejects
}

/// An error in `after` of a code that has more errors than in `before`:
/// what a fix broke.
pub fn new_error<'a>(before: &[Diagnostic], after: &'a [Diagnostic]) -> Option<&'a Diagnostic> {
    let count = |list: &[Diagnostic], code: &str| {
        list.iter()
            .filter(|d| d.code == code && is_error(d))
            .count()
    };
    after
        .iter()
        .filter(|d| is_error(d))
        .find(|d| count(after, d.code) > count(before, d.code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Span};
    use crate::rules::suppression::unused_suppression::RULE;

    fn fixed(range: Range<usize>, text: &str) -> Diagnostic {
        Diagnostic::new(&RULE, Span::new(FileId(0), range.clone()), "m").with_fix(Fix {
            message: "f".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span: Span::new(FileId(0), range),
                replacement: text.into(),
            }],
        })
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let diags = vec![fixed(2..5, "X"), fixed(4..6, "Y"), fixed(7..8, "")];
        let picked = pick(&diags, FileId(0), 10, Allow::Safe, &|_| true);
        assert_eq!(picked.len(), 2);
        assert_eq!(apply(b"0123456789", &picked), b"01X5689");
    }

    #[test]
    fn out_of_range_edits_are_never_applied() {
        let diags = vec![fixed(8..20, "")];
        assert!(pick(&diags, FileId(0), 10, Allow::Safe, &|_| true).is_empty());
    }
}
