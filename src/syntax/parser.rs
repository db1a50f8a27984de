//! Builds the section tree from logical lines, recovering at every line.

use std::ops::Range;
use std::sync::Arc;

use crate::source::FileId;

use super::lines::{LineKind, LineQuirk, LogicalLine, read_line, simple_line};
use super::tree::{
    EnvRef, LineRole, Node, NodeKind, ParsedFile, ValueRef, WordData, flag, word_flag,
};
use super::words::Lexer;
use super::{SectionFamily, SyntaxIssue, section_family};

/// Parses one file. Never fails: problems become [`SyntaxIssue`]s.
///
/// Files over 4 GiB are not supported (offsets are stored in 32 bits).
pub fn parse(file: FileId, raw: &[u8]) -> ParsedFile {
    build(file, raw, None)
}

/// Parses a file of a [`SourceMap`](crate::source::SourceMap); the tree
/// shares its text instead of copying the words' values.
pub fn parse_source(source: &crate::source::SourceFile) -> ParsedFile {
    build(source.id, source.raw(), source.shared_text())
}

fn build(file: FileId, raw: &[u8], shared: Option<Arc<String>>) -> ParsedFile {
    assert!(
        raw.len() < u32::MAX as usize,
        "config files of 4 GiB or more are not supported"
    );
    // Physical lines: logical lines are about as many.
    let lines = memchr::memchr_iter(b'\n', raw).count() + 1;
    let shared = shared.filter(|text| text.as_bytes() == raw);
    let valid_utf8 = shared.is_some() || std::str::from_utf8(raw).is_ok();
    let mut builder = Builder::new(raw, valid_utf8, shared.is_some(), lines);
    builder.file_issues();
    let mut pos = 0;
    let mut continues_split = false;
    while pos < raw.len() {
        // The rest of a line cut at the buffer size may start inside a
        // UTF-8 character: it is never read as a simple line, whose words
        // are taken as valid text.
        let simple = if continues_split {
            None
        } else {
            simple_line(raw, pos)
        };
        if let Some(line) = simple {
            pos = line.span.end;
            continues_split = false;
            builder.simple_line(line.span, line.text);
        } else {
            let line = read_line(raw, pos).expect("a line starts before the end");
            pos = line.span.end;
            builder.line_issues(&line, continues_split);
            continues_split = line.quirks.contains(&LineQuirk::SplitAtBufferSize);
            builder.logical_line(&line);
        }
    }
    builder.finish(file, shared)
}

/// Sections nested deeper than this are kept flat (no real config comes
/// close; it keeps every recursive pass over the tree shallow).
pub const MAX_NESTING: usize = 200;

/// How logical-text offsets map to the file.
enum Map<'l> {
    /// The text is the file from this offset on.
    Simple(usize),
    Joined(&'l LogicalLine),
}

impl Map<'_> {
    fn range(&self, logical: Range<usize>) -> Range<usize> {
        match self {
            Map::Simple(base) => base + logical.start..base + logical.end,
            Map::Joined(line) => line.file_range(logical),
        }
    }

    fn offset(&self, logical: usize) -> usize {
        match self {
            Map::Simple(base) => base + logical,
            Map::Joined(line) => line.file_offset(logical),
        }
    }
}

struct Builder<'r> {
    raw: &'r [u8],
    /// The whole file is valid UTF-8, so the words of simple lines are.
    valid_utf8: bool,
    /// Values may point into the file text (shared with the tree).
    shared: bool,
    nodes: Vec<Node>,
    words: Vec<WordData>,
    values: Vec<ValueRef>,
    /// Values that are not file text (valid UTF-8 by construction).
    text: Vec<u8>,
    comments: Vec<(u32, u32)>,
    /// Values of section names fixed up with a `>` (see `tag_value`).
    tags: Vec<u32>,
    env_words: Vec<u32>,
    env_refs: Vec<EnvRef>,
    /// Openers of the sections open at this line, outermost first.
    open: Vec<u32>,
    /// Names of sections opened beyond [`MAX_NESTING`], kept as flat lines.
    overflow: Vec<String>,
    issues: Vec<SyntaxIssue>,
}

impl<'r> Builder<'r> {
    fn new(raw: &'r [u8], valid_utf8: bool, shared: bool, lines: usize) -> Self {
        Builder {
            raw,
            valid_utf8,
            shared,
            nodes: Vec::with_capacity(lines),
            words: Vec::with_capacity(raw.len() / 8 + 16),
            values: Vec::new(),
            text: Vec::new(),
            comments: Vec::new(),
            tags: Vec::new(),
            env_words: Vec::new(),
            env_refs: Vec::new(),
            open: Vec::new(),
            overflow: Vec::new(),
            issues: Vec::new(),
        }
    }

    fn file_issues(&mut self) {
        if self.raw.starts_with(b"\xEF\xBB\xBF") {
            self.issues.push(SyntaxIssue::ByteOrderMark { span: 0..3 });
        }
        if !self.valid_utf8 {
            if let Some(issue) = first_invalid_utf8(self.raw) {
                self.issues.push(issue);
            }
        }
    }

    fn line_issues(&mut self, line: &LogicalLine, continues_split: bool) {
        for quirk in &line.quirks {
            let issue = match quirk {
                // One finding per physical line, however many pieces it is cut into.
                LineQuirk::SplitAtBufferSize if continues_split => continue,
                LineQuirk::SplitAtBufferSize => {
                    let tail = read_line(self.raw, line.span.end)
                        .map(|n| n.content_range())
                        .unwrap_or(line.span.end..line.span.end);
                    let length = memchr::memchr(b'\n', &self.raw[line.span.start..])
                        .unwrap_or(self.raw.len() - line.span.start);
                    SyntaxIssue::LineTooLong { tail, length }
                }
                LineQuirk::ContinuationIntoComment(comment) => {
                    SyntaxIssue::ContinuationIntoComment {
                        comment: trim_newline(comment.clone(), line),
                        line: line.content_range(),
                    }
                }
                LineQuirk::DroppedCommentInContinuation(comment) => {
                    SyntaxIssue::DroppedCommentInContinuation {
                        comment: comment.clone(),
                    }
                }
                LineQuirk::BackslashBeforeCrlf(span) => {
                    SyntaxIssue::BackslashBeforeCrlf { span: span.clone() }
                }
                LineQuirk::NulByte(span) => SyntaxIssue::NulByte { span: span.clone() },
                LineQuirk::NoFinalNewline => SyntaxIssue::NoFinalNewline { at: line.span.end },
            };
            self.issues.push(issue);
        }
    }

    fn simple_line(&mut self, span: Range<usize>, text: Range<usize>) {
        let raw = self.raw;
        let bytes = &raw[text.clone()];
        if bytes.is_empty() || bytes[0] == b'#' {
            self.trivia(span, flag::SIMPLE);
        } else {
            self.directive_line(span, bytes, Map::Simple(text.start), true);
        }
    }

    fn logical_line(&mut self, line: &LogicalLine) {
        match line.kind {
            LineKind::Blank | LineKind::Comment => self.trivia(line.span.clone(), 0),
            LineKind::Content => {
                self.directive_line(line.span.clone(), &line.text, Map::Joined(line), false)
            }
        }
    }

    fn trivia(&mut self, span: Range<usize>, flags: u8) {
        let index = self.nodes.len() as u32;
        self.nodes.push(Node {
            start: span.start as u32,
            first_word: self.words.len() as u32,
            sub_end: index + 1,
            n_words: 0,
            kind: NodeKind::Trivia,
            flags,
        });
    }

    /// A content line: its words (with ProFTPD's section-tag fix-up:
    /// `<Directory /tmp>` → name `<Directory>`, argument `/tmp`), then its
    /// place in the tree.
    fn directive_line(&mut self, span: Range<usize>, text: &[u8], map: Map, simple: bool) {
        let index = self.nodes.len() as u32;
        let first_word = self.words.len() as u32;
        let exact = simple && self.valid_utf8;
        let in_source = simple && self.shared;
        // `%{env:` needs a `%`: most lines have none.
        let percent = memchr::memchr(b'%', text).is_some();
        // The first word starts with `<` (a section tag, maybe malformed).
        let mut tag = false;
        let mut lexer = Lexer::new(text);
        loop {
            let value_start = self.text.len();
            let Some(lex) = lexer.next_word(&mut self.text) else {
                break;
            };
            let word_span = map.range(lex.range.clone());
            if lex.unterminated {
                self.issues.push(SyntaxIssue::UnterminatedQuote {
                    span: word_span.clone(),
                });
            }
            let word = self.words.len() as u32;
            let mut flags = 0;
            // A quoted word without escapes is its text between the quotes.
            let plain_quote = lex.quoted && !text[lex.range.clone()].contains(&b'\\');
            let stored = !in_source || lex.quoted && !plain_quote;
            if stored && !lex.quoted {
                self.text.extend_from_slice(&text[lex.range.clone()]);
            }
            let value: &[u8] = if stored || lex.quoted {
                &self.text[value_start..]
            } else {
                &text[lex.range]
            };
            if word == first_word {
                tag = value.first() == Some(&b'<');
            }
            if percent
                && env_refs(value, |r| {
                    self.env_words.push(word);
                    self.env_refs.push(r);
                })
            {
                flags |= word_flag::ENV;
            }
            if lex.quoted {
                flags |= word_flag::QUOTED;
            }
            if lex.unterminated {
                flags |= word_flag::UNTERMINATED;
            }
            let value_index = if stored {
                if !exact && std::str::from_utf8(&self.text[value_start..]).is_err() {
                    let lossy = String::from_utf8_lossy(&self.text[value_start..]).into_owned();
                    self.text.truncate(value_start);
                    self.text.extend_from_slice(lossy.as_bytes());
                }
                self.push_value(value_start as u32, (self.text.len() - value_start) as u32)
            } else {
                if lex.quoted {
                    // The lexer copied the value: it is not needed.
                    self.text.truncate(value_start);
                    flags |= word_flag::TRIM_START;
                    if !lex.unterminated {
                        flags |= word_flag::TRIM_END;
                    }
                }
                word_flag::IN_SOURCE
            };
            self.words.push(WordData {
                start: word_span.start as u32,
                end: word_span.end as u32,
                value: value_index | flags,
            });
        }
        let mut node_flags = if simple { flag::SIMPLE } else { 0 };
        if let Some(at) = lexer.comment {
            self.comments.push((index, map.offset(at) as u32));
            node_flags |= flag::COMMENT;
        }
        let mut n_words = self.words.len() - first_word as usize;

        if tag && n_words > 1 {
            let last = self.words.len() - 1;
            let value = self.value(last as u32);
            if value.ends_with(b">") {
                if value == b">" {
                    let w = self.words.pop().expect("the last word");
                    if w.value & word_flag::INDEX_MASK != word_flag::IN_SOURCE {
                        self.values.pop();
                    }
                    n_words -= 1;
                } else {
                    self.shorten(last);
                }
                if !self.value(first_word).ends_with(b">") {
                    // The name is the first word's value plus `>`: the two
                    // are kept adjacent in the text, once per spelling.
                    let v = self.tag_value(first_word);
                    let w = &mut self.words[first_word as usize];
                    w.value = (w.value & word_flag::WORD) | v;
                    node_flags |= flag::NAME_FIXUP;
                }
            }
        }
        let name = self.name(first_word, node_flags);
        let role = if tag {
            tag_role(name)
        } else {
            LineRole::Directive
        };
        if tag && role == LineRole::Directive {
            self.issues.push(SyntaxIssue::MalformedSectionTag {
                span: self.word_span(first_word),
                name: String::from_utf8_lossy(name).into_owned(),
            });
        }
        self.nodes.push(Node {
            start: span.start as u32,
            first_word,
            sub_end: index + 1,
            n_words: n_words as u16,
            kind: NodeKind::Directive,
            flags: node_flags | Node::role_bits(role),
        });
        self.place(index, role);
    }

    fn push_value(&mut self, start: u32, len: u32) -> u32 {
        self.values.push(ValueRef { start, len });
        self.values.len() as u32 - 1
    }

    /// The value index of `word`'s value plus `>` in the text (stored once
    /// per spelling), with the length of the value alone.
    fn tag_value(&mut self, word: u32) -> u32 {
        let value = self.value(word);
        let found = self.tags.iter().copied().find(|&v| {
            let r = self.values[v as usize];
            let (start, len) = (r.start as usize, r.len as usize);
            &self.text[start..start + len] == value && self.text[start + len] == b'>'
        });
        if let Some(v) = found {
            return v;
        }
        let at = self.text.len();
        let name = value.to_vec();
        self.text.extend_from_slice(&name);
        self.text.push(b'>');
        let v = self.push_value(at as u32, name.len() as u32);
        self.tags.push(v);
        v
    }

    /// Drops the last byte (a `>`) of a word's value.
    fn shorten(&mut self, word: usize) {
        let w = self.words[word];
        match w.value & word_flag::INDEX_MASK {
            word_flag::IN_SOURCE if w.value & word_flag::TRIM_END == 0 => {
                self.words[word].value |= word_flag::TRIM_END;
            }
            word_flag::IN_SOURCE => {
                let r = super::tree::source_value(&w);
                let v = self.push_value(r.start, r.len - 1);
                self.words[word].value = (w.value & word_flag::WORD) | v;
            }
            i => self.values[i as usize].len -= 1,
        }
    }

    fn value(&self, word: u32) -> &[u8] {
        self.value_of(word, 0)
    }

    /// The value of a word, `extra` bytes longer.
    fn value_of(&self, word: u32, extra: usize) -> &[u8] {
        let w = &self.words[word as usize];
        let v = match w.value & word_flag::INDEX_MASK {
            word_flag::IN_SOURCE => super::tree::source_value(w),
            i => self.values[i as usize],
        };
        let (start, len, in_source) = (
            v.start,
            v.len & !ValueRef::SOURCE,
            v.len & ValueRef::SOURCE != 0,
        );
        let range = start as usize..(start + len) as usize + extra;
        if in_source {
            &self.raw[range]
        } else {
            &self.text[range]
        }
    }

    /// A line's name.
    fn name(&self, first_word: u32, flags: u8) -> &[u8] {
        self.value_of(first_word, usize::from(flags & flag::NAME_FIXUP != 0))
    }

    fn word_span(&self, word: u32) -> Range<usize> {
        let w = &self.words[word as usize];
        w.start as usize..w.end as usize
    }

    /// The name word's span of a line.
    fn name_span(&self, node: u32) -> Range<usize> {
        self.word_span(self.nodes[node as usize].first_word)
    }

    /// `Directive::tag_name` of a line.
    fn tag_name(&self, node: u32) -> &[u8] {
        let n = &self.nodes[node as usize];
        let mut name = self.name(n.first_word, n.flags);
        while let [b'<', rest @ ..] = name {
            name = rest;
        }
        while let [b'/', rest @ ..] = name {
            name = rest;
        }
        name.strip_suffix(b">").unwrap_or(name)
    }

    fn tag_string(&self, node: u32) -> String {
        String::from_utf8_lossy(self.tag_name(node)).into_owned()
    }

    fn family(&self, node: u32) -> SectionFamily {
        section_family(&String::from_utf8_lossy(self.tag_name(node)))
    }

    fn place(&mut self, index: u32, role: LineRole) {
        if self.too_deep(index, role) {
            return;
        }
        match role {
            LineRole::Directive => {}
            LineRole::SectionOpen => {
                self.nodes[index as usize].kind = NodeKind::Open;
                self.open.push(index);
            }
            LineRole::SectionClose => self.close(index),
        }
    }

    /// Handles openers and closers beyond the nesting limit.
    fn too_deep(&mut self, index: u32, role: LineRole) -> bool {
        match role {
            LineRole::SectionOpen if self.open.len() >= MAX_NESTING => {
                if self.overflow.is_empty() {
                    self.issues.push(SyntaxIssue::NestingTooDeep {
                        span: self.name_span(index),
                        limit: MAX_NESTING,
                    });
                }
                self.overflow.push(self.tag_string(index));
                true
            }
            LineRole::SectionClose
                if self
                    .overflow
                    .last()
                    .is_some_and(|n| n.as_bytes().eq_ignore_ascii_case(self.tag_name(index))) =>
            {
                self.overflow.pop();
                true
            }
            _ => false,
        }
    }

    fn close(&mut self, closer: u32) {
        if self.innermost_is(self.tag_name(closer)) && self.nodes[closer as usize].n_words == 1 {
            self.close_innermost(Some(closer), closer);
            return;
        }
        let name = self.tag_string(closer);
        let n = &self.nodes[closer as usize];
        if n.n_words > 1 {
            let (first, last) = (n.first_word + 1, n.first_word + u32::from(n.n_words) - 1);
            let args: Vec<String> = (first..=last)
                .map(|w| String::from_utf8_lossy(self.value(w)).into_owned())
                .collect();
            self.issues.push(SyntaxIssue::CloserWithArguments {
                span: self.word_span(first).start..self.word_span(last).end,
                name: name.clone(),
                args: args.join(" "),
            });
        }
        let span = self.name_span(closer);
        if self.innermost_is(name.as_bytes()) {
            self.close_innermost(Some(closer), closer);
            return;
        }
        let Some(depth) = self
            .open
            .iter()
            .rposition(|&s| self.tag_name(s).eq_ignore_ascii_case(name.as_bytes()))
        else {
            self.issues.push(SyntaxIssue::StrayCloser { span, name });
            return;
        };
        let inner = *self
            .open
            .last()
            .expect("a deeper match implies an open section");
        match section_family(&name) {
            SectionFamily::Conditional => {
                // ProFTPD ignores the nesting of conditionals; the tree cannot.
                self.issues.push(SyntaxIssue::MisnestedConditional {
                    span,
                    name,
                    other: self.name_span(inner),
                });
            }
            SectionFamily::Context | SectionFamily::Session => {
                let innermost_context = self
                    .open
                    .iter()
                    .rposition(|&s| self.family(s) != SectionFamily::Conditional)
                    .expect("the matched section is a context");
                if innermost_context == depth {
                    for &section in &self.open[depth + 1..] {
                        self.issues.push(SyntaxIssue::MisnestedConditional {
                            span: self.name_span(section),
                            name: self.tag_string(section),
                            other: span.clone(),
                        });
                    }
                } else {
                    let inner = self.open[innermost_context];
                    self.issues.push(SyntaxIssue::MismatchedCloser {
                        span,
                        name,
                        open: self.name_span(inner),
                        open_name: self.tag_string(inner),
                    });
                }
                while self.open.len() > depth + 1 {
                    self.close_innermost(None, closer);
                }
                self.close_innermost(Some(closer), closer);
            }
        }
    }

    fn innermost_is(&self, name: &[u8]) -> bool {
        self.open
            .last()
            .is_some_and(|&s| self.tag_name(s).eq_ignore_ascii_case(name))
    }

    /// Ends the innermost section: with `closer`, or (unclosed) just
    /// before line `at`.
    fn close_innermost(&mut self, closer: Option<u32>, at: u32) {
        if let Some(section) = self.open.pop() {
            match closer {
                Some(c) => {
                    self.nodes[c as usize].kind = NodeKind::Close;
                    let open = &mut self.nodes[section as usize];
                    open.sub_end = c + 1;
                    open.flags |= flag::CLOSED;
                }
                None => self.nodes[section as usize].sub_end = at,
            }
        }
    }

    fn finish(mut self, file: FileId, source: Option<Arc<String>>) -> ParsedFile {
        while let Some(&section) = self.open.last() {
            self.issues.push(SyntaxIssue::UnclosedSection {
                open: self.name_span(section),
                name: self.tag_string(section),
            });
            let end = self.nodes.len() as u32;
            self.close_innermost(None, end);
        }
        let text = String::from_utf8(self.text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        ParsedFile {
            file,
            issues: self.issues,
            nodes: self.nodes,
            words: self.words,
            values: self.values,
            text,
            source,
            len: self.raw.len() as u32,
            comments: self.comments,
            env_words: self.env_words,
            env_refs: self.env_refs,
        }
    }
}

fn trim_newline(range: Range<usize>, line: &LogicalLine) -> Range<usize> {
    let content_end = line.content_range().end;
    range.start..range.end.min(content_end.max(range.start))
}

fn first_invalid_utf8(raw: &[u8]) -> Option<SyntaxIssue> {
    let mut offset = 0;
    let mut first = None;
    let mut count = 0;
    for chunk in raw.utf8_chunks() {
        offset += chunk.valid().len();
        let bad = chunk.invalid().len();
        if bad > 0 {
            first.get_or_insert(offset..offset + bad);
            count += 1;
        }
        offset += bad;
    }
    first.map(|span| SyntaxIssue::InvalidUtf8 { span, count })
}

fn tag_role(name: &[u8]) -> LineRole {
    let well_formed = |inner: &[u8]| {
        !inner.is_empty() && !inner.iter().any(|b| matches!(b, b'<' | b'>')) && inner[0] != b'/'
    };
    if let Some(inner) = name.strip_prefix(b"</").and_then(|n| n.strip_suffix(b">")) {
        if well_formed(inner) {
            return LineRole::SectionClose;
        }
    } else if let Some(inner) = name.strip_prefix(b"<").and_then(|n| n.strip_suffix(b">")) {
        if well_formed(inner) {
            return LineRole::SectionOpen;
        }
    }
    LineRole::Directive
}

/// `%{env:NAME}` references, found as ProFTPD finds them: only in words
/// longer than 7 bytes; an unterminated one is skipped. Returns whether
/// there was one.
fn env_refs(value: &[u8], mut found: impl FnMut(EnvRef)) -> bool {
    const OPEN: &[u8] = b"%{env:";
    if value.len() <= 7 || memchr::memchr(b'%', value).is_none() {
        return false;
    }
    let mut any = false;
    let mut from = 0;
    while let Some(rel) = memchr::memmem::find(&value[from..], OPEN) {
        let start = from + rel;
        let name_start = start + OPEN.len();
        match memchr::memchr(b'}', &value[name_start..]) {
            Some(len) => {
                found(EnvRef {
                    name: String::from_utf8_lossy(&value[name_start..name_start + len])
                        .into_owned(),
                    range: start..name_start + len + 1,
                });
                any = true;
                from = name_start + len + 1;
            }
            None => from = name_start,
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Item;

    fn parse_str(text: &str) -> ParsedFile {
        parse(FileId(0), text.as_bytes())
    }

    #[test]
    fn round_trips() {
        let text = "A b\n<Directory /tmp>\n  # c\n  Deny all\n</Directory>\n\nX \"y z\" # w\n";
        let parsed = parse_str(text);
        assert_eq!(parsed.print(text.as_bytes()), text.as_bytes());
        assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    }

    #[test]
    fn section_fixup() {
        let parsed = parse_str("<Directory \"/a b\" >\n</Directory >\n");
        let Some(Item::Section(section)) = parsed.items().next() else {
            panic!()
        };
        assert_eq!(section.open().name(), "<Directory>");
        assert_eq!(section.open().arg_values(), ["/a b"]);
        assert_eq!(section.close().unwrap().name(), "</Directory>");
        assert!(parsed.issues.is_empty());
    }

    #[test]
    fn unclosed_and_stray() {
        let parsed = parse_str("</Limit>\n<Global>\n<Directory /x>\n");
        let kinds: Vec<_> = parsed.issues.iter().map(std::mem::discriminant).collect();
        assert_eq!(kinds.len(), 3);
        assert!(matches!(parsed.issues[0], SyntaxIssue::StrayCloser { .. }));
        assert!(
            matches!(&parsed.issues[1], SyntaxIssue::UnclosedSection { name, .. } if name == "Directory")
        );
    }

    #[test]
    fn mismatched_closer_recovers() {
        let parsed = parse_str("<Anonymous /srv>\n<Limit READ>\n</Anonymous>\nX y\n");
        assert!(
            matches!(&parsed.issues[0], SyntaxIssue::MismatchedCloser { open_name, .. } if open_name == "Limit")
        );
        assert_eq!(parsed.issues.len(), 1);
        assert!(matches!(parsed.items().last(), Some(Item::Directive(d)) if d.name() == "X"));
    }

    #[test]
    fn closer_with_arguments() {
        let parsed = parse_str("<IfModule mod_xfer.c>\n</IfModule mod_xfer.c>\n");
        assert!(
            matches!(&parsed.issues[0], SyntaxIssue::CloserWithArguments { args, .. } if args == "mod_xfer.c")
        );
    }

    #[test]
    fn malformed_tags() {
        let parsed = parse_str("<Directory /tmp\n< Directory /tmp>\n");
        let names: Vec<_> = parsed
            .issues
            .iter()
            .filter_map(|i| match i {
                SyntaxIssue::MalformedSectionTag { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["<Directory", "<>"]);
    }

    #[test]
    fn env_refs_only_in_long_words() {
        let refs = |value: &[u8]| {
            let mut found = Vec::new();
            env_refs(value, |r| found.push(r));
            found
        };
        assert!(refs(b"%{env:}").is_empty());
        let refs = refs(b"pre%{env:A}x%{env:BB}%{env:C");
        let names: Vec<_> = refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["A", "BB"]);
    }

    #[test]
    fn misnested_conditional_is_reported_not_fatal() {
        let parsed = parse_str("<IfModule mod_x.c>\n<Directory /a>\n</IfModule>\n</Directory>\n");
        assert!(matches!(
            parsed.issues[0],
            SyntaxIssue::MisnestedConditional { .. }
        ));
    }
}
