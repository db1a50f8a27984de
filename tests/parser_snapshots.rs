//! Snapshots of the tree the parser builds for tricky inputs.

use std::fmt::Write;

use proftpd_lint::source::FileId;
use proftpd_lint::syntax::{Item, Items, ParsedFile, parse};

fn dump(parsed: &ParsedFile, raw: &[u8]) -> String {
    let mut out = String::new();
    dump_items(parsed.items(), raw, 0, &mut out);
    for issue in &parsed.issues {
        writeln!(out, "issue: {issue:?}").unwrap();
    }
    out
}

fn dump_items(items: Items, raw: &[u8], depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    for item in items {
        match item {
            Item::Trivia { span, .. } => {
                writeln!(
                    out,
                    "{pad}trivia {span:?} {:?}",
                    String::from_utf8_lossy(&raw[span.clone()])
                )
                .unwrap();
            }
            Item::Directive(d) => {
                let args: Vec<String> = d
                    .args()
                    .iter()
                    .map(|a| format!("{:?}@{:?}", a.value(), a.span()))
                    .collect();
                writeln!(
                    out,
                    "{pad}{:?} {} {:?} [{}]",
                    d.role(),
                    d.name(),
                    d.span(),
                    args.join(", ")
                )
                .unwrap();
            }
            Item::Section(s) => {
                let args: Vec<String> = s
                    .open()
                    .args()
                    .iter()
                    .map(|a| format!("{:?}", a.value()))
                    .collect();
                writeln!(
                    out,
                    "{pad}section {} [{}] {:?}",
                    s.open().name(),
                    args.join(", "),
                    s.span()
                )
                .unwrap();
                dump_items(s.children(), raw, depth + 1, out);
                match s.close() {
                    Some(c) => writeln!(out, "{pad}close {} {:?}", c.name(), c.span()).unwrap(),
                    None => writeln!(out, "{pad}(unclosed)").unwrap(),
                }
            }
        }
    }
}

fn snapshot(name: &str, text: &[u8]) {
    let parsed = parse(FileId(0), text);
    assert_eq!(parsed.print(text), text, "{name} must round-trip");
    insta::assert_snapshot!(name, dump(&parsed, text));
}

#[test]
fn quoting() {
    snapshot(
        "quoting",
        b"A \"a b\" \"ab\"cd ab\"cd 'x y' \"\" x#y \"#z\" # comment\nB \"unterminated rest\n",
    );
}

#[test]
fn continuations() {
    snapshot(
        "continuations",
        b"X a \\\n  b\\\nc\nY a \\\n# dropped \\\n z\nZ a \\\n# ends it\nW w\nV a \\\r\nU u\r\n",
    );
}

#[test]
fn sections() {
    snapshot(
        "sections",
        b"<VirtualHost 127.0.0.1>\n  <Directory \"/a b\" >\n    <Limit READ WRITE>\n      DenyAll\n    </Limit>\n  </Directory>\n</VirtualHost >\n<IfModule mod_x.c>\n</IfModule mod_x.c>\n</Stray>\n<Anonymous /srv>\n<Limit LOGIN>\n</Anonymous>\n<Directory /tmp\n< Directory /x>\n<Global>\n",
    );
}

#[test]
fn odd_bytes() {
    snapshot(
        "odd_bytes",
        b"\xEF\xBB\xBFServerName a\nX a\0b\nc\nY \xff\xfe\nlast line",
    );
}

#[test]
fn environment_references() {
    snapshot(
        "environment",
        b"ServerName %{env:HOST}\nX %{env:}\nY pre%{env:A}mid%{env:B}post \"%{env:Q}\"\n",
    );
}
