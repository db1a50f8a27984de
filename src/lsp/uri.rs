//! `file:` URI ↔ path conversion. lsp-types 0.97's `Uri` has none, so this
//! does RFC 3986 percent-encoding itself (UTF-8 bytes, `%XX` escapes).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

/// Characters left as they are in a path segment; everything else is escaped.
fn is_unreserved_path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b)
}

/// The `file://` URI of an absolute path (`None` for relative paths).
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let text = text.replace('\\', "/");
    let with_root = if let Some(drive) = windows_drive(&text) {
        format!("/{drive}{}", &text[2..])
    } else if text.starts_with('/') {
        text
    } else {
        return None;
    };
    let mut out = String::from("file://");
    for &b in with_root.as_bytes() {
        if is_unreserved_path_byte(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

/// The path of a `file:` URI (`None` for other schemes or bad escapes).
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = strip_prefix_ignore_case(text, "file:")?;
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let path = match rest.strip_prefix("//") {
        Some(after) => {
            let slash = after.find('/').unwrap_or(after.len());
            let host = &after[..slash];
            if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
                return None;
            }
            &after[slash..]
        }
        None => rest,
    };
    let decoded = percent_decode(path)?;
    if let Some(stripped) = decoded.strip_prefix('/')
        && windows_drive(stripped).is_some()
    {
        return Some(PathBuf::from(stripped));
    }
    if !decoded.starts_with('/') {
        return None;
    }
    Some(PathBuf::from(decoded))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn windows_drive(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes.len() == 2 || bytes[2] == b'/'))
        .then(|| &text[..2])
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(path: &str) -> String {
        let uri = from_path(Path::new(path)).expect("absolute path");
        assert_eq!(
            to_path(&uri).unwrap(),
            PathBuf::from(path),
            "{}",
            uri.as_str()
        );
        uri.as_str().to_owned()
    }

    #[test]
    fn plain_spaces_and_non_ascii() {
        assert_eq!(
            round_trip("/etc/proftpd/proftpd.conf"),
            "file:///etc/proftpd/proftpd.conf"
        );
        assert_eq!(
            round_trip("/tmp/my configs/a b.conf"),
            "file:///tmp/my%20configs/a%20b.conf"
        );
        assert_eq!(
            round_trip("/srv/ftp/café/ü.conf"),
            "file:///srv/ftp/caf%C3%A9/%C3%BC.conf"
        );
        assert_eq!(
            round_trip("/a/100%/#x?.conf"),
            "file:///a/100%25/%23x%3F.conf"
        );
    }

    #[test]
    fn decodes_what_editors_send() {
        let parse = |s: &str| to_path(&Uri::from_str(s).unwrap());
        assert_eq!(parse("file:///a%20b/c"), Some(PathBuf::from("/a b/c")));
        assert_eq!(
            parse("file://localhost/etc/x"),
            Some(PathBuf::from("/etc/x"))
        );
        assert_eq!(
            parse("file:///c%3A/proftpd/x.conf"),
            Some(PathBuf::from("c:/proftpd/x.conf"))
        );
        assert_eq!(parse("file:///C:/x"), Some(PathBuf::from("C:/x")));
        assert_eq!(parse("untitled:Untitled-1"), None);
        assert_eq!(parse("file://server/share/x"), None);
        assert!(
            Uri::from_str("file:///bad%zz").is_err(),
            "rejected by the Uri parser"
        );
        assert_eq!(parse("file:///bad%ff"), None);
    }

    #[test]
    fn relative_paths_have_no_uri() {
        assert!(from_path(Path::new("proftpd.conf")).is_none());
    }
}
