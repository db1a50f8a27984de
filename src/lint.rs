//! One lint run: load the config and its includes, evaluate conditions,
//! run every rule, and account for what ProFTPD really refuses.

use std::collections::HashMap;
use std::io;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Span};
use crate::fs::{FileSystem, RealFs};
use crate::load::{self, Config, LoadOptions};
use crate::model::conditions::{self, Environment};
use crate::rules;
use crate::rules::context::LintContext;
use crate::source::FileId;
use crate::syntax::Directive;

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
    let raw = fs.read(path)?;
    Ok(lint_bytes(fs, path, raw, options))
}

/// Lints text that is not (necessarily) on disk, e.g. stdin or an editor
/// buffer; Includes are still read through `fs`.
pub fn lint_bytes(
    fs: &dyn FileSystem,
    path: &Path,
    raw: Vec<u8>,
    options: &LintOptions,
) -> LintResult {
    if raw.len() >= PARALLEL_BYTES && may_start_threads() {
        load_schemas_in_background();
    }
    let mut config = load::load(fs, path, raw, &options.load);
    if let Some(env) = &options.env {
        for parsed in &mut config.files {
            crate::syntax::env::expand_file(parsed, env);
        }
    }
    let eval = conditions::evaluate(&config, &options.environment);
    let ctx = LintContext {
        config: &config,
        eval: &eval,
        options,
    };
    let mut diagnostics = Vec::new();
    rules::syntax::check(&ctx, &mut diagnostics);
    rules::include::check(&ctx, &mut diagnostics);
    rules::directives::check(&ctx, &mut diagnostics);
    not_read_when_skipped(&ctx, &mut diagnostics);
    included_errors_are_downgraded(&ctx, &mut diagnostics);
    let diagnostics = select_and_suppress(&config, diagnostics, &options.selection);
    LintResult {
        config,
        diagnostics,
    }
}

/// From this size on, a lint uses a second thread for part of its work
/// (below it, starting the thread costs more than it saves).
pub const PARALLEL_BYTES: usize = 128 * 1024;

/// Builds the catalogue and argument-schema indexes on another thread,
/// once per process, while the file is parsed (the tables are built once,
/// by whichever thread comes first). The indexes are small since entries
/// are read on first use, but starting the thread still pays: measured on
/// the 2,000-vhost config, the median run is 7.3 ms with it and 9.1 ms
/// without (the second core is awake when the rules start their thread).
fn load_schemas_in_background() {
    static STARTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if STARTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("schemas".into())
        .spawn(|| {
            crate::model::arguments::index_schemas();
            let _ = crate::catalog::catalog();
        });
    // Without the thread, the rules read the tables themselves.
    drop(spawned);
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
