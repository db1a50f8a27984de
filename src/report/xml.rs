//! XML 1.0 escaping for the JUnit and Checkstyle renderers.

/// Escapes text content: `&`, `<`, `>`; characters XML 1.0 cannot carry
/// (most C0 controls) become U+FFFD.
pub(crate) fn text(value: &str) -> String {
    escape(value, false)
}

/// Escapes an attribute value (double-quoted): as [`text`], plus `"`, `'`,
/// and tab, CR and LF as character references so parsers keep them.
pub(crate) fn attr(value: &str) -> String {
    escape(value, true)
}

fn escape(value: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(ch),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{fffd}'),
        }
    }
    out
}

/// The `Char` production of XML 1.0.
fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{a}' | '\u{d}'
        | '\u{20}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fffd}'
        | '\u{10000}'..='\u{10ffff}')
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(
            super::attr("a<b>&\"c'\n\t"),
            "a&lt;b&gt;&amp;&quot;c&apos;&#10;&#9;"
        );
        assert_eq!(
            super::text("a<b>&\"c'\n\u{1}\r"),
            "a&lt;b&gt;&amp;\"c'\n\u{fffd}&#13;"
        );
    }
}
