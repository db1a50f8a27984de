//! One lint run: load the config and its includes, evaluate conditions,
//! run every rule, and account for what ProFTPD really refuses.

use std::collections::HashMap;
use std::io;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Span, append};
use crate::fs::{Contents, FileSystem, RealFs};
use crate::load::{self, Config, LoadOptions};
use crate::model::conditions::{self, Environment, Evaluation};
use crate::rules;
use crate::rules::context::LintContext;
use crate::source::{FileId, SharedText, SourceFile};
use crate::syntax::{self, Directive, ParsedFile};

mod helper;

#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub load: LoadOptions,
    /// Environment for `%{env:NAME}` checks (none: references are recorded
    /// but not expanded).
    pub env: Option<HashMap<String, String>>,
    /// What the target server has (static modules, defines, version).
    pub environment: Environment,
    /// Target platform, ProFTPD version, link and middlebox assumptions.
    pub profile: crate::profile::Profile,
    /// Enabled rules and severity overrides (from `.proftpd-lint.toml` and
    /// `--select`/`--ignore`).
    pub selection: crate::settings::Selection,
}

/// Everything a run found.
#[derive(Debug, Clone, Default)]
pub struct LintResult {
    pub config: Config,
    pub diagnostics: Vec<Diagnostic>,
}

impl LintResult {
    /// Whether `proftpd -t` would refuse this config.
    pub fn proftpd_rejects(&self) -> bool {
        self.diagnostics.iter().any(|d| d.proftpd_rejects)
    }
}

/// Lints a file on the real file system.
pub fn lint_path(path: &Path, options: &LintOptions) -> io::Result<LintResult> {
    lint_file(&RealFs, path, options)
}

/// Lints `path` read through `fs`.
pub fn lint_file(
    fs: &dyn FileSystem,
    path: &Path,
    options: &LintOptions,
) -> io::Result<LintResult> {
    let raw = fs.read_contents(path)?;
    Ok(lint_contents(fs, path, raw, options))
}

/// Lints text that is not (necessarily) on disk, e.g. stdin or an editor
/// buffer; Includes are still read through `fs`.
pub fn lint_bytes(
    fs: &dyn FileSystem,
    path: &Path,
    raw: Vec<u8>,
    options: &LintOptions,
) -> LintResult {
    lint_contents(fs, path, raw.into(), options)
}

fn lint_contents(
    fs: &dyn FileSystem,
    path: &Path,
    raw: Contents,
    options: &LintOptions,
) -> LintResult {
    if raw.as_bytes().len() >= PARALLEL_BYTES && may_start_threads() {
        if let Some(placement) = helper::Placement::away_from_this_cpu() {
            return lint_on_two_threads(fs, path, raw, options, placement);
        }
    }
    lint_on_this_thread(fs, path, raw, options)
}

fn lint_on_this_thread(
    fs: &dyn FileSystem,
    path: &Path,
    raw: Contents,
    options: &LintOptions,
) -> LintResult {
    let (config, eval) = load_and_evaluate(fs, path, raw, options, syntax::parse_source);
    let ctx = LintContext {
        config: &config,
        eval: &eval,
        options,
    };
    let mut diagnostics = Vec::new();
    whole_file_rules(&ctx, &mut diagnostics);
    rules::directives::check(&ctx, &mut diagnostics);
    let diagnostics = account_and_select(&ctx, diagnostics);
    LintResult {
        config,
        diagnostics,
    }
}

/// From this size on, a lint uses a second thread (below it, the thread
/// costs more than it saves).
pub const PARALLEL_BYTES: usize = 128 * 1024;

/// Up to this size the two threads parse half of the file each. Joining the
/// halves holds both copies of the second half for a moment: above this
/// size that memory matters more than the time (a 6.7 MB config peaked
/// 1.7 MB higher, over the memory target).
const SPLIT_PARSE_MAX_BYTES: usize = 2 * 1024 * 1024;

/// [`lint_bytes`] for a large input, on this thread and a helper: each
/// parses half of the file (up to [`SPLIT_PARSE_MAX_BYTES`]), then the
/// helper builds the catalogue indexes while this thread joins the halves,
/// and the helper runs the keepalive rules while this thread runs the
/// catalogue rules. The tree and the findings are the same as on one
/// thread, in the same order.
fn lint_on_two_threads(
    fs: &dyn FileSystem,
    path: &Path,
    raw: Contents,
    options: &LintOptions,
    placement: helper::Placement,
) -> LintResult {
    // This thread hands over the second half of the file to parse, and
    // later the whole config; the helper hands back the half it parsed.
    let half = Arc::new(helper::Handoff::<Option<(SharedText, usize)>>::new());
    let part = Arc::new(helper::Handoff::new());
    let parsed = Arc::new(helper::Handoff::new());
    let spawned = helper::spawn(placement, {
        let (half, part, parsed) = (Arc::clone(&half), Arc::clone(&part), Arc::clone(&parsed));
        let options = options.clone();
        let this_thread = std::thread::current();
        move || {
            let part_giver = part.giver(&this_thread);
            match half.wait() {
                Some(Some((text, from))) => {
                    let read = syntax::parse_part(text, *from);
                    part_giver.give(std::sync::Mutex::new(Some(read)));
                }
                // This thread reads the whole file: it is not to wait.
                _ => drop(part_giver),
            }
            crate::model::arguments::index_schemas();
            let _ = crate::catalog::catalog();
            let (config, eval) = parsed.wait()?;
            let ctx = LintContext {
                config,
                eval,
                options: &options,
            };
            let mut found = Vec::new();
            rules::keepalive::check(&ctx, &mut found);
            index_lines(config);
            Some(found)
        }
    });
    let Ok(helper) = spawned else {
        return lint_on_this_thread(fs, path, raw, options);
    };
    let half_giver = half.giver(helper.thread());
    let parse_in_two = |source: &SourceFile| {
        let split = source
            .shared_text()
            .filter(|text| text.len() <= SPLIT_PARSE_MAX_BYTES)
            .and_then(|text| syntax::split_point(text.as_bytes()).map(|at| (text, at)));
        let Some((text, at)) = split else {
            half_giver.give(None);
            return syntax::parse_source(source);
        };
        half_giver.give(Some((text, at)));
        // Taken out, so that it is freed once joined to the first half.
        let take = |slot: &std::sync::Mutex<Option<syntax::Part>>| slot.lock().ok()?.take();
        syntax::parse_source_in_two(source, at, || part.wait().and_then(take))
    };
    let giver = parsed.giver(helper.thread());
    let (config, eval) = giver.give(load_and_evaluate(fs, path, raw, options, parse_in_two));
    let ctx = LintContext {
        config,
        eval,
        options,
    };
    let mut diagnostics = Vec::new();
    whole_file_rules(&ctx, &mut diagnostics);
    rules::catalog::check(&ctx, &mut diagnostics);
    // Whichever thread is done with its rules first gets the findings'
    // lines and columns ready (the other finds the index built, or waits
    // for it).
    index_lines(config);
    match helper.join() {
        Ok(found) => append(&mut diagnostics, found.unwrap_or_default()),
        Err(panic) => std::panic::resume_unwind(panic),
    }
    // The helper's share of `parsed` went with its closure.
    let (config, eval) = Arc::into_inner(parsed)
        .and_then(helper::Handoff::into_inner)
        .expect("the helper is done and the config was handed over");
    let ctx = LintContext {
        config: &config,
        eval: &eval,
        options,
    };
    let diagnostics = account_and_select(&ctx, diagnostics);
    LintResult {
        config,
        diagnostics,
    }
}

/// Builds the line index of every file now rather than at the report.
fn index_lines(config: &Config) {
    for file in config.sources.iter() {
        file.index_lines();
    }
}

/// Reads the config and its includes, expands `%{env:…}` when an
/// environment is given, and works out which conditional blocks apply.
fn load_and_evaluate(
    fs: &dyn FileSystem,
    path: &Path,
    raw: Contents,
    options: &LintOptions,
    parse_root: impl FnOnce(&SourceFile) -> ParsedFile,
) -> (Config, Evaluation) {
    let mut config = load::load_with(fs, path, raw, &options.load, parse_root);
    if let Some(env) = &options.env {
        for parsed in &mut config.files {
            crate::syntax::env::expand_file(parsed, env);
        }
    }
    let eval = conditions::evaluate(&config, &options.environment);
    (config, eval)
}

/// The syntax and Include rules, which look at each file as a whole.
fn whole_file_rules(ctx: &LintContext, out: &mut Vec<Diagnostic>) {
    rules::syntax::check(ctx, out);
    rules::include::check(ctx, out);
}

/// Accounts for what ProFTPD really refuses, then applies the rule
/// selection and suppression comments.
fn account_and_select(ctx: &LintContext, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    not_read_when_skipped(ctx, &mut diagnostics);
    included_errors_are_downgraded(ctx, &mut diagnostics);
    select_and_suppress(ctx.config, diagnostics, &ctx.options.selection)
}

/// Whether a lint may start threads of its own: not when it already runs
/// on a worker of the thread pool (`check DIR` lints files in parallel).
pub fn may_start_threads() -> bool {
    rayon::current_thread_index().is_none()
}

/// Drops findings of disabled rules, then those silenced by suppression
/// comments (adding findings about the comments), then applies severity
/// overrides. Done here so every output and the language server agree.
fn select_and_suppress(
    config: &Config,
    mut diagnostics: Vec<Diagnostic>,
    selection: &crate::settings::Selection,
) -> Vec<Diagnostic> {
    let enabled =
        |code: &str, file: FileId| selection.enabled(code, &config.sources.get(file).path);
    diagnostics.retain(|d| enabled(d.code, d.span.file));
    let mut diagnostics = crate::suppress::apply(config, diagnostics, &enabled);
    diagnostics.retain(|d| enabled(d.code, d.span.file));
    selection.apply_severity(&mut diagnostics);
    diagnostics
}

/// Text inside a false conditional block is never tokenised by ProFTPD, so
/// nothing there makes it refuse the config.
fn not_read_when_skipped(ctx: &LintContext, diagnostics: &mut [Diagnostic]) {
    for diag in diagnostics.iter_mut() {
        if diag.proftpd_rejects
            && diag.code != rules::syntax::inexact_conditional_closer::RULE.code
            && ctx.eval.is_skipped(diag.span.file, diag.span.range.start)
        {
            diag.proftpd_rejects = false;
        }
    }
}

/// ProFTPD 1.3.8 turns the first fatal error inside a file named by
/// `Include` into a warning ("unable to include") and `proftpd -t` goes on:
/// the rest of the included file is still read (now counted as lines of
/// the including file, so a second error there is fatal), and the rest of
/// the including file is never read. In a directory or wildcard Include the
/// broken file is skipped and the others are read. Unclosed sections and
/// include cycles stay fatal: they fail after (or instead of) parsing.
fn included_errors_are_downgraded(ctx: &LintContext, diagnostics: &mut Vec<Diagnostic>) {
    let root = ctx.config.root;
    if !diagnostics
        .iter()
        .any(|d| d.span.file != root && d.proftpd_rejects)
    {
        return;
    }
    let mut includes = Vec::new();
    for parsed in &ctx.config.files {
        parsed.for_each_directive(&mut |d| {
            if d.is_named("Include") {
                includes.push((parsed.file, d));
            }
        });
    }
    let mut added = Vec::new();
    for (file, directive) in includes {
        let targets = ctx.config.included_by(file, &directive).to_vec();
        let wildcard = targets.len() > 1
            || directive
                .args()
                .first()
                .is_some_and(|a| a.value().contains(['*', '?', '[']) || a.value().ends_with('/'));
        for target in targets {
            if target == file {
                continue;
            }
            let mut errors: Vec<usize> = (0..diagnostics.len())
                .filter(|&i| {
                    diagnostics[i].span.file == target && counts_as_parse_error(&diagnostics[i])
                })
                .collect();
            if errors.is_empty() {
                continue;
            }
            errors.sort_by_key(|&i| diagnostics[i].span.range.start);
            if wildcard {
                for &i in &errors {
                    diagnostics[i].proftpd_rejects = false;
                }
            } else {
                diagnostics[errors[0]].proftpd_rejects = false;
                let after = directive.span().end;
                for diag in diagnostics.iter_mut() {
                    if diag.span.file == file
                        && diag.span.range.start >= after
                        && counts_as_parse_error(diag)
                    {
                        diag.proftpd_rejects = false;
                    }
                }
            }
            added.push(include_error_warning(
                ctx, file, &directive, target, wildcard,
            ));
        }
    }
    diagnostics.extend(added);
}

/// A rejecting finding raised while a line is parsed (as opposed to after
/// parsing: unclosed sections, or a crash: include cycles).
fn counts_as_parse_error(diag: &Diagnostic) -> bool {
    diag.proftpd_rejects
        && diag.code != rules::syntax::unclosed_section::RULE.code
        && diag.code != rules::include::include_cycle::RULE.code
}

fn include_error_warning(
    ctx: &LintContext,
    file: FileId,
    directive: &Directive,
    target: FileId,
    many: bool,
) -> Diagnostic {
    let path = ctx.config.sources.get(target).path.display().to_string();
    let message = if many
        || directive
            .args()
            .first()
            .is_some_and(|a| a.value().contains(['*', '?', '[']) || a.value().ends_with('/'))
    {
        format!(
            "`{path}` has an error ProFTPD would refuse; ProFTPD 1.3.8 only logs it and skips that file (1.3.9 refuses the config)"
        )
    } else {
        format!(
            "`{path}` has an error ProFTPD would refuse; ProFTPD 1.3.8 only warns \"unable to include\" and ignores the rest of this file after this line"
        )
    };
    let span = directive
        .args()
        .first()
        .map(|a| a.span())
        .unwrap_or(directive.name_word().span());
    Diagnostic::new(
        &rules::include::include_error_ignored::RULE,
        Span::new(file, span),
        message,
    )
    .with_help("fix the error in the included file")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemoryFs;

    /// A config of 16 KB (the two-thread path is called directly, whatever
    /// the size) with findings of both rule families, an Include, an inline
    /// comment and a continuation in each half.
    fn large_config() -> (MemoryFs, Vec<u8>) {
        let mut fs = MemoryFs::new();
        fs.insert("/etc/extra.conf", "TimeoutIdle 0\nBogusDirective x\n");
        let mut text = String::from("ServerName \"x\"\nInclude /etc/extra.conf\n<Global>\n");
        let mut i = 0;
        while text.len() <= 16 * 1024 {
            text += &format!(
                "<VirtualHost 10.1.{}.{}>\n  ServerName \"h{i}\" # c\n  SocketOptions keepalive {}:5:75\n  TimeoutNoTransfer 60\n  MaxClients \\\n    30\n  Unknown{i} on\n</VirtualHost>\n",
                i / 250,
                i % 250 + 1,
                if i % 7 == 0 { 30 } else { 300 },
            );
            if i == 40 {
                text += "</Global>\n";
            }
            i += 1;
        }
        (fs, text.into_bytes())
    }

    #[test]
    fn two_threads_find_what_one_finds_in_the_same_order() {
        let (fs, raw) = large_config();
        let path = Path::new("/etc/proftpd.conf");
        let options = LintOptions::default();
        let one = lint_on_this_thread(&fs, path, raw.clone().into(), &options);
        assert!(one.diagnostics.len() > 100, "the config has findings");
        let Some(placement) = helper::Placement::away_from_this_cpu() else {
            eprintln!("skipped: this process may use only one CPU");
            return;
        };
        // Many runs: the threads meet at different moments each time (a
        // run that never ends is a failure too). The trees themselves are
        // compared by the parser's tests.
        for _ in 0..40 {
            let two =
                lint_on_two_threads(&fs, path, raw.clone().into(), &options, placement.clone());
            assert_eq!(two.diagnostics, one.diagnostics);
        }
    }

    #[test]
    fn a_define_named_through_the_environment_is_read() {
        let fs = MemoryFs::new();
        let raw = b"%{env:D} FOO\n<IfDefine FOO>\n  Bogus x\n</IfDefine>\n".to_vec();
        let options = LintOptions {
            env: Some([("D".to_owned(), "Define".to_owned())].into()),
            ..LintOptions::default()
        };
        let result = lint_bytes(&fs, Path::new("/etc/proftpd.conf"), raw, &options);
        let codes: Vec<&str> = result.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["C001"], "{:#?}", result.diagnostics);
    }

    #[test]
    fn a_mapped_file_is_linted_as_the_same_bytes_in_memory() {
        let (_, mut raw) = large_config();
        while raw.len() < crate::fs::MAP_FROM_BYTES as usize {
            raw.extend_from_slice(b"# padding to the size that is mapped\n");
        }
        raw.extend_from_slice(b"Bogus on\n");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("proftpd.conf");
        std::fs::write(&path, &raw).unwrap();
        let options = LintOptions::default();
        let mapped = lint_path(&path, &options).unwrap();
        let read = lint_bytes(&RealFs, &path, raw, &options);
        assert!(mapped.diagnostics.len() > 100, "the config has findings");
        assert_eq!(mapped.diagnostics, read.diagnostics);
        assert_eq!(mapped.config.files, read.config.files);
    }
}
