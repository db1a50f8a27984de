//! The keepalive timeline that messages, `effective` output and hovers show:
//! when the first probe goes out, when a dead peer is detected, what idle
//! connections cost per day (keepalive-by-platform.md §7) and when
//! `SFTPClientAlive` disconnects.

use crate::platform::{KernelKeepalive, apply};
use crate::profile::Profile;

use super::sftp_client_alive::{ClientAliveOutcome, SftpClientAlive};
use super::socket_options::KeepaliveState;

/// Seconds in a day.
const DAY: f64 = 86_400.0;

/// The computed keepalive timeline of one server.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timeline {
    /// What the kernel uses.
    pub kernel: KernelKeepalive,
    /// Seconds of silence before the first probe (`None`: no probes).
    pub first_probe_after: Option<f64>,
    /// Seconds until a silently dead peer is detected on an idle connection.
    pub detection_after: Option<f64>,
    /// Probe/ACK exchanges per healthy idle connection per day (86400/idle:
    /// each ACK restarts the idle timer).
    pub exchanges_per_day: f64,
    /// Bytes per idle connection per day.
    pub bytes_per_day: f64,
    /// Bytes per idle connection per 30 days.
    pub bytes_per_30_days: f64,
    /// What `SFTPClientAlive` does, if configured.
    pub sftp: Option<ClientAliveOutcome>,
}

impl Timeline {
    /// Computes the timeline for `state` under `profile`.
    pub fn compute(
        profile: &Profile,
        state: &KeepaliveState,
        sftp: Option<&SftpClientAlive>,
    ) -> Timeline {
        let kernel = apply(
            profile.platform,
            state,
            profile.proftpd_version.supports_fine_grained_keepalive(),
        );
        Timeline::from_kernel(kernel, profile.probe_bytes(), sftp)
    }

    /// Computes the timeline from an already-applied kernel state.
    pub fn from_kernel(
        kernel: KernelKeepalive,
        probe_bytes: u32,
        sftp: Option<&SftpClientAlive>,
    ) -> Timeline {
        let first = kernel.first_probe_after();
        let exchanges = first.filter(|i| *i > 0.0).map_or(0.0, exchanges_per_day);
        let bytes = exchanges * f64::from(probe_bytes);
        Timeline {
            kernel,
            first_probe_after: first,
            detection_after: kernel.detection_seconds(),
            exchanges_per_day: exchanges,
            bytes_per_day: bytes,
            bytes_per_30_days: bytes * 30.0,
            sftp: sftp.map(SftpClientAlive::outcome),
        }
    }

    /// Seconds after which `SFTPClientAlive` disconnects (see
    /// [`ClientAliveOutcome`]); `None` when not configured or disabled.
    pub fn sftp_disconnect_after(&self) -> Option<u64> {
        match self.sftp? {
            ClientAliveOutcome::Disabled => None,
            ClientAliveOutcome::IdleKill { after }
            | ClientAliveOutcome::DropUnresponsive { after, .. } => Some(after),
        }
    }
}

/// Probe exchanges per day for an idle time of `idle` seconds (86400/idle).
pub fn exchanges_per_day(idle: f64) -> f64 {
    DAY / idle
}

/// Formats seconds as e.g. `2 h 11 min 15 s`, `75 s`, `0 s`. Durations under
/// two minutes stay in seconds (the common `75 s` interval reads better
/// than `1 min 15 s`); days are shown as `d` (`1 d 3 h`); zero components
/// are left out.
pub fn human_duration(secs: u64) -> String {
    HumanDuration(secs).to_string()
}

/// [`human_duration`] as a value that formats itself (no intermediate
/// strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanDuration(pub u64);

impl std::fmt::Display for HumanDuration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.0;
        if secs < 120 {
            return write!(f, "{secs} s");
        }
        let parts = [
            (secs / 86_400, "d"),
            (secs / 3600 % 24, "h"),
            (secs / 60 % 60, "min"),
            (secs % 60, "s"),
        ];
        let mut first = true;
        for (n, unit) in parts {
            if n > 0 {
                if !first {
                    f.write_str(" ")?;
                }
                first = false;
                write!(f, "{n} {unit}")?;
            }
        }
        Ok(())
    }
}

/// [`human_duration`] of a possibly fractional or negative number of
/// seconds, rounded to the nearest second (negative → `0 s`).
pub fn human_duration_f64(secs: f64) -> String {
    human_duration(secs.max(0.0).round() as u64)
}

/// Formats a byte count with decimal units: `1248 B`, `37.4 kB`, `4.5 MB`.
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000.0 {
        return format!("{} B", bytes.round() as u64);
    }
    let mut v = bytes;
    let mut unit = "B";
    for u in UNITS {
        if v < 1000.0 {
            break;
        }
        v /= 1000.0;
        unit = u;
    }
    format!("{v:.1} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sftp_client_alive::parse_sftp_client_alive;
    use crate::model::socket_options::KeepaliveValues;
    use crate::platform::Platform;
    use crate::profile::ProftpdVersion;

    fn linux() -> Profile {
        Profile {
            platform: Platform::Linux,
            ..Profile::default()
        }
    }

    #[test]
    fn human_durations() {
        assert_eq!(human_duration(7875), "2 h 11 min 15 s");
        assert_eq!(human_duration(75), "75 s");
        assert_eq!(human_duration(119), "119 s");
        assert_eq!(human_duration(120), "2 min");
        assert_eq!(human_duration(125), "2 min 5 s");
        assert_eq!(human_duration(59), "59 s");
        assert_eq!(human_duration(0), "0 s");
        assert_eq!(human_duration(7200), "2 h");
        assert_eq!(human_duration(60000), "16 h 40 min");
        assert_eq!(human_duration(90061), "1 d 1 h 1 min 1 s");
        assert_eq!(human_duration_f64(53.4), "53 s");
        assert_eq!(human_duration_f64(-5.0), "0 s");
    }

    #[test]
    fn human_byte_counts() {
        assert_eq!(human_bytes(1248.0), "1.2 kB");
        assert_eq!(human_bytes(999.0), "999 B");
        assert_eq!(human_bytes(4_492_800.0), "4.5 MB");
    }

    #[test]
    fn default_linux_timeline() {
        let t = Timeline::compute(&linux(), &KeepaliveState::default(), None);
        assert_eq!(t.first_probe_after, Some(7200.0));
        assert_eq!(t.detection_after, Some(7875.0));
        assert_eq!(t.exchanges_per_day, 12.0);
        assert_eq!(t.bytes_per_day, 1248.0);
        assert_eq!(t.bytes_per_30_days, 37440.0);
        assert_eq!(t.sftp_disconnect_after(), None);
    }

    #[test]
    fn reference_table_rows() {
        for (idle, per_day, bytes) in [
            (3600, 24.0, 2496.0),
            (60, 1440.0, 149760.0),
            (1, 86400.0, 8985600.0),
        ] {
            let s = KeepaliveState {
                enabled: true,
                values: Some(KeepaliveValues {
                    idle,
                    count: 5,
                    interval: 10,
                }),
            };
            let t = Timeline::compute(&linux(), &s, None);
            assert_eq!(t.exchanges_per_day, per_day);
            assert_eq!(t.bytes_per_day, bytes);
        }
        let ipv6 = Profile {
            probe_bytes: Some(144),
            ..linux()
        };
        let s = KeepaliveState {
            enabled: true,
            values: Some(KeepaliveValues {
                idle: 600,
                count: 5,
                interval: 10,
            }),
        };
        assert_eq!(Timeline::compute(&ipv6, &s, None).bytes_per_day, 20736.0);
    }

    #[test]
    fn keepalive_off_costs_nothing() {
        let s = KeepaliveState {
            enabled: false,
            values: None,
        };
        let t = Timeline::compute(&linux(), &s, None);
        assert_eq!(
            (t.first_probe_after, t.detection_after, t.bytes_per_day),
            (None, None, 0.0)
        );
    }

    #[test]
    fn old_version_and_sftp() {
        let old = Profile {
            proftpd_version: ProftpdVersion::parse("1.3.7").unwrap(),
            ..linux()
        };
        let s = KeepaliveState {
            enabled: true,
            values: Some(KeepaliveValues {
                idle: 60,
                count: 3,
                interval: 10,
            }),
        };
        let a = parse_sftp_client_alive(&["3", "15"]).unwrap();
        let t = Timeline::compute(&old, &s, Some(&a));
        assert_eq!(t.first_probe_after, Some(7200.0));
        assert_eq!(t.sftp_disconnect_after(), Some(60));
    }
}
