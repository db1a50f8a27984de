//! Builds the section tree from logical lines, recovering at every line.

use std::ops::Range;

use crate::source::FileId;

use super::lines::{LineKind, LineQuirk, LogicalLine, logical_lines};
use super::tree::{Directive, EnvRef, Item, LineRole, ParsedFile, Section, Word};
use super::words::{LexWord, split_words};
use super::{SectionFamily, SyntaxIssue, section_family};

/// Parses one file. Never fails: problems become [`SyntaxIssue`]s.
pub fn parse(file: FileId, raw: &[u8]) -> ParsedFile {
    let lines = logical_lines(raw);
    let mut builder = Builder::default();
    builder.file_issues(raw);
    for (index, line) in lines.iter().enumerate() {
        let continues_split = index > 0
            && lines[index - 1]
                .quirks
                .contains(&LineQuirk::SplitAtBufferSize);
        builder.line_issues(raw, line, lines.get(index + 1), continues_split);
        match line.kind {
            LineKind::Blank | LineKind::Comment => builder.push(Item::Trivia {
                line: index,
                span: line.span.clone(),
            }),
            LineKind::Content => {
                let directive = directive_from_line(index, line, &mut builder.issues);
                builder.directive(directive);
            }
        }
    }
    let (items, issues) = builder.finish();
    ParsedFile {
        file,
        lines,
        items,
        issues,
    }
}

/// Sections nested deeper than this are kept flat (no real config comes
/// close; it keeps every recursive pass over the tree shallow).
pub const MAX_NESTING: usize = 200;

#[derive(Default)]
struct Builder {
    root: Vec<Item>,
    open: Vec<Section>,
    /// Names of sections opened beyond [`MAX_NESTING`], kept as flat lines.
    overflow: Vec<String>,
    issues: Vec<SyntaxIssue>,
}

impl Builder {
    fn push(&mut self, item: Item) {
        match self.open.last_mut() {
            Some(section) => section.children.push(item),
            None => self.root.push(item),
        }
    }

    fn file_issues(&mut self, raw: &[u8]) {
        if raw.starts_with(b"\xEF\xBB\xBF") {
            self.issues.push(SyntaxIssue::ByteOrderMark { span: 0..3 });
        }
        if let Some(issue) = first_invalid_utf8(raw) {
            self.issues.push(issue);
        }
    }

    fn line_issues(
        &mut self,
        raw: &[u8],
        line: &LogicalLine,
        next: Option<&LogicalLine>,
        continues_split: bool,
    ) {
        for quirk in &line.quirks {
            let issue = match quirk {
                // One finding per physical line, however many pieces it is cut into.
                LineQuirk::SplitAtBufferSize if continues_split => continue,
                LineQuirk::SplitAtBufferSize => {
                    let tail = next
                        .map(|n| n.content_range())
                        .unwrap_or(line.span.end..line.span.end);
                    let length = raw[line.span.start..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .unwrap_or(raw.len() - line.span.start);
                    SyntaxIssue::LineTooLong { tail, length }
                }
                LineQuirk::ContinuationIntoComment(comment) => {
                    SyntaxIssue::ContinuationIntoComment {
                        comment: trim_newline(comment.clone(), line),
                        line: line.content_range(),
                    }
                }
                LineQuirk::DroppedCommentInContinuation(comment) => {
                    SyntaxIssue::DroppedCommentInContinuation {
                        comment: comment.clone(),
                    }
                }
                LineQuirk::BackslashBeforeCrlf(span) => {
                    SyntaxIssue::BackslashBeforeCrlf { span: span.clone() }
                }
                LineQuirk::NulByte(span) => SyntaxIssue::NulByte { span: span.clone() },
                LineQuirk::NoFinalNewline => SyntaxIssue::NoFinalNewline { at: line.span.end },
            };
            self.issues.push(issue);
        }
    }

    fn directive(&mut self, directive: Directive) {
        if self.too_deep(&directive) {
            self.push(Item::Directive(directive));
            return;
        }
        match directive.role {
            LineRole::Directive => self.push(Item::Directive(directive)),
            LineRole::SectionOpen => self.open.push(Section {
                open: directive,
                children: Vec::new(),
                close: None,
            }),
            LineRole::SectionClose => self.close(directive),
        }
    }

    /// Handles openers and closers beyond the nesting limit.
    fn too_deep(&mut self, directive: &Directive) -> bool {
        match directive.role {
            LineRole::SectionOpen if self.open.len() >= MAX_NESTING => {
                if self.overflow.is_empty() {
                    self.issues.push(SyntaxIssue::NestingTooDeep {
                        span: directive.name_word.span.clone(),
                        limit: MAX_NESTING,
                    });
                }
                self.overflow.push(directive.tag_name().to_owned());
                true
            }
            LineRole::SectionClose
                if self
                    .overflow
                    .last()
                    .is_some_and(|n| n.eq_ignore_ascii_case(directive.tag_name())) =>
            {
                self.overflow.pop();
                true
            }
            _ => false,
        }
    }

    fn close(&mut self, closer: Directive) {
        let name = closer.tag_name().to_owned();
        if !closer.args.is_empty() {
            let first = closer
                .args
                .first()
                .map(|a| a.span.start)
                .unwrap_or(closer.name_word.span.end);
            let last = closer.args.last().map(|a| a.span.end).unwrap_or(first);
            self.issues.push(SyntaxIssue::CloserWithArguments {
                span: first..last,
                name: name.clone(),
                args: closer.arg_values().join(" "),
            });
        }
        let span = closer.name_word.span.clone();
        if self.innermost_is(&name) {
            self.close_innermost(Some(closer));
            return;
        }
        let Some(depth) = self
            .open
            .iter()
            .rposition(|s| s.name().eq_ignore_ascii_case(&name))
        else {
            self.issues.push(SyntaxIssue::StrayCloser { span, name });
            self.push(Item::Directive(closer));
            return;
        };
        let inner = self
            .open
            .last()
            .expect("a deeper match implies an open section");
        match section_family(&name) {
            SectionFamily::Conditional => {
                // ProFTPD ignores the nesting of conditionals; the tree cannot.
                self.issues.push(SyntaxIssue::MisnestedConditional {
                    span,
                    name,
                    other: inner.open.name_word.span.clone(),
                });
                self.push(Item::Directive(closer));
            }
            SectionFamily::Context | SectionFamily::Session => {
                let innermost_context = self
                    .open
                    .iter()
                    .rposition(|s| section_family(s.name()) != SectionFamily::Conditional)
                    .expect("the matched section is a context");
                if innermost_context == depth {
                    for section in &self.open[depth + 1..] {
                        self.issues.push(SyntaxIssue::MisnestedConditional {
                            span: section.open.name_word.span.clone(),
                            name: section.name().to_owned(),
                            other: span.clone(),
                        });
                    }
                } else {
                    let inner = &self.open[innermost_context];
                    self.issues.push(SyntaxIssue::MismatchedCloser {
                        span,
                        name,
                        open: inner.open.name_word.span.clone(),
                        open_name: inner.name().to_owned(),
                    });
                }
                while self.open.len() > depth + 1 {
                    self.close_innermost(None);
                }
                self.close_innermost(Some(closer));
            }
        }
    }

    fn innermost_is(&self, name: &str) -> bool {
        self.open
            .last()
            .is_some_and(|s| s.name().eq_ignore_ascii_case(name))
    }

    fn close_innermost(&mut self, closer: Option<Directive>) {
        if let Some(mut section) = self.open.pop() {
            section.close = closer;
            self.push(Item::Section(Box::new(section)));
        }
    }

    fn finish(mut self) -> (Vec<Item>, Vec<SyntaxIssue>) {
        while let Some(section) = self.open.last() {
            self.issues.push(SyntaxIssue::UnclosedSection {
                open: section.open.name_word.span.clone(),
                name: section.name().to_owned(),
            });
            self.close_innermost(None);
        }
        (self.root, self.issues)
    }
}

fn trim_newline(range: Range<usize>, line: &LogicalLine) -> Range<usize> {
    let content_end = line.content_range().end;
    range.start..range.end.min(content_end.max(range.start))
}

fn first_invalid_utf8(raw: &[u8]) -> Option<SyntaxIssue> {
    let mut offset = 0;
    let mut first = None;
    let mut count = 0;
    for chunk in raw.utf8_chunks() {
        offset += chunk.valid().len();
        let bad = chunk.invalid().len();
        if bad > 0 {
            first.get_or_insert(offset..offset + bad);
            count += 1;
        }
        offset += bad;
    }
    first.map(|span| SyntaxIssue::InvalidUtf8 { span, count })
}

/// Turns a content line into a directive, applying ProFTPD's section-tag
/// fix-up (`<Directory /tmp>` → name `<Directory>`, argument `/tmp`).
fn directive_from_line(
    index: usize,
    line: &LogicalLine,
    issues: &mut Vec<SyntaxIssue>,
) -> Directive {
    let lexed = split_words(&line.text);
    let mut words: Vec<Word> = lexed
        .words
        .iter()
        .map(|w| word_from_lex(line, w, issues))
        .collect();
    let comment = lexed.comment.map(|at| line.file_offset(at));
    let mut name = words.first().map(|w| w.value.clone()).unwrap_or_default();

    if name.starts_with('<') && words.len() > 1 {
        let last = words.last_mut().expect("more than one word");
        if last.value.ends_with('>') {
            if last.value == ">" {
                words.pop();
            } else {
                last.value.pop();
            }
            if !name.ends_with('>') {
                name.push('>');
            }
        }
    }

    let mut words = words.into_iter();
    let name_word = words.next().expect("a content line has a first word");
    let args: Vec<Word> = words.collect();
    let role = tag_role(&name);
    if name.starts_with('<') && role == LineRole::Directive {
        issues.push(SyntaxIssue::MalformedSectionTag {
            span: name_word.span.clone(),
            name: name.clone(),
        });
    }
    Directive {
        line: index,
        span: line.span.clone(),
        name,
        name_word,
        args,
        role,
        comment,
    }
}

fn tag_role(name: &str) -> LineRole {
    let well_formed =
        |inner: &str| !inner.is_empty() && !inner.contains(['<', '>']) && !inner.starts_with('/');
    if let Some(inner) = name.strip_prefix("</").and_then(|n| n.strip_suffix('>')) {
        if well_formed(inner) {
            return LineRole::SectionClose;
        }
    } else if let Some(inner) = name.strip_prefix('<').and_then(|n| n.strip_suffix('>')) {
        if well_formed(inner) {
            return LineRole::SectionOpen;
        }
    }
    LineRole::Directive
}

fn word_from_lex(line: &LogicalLine, lex: &LexWord, issues: &mut Vec<SyntaxIssue>) -> Word {
    let span = line.file_range(lex.range.clone());
    if lex.unterminated {
        issues.push(SyntaxIssue::UnterminatedQuote { span: span.clone() });
    }
    let bytes = lex.value(&line.text);
    let env_refs = env_refs(bytes);
    let value = String::from_utf8_lossy(bytes).into_owned();
    Word {
        span,
        value,
        quoted: lex.quoted,
        unterminated_quote: lex.unterminated,
        env_refs,
    }
}

/// `%{env:NAME}` references, found as ProFTPD finds them: only in words
/// longer than 7 bytes; an unterminated one is skipped.
fn env_refs(value: &[u8]) -> Vec<EnvRef> {
    const OPEN: &[u8] = b"%{env:";
    let mut refs = Vec::new();
    if value.len() <= 7 {
        return refs;
    }
    let mut from = 0;
    while let Some(rel) = find(&value[from..], OPEN) {
        let start = from + rel;
        let name_start = start + OPEN.len();
        match value[name_start..].iter().position(|&b| b == b'}') {
            Some(len) => {
                refs.push(EnvRef {
                    name: String::from_utf8_lossy(&value[name_start..name_start + len])
                        .into_owned(),
                    range: start..name_start + len + 1,
                });
                from = name_start + len + 1;
            }
            None => from = name_start,
        }
    }
    refs
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> ParsedFile {
        parse(FileId(0), text.as_bytes())
    }

    #[test]
    fn round_trips() {
        let text = "A b\n<Directory /tmp>\n  # c\n  Deny all\n</Directory>\n\nX \"y z\" # w\n";
        let parsed = parse_str(text);
        assert_eq!(parsed.print(text.as_bytes()), text.as_bytes());
        assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    }

    #[test]
    fn section_fixup() {
        let parsed = parse_str("<Directory \"/a b\" >\n</Directory >\n");
        let Item::Section(section) = &parsed.items[0] else {
            panic!()
        };
        assert_eq!(section.open.name, "<Directory>");
        assert_eq!(section.open.arg_values(), ["/a b"]);
        assert_eq!(section.close.as_ref().unwrap().name, "</Directory>");
        assert!(parsed.issues.is_empty());
    }

    #[test]
    fn unclosed_and_stray() {
        let parsed = parse_str("</Limit>\n<Global>\n<Directory /x>\n");
        let kinds: Vec<_> = parsed.issues.iter().map(std::mem::discriminant).collect();
        assert_eq!(kinds.len(), 3);
        assert!(matches!(parsed.issues[0], SyntaxIssue::StrayCloser { .. }));
        assert!(
            matches!(&parsed.issues[1], SyntaxIssue::UnclosedSection { name, .. } if name == "Directory")
        );
    }

    #[test]
    fn mismatched_closer_recovers() {
        let parsed = parse_str("<Anonymous /srv>\n<Limit READ>\n</Anonymous>\nX y\n");
        assert!(
            matches!(&parsed.issues[0], SyntaxIssue::MismatchedCloser { open_name, .. } if open_name == "Limit")
        );
        assert_eq!(parsed.issues.len(), 1);
        assert!(matches!(parsed.items.last(), Some(Item::Directive(d)) if d.name == "X"));
    }

    #[test]
    fn closer_with_arguments() {
        let parsed = parse_str("<IfModule mod_xfer.c>\n</IfModule mod_xfer.c>\n");
        assert!(
            matches!(&parsed.issues[0], SyntaxIssue::CloserWithArguments { args, .. } if args == "mod_xfer.c")
        );
    }

    #[test]
    fn malformed_tags() {
        let parsed = parse_str("<Directory /tmp\n< Directory /tmp>\n");
        let names: Vec<_> = parsed
            .issues
            .iter()
            .filter_map(|i| match i {
                SyntaxIssue::MalformedSectionTag { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["<Directory", "<>"]);
    }

    #[test]
    fn env_refs_only_in_long_words() {
        assert!(env_refs(b"%{env:}").is_empty());
        let refs = env_refs(b"pre%{env:A}x%{env:BB}%{env:C");
        let names: Vec<_> = refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["A", "BB"]);
    }

    #[test]
    fn misnested_conditional_is_reported_not_fatal() {
        let parsed = parse_str("<IfModule mod_x.c>\n<Directory /a>\n</IfModule>\n</Directory>\n");
        assert!(matches!(
            parsed.issues[0],
            SyntaxIssue::MisnestedConditional { .. }
        ));
    }
}
