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

use nom::IResult;
use nom::Parser;
use nom::bytes::complete::{take_till, take_while};
use nom::combinator::opt;

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
    let mut lexed = Lexed::default();
    let mut rest = text;
    loop {
        let (after_space, _) = blanks(rest).expect("take_while cannot fail");
        rest = after_space;
        let offset = text.len() - rest.len();
        match rest.first() {
            None => break,
            Some(b'#') => {
                lexed.comment = Some(offset);
                break;
            }
            Some(b'"') => {
                let (after, word) = quoted_word(rest).expect("quoted_word cannot fail");
                let consumed = rest.len() - after.len();
                lexed.words.push(LexWord {
                    range: offset..offset + consumed,
                    ..word
                });
                rest = after;
            }
            Some(_) => {
                let (after, bare) = bare_word(rest).expect("bare_word cannot fail");
                lexed.words.push(LexWord {
                    range: offset..offset + bare.len(),
                    value: Vec::new(),
                    quoted: false,
                    unterminated: false,
                });
                rest = after;
            }
        }
        // ProFTPD skips exactly one terminator after a bare word; the blanks
        // loop above makes that equivalent.
    }
    lexed
}

fn blanks(input: &[u8]) -> IResult<&[u8], &[u8]> {
    take_while(is_c_space).parse(input)
}

fn bare_word(input: &[u8]) -> IResult<&[u8], &[u8]> {
    take_till(is_c_space).parse(input)
}

/// A word opened by `"`: content up to the next unescaped `"`.
fn quoted_word(input: &[u8]) -> IResult<&[u8], LexWord> {
    let (mut rest, _) = nom::bytes::complete::tag(&b"\""[..]).parse(input)?;
    let mut value = Vec::new();
    loop {
        let (after, chunk) = take_till(|b| b == b'"' || b == b'\\').parse(rest)?;
        value.extend_from_slice(chunk);
        rest = after;
        match rest.first() {
            Some(b'\\') => match rest.get(1) {
                Some(&escaped) => {
                    value.push(escaped);
                    rest = &rest[2..];
                }
                None => {
                    value.push(b'\\');
                    rest = &rest[1..];
                }
            },
            Some(_) => {
                let (after, _) = opt(nom::bytes::complete::tag(&b"\""[..])).parse(rest)?;
                return Ok((
                    after,
                    LexWord {
                        range: 0..0,
                        value,
                        quoted: true,
                        unterminated: false,
                    },
                ));
            }
            None => {
                return Ok((
                    rest,
                    LexWord {
                        range: 0..0,
                        value,
                        quoted: true,
                        unterminated: true,
                    },
                ));
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
