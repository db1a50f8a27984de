//! Exact emulation of ProFTPD's `pr_str_get_duration` (src/str.c, v1.3.8;
//! unchanged in master), used by every `Timeout*` directive.
//!
//! The grammar, in the order ProFTPD tries it:
//! 1. `sscanf("%2d:%2d:%2d")` matching three fields → `HH:MM:SS`; any negative
//!    field is `ERANGE`. Trailing text after the third field is ignored.
//! 2. Text ending (case-insensitively) in `s` or `sec` → seconds from a leading
//!    `sscanf("%d")`; `m`/`min` → minutes; `h`/`hr` → hours. Only the last
//!    characters are checked, so `10ms` is 10 seconds and `5hrs` is 5 seconds.
//!    Negative → `ERANGE`; no leading number → `EINVAL`. The multiplication is
//!    unchecked and wraps in 32 bits (`999999h` becomes negative, accepted).
//! 3. Otherwise a bare `strtol` number with no trailing text, truncated to
//!    `int`; negative (also after truncation) → `ERANGE`.

use std::fmt;

use compact_str::CompactString;

use super::number::{c_atoi, c_strtol};

/// The unit a duration was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DurationUnit {
    /// `HH:MM:SS`.
    Clock,
    /// Suffix `s` / `sec` (or anything ending in `s`).
    Seconds,
    /// Suffix `m` / `min`.
    Minutes,
    /// Suffix `h` / `hr`.
    Hours,
    /// A bare number of seconds.
    Bare,
}

impl DurationUnit {
    /// Seconds per unit (1 for clock and bare values).
    pub fn factor(self) -> i32 {
        match self {
            DurationUnit::Minutes => 60,
            DurationUnit::Hours => 3600,
            _ => 1,
        }
    }

    /// Spellings ProFTPD documents for this unit (lowercase).
    fn spellings(self) -> &'static [&'static str] {
        match self {
            DurationUnit::Seconds => &["s", "sec"],
            DurationUnit::Minutes => &["m", "min"],
            DurationUnit::Hours => &["h", "hr"],
            _ => &[],
        }
    }
}

/// Something the user probably did not mean, although ProFTPD accepts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationQuirk {
    /// A fraction such as `1.5h`: only the integer part (`1`) is used.
    Fraction {
        /// The ignored text, e.g. `.5h`.
        ignored: String,
    },
    /// The (alphabetic) suffix is not a spelling of the unit it was read as,
    /// e.g. `10ms` (read as 10 seconds), `5hrs` or `2mins` (seconds).
    UnitMisread {
        /// The suffix as written, e.g. `ms`.
        written: String,
        /// The unit ProFTPD used.
        read_as: DurationUnit,
    },
    /// Other, non-alphabetic text between the number and the unit, e.g. `5_h`.
    IgnoredText {
        /// The ignored text.
        ignored: String,
    },
    /// Text after `HH:MM:SS` that is ignored, e.g. `1:2:345` (the `5`).
    ClockTrailing {
        /// The ignored text.
        ignored: String,
    },
    /// A clock field of 60 or more (`00:90:00`): accepted and simply added.
    ClockFieldRange,
    /// The value did not fit a 32-bit `int` and wrapped (possibly to a
    /// negative number of seconds, which ProFTPD then stores).
    Wrapped {
        /// The number of seconds the user wrote.
        intended: i128,
    },
}

/// Why `pr_str_get_duration` rejected a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DurationError {
    /// `EINVAL`.
    Invalid,
    /// `ERANGE` (a negative value).
    OutOfRange,
}

impl DurationError {
    /// `strerror(errno)` exactly as glibc prints it.
    pub fn strerror(self) -> &'static str {
        match self {
            DurationError::Invalid => "Invalid argument",
            DurationError::OutOfRange => "Numerical result out of range",
        }
    }
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.strerror())
    }
}

impl std::error::Error for DurationError {}

/// A duration as ProFTPD reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duration {
    /// Seconds as ProFTPD stores them: always within `i32` range and may be
    /// negative after a wrap (`999999h`).
    pub seconds: i64,
    /// The text as written.
    pub written: CompactString,
    /// The unit it was read in.
    pub unit: DurationUnit,
    /// Everything surprising about how it was read (empty when clean).
    pub quirks: Vec<DurationQuirk>,
}

impl Duration {
    /// The most important quirk, if any.
    pub fn quirk(&self) -> Option<&DurationQuirk> {
        self.quirks.first()
    }

    /// True when the stored value is 0 (most timeouts: disabled).
    pub fn is_zero(&self) -> bool {
        self.seconds == 0
    }
}

/// One `%Nd` conversion of glibc `sscanf`: skips blanks, takes an optional
/// sign and digits, at most `width` characters counting the sign. Returns
/// the value and the index after it, or `None` on a matching failure.
fn scan_int(s: &[u8], mut i: usize, width: Option<usize>) -> Option<(i32, usize)> {
    while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
        i += 1;
    }
    let start = i;
    let mut left = width.unwrap_or(usize::MAX);
    if i < s.len() && left > 0 && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
        left -= 1;
    }
    let digits = i;
    while i < s.len() && left > 0 && s[i].is_ascii_digit() {
        i += 1;
        left -= 1;
    }
    if i == digits {
        return None;
    }
    let text = std::str::from_utf8(&s[start..i]).ok()?;
    Some((c_atoi(text), i))
}

/// `sscanf(s, "%2d:%2d:%2d", …) == 3`, with the index after the last field.
fn scan_clock(s: &str) -> Option<([i32; 3], usize)> {
    let b = s.as_bytes();
    let (h, i) = scan_int(b, 0, Some(2))?;
    if b.get(i) != Some(&b':') {
        return None;
    }
    let (m, i) = scan_int(b, i + 1, Some(2))?;
    if b.get(i) != Some(&b':') {
        return None;
    }
    let (sec, i) = scan_int(b, i + 1, Some(2))?;
    Some(([h, m, sec], i))
}

/// `pr_strnrstr(s, len, suffix, …, PR_STR_FL_IGNORE_CASE)`.
fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Which suffix branch `pr_str_get_duration` takes, if any.
fn suffix_unit(s: &str) -> Option<DurationUnit> {
    if ends_with_ci(s, "s") || ends_with_ci(s, "sec") {
        Some(DurationUnit::Seconds)
    } else if ends_with_ci(s, "m") || ends_with_ci(s, "min") {
        Some(DurationUnit::Minutes)
    } else if ends_with_ci(s, "h") || ends_with_ci(s, "hr") {
        Some(DurationUnit::Hours)
    } else {
        None
    }
}

/// Describes the text after the number in a suffixed duration.
fn suffix_quirk(rest: &str, unit: DurationUnit) -> Option<DurationQuirk> {
    let trimmed = rest.trim();
    if unit
        .spellings()
        .contains(&trimmed.to_ascii_lowercase().as_str())
    {
        return None;
    }
    if rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return Some(DurationQuirk::Fraction {
            ignored: rest.to_string(),
        });
    }
    if trimmed.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(DurationQuirk::UnitMisread {
            written: trimmed.to_string(),
            read_as: unit,
        });
    }
    Some(DurationQuirk::IgnoredText {
        ignored: rest.to_string(),
    })
}

/// Emulates `pr_str_get_duration(text, &duration)`.
pub fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    if let Some(([h, m, s], end)) = scan_clock(text) {
        if h < 0 || m < 0 || s < 0 {
            return Err(DurationError::OutOfRange);
        }
        let mut quirks = Vec::new();
        if end < text.len() {
            quirks.push(DurationQuirk::ClockTrailing {
                ignored: text[end..].to_string(),
            });
        }
        if m >= 60 || s >= 60 {
            quirks.push(DurationQuirk::ClockFieldRange);
        }
        let seconds = i64::from(h * 3600 + m * 60 + s);
        return Ok(Duration {
            seconds,
            written: CompactString::from(text),
            unit: DurationUnit::Clock,
            quirks,
        });
    }
    if text.is_empty() {
        return Err(DurationError::Invalid);
    }
    if let Some(unit) = suffix_unit(text) {
        let (n, end) = scan_int(text.as_bytes(), 0, None).ok_or(DurationError::Invalid)?;
        if n < 0 {
            return Err(DurationError::OutOfRange);
        }
        let seconds = n.wrapping_mul(unit.factor());
        let mut quirks = Vec::new();
        let intended = intended_from_text(text, unit);
        if let Some(q) = suffix_quirk(&text[end..], unit) {
            quirks.push(q);
        }
        if intended != i128::from(seconds) {
            quirks.push(DurationQuirk::Wrapped { intended });
        }
        return Ok(Duration {
            seconds: i64::from(seconds),
            written: CompactString::from(text),
            unit,
            quirks,
        });
    }
    let r = c_strtol(text);
    if r.end != text.len() {
        return Err(DurationError::Invalid);
    }
    let secs = r.value as i32;
    if secs < 0 {
        return Err(DurationError::OutOfRange);
    }
    let mut quirks = Vec::new();
    if i64::from(secs) != r.value || r.saturated {
        quirks.push(DurationQuirk::Wrapped {
            intended: intended_from_text(text, DurationUnit::Bare),
        });
    }
    Ok(Duration {
        seconds: i64::from(secs),
        written: CompactString::from(text),
        unit: DurationUnit::Bare,
        quirks,
    })
}

/// The number of seconds the user wrote, from the digits themselves
/// (saturating at `i128` bounds).
fn intended_from_text(text: &str, unit: DurationUnit) -> i128 {
    let t = text.trim_start();
    let sign_len = usize::from(t.starts_with(['+', '-']));
    let digits: String = t[sign_len..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let n = digits.parse::<i128>().unwrap_or(i128::MAX);
    let n = if t.starts_with('-') { -n } else { n };
    n.saturating_mul(i128::from(unit.factor()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(t: &str) -> i64 {
        parse_duration(t).unwrap().seconds
    }

    #[test]
    fn plain_forms() {
        assert_eq!(secs("600"), 600);
        assert_eq!(secs("0"), 0);
        assert_eq!(secs("30s"), 30);
        assert_eq!(secs("30sec"), 30);
        assert_eq!(secs("5m"), 300);
        assert_eq!(secs("5M"), 300);
        assert_eq!(secs("5min"), 300);
        assert_eq!(secs("5MIN"), 300);
        assert_eq!(secs("2h"), 7200);
        assert_eq!(secs("2hr"), 7200);
        assert_eq!(secs("2HR"), 7200);
        assert_eq!(secs("10 min"), 600);
        assert_eq!(secs("+5m"), 300);
        assert!(parse_duration("600").unwrap().quirks.is_empty());
        assert!(parse_duration("5min").unwrap().quirks.is_empty());
    }

    #[test]
    fn clock_form() {
        assert_eq!(secs("01:30:00"), 5400);
        assert_eq!(secs("1:2:3"), 3723);
        assert_eq!(secs(" 1: 2: 3"), 3723);
        assert_eq!(
            parse_duration("00:90:00").unwrap().quirks,
            vec![DurationQuirk::ClockFieldRange]
        );
        assert_eq!(secs("00:90:00"), 5400);
        let d = parse_duration("1:2:345").unwrap();
        assert_eq!(d.seconds, 3600 + 120 + 34);
        assert_eq!(
            d.quirks,
            vec![DurationQuirk::ClockTrailing {
                ignored: "5".into()
            }]
        );
        assert_eq!(parse_duration("-1:00:00"), Err(DurationError::OutOfRange));
        assert_eq!(secs("-0:00:00"), 0);
        // Two-digit limit: falls through to strtol, which sees trailing ':'.
        assert_eq!(parse_duration("100:00:00"), Err(DurationError::Invalid));
        assert_eq!(parse_duration("1:30"), Err(DurationError::Invalid));
    }

    #[test]
    fn fraction_is_truncated() {
        let d = parse_duration("1.5h").unwrap();
        assert_eq!(d.seconds, 3600);
        assert_eq!(d.unit, DurationUnit::Hours);
        assert_eq!(
            d.quirk(),
            Some(&DurationQuirk::Fraction {
                ignored: ".5h".into()
            })
        );
    }

    #[test]
    fn only_the_last_letters_choose_the_unit() {
        let d = parse_duration("10ms").unwrap();
        assert_eq!(d.seconds, 10);
        assert_eq!(
            d.quirk(),
            Some(&DurationQuirk::UnitMisread {
                written: "ms".into(),
                read_as: DurationUnit::Seconds
            })
        );
        assert_eq!(secs("5hrs"), 5);
        assert_eq!(secs("2mins"), 2);
        assert_eq!(secs("10 hours"), 10);
        assert!(matches!(
            parse_duration("3secs").unwrap().quirk(),
            Some(DurationQuirk::UnitMisread { .. })
        ));
        let d = parse_duration("5xh").unwrap();
        assert_eq!(d.seconds, 18000);
        assert_eq!(
            d.quirk(),
            Some(&DurationQuirk::UnitMisread {
                written: "xh".into(),
                read_as: DurationUnit::Hours
            })
        );
        let d = parse_duration("5_h").unwrap();
        assert_eq!(
            d.quirk(),
            Some(&DurationQuirk::IgnoredText {
                ignored: "_h".into()
            })
        );
        let d = parse_duration("1.5 hr").unwrap();
        assert_eq!(
            d.quirk(),
            Some(&DurationQuirk::Fraction {
                ignored: ".5 hr".into()
            })
        );
    }

    #[test]
    fn errors() {
        assert_eq!(parse_duration("abc"), Err(DurationError::Invalid));
        assert_eq!(parse_duration(""), Err(DurationError::Invalid));
        assert_eq!(parse_duration("s"), Err(DurationError::Invalid));
        assert_eq!(parse_duration("1d"), Err(DurationError::Invalid));
        assert_eq!(parse_duration("5 "), Err(DurationError::Invalid));
        assert_eq!(parse_duration("-1"), Err(DurationError::OutOfRange));
        assert_eq!(parse_duration("-5m"), Err(DurationError::OutOfRange));
        assert_eq!(parse_duration("2147483648"), Err(DurationError::OutOfRange));
        assert_eq!(DurationError::Invalid.to_string(), "Invalid argument");
        assert_eq!(
            DurationError::OutOfRange.to_string(),
            "Numerical result out of range"
        );
    }

    /// Cases checked against the real v1.3.8 `pr_str_get_duration` compiled
    /// with glibc (x86_64).
    #[test]
    fn glibc_oracle_cases() {
        assert_eq!(secs("+1:+2:+3"), 3723);
        assert_eq!(parse_duration("1:-1:00"), Err(DurationError::OutOfRange));
        assert_eq!(secs("12:34:56abc"), 45296);
        assert_eq!(secs("99999999999s"), 1215752191);
        assert_eq!(
            parse_duration("2147483648s"),
            Err(DurationError::OutOfRange)
        );
        assert_eq!(parse_duration(" -1"), Err(DurationError::OutOfRange));
        assert_eq!(secs("596524h"), -2147480896);
        assert_eq!(secs("5_h"), 18000);
        assert_eq!(secs("1.5 hr"), 3600);
    }

    #[test]
    fn wrapping() {
        let d = parse_duration("99999999999").unwrap();
        assert_eq!(d.seconds, 1215752191);
        assert_eq!(
            d.quirks,
            vec![DurationQuirk::Wrapped {
                intended: 99999999999
            }]
        );
        let d = parse_duration("999999h").unwrap();
        assert_eq!(d.seconds, 999999i64 * 3600 - (1i64 << 32));
        assert!(d.seconds < 0);
        assert_eq!(
            d.quirks,
            vec![DurationQuirk::Wrapped {
                intended: 3599996400
            }]
        );
        // In range: no quirk.
        assert!(parse_duration("596523h").unwrap().quirks.is_empty());
        assert!(parse_duration("596524h").unwrap().seconds < 0);
    }
}
