//! Logical lines, read exactly as ProFTPD 1.3.8 reads them
//! (`pr_fsio_getline` + `pr_parser_read_line`).
//!
//! ProFTPD reads into a 4096-byte buffer, chunk by chunk, where a chunk is a
//! physical line or as much of it as still fits:
//! - a chunk ending in `\` + `\n` continues the logical line (the two bytes
//!   are dropped, nothing is inserted); `\` + `\r\n` does not;
//! - a continued chunk whose first non-blank byte is `#` is thrown away;
//! - a chunk is cut at its first NUL byte, and a chunk that is cut (or has no
//!   newline) joins the next chunk onto the same logical line;
//! - when the buffer is full the logical line ends there and the rest of the
//!   physical line is read as the next logical line.
//!
//! Every byte of the file belongs to exactly one [`LogicalLine`], so the lines
//! concatenated reproduce the file byte for byte.

use std::ops::Range;

/// ProFTPD's `PR_TUNABLE_PARSER_BUFFER_SIZE`.
pub const PARSER_BUFFER_SIZE: usize = 4096;

/// A run of logical-text bytes and where they come from in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub logical_start: usize,
    pub file_start: usize,
    pub len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or whitespace only.
    Blank,
    /// First non-blank byte is `#`.
    Comment,
    /// Something ProFTPD will tokenise.
    Content,
}

/// Things about a line that ProFTPD handles silently but users rarely expect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineQuirk {
    /// The buffer filled: ProFTPD split the physical line here.
    SplitAtBufferSize,
    /// A continuation swallowed a comment line that did not itself end in a
    /// backslash, so `#` ends the directive's words there.
    /// The range is that comment chunk in the file.
    ContinuationIntoComment(Range<usize>),
    /// A comment line ending in `\` inside a continuation was dropped.
    DroppedCommentInContinuation(Range<usize>),
    /// `\` right before `\r\n`: not a continuation. Range of the backslash.
    BackslashBeforeCrlf(Range<usize>),
    /// A NUL byte cut the chunk; the rest of that physical line is ignored
    /// and the next one is joined on. Range: the NUL up to the chunk end.
    NulByte(Range<usize>),
    /// Last line of the file without a newline.
    NoFinalNewline,
}

/// One logical line as ProFTPD hands it to the tokeniser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogicalLine {
    /// All file bytes this line consumed, newline(s) included.
    pub span: Range<usize>,
    /// The text ProFTPD tokenises: continuations joined, trailing `\n` and one
    /// `\r` removed, leading blanks skipped.
    pub text: Vec<u8>,
    /// Maps `text` back to the file.
    pub segments: Vec<Segment>,
    pub kind: LineKind,
    /// Whether the logical line ended with a newline (ProFTPD warns
    /// "possibly truncated" otherwise).
    pub has_eol: bool,
    pub quirks: Vec<LineQuirk>,
}

impl LogicalLine {
    /// File offset of a logical-text offset (the end offset maps to just after
    /// the last byte before it).
    pub fn file_offset(&self, logical: usize) -> usize {
        for seg in &self.segments {
            if logical < seg.logical_start + seg.len {
                return seg.file_start + logical.saturating_sub(seg.logical_start);
            }
        }
        self.segments
            .last()
            .map(|s| s.file_start + s.len)
            .unwrap_or(self.span.start)
    }

    /// File range of a logical-text range.
    pub fn file_range(&self, logical: Range<usize>) -> Range<usize> {
        if logical.is_empty() {
            let at = self.file_offset(logical.start);
            return at..at;
        }
        let start = self.file_offset(logical.start);
        let end = self.file_offset(logical.end - 1) + 1;
        start..end
    }

    /// The file range of the content (without line terminators).
    pub fn content_range(&self) -> Range<usize> {
        self.file_range(0..self.text.len())
    }
}

/// Splits a file into logical lines.
pub fn logical_lines(raw: &[u8]) -> Vec<LogicalLine> {
    let mut reader = Reader { raw, pos: 0 };
    let mut lines = Vec::new();
    while let Some(line) = reader.next_line() {
        lines.push(line);
    }
    lines
}

/// The logical line that starts at file offset `start` (ProFTPD starts
/// every logical line afresh, so reading from a line's start gives the same
/// line as reading the whole file).
pub fn read_line(raw: &[u8], start: usize) -> Option<LogicalLine> {
    Reader { raw, pos: start }.next_line()
}

/// A logical line that is one physical line ending in `\n` within the
/// buffer, with no NUL byte, no continuation and no `\` before CRLF: what
/// nearly every line of a config is. Reading it needs no copy.
pub(crate) struct SimpleLine {
    /// File range of the whole line, newline included.
    pub span: Range<usize>,
    /// File range of the logical text (see [`LogicalLine::text`]).
    pub text: Range<usize>,
}

/// The line at `pos` when it is a [`SimpleLine`]; `None` sends the caller
/// to [`read_line`].
pub(crate) fn simple_line(raw: &[u8], pos: usize) -> Option<SimpleLine> {
    let limit = (pos + PARSER_BUFFER_SIZE).min(raw.len());
    let window = &raw[pos..limit];
    let i = memchr::memchr2(b'\n', 0, window)?;
    if window[i] != b'\n' || (i >= 1 && window[i - 1] == b'\\') {
        return None;
    }
    let mut end = i;
    if end >= 1 && window[end - 1] == b'\r' {
        if end >= 2 && window[end - 2] == b'\\' {
            return None;
        }
        end -= 1;
    }
    let lead = window[..end]
        .iter()
        .position(|b| !is_c_space(*b))
        .unwrap_or(end);
    Some(SimpleLine {
        span: pos..pos + i + 1,
        text: pos + lead..pos + end,
    })
}

struct Reader<'a> {
    raw: &'a [u8],
    pos: usize,
}

/// What `pr_fsio_gets` returned: up to `size` bytes, stopping after `\n`.
struct Chunk {
    range: Range<usize>,
}

impl Reader<'_> {
    fn gets(&mut self, size: usize) -> Option<Chunk> {
        if self.pos >= self.raw.len() || size == 0 {
            return None;
        }
        let start = self.pos;
        let limit = (start + size).min(self.raw.len());
        let end = match self.raw[start..limit].iter().position(|&b| b == b'\n') {
            Some(i) => start + i + 1,
            None => limit,
        };
        self.pos = end;
        Some(Chunk { range: start..end })
    }

    fn next_line(&mut self) -> Option<LogicalLine> {
        let line_start = self.pos;
        let mut text: Vec<u8> = Vec::new();
        let mut segments: Vec<Segment> = Vec::new();
        let mut quirks = Vec::new();
        let mut room = PARSER_BUFFER_SIZE;
        let mut ended_with_newline = false;
        let mut continued = false;

        while let Some(chunk) = self.gets(room) {
            let bytes = &self.raw[chunk.range.clone()];
            let nul = bytes.iter().position(|&b| b == 0);
            let inlen = nul.unwrap_or(bytes.len());
            if let Some(at) =
                nul.filter(|_| !quirks.iter().any(|q| matches!(q, LineQuirk::NulByte(_))))
            {
                quirks.push(LineQuirk::NulByte(chunk.range.start + at..chunk.range.end));
            }
            let ends_nl = inlen >= 1 && bytes[inlen - 1] == b'\n';
            if ends_nl {
                let backslash_nl = inlen >= 2 && bytes[inlen - 2] == b'\\';
                if !backslash_nl {
                    if inlen >= 3 && bytes[inlen - 2] == b'\r' && bytes[inlen - 3] == b'\\' {
                        let at = chunk.range.start + inlen - 3;
                        quirks.push(LineQuirk::BackslashBeforeCrlf(at..at + 1));
                    }
                    if continued && first_non_blank(bytes) == Some(b'#') {
                        quirks.push(LineQuirk::ContinuationIntoComment(chunk.range.clone()));
                    }
                    push_segment(&mut text, &mut segments, bytes, chunk.range.start, inlen);
                    ended_with_newline = true;
                    break;
                }
                if first_non_blank(bytes) == Some(b'#') {
                    if continued || !text.is_empty() {
                        quirks.push(LineQuirk::DroppedCommentInContinuation(chunk.range.clone()));
                    }
                    continue;
                }
                push_segment(
                    &mut text,
                    &mut segments,
                    bytes,
                    chunk.range.start,
                    inlen - 2,
                );
                room -= inlen - 2;
                continued = true;
                continue;
            }
            if room == inlen {
                quirks.push(LineQuirk::SplitAtBufferSize);
                push_segment(&mut text, &mut segments, bytes, chunk.range.start, inlen);
                break;
            }
            push_segment(&mut text, &mut segments, bytes, chunk.range.start, inlen);
            room -= inlen;
            continued = true;
        }

        if self.pos == line_start {
            return None;
        }
        let span = line_start..self.pos;
        if !ended_with_newline && !quirks.contains(&LineQuirk::SplitAtBufferSize) {
            quirks.push(LineQuirk::NoFinalNewline);
        }
        Some(finish_line(
            span,
            text,
            segments,
            ended_with_newline,
            quirks,
        ))
    }
}

fn first_non_blank(bytes: &[u8]) -> Option<u8> {
    bytes.iter().copied().find(|b| !is_c_space(*b))
}

fn push_segment(
    text: &mut Vec<u8>,
    segments: &mut Vec<Segment>,
    bytes: &[u8],
    file_start: usize,
    len: usize,
) {
    if len == 0 {
        return;
    }
    segments.push(Segment {
        logical_start: text.len(),
        file_start,
        len,
    });
    text.extend_from_slice(&bytes[..len]);
}

/// Applies `pr_parser_read_line`'s trimming: one `\n`, then one `\r`, then
/// leading blanks.
fn finish_line(
    span: Range<usize>,
    mut text: Vec<u8>,
    mut segments: Vec<Segment>,
    has_eol: bool,
    quirks: Vec<LineQuirk>,
) -> LogicalLine {
    if text.last() == Some(&b'\n') {
        text.pop();
    }
    if text.last() == Some(&b'\r') {
        text.pop();
    }
    let lead = text.iter().take_while(|b| is_c_space(**b)).count();
    if lead > 0 {
        text.drain(..lead);
    }
    rebase_segments(&mut segments, lead, text.len());
    let kind = match text.first() {
        None => LineKind::Blank,
        Some(b'#') => LineKind::Comment,
        Some(_) => LineKind::Content,
    };
    LogicalLine {
        span,
        text,
        segments,
        kind,
        has_eol,
        quirks,
    }
}

/// Drops `lead` bytes from the front of the segment map and clips it to `len`.
fn rebase_segments(segments: &mut Vec<Segment>, lead: usize, len: usize) {
    segments.retain_mut(|seg| {
        let seg_end = seg.logical_start + seg.len;
        if seg_end <= lead {
            return false;
        }
        let skip = lead.saturating_sub(seg.logical_start);
        let logical_start = seg.logical_start + skip - lead;
        if logical_start >= len {
            return false;
        }
        seg.len = (seg.len - skip).min(len - logical_start);
        seg.file_start += skip;
        seg.logical_start = logical_start;
        true
    });
}

/// C's `isspace` in the "C" locale.
pub fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &str) -> Vec<String> {
        logical_lines(raw.as_bytes())
            .iter()
            .map(|l| String::from_utf8_lossy(&l.text).into_owned())
            .collect()
    }

    #[test]
    fn spans_cover_the_file() {
        let raw = b"a b\n  \n# c\nX a \\\n# d \\\nZ\r\n\0q\nlast";
        let lines = logical_lines(raw);
        let mut pos = 0;
        for line in &lines {
            assert_eq!(line.span.start, pos);
            pos = line.span.end;
        }
        assert_eq!(pos, raw.len());
    }

    #[test]
    fn continuation_joins_without_space() {
        assert_eq!(
            texts("IncludeOptions AllowSymlinks\\\nZZ\n"),
            ["IncludeOptions AllowSymlinksZZ"]
        );
    }

    #[test]
    fn continued_comment_line_with_backslash_is_dropped() {
        assert_eq!(texts("X a \\\n# c \\\nZ\n"), ["X a Z"]);
    }

    #[test]
    fn continued_comment_line_without_backslash_ends_the_line() {
        let lines = logical_lines(b"X a \\\n# c\nZ\n");
        assert_eq!(lines[0].text, b"X a # c");
        assert!(matches!(
            lines[0].quirks[0],
            LineQuirk::ContinuationIntoComment(_)
        ));
        assert_eq!(lines[1].text, b"Z");
    }

    #[test]
    fn comment_with_backslash_never_swallows_the_next_line() {
        let lines = logical_lines(b"# c \\\nZ\n");
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, b"Z");
    }

    #[test]
    fn backslash_before_crlf_does_not_continue() {
        let lines = logical_lines(b"X a \\\r\nZ\r\n");
        assert_eq!(lines[0].text, b"X a \\");
        assert!(matches!(
            lines[0].quirks[0],
            LineQuirk::BackslashBeforeCrlf(_)
        ));
        assert_eq!(lines[1].text, b"Z");
    }

    #[test]
    fn long_lines_are_split_at_the_buffer_size() {
        let exact = format!("ServerAdmin {}\n", "a".repeat(4084));
        let lines = logical_lines(exact.as_bytes());
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text.len(), 4096);
        assert!(lines[0].quirks.contains(&LineQuirk::SplitAtBufferSize));
        assert_eq!(lines[1].kind, LineKind::Blank);
        let long = format!("ServerAdmin {}\n", "a".repeat(4085));
        assert_eq!(logical_lines(long.as_bytes())[1].text, b"a");
        let fits = format!("ServerAdmin {}\n", "a".repeat(4083));
        assert_eq!(logical_lines(fits.as_bytes()).len(), 1);
    }

    #[test]
    fn nul_cuts_the_chunk_and_joins_the_next_line() {
        let lines = logical_lines(b"Foo a\0junk\nbar\n");
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, b"Foo abar");
        assert_eq!(lines[0].file_range(4..6), 4..12);
    }

    #[test]
    fn only_nuls_yield_no_content() {
        let lines = logical_lines(&[0u8; 10000]);
        assert!(lines.iter().all(|l| l.kind == LineKind::Blank));
    }

    #[test]
    fn crlf_is_trimmed_once() {
        assert_eq!(texts("A b\r\r\n"), ["A b\r"]);
    }

    #[test]
    fn simple_lines_agree_with_the_reader() {
        let raw: &[u8] = b"  A b\n\t\n# c\r\nX \\\r\nY\\\nZ\n\0\nW\r\r\n \r\nlast";
        let mut pos = 0;
        let mut simple = 0;
        while pos < raw.len() {
            let line = read_line(raw, pos).unwrap();
            if let Some(s) = simple_line(raw, pos) {
                simple += 1;
                assert_eq!(s.span, line.span);
                assert_eq!(&raw[s.text.clone()], &line.text[..]);
                assert!(line.quirks.is_empty());
                assert_eq!(line.segments.len(), usize::from(!line.text.is_empty()));
            }
            pos = line.span.end;
        }
        assert_eq!(simple, 4);
    }

    #[test]
    fn word_offsets_map_back_across_continuations() {
        let lines = logical_lines(b"  X ab\\\ncd\n");
        let line = &lines[0];
        assert_eq!(line.text, b"X abcd");
        assert_eq!(line.file_range(2..6), 4..10);
    }
}
