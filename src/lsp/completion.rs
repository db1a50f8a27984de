//! Completion: directive names allowed in the cursor's context, section
//! openers with their closers, the closer of the open section, and values
//! (`on`/`off`, `SocketOptions` keys and keepalive specs, module names).

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, InsertTextFormat, MarkupContent, MarkupKind, TextEdit,
};

use crate::catalog::{self, Context, Directive as Entry, Opens};
use crate::syntax::{Item, Items, Section};

use super::State;

const SOCKET_OPTION_KEYS: [&str; 5] = ["keepalive", "maxseg", "rcvbuf", "reuseport", "sndbuf"];
/// `on`, `off`, and Linux's default `idle:count:interval` as a starting point.
const KEEPALIVE_VALUES: [&str; 3] = ["on", "off", "7200:9:75"];

struct Site {
    /// Byte offset where the word being completed starts.
    word_start: usize,
    word: String,
    /// Words before it on the line (empty: completing the directive name).
    before: Vec<String>,
}

pub fn completion(state: &mut State, p: CompletionParams) -> Option<CompletionResponse> {
    let encoding = state.encoding;
    let snippets = state.snippets;
    let at = p.text_document_position;
    let analysis = state.analysis(&at.text_document.uri)?;
    let root = analysis.root();
    let offset = encoding.offset(root, at.position);
    let site = site(root.text(), offset);
    let open = open_sections(analysis.parsed().items(), offset);
    let range = encoding.range(root, &(site.word_start..offset));
    let mut items = if site.before.is_empty() {
        name_items(&open, &site.word, snippets)
    } else {
        value_items(&site)
    };
    for item in &mut items {
        let new_text = item
            .insert_text
            .take()
            .unwrap_or_else(|| item.label.clone());
        item.text_edit = Some(CompletionTextEdit::Edit(TextEdit { range, new_text }));
    }
    Some(CompletionResponse::Array(items))
}

fn site(text: &str, offset: usize) -> Site {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let word_len = prefix.len() - prefix.trim_end_matches(|c: char| !c.is_whitespace()).len();
    let word_start = offset - word_len;
    Site {
        word_start,
        word: text[word_start..offset].to_owned(),
        before: text[line_start..word_start]
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    }
}

/// Sections whose body holds `offset`, outermost first.
fn open_sections(items: Items<'_>, offset: usize) -> Vec<Section<'_>> {
    let mut out = Vec::new();
    let mut level = items;
    'descend: loop {
        for item in level.clone() {
            if let Item::Section(s) = item {
                let inside = s.open().span().end <= offset
                    && s.close().is_none_or(|c| offset <= c.span().start);
                if inside {
                    out.push(s);
                    level = s.children();
                    continue 'descend;
                }
            }
        }
        return out;
    }
}

fn context(open: &[Section]) -> Context {
    let catalog = catalog::catalog();
    open.iter()
        .rev()
        .find_map(|s| match catalog.section(s.name()).and_then(|e| e.opens) {
            Some(Opens::Context(c)) => Some(c),
            _ => None,
        })
        .unwrap_or(Context::Server)
}

fn name_items(open: &[Section], word: &str, snippets: bool) -> Vec<CompletionItem> {
    let mut items = Vec::new();
    if let Some(innermost) = open.last() {
        let closer = format!("</{}>", innermost.name());
        items.push(CompletionItem {
            label: closer,
            kind: Some(CompletionItemKind::KEYWORD),
            detail: Some("close the open section".into()),
            sort_text: Some("0".into()),
            ..CompletionItem::default()
        });
    }
    if word.starts_with("</") {
        return items;
    }
    let ctx = context(open);
    let entries = catalog::catalog()
        .directives()
        .filter(|e| !e.is_removed() && e.contexts.contains(ctx));
    for entry in entries {
        items.push(entry_item(entry, snippets));
    }
    items
}

fn entry_item(entry: &Entry, snippets: bool) -> CompletionItem {
    let mut item = CompletionItem {
        label: entry.name.clone(),
        kind: Some(CompletionItemKind::PROPERTY),
        detail: Some(entry.module.clone()),
        documentation: Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: entry.summary.clone(),
        })),
        deprecated: entry.deprecated_in.is_some().then_some(true),
        ..CompletionItem::default()
    };
    if let (Some(tag), Some(closer)) = (entry.tag_name(), entry.closer()) {
        item.kind = Some(CompletionItemKind::MODULE);
        item.filter_text = Some(format!("<{tag}"));
        if snippets {
            item.insert_text = Some(format!("<{tag} $1>\n\t$0\n{closer}"));
            item.insert_text_format = Some(InsertTextFormat::SNIPPET);
        } else {
            item.insert_text = Some(format!("<{tag} >\n{closer}"));
        }
    }
    item
}

fn value_items(site: &Site) -> Vec<CompletionItem> {
    let name = site.before[0].as_str();
    let previous = site.before.last().map(String::as_str).unwrap_or("");
    let values: Vec<String> = if name.eq_ignore_ascii_case("<IfModule") {
        catalog::catalog()
            .modules()
            .map(|m| m.name.clone())
            .collect()
    } else if name.eq_ignore_ascii_case("SocketOptions") {
        if site.before.len() % 2 == 0 && previous.eq_ignore_ascii_case("keepalive") {
            strings(&KEEPALIVE_VALUES)
        } else if site.before.len() % 2 == 1 {
            strings(&SOCKET_OPTION_KEYS)
        } else {
            Vec::new()
        }
    } else if site.before.len() == 1 && takes_switch(name) {
        strings(&["on", "off"])
    } else {
        Vec::new()
    };
    values
        .into_iter()
        .map(|label| CompletionItem {
            label,
            kind: Some(CompletionItemKind::VALUE),
            ..CompletionItem::default()
        })
        .collect()
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

/// A one-argument directive that reads as a switch. The catalogue has no
/// argument types, so this goes by the summary's wording.
fn takes_switch(name: &str) -> bool {
    let Some(entry) = catalog::catalog().get(name) else {
        return false;
    };
    let summary = entry.summary.to_ascii_lowercase();
    entry.max_args == Some(1)
        && ["on or off", "whether", "enables", "turns", "toggles"]
            .iter()
            .any(|w| summary.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_splits_the_line() {
        let text = "A\n  SocketOptions keepalive 7";
        let s = site(text, text.len());
        assert_eq!((s.word.as_str(), s.before.len()), ("7", 2));
        let s = site(text, 4);
        assert_eq!((s.word.as_str(), s.before.len(), s.word_start), ("", 0, 4));
        let s = site("<Dir", 4);
        assert_eq!((s.word.as_str(), s.word_start), ("<Dir", 0));
    }
}
