//! Builds the section tree from logical lines, recovering at every line.

use std::ops::Range;

use crate::source::{FileId, SharedText};

use super::lines::{LineKind, LineQuirk, LogicalLine, PARSER_BUFFER_SIZE, read_line, simple_line};
use super::tree::{
    EnvRef, LineRole, Node, NodeKind, ParsedFile, ValueRef, WordData, flag, is_landmark,
    tag_name_range, word_flag,
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

/// `shared`, when given, is `raw` as text.
fn build(file: FileId, raw: &[u8], shared: Option<SharedText>) -> ParsedFile {
    assert!(
        raw.len() < u32::MAX as usize,
        "config files of 4 GiB or more are not supported"
    );
    let mut builder = Builder::for_file(raw, shared.is_some());
    builder.read_lines(0..raw.len());
    builder.finish(file, shared)
}

/// Where the parse of a large file can be cut in two, for [`parse_part`]
/// to read the second part on another thread: the start of a physical line
/// after the middle of the file that certainly starts a logical line (the
/// line before it ends in `\n` with no `\` before it and has no NUL byte,
/// so whatever led up to it ends with it and no state carries over).
/// `None` if no such line comes soon after the middle.
pub fn split_point(raw: &[u8]) -> Option<usize> {
    const TRIES: usize = 1000;
    let middle = raw.len() / 2;
    let mut newline = memchr::memchr(b'\n', &raw[middle..])? + middle;
    for _ in 0..TRIES {
        if starts_a_logical_line(raw, newline + 1) {
            return Some(newline + 1);
        }
        newline += 1 + memchr::memchr(b'\n', &raw[newline + 1..])?;
    }
    None
}

/// Whether reading the whole file certainly starts a logical line at `at`
/// (see [`split_point`]); the end of the file does not count.
fn starts_a_logical_line(raw: &[u8], at: usize) -> bool {
    if at == 0 || at >= raw.len() || raw[at - 1] != b'\n' {
        return false;
    }
    let newline = at - 1;
    let line_start = memchr::memrchr(b'\n', &raw[..newline]).map_or(0, |i| i + 1);
    let line = &raw[line_start..newline];
    line.len() < PARSER_BUFFER_SIZE && line.last() != Some(&b'\\') && !line.contains(&0)
}

/// The lines of a file from a [`split_point`] on, read apart (on another
/// thread) and not yet placed in the tree: [`parse_source_in_two`] joins
/// them to the lines before.
#[derive(Debug)]
pub struct Part {
    lines: Lines,
    /// Each section opener and closer, and how many issues were found
    /// before it is to be placed.
    unplaced: Vec<(u32, usize)>,
}

/// Reads the lines of `text` (a whole file, valid UTF-8, shared with its
/// tree as [`parse_source`] does) from `from`, a [`split_point`], on.
pub fn parse_part(text: &str, from: usize) -> Part {
    read_part(text.as_bytes(), true, true, from)
}

fn read_part(raw: &[u8], valid_utf8: bool, shared: bool, from: usize) -> Part {
    let lines = memchr::memchr_iter(b'\n', &raw[from.min(raw.len())..]).count() + 1;
    let bytes = raw.len().saturating_sub(from);
    let mut builder = Builder::new(raw, valid_utf8, shared, lines, bytes);
    builder.unplaced = Some(Vec::new());
    builder.read_lines(from..raw.len());
    Part {
        lines: builder.out,
        unplaced: builder.unplaced.unwrap_or_default(),
    }
}

/// [`parse_source`], with the lines from `split` (a [`split_point`] of the
/// file) on read by [`parse_part`] elsewhere: `second_part` gives them
/// when this thread has read the lines before (`None`: they are read here).
/// The tree and the issues are those of one pass.
pub fn parse_source_in_two(
    source: &crate::source::SourceFile,
    split: usize,
    second_part: impl FnOnce() -> Option<Part>,
) -> ParsedFile {
    let raw = source.raw();
    let shared = source.shared_text();
    if shared.is_none() || !starts_a_logical_line(raw, split) {
        return parse_source(source);
    }
    let mut builder = Builder::for_file(raw, true);
    builder.read_lines(0..split);
    match second_part() {
        Some(part) => builder.append(part),
        None => builder.read_lines(split..raw.len()),
    }
    builder.finish(source.id, shared)
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
    /// Set for a [`Part`]: its lines are placed in the tree by
    /// [`Builder::append`], once the sections open before them are known.
    unplaced: Option<Vec<(u32, usize)>>,
    /// The whole file is valid UTF-8, so the words of simple lines are.
    valid_utf8: bool,
    /// Values may point into the file text (shared with the tree).
    shared: bool,
    out: Lines,
    /// Openers of the sections open at this line, outermost first.
    open: Vec<u32>,
    /// Names of sections opened beyond [`MAX_NESTING`], kept as flat lines.
    overflow: Vec<String>,
}

/// What a builder has read: the arrays of a [`ParsedFile`], and the issues.
#[derive(Debug, Default)]
struct Lines {
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
    landmarks: Vec<u32>,
    issues: Vec<SyntaxIssue>,
}

impl<'r> Builder<'r> {
    /// A builder for a whole file, with its file-wide issues.
    fn for_file(raw: &'r [u8], shared: bool) -> Self {
        // Physical lines: logical lines are about as many.
        let lines = memchr::memchr_iter(b'\n', raw).count() + 1;
        let valid_utf8 = shared || std::str::from_utf8(raw).is_ok();
        let mut builder = Builder::new(raw, valid_utf8, shared, lines, raw.len());
        builder.file_issues();
        builder
    }

    /// `lines` and `bytes`: about how much it will read.
    fn new(raw: &'r [u8], valid_utf8: bool, shared: bool, lines: usize, bytes: usize) -> Self {
        Builder {
            raw,
            unplaced: None,
            valid_utf8,
            shared,
            out: Lines {
                nodes: Vec::with_capacity(lines),
                words: Vec::with_capacity(bytes / 8 + 16),
                ..Lines::default()
            },
            open: Vec::new(),
            overflow: Vec::new(),
        }
    }

    /// Reads the logical lines in `range`, which starts and ends where
    /// logical lines do.
    fn read_lines(&mut self, range: Range<usize>) {
        let raw = self.raw;
        let mut pos = range.start;
        let mut continues_split = false;
        while pos < range.end {
            // The rest of a line cut at the buffer size may start inside a
            // UTF-8 character: it is never read as a simple line, whose
            // words are taken as valid text.
            let simple = if continues_split {
                None
            } else {
                simple_line(raw, pos)
            };
            if let Some(line) = simple {
                pos = line.span.end;
                continues_split = false;
                self.simple_line(line.span, line.text);
            } else {
                let line = read_line(raw, pos).expect("a line starts before the end");
                pos = line.span.end;
                self.line_issues(&line, continues_split);
                continues_split = line.quirks.contains(&LineQuirk::SplitAtBufferSize);
                self.logical_line(&line);
            }
        }
    }

    /// Takes over the lines a [`Part`] read after ours, then places them in
    /// the tree in order, with the issues in the order one pass finds them.
    /// Each of the part's arrays is freed as soon as it is copied (the peak
    /// memory of a large file is the tree plus its largest array).
    fn append(&mut self, part: Part) {
        let node_base = self.out.nodes.len() as u32;
        let word_base = self.out.words.len() as u32;
        let value_base = self.out.values.len() as u32;
        let text_base = self.out.text.len() as u32;
        self.out
            .nodes
            .extend(part.lines.nodes.into_iter().map(|n| Node {
                first_word: n.first_word + word_base,
                sub_end: n.sub_end + node_base,
                ..n
            }));
        self.out.words.extend(part.lines.words.into_iter().map(|w| {
            let index = w.value & word_flag::INDEX_MASK;
            if index == word_flag::IN_SOURCE {
                w
            } else {
                WordData {
                    value: (w.value & !word_flag::INDEX_MASK) | (index + value_base),
                    ..w
                }
            }
        }));
        self.out
            .values
            .extend(part.lines.values.into_iter().map(|v| {
                if v.len & ValueRef::SOURCE != 0 {
                    v
                } else {
                    ValueRef {
                        start: v.start + text_base,
                        len: v.len,
                    }
                }
            }));
        self.out.text.extend_from_slice(&part.lines.text);
        self.out.comments.extend(
            part.lines
                .comments
                .iter()
                .map(|&(node, at)| (node + node_base, at)),
        );
        self.out
            .tags
            .extend(part.lines.tags.iter().map(|&value| value + value_base));
        self.out
            .env_words
            .extend(part.lines.env_words.iter().map(|&word| word + word_base));
        self.out.env_refs.extend(part.lines.env_refs);
        self.out
            .landmarks
            .extend(part.lines.landmarks.iter().map(|&node| node + node_base));
        let mut issues = part.lines.issues.into_iter();
        let mut taken = 0;
        for (node, issues_before) in part.unplaced {
            self.out
                .issues
                .extend(issues.by_ref().take(issues_before - taken));
            taken = issues_before;
            let index = node + node_base;
            let role = self.out.nodes[index as usize].role();
            self.place(index, role);
        }
        self.out.issues.extend(issues);
    }

    fn file_issues(&mut self) {
        if self.raw.starts_with(b"\xEF\xBB\xBF") {
            self.out
                .issues
                .push(SyntaxIssue::ByteOrderMark { span: 0..3 });
        }
        if !self.valid_utf8 {
            if let Some(issue) = first_invalid_utf8(self.raw) {
                self.out.issues.push(issue);
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
            self.out.issues.push(issue);
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
        let index = self.out.nodes.len() as u32;
        self.out.nodes.push(Node {
            start: span.start as u32,
            first_word: self.out.words.len() as u32,
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
        let index = self.out.nodes.len() as u32;
        let first_word = self.out.words.len() as u32;
        let exact = simple && self.valid_utf8;
        let in_source = simple && self.shared;
        // `%{env:` needs a `%`: most lines have none.
        let percent = memchr::memchr(b'%', text).is_some();
        // The first word starts with `<` (a section tag, maybe malformed).
        let mut tag = false;
        let mut lexer = Lexer::new(text);
        loop {
            let value_start = self.out.text.len();
            let Some(lex) = lexer.next_word(&mut self.out.text) else {
                break;
            };
            let word_span = map.range(lex.range.clone());
            if lex.unterminated {
                self.out.issues.push(SyntaxIssue::UnterminatedQuote {
                    span: word_span.clone(),
                });
            }
            let word = self.out.words.len() as u32;
            let mut flags = 0;
            // A quoted word without escapes is its text between the quotes.
            let plain_quote = lex.quoted && !text[lex.range.clone()].contains(&b'\\');
            let stored = !in_source || lex.quoted && !plain_quote;
            if stored && !lex.quoted {
                self.out.text.extend_from_slice(&text[lex.range.clone()]);
            }
            let value: &[u8] = if stored || lex.quoted {
                &self.out.text[value_start..]
            } else {
                &text[lex.range]
            };
            if word == first_word {
                tag = value.first() == Some(&b'<');
            }
            if percent
                && env_refs(value, |r| {
                    self.out.env_words.push(word);
                    self.out.env_refs.push(r);
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
                if !exact && std::str::from_utf8(&self.out.text[value_start..]).is_err() {
                    let lossy = String::from_utf8_lossy(&self.out.text[value_start..]).into_owned();
                    self.out.text.truncate(value_start);
                    self.out.text.extend_from_slice(lossy.as_bytes());
                }
                self.push_value(
                    value_start as u32,
                    (self.out.text.len() - value_start) as u32,
                )
            } else {
                if lex.quoted {
                    // The lexer copied the value: it is not needed.
                    self.out.text.truncate(value_start);
                    flags |= word_flag::TRIM_START;
                    if !lex.unterminated {
                        flags |= word_flag::TRIM_END;
                    }
                }
                word_flag::IN_SOURCE
            };
            self.out.words.push(WordData {
                start: word_span.start as u32,
                end: word_span.end as u32,
                value: value_index | flags,
            });
        }
        let mut node_flags = if simple { flag::SIMPLE } else { 0 };
        if let Some(at) = lexer.comment {
            self.out.comments.push((index, map.offset(at) as u32));
            node_flags |= flag::COMMENT;
        }
        let mut n_words = self.out.words.len() - first_word as usize;

        if tag && n_words > 1 {
            let last = self.out.words.len() - 1;
            let value = self.value(last as u32);
            if value.ends_with(b">") {
                if value == b">" {
                    let w = self.out.words.pop().expect("the last word");
                    if w.value & word_flag::INDEX_MASK != word_flag::IN_SOURCE {
                        self.out.values.pop();
                    }
                    n_words -= 1;
                } else {
                    self.shorten(last);
                }
                if !self.value(first_word).ends_with(b">") {
                    // The name is the first word's value plus `>`: the two
                    // are kept adjacent in the text, once per spelling.
                    let v = self.tag_value(first_word);
                    let w = &mut self.out.words[first_word as usize];
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
        let landmark = is_landmark(name, role);
        if tag && role == LineRole::Directive {
            self.out.issues.push(SyntaxIssue::MalformedSectionTag {
                span: self.word_span(first_word),
                name: String::from_utf8_lossy(name).into_owned(),
            });
        }
        self.out.nodes.push(Node {
            start: span.start as u32,
            first_word,
            sub_end: index + 1,
            n_words: n_words as u16,
            kind: NodeKind::Directive,
            flags: node_flags | Node::role_bits(role),
        });
        if landmark {
            self.out.landmarks.push(index);
        }
        match &mut self.unplaced {
            // Placing a plain directive line changes nothing (see `place`).
            Some(_) if role == LineRole::Directive => {}
            Some(unplaced) => unplaced.push((index, self.out.issues.len())),
            None => self.place(index, role),
        }
    }

    fn push_value(&mut self, start: u32, len: u32) -> u32 {
        self.out.values.push(ValueRef { start, len });
        self.out.values.len() as u32 - 1
    }

    /// The value index of `word`'s value plus `>` in the text (stored once
    /// per spelling), with the length of the value alone.
    fn tag_value(&mut self, word: u32) -> u32 {
        let value = self.value(word);
        let found = self.out.tags.iter().copied().find(|&v| {
            let r = self.out.values[v as usize];
            let (start, len) = (r.start as usize, r.len as usize);
            &self.out.text[start..start + len] == value && self.out.text[start + len] == b'>'
        });
        if let Some(v) = found {
            return v;
        }
        let at = self.out.text.len();
        let name = value.to_vec();
        self.out.text.extend_from_slice(&name);
        self.out.text.push(b'>');
        let v = self.push_value(at as u32, name.len() as u32);
        self.out.tags.push(v);
        v
    }

    /// Drops the last byte (a `>`) of a word's value.
    fn shorten(&mut self, word: usize) {
        let w = self.out.words[word];
        match w.value & word_flag::INDEX_MASK {
            word_flag::IN_SOURCE if w.value & word_flag::TRIM_END == 0 => {
                self.out.words[word].value |= word_flag::TRIM_END;
            }
            word_flag::IN_SOURCE => {
                let r = super::tree::source_value(&w);
                let v = self.push_value(r.start, r.len - 1);
                self.out.words[word].value = (w.value & word_flag::WORD) | v;
            }
            i => self.out.values[i as usize].len -= 1,
        }
    }

    fn value(&self, word: u32) -> &[u8] {
        self.value_of(word, 0)
    }

    /// The value of a word, `extra` bytes longer.
    fn value_of(&self, word: u32, extra: usize) -> &[u8] {
        let w = &self.out.words[word as usize];
        let v = match w.value & word_flag::INDEX_MASK {
            word_flag::IN_SOURCE => super::tree::source_value(w),
            i => self.out.values[i as usize],
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
            &self.out.text[range]
        }
    }

    /// A line's name.
    fn name(&self, first_word: u32, flags: u8) -> &[u8] {
        self.value_of(first_word, usize::from(flags & flag::NAME_FIXUP != 0))
    }

    fn word_span(&self, word: u32) -> Range<usize> {
        let w = &self.out.words[word as usize];
        w.start as usize..w.end as usize
    }

    /// The name word's span of a line.
    fn name_span(&self, node: u32) -> Range<usize> {
        self.word_span(self.out.nodes[node as usize].first_word)
    }

    /// `Directive::tag_name` of a line.
    fn tag_name(&self, node: u32) -> &[u8] {
        let n = &self.out.nodes[node as usize];
        let name = self.name(n.first_word, n.flags);
        &name[tag_name_range(name)]
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
                self.out.nodes[index as usize].kind = NodeKind::Open;
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
                    self.out.issues.push(SyntaxIssue::NestingTooDeep {
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
        if self.innermost_is(self.tag_name(closer)) && self.out.nodes[closer as usize].n_words == 1
        {
            self.close_innermost(Some(closer), closer);
            return;
        }
        let name = self.tag_string(closer);
        let n = &self.out.nodes[closer as usize];
        if n.n_words > 1 {
            let (first, last) = (n.first_word + 1, n.first_word + u32::from(n.n_words) - 1);
            let args: Vec<String> = (first..=last)
                .map(|w| String::from_utf8_lossy(self.value(w)).into_owned())
                .collect();
            self.out.issues.push(SyntaxIssue::CloserWithArguments {
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
            self.out
                .issues
                .push(SyntaxIssue::StrayCloser { span, name });
            return;
        };
        let inner = *self
            .open
            .last()
            .expect("a deeper match implies an open section");
        match section_family(&name) {
            SectionFamily::Conditional => {
                // ProFTPD ignores the nesting of conditionals; the tree cannot.
                self.out.issues.push(SyntaxIssue::MisnestedConditional {
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
                        self.out.issues.push(SyntaxIssue::MisnestedConditional {
                            span: self.name_span(section),
                            name: self.tag_string(section),
                            other: span.clone(),
                        });
                    }
                } else {
                    let inner = self.open[innermost_context];
                    self.out.issues.push(SyntaxIssue::MismatchedCloser {
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
                    self.out.nodes[c as usize].kind = NodeKind::Close;
                    let open = &mut self.out.nodes[section as usize];
                    open.sub_end = c + 1;
                    open.flags |= flag::CLOSED;
                }
                None => self.out.nodes[section as usize].sub_end = at,
            }
        }
    }

    fn finish(mut self, file: FileId, source: Option<SharedText>) -> ParsedFile {
        while let Some(&section) = self.open.last() {
            self.out.issues.push(SyntaxIssue::UnclosedSection {
                open: self.name_span(section),
                name: self.tag_string(section),
            });
            let end = self.out.nodes.len() as u32;
            self.close_innermost(None, end);
        }
        let text = String::from_utf8(self.out.text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        ParsedFile {
            file,
            issues: self.out.issues,
            nodes: self.out.nodes,
            words: self.out.words,
            values: self.out.values,
            text,
            source,
            len: self.raw.len() as u32,
            comments: self.out.comments,
            env_words: self.out.env_words,
            env_refs: self.out.env_refs,
            landmarks: self.out.landmarks,
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

    /// Everything a tree says, with values instead of where they are stored
    /// (the two parts may store a section name's fixed-up spelling twice).
    fn view(p: &ParsedFile) -> String {
        let mut out = format!("len {}\n", p.len);
        for issue in &p.issues {
            out += &format!("issue {issue:?}\n");
        }
        for (i, n) in p.nodes.iter().enumerate() {
            out += &format!(
                "{i}: {:?} at {} to {} flags {:b}:",
                n.kind, n.start, n.sub_end, n.flags
            );
            for w in n.first_word..n.first_word + u32::from(n.n_words) {
                let d = &p.words[w as usize];
                let value = p.word_value(w, 0);
                let flags = d.value & word_flag::WORD;
                out += &format!(" [{}..{} {flags:x} {value:?}]", d.start, d.end);
            }
            out += "\n";
        }
        out += &format!("{:?} {:?} {:?}", p.comments, p.env_words, p.env_refs);
        out += &format!("\nlandmarks {:?}", p.landmarks);
        out
    }

    /// `raw` read in one pass, or in two parts cut at `split`.
    fn read(raw: &[u8], shared: Option<SharedText>, split: Option<usize>) -> ParsedFile {
        let mut builder = Builder::for_file(raw, shared.is_some());
        match split {
            None => builder.read_lines(0..raw.len()),
            Some(at) => {
                builder.read_lines(0..at);
                builder.append(read_part(raw, builder.valid_utf8, builder.shared, at));
            }
        }
        builder.finish(FileId(0), shared)
    }

    /// Checks every cut [`starts_a_logical_line`] allows against one pass,
    /// with and without the text shared; returns how many were checked.
    fn every_split_reads_as_one_pass(raw: &[u8]) -> usize {
        let shared = std::str::from_utf8(raw)
            .ok()
            .map(|text| SharedText::owned(text.to_owned()));
        let mut checked = 0;
        for share in [None, shared] {
            let mut tree = read(raw, share.clone(), None);
            let landmarks = tree.landmarks.clone();
            tree.find_landmarks();
            assert_eq!(landmarks, tree.landmarks, "landmarks of {raw:?}");
            let one_pass = view(&tree);
            for split in (1..raw.len()).filter(|&at| starts_a_logical_line(raw, at)) {
                let two_parts = read(raw, share.clone(), Some(split));
                assert_eq!(view(&two_parts), one_pass, "split at {split} of {raw:?}");
                checked += 1;
            }
        }
        checked
    }

    #[test]
    fn landmarks_are_the_lines_that_steer_reading() {
        let text = "Include /a\n\"include\" /b\nIncludeOptions IgnoreTempFiles\nDEFINE X\n\
            <Global>\n  LoadModule mod_x.c\n  <IfModule mod_x.c>\n  </IfModule>\n</Global>\n\
            <IfDefine X>\n<IfVersion >= 1.3>\nIncluded x\nDefined y\n</IfVersion>\n\
            </IfDefine>\n# Include /c\n<Directory /d>\n</Directory>\n<Global extra>\n";
        let tree = parse(FileId(0), text.as_bytes());
        let names: Vec<&str> = tree.landmarks().map(|d| d.name()).collect();
        assert_eq!(
            names,
            [
                "Include",
                "include",
                "IncludeOptions",
                "DEFINE",
                "<Global>",
                "LoadModule",
                "<IfModule>",
                "<IfDefine>",
                "<IfVersion>",
                "<Global>",
            ]
        );
    }

    const PIECES: &[&str] = &[
        "<Directory /x>",
        "</Directory>",
        "<IfModule m.c>",
        "</IfModule>",
        "<Limit",
        "READ>",
        "</Limit>",
        "<VirtualHost 1.2.3.4>",
        "</VirtualHost>",
        "</Anonymous>",
        "<Global>",
        "Include /x",
        "Define",
        "A b",
        "Name",
        ">",
        "\"q",
        "\"a\\\"b\"",
        "# c",
        "#",
        "%{env:X}",
        "\\",
        "\r",
        "\0",
        " ",
        "\t",
        "\u{e9}",
        "\u{ff}",
    ];

    proptest::proptest! {
        #[test]
        fn two_parts_read_as_one_pass(
            pieces in proptest::collection::vec(
                (
                    proptest::sample::select(PIECES),
                    proptest::sample::select(&["\n", " ", "\\\n", "\r\n", ""][..]),
                ),
                0..40,
            )
        ) {
            let text: String = pieces.iter().flat_map(|(piece, sep)| [*piece, *sep]).collect();
            every_split_reads_as_one_pass(text.as_bytes());
        }
    }

    #[test]
    fn two_parts_around_lines_cut_at_the_buffer_size() {
        let long = "x".repeat(PARSER_BUFFER_SIZE + 100);
        for text in [
            format!("A {long}\nB c\n<Directory /d>\nD e\n</Directory>\n"),
            format!("A b \\\n{long}\nC d\nE f\n"),
            format!("<IfModule m.c>\nA {long}\0 b\nC d\n</IfModule>\nE\n"),
            format!("A b\\\n# c\\\n{long} d\n<Limit READ>\nX\n</Limit>\n"),
        ] {
            assert!(every_split_reads_as_one_pass(text.as_bytes()) > 0);
        }
    }

    #[test]
    fn a_large_file_read_in_two_parts_is_the_same_tree() {
        let mut text = String::from("ServerName \"x\"\n<Global>\n");
        for i in 0..4000 {
            text += &format!(
                "<VirtualHost 10.0.{}.{}>\n  ServerName \"h{i}\" # c\n  <Directory /srv/{i}>\n    <Limit WRITE>\n      DenyAll\n    </Limit>\n  </Directory>\n</VirtualHost>\n",
                i / 250,
                i % 250
            );
            if i == 2500 {
                text += "</Global>\n";
            }
        }
        let mut sources = crate::source::SourceMap::new();
        let id = sources.add("/big.conf".into(), text.clone().into_bytes());
        let source = sources.get(id);
        let split = split_point(text.as_bytes()).expect("a split point");
        assert!(split >= text.len() / 2 && starts_a_logical_line(text.as_bytes(), split));
        let in_two = parse_source_in_two(source, split, || Some(parse_part(&text, split)));
        assert_eq!(view(&in_two), view(&parse_source(source)));
        let rest_here = parse_source_in_two(source, split, || None);
        assert_eq!(view(&rest_here), view(&parse_source(source)));
    }

    #[test]
    fn no_split_inside_a_continuation_or_after_a_nul() {
        let raw = b"A b\\\nc\nD\0e\nF\n";
        let allowed: Vec<usize> = (0..raw.len())
            .filter(|&at| starts_a_logical_line(raw, at))
            .collect();
        // After "c\n" (the end of the continued line); not after "A b\\\n",
        // not after the line with the NUL (ProFTPD joins the next one on).
        assert_eq!(allowed, vec![7]);
    }
}
