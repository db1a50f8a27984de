//! Turning command-line paths into the files to check.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// Expands directories to every `*.conf` file below them (sorted, hidden
/// directories skipped); `-` is standard input. Unreadable paths are errors.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<Input>, (PathBuf, io::Error)> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| (path.clone(), e))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk_dir(path, &mut found).map_err(|e| (path.clone(), e))?;
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    Ok(inputs)
}

fn walk_dir(dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        let hidden = name.to_string_lossy().starts_with('.');
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if !hidden && name != "target" && name != "node_modules" {
                walk_dir(&path, found)?;
            }
        } else if path.extension().is_some_and(|e| e == "conf") {
            found.push(path);
        }
    }
    Ok(())
}
