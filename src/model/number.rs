//! Exact emulation of glibc x86_64 `atoi`, which is `(int) strtol(s, NULL, 10)`.
//!
//! ProFTPD reads most numeric directive arguments with `atoi`, so what the
//! user wrote and what the server uses can differ: trailing text is ignored,
//! values beyond `i64` saturate, and the result keeps only the low 32 bits.
//! [`ParsedInt`] records both sides so rules can explain the difference.

use compact_str::CompactString;

/// Result of C `strtol(s, &end, 10)` on an LP64 platform (64-bit `long`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strtol {
    /// The returned `long`, saturated at `i64::MIN` / `i64::MAX` (ERANGE).
    pub value: i64,
    /// Byte index of `end`: just past the last digit, or 0 when no digits
    /// were found (strtol then sets `end` to the start of the string).
    pub end: usize,
    /// True when the digits did not fit an `i64` and strtol saturated.
    pub saturated: bool,
}

/// C `isspace` in the "C" locale.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Emulates `strtol(s, &end, 10)` with a 64-bit `long`.
pub fn c_strtol(s: &str) -> Strtol {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && is_c_space(bytes[i]) {
        i += 1;
    }
    let mut negative = false;
    if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
        negative = bytes[i] == b'-';
        i += 1;
    }
    let digits_start = i;
    let mut magnitude: u128 = 0;
    let mut overflow = false;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        if !overflow {
            magnitude = magnitude * 10 + u128::from(bytes[i] - b'0');
            if magnitude > u128::from(u64::MAX) {
                overflow = true;
            }
        }
        i += 1;
    }
    if i == digits_start {
        return Strtol {
            value: 0,
            end: 0,
            saturated: false,
        };
    }
    let limit_pos = i64::MAX as u128;
    let limit_neg = limit_pos + 1;
    let (value, saturated) = if negative {
        if overflow || magnitude > limit_neg {
            (i64::MIN, true)
        } else {
            ((magnitude as i128).wrapping_neg() as i64, false)
        }
    } else if overflow || magnitude > limit_pos {
        (i64::MAX, true)
    } else {
        (magnitude as i64, false)
    };
    Strtol {
        value,
        end: i,
        saturated,
    }
}

/// Emulates glibc `atoi(s)` on x86_64: `(int) strtol(s, NULL, 10)`.
///
/// `"2h"` → 2, `"99999999999"` → 1215752191, `"2147483648"` → -2147483648,
/// `"99999999999999999999"` → -1, `"abc"` → 0.
pub fn c_atoi(s: &str) -> i32 {
    c_strtol(s).value as i32
}

/// What the user wrote for an `atoi`-parsed argument versus what ProFTPD reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedInt {
    /// The value ProFTPD uses (`atoi` result).
    pub value: i32,
    /// The whole argument text as given.
    pub text: CompactString,
    /// Where [`ParsedInt::number_text`] is in `text`.
    number: std::ops::Range<usize>,
    /// The mathematical value of the numeric prefix, if any digits were
    /// written and it fits in an `i128`.
    pub written: Option<i128>,
    /// True when the `long` did not fit an `int` and only its low 32 bits
    /// were kept (`value` differs from the `long`).
    pub wrapped: bool,
    /// True when the written number did not fit a 64-bit `long` and strtol
    /// saturated before the 32-bit truncation.
    pub saturated: bool,
}

impl ParsedInt {
    /// Parses `text` the way `atoi` does and records every difference.
    pub fn parse(text: &str) -> ParsedInt {
        let r = c_strtol(text);
        let value = r.value as i32;
        let (number, written) = if r.end == 0 {
            (0..0, None)
        } else {
            let start = text.len()
                - text
                    .trim_start_matches(|c: char| c.is_ascii() && is_c_space(c as u8))
                    .len();
            (start..r.end, text[start..r.end].parse::<i128>().ok())
        };
        ParsedInt {
            value,
            text: CompactString::from(text),
            number,
            written,
            wrapped: i64::from(value) != r.value,
            saturated: r.saturated,
        }
    }

    /// The numeric prefix (optional sign and digits, without leading
    /// blanks); empty when no digits were found.
    pub fn number_text(&self) -> &str {
        &self.text[self.number.clone()]
    }

    /// Text after the digits that `atoi` ignores (the whole text if there
    /// are no digits).
    pub fn trailing(&self) -> &str {
        &self.text[self.number.end..]
    }

    /// True when no digits were written at all (`atoi` returns 0).
    pub fn has_no_digits(&self) -> bool {
        self.number.is_empty()
    }

    /// True when the text is exactly a decimal number ProFTPD reads as
    /// written: no blanks, no trailing text, no wrap or saturation.
    pub fn is_clean(&self) -> bool {
        !self.has_no_digits()
            && self.trailing().is_empty()
            && !self.wrapped
            && !self.saturated
            && self.number.len() == self.text.len()
    }
}

/// Shorthand for [`ParsedInt::parse`].
pub fn parse_int(text: &str) -> ParsedInt {
    ParsedInt::parse(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoi_examples_from_the_reference() {
        assert_eq!(c_atoi("2h"), 2);
        assert_eq!(c_atoi("99999999999"), 1215752191);
        assert_eq!(c_atoi("2147483648"), -2147483648);
        assert_eq!(c_atoi("4294967297"), 1);
        assert_eq!(c_atoi("99999999999999999999"), -1);
        assert_eq!(c_atoi("-99999999999999999999"), 0);
        assert_eq!(c_atoi("abc"), 0);
        assert_eq!(c_atoi(" 75"), 75);
        assert_eq!(c_atoi("\t\n75"), 75);
        assert_eq!(c_atoi("-5"), -5);
        assert_eq!(c_atoi("+7"), 7);
        assert_eq!(c_atoi(""), 0);
        assert_eq!(c_atoi("+"), 0);
        assert_eq!(c_atoi("- 5"), 0);
        assert_eq!(c_atoi("0x10"), 0);
        assert_eq!(c_atoi("75:3"), 75);
        assert_eq!(c_atoi("9223372036854775807"), -1);
        assert_eq!(c_atoi("-9223372036854775808"), 0);
        assert_eq!(c_atoi("-2147483648"), i32::MIN);
        assert_eq!(c_atoi("-2147483649"), i32::MAX);
    }

    #[test]
    fn strtol_end_and_saturation() {
        assert_eq!(
            c_strtol("abc"),
            Strtol {
                value: 0,
                end: 0,
                saturated: false
            }
        );
        assert_eq!(c_strtol("  12x").end, 4);
        let s = c_strtol("99999999999999999999");
        assert!(s.saturated);
        assert_eq!(s.value, i64::MAX);
        let s = c_strtol("-99999999999999999999");
        assert_eq!(s.value, i64::MIN);
        assert!(!c_strtol("9223372036854775807").saturated);
        assert!(c_strtol("9223372036854775808").saturated);
    }

    #[test]
    fn parsed_int_trailing_junk() {
        let p = parse_int("2h");
        assert_eq!(p.value, 2);
        assert_eq!(p.trailing(), "h");
        assert_eq!(p.written, Some(2));
        assert!(!p.wrapped && !p.saturated && !p.is_clean());
    }

    #[test]
    fn parsed_int_wrap_and_saturation() {
        let p = parse_int("99999999999");
        assert_eq!((p.value, p.wrapped, p.saturated), (1215752191, true, false));
        assert_eq!(p.written, Some(99999999999));
        let p = parse_int("2147483648");
        assert_eq!((p.value, p.wrapped), (-2147483648, true));
        let p = parse_int("4294967297");
        assert_eq!((p.value, p.wrapped), (1, true));
        let p = parse_int("99999999999999999999");
        assert_eq!((p.value, p.wrapped, p.saturated), (-1, true, true));
        assert_eq!(p.written, Some(99999999999999999999));
        let p = parse_int(&"9".repeat(50));
        assert_eq!((p.value, p.written), (-1, None));
    }

    #[test]
    fn parsed_int_plain_and_empty() {
        let p = parse_int("abc");
        assert_eq!(p.value, 0);
        assert!(p.has_no_digits());
        assert_eq!(p.trailing(), "abc");
        assert_eq!(p.written, None);
        let p = parse_int(" 75");
        assert_eq!((p.value, p.number_text()), (75, "75"));
        assert!(!p.is_clean(), "leading blank is not clean");
        assert!(parse_int("75").is_clean());
        assert!(parse_int("-5").is_clean());
        assert_eq!(parse_int("+7").value, 7);
        assert_eq!(parse_int("+7").written, Some(7));
    }
}
