//! The command line: `check`, `effective`, `convert`, `rules`, `explain`, `server`, `completions`.

mod check;
mod config;
mod convert;
mod effective;
mod fix;
mod inputs;
mod output;
mod rules_cmd;
mod server;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use proftpd_lint::diagnostic::Severity;
use proftpd_lint::report::Format;

/// Exit code when nothing at or above the failure threshold was found.
pub const EXIT_OK: u8 = 0;
/// Exit code when findings reach the failure threshold.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code for usage, configuration and I/O errors.
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "proftpd-lint",
    version,
    about = "Lint ProFTPD configuration files: syntax, directives, and the keepalive tuning that breaks long transfers",
    after_help = "Exit codes: 0 = no findings at or above --fail-on, 1 = findings, 2 = usage or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check configuration files (files, directories of *.conf, or - for stdin).
    Check(CheckArgs),
    /// Show the keepalive and timeout settings each server really gets, and an idle connection's timeline.
    Effective(effective::EffectiveArgs),
    /// Convert: keepalive to system-wide settings (sysctl, ipadm, registry), a config to TOML and back.
    Convert(convert::ConvertArgs),
    /// List every rule.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Show the documentation of a rule (by code or name).
    Explain {
        /// A rule code (S001) or name (unterminated-quote).
        rule: String,
    },
    /// Run the language server on stdin/stdout (LSP).
    Server {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RulesFormat {
    Text,
    Json,
    /// Every rule's documentation, as in docs/rules.md.
    Markdown,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = parse_format, default_value = "human")]
    format: Format,
    /// Lowest severity that makes the exit code 1 [default: warning, or
    /// `fail-on` from the settings file].
    #[arg(long, value_parser = parse_severity)]
    fail_on: Option<Severity>,
    /// Always exit 0 unless an I/O or usage error occurs.
    #[arg(long)]
    exit_zero: bool,
    /// Write the report to this file (atomically); a summary goes to the terminal.
    #[arg(long, value_name = "FILE")]
    output_file: Option<PathBuf>,
    /// Name to report for standard input (also used to resolve nothing else).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// Resolve absolute Include paths under this directory.
    #[arg(long, value_name = "DIR", value_parser = existing_dir)]
    root: Option<PathBuf>,
    /// Do not follow Include directives.
    #[arg(long)]
    no_includes: bool,
    /// Expand `%{env:NAME}` with this process's environment.
    #[arg(long)]
    env: bool,
    /// A name defined with `proftpd -D NAME` (repeatable).
    #[arg(long = "define", short = 'D', value_name = "NAME")]
    defines: Vec<String>,
    #[command(flatten)]
    profile: ProfileArgs,
    #[command(flatten)]
    settings: config::SettingsArgs,
    #[command(flatten)]
    selection: config::SelectArgs,
    /// Apply safe fixes to the checked files, then report what remains.
    #[arg(long)]
    fix: bool,
    /// Also apply unsafe fixes (implies --fix unless --diff is given).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them (exit 1 if there are any).
    #[arg(long)]
    diff: bool,
    /// Skip paths matching this glob (repeatable); directory walks also honour .gitignore.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

#[derive(Args, Debug, Default)]
pub struct ProfileArgs {
    /// Target platform (linux, freebsd, macos, openbsd, netbsd, dragonfly, illumos, solaris, aix, windows).
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// ProFTPD version the config is for (default 1.3.8).
    #[arg(long, value_name = "VERSION")]
    proftpd_version: Option<String>,
    /// Link kind: standard or metered.
    #[arg(long, value_name = "KIND")]
    link: Option<String>,
    /// Idle timeout of the NAT/load balancer on the path, in seconds.
    #[arg(long, value_name = "SECONDS")]
    nat_idle_timeout: Option<u32>,
}

fn parse_format(text: &str) -> Result<Format, String> {
    text.parse::<Format>()
}

/// `--root`: a directory that exists (a typo would otherwise make every
/// Include look missing).
fn existing_dir(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    if path.is_dir() {
        Ok(path)
    } else {
        Err(format!("`{text}` is not a directory"))
    }
}

/// `check`'s arguments on their own.
#[derive(Parser, Debug)]
struct CheckAlone {
    #[command(flatten)]
    args: CheckArgs,
}

/// The arguments of `proftpd-lint check …`, parsed without building the
/// other subcommands (a tenth of a millisecond of a 5 ms lint). Anything
/// this does not accept, `--help` and every mistake included, goes through
/// the whole command line as before, which prints what it always did.
fn check_args_alone(argv: impl IntoIterator<Item = std::ffi::OsString>) -> Option<CheckArgs> {
    let mut argv = argv.into_iter();
    let bin = argv.next()?;
    if argv.next()? != "check" {
        return None;
    }
    let alone = CheckAlone::try_parse_from(std::iter::once(bin).chain(argv)).ok()?;
    Some(alone.args)
}

fn parse_severity(text: &str) -> Result<Severity, String> {
    Severity::parse(text).ok_or_else(|| format!("expected error, warning or info, not `{text}`"))
}

pub fn run() -> ExitCode {
    if let Some(args) = check_args_alone(std::env::args_os()) {
        return ExitCode::from(check::run(args));
    }
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Effective(args) => effective::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Rules { format } => match format {
            RulesFormat::Text => rules_cmd::list(false),
            RulesFormat::Json => rules_cmd::list(true),
            RulesFormat::Markdown => rules_cmd::markdown(),
        },
        Command::Explain { rule } => rules_cmd::explain(&rule),
        Command::Server { .. } => server::run(),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "proftpd-lint", &mut script);
            output::print(&String::from_utf8_lossy(&script), EXIT_OK)
        }
    };
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the whole command line makes of `argv`, when it is a check.
    fn through_everything(argv: &[&str]) -> Option<String> {
        match Cli::try_parse_from(argv).ok()?.command {
            Command::Check(args) => Some(format!("{args:?}")),
            _ => None,
        }
    }

    #[test]
    fn check_alone_reads_what_the_whole_command_line_reads() {
        let lines: &[&[&str]] = &[
            &["p", "check"],
            &["p", "check", "a.conf", "-"],
            &[
                "p",
                "check",
                "--format",
                "json",
                "--fail-on",
                "info",
                "a.conf",
            ],
            &[
                "p",
                "check",
                "--format=sarif",
                "--exit-zero",
                "--no-includes",
                "d/",
            ],
            &[
                "p", "check", "--select", "K,T001", "--ignore", "C009", "a.conf",
            ],
            &["p", "check", "--stdin-filename", "x.conf", "-"],
            &["p", "check", "--", "--format"],
            &["p", "check", "--help"],
            &["p", "check", "--version"],
            &["p", "check", "--format", "nope"],
            &["p", "check", "--no-such-flag"],
            &["p", "check", "-h"],
            &["p", "rules"],
            &["p", "--version"],
            &["p"],
        ];
        for argv in lines {
            let os: Vec<std::ffi::OsString> = argv.iter().map(Into::into).collect();
            let alone = check_args_alone(os).map(|args| format!("{args:?}"));
            // What the shortcut accepts, the whole command line reads the
            // same way; the rest falls through to it.
            if alone.is_some() {
                assert_eq!(alone, through_everything(argv), "{argv:?}");
            }
        }
        let accepted = |argv: &[&str]| check_args_alone(argv.iter().map(Into::into)).is_some();
        assert!(accepted(&["p", "check", "--format", "json", "a.conf"]));
        assert!(!accepted(&["p", "check", "--help"]));
        assert!(!accepted(&["p", "check", "--format", "nope"]));
        assert!(!accepted(&["p", "rules"]));
    }
}
