//! `proftpd-lint convert`: a server's keepalive as system-wide settings
//! (`--to sysctl`), a config as TOML (`--to toml`) and back (`--to proftpd`).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use proftpd_lint::convert::{
    from_toml::from_toml,
    sysctl,
    toml::{to_toml, too_deep_for_toml},
};
use proftpd_lint::diagnostic::{Diagnostic, Span};
use proftpd_lint::fs::{FileSystem, RealFs, same_file, write_atomic};
use proftpd_lint::load::{self, LoadOptions};
use proftpd_lint::model::conditions::{self, Environment};
use proftpd_lint::model::effective::ServerSettings;
use proftpd_lint::platform::Platform;
use proftpd_lint::report::{self, Format, Report};
use proftpd_lint::rules;
use proftpd_lint::source::{FileId, SourceMap};

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, output};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// System-wide TCP keepalive settings for --platform.
    Sysctl,
    /// The whole config as TOML (docs/toml-format.md).
    Toml,
    /// A TOML document back to proftpd.conf.
    Proftpd,
}

#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// The file to convert (a proftpd.conf, or a TOML document for `--to proftpd`).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// What to produce.
    #[arg(long, value_enum)]
    to: Target,
    /// Target platform for `--to sysctl` (linux, freebsd, macos, openbsd, netbsd, dragonfly, illumos, solaris, aix, windows); default: this host.
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// The server to convert for `--to sysctl`: `main`, a <VirtualHost> address list, or a ServerName (default: main).
    #[arg(long, value_name = "NAME")]
    server: Option<String>,
    /// Write to this file (atomically) instead of standard output; never the input file.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Resolve absolute Include paths under this directory (`--to sysctl`).
    #[arg(long, value_name = "DIR", value_parser = super::existing_dir)]
    root: Option<PathBuf>,
    /// Do not follow Include directives (`--to sysctl`).
    #[arg(long)]
    no_includes: bool,
    /// A name defined with `proftpd -D NAME` (repeatable, `--to sysctl`).
    #[arg(long = "define", short = 'D', value_name = "NAME")]
    defines: Vec<String>,
}

pub fn run(args: ConvertArgs) -> u8 {
    if args.to != Target::Sysctl && (args.platform.is_some() || args.server.is_some()) {
        eprintln!("error: --platform and --server apply to --to sysctl only");
        return EXIT_ERROR;
    }
    if let Some(out) = &args.output {
        if same_file(&args.file, out) {
            eprintln!(
                "error: refusing to overwrite the input file {} (choose another -o)",
                args.file.display()
            );
            return EXIT_ERROR;
        }
    }
    let raw = match RealFs.read(&args.file) {
        Ok(raw) => raw,
        Err(error) => {
            eprintln!("error: {}: {error}", args.file.display());
            return EXIT_ERROR;
        }
    };
    match args.to {
        Target::Sysctl => run_sysctl(&args, raw),
        Target::Toml => {
            let parsed = proftpd_lint::syntax::parse(FileId(0), &raw);
            if let Some(diagnostic) = too_deep_for_toml(&parsed) {
                let mut sources = SourceMap::new();
                sources.add(args.file.clone(), raw);
                show(&sources, &[diagnostic]);
                return EXIT_FINDINGS;
            }
            emit(&args, &to_toml(&parsed, &raw))
        }
        Target::Proftpd => run_proftpd(&args, raw),
    }
}

fn run_proftpd(args: &ConvertArgs, raw: Vec<u8>) -> u8 {
    let Ok(text) = String::from_utf8(raw.clone()) else {
        eprintln!(
            "error: {}: a TOML document must be UTF-8",
            args.file.display()
        );
        return EXIT_ERROR;
    };
    let mut sources = SourceMap::new();
    let id = sources.add(args.file.clone(), raw);
    match from_toml(id, &text) {
        Ok(conf) => emit(args, &conf),
        Err(diagnostic) => {
            show(&sources, &[*diagnostic]);
            EXIT_FINDINGS
        }
    }
}

fn run_sysctl(args: &ConvertArgs, raw: Vec<u8>) -> u8 {
    let platform = match &args.platform {
        None => Platform::host(),
        Some(name) => match Platform::parse(name) {
            Some(p) => p,
            None => {
                let names: Vec<&str> = Platform::ALL.iter().map(|p| p.name()).collect();
                eprintln!(
                    "error: unknown platform `{name}` (expected one of: {})",
                    names.join(", ")
                );
                return EXIT_ERROR;
            }
        },
    };
    let options = LoadOptions {
        root: args.root.clone(),
        no_includes: args.no_includes,
    };
    let config = load::load(&RealFs, &args.file, raw, &options);
    let environment = Environment {
        defines: args.defines.clone(),
        ..Environment::default()
    };
    let eval = conditions::evaluate(&config, &environment);
    let servers = sysctl::servers(&config, &eval);
    let Some((server, mut diagnostics)) = choose(&servers, args.server.as_deref()) else {
        eprintln!(
            "error: no server named `{}` (use `main`, a <VirtualHost> address or a ServerName)",
            args.server.as_deref().unwrap_or_default()
        );
        return EXIT_ERROR;
    };
    let source = report::display_path(std::env::current_dir().ok().as_deref(), &args.file);
    let result = sysctl::convert(&source, server, platform);
    diagnostics.extend(result.diagnostics);
    show(&config.sources, &diagnostics);
    if result.refused {
        return EXIT_FINDINGS;
    }
    emit(args, &result.text)
}

/// How many of the differing servers a V003 warning names.
const SERVERS_NAMED: usize = 5;

/// The server to convert and, when the servers differ, an V003 warning
/// naming it.
fn choose<'a>(
    servers: &'a [ServerSettings],
    name: Option<&str>,
) -> Option<(&'a ServerSettings, Vec<Diagnostic>)> {
    let chosen = match name {
        Some(n) => servers.iter().find(|s| s.matches(n))?,
        None => servers.first()?,
    };
    let others: Vec<&ServerSettings> = servers
        .iter()
        .filter(|s| s.keepalive.state != chosen.keepalive.state)
        .collect();
    if others.is_empty() {
        return Some((chosen, Vec::new()));
    }
    // A config with thousands of servers gets a readable warning: the
    // first few are named and pointed at, the rest counted.
    let named = others.len().min(SERVERS_NAMED);
    let mut names: Vec<String> = others[..named].iter().map(|s| s.name.to_string()).collect();
    if others.len() > named {
        names.push(format!("and {} more", others.len() - named));
    }
    let mut warning = Diagnostic::new(
        &proftpd_lint::convert::rules::SERVERS_DIFFER,
        chosen.anchor.clone(),
        format!(
            "servers differ in TCP keepalive; converted server `{}` (differing: {})",
            chosen.name,
            names.join(", ")
        ),
    )
    .with_help("pass --server NAME to convert another server");
    for other in &others[..named] {
        let at: Span = other.anchor.clone();
        warning = warning.with_label(
            at,
            format!("server `{}` uses other keepalive settings", other.name),
        );
    }
    Some((chosen, vec![warning]))
}

fn show(sources: &SourceMap, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let all = rules::all();
    let cwd = std::env::current_dir().ok();
    let report = Report {
        sources,
        diagnostics,
        rules: &all,
        root: cwd.as_deref(),
        tool_version: env!("CARGO_PKG_VERSION"),
        color: false,
    };
    let _ = report::render(Format::Human, &report, &mut std::io::stderr());
}

fn emit(args: &ConvertArgs, text: &str) -> u8 {
    let Some(out) = &args.output else {
        return output::print(text, EXIT_OK);
    };
    match write_atomic(out, text.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(error) => {
            eprintln!("error: {}: {error}", out.display());
            EXIT_ERROR
        }
    }
}
