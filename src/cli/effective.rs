//! `proftpd-lint effective`: the keepalive and timeout settings each server
//! really ends up with, and an idle control connection's timeline.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use proftpd_lint::fs::{FileSystem, RealFs};
use proftpd_lint::lint::LintOptions;
use proftpd_lint::load::{self, LoadOptions};
use proftpd_lint::model::conditions;
use proftpd_lint::model::effective::effective;
use proftpd_lint::report::effective::{render_text, write_json};

use super::config::{CliOverrides, ConfigError, Resolved, Resolver, SettingsArgs};
use super::{EXIT_ERROR, EXIT_OK, ProfileArgs, check::profile_overrides, output};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EffectiveFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct EffectiveArgs {
    /// The configuration file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EffectiveFormat::Text)]
    format: EffectiveFormat,
    /// Show only this server: `main`, a <VirtualHost> address list, or a ServerName.
    #[arg(long, value_name = "NAME")]
    server: Option<String>,
    /// Resolve absolute Include paths under this directory.
    #[arg(long, value_name = "DIR", value_parser = super::existing_dir)]
    root: Option<PathBuf>,
    /// Do not follow Include directives.
    #[arg(long)]
    no_includes: bool,
    /// A name defined with `proftpd -D NAME` (repeatable).
    #[arg(long = "define", short = 'D', value_name = "NAME")]
    defines: Vec<String>,
    #[command(flatten)]
    profile: ProfileArgs,
    #[command(flatten)]
    settings: SettingsArgs,
}

/// The profile, defines and static modules from the settings file nearest
/// to the config, under the command line's.
fn resolve(args: &EffectiveArgs) -> Result<std::sync::Arc<Resolved>, ConfigError> {
    let cli = CliOverrides {
        defines: args.defines.clone(),
        profile: profile_overrides(&args.profile).map_err(ConfigError::Usage)?,
        ..CliOverrides::default()
    };
    Resolver::new(args.settings.clone(), cli).for_path(&args.file)
}

pub fn run(args: EffectiveArgs) -> u8 {
    let resolved = match resolve(&args) {
        Ok(resolved) => resolved,
        Err(error) => {
            error.print();
            return EXIT_ERROR;
        }
    };
    let LintOptions {
        profile,
        environment,
        ..
    } = resolved.options.clone();
    let raw = match RealFs.read(&args.file) {
        Ok(raw) => raw,
        Err(error) => {
            eprintln!("error: {}: {error}", args.file.display());
            return EXIT_ERROR;
        }
    };
    let options = LoadOptions {
        root: args.root.clone(),
        no_includes: args.no_includes,
    };
    let config = load::load(&RealFs, &args.file, raw, &options);
    let eval = conditions::evaluate(&config, &environment);
    let mut eff = effective(&config, &eval, &profile);
    if let Some(name) = &args.server {
        eff.servers.retain(|s| s.matches(name));
        if eff.servers.is_empty() {
            eprintln!(
                "error: no server named `{name}` (use `main`, a <VirtualHost> address or a ServerName)"
            );
            return EXIT_ERROR;
        }
    }
    let cwd = std::env::current_dir().ok();
    let written = match args.format {
        EffectiveFormat::Text => output::to_stdout(|out| {
            out.write_all(render_text(&eff, &config.sources, cwd.as_deref()).as_bytes())
        }),
        EffectiveFormat::Json => {
            output::to_stdout(|out| write_json(&eff, &config.sources, cwd.as_deref(), out))
        }
    };
    written.err().unwrap_or(EXIT_OK)
}
