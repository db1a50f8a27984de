//! Settings: `initializationOptions` and `workspace/didChangeConfiguration`
//! (camelCase, optionally under a `proftpd` key), over the `[profile]` table
//! of the nearest `.proftpd-lint.toml`.

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::fs::FileSystem;
use crate::lint::LintOptions;
use crate::profile::ProfileOverrides;
use crate::settings::{self, Settings as FileSettings};

pub const CONFIG_FILE: &str = settings::FILE_NAME;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub profile: ProfileOverrides,
    /// Names defined with `proftpd -D`.
    pub defines: Vec<String>,
    pub follow_includes: bool,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Wire {
    profile: Value,
    defines: Vec<String>,
    follow_includes: Option<bool>,
    // Flat keys, as in the Helix/Neovim snippets.
    platform: Option<Value>,
    proftpd_version: Option<Value>,
    link: Option<Value>,
    nat_idle_timeout: Option<Value>,
    probe_bytes: Option<Value>,
}

impl Settings {
    pub fn new() -> Settings {
        Settings {
            follow_includes: true,
            ..Settings::default()
        }
    }

    /// Reads client settings; `Err` carries a message for the user and
    /// leaves nothing half-applied.
    pub fn from_json(value: &Value) -> Result<Settings, String> {
        let value = value.get("proftpd").unwrap_or(value);
        if value.is_null() {
            return Ok(Settings::new());
        }
        let wire: Wire = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
        let mut profile = serde_json::Map::new();
        if let Value::Object(map) = &wire.profile {
            for (k, v) in map {
                profile.insert(kebab(k), v.clone());
            }
        }
        let flat = [
            ("platform", &wire.platform),
            ("proftpd-version", &wire.proftpd_version),
            ("link", &wire.link),
            ("nat-idle-timeout", &wire.nat_idle_timeout),
            ("probe-bytes", &wire.probe_bytes),
        ];
        for (key, v) in flat {
            if let Some(v) = v {
                profile.insert(key.to_owned(), v.clone());
            }
        }
        profile.retain(|_, v| !v.is_null() && v.as_str() != Some(""));
        let profile: ProfileOverrides =
            serde_json::from_value(Value::Object(profile)).map_err(|e| format!("profile: {e}"))?;
        Ok(Settings {
            profile,
            defines: wire.defines,
            follow_includes: wire.follow_includes.unwrap_or(true),
        })
    }

    /// Lint options for a document at `path`: the nearest
    /// `.proftpd-lint.toml` (rule selection, severities, modules, defines,
    /// profile — read exactly as the CLI reads it), then these client
    /// settings on top.
    pub fn lint_options(&self, fs: &dyn FileSystem, path: &Path) -> (LintOptions, Option<String>) {
        let (file, warning) = match nearest_config(fs, path) {
            Some(Ok(settings)) => (settings, None),
            Some(Err(e)) => (FileSettings::default(), Some(e)),
            None => (FileSettings::default(), None),
        };
        let mut options = file.lint_options(&self.profile, &self.defines);
        options.load.no_includes = !self.follow_includes;
        (options, warning)
    }
}

fn kebab(camel: &str) -> String {
    let mut out = String::new();
    for ch in camel.chars() {
        if ch.is_ascii_uppercase() {
            out.push('-');
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

fn nearest_config(fs: &dyn FileSystem, path: &Path) -> Option<Result<FileSettings, String>> {
    // Unsaved buffers (`untitled:`) have no folder to search from.
    if !path.is_absolute() {
        return None;
    }
    let found = settings::discover(fs, path)?;
    Some(settings::load(fs, &found).map_err(|e| format!("{}: {}", e.path.display(), e.message)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemoryFs;
    use crate::profile::Link;
    use serde_json::json;

    #[test]
    fn nested_flat_and_namespaced() {
        let s = Settings::from_json(&json!({"proftpd": {"profile": {"natIdleTimeout": 350, "link": "metered"}, "defines": ["X"]}})).unwrap();
        assert_eq!(s.profile.nat_idle_timeout, Some(350));
        assert_eq!(s.profile.link, Some(Link::Metered));
        assert_eq!(s.defines, ["X"]);
        let flat = Settings::from_json(&json!({"natIdleTimeout": 60, "platform": ""})).unwrap();
        assert_eq!(flat.profile.nat_idle_timeout, Some(60));
        assert_eq!(flat.profile.platform, None);
        assert!(Settings::from_json(&json!({"profile": {"platform": "plan9"}})).is_err());
        assert!(Settings::from_json(&json!({"defines": 3})).is_err());
        assert_eq!(Settings::from_json(&Value::Null).unwrap(), Settings::new());
    }

    #[test]
    fn client_settings_override_the_config_file() {
        let mut fs = MemoryFs::new();
        fs.insert(
            "/p/.proftpd-lint.toml",
            "[profile]\nnat-idle-timeout = 100\nlink = \"metered\"\n",
        );
        let s = Settings::from_json(&json!({"profile": {"natIdleTimeout": 30}})).unwrap();
        let (o, warning) = s.lint_options(&fs, Path::new("/p/etc/proftpd.conf"));
        assert_eq!(warning, None);
        assert_eq!(o.profile.nat_idle_timeout, Some(30));
        assert_eq!(o.profile.link, Link::Metered);
        fs.insert("/p/etc/.proftpd-lint.toml", "[profile]\ncolour = 1\n");
        let (_, warning) = s.lint_options(&fs, Path::new("/p/etc/proftpd.conf"));
        assert!(warning.unwrap().contains("colour"));
    }
}
