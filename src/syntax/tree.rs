//! The lossless tree: every logical line is an item, sections nest their
//! children, and every word keeps its file span.
//!
//! The tree is stored flat, in file order, so that a file costs a few
//! allocations however long it is: one 16-byte node per logical line and
//! one 12-byte record per word. A word's value is a slice of the file text
//! itself when it is written as it is read (a bare word on an ordinary line
//! of a valid UTF-8 file, the tree then shares the text with the
//! [`crate::source::SourceFile`]); other values (quoted, escaped, joined
//! across continuations, repaired UTF-8, the `<Name>` fix-up) are kept in
//! one string. A section is its opener's node plus the nodes up to the end
//! of its subtree (its closer, when it has one, is the last of them). What
//! the rest of the program sees are small copyable views — [`Item`],
//! [`Directive`], [`Section`], [`Word`] — that borrow the [`ParsedFile`].

use std::fmt;
use std::ops::Range;

use crate::source::{FileId, SharedText};

/// A `%{env:NAME}` reference inside a word's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvRef {
    pub name: String,
    /// Range of the whole `%{env:NAME}` in the word's value.
    pub range: Range<usize>,
}

/// What kind of line a directive line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    Directive,
    SectionOpen,
    SectionClose,
}

/// Where a node sits in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum NodeKind {
    /// A blank or comment line.
    Trivia,
    /// A directive line that is an item of its own (closers that close
    /// nothing and lines beyond the nesting limit included).
    Directive,
    /// The opener of a section; its subtree runs to `sub_end`.
    Open,
    /// The closer of the section whose subtree it ends.
    Close,
}

/// `Node::flags`: the line's role (2 bits) and facts about the line.
pub(crate) mod flag {
    pub const ROLE_MASK: u8 = 0b11;
    /// The name is the first word's value plus `>` (the `<Name arg>` fix-up).
    pub const NAME_FIXUP: u8 = 1 << 2;
    /// An opener whose section has a closer (the node before `sub_end`).
    pub const CLOSED: u8 = 1 << 3;
    /// One physical line without continuation, NUL or split: the logical
    /// text is the file text from the first non-blank to the line end.
    pub const SIMPLE: u8 = 1 << 4;
    /// The line has an inline comment (in `ParsedFile::comments`).
    pub const COMMENT: u8 = 1 << 5;
}

/// One logical line (it ends where the next one starts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    /// File offset of the line.
    pub start: u32,
    /// Index of the line's first word (the name) in `ParsedFile::words`.
    pub first_word: u32,
    /// Index just after the node's subtree (`index + 1` except for openers).
    pub sub_end: u32,
    /// Words on the line, name included (0 for trivia).
    pub n_words: u16,
    pub kind: NodeKind,
    pub flags: u8,
}

impl Node {
    pub fn role(&self) -> LineRole {
        match self.flags & flag::ROLE_MASK {
            1 => LineRole::SectionOpen,
            2 => LineRole::SectionClose,
            _ => LineRole::Directive,
        }
    }

    pub fn role_bits(role: LineRole) -> u8 {
        match role {
            LineRole::Directive => 0,
            LineRole::SectionOpen => 1,
            LineRole::SectionClose => 2,
        }
    }
}

/// `WordData::value`: flags, and the index of the value in
/// `ParsedFile::values` (or [`word_flag::IN_SOURCE`]).
pub(crate) mod word_flag {
    pub const QUOTED: u32 = 1 << 31;
    pub const UNTERMINATED: u32 = 1 << 30;
    pub const ENV: u32 = 1 << 29;
    /// The flags about the word as written (kept when its value moves).
    pub const WORD: u32 = QUOTED | UNTERMINATED | ENV;
    /// With [`IN_SOURCE`]: the value starts a byte after the span (an
    /// opening quote).
    pub const TRIM_START: u32 = 1 << 28;
    /// With [`IN_SOURCE`]: the value ends a byte before the span (a closing
    /// quote, or the `>` of a section tag).
    pub const TRIM_END: u32 = 1 << 27;
    pub const INDEX_MASK: u32 = (1 << 27) - 1;
    /// The value is the file text of the word's span (less the trims).
    pub const IN_SOURCE: u32 = INDEX_MASK;
}

/// One word: its file range and where its value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordData {
    pub start: u32,
    pub end: u32,
    /// Flags and value index, see [`word_flag`].
    pub value: u32,
}

/// Where a value is: in `ParsedFile::text`, or (with [`ValueRef::SOURCE`]
/// set in `len`) in the shared file text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ValueRef {
    pub start: u32,
    pub len: u32,
}

impl ValueRef {
    pub const SOURCE: u32 = 1 << 31;
}

/// A file's tree.
#[derive(Clone, PartialEq, Eq)]
pub struct ParsedFile {
    pub file: FileId,
    pub issues: Vec<super::SyntaxIssue>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) words: Vec<WordData>,
    pub(crate) values: Vec<ValueRef>,
    /// Values that are not file text, one after the other.
    pub(crate) text: String,
    /// The file text, when word values may point into it.
    pub(crate) source: Option<SharedText>,
    /// File length.
    pub(crate) len: u32,
    /// `(line, file offset)` of each inline comment, by line.
    pub(crate) comments: Vec<(u32, u32)>,
    /// `%{env:…}` references, ordered by word (`env_words[i]` is the word
    /// of `env_refs[i]`).
    pub(crate) env_words: Vec<u32>,
    pub(crate) env_refs: Vec<EnvRef>,
    /// The lines [`is_landmark`] picks, in order.
    pub(crate) landmarks: Vec<u32>,
}

/// The lines a few passes over the whole config look for, so that they need
/// not read every line: `Include`, `IncludeOptions`, `Define` and
/// `LoadModule` lines, and the openers of the conditional sections and of
/// `<Global>`. `name` is the name as looked up (`<Name>` for a section tag).
pub(crate) fn is_landmark(name: &[u8], role: LineRole) -> bool {
    let is = |names: &[&str], name: &[u8]| {
        names
            .iter()
            .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
    };
    match role {
        LineRole::Directive => is(&["Include", "IncludeOptions", "Define", "LoadModule"], name),
        LineRole::SectionOpen => is(
            &["IfModule", "IfDefine", "IfVersion", "Global"],
            &name[tag_name_range(name)],
        ),
        LineRole::SectionClose => false,
    }
}

/// Where the bare section name is in a tag's name: every leading `<`, then
/// every `/`, and one trailing `>` left out (`</Name>` → `Name`). The cuts
/// are next to ASCII bytes, so on character boundaries.
pub(crate) fn tag_name_range(name: &[u8]) -> Range<usize> {
    let opened = name.iter().take_while(|&&b| b == b'<').count();
    let start = opened + name[opened..].iter().take_while(|&&b| b == b'/').count();
    let end = if name.len() > start && name[name.len() - 1] == b'>' {
        name.len() - 1
    } else {
        name.len()
    };
    start..end
}

impl fmt::Debug for ParsedFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParsedFile")
            .field("file", &self.file)
            .field("items", &self.items())
            .field("issues", &self.issues)
            .finish()
    }
}

impl ParsedFile {
    /// End of logical line `line`.
    fn line_end(&self, line: usize) -> u32 {
        self.nodes.get(line + 1).map_or(self.len, |n| n.start)
    }

    /// A value (see [`ValueRef`]).
    fn value_str(&self, v: ValueRef, extra: usize) -> &str {
        let start = v.start as usize;
        let len = (v.len & !ValueRef::SOURCE) as usize + extra;
        if v.len & ValueRef::SOURCE != 0 {
            self.source
                .as_deref()
                .map_or("", |s| &s[start..start + len])
        } else {
            &self.text[start..start + len]
        }
    }

    /// The value of word `index`, `extra` bytes longer (the `>` of a fixed
    /// up name).
    pub(crate) fn word_value(&self, index: u32, extra: usize) -> &str {
        let w = &self.words[index as usize];
        match w.value & word_flag::INDEX_MASK {
            word_flag::IN_SOURCE => self.value_str(source_value(w), extra),
            i => self.value_str(self.values[i as usize], extra),
        }
    }

    /// The top-level items.
    pub fn items(&self) -> Items<'_> {
        Items {
            file: self,
            pos: 0,
            end: self.nodes.len() as u32,
        }
    }

    /// Number of logical lines (items at every depth, closers included).
    pub fn line_count(&self) -> usize {
        self.nodes.len()
    }

    /// File range of logical line `line`.
    pub fn line_span(&self, line: usize) -> Range<usize> {
        self.nodes[line].start as usize..self.line_end(line) as usize
    }

    /// Where logical line `line` sits in the tree.
    pub(crate) fn kind(&self, line: usize) -> NodeKind {
        self.nodes[line].kind
    }

    /// The line just after the subtree starting at `line` (the section's
    /// closer included, for an opener).
    pub(crate) fn subtree_end(&self, line: usize) -> usize {
        self.nodes[line].sub_end as usize
    }

    /// The directive on logical line `line`, if it is one.
    pub fn directive(&self, line: usize) -> Option<Directive<'_>> {
        let n = self.nodes.get(line)?;
        (n.kind != NodeKind::Trivia).then_some(Directive {
            file: self,
            index: line as u32,
        })
    }

    /// The section opened on logical line `line`, if it opens one.
    pub fn section(&self, line: usize) -> Option<Section<'_>> {
        let n = self.nodes.get(line)?;
        (n.kind == NodeKind::Open).then_some(Section {
            file: self,
            index: line as u32,
        })
    }

    /// The landmark lines (see [`is_landmark`]), in file order.
    pub(crate) fn landmark_lines(&self) -> &[u32] {
        &self.landmarks
    }

    /// The directives on the landmark lines: `Include`, `IncludeOptions`,
    /// `Define` and `LoadModule` lines, and the openers of the conditional
    /// sections and of `<Global>` (at any depth, in file order).
    pub fn landmarks(&self) -> impl Iterator<Item = Directive<'_>> + '_ {
        self.landmarks.iter().map(move |&line| Directive {
            file: self,
            index: line,
        })
    }

    /// The landmarks again, after the names changed (`%{env:…}` expanded).
    pub(crate) fn find_landmarks(&mut self) {
        let landmarks = self
            .directives()
            .filter(|d| is_landmark(d.name().as_bytes(), d.role()))
            .map(|d| d.line() as u32)
            .collect();
        self.landmarks = landmarks;
    }

    /// Every directive line (openers and closers included) in file order.
    pub fn directives(&self) -> impl Iterator<Item = Directive<'_>> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind != NodeKind::Trivia)
            .map(move |(i, _)| Directive {
                file: self,
                index: i as u32,
            })
    }

    /// Every directive line in file order, with the chain of enclosing
    /// section openers.
    pub fn walk(&self) -> Vec<(Vec<Directive<'_>>, Directive<'_>)> {
        let mut out = Vec::new();
        walk_items(self.items(), &mut Vec::new(), &mut out);
        out
    }

    /// Calls `f` with every directive line (openers and closers included)
    /// in file order, without building the section chains `walk` returns.
    pub fn for_each_directive<'a>(&'a self, f: &mut dyn FnMut(Directive<'a>)) {
        for d in self.directives() {
            f(d);
        }
    }

    /// The file reproduced from the tree (byte for byte).
    pub fn print(&self, raw: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(raw.len());
        for line in 0..self.nodes.len() {
            out.extend_from_slice(&raw[self.line_span(line)]);
        }
        out
    }

    /// The text ProFTPD tokenises on logical line `line` (see
    /// [`super::lines::LogicalLine::text`]); `raw` is the file.
    pub fn line_text<'r>(&self, raw: &'r [u8], line: usize) -> std::borrow::Cow<'r, [u8]> {
        let n = &self.nodes[line];
        if n.flags & flag::SIMPLE != 0 {
            let end = content_end(raw, n.start as usize, self.line_end(line) as usize);
            let start = raw[n.start as usize..end]
                .iter()
                .position(|b| !super::lines::is_c_space(*b))
                .map_or(end, |i| n.start as usize + i);
            return std::borrow::Cow::Borrowed(&raw[start..end]);
        }
        match super::lines::read_line(raw, n.start as usize) {
            Some(l) => std::borrow::Cow::Owned(l.text),
            None => std::borrow::Cow::Borrowed(&[]),
        }
    }

    fn word(&self, index: u32) -> Word<'_> {
        Word { file: self, index }
    }
}

/// The value of an [`word_flag::IN_SOURCE`] word.
pub(crate) fn source_value(w: &WordData) -> ValueRef {
    let start = w.start + u32::from(w.value & word_flag::TRIM_START != 0);
    let end = w.end - u32::from(w.value & word_flag::TRIM_END != 0);
    ValueRef {
        start,
        len: (end - start) | ValueRef::SOURCE,
    }
}

/// End of a simple line's text: before `\n` and one `\r`.
fn content_end(raw: &[u8], start: usize, mut end: usize) -> usize {
    if end > start && raw[end - 1] == b'\n' {
        end -= 1;
    }
    if end > start && raw[end - 1] == b'\r' {
        end -= 1;
    }
    end
}

fn walk_items<'a>(
    items: Items<'a>,
    stack: &mut Vec<Directive<'a>>,
    out: &mut Vec<(Vec<Directive<'a>>, Directive<'a>)>,
) {
    for item in items {
        match item {
            Item::Trivia { .. } => {}
            Item::Directive(d) => out.push((stack.clone(), d)),
            Item::Section(s) => {
                out.push((stack.clone(), s.open()));
                stack.push(s.open());
                walk_items(s.children(), stack, out);
                stack.pop();
                if let Some(close) = s.close() {
                    out.push((stack.clone(), close));
                }
            }
        }
    }
}

/// One item of a level of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item<'a> {
    /// A blank or comment line (its logical line index).
    Trivia {
        line: usize,
        span: Range<usize>,
    },
    Directive(Directive<'a>),
    Section(Section<'a>),
}

impl Item<'_> {
    pub fn span(&self) -> Range<usize> {
        match self {
            Item::Trivia { span, .. } => span.clone(),
            Item::Directive(d) => d.span(),
            Item::Section(s) => s.span(),
        }
    }
}

/// The items of one level, in file order.
#[derive(Clone)]
pub struct Items<'a> {
    file: &'a ParsedFile,
    pos: u32,
    end: u32,
}

impl<'a> Iterator for Items<'a> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        if self.pos >= self.end {
            return None;
        }
        let index = self.pos;
        let n = &self.file.nodes[index as usize];
        self.pos = n.sub_end.max(index + 1);
        Some(match n.kind {
            NodeKind::Trivia => Item::Trivia {
                line: index as usize,
                span: self.file.line_span(index as usize),
            },
            NodeKind::Open => Item::Section(Section {
                file: self.file,
                index,
            }),
            NodeKind::Directive | NodeKind::Close => Item::Directive(Directive {
                file: self.file,
                index,
            }),
        })
    }
}

impl fmt::Debug for Items<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// A line ProFTPD dispatches: a directive, a section opener or a closer.
#[derive(Clone, Copy)]
pub struct Directive<'a> {
    file: &'a ParsedFile,
    index: u32,
}

impl<'a> Directive<'a> {
    fn node(&self) -> &'a Node {
        &self.file.nodes[self.index as usize]
    }

    /// The file this line belongs to.
    pub fn parsed(&self) -> &'a ParsedFile {
        self.file
    }

    /// Index of the line among the file's logical lines.
    pub fn line(&self) -> usize {
        self.index as usize
    }

    /// File range of the whole logical line (newline included).
    pub fn span(&self) -> Range<usize> {
        self.file.line_span(self.index as usize)
    }

    /// The name as ProFTPD looks it up: for sections `<Name>` / `</Name>`.
    pub fn name(&self) -> &'a str {
        let n = self.node();
        self.file
            .word_value(n.first_word, usize::from(n.flags & flag::NAME_FIXUP != 0))
    }

    /// The first word (the name as written).
    pub fn name_word(&self) -> Word<'a> {
        self.file.word(self.node().first_word)
    }

    /// The arguments (every word after the name).
    pub fn args(&self) -> Words<'a> {
        let n = self.node();
        Words {
            file: self.file,
            start: n.first_word + 1,
            len: u32::from(n.n_words).saturating_sub(1),
        }
    }

    pub fn role(&self) -> LineRole {
        self.node().role()
    }

    /// File offset where an inline comment starts, if any.
    pub fn comment(&self) -> Option<usize> {
        if self.node().flags & flag::COMMENT == 0 {
            return None;
        }
        let comments = &self.file.comments;
        let i = comments.partition_point(|&(line, _)| line < self.index);
        comments.get(i).map(|&(_, at)| at as usize)
    }

    /// The bare section name for `<Name>` / `</Name>` tags.
    pub fn tag_name(&self) -> &'a str {
        let name = self.name();
        &name[tag_name_range(name.as_bytes())]
    }

    pub fn is_named(&self, name: &str) -> bool {
        self.name().eq_ignore_ascii_case(name)
    }

    /// File range from the name to the end of the last argument.
    pub fn content_span(&self) -> Range<usize> {
        let name = self.name_word().span();
        let end = self.args().last().map(|a| a.span().end).unwrap_or(name.end);
        name.start..end.max(name.end)
    }

    pub fn arg_values(&self) -> Vec<&'a str> {
        self.args().iter().map(|a| a.value()).collect()
    }

    /// Calls `f` with the argument values, gathered on the stack when there
    /// are few (most lines: no allocation).
    pub fn with_arg_values<R>(&self, f: impl FnOnce(&[&'a str]) -> R) -> R {
        let args = self.args();
        let mut few = [""; 8];
        if args.len() > few.len() {
            return f(&self.arg_values());
        }
        for (slot, word) in few.iter_mut().zip(args.iter()) {
            *slot = word.value();
        }
        f(&few[..args.len()])
    }
}

impl PartialEq for Directive<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.file, other.file) && self.index == other.index
    }
}

impl Eq for Directive<'_> {}

impl fmt::Debug for Directive<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Directive")
            .field("line", &self.line())
            .field("span", &self.span())
            .field("name", &self.name())
            .field("name_word", &self.name_word())
            .field("args", &self.args())
            .field("role", &self.role())
            .field("comment", &self.comment())
            .finish()
    }
}

/// A section: opener, children, and closer (missing when unclosed).
#[derive(Clone, Copy)]
pub struct Section<'a> {
    file: &'a ParsedFile,
    index: u32,
}

impl<'a> Section<'a> {
    fn node(&self) -> &'a Node {
        &self.file.nodes[self.index as usize]
    }

    pub fn open(&self) -> Directive<'a> {
        Directive {
            file: self.file,
            index: self.index,
        }
    }

    pub fn close(&self) -> Option<Directive<'a>> {
        let n = self.node();
        (n.flags & flag::CLOSED != 0).then_some(Directive {
            file: self.file,
            index: n.sub_end - 1,
        })
    }

    pub fn children(&self) -> Items<'a> {
        let n = self.node();
        Items {
            file: self.file,
            pos: self.index + 1,
            end: n.sub_end - u32::from(n.flags & flag::CLOSED != 0),
        }
    }

    pub fn name(&self) -> &'a str {
        self.open().tag_name()
    }

    pub fn span(&self) -> Range<usize> {
        let n = self.node();
        n.start as usize..self.file.line_end(n.sub_end as usize - 1) as usize
    }
}

impl PartialEq for Section<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.file, other.file) && self.index == other.index
    }
}

impl Eq for Section<'_> {}

impl fmt::Debug for Section<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Section")
            .field("open", &self.open())
            .field("children", &self.children())
            .field("close", &self.close())
            .finish()
    }
}

/// One word (directive name or argument).
#[derive(Clone, Copy)]
pub struct Word<'a> {
    file: &'a ParsedFile,
    index: u32,
}

impl<'a> Word<'a> {
    pub(crate) fn at(file: &'a ParsedFile, index: u32) -> Self {
        Word { file, index }
    }

    fn data(&self) -> &'a WordData {
        &self.file.words[self.index as usize]
    }

    /// File range of the word as written (quotes included).
    pub fn span(&self) -> Range<usize> {
        let w = self.data();
        w.start as usize..w.end as usize
    }

    /// The value ProFTPD sees: unquoted, unescaped, and for section tags
    /// after the `<Name ... >` fix-up (no `>`). Lossy UTF-8.
    pub fn value(&self) -> &'a str {
        self.file.word_value(self.index, 0)
    }

    pub fn quoted(&self) -> bool {
        self.data().value & word_flag::QUOTED != 0
    }

    pub fn unterminated_quote(&self) -> bool {
        self.data().value & word_flag::UNTERMINATED != 0
    }

    /// Whether the value holds a `%{env:…}` reference.
    pub fn has_env_refs(&self) -> bool {
        self.data().value & word_flag::ENV != 0
    }

    /// `%{env:…}` references (only in words longer than 7 bytes, as ProFTPD
    /// scans only those).
    pub fn env_refs(&self) -> &'a [EnvRef] {
        if self.data().value & word_flag::ENV == 0 {
            return &[];
        }
        let words = &self.file.env_words;
        let from = words.partition_point(|&w| w < self.index);
        let to = words.partition_point(|&w| w <= self.index);
        &self.file.env_refs[from..to]
    }
}

impl PartialEq for Word<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.file, other.file) && self.index == other.index
    }
}

impl Eq for Word<'_> {}

impl fmt::Debug for Word<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Word")
            .field("span", &self.span())
            .field("value", &self.value())
            .field("quoted", &self.quoted())
            .field("unterminated_quote", &self.unterminated_quote())
            .field("env_refs", &self.env_refs())
            .finish()
    }
}

/// The arguments of a directive.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    file: &'a ParsedFile,
    start: u32,
    len: u32,
}

impl<'a> Words<'a> {
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<Word<'a>> {
        (i < self.len as usize).then(|| self.file.word(self.start + i as u32))
    }

    /// Word `i`; panics when there is none (like indexing a slice).
    pub fn at(&self, i: usize) -> Word<'a> {
        self.get(i)
            .unwrap_or_else(|| panic!("argument {i} of {}", self.len))
    }

    pub fn first(&self) -> Option<Word<'a>> {
        self.get(0)
    }

    pub fn last(&self) -> Option<Word<'a>> {
        self.len.checked_sub(1).and_then(|i| self.get(i as usize))
    }

    pub fn iter(&self) -> WordIter<'a> {
        WordIter {
            file: self.file,
            pos: self.start,
            end: self.start + self.len,
        }
    }
}

impl<'a> IntoIterator for Words<'a> {
    type Item = Word<'a>;
    type IntoIter = WordIter<'a>;

    fn into_iter(self) -> WordIter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &Words<'a> {
    type Item = Word<'a>;
    type IntoIter = WordIter<'a>;

    fn into_iter(self) -> WordIter<'a> {
        self.iter()
    }
}

impl fmt::Debug for Words<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Iterator over [`Words`].
#[derive(Clone)]
pub struct WordIter<'a> {
    file: &'a ParsedFile,
    pos: u32,
    end: u32,
}

impl<'a> Iterator for WordIter<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        (self.pos < self.end).then(|| {
            self.pos += 1;
            self.file.word(self.pos - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = (self.end - self.pos) as usize;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for WordIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        (self.pos < self.end).then(|| {
            self.end -= 1;
            self.file.word(self.end)
        })
    }
}

impl ExactSizeIterator for WordIter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_names_lose_their_angle_brackets_and_slash() {
        let reference = |name: &str| -> String {
            let name = name.trim_start_matches('<').trim_start_matches('/');
            name.strip_suffix('>').unwrap_or(name).to_owned()
        };
        let text = "<Dir x>\n</Dir>\n<>\n<\n>\n</>\n<<//é>>\nplain\n</a b>\n<é\n";
        let tree = super::super::parse(FileId(0), text.as_bytes());
        let mut seen = 0;
        for d in tree.directives() {
            assert_eq!(d.tag_name(), reference(d.name()), "{:?}", d.name());
            seen += 1;
        }
        assert_eq!(seen, 10);
    }
}
