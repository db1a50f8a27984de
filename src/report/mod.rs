//! Output formats: every [`Diagnostic`] of a run, rendered for a person, an
//! editor or a CI system.
//!
//! One renderer per file (like ruff's `render/<format>.rs`); they all share
//! the helpers here: the stable ordering ([`Report::sorted`]), the path shown
//! to users ([`display_path`]), positions ([`Position`]), the run summary
//! ([`Summary`]) and the fingerprints of [`fingerprint`].
//!
//! Positions: lines and columns are 1-based everywhere; columns count Unicode
//! scalar values (characters), never bytes. An end position is the position
//! just after the last character of the span (exclusive), as in SARIF.
//! Offsets (JSON only) are 0-based byte offsets into the file as read.

use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rules::Rule;
use crate::source::{SourceFile, SourceMap};

mod checkstyle;
mod concise;
pub mod effective;
pub mod fingerprint;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;
mod xml;

#[cfg(test)]
mod tests;

/// The output formats of `proftpd-lint check --output-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Source snippets with labels (miette's graphical handler) and a summary.
    Human,
    /// `path:line:col: severity[CODE] message`, one finding per line.
    Concise,
    /// The versioned JSON document of `docs/json-format.md`.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::message`).
    Github,
    /// GitLab Code Quality (Code Climate subset) JSON.
    Gitlab,
    /// JUnit XML.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 8] = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Gitlab,
        Format::Junit,
        Format::Checkstyle,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
            Format::Junit => "junit",
            Format::Checkstyle => "checkstyle",
        }
    }

    /// Parses a format name (case-insensitive). `full` is accepted for
    /// `human` (ruff's name) and `gcc` for `concise` (ShellCheck's).
    pub fn parse(text: &str) -> Option<Format> {
        let text = text.trim().to_ascii_lowercase();
        match text.as_str() {
            "full" => return Some(Format::Human),
            "gcc" => return Some(Format::Concise),
            _ => {}
        }
        Format::ALL.into_iter().find(|f| f.name() == text)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Format, String> {
        Format::parse(text).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!(
                "unknown output format `{text}` (expected one of: {})",
                names.join(", ")
            )
        })
    }
}

/// Everything a renderer needs.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// Every file read during the run (clean ones too: JUnit and Checkstyle
    /// list them).
    pub sources: &'a SourceMap,
    /// The findings, in any order; renderers sort them with [`Report::sorted`].
    pub diagnostics: &'a [Diagnostic],
    /// Every rule, for SARIF's `tool.driver.rules`.
    pub rules: &'a [&'static Rule],
    /// Paths are shown relative to this directory when they are under it.
    pub root: Option<&'a Path>,
    /// The version of proftpd-lint, e.g. `env!("CARGO_PKG_VERSION")`.
    pub tool_version: &'a str,
    /// Whether the human format may use ANSI colors.
    pub color: bool,
}

/// Renders `report` in `format` to `out`.
pub fn render(format: Format, report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        Format::Human => human::render(report, out),
        Format::Concise => concise::render(report, out),
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Github => github::render(report, out),
        Format::Gitlab => gitlab::render(report, out),
        Format::Junit => junit::render(report, out),
        Format::Checkstyle => checkstyle::render(report, out),
    }
}

/// A 1-based line and character column (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The start and (exclusive) end of a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub start: Position,
    pub end: Position,
    /// 0-based byte offsets, clamped to the file.
    pub offset: usize,
    pub end_offset: usize,
}

impl Region {
    pub fn of(file: &SourceFile, span: &Span) -> Region {
        let offset = span.range.start.min(file.len());
        let end_offset = span.range.end.clamp(offset, file.len());
        let (start, end) = file.line_col_range(offset, end_offset);
        Region {
            start: Position {
                line: start.line,
                column: start.column,
            },
            end: Position {
                line: end.line,
                column: end.column,
            },
            offset,
            end_offset,
        }
    }
}

/// A diagnostic with what every renderer needs about it, computed once.
pub(crate) struct Item<'a> {
    pub diag: &'a Diagnostic,
    pub file: &'a SourceFile,
    /// [`display_path`] of the file (shared by its items).
    pub path: Rc<str>,
    pub region: Region,
    /// See [`fingerprint::Fingerprint`].
    pub fingerprint: fingerprint::Fingerprint,
}

impl<'a> Report<'a> {
    /// The diagnostics in the stable output order: display path, line,
    /// column, code; ties keep their input order.
    pub fn sorted(&self) -> Vec<&'a Diagnostic> {
        self.items().into_iter().map(|item| item.diag).collect()
    }

    /// The path shown for `file`.
    pub fn path_of(&self, file: &SourceFile) -> String {
        display_path(self.root, &file.path)
    }

    /// Counts for the summary line and the JSON `summary`.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        let mut files = BTreeSet::new();
        let mut rejected = BTreeSet::new();
        for diag in self.diagnostics {
            match diag.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
            let path = self.path_of(self.sources.get(diag.span.file));
            if diag.proftpd_rejects {
                rejected.insert(path.clone());
            }
            files.insert(path);
        }
        summary.files = files.len();
        summary.files_checked = self.sources.len();
        summary.proftpd_rejects = !rejected.is_empty();
        summary.rejected_files = rejected.into_iter().collect();
        summary
    }

    /// Sorted items with positions and fingerprints.
    pub(crate) fn items(&self) -> Vec<Item<'a>> {
        let mut items = self.items_unfingerprinted();
        fingerprint::assign(&mut items);
        items
    }

    /// Sorted items with positions, without fingerprints (for the formats
    /// that do not show them).
    pub(crate) fn items_unfingerprinted(&self) -> Vec<Item<'a>> {
        // Display paths, computed once per file, and each file's rank in
        // display-path order (equal paths, equal ranks).
        let paths: Vec<Rc<str>> = self
            .sources
            .iter()
            .map(|f| Rc::from(self.path_of(f)))
            .collect();
        let mut order: Vec<&str> = paths.iter().map(|p| &**p).collect();
        order.sort_unstable();
        order.dedup();
        let rank: Vec<usize> = paths
            .iter()
            .map(|p| order.binary_search(&&**p).unwrap_or(0))
            .collect();
        let mut items: Vec<Item<'a>> = self
            .diagnostics
            .iter()
            .map(|diag| {
                let file = self.sources.get(diag.span.file);
                Item {
                    diag,
                    file,
                    path: paths[diag.span.file.0 as usize].clone(),
                    region: Region::of(file, &diag.span),
                    fingerprint: fingerprint::Fingerprint::default(),
                }
            })
            .collect();
        let rank = |item: &Item| rank[item.diag.span.file.0 as usize];
        items.sort_by(|a, b| {
            (rank(a), a.region.start, a.diag.code).cmp(&(rank(b), b.region.start, b.diag.code))
        });
        items
    }

    /// The files read, sorted by display path, with their display paths.
    pub(crate) fn files(&self) -> Vec<(String, &'a SourceFile)> {
        let mut files: Vec<(String, &'a SourceFile)> = self
            .sources
            .iter()
            .map(|file| (self.path_of(file), file))
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }

    /// The index of the rule with `code` in [`Report::rules`].
    pub(crate) fn rule_index(&self, code: &str) -> Option<usize> {
        self.rules.iter().position(|rule| rule.code == code)
    }
}

/// What a run found, in numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files with at least one finding.
    pub files: usize,
    /// Files read.
    pub files_checked: usize,
    /// Whether `proftpd -t` would refuse the configuration.
    pub proftpd_rejects: bool,
    /// Display paths of the files holding a finding `proftpd -t` refuses.
    pub rejected_files: Vec<String>,
}

impl Summary {
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// `Found 3 problems (1 error, 2 warnings) in 2 files; proftpd -t would
    /// refuse: proftpd.conf`, or `No problems found in 2 files.`
    pub fn line(&self) -> String {
        fn count(n: usize, one: &str, many: &str) -> String {
            format!("{n} {}", if n == 1 { one } else { many })
        }
        if self.total() == 0 {
            return format!(
                "No problems found in {}.",
                count(self.files_checked, "file", "files")
            );
        }
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(count(self.errors, "error", "errors"));
        }
        if self.warnings > 0 {
            parts.push(count(self.warnings, "warning", "warnings"));
        }
        if self.infos > 0 {
            parts.push(count(self.infos, "info", "infos"));
        }
        let mut line = format!(
            "Found {} ({}) in {}",
            count(self.total(), "problem", "problems"),
            parts.join(", "),
            count(self.files, "file", "files"),
        );
        if self.proftpd_rejects {
            line.push_str("; proftpd -t would refuse: ");
            line.push_str(&self.rejected_files.join(", "));
        }
        line
    }
}

/// The path shown to users and CI systems: relative to `root` when `path` is
/// under it (compared lexically, component by component), with forward
/// slashes and never a leading `./`. Paths outside `root` are shown as given,
/// normalized the same way.
pub fn display_path(root: Option<&Path>, path: &Path) -> String {
    let path = without_cur_dir(path);
    let relative = root
        .map(without_cur_dir)
        .and_then(|root| path.strip_prefix(&root).ok().map(Path::to_path_buf))
        .filter(|rel| !rel.as_os_str().is_empty());
    let shown = relative.as_deref().unwrap_or(&path);
    let mut out = String::new();
    for component in shown.components() {
        let part = match component {
            Component::Prefix(p) => {
                out.push_str(&p.as_os_str().to_string_lossy());
                continue;
            }
            Component::RootDir => {
                out.push('/');
                continue;
            }
            Component::CurDir => ".".into(),
            Component::ParentDir => "..".into(),
            Component::Normal(s) => s.to_string_lossy(),
        };
        if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(&part);
    }
    if out.is_empty() { ".".to_owned() } else { out }
}

fn without_cur_dir(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// Replaces each line break (CRLF, CR or LF) in `text` with `with`.
pub(crate) fn one_line<'t>(text: &'t str, with: &str) -> std::borrow::Cow<'t, str> {
    if !text.contains(['\r', '\n']) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\n', with),
    )
}
