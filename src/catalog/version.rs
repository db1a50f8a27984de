//! ProFTPD release numbers: `1.3.8rc3`, `1.3.8`, `1.3.8a`, `1.3.10rc4`.
//!
//! Ordering: release candidates come before the release, the release before
//! its letter maintenance releases: `1.3.8rc1 < 1.3.8rc3 < 1.3.8 < 1.3.8a < 1.3.9rc1`.

use std::cmp::Ordering;
use std::fmt;

/// What follows the `major.minor.patch` triple.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Stage {
    /// `rcN`
    Rc(u32),
    /// plain release
    Release,
    /// letter release: `a` = 1, `b` = 2 ...
    Letter(u8),
}

impl Stage {
    fn rank(self) -> (u8, u32) {
        match self {
            Stage::Rc(n) => (0, n),
            Stage::Release => (1, 0),
            Stage::Letter(c) => (2, u32::from(c)),
        }
    }
}

/// A parsed ProFTPD version.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Version {
    major: u32,
    minor: u32,
    patch: u32,
    stage: Stage,
}

impl Version {
    /// Parse `1.3.8`, `1.3.8rc3`, `1.3.8a`, with an optional leading `v`.
    pub fn parse(s: &str) -> Option<Version> {
        let s = s.trim();
        let s = s.strip_prefix('v').unwrap_or(s);
        let mut parts = s.splitn(3, '.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next()?.parse().ok()?;
        let rest = parts.next()?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let patch = rest[..digits].parse().ok()?;
        let suffix = &rest[digits..];
        let stage = if suffix.is_empty() {
            Stage::Release
        } else if let Some(n) = suffix.strip_prefix("rc") {
            Stage::Rc(n.parse().ok()?)
        } else if suffix.len() == 1 && suffix.as_bytes()[0].is_ascii_lowercase() {
            Stage::Letter(suffix.as_bytes()[0] - b'a' + 1)
        } else {
            return None;
        };
        Some(Version {
            major,
            minor,
            patch,
            stage,
        })
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch, self.stage.rank()).cmp(&(
            other.major,
            other.minor,
            other.patch,
            other.stage.rank(),
        ))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        match self.stage {
            Stage::Rc(n) => write!(f, "rc{n}"),
            Stage::Release => Ok(()),
            Stage::Letter(c) => write!(f, "{}", char::from(b'a' + c - 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Version;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn ordering() {
        let order = [
            "1.2.10",
            "1.3.8rc1",
            "1.3.8rc3",
            "1.3.8",
            "1.3.8a",
            "1.3.8d",
            "1.3.9rc1",
            "1.3.9",
            "1.3.10rc4",
        ];
        for w in order.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
    }

    #[test]
    fn display_round_trips() {
        for s in ["1.3.8rc3", "1.3.8", "1.3.8a", "1.3.10rc4"] {
            assert_eq!(v(s).to_string(), s);
        }
        assert_eq!(v("v1.3.9").to_string(), "1.3.9");
    }

    #[test]
    fn rejects_garbage() {
        for s in ["", "1.3", "1.3.x", "1.3.8beta", "a.b.c", "1.3.8rc"] {
            assert!(Version::parse(s).is_none(), "{s}");
        }
    }
}
