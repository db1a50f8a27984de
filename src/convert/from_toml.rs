//! A TOML document (schema: docs/toml-format.md) back to a proftpd.conf.
//!
//! Validates as it reads and stops at the first problem with an V004
//! diagnostic pointing into the TOML text and naming the key path.

use std::ops::Range;

use toml_edit::{Document, Item, RawString, Table, Value};

use crate::diagnostic::{Diagnostic, Span};
use crate::model::socket_options::proftpd_boolean;
use crate::model::timeouts::TimeoutKind;
use crate::source::FileId;

use super::render_word;
use super::rules::INVALID_TOML_CONFIG;
use super::toml::{FORMAT, VERSION};
use super::words::read_word;

const ROOT_KEYS: [&str; 3] = ["format", "version", "directive"];
const ENTRY_KEYS: [&str; 11] = [
    "name",
    "section",
    "args",
    "children",
    "closed",
    "close",
    "close_args",
    "close_comment",
    "keepalive",
    "client_alive",
    "timeout",
];
const SECTION_ONLY: [&str; 5] = ["children", "closed", "close", "close_args", "close_comment"];

/// A refusal (boxed: a `Diagnostic` is large for an `Err`).
type Fail = Box<Diagnostic>;

/// One directive or section, ready to print.
#[derive(Debug, Default)]
struct Entry {
    /// Comment (`#…`) and blank (empty) lines before it.
    before: Vec<String>,
    /// The first word as printed: a directive name, or `<Tag`.
    head: String,
    section: bool,
    /// The arguments, already rendered.
    args: Vec<String>,
    comment: Option<String>,
    children: Vec<Entry>,
    closed: bool,
    close: String,
    close_args: Vec<String>,
    close_comment: Option<String>,
}

/// Converts `text` (the TOML file with id `file`) to a proftpd.conf.
pub fn from_toml(file: FileId, text: &str) -> Result<String, Box<Diagnostic>> {
    let reader = Reader { file, text };
    let doc = Document::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        reader.error(
            span,
            "",
            format!("not valid TOML: {}", e.message().trim_end()),
        )
    })?;
    let (entries, trailing) = reader.document(&doc)?;
    let mut out = String::new();
    print_entries(&entries, 0, &mut out);
    for line in comment_lines(&trailing) {
        push_line(&mut out, 0, &line);
    }
    Ok(out)
}

struct Reader<'a> {
    file: FileId,
    text: &'a str,
}

impl Reader<'_> {
    fn error(&self, span: Range<usize>, path: &str, message: String) -> Fail {
        let message = if path.is_empty() {
            message
        } else {
            format!("{path}: {message}")
        };
        Box::new(
            Diagnostic::new(&INVALID_TOML_CONFIG, Span::new(self.file, span), message)
                .with_help("see docs/toml-format.md for the schema; nothing was written"),
        )
    }

    fn raw(&self, raw: Option<&RawString>) -> String {
        let Some(raw) = raw else {
            return String::new();
        };
        match (raw.as_str(), raw.span()) {
            (Some(s), _) => s.to_string(),
            (None, Some(span)) => self.text.get(span).unwrap_or_default().to_string(),
            (None, None) => String::new(),
        }
    }

    fn document(&self, doc: &Document<&str>) -> Result<(Vec<Entry>, String), Fail> {
        let root = doc.as_table();
        self.known_keys(root, &ROOT_KEYS, "", 0..0)?;
        self.format_and_version(root)?;
        let entries = match root.get("directive") {
            None => Vec::new(),
            Some(item) => self.entries(item, "directive")?,
        };
        Ok((entries, self.raw(Some(doc.trailing()))))
    }

    fn format_and_version(&self, root: &Table) -> Result<(), Fail> {
        match root.get("format") {
            Some(item) if item.as_str() == Some(FORMAT) => {}
            Some(item) => {
                return Err(self.error(span_of(item), "format", format!("expected \"{FORMAT}\"")));
            }
            None => return Err(self.error(0..0, "", format!("missing `format = \"{FORMAT}\"`"))),
        }
        match root.get("version") {
            Some(item) if item.as_integer() == Some(VERSION) => Ok(()),
            Some(item) => Err(self.error(
                span_of(item),
                "version",
                format!("this proftpd-lint reads schema version {VERSION} only"),
            )),
            None => Err(self.error(0..0, "", format!("missing `version = {VERSION}`"))),
        }
    }

    fn known_keys(
        &self,
        table: &Table,
        allowed: &[&str],
        path: &str,
        span: Range<usize>,
    ) -> Result<(), Fail> {
        for (key, item) in table.iter() {
            if !allowed.contains(&key) {
                let at = table
                    .key(key)
                    .and_then(|k| k.span())
                    .or_else(|| item.span());
                return Err(self.error(
                    at.unwrap_or(span),
                    path,
                    format!(
                        "unknown key `{key}` (expected one of: {})",
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    fn entries(&self, item: &Item, path: &str) -> Result<Vec<Entry>, Fail> {
        let Some(tables) = item.as_array_of_tables() else {
            return Err(self.error(span_of(item), path, format!("expected [[{path}]] tables")));
        };
        tables
            .iter()
            .enumerate()
            .map(|(i, t)| self.entry(t, &format!("{path}[{i}]")))
            .collect()
    }

    fn entry(&self, t: &Table, path: &str) -> Result<Entry, Fail> {
        let span = t.span().unwrap_or(0..0);
        self.known_keys(t, &ENTRY_KEYS, path, span.clone())?;
        let prefix = self.raw(t.decor().prefix());
        let prefix = prefix.strip_prefix('\n').unwrap_or(&prefix);
        let mut entry = Entry {
            before: comment_lines(prefix),
            closed: true,
            ..Entry::default()
        };
        let head_key = match (t.get("name"), t.get("section")) {
            (Some(_), Some(item)) => {
                return Err(self.error(
                    span_of(item),
                    path,
                    "give `name` or `section`, not both".into(),
                ));
            }
            (None, None) => {
                return Err(self.error(
                    span,
                    path,
                    "missing `name` (a directive) or `section`".into(),
                ));
            }
            (Some(_), None) => "name",
            (None, Some(_)) => "section",
        };
        entry.section = head_key == "section";
        let head_item = &t[head_key];
        let head = self.string(head_item, &format!("{path}.{head_key}"))?;
        entry.head = if entry.section {
            self.section_tag(&head, head_item, path)?
        } else {
            render_word(&head)
        };
        entry.comment = self.inline_comment(head_item);
        entry.args = self.args(t, "args", path)?;
        self.typed(t, &head, &mut entry, path)?;
        if entry.section {
            self.section_parts(t, &head, &mut entry, path)?;
        } else if let Some(key) = SECTION_ONLY.iter().find(|k| t.contains_key(k)) {
            return Err(self.error(
                span_of(&t[*key]),
                path,
                format!("`{key}` belongs to sections only; this entry is a directive (`name`)"),
            ));
        }
        Ok(entry)
    }

    fn section_tag(&self, tag: &str, item: &Item, path: &str) -> Result<String, Fail> {
        // What ProFTPD takes for a section tag (see syntax::parser::tag_role).
        if tag.is_empty() || tag.starts_with('/') || tag.contains(['<', '>']) {
            return Err(self.error(
                span_of(item),
                &format!("{path}.section"),
                format!(
                    "`{tag}` is not a section name (write it without < >, e.g. \"VirtualHost\")"
                ),
            ));
        }
        Ok(render_word(&format!("<{tag}")))
    }

    fn section_parts(
        &self,
        t: &Table,
        tag: &str,
        entry: &mut Entry,
        path: &str,
    ) -> Result<(), Fail> {
        if let Some(item) = t.get("closed") {
            entry.closed = item.as_bool().ok_or_else(|| {
                self.error(
                    span_of(item),
                    &format!("{path}.closed"),
                    "expected true or false".into(),
                )
            })?;
        }
        entry.close = match t.get("close") {
            Some(item) => render_word(&self.string(item, &format!("{path}.close"))?),
            None => render_word(&format!("</{tag}>")),
        };
        entry.close_args = self.args(t, "close_args", path)?;
        if let Some(item) = t.get("close_comment") {
            let text = self.string(item, &format!("{path}.close_comment"))?;
            entry.close_comment = Some(as_comment(&text));
        }
        if let Some(item) = t.get("children") {
            entry.children = self.entries(item, &format!("{path}.children"))?;
        }
        Ok(())
    }

    fn inline_comment(&self, item: &Item) -> Option<String> {
        let suffix = self.raw(item.as_value()?.decor().suffix());
        let at = suffix.find('#')?;
        Some(suffix[at..].trim_end().to_string())
    }

    fn string(&self, item: &Item, path: &str) -> Result<String, Box<Diagnostic>> {
        match item.as_value() {
            Some(v) => self.value_string(v, path),
            None => Err(self.error(span_of(item), path, "expected a string".into())),
        }
    }

    fn value_string(&self, v: &Value, path: &str) -> Result<String, Box<Diagnostic>> {
        let span = v.span().unwrap_or(0..0);
        let Some(s) = v.as_str() else {
            return Err(self.error(
                span,
                path,
                format!("expected a string, found {}", v.type_name()),
            ));
        };
        if s.contains(['\n', '\0']) {
            return Err(self.error(
                span,
                path,
                "a ProFTPD word cannot contain a newline or a NUL byte".into(),
            ));
        }
        Ok(s.to_string())
    }

    fn args(&self, t: &Table, key: &str, path: &str) -> Result<Vec<String>, Fail> {
        let Some(item) = t.get(key) else {
            return Ok(Vec::new());
        };
        let path = format!("{path}.{key}");
        let Some(array) = item.as_array() else {
            return Err(self.error(span_of(item), &path, "expected an array of strings".into()));
        };
        array
            .iter()
            .enumerate()
            .map(|(i, v)| self.arg(v, &format!("{path}[{i}]")))
            .collect()
    }

    fn arg(&self, v: &Value, path: &str) -> Result<String, Box<Diagnostic>> {
        let Some(t) = v.as_inline_table() else {
            return Ok(render_word(&self.value_string(v, path)?));
        };
        let span = v.span().unwrap_or(0..0);
        if let Some(key) = t
            .iter()
            .map(|(k, _)| k)
            .find(|k| *k != "value" && *k != "raw")
        {
            return Err(self.error(
                span,
                path,
                format!("unknown key `{key}` (expected value, raw)"),
            ));
        }
        let (Some(value), Some(raw)) = (t.get("value"), t.get("raw")) else {
            return Err(self.error(span, path, "expected { value = \"…\", raw = \"…\" }".into()));
        };
        let value = self.value_string(value, &format!("{path}.value"))?;
        let raw_text = self.value_string(raw, &format!("{path}.raw"))?;
        match read_word(&raw_text) {
            Some(read) if read == value => Ok(raw_text),
            Some(read) => Err(self.error(
                raw.span().unwrap_or(span),
                &format!("{path}.raw"),
                format!("ProFTPD reads this as `{read}`, not `{value}`: fix or remove `raw`"),
            )),
            None => Err(self.error(
                raw.span().unwrap_or(span),
                &format!("{path}.raw"),
                "must be exactly one word as written in proftpd.conf".into(),
            )),
        }
    }

    fn typed(&self, t: &Table, head: &str, entry: &mut Entry, path: &str) -> Result<(), Fail> {
        let checks: [(&str, bool); 3] = [
            ("keepalive", head.eq_ignore_ascii_case("SocketOptions")),
            ("client_alive", head.eq_ignore_ascii_case("SFTPClientAlive")),
            ("timeout", TimeoutKind::from_name(head).is_some()),
        ];
        for (key, allowed) in checks {
            let Some(item) = t.get(key) else { continue };
            if !allowed || entry.section {
                return Err(self.error(
                    span_of(item),
                    path,
                    format!("`{key}` does not belong to `{head}`"),
                ));
            }
            self.apply_typed(key, item, entry, &format!("{path}.{key}"))?;
        }
        Ok(())
    }

    fn apply_typed(
        &self,
        key: &str,
        item: &Item,
        entry: &mut Entry,
        path: &str,
    ) -> Result<(), Fail> {
        match key {
            "keepalive" => {
                let [idle, count, interval] =
                    self.fields(item, &["idle", "count", "interval"], 1, path)?;
                set_keepalive(&mut entry.args, format!("{idle}:{count}:{interval}"));
            }
            "client_alive" => {
                let [count, interval] = self.fields(item, &["count", "interval"], 0, path)?;
                set_leading(&mut entry.args, &[count, interval]);
            }
            _ => {
                let [seconds] = self.fields(item, &["seconds"], 0, path)?;
                set_leading(&mut entry.args, &[seconds]);
            }
        }
        Ok(())
    }

    /// The integer fields `names` of a (possibly inline) table, each in
    /// `min..=i32::MAX` (ProFTPD stores them in an `int`).
    fn fields<const N: usize>(
        &self,
        item: &Item,
        names: &[&str; N],
        min: i64,
        path: &str,
    ) -> Result<[i64; N], Fail> {
        let span = span_of(item);
        let Some(table) = item.as_table_like() else {
            return Err(self.error(
                span,
                path,
                format!("expected a table {{ {} }}", names.join(", ")),
            ));
        };
        if let Some((key, _)) = table.iter().find(|(k, _)| !names.contains(k)) {
            return Err(self.error(
                span,
                path,
                format!("unknown key `{key}` (expected {})", names.join(", ")),
            ));
        }
        let mut out = [0; N];
        for (slot, name) in out.iter_mut().zip(names) {
            let field = table
                .get(name)
                .ok_or_else(|| self.error(span.clone(), path, format!("missing `{name}`")))?;
            let at = span_of(field);
            *slot = field
                .as_integer()
                .filter(|v| (min..=i64::from(i32::MAX)).contains(v))
                .ok_or_else(|| {
                    self.error(
                        if at.is_empty() { span.clone() } else { at },
                        &format!("{path}.{name}"),
                        format!("expected an integer from {min} to {}", i32::MAX),
                    )
                })?;
        }
        Ok(out)
    }
}

fn span_of(item: &Item) -> Range<usize> {
    item.span().unwrap_or(0..0)
}

/// Replaces the value of the last `keepalive` pair holding a spec, or
/// appends a `keepalive` pair.
fn set_keepalive(args: &mut Vec<String>, spec: String) {
    let spec_at = (0..args.len().saturating_sub(1))
        .step_by(2)
        .rev()
        .find(|&i| {
            read_word(&args[i]).is_some_and(|k| k.eq_ignore_ascii_case("keepalive"))
                && read_word(&args[i + 1]).is_some_and(|v| proftpd_boolean(&v).is_none())
        });
    match spec_at {
        Some(i) => args[i + 1] = spec,
        None => args.extend(["keepalive".to_string(), spec]),
    }
}

fn set_leading(args: &mut Vec<String>, values: &[i64]) {
    for (i, v) in values.iter().enumerate() {
        match args.get_mut(i) {
            Some(slot) => *slot = v.to_string(),
            None => args.push(v.to_string()),
        }
    }
}

/// The comment and blank lines of a decor prefix (its last, unterminated
/// piece is the indentation of the header and is dropped).
fn comment_lines(prefix: &str) -> Vec<String> {
    let mut pieces: Vec<&str> = prefix.split('\n').collect();
    pieces.pop();
    pieces
        .iter()
        .map(|p| p.trim())
        .filter(|p| p.is_empty() || p.starts_with('#'))
        .map(|p| p.to_string())
        .collect()
}

fn as_comment(text: &str) -> String {
    let text = text.trim();
    if text.starts_with('#') {
        text.to_string()
    } else {
        format!("# {text}")
    }
}

/// Appends one line; a trailing `\` would join the next line, so it gets a
/// space after it.
fn push_line(out: &mut String, depth: usize, text: &str) {
    if !text.is_empty() {
        out.push_str(&"  ".repeat(depth));
        out.push_str(text);
        if text.ends_with('\\') {
            out.push(' ');
        }
    }
    out.push('\n');
}

/// How a line ends so that ProFTPD's tag fix-up (it strips a `>` from the
/// last word of a line starting with `<`) leaves the arguments intact.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TagEnd {
    None,
    /// `<Name args>`: the `>` goes on the last argument.
    Attached,
    /// `</Name> args >`: a lone `>` word, which the fix-up removes.
    Separate,
}

fn tag_end(head: &str, args: &[String]) -> TagEnd {
    let name = read_word(head).unwrap_or_default();
    if name.starts_with('<') && name.ends_with('>') && !args.is_empty() {
        TagEnd::Separate
    } else {
        TagEnd::None
    }
}

fn line_of(head: &str, args: &[String], end: TagEnd, comment: &Option<String>) -> String {
    let mut line = head.to_string();
    for a in args {
        line.push(' ');
        line.push_str(a);
    }
    match end {
        TagEnd::None => {}
        TagEnd::Attached => line.push('>'),
        TagEnd::Separate => line.push_str(" >"),
    }
    if let Some(c) = comment {
        line.push(' ');
        line.push_str(c);
    }
    line
}

fn head_end(e: &Entry) -> TagEnd {
    if e.section {
        TagEnd::Attached
    } else {
        tag_end(&e.head, &e.args)
    }
}

fn print_entries(entries: &[Entry], depth: usize, out: &mut String) {
    for e in entries {
        for line in &e.before {
            push_line(out, depth, line);
        }
        push_line(
            out,
            depth,
            &line_of(&e.head, &e.args, head_end(e), &e.comment),
        );
        if !e.section {
            continue;
        }
        print_entries(&e.children, depth + 1, out);
        if e.closed {
            push_line(
                out,
                depth,
                &line_of(
                    &e.close,
                    &e.close_args,
                    tag_end(&e.close, &e.close_args),
                    &e.close_comment,
                ),
            );
        }
    }
}
