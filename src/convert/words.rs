//! Writing a word so that ProFTPD reads back exactly `value`.

use crate::syntax::lines::is_c_space;
use crate::syntax::words::split_words;

/// `value` bare when that is safe, else in double quotes with `"` and `\`
/// escaped. Bare is unsafe for empty values, values with C whitespace, a
/// leading `"` or `#`, or a trailing `\` (which would continue the line).
pub fn render_word(value: &str) -> String {
    let bytes = value.as_bytes();
    let bare = !bytes.is_empty()
        && !bytes.iter().any(|b| is_c_space(*b))
        && !matches!(bytes[0], b'"' | b'#')
        && !value.ends_with('\\');
    if bare {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The single word `text` reads as, if it is exactly one word.
pub fn read_word(text: &str) -> Option<String> {
    let lexed = split_words(text.as_bytes());
    match (lexed.words.as_slice(), lexed.comment) {
        ([w], None) if w.range.end == text.len() => {
            Some(String::from_utf8_lossy(w.value(text.as_bytes())).into_owned())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_words_read_back() {
        for v in [
            "a",
            "",
            "a b",
            "#x",
            "\"q",
            "a\\",
            "x\"y",
            "tab\there",
            "%{env:HOME}",
            "é",
        ] {
            assert_eq!(read_word(&render_word(v)).as_deref(), Some(v), "{v:?}");
        }
        assert_eq!(render_word("plain"), "plain");
        assert_eq!(render_word("a b"), "\"a b\"");
    }
}
