//! ProFTPD release numbers (`1.3.8rc3`, `1.3.8`, `1.3.8a`, `1.3.10rc4`), as
//! the catalogue records them and the profile targets them. Ordering:
//! release candidates before the release, the release before its lettered
//! maintenance releases.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// The release stage of a ProFTPD version: `rc` < release < lettered
/// maintenance release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// `1.3.8rc3` → `Rc(3)`.
    Rc(u32),
    /// `1.3.8`.
    Release,
    /// `1.3.9a` → `Letter('a')`.
    Letter(char),
}

/// A ProFTPD version such as `1.3.8`, `1.3.8rc3` or `1.3.9a`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProftpdVersion {
    /// Major (1).
    pub major: u32,
    /// Minor (3).
    pub minor: u32,
    /// Patch (8).
    pub patch: u32,
    /// rc / release / letter.
    pub stage: Stage,
}

impl ProftpdVersion {
    /// `1.3.8rc3`: the first release that applies the keepalive
    /// idle/count/interval at the right level (Issue #1401) and on the
    /// control connection (Issue #1402).
    pub const FINE_GRAINED_KEEPALIVE: ProftpdVersion = ProftpdVersion {
        major: 1,
        minor: 3,
        patch: 8,
        stage: Stage::Rc(3),
    };

    /// `1.3.8`, the default.
    pub const V1_3_8: ProftpdVersion = ProftpdVersion {
        major: 1,
        minor: 3,
        patch: 8,
        stage: Stage::Release,
    };

    /// Builds a plain release version.
    pub const fn new(major: u32, minor: u32, patch: u32) -> ProftpdVersion {
        ProftpdVersion {
            major,
            minor,
            patch,
            stage: Stage::Release,
        }
    }

    /// Parses `1.3.8`, `1.3.8rc3`, `1.3.9a` (an optional leading `v` is allowed).
    pub fn parse(text: &str) -> Option<ProftpdVersion> {
        let t = text.trim();
        let t = t.strip_prefix(['v', 'V']).unwrap_or(t);
        let mut parts = t.splitn(3, '.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next()?.parse().ok()?;
        let last = parts.next()?;
        let digits = last
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(last.len());
        let patch = last[..digits].parse().ok()?;
        let rest = &last[digits..];
        let stage = if rest.is_empty() {
            Stage::Release
        } else if let Some(n) = rest.strip_prefix("rc") {
            Stage::Rc(n.parse().ok()?)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_lowercase() => Stage::Letter(c),
                _ => return None,
            }
        };
        Some(ProftpdVersion {
            major,
            minor,
            patch,
            stage,
        })
    }

    /// True from 1.3.8rc3 on: the keepalive spec takes effect.
    pub fn supports_fine_grained_keepalive(self) -> bool {
        self >= Self::FINE_GRAINED_KEEPALIVE
    }
}

impl Ord for ProftpdVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch, self.stage).cmp(&(
            other.major,
            other.minor,
            other.patch,
            other.stage,
        ))
    }
}

impl PartialOrd for ProftpdVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for ProftpdVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        match self.stage {
            Stage::Rc(n) => write!(f, "rc{n}"),
            Stage::Release => Ok(()),
            Stage::Letter(c) => write!(f, "{c}"),
        }
    }
}

impl FromStr for ProftpdVersion {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProftpdVersion::parse(s).ok_or_else(|| {
            format!("invalid ProFTPD version '{s}' (expected e.g. 1.3.8, 1.3.8rc3, 1.3.9a)")
        })
    }
}
