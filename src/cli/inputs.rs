//! Turning command-line paths into the files to check.

use std::io;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// `--exclude` globs. A path is excluded when the glob matches the path as
/// given, the path relative to the directory being walked, or any single
/// component (so `backup` excludes every `backup` directory).
#[derive(Debug, Clone, Default)]
pub struct Excludes {
    set: GlobSet,
}

impl Excludes {
    pub fn new(globs: &[String]) -> Result<Excludes, String> {
        let mut builder = GlobSetBuilder::new();
        for glob in globs {
            builder.add(Glob::new(glob).map_err(|e| format!("--exclude {glob}: {}", e.kind()))?);
        }
        let set = builder.build().map_err(|e| e.to_string())?;
        Ok(Excludes { set })
    }

    fn excludes(&self, path: &Path, base: &Path) -> bool {
        if self.set.is_empty() {
            return false;
        }
        let relative = path.strip_prefix(base).unwrap_or(path);
        self.set.is_match(path)
            || self.set.is_match(relative)
            || path
                .components()
                .any(|c| self.set.is_match(Path::new(c.as_os_str())))
    }
}

/// Expands directories to every `*.conf` file below them, honouring
/// `.gitignore`, `.ignore` and `--exclude` (hidden entries skipped; each
/// directory's files sorted); `-` is standard input. Files named on the
/// command line are checked unless `--exclude` matches them. Unreadable
/// paths are errors.
pub fn expand(paths: &[PathBuf], excludes: &Excludes) -> Result<Vec<Input>, (PathBuf, io::Error)> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| (path.clone(), e))?;
        if meta.is_dir() {
            let found = walk_dir(path, excludes).map_err(|e| (path.clone(), e))?;
            inputs.extend(found.into_iter().map(Input::File));
        } else if !excludes.excludes(path, Path::new("")) {
            inputs.push(Input::File(path.clone()));
        }
    }
    Ok(inputs)
}

fn walk_dir(dir: &Path, excludes: &Excludes) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry({
            let excludes = excludes.clone();
            let base = dir.to_owned();
            move |entry| {
                let name = entry.file_name();
                let skipped_dir = entry.file_type().is_some_and(|t| t.is_dir())
                    && (name == "target" || name == "node_modules");
                !skipped_dir && !excludes.excludes(entry.path(), &base)
            }
        })
        .build();
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        let is_file = entry
            .file_type()
            .is_some_and(|t| t.is_file() || t.is_symlink());
        if is_file && entry.path().extension().is_some_and(|e| e == "conf") {
            found.push(entry.into_path());
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excludes_match_components_and_relative_paths() {
        let ex = Excludes::new(&["backup".into(), "sites/*.conf".into()]).unwrap();
        let base = Path::new("etc");
        assert!(ex.excludes(Path::new("etc/backup/a.conf"), base));
        assert!(ex.excludes(Path::new("etc/sites/a.conf"), base));
        assert!(!ex.excludes(Path::new("etc/proftpd.conf"), base));
    }
}
