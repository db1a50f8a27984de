//! The lossless tree: every logical line is an item, sections nest their
//! children, and every word keeps its file span.

use std::ops::Range;

use crate::source::FileId;

use super::lines::LogicalLine;

/// A `%{env:NAME}` reference inside a word's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvRef {
    pub name: String,
    /// Range of the whole `%{env:NAME}` in the word's value.
    pub range: Range<usize>,
}

/// One word (directive name or argument).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// File range of the word as written (quotes included).
    pub span: Range<usize>,
    /// The value ProFTPD sees: unquoted, unescaped, and for section tags
    /// after the `<Name ... >` fix-up (no `>`). Lossy UTF-8.
    pub value: String,
    pub quoted: bool,
    pub unterminated_quote: bool,
    /// `%{env:…}` references (only in words longer than 7 bytes, as ProFTPD
    /// scans only those).
    pub env_refs: Vec<EnvRef>,
}

/// What kind of line a directive line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    Directive,
    SectionOpen,
    SectionClose,
}

/// A line ProFTPD dispatches: a directive, a section opener or a closer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Index of the line in [`ParsedFile::lines`].
    pub line: usize,
    /// File range of the whole logical line (newline included).
    pub span: Range<usize>,
    /// The name as ProFTPD looks it up: for sections `<Name>` / `</Name>`.
    pub name: String,
    pub name_word: Word,
    pub args: Vec<Word>,
    pub role: LineRole,
    /// File offset where an inline comment starts, if any.
    pub comment: Option<usize>,
}

impl Directive {
    /// The bare section name for `<Name>` / `</Name>` tags.
    pub fn tag_name(&self) -> &str {
        let name = self.name.trim_start_matches('<').trim_start_matches('/');
        name.strip_suffix('>').unwrap_or(name)
    }

    pub fn is_named(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// File range from the name to the end of the last argument.
    pub fn content_span(&self) -> Range<usize> {
        let end = self
            .args
            .last()
            .map(|a| a.span.end)
            .unwrap_or(self.name_word.span.end);
        self.name_word.span.start..end.max(self.name_word.span.end)
    }

    pub fn arg_values(&self) -> Vec<&str> {
        self.args.iter().map(|a| a.value.as_str()).collect()
    }
}

/// A section: opener, children, and closer (missing when unclosed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub open: Directive,
    pub children: Vec<Item>,
    pub close: Option<Directive>,
}

impl Section {
    pub fn name(&self) -> &str {
        self.open.tag_name()
    }

    pub fn span(&self) -> Range<usize> {
        let end = match &self.close {
            Some(close) => close.span.end,
            None => self
                .children
                .last()
                .map(|c| c.span().end)
                .unwrap_or(self.open.span.end),
        };
        self.open.span.start..end
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A blank or comment line (index into [`ParsedFile::lines`]).
    Trivia {
        line: usize,
        span: Range<usize>,
    },
    Directive(Directive),
    /// Boxed: a section holds two directives and would make every item
    /// (blank lines included) several hundred bytes.
    Section(Box<Section>),
}

impl Item {
    pub fn span(&self) -> Range<usize> {
        match self {
            Item::Trivia { span, .. } => span.clone(),
            Item::Directive(d) => d.span.clone(),
            Item::Section(s) => s.span(),
        }
    }
}

/// A file's tree plus its logical lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    pub file: FileId,
    pub lines: Vec<LogicalLine>,
    pub items: Vec<Item>,
    pub issues: Vec<super::SyntaxIssue>,
}

impl ParsedFile {
    /// Every directive line in file order, with the chain of enclosing
    /// section openers.
    pub fn walk(&self) -> Vec<(Vec<&Directive>, &Directive)> {
        let mut out = Vec::new();
        walk_items(&self.items, &mut Vec::new(), &mut out);
        out
    }

    /// Calls `f` with every directive line (openers and closers included)
    /// in file order, without building the section chains `walk` returns.
    pub fn for_each_directive<'a>(&'a self, f: &mut dyn FnMut(&'a Directive)) {
        fn visit<'a>(items: &'a [Item], f: &mut dyn FnMut(&'a Directive)) {
            for item in items {
                match item {
                    Item::Trivia { .. } => {}
                    Item::Directive(d) => f(d),
                    Item::Section(s) => {
                        f(&s.open);
                        visit(&s.children, f);
                        if let Some(close) = &s.close {
                            f(close);
                        }
                    }
                }
            }
        }
        visit(&self.items, f);
    }

    /// The file reproduced from the tree (byte for byte).
    pub fn print(&self, raw: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(raw.len());
        print_items(&self.items, raw, &mut out);
        out
    }
}

fn walk_items<'a>(
    items: &'a [Item],
    stack: &mut Vec<&'a Directive>,
    out: &mut Vec<(Vec<&'a Directive>, &'a Directive)>,
) {
    for item in items {
        match item {
            Item::Trivia { .. } => {}
            Item::Directive(d) => out.push((stack.clone(), d)),
            Item::Section(s) => {
                out.push((stack.clone(), &s.open));
                stack.push(&s.open);
                walk_items(&s.children, stack, out);
                stack.pop();
                if let Some(close) = &s.close {
                    out.push((stack.clone(), close));
                }
            }
        }
    }
}

fn print_items(items: &[Item], raw: &[u8], out: &mut Vec<u8>) {
    for item in items {
        match item {
            Item::Trivia { span, .. } => out.extend_from_slice(&raw[span.clone()]),
            Item::Directive(d) => out.extend_from_slice(&raw[d.span.clone()]),
            Item::Section(s) => {
                out.extend_from_slice(&raw[s.open.span.clone()]);
                print_items(&s.children, raw, out);
                if let Some(close) = &s.close {
                    out.extend_from_slice(&raw[close.span.clone()]);
                }
            }
        }
    }
}
