//! The one diagnostic type every stage produces and every output renders.

use std::ops::Range;

use serde::Serialize;

use crate::source::FileId;

/// How serious a finding is (meanings in DEVELOPERS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A byte range in one file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span { file, range }
    }
}

/// A secondary location with a short message ("section opened here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// Whether applying a fix can change what the config means beyond the finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// One replacement of a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A suggested change that resolves the finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// A finding. `code` and `name` come from the rule that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Box<Fix>>,
    /// True when `proftpd -t` refuses the config because of this finding.
    pub proftpd_rejects: bool,
}

impl Diagnostic {
    /// Starts a diagnostic for `rule` at `span`, with the rule's default
    /// severity and rejection flag.
    pub fn new(rule: &'static crate::rules::Rule, span: Span, message: impl Into<String>) -> Self {
        let mut message = message.into();
        // `format!` reserves twice its literal text: thousands of findings
        // would otherwise hold half-empty buffers.
        message.shrink_to_fit();
        Diagnostic {
            code: rule.code,
            name: rule.name,
            severity: rule.severity,
            message,
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
            proftpd_rejects: rule.proftpd_rejects,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn rejects(mut self, proftpd_rejects: bool) -> Self {
        self.proftpd_rejects = proftpd_rejects;
        self
    }
}

/// Keeps the first finding of each group that `same` finds equal, in order.
/// `hash` must give equal findings the same value; findings whose hashes
/// collide are told apart by `same`.
pub fn dedup_by(
    diagnostics: &mut Vec<Diagnostic>,
    hash: impl Fn(&Diagnostic) -> u64,
    same: impl Fn(&Diagnostic, &Diagnostic) -> bool,
) {
    // hash -> the first finding with that hash; `more`: the other first
    // findings whose hash was taken (different findings, same hash)
    let mut firsts: rustc_hash::FxHashMap<u64, usize> = Default::default();
    firsts.reserve(diagnostics.len());
    let mut more: Vec<(u64, usize)> = Vec::new();
    let mut keep = vec![true; diagnostics.len()];
    for (i, diag) in diagnostics.iter().enumerate() {
        let h = hash(diag);
        let first = *firsts.entry(h).or_insert(i);
        if first == i {
            continue;
        }
        let seen = same(&diagnostics[first], diag)
            || more
                .iter()
                .any(|&(mh, j)| mh == h && same(&diagnostics[j], diag));
        if seen {
            keep[i] = false;
        } else {
            more.push((h, i));
        }
    }
    let mut keep = keep.into_iter();
    diagnostics.retain(|_| keep.next().unwrap_or(true));
}

/// Appends `more` to `out`. When `more` is the longer one and has room for
/// `out` in front, its buffer becomes `out` (no new buffer of the combined
/// size, no second copy of the long list: thousands of findings of one
/// rule stay in the buffer they were made in).
pub(crate) fn append<T>(out: &mut Vec<T>, mut more: Vec<T>) {
    if more.len() > out.len() && more.capacity() - more.len() >= out.len() {
        more.splice(0..0, out.drain(..));
        *out = more;
    } else {
        out.append(&mut more);
    }
}
