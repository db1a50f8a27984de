//! Loading a config: the file, then every file its `Include` directives
//! name, resolved as ProFTPD 1.3.8 resolves them. All reads go through
//! [`FileSystem`].

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use globset::GlobBuilder;

use crate::fs::{Contents, EntryKind, FileSystem};
use crate::source::{FileId, SourceFile, SourceMap};
use crate::syntax::{self, Directive, NodeKind, ParsedFile};

/// ProFTPD's `PR_PARSER_INCLUDE_MAX_DEPTH`; we also use it to stop runaway
/// include chains.
pub const MAX_INCLUDE_DEPTH: usize = 64;

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Resolve absolute Include paths under this directory (configs kept in
    /// a repository rather than at /etc).
    pub root: Option<PathBuf>,
    /// Do not read included files.
    pub no_includes: bool,
}

/// A problem found while following Includes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadIssue {
    RelativeInclude {
        file: FileId,
        span: Range<usize>,
        path: String,
    },
    IncludeNotFound {
        file: FileId,
        span: Range<usize>,
        path: PathBuf,
        error: String,
    },
    IncludeCycle {
        file: FileId,
        span: Range<usize>,
        path: PathBuf,
        chain: Vec<PathBuf>,
    },
    IncludeSpecialFile {
        file: FileId,
        span: Range<usize>,
        path: PathBuf,
    },
    IncludeDirEntryIsDir {
        file: FileId,
        span: Range<usize>,
        path: PathBuf,
    },
    IncludeTooDeep {
        file: FileId,
        span: Range<usize>,
        path: PathBuf,
    },
    GlobNoMatch {
        file: FileId,
        span: Range<usize>,
        pattern: String,
        in_directory: bool,
    },
    GlobBadPattern {
        file: FileId,
        span: Range<usize>,
        pattern: String,
        error: String,
    },
}

/// The files of one config and how they include each other.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub sources: SourceMap,
    /// Parsed files, indexed by `FileId.0`.
    pub files: Vec<ParsedFile>,
    /// For each Include directive (file, start of its line): the files it
    /// brought in, in ProFTPD's order.
    pub includes: HashMap<(FileId, usize), Vec<FileId>>,
    pub issues: Vec<LoadIssue>,
    pub root: FileId,
}

impl Config {
    pub fn file(&self, id: FileId) -> &ParsedFile {
        &self.files[id.0 as usize]
    }

    pub fn included_by(&self, file: FileId, directive: &Directive) -> &[FileId] {
        self.includes
            .get(&(file, directive.span().start))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// Loads `path` (already read as `raw`) and everything it includes.
pub fn load(
    fs: &dyn FileSystem,
    path: &Path,
    raw: impl Into<Contents>,
    options: &LoadOptions,
) -> Config {
    load_with(fs, path, raw, options, syntax::parse_source)
}

/// [`load`], with `path` itself parsed by `parse_root` (e.g. on two
/// threads).
pub fn load_with(
    fs: &dyn FileSystem,
    path: &Path,
    raw: impl Into<Contents>,
    options: &LoadOptions,
    parse_root: impl FnOnce(&SourceFile) -> ParsedFile,
) -> Config {
    let mut loader = Loader {
        fs,
        options,
        config: Config::default(),
        by_path: HashMap::new(),
        chain: Vec::new(),
        ignore_temp_files: false,
    };
    let root = loader.add_file_parsed_by(path.to_path_buf(), raw.into(), parse_root);
    loader.config.root = root;
    loader.follow(root);
    loader.config
}

struct Loader<'a> {
    fs: &'a dyn FileSystem,
    options: &'a LoadOptions,
    config: Config,
    by_path: HashMap<PathBuf, FileId>,
    /// Files being read, outermost first (for cycle detection).
    chain: Vec<PathBuf>,
    /// `IncludeOptions IgnoreTempFiles` in force (each IncludeOptions line
    /// replaces the previous one).
    ignore_temp_files: bool,
}

impl Loader<'_> {
    fn add_file(&mut self, path: PathBuf, raw: Vec<u8>) -> FileId {
        self.add_file_parsed_by(path, raw.into(), syntax::parse_source)
    }

    fn add_file_parsed_by(
        &mut self,
        path: PathBuf,
        raw: Contents,
        parse: impl FnOnce(&SourceFile) -> ParsedFile,
    ) -> FileId {
        let id = self.config.sources.add(path.clone(), raw);
        let parsed = parse(self.config.sources.get(id));
        self.config.files.push(parsed);
        self.by_path.insert(path, id);
        id
    }

    fn follow(&mut self, file: FileId) {
        let path = self.config.sources.get(file).path.clone();
        self.chain.push(path);
        for line in include_lines(self.config.file(file)) {
            match line {
                IncludeLine::Options { ignore_temp_files } => {
                    self.ignore_temp_files = ignore_temp_files;
                }
                IncludeLine::Include { .. } if self.options.no_includes => {}
                IncludeLine::Include { line_start, arg } => self.include(file, line_start, arg),
            }
        }
        self.chain.pop();
    }

    fn include(&mut self, file: FileId, line_start: usize, arg: Option<(Range<usize>, String)>) {
        let Some((span, written)) = arg else {
            return;
        };
        if !written.starts_with('/') {
            self.config.issues.push(LoadIssue::RelativeInclude {
                file,
                span,
                path: written,
            });
            return;
        }
        if self.chain.len() > MAX_INCLUDE_DEPTH {
            self.config.issues.push(LoadIssue::IncludeTooDeep {
                file,
                span,
                path: PathBuf::from(&written),
            });
            return;
        }
        let targets = self.resolve(file, &span, &written);
        let mut ids = Vec::new();
        for target in targets {
            if let Some(id) = self.read_target(file, &span, target) {
                ids.push(id);
            }
        }
        self.config.includes.insert((file, line_start), ids);
    }

    /// Maps an absolute config path to where it is on this machine.
    fn host_path(&self, written: &str) -> PathBuf {
        match &self.options.root {
            Some(root) => root.join(written.trim_start_matches('/')),
            None => PathBuf::from(written),
        }
    }

    /// The files an Include names, in the order ProFTPD reads them.
    fn resolve(&mut self, file: FileId, span: &Range<usize>, written: &str) -> Vec<PathBuf> {
        let has_glob = |s: &str| s.contains(['*', '?', '[']);
        if !has_glob(written) {
            let path = self.host_path(written);
            return match self.fs.metadata(&path) {
                Ok(meta) if meta.kind == EntryKind::Dir && !meta.is_symlink => {
                    self.directory_entries(file, span, &path, None)
                }
                _ => vec![path],
            };
        }
        let (dir, pattern) = written.rsplit_once('/').unwrap_or(("", written));
        if has_glob(dir) {
            let mut found = Vec::new();
            self.expand_directory_glob(file, span, written, &mut found);
            return found;
        }
        let dir_path = self.host_path(if dir.is_empty() { "/" } else { dir });
        let entries = self.directory_entries(file, span, &dir_path, Some(pattern));
        if entries.is_empty() {
            self.config.issues.push(LoadIssue::GlobNoMatch {
                file,
                span: span.clone(),
                pattern: written.to_owned(),
                in_directory: false,
            });
        }
        entries
    }

    /// Entries of a directory include (every entry, dotfiles too, sorted
    /// bytewise), or those matching a last-component glob.
    fn directory_entries(
        &mut self,
        file: FileId,
        span: &Range<usize>,
        dir: &Path,
        pattern: Option<&str>,
    ) -> Vec<PathBuf> {
        let Ok(mut names) = self.fs.read_dir(dir) else {
            self.config.issues.push(LoadIssue::IncludeNotFound {
                file,
                span: span.clone(),
                path: dir.to_path_buf(),
                error: "unable to open configuration directory".into(),
            });
            return Vec::new();
        };
        names.sort();
        let matcher = match pattern.map(fnmatch_period) {
            Some(Err(error)) => {
                self.config.issues.push(LoadIssue::GlobBadPattern {
                    file,
                    span: span.clone(),
                    pattern: pattern.unwrap_or_default().to_owned(),
                    error,
                });
                return Vec::new();
            }
            Some(Ok(m)) => Some(m),
            None => None,
        };
        names
            .into_iter()
            .filter(|name| !(self.ignore_temp_files && is_temp_file(name)))
            .filter(|name| matcher.as_ref().is_none_or(|m| m(name)))
            .map(|name| dir.join(name))
            .collect()
    }

    /// `/etc/*/x.conf`: globs in directory components, matched one
    /// component at a time (ProFTPD's `parse_wildcard_config_path`).
    fn expand_directory_glob(
        &mut self,
        file: FileId,
        span: &Range<usize>,
        written: &str,
        found: &mut Vec<PathBuf>,
    ) {
        let components: Vec<&str> = written.split('/').filter(|c| !c.is_empty()).collect();
        let mut frontier = vec![self.host_path("/")];
        for (i, component) in components.iter().enumerate() {
            let last = i + 1 == components.len();
            let mut next = Vec::new();
            for dir in &frontier {
                if !component.contains(['*', '?', '[']) {
                    next.push(dir.join(component));
                    continue;
                }
                let Ok(matches) = fnmatch_period(component) else {
                    continue;
                };
                let mut names = self.fs.read_dir(dir).unwrap_or_default();
                names.sort();
                for name in names.into_iter().filter(|n| matches(n)) {
                    let path = dir.join(&name);
                    let is_dir = self
                        .fs
                        .metadata(&path)
                        .is_ok_and(|m| m.kind == EntryKind::Dir);
                    if last || is_dir {
                        next.push(path);
                    }
                }
            }
            frontier = next;
        }
        if frontier.is_empty() {
            self.config.issues.push(LoadIssue::GlobNoMatch {
                file,
                span: span.clone(),
                pattern: written.to_owned(),
                in_directory: true,
            });
        }
        found.extend(frontier);
    }

    fn read_target(&mut self, file: FileId, span: &Range<usize>, path: PathBuf) -> Option<FileId> {
        let normalized = normalize(&path);
        if self.chain.iter().any(|p| normalize(p) == normalized) {
            self.config.issues.push(LoadIssue::IncludeCycle {
                file,
                span: span.clone(),
                path,
                chain: self.chain.clone(),
            });
            return None;
        }
        match self.fs.metadata(&path) {
            Ok(meta) if meta.kind == EntryKind::Special => {
                self.config.issues.push(LoadIssue::IncludeSpecialFile {
                    file,
                    span: span.clone(),
                    path,
                });
                return None;
            }
            Ok(meta) if meta.kind == EntryKind::Dir => {
                self.config.issues.push(LoadIssue::IncludeDirEntryIsDir {
                    file,
                    span: span.clone(),
                    path,
                });
                return None;
            }
            _ => {}
        }
        if let Some(&id) = self.by_path.get(&path) {
            self.follow(id);
            return Some(id);
        }
        match self.fs.read(&path) {
            Ok(raw) => {
                let id = self.add_file(path, raw);
                self.follow(id);
                Some(id)
            }
            Err(error) => {
                self.config.issues.push(LoadIssue::IncludeNotFound {
                    file,
                    span: span.clone(),
                    path,
                    error: error.to_string(),
                });
                None
            }
        }
    }
}

/// An Include or IncludeOptions line, as the loader needs it.
enum IncludeLine {
    /// `IncludeOptions`: whether it says `IgnoreTempFiles`.
    Options { ignore_temp_files: bool },
    /// `Include`: the start of its line and its first argument.
    Include {
        line_start: usize,
        arg: Option<(Range<usize>, String)>,
    },
}

/// The Include and IncludeOptions lines of a tree in file order (Includes
/// inside sections count: the included text is parsed where the Include
/// stands; openers and closers are not directives).
fn include_lines(parsed: &ParsedFile) -> Vec<IncludeLine> {
    parsed
        .landmark_lines()
        .iter()
        .filter(|&&line| parsed.kind(line as usize) == NodeKind::Directive)
        .filter_map(|&line| parsed.directive(line as usize))
        .filter_map(|d| {
            if d.is_named("Include") {
                Some(IncludeLine::Include {
                    line_start: d.span().start,
                    arg: d.args().first().map(|a| (a.span(), a.value().to_owned())),
                })
            } else if d.is_named("IncludeOptions") {
                Some(IncludeLine::Options {
                    ignore_temp_files: d.args().iter().any(|a| a.value() == "IgnoreTempFiles"),
                })
            } else {
                None
            }
        })
        .collect()
}

/// `IncludeOptions IgnoreTempFiles` skips `*~` and `*.sw?` — matched with
/// FNM_PERIOD, so dotfiles such as `.x.conf.swp` are still read.
fn is_temp_file(name: &str) -> bool {
    if name.starts_with('.') {
        return false;
    }
    name.ends_with('~') || (name.len() >= 4 && name[..name.len() - 1].ends_with(".sw"))
}

/// An fnmatch(3) matcher with FNM_PERIOD: a leading dot must be matched by a
/// literal dot.
fn fnmatch_period(pattern: &str) -> Result<impl Fn(&str) -> bool + use<>, String> {
    let glob = GlobBuilder::new(pattern)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| e.to_string())?
        .compile_matcher();
    let explicit_dot = pattern.starts_with('.');
    Ok(move |name: &str| (explicit_dot || !name.starts_with('.')) && glob.is_match(name))
}

fn normalize(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemoryFs;

    fn load_mem(fs: &MemoryFs, root: &str) -> Config {
        let raw = fs.read(Path::new(root)).unwrap();
        load(fs, Path::new(root), raw, &LoadOptions::default())
    }

    #[test]
    fn directory_include_reads_dotfiles_in_order() {
        let mut fs = MemoryFs::new();
        fs.insert("/etc/p.conf", "Include /etc/d/\n");
        fs.insert("/etc/d/b.conf", "B x\n");
        fs.insert("/etc/d/.a", "A x\n");
        let config = load_mem(&fs, "/etc/p.conf");
        let names: Vec<_> = config
            .sources
            .iter()
            .map(|f| f.path.display().to_string())
            .collect();
        assert_eq!(names, ["/etc/p.conf", "/etc/d/.a", "/etc/d/b.conf"]);
        assert!(config.issues.is_empty());
    }

    #[test]
    fn glob_skips_dotfiles_and_no_match_is_reported_softly() {
        let mut fs = MemoryFs::new();
        fs.insert(
            "/etc/p.conf",
            "Include /etc/d/*.conf\nInclude /etc/d/*.nope\n",
        );
        fs.insert("/etc/d/b.conf", "B x\n");
        fs.insert("/etc/d/.a.conf", "A x\n");
        let config = load_mem(&fs, "/etc/p.conf");
        assert_eq!(config.sources.len(), 2);
        assert!(matches!(config.issues[..], [LoadIssue::GlobNoMatch { .. }]));
    }

    #[test]
    fn cycles_and_relative_paths() {
        let mut fs = MemoryFs::new();
        fs.insert("/a.conf", "Include /b.conf\nInclude rel.conf\n");
        fs.insert("/b.conf", "Include /a.conf\n");
        let config = load_mem(&fs, "/a.conf");
        assert!(
            config
                .issues
                .iter()
                .any(|i| matches!(i, LoadIssue::IncludeCycle { .. }))
        );
        assert!(
            config
                .issues
                .iter()
                .any(|i| matches!(i, LoadIssue::RelativeInclude { .. }))
        );
    }

    #[test]
    fn temp_files() {
        assert!(is_temp_file("a.conf~"));
        assert!(is_temp_file("a.conf.swp"));
        assert!(!is_temp_file(".a.conf.swp"));
        assert!(!is_temp_file("a.conf"));
    }
}
