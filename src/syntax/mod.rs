//! The lossless syntax tree of a ProFTPD config file.
//!
//! [`lines`] reads logical lines the way ProFTPD does, [`words`] splits them
//! into words, and [`parser`] builds the [`tree`] of sections, recovering at
//! every line so one problem never hides the next.

pub mod env;
pub mod lines;
pub mod parser;
pub mod tree;
pub mod words;

use std::ops::Range;

pub use parser::{Part, parse, parse_part, parse_source, parse_source_in_two, split_point};
pub(crate) use tree::NodeKind;
pub use tree::{
    Directive, EnvRef, Item, Items, LineRole, ParsedFile, Section, Word, WordIter, Words,
};

/// Which family a section tag belongs to, for closing rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionFamily {
    /// `<IfModule>`, `<IfDefine>`, `<IfVersion>`: evaluated while parsing,
    /// they open no configuration context.
    Conditional,
    /// mod_ifsession's `<IfUser>`, `<IfGroup>`, `<IfClass>`,
    /// `<IfAuthenticated>`: their closers close whatever context is open.
    Session,
    /// Everything else: `<VirtualHost>`, `<Directory>`, module sections...
    Context,
}

pub fn section_family(tag_name: &str) -> SectionFamily {
    const CONDITIONAL: [&str; 3] = ["IfModule", "IfDefine", "IfVersion"];
    const SESSION: [&str; 4] = ["IfUser", "IfGroup", "IfClass", "IfAuthenticated"];
    if CONDITIONAL.iter().any(|n| n.eq_ignore_ascii_case(tag_name)) {
        SectionFamily::Conditional
    } else if SESSION.iter().any(|n| n.eq_ignore_ascii_case(tag_name)) {
        SectionFamily::Session
    } else {
        SectionFamily::Context
    }
}

/// A problem found while reading lines and building the tree. The rules
/// layer turns each into a diagnostic (it knows severities, and whether
/// ProFTPD refuses the config, which for conditional sections depends on
/// whether the condition holds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxIssue {
    ByteOrderMark {
        span: Range<usize>,
    },
    InvalidUtf8 {
        span: Range<usize>,
        count: usize,
    },
    NulByte {
        span: Range<usize>,
    },
    UnterminatedQuote {
        span: Range<usize>,
    },
    BackslashBeforeCrlf {
        span: Range<usize>,
    },
    /// `comment` is the swallowed comment chunk; `line` the directive line.
    ContinuationIntoComment {
        comment: Range<usize>,
        line: Range<usize>,
    },
    DroppedCommentInContinuation {
        comment: Range<usize>,
    },
    /// `tail` is what ProFTPD reads as the next line; `length` the physical
    /// line's length.
    LineTooLong {
        tail: Range<usize>,
        length: usize,
    },
    NoFinalNewline {
        at: usize,
    },
    /// A word starting with `<` that is not a well-formed `<Name ...>` tag.
    MalformedSectionTag {
        span: Range<usize>,
        name: String,
    },
    UnclosedSection {
        open: Range<usize>,
        name: String,
    },
    /// A closer with no matching opener anywhere.
    StrayCloser {
        span: Range<usize>,
        name: String,
    },
    /// A closer whose section is open, but not innermost.
    MismatchedCloser {
        span: Range<usize>,
        name: String,
        open: Range<usize>,
        open_name: String,
    },
    CloserWithArguments {
        span: Range<usize>,
        name: String,
        args: String,
    },
    /// A conditional section closed out of order with the sections inside it.
    MisnestedConditional {
        span: Range<usize>,
        name: String,
        other: Range<usize>,
    },
    /// Sections nested deeper than the parser's limit (kept as flat lines).
    NestingTooDeep {
        span: Range<usize>,
        limit: usize,
    },
}
