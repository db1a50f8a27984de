//! Finding, loading and combining `.proftpd-lint.toml` with the command line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use clap::Args;

use proftpd_lint::diagnostic::Severity;
use proftpd_lint::fs::RealFs;
use proftpd_lint::lint::LintOptions;
use proftpd_lint::load::LoadOptions;
use proftpd_lint::profile::ProfileOverrides;
use proftpd_lint::settings::{self, Selector, Settings, SettingsError};

#[derive(Args, Debug, Default, Clone)]
pub struct SettingsArgs {
    /// Use this settings file instead of the nearest `.proftpd-lint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every `.proftpd-lint.toml`.
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Args, Debug, Default, Clone)]
pub struct SelectArgs {
    /// Only these rules (codes, names, prefixes or ALL; comma-separated);
    /// replaces `select` and `ignore` from the settings file.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Skip these rules; replaces `ignore` from the settings file.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Option<Vec<String>>,
}

/// What the command line says on top of the settings files.
#[derive(Debug, Clone, Default)]
pub struct CliOverrides {
    pub load: LoadOptions,
    pub env: Option<HashMap<String, String>>,
    pub defines: Vec<String>,
    pub profile: ProfileOverrides,
    pub select: Option<Vec<Selector>>,
    pub ignore: Option<Vec<Selector>>,
    pub fail_on: Option<Severity>,
}

/// The options a checked file is linted with, and its failure threshold.
#[derive(Debug)]
pub struct Resolved {
    pub options: LintOptions,
    pub fail_on: Severity,
}

/// Why settings could not be used.
#[derive(Debug)]
pub enum ConfigError {
    Settings(Box<SettingsError>),
    Usage(String),
}

impl ConfigError {
    /// Prints the error (with the TOML excerpt when there is one).
    pub fn print(&self) {
        match self {
            ConfigError::Usage(message) => eprintln!("error: {message}"),
            ConfigError::Settings(error) => {
                let report = miette::Report::new((**error).clone());
                eprintln!("{report:?}");
            }
        }
    }
}

/// Parses `--select`/`--ignore` values.
pub fn selectors(list: &Option<Vec<String>>) -> Result<Option<Vec<Selector>>, ConfigError> {
    let Some(list) = list else {
        return Ok(None);
    };
    list.iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            Selector::parse(t)
                .ok_or_else(|| ConfigError::Usage(format!("unknown rule selector `{t}`")))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// Hands out the resolved options for each checked file, loading each
/// settings file once.
pub struct Resolver {
    args: SettingsArgs,
    cli: CliOverrides,
    cwd: Option<PathBuf>,
    by_dir: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    by_file: Mutex<HashMap<Option<PathBuf>, Arc<Resolved>>>,
}

impl Resolver {
    pub fn new(args: SettingsArgs, cli: CliOverrides) -> Resolver {
        Resolver {
            args,
            cli,
            cwd: std::env::current_dir().ok(),
            by_dir: Mutex::new(HashMap::new()),
            by_file: Mutex::new(HashMap::new()),
        }
    }

    /// Options for the file at `path` (stdin: the file it is named as, or
    /// the current directory).
    pub fn for_path(&self, path: &Path) -> Result<Arc<Resolved>, ConfigError> {
        let settings_path = self.settings_path(path);
        if let Some(found) = self.lock_files().get(&settings_path) {
            return Ok(found.clone());
        }
        let settings = match &settings_path {
            Some(file) => settings::load(&RealFs, file).map_err(ConfigError::Settings)?,
            None => Settings::default(),
        };
        let resolved = Arc::new(self.resolve(settings));
        self.lock_files().insert(settings_path, resolved.clone());
        Ok(resolved)
    }

    fn lock_files(&self) -> std::sync::MutexGuard<'_, HashMap<Option<PathBuf>, Arc<Resolved>>> {
        self.by_file.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn settings_path(&self, path: &Path) -> Option<PathBuf> {
        if self.args.isolated {
            return None;
        }
        if let Some(config) = &self.args.config {
            // Absolute, so that `per-file-ignores` globs have a base.
            return Some(self.absolute(config));
        }
        let absolute = self.absolute(path);
        let dir = absolute.parent()?.to_owned();
        let mut cache = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(dir)
            .or_insert_with(|| settings::discover(&RealFs, &absolute))
            .clone()
    }

    fn absolute(&self, path: &Path) -> PathBuf {
        match &self.cwd {
            Some(cwd) => cwd.join(path),
            None => path.to_owned(),
        }
    }

    fn resolve(&self, settings: Settings) -> Resolved {
        let cli = &self.cli;
        let base = settings.lint_options(&cli.profile, &cli.defines);
        let mut selection = base.selection;
        // As in ruff, a selection on the command line starts afresh: the
        // file's `select` and `ignore` are both dropped.
        if cli.select.is_some() {
            selection.select = cli.select.clone();
            selection.ignore = Vec::new();
        }
        if let Some(ignore) = &cli.ignore {
            selection.ignore = ignore.clone();
        }
        selection.cwd = self.cwd.clone();
        Resolved {
            options: LintOptions {
                load: cli.load.clone(),
                env: cli.env.clone(),
                selection,
                ..base
            },
            fail_on: cli
                .fail_on
                .or(settings.fail_on)
                .unwrap_or(Severity::Warning),
        }
    }
}
