//! `proftpd-lint check`.

use std::collections::{HashMap, HashSet};
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use proftpd_lint::diagnostic::{Diagnostic, Span};
use proftpd_lint::fs::RealFs;
use proftpd_lint::lint::{LintOptions, LintResult, lint_bytes, lint_path};
use proftpd_lint::load::LoadOptions;
use proftpd_lint::model::conditions::Environment;
use proftpd_lint::profile::{Profile, ProfileOverrides};
use proftpd_lint::report::{self, Report};
use proftpd_lint::rules;
use proftpd_lint::source::{FileId, SourceMap};

use super::inputs::{Input, expand};
use super::{CheckArgs, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ProfileArgs};

pub fn run(args: CheckArgs) -> u8 {
    let options = match lint_options(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_ERROR;
        }
    };
    let inputs = match expand(&args.paths) {
        Ok(inputs) => inputs,
        Err((path, error)) => {
            eprintln!("error: {}: {error}", path.display());
            return EXIT_ERROR;
        }
    };
    let outcomes: Vec<Result<LintResult, (PathBuf, io::Error)>> = inputs
        .par_iter()
        .map(|input| lint_input(input, &args, &options))
        .collect();

    let mut io_failed = false;
    let mut results = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(result) => results.push(result),
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
    if let Err(error) = write_report(&args, &report) {
        eprintln!("error: {error}");
        return EXIT_ERROR;
    }
    if io_failed {
        return EXIT_ERROR;
    }
    let failing = diagnostics.iter().any(|d| d.severity >= args.fail_on);
    // The process ends right after: freeing every tree node one by one
    // would only cost time.
    std::mem::forget((sources, diagnostics));
    if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn lint_options(args: &CheckArgs) -> Result<LintOptions, String> {
    let profile = Profile::merge(
        &ProfileOverrides::default(),
        &profile_overrides(&args.profile)?,
    );
    let environment = Environment {
        defines: args.defines.clone(),
        version: (
            profile.proftpd_version.major,
            profile.proftpd_version.minor,
            profile.proftpd_version.patch,
        ),
        ..Environment::default()
    };
    Ok(LintOptions {
        load: LoadOptions {
            root: args.root.clone(),
            no_includes: args.no_includes,
        },
        env: args.env.then(|| std::env::vars().collect()),
        environment,
        profile,
    })
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
    let mut diagnostics = Vec::new();
    let mut seen: HashSet<(PathBuf, usize, usize, &'static str, String)> = HashSet::new();
    for result in results {
        let LintResult {
            mut config,
            diagnostics: found,
        } = result;
        let mut remap: HashMap<FileId, FileId> = HashMap::new();
        for file in std::mem::take(&mut config.sources).into_files() {
            let old = file.id;
            let id = match sources.find(&file.path) {
                Some(id) => id,
                None => sources.adopt(file),
            };
            remap.insert(old, id);
        }
        // The trees are no longer needed and the process ends soon:
        // freeing them node by node would only cost time.
        std::mem::forget(config);
        for mut diag in found {
            remap_diagnostic(&mut diag, &remap);
            let key = (
                sources.get(diag.span.file).path.clone(),
                diag.span.range.start,
                diag.span.range.end,
                diag.code,
                diag.message.clone(),
            );
            if seen.insert(key) {
                diagnostics.push(diag);
            }
        }
    }
    (sources, diagnostics)
}

fn remap_diagnostic(diag: &mut Diagnostic, remap: &HashMap<FileId, FileId>) {
    let fix_span = |span: &mut Span| span.file = remap[&span.file];
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

fn write_report(args: &CheckArgs, report: &Report<'_>) -> io::Result<()> {
    match &args.output_file {
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            report::render(args.format, report, &mut out)?;
            out.flush()
        }
        Some(path) => {
            let mut buffer = Vec::new();
            report::render(args.format, report, &mut buffer)?;
            refuse_input_overwrite(path, report)?;
            proftpd_lint::fs::write_atomic(path, &buffer)?;
            eprintln!("{}", report.summary().line());
            Ok(())
        }
    }
}

fn refuse_input_overwrite(path: &Path, report: &Report<'_>) -> io::Result<()> {
    let target = std::fs::canonicalize(path).ok();
    for file in report.sources.iter() {
        if target.is_some() && std::fs::canonicalize(&file.path).ok() == target {
            return Err(io::Error::other(format!(
                "refusing to write the report over the checked file {}",
                path.display()
            )));
        }
    }
    Ok(())
}
