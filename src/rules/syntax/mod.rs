//! Rules for problems found while reading lines and building the tree.

pub mod backslash_before_crlf;
pub mod byte_order_mark;
pub mod closer_with_arguments;
pub mod continuation_into_comment;
pub mod dropped_comment_in_continuation;
pub mod env_value_with_spaces;
pub mod inexact_conditional_closer;
pub mod invalid_utf8;
pub mod line_too_long;
pub mod malformed_section_tag;
pub mod mismatched_closer;
pub mod misnested_conditional;
pub mod missing_final_newline;
pub mod nesting_too_deep;
pub mod nul_byte;
pub mod stray_closer;
pub mod unclosed_section;
pub mod unterminated_quote;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, Span};
use crate::model::conditions::SkipEnd;
use crate::rules::Rule;
use crate::rules::context::LintContext;
use crate::source::FileId;
use crate::syntax::{Item, Items, Section, SectionFamily, SyntaxIssue, section_family};

pub fn rules() -> Vec<&'static Rule> {
    vec![
        &byte_order_mark::RULE,
        &invalid_utf8::RULE,
        &nul_byte::RULE,
        &unterminated_quote::RULE,
        &backslash_before_crlf::RULE,
        &continuation_into_comment::RULE,
        &dropped_comment_in_continuation::RULE,
        &line_too_long::RULE,
        &missing_final_newline::RULE,
        &malformed_section_tag::RULE,
        &unclosed_section::RULE,
        &stray_closer::RULE,
        &mismatched_closer::RULE,
        &closer_with_arguments::RULE,
        &misnested_conditional::RULE,
        &inexact_conditional_closer::RULE,
        &env_value_with_spaces::RULE,
        &nesting_too_deep::RULE,
    ]
}

/// Diagnostics for every syntax issue of every file, plus the checks on
/// conditional closers that need the evaluation of conditions.
pub fn check(ctx: &LintContext, out: &mut Vec<Diagnostic>) {
    for parsed in &ctx.config.files {
        let file = parsed.file;
        for issue in &parsed.issues {
            out.push(from_issue(ctx, file, issue));
        }
        conditional_closers(ctx, file, parsed.items(), out);
    }
    env_values(ctx, out);
}

fn span(file: FileId, range: std::ops::Range<usize>) -> Span {
    Span::new(file, range)
}

fn from_issue(ctx: &LintContext, file: FileId, issue: &SyntaxIssue) -> Diagnostic {
    let source = ctx.config.sources.get(file);
    match issue {
        SyntaxIssue::ByteOrderMark { span: r } => Diagnostic::new(
            &byte_order_mark::RULE,
            span(file, r.clone()),
            "file starts with a UTF-8 byte-order mark: ProFTPD reads it as part of the first directive's name and refuses the config",
        )
        .with_help("save the file as UTF-8 without BOM")
        .with_fix(Fix {
            message: "remove the byte-order mark".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit { span: span(file, r.clone()), replacement: String::new() }],
        }),
        SyntaxIssue::InvalidUtf8 { span: r, count } => Diagnostic::new(
            &invalid_utf8::RULE,
            span(file, r.clone()),
            format!(
                "invalid UTF-8 ({count} sequence{}); ProFTPD compares these bytes as they are, so paths and names may not match",
                if *count == 1 { "" } else { "s" }
            ),
        )
        .with_help("re-encode the file as UTF-8"),
        SyntaxIssue::NulByte { span: r } => Diagnostic::new(
            &nul_byte::RULE,
            span(file, r.start..r.start + 1),
            "NUL byte: ProFTPD ignores the rest of this line and joins the next line onto it",
        )
        .with_help("remove the NUL byte and check this line and the next"),
        SyntaxIssue::UnterminatedQuote { span: r } => Diagnostic::new(
            &unterminated_quote::RULE,
            span(file, r.clone()),
            "unterminated quote: ProFTPD takes the rest of the line as this one argument",
        )
        .with_help("close the quote where the value ends"),
        SyntaxIssue::BackslashBeforeCrlf { span: r } => Diagnostic::new(
            &backslash_before_crlf::RULE,
            span(file, r.clone()),
            "backslash before a CRLF line ending does not continue the line: ProFTPD keeps the `\\` in the argument and reads the next line as a separate directive",
        )
        .with_help("convert the file to LF line endings"),
        SyntaxIssue::ContinuationIntoComment { comment, line } => Diagnostic::new(
            &continuation_into_comment::RULE,
            span(file, comment.clone()),
            "the continued line runs into this comment line: `#` ends the directive here and the lines after it are read as new directives",
        )
        .with_label(span(file, line.clone()), "directive continued onto the comment")
        .with_help("remove the comment line or end it with `\\` as well"),
        SyntaxIssue::DroppedCommentInContinuation { comment } => Diagnostic::new(
            &dropped_comment_in_continuation::RULE,
            span(file, trim_eol(source.raw(), comment.clone())),
            "ProFTPD drops this comment line and continues the directive on the next line",
        )
        .with_help("consider moving the comment above the directive"),
        SyntaxIssue::LineTooLong { tail, length } => Diagnostic::new(
            &line_too_long::RULE,
            span(file, tail.clone()),
            format!(
                "line is {length} bytes long: ProFTPD reads 4096 bytes and parses the rest, starting here, as a separate line"
            ),
        )
        .with_help("shorten the line"),
        SyntaxIssue::NoFinalNewline { at } => Diagnostic::new(
            &missing_final_newline::RULE,
            span(file, *at..*at),
            "no newline at end of file: ProFTPD warns \"handling possibly truncated configuration data\"",
        )
        .with_help("end the file with a newline")
        .with_fix(Fix {
            message: "add a newline".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit { span: span(file, *at..*at), replacement: "\n".into() }],
        }),
        SyntaxIssue::MalformedSectionTag { span: r, name } => Diagnostic::new(
            &malformed_section_tag::RULE,
            span(file, r.clone()),
            format!("malformed section tag: ProFTPD reads this as the unknown directive '{name}'"),
        )
        .with_help("write the tag as `<Name arguments>`, ending the line with `>`"),
        SyntaxIssue::UnclosedSection { open, name } => unclosed(ctx, file, open, name),
        SyntaxIssue::StrayCloser { span: r, name } => {
            let conditional = section_family(name) != SectionFamily::Context;
            let diag = Diagnostic::new(
                &stray_closer::RULE,
                span(file, r.clone()),
                if conditional {
                    format!("`</{name}>` closes no open section; ProFTPD ignores it silently")
                } else {
                    format!("`</{name}>` closes no open section: ProFTPD refuses it (\"directive not allowed\")")
                },
            )
            .with_help("remove the closer, or add the missing opening tag");
            if conditional {
                diag.with_severity(Severity::Warning).rejects(false)
            } else {
                diag
            }
        }
        SyntaxIssue::MismatchedCloser { span: r, name, open, open_name } => Diagnostic::new(
            &mismatched_closer::RULE,
            span(file, r.clone()),
            format!("`</{name}>` while `<{open_name}>` is still open: ProFTPD refuses it (\"</{name}>: directive not allowed in <{open_name}> context\")"),
        )
        .with_label(span(file, open.clone()), format!("`<{open_name}>` opened here"))
        .with_help(format!("close `<{open_name}>` first")),
        SyntaxIssue::CloserWithArguments { span: r, name, args } => closer_args(ctx, file, r, name, args),
        SyntaxIssue::MisnestedConditional { span: r, name, other } => Diagnostic::new(
            &misnested_conditional::RULE,
            span(file, r.clone()),
            format!("`<{name}>` overlaps another section instead of enclosing it"),
        )
        .with_label(span(file, other.clone()), "the other section")
        .with_help("close the inner section before the conditional"),
        SyntaxIssue::NestingTooDeep { span: r, limit } => Diagnostic::new(
            &nesting_too_deep::RULE,
            span(file, r.clone()),
            format!("sections are nested more than {limit} levels deep; proftpd-lint checks the sections below this one as plain lines"),
        )
        .with_help("flatten the configuration"),
    }
}

fn trim_eol(raw: &[u8], mut r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    while r.end > r.start && matches!(raw[r.end - 1], b'\n' | b'\r') {
        r.end -= 1;
    }
    r
}

/// Finds the section whose opener name word is at `open`.
fn find_section<'a>(items: Items<'a>, open: &std::ops::Range<usize>) -> Option<Section<'a>> {
    for item in items {
        if let Item::Section(section) = item {
            if section.open().name_word().span() == *open {
                return Some(section);
            }
            if let Some(found) = find_section(section.children(), open) {
                return Some(found);
            }
        }
    }
    None
}

fn unclosed(
    ctx: &LintContext,
    file: FileId,
    open: &std::ops::Range<usize>,
    name: &str,
) -> Diagnostic {
    let section = find_section(ctx.config.file(file).items(), open);
    let truth = section.and_then(|s| ctx.eval.truth_of(file, &s));
    let base = Diagnostic::new(&unclosed_section::RULE, span(file, open.clone()), "");
    match (section_family(name), truth) {
        (SectionFamily::Conditional, Some(true)) => Diagnostic {
            message: format!("`<{name}>` is never closed; ProFTPD accepts this because the condition holds here, but the block runs to the end of the file"),
            ..base
        }
        .with_severity(Severity::Warning)
        .rejects(false)
        .with_help(format!("add `</{name}>` where the block ends")),
        (SectionFamily::Conditional, Some(false))
            if section.is_some_and(|s| matches!(ctx.eval.skips.get(&(file, s.open().span().start)), Some(SkipEnd::Line { .. }))) =>
        {
            Diagnostic {
                message: format!("`<{name}>` is not closed in the tree (a section inside it overlaps its closer); ProFTPD skips this false block by text and finds the closer, but the structure is ambiguous"),
                ..base
            }
            .with_severity(Severity::Warning)
            .rejects(false)
            .with_help("close inner sections before the conditional")
        }
        (SectionFamily::Conditional, _) => Diagnostic {
            message: format!("`<{name}>` is never closed: ProFTPD skips to the end of the file and fails with \"unclosed <{name}> context\""),
            ..base
        }
        .with_help(format!("add `</{name}>` where the block ends")),
        _ => Diagnostic {
            message: format!("`<{name}>` is never closed: ProFTPD fails with \"unclosed configuration section\" (without a line number)"),
            ..base
        }
        .with_help(format!("add `</{name}>` where the section ends")),
    }
}

fn closer_args(
    ctx: &LintContext,
    file: FileId,
    r: &std::ops::Range<usize>,
    name: &str,
    args: &str,
) -> Diagnostic {
    let source = ctx.config.sources.get(file);
    let mut remove = r.clone();
    // `</IfModule mod_xfer.c>`: the last argument carries the tag's `>`.
    if source.raw()[..remove.end].ends_with(b">") {
        remove.end -= 1;
    }
    while remove.start > 0 && matches!(source.raw()[remove.start - 1], b' ' | b'\t') {
        remove.start -= 1;
    }
    let fix = Fix {
        message: format!("remove `{args}`"),
        applicability: Applicability::Safe,
        edits: vec![Edit {
            span: span(file, remove),
            replacement: String::new(),
        }],
    };
    if let Some(diag) = closer_args_in_skipped_block(ctx, file, r, name, &fix) {
        return diag;
    }
    let strict =
        name.eq_ignore_ascii_case("IfModule") || section_family(name) == SectionFamily::Context;
    let diag = Diagnostic::new(
        &closer_with_arguments::RULE,
        span(file, r.clone()),
        if strict {
            format!("`</{name}>` takes no arguments: ProFTPD refuses `{args}` (\"</{name}>: wrong number of parameters\")")
        } else {
            format!("`</{name}>` takes no arguments; ProFTPD ignores `{args}` when the block is read, but does not recognise the closer when it skips the block")
        },
    )
    .with_help(format!("write `</{name}>`"))
    .with_fix(fix);
    if strict {
        diag
    } else {
        diag.with_severity(Severity::Warning).rejects(false)
    }
}

/// A closer with arguments that ends a false conditional block: ProFTPD
/// never reads it as a directive, it only compares the raw line.
fn closer_args_in_skipped_block(
    ctx: &LintContext,
    file: FileId,
    r: &std::ops::Range<usize>,
    name: &str,
    fix: &Fix,
) -> Option<Diagnostic> {
    let section = closed_by(ctx.config.file(file).items(), r)?;
    if ctx.eval.truth_of(file, &section) != Some(false) {
        return None;
    }
    let exact = format!("</{name}>");
    let (message, rejects) = match ctx.eval.skips.get(&(file, section.open().span().start))? {
        SkipEnd::EndOfFile => (
            format!(
                "the condition is false here, so ProFTPD skips the block looking for a line that is exactly `{exact}`; it never finds one and fails with \"unclosed <{name}> context\""
            ),
            true,
        ),
        SkipEnd::Line { .. } => (
            format!(
                "the condition is false here, so ProFTPD skips the block looking for a line that is exactly `{exact}`: this line is not one, and the lines after it are skipped too"
            ),
            false,
        ),
    };
    Some(
        Diagnostic::new(&closer_with_arguments::RULE, span(file, r.clone()), message)
            .rejects(rejects)
            .with_label(
                span(file, section.open().name_word().span()),
                "false block opened here",
            )
            .with_help(format!("write `{exact}`"))
            .with_fix(fix.clone()),
    )
}

/// The section whose closer's arguments are at `args`.
fn closed_by<'a>(items: Items<'a>, args: &std::ops::Range<usize>) -> Option<Section<'a>> {
    for item in items {
        if let Item::Section(section) = item {
            let closes_here = section
                .close()
                .and_then(|c| c.args().first())
                .is_some_and(|a| a.span().start == args.start);
            if closes_here {
                return Some(section);
            }
            if let Some(found) = closed_by(section.children(), args) {
                return Some(found);
            }
        }
    }
    None
}

/// `</IfModule> # x` and friends: fine when the block is read, but not a
/// closer when ProFTPD skips the block.
fn conditional_closers(ctx: &LintContext, file: FileId, items: Items, out: &mut Vec<Diagnostic>) {
    for item in items {
        let Item::Section(section) = item else {
            continue;
        };
        conditional_closers(ctx, file, section.children(), out);
        if section_family(section.name()) != SectionFamily::Conditional {
            continue;
        }
        let Some(close) = section.close() else {
            continue;
        };
        if !close.args().is_empty() {
            continue;
        }
        let parsed = ctx.config.file(file);
        let raw = ctx.config.sources.get(file).raw();
        let text = parsed.line_text(raw, close.line());
        let exact = format!("</{}>", section.name());
        if text.eq_ignore_ascii_case(exact.as_bytes()) {
            continue;
        }
        let skip = ctx.eval.skips.get(&(file, section.open().span().start));
        let (message, severity, rejects) = match skip {
            Some(SkipEnd::EndOfFile) => (
                format!(
                    "the condition is false here, and ProFTPD only recognises a line that is exactly `{exact}`: it skips to the end of the file and fails with \"unclosed <{}> context\"",
                    section.name()
                ),
                Severity::Error,
                true,
            ),
            Some(SkipEnd::Line { .. }) => (
                format!(
                    "the condition is false here, and ProFTPD only recognises a line that is exactly `{exact}`: this line does not end the skipped block, so the lines after it are skipped too"
                ),
                Severity::Error,
                false,
            ),
            None => (
                format!(
                    "ProFTPD only recognises `{exact}` alone on its line when it skips a false block; on a server where the condition is false this line does not close the block"
                ),
                Severity::Warning,
                false,
            ),
        };
        let content = crate::syntax::lines::read_line(raw, close.span().start)
            .map_or(close.span(), |line| line.content_range());
        let full_line = content.start
            ..ctx
                .config
                .sources
                .get(file)
                .line_end(ctx.config.sources.get(file).line_index(content.end));
        out.push(
            Diagnostic::new(
                &inexact_conditional_closer::RULE,
                span(file, content),
                message,
            )
            .with_severity(severity)
            .rejects(rejects)
            .with_label(
                span(file, section.open().name_word().span()),
                "block opened here",
            )
            .with_help(format!("put `{exact}` alone on its line"))
            .with_fix(Fix {
                message: format!("replace the line with `{exact}`"),
                applicability: Applicability::Safe,
                edits: vec![Edit {
                    span: span(file, full_line),
                    replacement: exact.clone(),
                }],
            }),
        );
    }
}

/// With an environment supplied: values that contain whitespace.
fn env_values(ctx: &LintContext, out: &mut Vec<Diagnostic>) {
    let Some(env) = ctx.options.env.as_ref() else {
        return;
    };
    for parsed in &ctx.config.files {
        parsed.for_each_directive(&mut |directive| {
            for word in std::iter::once(directive.name_word()).chain(directive.args()) {
                for env_ref in word.env_refs() {
                    let Some(value) = env.get(&env_ref.name) else {
                        continue;
                    };
                    if value.chars().any(char::is_whitespace) {
                        out.push(
                            Diagnostic::new(
                                &env_value_with_spaces::RULE,
                                span(parsed.file, word.span()),
                                format!(
                                    "`%{{env:{}}}` is \"{value}\": ProFTPD 1.3.8 keeps it as ONE argument (1.3.10 splits it into several)",
                                    env_ref.name
                                ),
                            )
                            .with_help("use one variable per argument"),
                        );
                    }
                }
            }
        });
    }
}
