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

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till, take_till1, take_while};
use nom::combinator::{eof, map, value as value_of};
use nom::{IResult, Parser};

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
        let rest = &self.text[self.pos..];
        let start = self.offset_of(blanks(rest));
        let (after, token) = token(quoted_value)
            .parse_complete(&self.text[start..])
            .ok()?;
        let end = self.offset_of(after);
        self.pos = end;
        match token {
            Token::End => None,
            Token::Comment => {
                self.comment = Some(start);
                self.pos = self.text.len();
                None
            }
            Token::Bare => Some(Lexeme {
                range: start..end,
                quoted: false,
                unterminated: false,
            }),
            Token::Quoted { closed } => Some(Lexeme {
                range: start..end,
                quoted: true,
                unterminated: !closed,
            }),
        }
    }

    fn offset_of(&self, rest: &[u8]) -> usize {
        self.text.len() - rest.len()
    }
}

/// What [`token`] found at the start of its input (blanks already skipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    End,
    Comment,
    Bare,
    Quoted { closed: bool },
}

fn blanks(input: &[u8]) -> &[u8] {
    let skipped: IResult<&[u8], &[u8]> = take_while(is_c_space).parse_complete(input);
    skipped.map_or(input, |(rest, _)| rest)
}

/// One word, an inline comment, or the end of the line. A quoted word's
/// value goes to `value`.
fn token<'t>(value: &mut Vec<u8>) -> impl Parser<&'t [u8], Output = Token, Error = NomError<'t>> {
    alt((
        value_of(Token::End, eof),
        value_of(Token::Comment, tag(&b"#"[..])),
        map(|i| quoted_body(i, value), |closed| Token::Quoted { closed }),
        value_of(Token::Bare, take_till1(is_c_space)),
    ))
}

type NomError<'t> = nom::error::Error<&'t [u8]>;

/// `"` up to the next unescaped `"`; `\X` gives `X`, a backslash at the end
/// stays; a missing closing quote runs to the end. Output: whether the
/// closing quote was there. ProFTPD ends the word at the closing quote even
/// when text follows (`"ab"cd` is two words).
fn quoted_body<'t>(input: &'t [u8], value: &mut Vec<u8>) -> IResult<&'t [u8], bool> {
    let (mut input, _) = tag(&b"\""[..]).parse_complete(input)?;
    loop {
        let (rest, text) = take_till(|c| c == b'"' || c == b'\\').parse_complete(input)?;
        value.extend_from_slice(text);
        input = rest;
        match input {
            [] => return Ok((input, false)),
            [b'"', rest @ ..] => return Ok((rest, true)),
            [_backslash] => {
                value.push(b'\\');
                return Ok((&input[1..], false));
            }
            [_backslash, escaped, rest @ ..] => {
                value.push(*escaped);
                input = rest;
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

    /// Words as (value, quoted, unterminated), and where a comment starts.
    type Split = (Vec<(Vec<u8>, bool, bool)>, Option<usize>);

    /// ProFTPD's splitting written the plain way, one byte at a time.
    fn reference(t: &[u8]) -> Split {
        let (mut words, mut i) = (Vec::new(), 0);
        loop {
            while i < t.len() && is_c_space(t[i]) {
                i += 1;
            }
            match t.get(i) {
                None => return (words, None),
                Some(b'#') => return (words, Some(i)),
                Some(b'"') => {
                    let (mut value, mut closed) = (Vec::new(), false);
                    i += 1;
                    while i < t.len() {
                        match t[i] {
                            b'"' => {
                                closed = true;
                                i += 1;
                                break;
                            }
                            b'\\' if i + 1 < t.len() => {
                                value.push(t[i + 1]);
                                i += 2;
                            }
                            c => {
                                value.push(c);
                                i += 1;
                            }
                        }
                    }
                    words.push((value, true, !closed));
                }
                Some(_) => {
                    let start = i;
                    while i < t.len() && !is_c_space(t[i]) {
                        i += 1;
                    }
                    words.push((t[start..i].to_vec(), false, false));
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn splits_as_proftpd_does(
            t in proptest::collection::vec(proptest::sample::select(b"ab \t\"\\#'\x0b".to_vec()), 0..40)
        ) {
            let lexed = split_words(&t);
            let got: Vec<_> = lexed
                .words
                .iter()
                .map(|w| (w.value(&t).to_vec(), w.quoted, w.unterminated))
                .collect();
            proptest::prop_assert_eq!((got, lexed.comment), reference(&t));
        }
    }
}
