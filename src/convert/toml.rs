//! A parsed proftpd.conf as a TOML document (schema: docs/toml-format.md).
//!
//! One `[[directive]]` table per directive or section, in file order;
//! section children nest as `[[directive.children]]`. Comment and blank
//! lines become TOML comments in front of the next table; an inline
//! comment follows the `name`/`section` value.

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::diagnostic::Diagnostic;
use crate::model::socket_options::parse_socket_options_for;
use crate::model::timeouts::TimeoutKind;
use crate::syntax::{
    Directive, Item as SyntaxItem, Items, LineRole, ParsedFile, Section, Word, Words,
};

use super::render_word;
use super::words::read_word;

/// The `format` value of every document.
pub const FORMAT: &str = "proftpd-lint/config";
/// The schema version written and read.
pub const VERSION: i64 = 1;

const HEADER: &str =
    "# A ProFTPD configuration as TOML, written by proftpd-lint (schema: docs/toml-format.md).\n";

/// The most sections a line may sit in: its table header then has 80 keys
/// (`directive` and 79 `children`), the most toml_edit reads back.
pub const DEEPEST_NESTING: usize = 79;

/// V005 for the first line of `file` inside more than [`DEEPEST_NESTING`]
/// sections, whose TOML form could not be read back.
pub fn too_deep_for_toml(file: &ParsedFile) -> Option<Diagnostic> {
    fn first_too_deep(items: Items, depth: usize) -> Option<std::ops::Range<usize>> {
        for item in items {
            let (span, children) = match item {
                SyntaxItem::Trivia { .. } => continue,
                SyntaxItem::Directive(d) => (d.name_word().span(), None),
                SyntaxItem::Section(s) => (s.open().name_word().span(), Some(s.children())),
            };
            if depth > DEEPEST_NESTING {
                return Some(span);
            }
            if let Some(found) = children.and_then(|c| first_too_deep(c, depth + 1)) {
                return Some(found);
            }
        }
        None
    }
    let span = first_too_deep(file.items(), 0)?;
    Some(
        Diagnostic::new(
            &super::rules::TOML_NESTING_TOO_DEEP,
            crate::diagnostic::Span::new(file.file, span),
            format!(
                "this line is inside more than {DEEPEST_NESTING} sections: its TOML table header would be too long to read back, so nothing is written"
            ),
        )
        .with_help(format!(
            "nest at most {DEEPEST_NESTING} sections around any line"
        )),
    )
}

/// The TOML document for `file` (`raw` is its text). Include directives
/// stay directives: included files are not inlined.
pub fn to_toml(file: &ParsedFile, raw: &[u8]) -> String {
    let mut doc = DocumentMut::new();
    doc.insert("format", toml_edit::value(FORMAT));
    doc.insert("version", toml_edit::value(VERSION));
    if let Some(mut key) = doc.key_mut("format") {
        key.leaf_decor_mut().set_prefix(HEADER);
    }
    let mut ctx = Ctx { file, raw };
    let (tables, rest) = ctx.tables(file.items(), String::new());
    if !tables.is_empty() {
        doc.insert("directive", Item::ArrayOfTables(tables));
    }
    doc.set_trailing(rest);
    doc.to_string()
}

struct Ctx<'a> {
    file: &'a ParsedFile,
    raw: &'a [u8],
}

impl Ctx<'_> {
    /// The tables of `items`, and the comment lines after the last one
    /// (they go in front of whatever follows). `pending` holds comment
    /// lines carried in from before.
    fn tables(&mut self, items: Items, mut pending: String) -> (ArrayOfTables, String) {
        let mut out = ArrayOfTables::new();
        for item in items {
            match item {
                SyntaxItem::Trivia { line, .. } => pending.push_str(&self.trivia(line)),
                SyntaxItem::Directive(d) => {
                    let mut table = self.directive(&d);
                    table.decor_mut().set_prefix(prefix(&mut pending));
                    out.push(table);
                }
                SyntaxItem::Section(s) => {
                    let (mut table, rest) = self.section(&s);
                    table.decor_mut().set_prefix(prefix(&mut pending));
                    out.push(table);
                    pending = rest;
                }
            }
        }
        (out, pending)
    }

    fn trivia(&self, line: usize) -> String {
        let text = String::from_utf8_lossy(&self.file.line_text(self.raw, line)).into_owned();
        match text.trim_end() {
            "" => "\n".to_string(),
            comment => format!("{}\n", toml_comment(comment)),
        }
    }

    fn directive(&self, d: &Directive) -> Table {
        let mut t = Table::new();
        t.insert("name", toml_edit::value(d.name()));
        insert_args(&mut t, "args", d.name(), d.args(), self.raw);
        typed(&mut t, d);
        self.inline_comment(&mut t, "name", d);
        t
    }

    fn section(&mut self, s: &Section) -> (Table, String) {
        let mut t = Table::new();
        t.insert("section", toml_edit::value(s.name()));
        insert_args(&mut t, "args", s.open().name(), s.open().args(), self.raw);
        self.inline_comment(&mut t, "section", &s.open());
        let (children, rest) = self.tables(s.children(), String::new());
        match s.close() {
            None => {
                t.insert("closed", toml_edit::value(false));
            }
            Some(close) => self.closer(&mut t, s, &close),
        }
        if !children.is_empty() {
            t.insert("children", Item::ArrayOfTables(children));
        }
        (t, rest)
    }

    fn closer(&self, t: &mut Table, s: &Section, close: &Directive) {
        if close.name() != format!("</{}>", s.name()) {
            t.insert("close", toml_edit::value(close.name()));
        }
        insert_args(t, "close_args", close.name(), close.args(), self.raw);
        if let Some(comment) = self.comment_of(close) {
            t.insert("close_comment", toml_edit::value(comment));
        }
    }

    fn comment_of(&self, d: &Directive) -> Option<String> {
        let at = d.comment()?;
        let text = String::from_utf8_lossy(self.raw.get(at..d.span().end)?);
        let one_line: String = text.lines().collect::<Vec<_>>().join(" ");
        Some(toml_comment(one_line.trim_end()))
    }

    fn inline_comment(&self, t: &mut Table, key: &str, d: &Directive) {
        let Some(comment) = self.comment_of(d) else {
            return;
        };
        if let Some(value) = t.get_mut(key).and_then(Item::as_value_mut) {
            value.decor_mut().set_suffix(format!(" {comment}"));
        }
    }
}

/// A table's decor prefix: a separating blank line (dropped again when
/// read back), then the pending comment lines.
fn prefix(pending: &mut String) -> String {
    format!("\n{}", std::mem::take(pending))
}

/// A comment TOML can carry: control characters other than tab replaced.
fn toml_comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// The simple quoting `"value"` that adds nothing (no escapes needed).
fn simply_quoted(value: &str) -> String {
    format!("\"{value}\"")
}

/// One argument: a string, or `{ value, raw }` when the word was written
/// in a way [`render_word`] would not reproduce (backslash escapes) and
/// that is not just redundant quotes. `tag_end`: the
/// last word of a line starting with `<`, whose `>` ProFTPD strips.
fn arg_value(w: &Word, raw: &[u8], tag_end: bool) -> Value {
    let written = String::from_utf8_lossy(raw.get(w.span()).unwrap_or_default());
    let written = match written.strip_suffix('>') {
        Some(inner) if tag_end => inner,
        _ => written.as_ref(),
    };
    // A quote that never closes swallows the rest of the line: not reusable.
    let value = w.value();
    let plain = w.unterminated_quote()
        || written == render_word(value)
        || (w.quoted() && !value.contains(['"', '\\']) && written == simply_quoted(value))
        || read_word(written).as_deref() != Some(value);
    if plain {
        return Value::from(value);
    }
    let mut t = InlineTable::new();
    t.insert("value", Value::from(value));
    t.insert("raw", Value::from(written));
    Value::InlineTable(t)
}

/// `args` of a line whose name is `name`.
fn insert_args(t: &mut Table, key: &str, name: &str, args: Words, raw: &[u8]) {
    if args.is_empty() {
        return;
    }
    let mut array = Array::new();
    for (i, w) in args.iter().enumerate() {
        let tag_end = name.starts_with('<') && i + 1 == args.len();
        array.push(arg_value(&w, raw, tag_end));
    }
    t.insert(key, toml_edit::value(array));
}

/// The typed tables of the directives we model, when the arguments are in
/// their plain form (so the table and the arguments say the same).
fn typed(t: &mut Table, d: &Directive) {
    let args = d.arg_values();
    if d.role() != LineRole::Directive {
        return;
    }
    if d.is_named("SocketOptions") {
        keepalive_table(t, &args);
    } else if d.is_named("SFTPClientAlive") {
        if let [count, interval] = args.as_slice() {
            if let (Some(c), Some(i)) = (plain_int(count), plain_int(interval)) {
                t.insert("client_alive", inline(&[("count", c), ("interval", i)]));
            }
        }
    } else if TimeoutKind::from_name(d.name()).is_some() {
        if let [seconds] = args.as_slice() {
            if let Some(s) = plain_int(seconds) {
                t.insert("timeout", inline(&[("seconds", s)]));
            }
        }
    }
}

fn keepalive_table(t: &mut Table, args: &[&str]) {
    let Ok(options) = parse_socket_options_for(args, true) else {
        return;
    };
    let Some(spec) = options.keepalive_spec() else {
        return;
    };
    let v = spec.values();
    if spec.text != format!("{}:{}:{}", v.idle, v.count, v.interval) {
        return;
    }
    t.insert(
        "keepalive",
        inline(&[
            ("idle", v.idle.into()),
            ("count", v.count.into()),
            ("interval", v.interval.into()),
        ]),
    );
}

/// A decimal integer written without sign, padding or suffix.
fn plain_int(text: &str) -> Option<i64> {
    let n: i64 = text.parse().ok()?;
    (n >= 0 && n.to_string() == text).then_some(n)
}

fn inline(fields: &[(&str, i64)]) -> Item {
    let mut t = InlineTable::new();
    for (k, v) in fields {
        t.insert(*k, Value::from(*v));
    }
    toml_edit::value(t)
}
