//! `proftpd-lint check`.

use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use proftpd_lint::diagnostic::{Diagnostic, Severity, Span, dedup_by};
use proftpd_lint::fix::Allow;
use proftpd_lint::fs::RealFs;
use proftpd_lint::lint::{LintOptions, LintResult, lint_bytes, lint_path};
use proftpd_lint::load::LoadOptions;
use proftpd_lint::profile::ProfileOverrides;
use proftpd_lint::report::{self, Report};
use proftpd_lint::rules;
use proftpd_lint::source::{FileId, SourceMap};

use super::config::{CliOverrides, ConfigError, Resolved, Resolver, selectors};
use super::fix;
use super::inputs::{Excludes, Input, expand};
use super::{CheckArgs, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ProfileArgs, output};

pub fn run(args: CheckArgs) -> u8 {
    let resolver = match resolver(&args) {
        Ok(resolver) => resolver,
        Err(error) => {
            error.print();
            return EXIT_ERROR;
        }
    };
    let excludes = match Excludes::new(&args.exclude) {
        Ok(excludes) => excludes,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_ERROR;
        }
    };
    let inputs = match expand(&args.paths, &excludes) {
        Ok(inputs) => inputs,
        Err((path, error)) => {
            eprintln!("error: {}: {error}", path.display());
            return EXIT_ERROR;
        }
    };
    let resolved = match resolve_all(&inputs, &args, &resolver) {
        Ok(resolved) => resolved,
        Err(error) => {
            error.print();
            return EXIT_ERROR;
        }
    };
    if args.fix || args.unsafe_fixes || args.diff {
        match run_fixes(&args, &inputs, &resolver) {
            Ok(Some(code)) => return code,
            Ok(None) => {}
            Err(message) => {
                eprintln!("error: {message}");
                return EXIT_ERROR;
            }
        }
    }
    let progress = progress_bar(inputs.len());
    let lint_one = |(input, resolved): (&Input, &Arc<Resolved>)| {
        let outcome = lint_input(input, &args, &resolved.options);
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        outcome.map(|result| (result, resolved.fail_on))
    };
    // One file needs no thread pool.
    let outcomes: Vec<Result<(LintResult, Severity), (PathBuf, io::Error)>> = if inputs.len() == 1 {
        inputs.iter().zip(resolved.iter()).map(lint_one).collect()
    } else {
        inputs
            .par_iter()
            .zip(resolved.par_iter())
            .map(lint_one)
            .collect()
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }

    let mut io_failed = false;
    let mut failing = false;
    let mut results = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok((result, fail_on)) => {
                failing |= result.diagnostics.iter().any(|d| d.severity >= fail_on);
                results.push(result);
            }
            Err((path, error)) => {
                eprintln!("error: {}: {error}", path.display());
                io_failed = true;
            }
        }
    }
    let (sources, diagnostics) = combine(results);
    let cwd = std::env::current_dir().ok();
    let all_rules = rules::all();
    let report = Report {
        sources: &sources,
        diagnostics: &diagnostics,
        rules: &all_rules,
        root: cwd.as_deref(),
        tool_version: env!("CARGO_PKG_VERSION"),
        color: use_color(&args),
    };
    if let Err(code) = write_report(&args, &report) {
        return code;
    }
    if io_failed {
        return EXIT_ERROR;
    }
    // The process ends right after: freeing every tree node one by one
    // would only cost time.
    std::mem::forget((sources, diagnostics));
    if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// A progress bar on a terminal for runs of many files; none otherwise.
fn progress_bar(files: usize) -> Option<indicatif::ProgressBar> {
    const MIN_FILES: usize = 50;
    if files <= MIN_FILES || !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files ({per_sec}, {eta})")
    {
        bar.set_style(style);
    }
    Some(bar)
}

fn resolver(args: &CheckArgs) -> Result<Resolver, ConfigError> {
    let profile = profile_overrides(&args.profile).map_err(ConfigError::Usage)?;
    let cli = CliOverrides {
        load: LoadOptions {
            root: args.root.clone(),
            no_includes: args.no_includes,
        },
        env: args.env.then(|| std::env::vars().collect()),
        defines: args.defines.clone(),
        profile,
        select: selectors(&args.selection.select)?,
        ignore: selectors(&args.selection.ignore)?,
        fail_on: args.fail_on,
    };
    Ok(Resolver::new(args.settings.clone(), cli))
}

fn resolve_all(
    inputs: &[Input],
    args: &CheckArgs,
    resolver: &Resolver,
) -> Result<Vec<Arc<Resolved>>, ConfigError> {
    inputs
        .iter()
        .map(|input| match input {
            Input::File(path) => resolver.for_path(path),
            Input::Stdin => resolver.for_path(
                &args
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("-")),
            ),
        })
        .collect()
}

/// Applies or shows fixes. `Some(code)` ends the run (`--diff`); `None`
/// goes on to report what is left.
fn run_fixes(
    args: &CheckArgs,
    inputs: &[Input],
    resolver: &Resolver,
) -> Result<Option<u8>, String> {
    let mut files = Vec::new();
    for input in inputs {
        match input {
            Input::File(path) => files.push(path.clone()),
            Input::Stdin => return Err("--fix and --diff need files, not standard input".into()),
        }
    }
    let allow = if args.unsafe_fixes {
        Allow::All
    } else {
        Allow::Safe
    };
    let fixes = fix::compute(&files, resolver, allow)?;
    for fixed in &fixes {
        for line in &fixed.rolled_back {
            eprintln!("warning: {line}");
        }
    }
    if args.diff {
        if let Err(code) = output::to_stdout(|out| fix::print_diff(&fixes, out)) {
            return Ok(Some(code));
        }
        eprintln!("{}", fix::summary(&fixes, true));
        let changed = fixes.iter().any(|f| f.fixed != f.original);
        return Ok(Some(if changed { EXIT_FINDINGS } else { EXIT_OK }));
    }
    fix::check_writable(&fixes)?;
    fix::write(&fixes)?;
    eprintln!("{}", fix::summary(&fixes, false));
    Ok(None)
}

pub(super) fn profile_overrides(args: &ProfileArgs) -> Result<ProfileOverrides, String> {
    use proftpd_lint::platform::Platform;
    use proftpd_lint::profile::{Link, ProftpdVersion};
    Ok(ProfileOverrides {
        platform: args
            .platform
            .as_deref()
            .map(|p| Platform::parse(p).ok_or_else(|| format!("unknown platform `{p}`")))
            .transpose()?,
        proftpd_version: args
            .proftpd_version
            .as_deref()
            .map(|v| {
                ProftpdVersion::parse(v).ok_or_else(|| format!("not a ProFTPD version: `{v}`"))
            })
            .transpose()?,
        link: args
            .link
            .as_deref()
            .map(|l| {
                Link::parse(l)
                    .ok_or_else(|| format!("unknown link kind `{l}` (standard or metered)"))
            })
            .transpose()?,
        nat_idle_timeout: args.nat_idle_timeout,
        probe_bytes: None,
    })
}

fn lint_input(
    input: &Input,
    args: &CheckArgs,
    options: &LintOptions,
) -> Result<LintResult, (PathBuf, io::Error)> {
    match input {
        Input::File(path) => lint_path(path, options).map_err(|e| (path.clone(), e)),
        Input::Stdin => {
            let mut raw = Vec::new();
            io::stdin()
                .read_to_end(&mut raw)
                .map_err(|e| (PathBuf::from("-"), e))?;
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("-"));
            Ok(lint_bytes(&RealFs, &name, raw, options))
        }
    }
}

/// Puts every result's files into one map (an included file shared by
/// several checked files appears once, with its findings once).
fn combine(results: Vec<LintResult>) -> (SourceMap, Vec<Diagnostic>) {
    let mut sources = SourceMap::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for result in results {
        let LintResult {
            mut config,
            diagnostics: found,
        } = result;
        // New id of each file, by old id (the files come in id order).
        let mut remap: Vec<FileId> = Vec::new();
        for file in std::mem::take(&mut config.sources).into_files() {
            let old = file.id;
            let id = match sources.find(&file.path) {
                Some(id) => id,
                None => sources.adopt(file),
            };
            debug_assert_eq!(old.0 as usize, remap.len(), "files in id order");
            remap.push(id);
        }
        // The trees are no longer needed: free them before the report.
        drop(config);
        if diagnostics.is_empty() {
            diagnostics = found;
            for diag in &mut diagnostics {
                remap_diagnostic(diag, &remap);
            }
        } else {
            diagnostics.extend(found.into_iter().map(|mut diag| {
                remap_diagnostic(&mut diag, &remap);
                diag
            }));
        }
    }
    dedup(&mut diagnostics);
    (sources, diagnostics)
}

/// Keeps the first of the findings with the same file, range, code and
/// message.
fn dedup(diagnostics: &mut Vec<Diagnostic>) {
    use std::hash::BuildHasher;
    dedup_by(
        diagnostics,
        |d| rustc_hash::FxBuildHasher.hash_one((&d.span, d.code, &d.message)),
        |a, b| a.span == b.span && a.code == b.code && a.message == b.message,
    );
}

fn remap_diagnostic(diag: &mut Diagnostic, remap: &[FileId]) {
    let fix_span = |span: &mut Span| span.file = remap[span.file.0 as usize];
    fix_span(&mut diag.span);
    for label in &mut diag.labels {
        fix_span(&mut label.span);
    }
    if let Some(fix) = &mut diag.fix {
        for edit in &mut fix.edits {
            fix_span(&mut edit.span);
        }
    }
}

fn use_color(args: &CheckArgs) -> bool {
    args.output_file.is_none()
        && std::env::var_os("NO_COLOR").is_none()
        && io::stdout().is_terminal()
}

/// Writes the report to stdout or `--output-file`; an error has been
/// printed when this returns the exit code.
fn write_report(args: &CheckArgs, report: &Report<'_>) -> Result<(), u8> {
    let Some(path) = &args.output_file else {
        return output::to_stdout(|out| report::render(args.format, report, out));
    };
    match write_report_file(args.format, report, path) {
        Ok(()) => {
            eprintln!("{}", report.summary().line());
            Ok(())
        }
        Err(error) => {
            eprintln!("error: {}: {error}", path.display());
            Err(EXIT_ERROR)
        }
    }
}

fn write_report_file(format: report::Format, report: &Report<'_>, path: &Path) -> io::Result<()> {
    let mut buffer = Vec::new();
    report::render(format, report, &mut buffer)?;
    refuse_input_overwrite(path, report)?;
    proftpd_lint::fs::write_atomic(path, &buffer)
}

fn refuse_input_overwrite(path: &Path, report: &Report<'_>) -> io::Result<()> {
    let target = std::fs::canonicalize(path).ok();
    for file in report.sources.iter() {
        if target.is_some() && std::fs::canonicalize(&file.path).ok() == target {
            return Err(io::Error::other(
                "refusing to write the report over a checked file",
            ));
        }
    }
    Ok(())
}
