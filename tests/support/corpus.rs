//! The shared corpus beside the repository (`../shared/corpus`): its files
//! and the `proftpd -t` verdicts recorded in each INDEX.tsv.

use std::path::{Path, PathBuf};

pub const KINDS: [&str; 2] = ["configs", "doc-snippets"];

pub fn corpus_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(kind)
}

/// (kind, file name, `proftpd_t_masked` verdict) of every corpus file,
/// sorted.
pub fn entries() -> Vec<(String, String, String)> {
    let mut files = Vec::new();
    for kind in KINDS {
        let text = std::fs::read_to_string(corpus_dir(kind).join("INDEX.tsv")).expect("INDEX.tsv");
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        let masked = header
            .iter()
            .position(|h| *h == "proftpd_t_masked")
            .unwrap();
        for line in lines {
            let cols: Vec<&str> = line.split('\t').collect();
            files.push((kind.to_owned(), cols[0].to_owned(), cols[masked].to_owned()));
        }
    }
    files.sort();
    files
}

/// Lines INDEX.tsv masked as host-dependent ("[masked 2 env lines:
/// module-not-loaded@5,user-group@11]"), 1-based.
pub fn masked_lines(verdict: &str) -> Vec<usize> {
    let Some(list) = verdict.split("env lines: ").nth(1) else {
        return Vec::new();
    };
    list.trim_end_matches(']')
        .split(',')
        .filter_map(|item| item.rsplit('@').next()?.parse().ok())
        .collect()
}
