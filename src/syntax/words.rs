//! Splitting a logical line into words, as ProFTPD's `pr_str_get_word` does.
//!
//! - words are separated by C whitespace;
//! - a word starting with `#` ends the line (an inline comment), while `#`
//!   inside a word is literal;
//! - `"` opens a quoted word only at the start of a word; inside it `\X`
//!   gives `X`; the closing quote ends the word even if text follows
//!   (`"ab"cd` is two words); a missing closing quote runs to the end;
//! - outside quotes `\` and `'` are ordinary characters.

use std::ops::Range;

use super::lines::is_c_space;

/// A word of a logical line, with positions in the logical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexWord {
    /// Range in the logical text, quotes included.
    pub range: Range<usize>,
    /// The word after unquoting and unescaping (quoted words only: a bare
    /// word's value is its text, see [`LexWord::value`]).
    pub value: Vec<u8>,
    pub quoted: bool,
    /// A quoted word whose closing quote is missing.
    pub unterminated: bool,
}

impl LexWord {
    /// The word's value: unquoted and unescaped.
    pub fn value<'t>(&'t self, text: &'t [u8]) -> &'t [u8] {
        if self.quoted {
            &self.value
        } else {
            &text[self.range.clone()]
        }
    }
}

/// Words of `text` and, if an inline comment ends them, where it starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lexed {
    pub words: Vec<LexWord>,
    pub comment: Option<usize>,
}

pub fn split_words(text: &[u8]) -> Lexed {
    let mut lexer = Lexer::new(text);
    let mut words = Vec::new();
    let mut value = Vec::new();
    while let Some(word) = lexer.next_word(&mut value) {
        words.push(LexWord {
            range: word.range,
            value: std::mem::take(&mut value),
            quoted: word.quoted,
            unterminated: word.unterminated,
        });
    }
    Lexed {
        words,
        comment: lexer.comment,
    }
}

/// One word found by [`Lexer`].
pub(crate) struct Lexeme {
    /// Range in the logical text, quotes included.
    pub range: Range<usize>,
    pub quoted: bool,
    pub unterminated: bool,
}

/// The word splitter, one word at a time and without allocating: quoted
/// words' values are appended to a buffer the caller owns.
pub(crate) struct Lexer<'t> {
    text: &'t [u8],
    pos: usize,
    /// Where an inline comment starts, once the lexer has reached it.
    pub comment: Option<usize>,
}

impl<'t> Lexer<'t> {
    pub fn new(text: &'t [u8]) -> Self {
        Lexer {
            text,
            pos: 0,
            comment: None,
        }
    }

    /// The next word; a quoted word's unescaped value is appended to
    /// `quoted_value` (a bare word's value is its text).
    pub fn next_word(&mut self, quoted_value: &mut Vec<u8>) -> Option<Lexeme> {
        let t = self.text;
        let n = t.len();
        let mut i = self.pos;
        while i < n && is_c_space(t[i]) {
            i += 1;
        }
        if i >= n {
            self.pos = n;
            return None;
        }
        let start = i;
        match t[i] {
            b'#' => {
                self.comment = Some(i);
                self.pos = n;
                None
            }
            b'"' => {
                // Up to the next unescaped `"`; `\X` gives `X`; a missing
                // closing quote runs to the end.
                i += 1;
                loop {
                    let Some(k) = memchr::memchr2(b'"', b'\\', &t[i..]) else {
                        quoted_value.extend_from_slice(&t[i..]);
                        self.pos = n;
                        return Some(Lexeme {
                            range: start..n,
                            quoted: true,
                            unterminated: true,
                        });
                    };
                    quoted_value.extend_from_slice(&t[i..i + k]);
                    i += k;
                    if t[i] == b'"' {
                        self.pos = i + 1;
                        return Some(Lexeme {
                            range: start..i + 1,
                            quoted: true,
                            unterminated: false,
                        });
                    }
                    match t.get(i + 1) {
                        Some(&escaped) => {
                            quoted_value.push(escaped);
                            i += 2;
                        }
                        None => {
                            quoted_value.push(b'\\');
                            i += 1;
                        }
                    }
                }
            }
            _ => {
                // ProFTPD skips exactly one terminator after a bare word;
                // skipping blanks before the next word makes that equivalent.
                while i < n && !is_c_space(t[i]) {
                    i += 1;
                }
                self.pos = i;
                Some(Lexeme {
                    range: start..i,
                    quoted: false,
                    unterminated: false,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        split_words(text.as_bytes())
            .words
            .iter()
            .map(|w| String::from_utf8_lossy(w.value(text.as_bytes())).into_owned())
            .collect()
    }

    #[test]
    fn table_from_the_reference() {
        assert_eq!(values(r#""a b""#), ["a b"]);
        assert_eq!(values(r#""a\"b\\c\nd""#), ["a\"b\\cnd"]);
        assert_eq!(values(r#"ab"cd"#), ["ab\"cd"]);
        assert_eq!(values(r#""ab"cd"#), ["ab", "cd"]);
        assert_eq!(values(r#""abc def"#), ["abc def"]);
        assert_eq!(values(r"a\ b"), ["a\\", "b"]);
        assert_eq!(values("'a b'"), ["'a", "b'"]);
        assert_eq!(values(r#""""#), [""]);
        assert_eq!(values("x#y"), ["x#y"]);
        assert_eq!(values("AllowSymlinks #comment"), ["AllowSymlinks"]);
        assert_eq!(values(r##""IgnoreTempFiles"#x"##), ["IgnoreTempFiles"]);
        assert_eq!(values(r#""IncludeOptions" "x""#), ["IncludeOptions", "x"]);
    }

    #[test]
    fn trailing_backslash_in_quotes_is_kept() {
        assert_eq!(values("\"ab\\"), ["ab\\"]);
    }

    #[test]
    fn ranges_include_quotes() {
        let lexed = split_words(br#"A "b c" d # e"#);
        let ranges: Vec<_> = lexed.words.iter().map(|w| w.range.clone()).collect();
        assert_eq!(ranges, [0..1, 2..7, 8..9]);
        assert_eq!(lexed.comment, Some(10));
    }

    #[test]
    fn unterminated_is_flagged() {
        let lexed = split_words(br#"A "b c"#);
        assert!(lexed.words[1].unterminated);
    }
}
