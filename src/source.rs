//! Source files as read (raw bytes) and the position arithmetic on them.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::fs::Contents;

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// One configuration file: its exact bytes, an offset-preserving text view,
/// and a line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub id: FileId,
    /// The path as the user named it (or as an Include resolved it).
    pub path: PathBuf,
    /// The bytes with every byte that is not part of valid UTF-8 replaced by
    /// `?`, so byte offsets are the same in both. For a valid file (nearly
    /// all) these are the bytes as read, and the parse tree shares them.
    text: SharedText,
    /// The bytes as read, when they differ from `text`.
    invalid_raw: Option<Vec<u8>>,
    /// Built at the first position asked for (a lint of a large config
    /// needs positions only for its report, once the tree is gone).
    lines: OnceLock<LineIndex>,
}

#[derive(Debug, Clone)]
struct LineIndex {
    starts: Vec<u32>,
    /// Per line: whether it is pure ASCII (columns are then byte offsets,
    /// which keeps positions O(1) on huge lines); `None` when the whole
    /// file is.
    ascii: Option<Vec<bool>>,
}

impl LineIndex {
    fn new(raw: &[u8]) -> LineIndex {
        let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', raw).count() + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', raw).map(|i| i as u32 + 1));
        let ascii = (!raw.is_ascii()).then(|| {
            starts
                .iter()
                .enumerate()
                .map(|(i, &start)| {
                    let end = starts.get(i + 1).map_or(raw.len(), |&e| e as usize);
                    raw[start as usize..end].is_ascii()
                })
                .collect()
        });
        LineIndex { starts, ascii }
    }
}

/// A 1-based line and column. `column` counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    /// Files of 4 GiB or more are not supported (offsets are 32-bit).
    pub fn new(id: FileId, path: PathBuf, raw: impl Into<Contents>) -> SourceFile {
        let raw = raw.into();
        assert!(
            raw.as_bytes().len() < u32::MAX as usize,
            "config files of 4 GiB or more are not supported"
        );
        let bytes = match raw {
            Contents::Owned(bytes) => bytes,
            Contents::Mapped(map) => match SharedText::mapped(map) {
                Ok(text) => return SourceFile::with_text(id, path, text, None),
                Err(map) => map.to_vec(),
            },
        };
        match String::from_utf8(bytes) {
            Ok(text) => SourceFile::with_text(id, path, SharedText::owned(text), None),
            Err(e) => {
                let raw = e.into_bytes();
                let text = SharedText::owned(offset_preserving_text(&raw));
                SourceFile::with_text(id, path, text, Some(raw))
            }
        }
    }

    fn with_text(
        id: FileId,
        path: PathBuf,
        text: SharedText,
        invalid_raw: Option<Vec<u8>>,
    ) -> SourceFile {
        SourceFile {
            id,
            path,
            text,
            invalid_raw,
            lines: OnceLock::new(),
        }
    }

    fn index(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.raw()))
    }

    /// Builds the line index now rather than at the first position asked
    /// for (for a thread that would otherwise wait).
    pub fn index_lines(&self) {
        self.index();
    }

    fn line_starts(&self) -> &[u32] {
        &self.index().starts
    }

    /// The bytes as read.
    pub fn raw(&self) -> &[u8] {
        self.invalid_raw.as_deref().unwrap_or(self.text.as_bytes())
    }

    /// The text with invalid UTF-8 bytes replaced by `?` (same offsets).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text, shared, when it is exactly the bytes as read.
    pub fn shared_text(&self) -> Option<SharedText> {
        self.invalid_raw.is_none().then(|| self.text.clone())
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn is_ascii_line(&self, line0: usize) -> bool {
        self.index().ascii.as_ref().is_none_or(|a| a[line0])
    }

    /// 0-based line number containing `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self
            .line_starts()
            .binary_search(&(offset.min(u32::MAX as usize) as u32))
        {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line0: usize) -> usize {
        self.line_starts()
            .get(line0)
            .map_or(self.len(), |&s| s as usize)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset);
        let line0 = self.line_index(offset);
        let start = self.line_starts()[line0] as usize;
        let column = if self.is_ascii_line(line0) {
            offset - start
        } else {
            self.text[start..offset].chars().count()
        };
        LineCol {
            line: line0 + 1,
            column: column + 1,
        }
    }

    /// [`SourceFile::line_col`] of `start` and of `end` (not before
    /// `start`): the line is looked up once when both are on it.
    pub fn line_col_range(&self, start: usize, end: usize) -> (LineCol, LineCol) {
        let from = self.line_col(start);
        let (start, end) = (self.clamp(start), self.clamp(end));
        let line0 = from.line - 1;
        let next_line = self.line_starts().get(line0 + 1).map(|&s| s as usize);
        let same_line = start <= end && next_line.is_none_or(|next| end < next);
        if same_line && self.is_ascii_line(line0) {
            let to = LineCol {
                line: from.line,
                column: from.column + (end - start),
            };
            return (from, to);
        }
        (from, self.line_col(end))
    }

    /// 0-based line and UTF-16 column, as LSP counts by default.
    pub fn line_col_utf16(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line0 = self.line_index(offset);
        let start = self.line_starts()[line0] as usize;
        if self.is_ascii_line(line0) {
            return (line0, offset - start);
        }
        let col = self.text[start..offset].chars().map(char::len_utf16).sum();
        (line0, col)
    }

    /// 0-based line and byte column.
    pub fn line_col_utf8(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line0 = self.line_index(offset);
        (line0, offset - self.line_starts()[line0] as usize)
    }

    /// Byte offset of a 0-based line and UTF-16 column (clamped to the line).
    pub fn offset_of_utf16(&self, line0: usize, col16: usize) -> usize {
        let start = self.line_start(line0);
        let end = self.line_end(line0);
        let mut units = 0;
        for (i, ch) in self.text[start..end].char_indices() {
            if units >= col16 {
                return start + i;
            }
            units += ch.len_utf16();
        }
        end
    }

    /// Byte offset of a 0-based line and byte column (clamped to the line).
    pub fn offset_of_utf8(&self, line0: usize, col8: usize) -> usize {
        let start = self.line_start(line0);
        let end = self.line_end(line0);
        let mut offset = (start + col8).min(end);
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Offset of the end of a 0-based line, before its newline.
    pub fn line_end(&self, line0: usize) -> usize {
        let next = self.line_start(line0 + 1);
        let mut end = next;
        if end > self.line_start(line0) && self.text.as_bytes().get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        end.max(self.line_start(line0))
    }

    /// Text of a 0-based line without its line ending.
    pub fn line_text(&self, line0: usize) -> &str {
        let start = self.line_start(line0);
        let mut end = self.line_end(line0);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        &self.text[start..end]
    }

    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// Replaces each byte of an invalid UTF-8 sequence with `?`, keeping offsets.
fn offset_preserving_text(raw: &[u8]) -> String {
    let mut out = String::with_capacity(raw.len());
    for chunk in raw.utf8_chunks() {
        out.push_str(chunk.valid());
        out.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    out
}

/// A file's valid UTF-8 text, shared by its [`SourceFile`] and its parse
/// tree: a string, or the file mapped into memory.
#[derive(Clone)]
pub struct SharedText(Arc<Text>);

enum Text {
    Owned(String),
    /// Checked to be UTF-8 when it was mapped.
    Mapped(memmap2::Mmap),
}

impl SharedText {
    pub fn owned(text: String) -> SharedText {
        SharedText(Arc::new(Text::Owned(text)))
    }

    /// The mapped file as text, or the map back when it is not UTF-8.
    fn mapped(map: memmap2::Mmap) -> Result<SharedText, memmap2::Mmap> {
        match std::str::from_utf8(&map) {
            Ok(_) => Ok(SharedText(Arc::new(Text::Mapped(map)))),
            Err(_) => Err(map),
        }
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        match &*self.0 {
            Text::Owned(text) => text,
            // SAFETY: checked to be UTF-8 in `SharedText::mapped`; the map
            // is private and read-only (see `RealFs::read_contents`).
            Text::Mapped(map) => unsafe { std::str::from_utf8_unchecked(map) },
        }
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &SharedText) -> bool {
        **self == **other
    }
}

impl Eq for SharedText {}

impl std::fmt::Debug for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// Every file read during one lint run, addressed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    by_path: std::collections::HashMap<PathBuf, FileId>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    pub fn add(&mut self, path: PathBuf, raw: impl Into<Contents>) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.by_path.entry(path.clone()).or_insert(id);
        self.files.push(SourceFile::new(id, path, raw));
        id
    }

    /// Moves a file read elsewhere into this map, giving it a new id.
    pub fn adopt(&mut self, mut file: SourceFile) -> FileId {
        let id = FileId(self.files.len() as u32);
        file.id = id;
        self.by_path.entry(file.path.clone()).or_insert(id);
        self.files.push(file);
        id
    }

    /// Takes the files out, in id order.
    pub fn into_files(self) -> Vec<SourceFile> {
        self.files
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::FileSystem;

    #[test]
    fn invalid_utf8_keeps_offsets() {
        let file = SourceFile::new(FileId(0), "x".into(), b"a\xffb\nc\xe2\x82".to_vec());
        assert_eq!(file.text(), "a?b\nc??");
        assert_eq!(file.raw(), b"a\xffb\nc\xe2\x82");
        assert_eq!(file.line_col(4), LineCol { line: 2, column: 1 });
        assert_eq!(file.line_col(2), LineCol { line: 1, column: 3 });
    }

    #[test]
    fn a_mapped_file_with_invalid_utf8_keeps_its_bytes_and_offsets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.conf");
        let mut bytes = b"# padding\n".repeat(crate::fs::MAP_FROM_BYTES as usize / 10 + 1);
        bytes.extend_from_slice(b"a\xffb\n");
        std::fs::write(&path, &bytes).unwrap();
        let contents = crate::fs::RealFs.read_contents(&path).unwrap();
        assert!(matches!(contents, Contents::Mapped(_)));
        let file = SourceFile::new(FileId(0), path, contents);
        assert_eq!(file.raw(), bytes.as_slice());
        assert!(file.text().ends_with("a?b\n"));
        assert_eq!(file.text().len(), bytes.len());
        assert!(file.shared_text().is_none());
    }

    #[test]
    fn a_mapped_utf8_file_is_shared_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.conf");
        let bytes = "ServerName \"é\"\n".repeat(crate::fs::MAP_FROM_BYTES as usize / 16 + 1);
        std::fs::write(&path, &bytes).unwrap();
        let contents = crate::fs::RealFs.read_contents(&path).unwrap();
        assert!(matches!(contents, Contents::Mapped(_)));
        let file = SourceFile::new(FileId(0), path, contents);
        assert_eq!(file.text(), bytes);
        assert_eq!(file.raw(), bytes.as_bytes());
        assert_eq!(file.shared_text().as_deref(), Some(bytes.as_str()));
    }

    #[test]
    fn a_range_has_the_positions_of_its_two_ends() {
        for text in ["ab\ncd\r\n\nx", "a😀b\nc\n", "", "\n\n", "é\nab"] {
            let file = SourceFile::new(FileId(0), "x".into(), text.as_bytes().to_vec());
            for start in 0..=text.len() + 1 {
                for end in start..=text.len() + 1 {
                    assert_eq!(
                        file.line_col_range(start, end),
                        (file.line_col(start), file.line_col(end)),
                        "{start}..{end} of {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let file = SourceFile::new(FileId(0), "x".into(), "a😀b\n".as_bytes().to_vec());
        assert_eq!(file.line_col_utf16(5), (0, 3));
        assert_eq!(file.offset_of_utf16(0, 3), 5);
        assert_eq!(file.line_col(5).column, 3);
    }
}
