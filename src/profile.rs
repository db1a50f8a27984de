//! The deployment profile the analysis assumes: target platform, ProFTPD
//! version, link type and middlebox timeout. Pure data; finding and reading
//! profile files happens elsewhere.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};

use crate::platform::Platform;

/// Default bytes of one keepalive probe + ACK exchange: 2 × 52 B (IPv4 with
/// TCP timestamps).
pub const DEFAULT_PROBE_BYTES: u32 = 104;

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

/// What the link costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Link {
    /// Ordinary link: keepalive traffic is free.
    #[default]
    Standard,
    /// Metered (satellite, cellular): every probe costs.
    Metered,
}

impl Link {
    /// `standard` or `metered` (case-insensitive).
    pub fn parse(text: &str) -> Option<Link> {
        match text.trim().to_ascii_lowercase().as_str() {
            "standard" => Some(Link::Standard),
            "metered" => Some(Link::Metered),
            _ => None,
        }
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Link::Standard => "standard",
            Link::Metered => "metered",
        }
    }
}

/// The assumptions an analysis runs under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// Target platform.
    pub platform: Platform,
    /// ProFTPD version.
    pub proftpd_version: ProftpdVersion,
    /// Link type.
    pub link: Link,
    /// Smallest middlebox idle timeout on the path, in seconds, if known.
    pub nat_idle_timeout: Option<u32>,
    /// Bytes of one probe + ACK exchange; `None` → [`DEFAULT_PROBE_BYTES`].
    pub probe_bytes: Option<u32>,
}

impl Default for Profile {
    /// Host platform, ProFTPD 1.3.8, standard link, no middlebox timeout.
    fn default() -> Self {
        Profile {
            platform: Platform::host(),
            proftpd_version: ProftpdVersion::V1_3_8,
            link: Link::Standard,
            nat_idle_timeout: None,
            probe_bytes: None,
        }
    }
}

impl Profile {
    /// Bytes per probe exchange (the default when unset).
    pub fn probe_bytes(&self) -> u32 {
        self.probe_bytes.unwrap_or(DEFAULT_PROBE_BYTES)
    }

    /// Applies `o` on top of `self` (set fields win).
    pub fn apply(mut self, o: &ProfileOverrides) -> Profile {
        if let Some(p) = o.platform {
            self.platform = p;
        }
        if let Some(v) = o.proftpd_version {
            self.proftpd_version = v;
        }
        if let Some(l) = o.link {
            self.link = l;
        }
        if o.nat_idle_timeout.is_some() {
            self.nat_idle_timeout = o.nat_idle_timeout;
        }
        if o.probe_bytes.is_some() {
            self.probe_bytes = o.probe_bytes;
        }
        self
    }

    /// Default profile, then the file's overrides, then the CLI's (CLI wins).
    pub fn merge(file: &ProfileOverrides, cli: &ProfileOverrides) -> Profile {
        Profile::default().apply(file).apply(cli)
    }
}

/// Optional settings from a profile file or the command line. Keys in files
/// are kebab-case: `platform`, `proftpd-version`, `link`,
/// `nat-idle-timeout`, `probe-bytes`; unknown keys are rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ProfileOverrides {
    /// Target platform.
    #[serde(default, deserialize_with = "de_platform")]
    pub platform: Option<Platform>,
    /// ProFTPD version.
    #[serde(default, deserialize_with = "de_version")]
    pub proftpd_version: Option<ProftpdVersion>,
    /// Link type.
    #[serde(default, deserialize_with = "de_link")]
    pub link: Option<Link>,
    /// Middlebox idle timeout (seconds).
    #[serde(default)]
    pub nat_idle_timeout: Option<u32>,
    /// Bytes per probe exchange.
    #[serde(default)]
    pub probe_bytes: Option<u32>,
}

/// Deserializes an optional string through `parse`, naming the choices on error.
fn de_with<'de, D, T>(d: D, parse: fn(&str) -> Option<T>, what: &str) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
{
    let s = String::deserialize(d)?;
    parse(&s)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown {what} '{s}'")))
}

fn de_platform<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Platform>, D::Error> {
    de_with(d, Platform::parse, "platform")
}

fn de_version<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ProftpdVersion>, D::Error> {
    de_with(d, ProftpdVersion::parse, "ProFTPD version")
}

fn de_link<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Link>, D::Error> {
    de_with(d, Link::parse, "link (expected standard or metered)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> ProftpdVersion {
        ProftpdVersion::parse(s).unwrap()
    }

    #[test]
    fn version_parse_and_order() {
        assert_eq!(v("1.3.8"), ProftpdVersion::V1_3_8);
        assert_eq!(v("1.3.8rc3").stage, Stage::Rc(3));
        assert_eq!(v("1.3.9a").stage, Stage::Letter('a'));
        assert_eq!(v("v1.3.10rc4").to_string(), "1.3.10rc4");
        assert!(v("1.3.8rc2") < v("1.3.8rc3"));
        assert!(v("1.3.8rc4") < v("1.3.8"));
        assert!(v("1.3.8") < v("1.3.8a"));
        assert!(v("1.3.8d") < v("1.3.9rc1"));
        assert!(v("1.3.9") < v("1.3.10rc1"));
        assert!(!v("1.3.8rc2").supports_fine_grained_keepalive());
        assert!(v("1.3.8rc3").supports_fine_grained_keepalive());
        assert!(!v("1.3.7e").supports_fine_grained_keepalive());
        for bad in ["1.3", "1.3.x", "1.3.8rc", "1.3.8ab", "1.3.8B", ""] {
            assert_eq!(ProftpdVersion::parse(bad), None, "{bad}");
        }
        assert!("1.3.8".parse::<ProftpdVersion>().is_ok());
    }

    #[test]
    fn defaults_and_merge() {
        let p = Profile::default();
        assert_eq!(p.platform, Platform::host());
        assert_eq!(p.proftpd_version, ProftpdVersion::V1_3_8);
        assert_eq!(p.link, Link::Standard);
        assert_eq!(p.probe_bytes(), 104);
        let file = ProfileOverrides {
            platform: Some(Platform::FreeBsd),
            link: Some(Link::Metered),
            nat_idle_timeout: Some(350),
            ..Default::default()
        };
        let cli = ProfileOverrides {
            platform: Some(Platform::Illumos),
            probe_bytes: Some(144),
            ..Default::default()
        };
        let m = Profile::merge(&file, &cli);
        assert_eq!(m.platform, Platform::Illumos);
        assert_eq!(m.link, Link::Metered);
        assert_eq!(m.nat_idle_timeout, Some(350));
        assert_eq!(m.probe_bytes(), 144);
    }

    #[test]
    fn overrides_deserialize() {
        let o: ProfileOverrides = toml::from_str(
            "platform = \"openbsd\"\nproftpd-version = \"1.3.7e\"\nlink = \"metered\"\nnat-idle-timeout = 350\nprobe-bytes = 144\n",
        )
        .unwrap();
        assert_eq!(o.platform, Some(Platform::OpenBsd));
        assert_eq!(o.proftpd_version, Some(v("1.3.7e")));
        assert_eq!(o.link, Some(Link::Metered));
        assert_eq!(o.nat_idle_timeout, Some(350));
        assert_eq!(o.probe_bytes, Some(144));
        let empty: ProfileOverrides = toml::from_str("").unwrap();
        assert_eq!(empty, ProfileOverrides::default());
        assert!(toml::from_str::<ProfileOverrides>("colour = \"red\"").is_err());
        assert!(toml::from_str::<ProfileOverrides>("nat_idle_timeout = 3").is_err());
        let e = toml::from_str::<ProfileOverrides>("platform = \"plan9\"").unwrap_err();
        assert!(e.to_string().contains("unknown platform 'plan9'"), "{e}");
        let j: ProfileOverrides = serde_json::from_str(r#"{"link":"standard"}"#).unwrap();
        assert_eq!(j.link, Some(Link::Standard));
    }
}
