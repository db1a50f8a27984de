//! The deployment profile the analysis assumes: target platform, ProFTPD
//! version, link type and middlebox timeout. Pure data; finding and reading
//! profile files happens elsewhere.

use serde::{Deserialize, Deserializer};

use crate::platform::Platform;
pub use crate::version::{ProftpdVersion, Stage};

/// Default bytes of one keepalive probe + ACK exchange: 2 × 52 B (IPv4 with
/// TCP timestamps).
pub const DEFAULT_PROBE_BYTES: u32 = 104;

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
