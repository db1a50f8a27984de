//! The one place that touches the file system. Core code reads through the
//! [`FileSystem`] trait so the language server can overlay unsaved buffers
//! and tests can use an in-memory tree.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// What a path is, as far as Include resolution cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Dir,
    /// FIFOs, sockets, devices: never read (a FIFO would block).
    Special,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub kind: EntryKind,
    pub is_symlink: bool,
}

/// The bytes of a file to lint: in memory, or a large file on disk mapped
/// into memory (its pages come straight from the page cache; copying them
/// into fresh memory cost a third of a millisecond per 660 KB here).
pub enum Contents {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Contents {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Contents::Owned(bytes) => bytes,
            Contents::Mapped(map) => map,
        }
    }
}

impl From<Vec<u8>> for Contents {
    fn from(bytes: Vec<u8>) -> Contents {
        Contents::Owned(bytes)
    }
}

/// From this size on, [`RealFs::read_contents`] maps a file rather than
/// reading it.
pub const MAP_FROM_BYTES: u64 = 128 * 1024;

pub trait FileSystem: Send + Sync {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Reads a file to lint: as [`FileSystem::read`], but a large file may
    /// be mapped rather than copied.
    fn read_contents(&self, path: &Path) -> io::Result<Contents> {
        self.read(path).map(Contents::Owned)
    }
    /// Follows symlinks; `is_symlink` tells whether `path` itself is one.
    fn metadata(&self, path: &Path) -> io::Result<Metadata>;
    /// Names of the entries of a directory (not `.` and `..`), unsorted.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>>;
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

/// The size of `path`, checked before it is opened: a directory or a FIFO
/// is not read (opening a FIFO would wait for a writer).
fn regular_file_size(path: &Path) -> io::Result<u64> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::other(if meta.is_dir() {
            "is a directory"
        } else {
            "not a regular file"
        }));
    }
    Ok(meta.len())
}

impl FileSystem for RealFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        regular_file_size(path)?;
        std::fs::read(path)
    }

    fn read_contents(&self, path: &Path) -> io::Result<Contents> {
        if regular_file_size(path)? < MAP_FROM_BYTES {
            return std::fs::read(path).map(Contents::Owned);
        }
        let file = std::fs::File::open(path)?;
        // SAFETY: the map is private and read-only. Another process that
        // truncates the file while it is linted can still end this one
        // with SIGBUS, as for every tool that maps its input (ripgrep,
        // compilers); the run lasts milliseconds.
        match unsafe { memmap2::Mmap::map(&file) } {
            Ok(map) => Ok(Contents::Mapped(map)),
            Err(_) => std::fs::read(path).map(Contents::Owned),
        }
    }

    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        let link = std::fs::symlink_metadata(path)?;
        let meta = std::fs::metadata(path)?;
        let kind = if meta.is_dir() {
            EntryKind::Dir
        } else if meta.is_file() {
            EntryKind::File
        } else {
            EntryKind::Special
        };
        Ok(Metadata {
            kind,
            is_symlink: link.file_type().is_symlink(),
        })
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>> {
        std::fs::read_dir(path)?
            .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect()
    }
}

/// An in-memory tree for tests, and the language server's open buffers
/// layered over [`RealFs`].
#[derive(Debug, Clone, Default)]
pub struct MemoryFs {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl MemoryFs {
    pub fn new() -> MemoryFs {
        MemoryFs::default()
    }

    pub fn insert(&mut self, path: impl Into<PathBuf>, content: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), content.into());
    }

    pub fn remove(&mut self, path: &Path) {
        self.files.remove(path);
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.files.keys().any(|p| p != path && p.starts_with(path))
    }
}

impl FileSystem for MemoryFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    }

    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        let kind = if self.files.contains_key(path) {
            EntryKind::File
        } else if self.is_dir(path) {
            EntryKind::Dir
        } else {
            return Err(io::Error::from(io::ErrorKind::NotFound));
        };
        Ok(Metadata {
            kind,
            is_symlink: false,
        })
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>> {
        if !self.is_dir(path) {
            return Err(io::Error::from(io::ErrorKind::NotFound));
        }
        let mut names: Vec<String> = self
            .files
            .keys()
            .filter_map(|p| p.strip_prefix(path).ok())
            .filter_map(|rest| rest.components().next())
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        names.dedup();
        Ok(names)
    }
}

/// Open buffers (by absolute path) shadowing the real file system.
#[derive(Debug, Clone, Default)]
pub struct OverlayFs {
    pub overlay: MemoryFs,
}

impl FileSystem for OverlayFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.overlay.read(path).or_else(|_| RealFs.read(path))
    }

    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        self.overlay
            .metadata(path)
            .or_else(|_| RealFs.metadata(path))
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>> {
        RealFs.read_dir(path)
    }
}

/// Writes `content` to `path` atomically: a temporary file in the same
/// directory, the old file's permissions (and owner, where allowed), then a
/// rename over it. Through a symlink, the file it points to is replaced and
/// the link stays a link (configs under /etc are often links).
pub fn write_atomic(path: &Path, content: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let path = &write_target(path);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".proftpd-lint-")
        .tempfile_in(dir)
        .map_err(without_temporary_name)?;
    tmp.write_all(content)?;
    if let Ok(meta) = std::fs::metadata(path) {
        keep_owner(tmp.as_file(), &meta);
        std::fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// tempfile names its temporary file in its errors ("… at path
/// \"/dir/.proftpd-lint-x1y2\""): the user named another file.
fn without_temporary_name(error: io::Error) -> io::Error {
    let text = error.to_string();
    match text.split_once(" at path ") {
        Some((reason, _)) => io::Error::new(error.kind(), reason.to_owned()),
        None => error,
    }
}

/// The file a write to `path` replaces: the target of a symlink (one that
/// points nowhere yet: where it points), else `path` itself.
fn write_target(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return path.to_path_buf();
    }
    std::fs::canonicalize(path).unwrap_or_else(|_| match std::fs::read_link(path) {
        Ok(to) => path.parent().unwrap_or(Path::new(".")).join(to),
        Err(_) => path.to_path_buf(),
    })
}

/// Gives the new file the old one's owner and group. Only root may give a
/// file away; for other users this fails and the new file is theirs, as
/// with any editor that saves by renaming.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, old: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_file: &std::fs::File, _old: &std::fs::Metadata) {}

/// True when `a` and `b` exist and are the same file (also through
/// symlinks and hard links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn a_large_file_is_mapped_and_a_small_one_read() {
        let dir = tempfile::tempdir().unwrap();
        let large: Vec<u8> = b"ServerName x\n".repeat(MAP_FROM_BYTES as usize / 13 + 1);
        let small = b"ServerName x\n".to_vec();
        let large_path = written(dir.path(), "large.conf", &large);
        let small_path = written(dir.path(), "small.conf", &small);
        let mapped = RealFs.read_contents(&large_path).unwrap();
        assert!(matches!(mapped, Contents::Mapped(_)));
        assert_eq!(mapped.as_bytes(), large.as_slice());
        let read = RealFs.read_contents(&small_path).unwrap();
        assert!(matches!(read, Contents::Owned(_)));
        assert_eq!(read.as_bytes(), small.as_slice());
    }

    #[test]
    fn a_directory_is_not_read_as_contents() {
        let dir = tempfile::tempdir().unwrap();
        let error = RealFs.read_contents(dir.path()).err().unwrap();
        assert_eq!(error.to_string(), "is a directory");
    }
}
