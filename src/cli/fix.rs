//! `check --fix`, `--unsafe-fixes` and `--diff`.
//!
//! Each checked file is fixed on its own, as the root of its own lint run:
//! edits that fall in a file it includes are skipped (that file is fixed
//! only when it is itself among the checked paths). Fixes are applied in
//! passes of non-overlapping edits until nothing changes (at most
//! [`MAX_PASSES`]); a pass whose result has an error the text before did
//! not have is undone, and the fixes responsible are reported and left out.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use proftpd_lint::diagnostic::Diagnostic;
use proftpd_lint::fix::{self, Allow};
use proftpd_lint::fs::RealFs;
use proftpd_lint::lint::{LintOptions, lint_bytes};

use super::config::Resolver;

const MAX_PASSES: usize = 10;

/// The fixes of one file.
pub struct FileFix {
    pub path: PathBuf,
    pub original: Vec<u8>,
    pub fixed: Vec<u8>,
    pub applied: usize,
    /// One line per fix that was undone.
    pub rolled_back: Vec<String>,
}

/// Computes the fixes of every file (nothing is written).
pub fn compute(
    paths: &[PathBuf],
    resolver: &Resolver,
    allow: Allow,
) -> Result<Vec<FileFix>, String> {
    let mut unique: Vec<&PathBuf> = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        if seen.insert(path) {
            unique.push(path);
        }
    }
    unique
        .par_iter()
        .map(|path| {
            let resolved = resolver.for_path(path).map_err(|e| {
                e.print();
                format!("{}: unusable settings", path.display())
            })?;
            let original = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(fix_file(path, original, &resolved.options, allow))
        })
        .collect()
}

/// A fix's identity across passes (offsets move when other fixes apply).
type FixKey = (&'static str, String, Vec<String>);

fn key(diag: &Diagnostic) -> FixKey {
    let edits = diag
        .fix
        .iter()
        .flat_map(|f| f.edits.iter().map(|e| e.replacement.clone()))
        .collect();
    (diag.code, diag.message.clone(), edits)
}

fn fix_file(path: &Path, original: Vec<u8>, options: &LintOptions, allow: Allow) -> FileFix {
    let lint = |raw: &[u8]| lint_bytes(&RealFs, path, raw.to_vec(), options);
    let mut current = original.clone();
    let mut result = lint(&current);
    let mut rejected: HashSet<FixKey> = HashSet::new();
    let mut applied = 0;
    let mut rolled_back = Vec::new();
    for _ in 0..MAX_PASSES {
        let root = result.config.root;
        let keep = |d: &Diagnostic| !rejected.contains(&key(d));
        let picked = fix::pick(&result.diagnostics, root, current.len(), allow, &keep);
        if picked.is_empty() {
            break;
        }
        let next = fix::apply(&current, &picked);
        let after = lint(&next);
        if fix::new_error(&result.diagnostics, &after.diagnostics).is_none() {
            applied += picked.len();
            current = next;
            result = after;
            continue;
        }
        // Find the culprits one by one against the unchanged text; the
        // others are applied in the next pass.
        let mut culprits = Vec::new();
        for diag in &picked {
            let alone = lint(&fix::apply(&current, &[diag]));
            if let Some(broken) = fix::new_error(&result.diagnostics, &alone.diagnostics) {
                let line = alone.config.sources.get(broken.span.file);
                let at = line.line_col(broken.span.range.start);
                culprits.push(key(diag));
                rolled_back.push(format!(
                    "{}: fix for {} ({}) rolled back: it would add {} at line {}: {}",
                    path.display(),
                    diag.code,
                    diag.fix.as_ref().map_or("", |f| f.message.as_str()),
                    broken.code,
                    at.line,
                    broken.message
                ));
            }
        }
        if culprits.is_empty() {
            // Only the combination breaks: apply one fix per pass instead.
            let first = picked[0];
            let next = fix::apply(&current, &[first]);
            applied += 1;
            result = lint(&next);
            current = next;
            continue;
        }
        rejected.extend(culprits);
    }
    FileFix {
        path: path.to_owned(),
        original,
        fixed: current,
        applied,
        rolled_back,
    }
}

/// Refuses before anything is written when a file to fix is read-only.
pub fn check_writable(fixes: &[FileFix]) -> Result<(), String> {
    for f in fixes.iter().filter(|f| f.fixed != f.original) {
        let meta = std::fs::metadata(&f.path).map_err(|e| format!("{}: {e}", f.path.display()))?;
        if meta.permissions().readonly() {
            return Err(format!(
                "{}: file is read-only; nothing was fixed or written",
                f.path.display()
            ));
        }
    }
    Ok(())
}

/// Writes every changed file atomically (permissions kept).
pub fn write(fixes: &[FileFix]) -> Result<(), String> {
    for f in fixes.iter().filter(|f| f.fixed != f.original) {
        proftpd_lint::fs::write_atomic(&f.path, &f.fixed)
            .map_err(|e| format!("{}: {e}", f.path.display()))?;
    }
    Ok(())
}

/// Prints a unified diff of every changed file.
pub fn print_diff(fixes: &[FileFix], out: &mut dyn Write) -> io::Result<()> {
    for f in fixes.iter().filter(|f| f.fixed != f.original) {
        let old = String::from_utf8_lossy(&f.original);
        let new = String::from_utf8_lossy(&f.fixed);
        let name = f.path.display().to_string();
        let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
        write!(
            out,
            "{}",
            diff.unified_diff()
                .context_radius(3)
                .header(&format!("a/{name}"), &format!("b/{name}"))
        )?;
    }
    Ok(())
}

/// "Fixed 3 problems" / "Would fix 1 problem".
pub fn summary(fixes: &[FileFix], dry_run: bool) -> String {
    let n: usize = fixes.iter().map(|f| f.applied).sum();
    let verb = if dry_run { "Would fix" } else { "Fixed" };
    format!("{verb} {n} problem{}", if n == 1 { "" } else { "s" })
}
