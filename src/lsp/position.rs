//! Byte offsets ↔ LSP positions in the negotiated encoding.

use std::ops::Range;

use lsp_types::{Position, PositionEncodingKind};

use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion needed), else the
    /// protocol's default UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    pub fn position(self, file: &SourceFile, offset: usize) -> Position {
        let (line, col) = match self {
            Encoding::Utf8 => file.line_col_utf8(offset),
            Encoding::Utf16 => file.line_col_utf16(offset),
        };
        Position::new(to_u32(line), to_u32(col))
    }

    pub fn range(self, file: &SourceFile, range: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(file, range.start),
            self.position(file, range.end.max(range.start)),
        )
    }

    /// The byte offset of a position; positions past a line's end clamp
    /// to it, lines past the end clamp to the end of the file.
    pub fn offset(self, file: &SourceFile, pos: Position) -> usize {
        let line = pos.line as usize;
        if line >= file.line_count() {
            return file.len();
        }
        match self {
            Encoding::Utf8 => file.offset_of_utf8(line, pos.character as usize),
            Encoding::Utf16 => file.offset_of_utf16(line, pos.character as usize),
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn non_ascii_columns_differ_by_encoding() {
        let file = SourceFile::new(
            FileId(0),
            "x".into(),
            "ServerName \"Café 😀\" x\n".as_bytes().to_vec(),
        );
        let x = file.text().rfind('x').unwrap();
        assert_eq!(Encoding::Utf8.position(&file, x), Position::new(0, 24));
        assert_eq!(Encoding::Utf16.position(&file, x), Position::new(0, 21));
        assert_eq!(Encoding::Utf16.offset(&file, Position::new(0, 21)), x);
        assert_eq!(Encoding::Utf8.offset(&file, Position::new(0, 24)), x);
        assert_eq!(
            Encoding::Utf8.offset(&file, Position::new(7, 0)),
            file.len()
        );
        assert_eq!(
            Encoding::Utf16.offset(&file, Position::new(0, 999)),
            file.text().len() - 1
        );
    }

    #[test]
    fn negotiation_prefers_utf8() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(Some(&both[..1])), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
