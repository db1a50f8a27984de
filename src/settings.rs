//! `.proftpd-lint.toml`: which rules run, per-file ignores, severity
//! overrides, the failure threshold and the deployment profile.
//!
//! The file is found by walking up from each checked file; the closest one
//! wins and is not merged with files further up (as ruff does). Keys:
//!
//! ```toml
//! select = ["S", "C", "K001"]        # codes, names, prefixes or "ALL"
//! ignore = ["deprecated-directive"]
//! fail-on = "error"
//! static-modules = ["mod_tls.c"]     # replaces the default list
//! defines = ["USE_TLS"]              # like proftpd -D
//!
//! [per-file-ignores]                 # globs, relative to this file's directory
//! "conf.d/*.conf" = ["C001"]
//!
//! [severity]
//! K001 = "error"
//!
//! [profile]                          # same keys as the profile flags
//! platform = "linux"
//! proftpd-version = "1.3.8"
//! link = "metered"
//! nat-idle-timeout = 350
//! probe-bytes = 104
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Severity};
use crate::fs::{EntryKind, FileSystem};
use crate::lint::LintOptions;
use crate::model::conditions::Environment;
use crate::profile::{Profile, ProfileOverrides};
use crate::rules;

/// The name looked for in every directory above a checked file.
pub const FILE_NAME: &str = ".proftpd-lint.toml";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawSettings {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    profile: ProfileOverrides,
    static_modules: Option<Vec<String>>,
    defines: Option<Vec<String>>,
}

/// One rule selector: a code or name, a code prefix, or everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    All,
    Code(&'static str),
    Prefix(String),
}

impl Selector {
    /// `ALL`, a rule code or name (any case), or a prefix of codes (`K`, `K0`).
    pub fn parse(text: &str) -> Option<Selector> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("ALL") {
            return Some(Selector::All);
        }
        if let Some(rule) = rules::find(text) {
            return Some(Selector::Code(rule.code));
        }
        let upper = text.to_ascii_uppercase();
        let known = !upper.is_empty() && rules::all().iter().any(|r| r.code.starts_with(&upper));
        known.then_some(Selector::Prefix(upper))
    }

    pub fn matches(&self, code: &str) -> bool {
        match self {
            Selector::All => true,
            Selector::Code(c) => *c == code,
            Selector::Prefix(p) => code.starts_with(p.as_str()),
        }
    }
}

/// Which rules are enabled for which files, and severity overrides.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `None`: every rule.
    pub select: Option<Vec<Selector>>,
    pub ignore: Vec<Selector>,
    /// Directory relative file paths are joined to before matching.
    pub cwd: Option<PathBuf>,
    pub per_file: Vec<PerFileIgnore>,
    pub severity: HashMap<&'static str, Severity>,
}

impl Selection {
    /// Whether findings of `code` are kept in the file at `path`.
    pub fn enabled(&self, code: &str, path: &Path) -> bool {
        let selected = self
            .select
            .as_ref()
            .is_none_or(|s| s.iter().any(|sel| sel.matches(code)));
        selected
            && !self.ignore.iter().any(|sel| sel.matches(code))
            && !self.ignored_for_file(code, path)
    }

    fn ignored_for_file(&self, code: &str, path: &Path) -> bool {
        if self.per_file.is_empty() {
            return false;
        }
        let absolute = match &self.cwd {
            Some(cwd) if path.is_relative() => normalize(&cwd.join(path)),
            _ => normalize(path),
        };
        let name = path.file_name().map(Path::new);
        self.per_file.iter().any(|rule| {
            let hit = rule.glob.is_match(&absolute)
                || rule.glob.is_match(path)
                || rule
                    .name
                    .as_ref()
                    .zip(name)
                    .is_some_and(|(g, n)| g.is_match(n));
            hit && rule.selectors.iter().any(|s| s.matches(code))
        })
    }

    pub fn apply_severity(&self, diagnostics: &mut [Diagnostic]) {
        for diag in diagnostics {
            if let Some(&severity) = self.severity.get(diag.code) {
                diag.severity = severity;
            }
        }
    }
}

/// One `per-file-ignores` entry.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    /// The pattern joined to the settings file's directory.
    pub glob: GlobMatcher,
    /// For a pattern without `/`: the pattern alone, matched against the
    /// file name.
    pub name: Option<GlobMatcher>,
    pub selectors: Vec<Selector>,
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A loaded `.proftpd-lint.toml` (or the defaults when there is none).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The file these came from.
    pub path: Option<PathBuf>,
    pub selection: Selection,
    pub fail_on: Option<Severity>,
    pub profile: ProfileOverrides,
    pub static_modules: Option<Vec<String>>,
    pub defines: Option<Vec<String>>,
}

impl Settings {
    /// Lint options from this file with overrides on top (the command
    /// line's or an editor's): their profile wins key by key, their defines
    /// are added to the file's, the file's `static-modules` replace the
    /// default list, and the file's rule selection applies.
    pub fn lint_options(&self, profile: &ProfileOverrides, defines: &[String]) -> LintOptions {
        let profile = Profile::merge(&self.profile, profile);
        let mut environment = Environment {
            defines: self.defines.clone().unwrap_or_default(),
            version: profile.proftpd_version,
            ..Environment::default()
        };
        environment.defines.extend(defines.iter().cloned());
        if let Some(modules) = &self.static_modules {
            environment.static_modules = modules.clone();
        }
        LintOptions {
            environment,
            profile,
            selection: self.selection.clone(),
            ..LintOptions::default()
        }
    }
}

/// A settings file that cannot be used, with the location of the problem.
#[derive(Debug, Clone)]
pub struct SettingsError {
    pub path: PathBuf,
    pub text: String,
    /// `text` named by `path`, for rendering.
    named: miette::NamedSource<String>,
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl SettingsError {
    fn new(path: &Path, text: String, span: Option<Range<usize>>, message: String) -> Self {
        SettingsError {
            path: path.to_owned(),
            named: miette::NamedSource::new(path.display().to_string(), text.clone()),
            text,
            span,
            message,
        }
    }
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for SettingsError {}

impl miette::Diagnostic for SettingsError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("proftpd-lint::settings"))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.named)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        let label = miette::LabeledSpan::new_primary_with_span(
            Some(self.message.clone()),
            (span.start, span.len()),
        );
        Some(Box::new(std::iter::once(label)))
    }
}

/// The closest settings file at or above the directory of `file` (which
/// should be absolute).
pub fn discover(fs: &dyn FileSystem, file: &Path) -> Option<PathBuf> {
    file.ancestors().skip(1).find_map(|dir| {
        let candidate = dir.join(FILE_NAME);
        let meta = fs.metadata(&candidate).ok()?;
        (meta.kind == EntryKind::File).then_some(candidate)
    })
}

/// Reads and checks the settings file at `path`.
pub fn load(fs: &dyn FileSystem, path: &Path) -> Result<Settings, Box<SettingsError>> {
    let raw = fs
        .read(path)
        .map_err(|e| Box::new(SettingsError::new(path, String::new(), None, e.to_string())))?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    parse(path, &text)
}

/// Parses settings text; `path` names the file in errors and is the base
/// of `per-file-ignores`.
pub fn parse(path: &Path, text: &str) -> Result<Settings, Box<SettingsError>> {
    let error = |span: Option<Range<usize>>, message: String| {
        Box::new(SettingsError::new(path, text.to_owned(), span, message))
    };
    let raw: RawSettings =
        toml::from_str(text).map_err(|e| error(e.span(), e.message().to_owned()))?;
    let selectors = |list: &[Spanned<String>]| -> Result<Vec<Selector>, Box<SettingsError>> {
        list.iter()
            .map(|item| {
                Selector::parse(item.get_ref()).ok_or_else(|| {
                    error(
                        Some(item.span()),
                        format!("`{}` is not a rule code, name or prefix", item.get_ref()),
                    )
                })
            })
            .collect()
    };
    let mut selection = Selection {
        select: raw.select.as_deref().map(selectors).transpose()?,
        ignore: raw
            .ignore
            .as_deref()
            .map(selectors)
            .transpose()?
            .unwrap_or_default(),
        ..Selection::default()
    };
    let base = path.parent().map(Path::to_owned).unwrap_or_default();
    for (pattern, codes) in &raw.per_file_ignores {
        let glob = |text: &str| {
            Glob::new(text)
                .map(|g| g.compile_matcher())
                .map_err(|e| error(Some(pattern.span()), e.kind().to_string()))
        };
        let joined = normalize(&base.join(pattern.get_ref()));
        selection.per_file.push(PerFileIgnore {
            glob: glob(&joined.to_string_lossy())?,
            name: if pattern.get_ref().contains('/') {
                None
            } else {
                Some(glob(pattern.get_ref())?)
            },
            selectors: selectors(codes)?,
        });
    }
    for (code, level) in &raw.severity {
        let rule = rules::find(code.get_ref())
            .ok_or_else(|| error(Some(code.span()), format!("no rule `{}`", code.get_ref())))?;
        selection.severity.insert(
            rule.code,
            severity(level).map_err(|m| error(Some(level.span()), m))?,
        );
    }
    let fail_on = raw
        .fail_on
        .as_ref()
        .map(|level| severity(level).map_err(|m| error(Some(level.span()), m)))
        .transpose()?;
    Ok(Settings {
        path: Some(path.to_owned()),
        selection,
        fail_on,
        profile: raw.profile,
        static_modules: raw.static_modules,
        defines: raw.defines,
    })
}

fn severity(level: &Spanned<String>) -> Result<Severity, String> {
    Severity::parse(level.get_ref())
        .ok_or_else(|| format!("expected error, warning or info, not `{}`", level.get_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        assert_eq!(Selector::parse("all"), Some(Selector::All));
        assert_eq!(Selector::parse("c005"), Some(Selector::Code("C005")));
        assert_eq!(
            Selector::parse("deprecated-directive"),
            Some(Selector::Code("C005"))
        );
        assert_eq!(Selector::parse("k"), Some(Selector::Prefix("K".into())));
        assert_eq!(Selector::parse("Q9"), None);
    }

    #[test]
    fn unknown_key_has_a_location() {
        let text = "select = [\"K\"]\nfail-onn = \"error\"\n";
        let err = parse(Path::new("/x/.proftpd-lint.toml"), text).unwrap_err();
        assert_eq!(err.span.map(|s| &text[s]), Some("fail-onn"));
    }

    #[test]
    fn per_file_ignores_are_relative_to_the_settings_file() {
        let text = "[per-file-ignores]\n\"conf.d/*.conf\" = [\"C\"]\n";
        let s = parse(Path::new("/x/.proftpd-lint.toml"), text).unwrap();
        assert!(!s.selection.enabled("C001", Path::new("/x/conf.d/a.conf")));
        assert!(s.selection.enabled("K001", Path::new("/x/conf.d/a.conf")));
        assert!(s.selection.enabled("C001", Path::new("/x/main.conf")));
        let text = "[per-file-ignores]\n\"../*.conf\" = [\"C\"]\n\"old.conf\" = [\"K\"]\n";
        let s = parse(Path::new("/x/ci/.proftpd-lint.toml"), text).unwrap();
        assert!(!s.selection.enabled("C001", Path::new("/x/main.conf")));
        assert!(!s.selection.enabled("K001", Path::new("/x/y/old.conf")));
    }
}
