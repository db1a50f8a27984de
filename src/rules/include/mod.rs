//! Rules for Include resolution.

pub mod include_cycle;
pub mod include_entry_is_directory;
pub mod include_error_ignored;
pub mod include_glob_no_match;
pub mod include_not_found;
pub mod include_special_file;
pub mod include_too_deep;
pub mod relative_include;

use crate::diagnostic::{Diagnostic, Span};
use crate::load::LoadIssue;
use crate::rules::Rule;
use crate::rules::context::LintContext;

pub fn rules() -> Vec<&'static Rule> {
    vec![
        &relative_include::RULE,
        &include_not_found::RULE,
        &include_cycle::RULE,
        &include_special_file::RULE,
        &include_too_deep::RULE,
        &include_glob_no_match::RULE,
        &include_entry_is_directory::RULE,
        &include_error_ignored::RULE,
    ]
}

pub fn check(ctx: &LintContext, out: &mut Vec<Diagnostic>) {
    for issue in &ctx.config.issues {
        out.push(from_issue(issue));
    }
}

fn from_issue(issue: &LoadIssue) -> Diagnostic {
    match issue {
        LoadIssue::RelativeInclude { file, span, path } => Diagnostic::new(
            &relative_include::RULE,
            Span::new(*file, span.clone()),
            format!("`{path}` is not an absolute path: ProFTPD refuses it (\"Include: unable to use path for configuration file\")"),
        )
        .with_help("write the absolute path; use --root DIR to lint a copy kept elsewhere"),
        LoadIssue::IncludeNotFound { file, span, path, error } => Diagnostic::new(
            &include_not_found::RULE,
            Span::new(*file, span.clone()),
            format!("cannot read `{}` ({error}): ProFTPD only warns and starts without it", path.display()),
        )
        .with_help("fix the path, or lint with --root DIR / --no-includes"),
        LoadIssue::IncludeCycle { file, span, path, chain } => {
            let chain: Vec<String> = chain.iter().map(|p| p.display().to_string()).collect();
            Diagnostic::new(
                &include_cycle::RULE,
                Span::new(*file, span.clone()),
                format!(
                    "include cycle: `{}` is already being read ({} → {}); ProFTPD crashes (segmentation fault) on this",
                    path.display(),
                    chain.join(" → "),
                    path.display()
                ),
            )
            .with_help("move included files into their own directory or narrow the glob")
        }
        LoadIssue::IncludeSpecialFile { file, span, path } => Diagnostic::new(
            &include_special_file::RULE,
            Span::new(*file, span.clone()),
            format!("`{}` is not a regular file (FIFO, socket or device): ProFTPD would block trying to read it", path.display()),
        )
        .with_help("remove it from the included directory"),
        LoadIssue::IncludeDirEntryIsDir { file, span, path } => Diagnostic::new(
            &include_entry_is_directory::RULE,
            Span::new(*file, span.clone()),
            format!("`{}` is a directory: ProFTPD does not recurse into it and logs \"unable to open parse file\"", path.display()),
        )
        .with_help("include that directory explicitly, or move it"),
        LoadIssue::IncludeTooDeep { file, span, path } => Diagnostic::new(
            &include_too_deep::RULE,
            Span::new(*file, span.clone()),
            format!("not following `{}`: includes are nested more than 64 levels deep", path.display()),
        )
        .with_help("flatten the include structure"),
        LoadIssue::GlobNoMatch { file, span, pattern, in_directory } => Diagnostic::new(
            &include_glob_no_match::RULE,
            Span::new(*file, span.clone()),
            if *in_directory {
                format!("`{pattern}` matches nothing: ProFTPD logs \"no matches found for wildcard directory\" and goes on")
            } else {
                format!("`{pattern}` matches nothing; ProFTPD accepts this silently")
            },
        )
        .with_help("check the pattern"),
        LoadIssue::GlobBadPattern { file, span, pattern, error } => Diagnostic::new(
            &include_glob_no_match::RULE,
            Span::new(*file, span.clone()),
            format!("`{pattern}` is not a valid wildcard pattern ({error})"),
        )
        .with_help("check the pattern"),
    }
}
