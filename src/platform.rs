//! Per-platform TCP keepalive facts (shared/reference/keepalive-by-platform.md
//! §2–§3) and what the kernel ends up using for a ProFTPD keepalive spec.
//!
//! Facts that the reference marks UNCONFIRMED carry `confirmed: false`;
//! callers must never turn those into hard errors.

use crate::model::socket_options::{KeepaliveState, KeepaliveValues};

/// A target operating system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Platform {
    /// Linux (any distribution).
    Linux,
    /// FreeBSD.
    FreeBsd,
    /// macOS 10.9 or later.
    MacOs,
    /// OpenBSD.
    OpenBsd,
    /// NetBSD.
    NetBsd,
    /// DragonFly BSD 5.8 or later (seconds-based keepalive options).
    DragonFly,
    /// illumos (OmniOS, SmartOS, OpenIndiana).
    Illumos,
    /// Oracle Solaris 11.4.
    Solaris,
    /// AIX.
    Aix,
    /// Windows (ProFTPD runs there only under Cygwin: UNCONFIRMED).
    Windows,
}

impl Platform {
    /// Every platform.
    pub const ALL: [Platform; 10] = [
        Platform::Linux,
        Platform::FreeBsd,
        Platform::MacOs,
        Platform::OpenBsd,
        Platform::NetBsd,
        Platform::DragonFly,
        Platform::Illumos,
        Platform::Solaris,
        Platform::Aix,
        Platform::Windows,
    ];

    /// Parses a name, case-insensitively, with common aliases
    /// (`darwin`, `osx`, `dragonflybsd`, `omnios`, `smartos`, `sunos`, `win32`…).
    pub fn parse(text: &str) -> Option<Platform> {
        let t = text.trim().to_ascii_lowercase();
        Some(match t.as_str() {
            "linux" => Platform::Linux,
            "freebsd" => Platform::FreeBsd,
            "macos" | "darwin" | "osx" | "mac" => Platform::MacOs,
            "openbsd" => Platform::OpenBsd,
            "netbsd" => Platform::NetBsd,
            "dragonfly" | "dragonflybsd" => Platform::DragonFly,
            "illumos" | "omnios" | "smartos" | "openindiana" => Platform::Illumos,
            "solaris" | "sunos" => Platform::Solaris,
            "aix" => Platform::Aix,
            "windows" | "win32" | "win" => Platform::Windows,
            _ => return None,
        })
    }

    /// The canonical lowercase name (round-trips through [`Platform::parse`]).
    pub fn name(self) -> &'static str {
        match self {
            Platform::Linux => "linux",
            Platform::FreeBsd => "freebsd",
            Platform::MacOs => "macos",
            Platform::OpenBsd => "openbsd",
            Platform::NetBsd => "netbsd",
            Platform::DragonFly => "dragonfly",
            Platform::Illumos => "illumos",
            Platform::Solaris => "solaris",
            Platform::Aix => "aix",
            Platform::Windows => "windows",
        }
    }

    /// The name for messages, e.g. `FreeBSD`.
    pub fn display_name(self) -> &'static str {
        match self {
            Platform::Linux => "Linux",
            Platform::FreeBsd => "FreeBSD",
            Platform::MacOs => "macOS",
            Platform::OpenBsd => "OpenBSD",
            Platform::NetBsd => "NetBSD",
            Platform::DragonFly => "DragonFly BSD",
            Platform::Illumos => "illumos",
            Platform::Solaris => "Solaris",
            Platform::Aix => "AIX",
            Platform::Windows => "Windows",
        }
    }

    /// The platform this binary was built for (Linux if unknown).
    pub fn host() -> Platform {
        if cfg!(target_os = "freebsd") {
            Platform::FreeBsd
        } else if cfg!(any(target_os = "macos", target_os = "ios")) {
            Platform::MacOs
        } else if cfg!(target_os = "openbsd") {
            Platform::OpenBsd
        } else if cfg!(target_os = "netbsd") {
            Platform::NetBsd
        } else if cfg!(target_os = "dragonfly") {
            Platform::DragonFly
        } else if cfg!(target_os = "illumos") {
            Platform::Illumos
        } else if cfg!(target_os = "solaris") {
            Platform::Solaris
        } else if cfg!(target_os = "aix") {
            Platform::Aix
        } else if cfg!(target_os = "windows") {
            Platform::Windows
        } else {
            Platform::Linux
        }
    }

    /// System-wide keepalive defaults (§3b).
    pub fn defaults(self) -> SystemDefaults {
        let bsd = SystemDefaults {
            idle: 7200,
            interval: Some(75),
            count: Some(8),
            abort_after: None,
            confirmed: true,
        };
        match self {
            Platform::Linux => SystemDefaults {
                count: Some(9),
                ..bsd
            },
            Platform::FreeBsd
            | Platform::MacOs
            | Platform::OpenBsd
            | Platform::NetBsd
            | Platform::DragonFly => bsd,
            Platform::Illumos | Platform::Solaris => SystemDefaults {
                idle: 7200,
                interval: None,
                count: None,
                abort_after: Some(480),
                confirmed: true,
            },
            Platform::Aix => SystemDefaults {
                confirmed: false,
                ..bsd
            },
            Platform::Windows => SystemDefaults {
                idle: 7200,
                interval: Some(1),
                count: Some(10),
                ..bsd
            },
        }
    }

    /// Whether ProFTPD is built with any of `TCP_KEEPIDLE`, `TCP_KEEPCNT`,
    /// `TCP_KEEPINTVL` here. When false (OpenBSD), a spec is accepted without
    /// validation and treated as `keepalive on`.
    pub fn fine_grained_build(self) -> bool {
        self != Platform::OpenBsd
    }

    /// True when the kernel probes even sockets without SO_KEEPALIVE
    /// (FreeBSD `net.inet.tcp.always_keepalive` defaults to 1), so
    /// `keepalive off` does not stop probes.
    pub fn always_keepalive(self) -> bool {
        self == Platform::FreeBsd
    }

    /// The per-socket limits of one option, in the unit ProFTPD passes to
    /// `setsockopt` (after DragonFly's ×1000). `None`: no per-socket option.
    pub fn limit(self, option: KeepaliveOption) -> Option<Limit> {
        use KeepaliveOption as O;
        let any = Limit {
            min: 1,
            max: i64::from(i32::MAX),
            confirmed: false,
        };
        Some(match (self, option) {
            (Platform::OpenBsd, _) => return None,
            (Platform::Linux, O::Idle | O::Interval) => Limit {
                min: 1,
                max: 32767,
                confirmed: true,
            },
            (Platform::Linux, O::Count) => Limit {
                min: 1,
                max: 127,
                confirmed: true,
            },
            // UINT_MAX / hz at hz = 1000.
            (Platform::FreeBsd, O::Idle | O::Interval) => Limit {
                min: 0,
                max: 4_294_967,
                confirmed: true,
            },
            (Platform::FreeBsd, O::Count) => Limit {
                confirmed: true,
                ..any
            },
            (Platform::MacOs, O::Idle | O::Interval) => Limit {
                min: 0,
                max: 4_294_967,
                confirmed: true,
            },
            (Platform::MacOs, O::Count) => Limit {
                min: 0,
                confirmed: true,
                ..any
            },
            // The > 0 check is documented; the unit (seconds or half-seconds)
            // is UNCONFIRMED, so results built on it are not confirmed.
            (Platform::NetBsd, _) => any,
            (Platform::Illumos | Platform::Solaris, O::Interval) => Limit {
                min: 1,
                max: 60,
                confirmed: false,
            },
            (Platform::Illumos | Platform::Solaris, _) => any,
            (Platform::Windows, O::Count) => Limit {
                min: 0,
                max: 255,
                confirmed: true,
            },
            (Platform::DragonFly | Platform::Aix | Platform::Windows, _) => any,
        })
    }
}

/// One of the three fine-grained keepalive options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeepaliveOption {
    /// Idle time before the first probe.
    Idle,
    /// Probe count.
    Count,
    /// Interval between probes.
    Interval,
}

/// Values accepted by a per-socket option; outside → EINVAL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Smallest accepted value.
    pub min: i64,
    /// Largest accepted value.
    pub max: i64,
    /// False when the reference marks the range UNCONFIRMED or unknown.
    pub confirmed: bool,
}

impl Limit {
    /// True when `v` is accepted.
    pub fn contains(&self, v: i64) -> bool {
        (self.min..=self.max).contains(&v)
    }
}

/// System-wide keepalive defaults of a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SystemDefaults {
    /// Seconds before the first probe.
    pub idle: u32,
    /// Seconds between probes (`None`: backoff, no fixed interval).
    pub interval: Option<u32>,
    /// Probes before the drop (`None`: governed by `abort_after`).
    pub count: Option<u32>,
    /// illumos/Solaris legacy: seconds of backing-off probes before abort.
    pub abort_after: Option<u32>,
    /// False when any of these is UNCONFIRMED (AIX count).
    pub confirmed: bool,
}

impl SystemDefaults {
    /// Default detection time of a dead peer: idle + count × interval, or
    /// idle + abort time (illumos/Solaris legacy).
    pub fn detection_seconds(&self) -> u32 {
        match (self.count, self.interval, self.abort_after) {
            (Some(c), Some(i), _) => self.idle + c * i,
            (_, _, Some(a)) => self.idle + a,
            _ => self.idle,
        }
    }
}

/// Why a requested value did not take effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectReason {
    /// EINVAL: outside the platform's limit (in the unit sent).
    OutOfRange(Limit),
    /// illumos/Solaris: ProFTPD uses the `TCP_KEEPALIVE` macro, which is
    /// defined but not a settable option there.
    OptionNotImplemented,
}

/// How one value came to be in effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HowApplied {
    /// No spec configured: the system default.
    NotRequested,
    /// `keepalive off`: SO_KEEPALIVE is cleared and nothing else is set.
    KeepaliveOff,
    /// Set as requested.
    Set {
        /// The value passed to setsockopt.
        sent: i64,
    },
    /// DragonFly: ProFTPD multiplies by 1000 (correct for the old
    /// millisecond kernels, wrong for ≥ 5.8 which takes seconds).
    Multiplied {
        /// The configured value.
        requested: i32,
        /// What was sent (wrapping `int` multiplication).
        sent: i32,
    },
    /// setsockopt failed (logged at NOTICE only); the previous value stays.
    Rejected {
        /// The value passed to setsockopt.
        sent: i64,
        /// Why.
        reason: RejectReason,
    },
    /// illumos/Solaris: interval derived from the count (480 s / count,
    /// clamped to 0.4–60 s) when TCP_KEEPCNT was set first.
    DerivedFromCount,
    /// The platform has no per-socket option (OpenBSD): the spec acts as
    /// `keepalive on`.
    NoPerSocketOption,
    /// ProFTPD < 1.3.8rc3 used level SOL_SOCKET (Issue #1401): the value
    /// never reaches TCP. Side effects UNCONFIRMED.
    WrongLevel,
}

/// One keepalive value as the kernel uses it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Applied {
    /// Value in effect: seconds for idle/interval, probes for count.
    pub value: f64,
    /// True when this is the system default.
    pub is_default: bool,
    /// How it came about (for a rejected interval on illumos the value in
    /// effect may be derived from the count, see `is_default`).
    pub how: HowApplied,
    /// False when any fact used is UNCONFIRMED.
    pub confirmed: bool,
}

impl Applied {
    fn default_value(value: f64, how: HowApplied, confirmed: bool) -> Applied {
        Applied {
            value,
            is_default: true,
            how,
            confirmed,
        }
    }
}

/// What the kernel does on a connection ProFTPD configured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KernelKeepalive {
    /// The platform.
    pub platform: Platform,
    /// SO_KEEPALIVE as ProFTPD sets it.
    pub so_keepalive: bool,
    /// Whether probes are sent at all (also true with FreeBSD's
    /// `always_keepalive` when SO_KEEPALIVE is off).
    pub probing: bool,
    /// Idle time.
    pub idle: Applied,
    /// Probe count.
    pub count: Applied,
    /// Interval.
    pub interval: Applied,
    /// illumos/Solaris legacy abort time, when neither count nor interval
    /// is in effect.
    pub abort_after: Option<f64>,
}

impl KernelKeepalive {
    /// Seconds of silence before the first probe, if probing.
    pub fn first_probe_after(&self) -> Option<f64> {
        self.probing.then_some(self.idle.value)
    }

    /// Seconds until a silently dead peer is detected on an idle
    /// connection: idle + count × interval (or idle + abort time).
    pub fn detection_seconds(&self) -> Option<f64> {
        if !self.probing {
            return None;
        }
        Some(match self.abort_after {
            Some(a) => self.idle.value + a,
            None => self.idle.value + self.count.value * self.interval.value,
        })
    }

    /// True when every fact behind this result is confirmed.
    pub fn confirmed(&self) -> bool {
        self.idle.confirmed && self.count.confirmed && self.interval.confirmed
    }
}

/// The system-default `Applied` triple for `platform`.
fn defaults_applied(platform: Platform, how: HowApplied) -> [Applied; 3] {
    let d = platform.defaults();
    let illumos_like = d.interval.is_none();
    [
        Applied::default_value(f64::from(d.idle), how, d.confirmed),
        Applied::default_value(
            f64::from(d.count.unwrap_or(0)),
            how,
            d.confirmed && !illumos_like,
        ),
        Applied::default_value(
            f64::from(d.interval.unwrap_or(0)),
            how,
            d.confirmed && !illumos_like,
        ),
    ]
}

/// Applies one value through a range check.
fn set_checked(
    platform: Platform,
    option: KeepaliveOption,
    requested: i32,
    default: Applied,
) -> Applied {
    let limit = platform.limit(option).expect("per-socket option exists");
    let sent = i64::from(requested);
    if limit.contains(sent) {
        Applied {
            value: sent as f64,
            is_default: false,
            how: HowApplied::Set { sent },
            confirmed: limit.confirmed,
        }
    } else {
        Applied {
            how: HowApplied::Rejected {
                sent,
                reason: RejectReason::OutOfRange(limit),
            },
            confirmed: limit.confirmed,
            ..default
        }
    }
}

/// DragonFly ≥ 5.8: the value is multiplied by 1000 and taken as seconds.
fn dragonfly_scaled(requested: i32, default: Applied) -> Applied {
    let sent = requested.wrapping_mul(1000);
    if sent < 1 {
        // Kernel behaviour for a wrapped, non-positive value: UNCONFIRMED.
        return Applied {
            how: HowApplied::Rejected {
                sent: i64::from(sent),
                reason: RejectReason::OutOfRange(Limit {
                    min: 1,
                    max: i64::from(i32::MAX),
                    confirmed: false,
                }),
            },
            confirmed: false,
            ..default
        };
    }
    Applied {
        value: f64::from(sent),
        is_default: false,
        how: HowApplied::Multiplied { requested, sent },
        confirmed: false,
    }
}

/// illumos/Solaris: idle fails; count derives the interval; then the
/// configured interval applies only within the RTO bounds (0.4–60 s) and
/// while count × interval fits the abort bounds (≤ UINT32_MAX ms).
fn apply_illumos(platform: Platform, v: KeepaliveValues, d: [Applied; 3]) -> [Applied; 3] {
    let idle = Applied {
        how: HowApplied::Rejected {
            sent: i64::from(v.idle),
            reason: RejectReason::OptionNotImplemented,
        },
        confirmed: false,
        ..d[0]
    };
    let count = Applied {
        value: f64::from(v.count),
        is_default: false,
        how: HowApplied::Set {
            sent: i64::from(v.count),
        },
        confirmed: false,
    };
    let derived = (480.0 / f64::from(v.count)).clamp(0.4, 60.0);
    let derived = Applied {
        value: derived,
        is_default: false,
        how: HowApplied::DerivedFromCount,
        confirmed: false,
    };
    let limit = platform
        .limit(KeepaliveOption::Interval)
        .expect("illumos has TCP_KEEPINTVL");
    let fits_abort = i64::from(v.count) * i64::from(v.interval) * 1000 <= i64::from(u32::MAX);
    let interval = if limit.contains(i64::from(v.interval)) && fits_abort {
        Applied {
            value: f64::from(v.interval),
            is_default: false,
            how: HowApplied::Set {
                sent: i64::from(v.interval),
            },
            confirmed: false,
        }
    } else {
        Applied {
            how: HowApplied::Rejected {
                sent: i64::from(v.interval),
                reason: RejectReason::OutOfRange(limit),
            },
            ..derived
        }
    };
    [idle, count, interval]
}

/// What the kernel uses for `state` (the keepalive state ProFTPD read from
/// `SocketOptions`) on `platform`. `fine_grained_version` is false for
/// ProFTPD < 1.3.8rc3, where the values never reached TCP (Issue #1401).
pub fn apply(
    platform: Platform,
    state: &KeepaliveState,
    fine_grained_version: bool,
) -> KernelKeepalive {
    let probing = state.enabled || platform.always_keepalive();
    let legacy_abort = platform.defaults().abort_after.map(f64::from);
    let done = |[idle, count, interval]: [Applied; 3], abort_after: Option<f64>| KernelKeepalive {
        platform,
        so_keepalive: state.enabled,
        probing,
        idle,
        count,
        interval,
        abort_after,
    };
    let Some(v) = state.values.filter(|_| state.enabled) else {
        let how = if state.enabled {
            HowApplied::NotRequested
        } else {
            HowApplied::KeepaliveOff
        };
        return done(defaults_applied(platform, how), legacy_abort);
    };
    if !platform.fine_grained_build() {
        return done(
            defaults_applied(platform, HowApplied::NoPerSocketOption),
            legacy_abort,
        );
    }
    if !fine_grained_version {
        let mut d = defaults_applied(platform, HowApplied::WrongLevel);
        d.iter_mut().for_each(|a| a.confirmed = false);
        return done(d, legacy_abort);
    }
    let d = defaults_applied(platform, HowApplied::NotRequested);
    match platform {
        Platform::Illumos | Platform::Solaris => done(apply_illumos(platform, v, d), None),
        Platform::DragonFly => done(
            [
                dragonfly_scaled(v.idle, d[0]),
                set_checked(platform, KeepaliveOption::Count, v.count, d[1]),
                dragonfly_scaled(v.interval, d[2]),
            ],
            None,
        ),
        _ => done(
            [
                set_checked(platform, KeepaliveOption::Idle, v.idle, d[0]),
                set_checked(platform, KeepaliveOption::Count, v.count, d[1]),
                set_checked(platform, KeepaliveOption::Interval, v.interval, d[2]),
            ],
            None,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(idle: i32, count: i32, interval: i32) -> KeepaliveState {
        KeepaliveState {
            enabled: true,
            values: Some(KeepaliveValues {
                idle,
                count,
                interval,
            }),
        }
    }

    #[test]
    fn names_round_trip() {
        for p in Platform::ALL {
            assert_eq!(Platform::parse(p.name()), Some(p));
        }
        assert_eq!(Platform::parse("Darwin"), Some(Platform::MacOs));
        assert_eq!(Platform::parse("OmniOS"), Some(Platform::Illumos));
        assert_eq!(Platform::parse("plan9"), None);
        let _ = Platform::host();
    }

    #[test]
    fn default_detection_times() {
        assert_eq!(Platform::Linux.defaults().detection_seconds(), 7875);
        assert_eq!(Platform::FreeBsd.defaults().detection_seconds(), 7800);
        assert_eq!(Platform::MacOs.defaults().detection_seconds(), 7800);
        assert_eq!(Platform::OpenBsd.defaults().detection_seconds(), 7800);
        assert_eq!(Platform::Illumos.defaults().detection_seconds(), 7680);
        assert_eq!(Platform::Solaris.defaults().detection_seconds(), 7680);
        assert_eq!(Platform::Windows.defaults().detection_seconds(), 7210);
        assert!(!Platform::Aix.defaults().confirmed);
    }

    #[test]
    fn no_spec_uses_defaults() {
        let k = apply(Platform::Linux, &KeepaliveState::default(), true);
        assert!(k.probing && k.idle.is_default && k.idle.how == HowApplied::NotRequested);
        assert_eq!(k.detection_seconds(), Some(7875.0));
        let k = apply(Platform::Illumos, &KeepaliveState::default(), true);
        assert_eq!(k.detection_seconds(), Some(7680.0));
    }

    #[test]
    fn linux_ranges() {
        let k = apply(Platform::Linux, &spec(600, 5, 30), true);
        assert_eq!(k.detection_seconds(), Some(750.0));
        assert!(k.confirmed() && !k.idle.is_default);
        let k = apply(Platform::Linux, &spec(1215752191, 200, 75), true);
        assert!(
            k.idle.is_default
                && matches!(
                    k.idle.how,
                    HowApplied::Rejected {
                        sent: 1215752191,
                        ..
                    }
                )
        );
        assert!(k.count.is_default && k.count.value == 9.0);
        assert_eq!(k.interval.how, HowApplied::Set { sent: 75 });
        assert_eq!(k.detection_seconds(), Some(7200.0 + 9.0 * 75.0));
        assert!(matches!(
            apply(Platform::Linux, &spec(32768, 1, 1), true).idle.how,
            HowApplied::Rejected { .. }
        ));
        assert!(matches!(
            apply(Platform::Linux, &spec(32767, 127, 32767), true)
                .count
                .how,
            HowApplied::Set { .. }
        ));
    }

    #[test]
    fn keepalive_off() {
        let off = KeepaliveState {
            enabled: false,
            values: Some(KeepaliveValues {
                idle: 60,
                count: 3,
                interval: 10,
            }),
        };
        let k = apply(Platform::Linux, &off, true);
        assert!(!k.probing && k.idle.how == HowApplied::KeepaliveOff);
        assert_eq!(k.detection_seconds(), None);
        let k = apply(Platform::FreeBsd, &off, true);
        assert!(k.probing && !k.so_keepalive, "always_keepalive");
        assert_eq!(k.detection_seconds(), Some(7800.0));
    }

    #[test]
    fn openbsd_has_no_per_socket_options() {
        let k = apply(Platform::OpenBsd, &spec(60, 3, 10), true);
        assert_eq!(k.idle.how, HowApplied::NoPerSocketOption);
        assert_eq!(k.count.value, 8.0);
        assert!(!Platform::OpenBsd.fine_grained_build());
    }

    #[test]
    fn old_proftpd_never_applies_values() {
        let k = apply(Platform::Linux, &spec(60, 3, 10), false);
        assert_eq!(k.idle.how, HowApplied::WrongLevel);
        assert!(k.idle.is_default && !k.confirmed());
    }

    #[test]
    fn dragonfly_multiplies() {
        let k = apply(Platform::DragonFly, &spec(60, 3, 10), true);
        assert_eq!(k.idle.value, 60000.0);
        assert_eq!(
            k.idle.how,
            HowApplied::Multiplied {
                requested: 60,
                sent: 60000
            }
        );
        assert_eq!(k.interval.value, 10000.0);
        assert_eq!(k.count.value, 3.0);
        assert!(!k.confirmed());
    }

    #[test]
    fn illumos_doc_example() {
        let k = apply(Platform::Illumos, &spec(7200, 9, 75), true);
        assert!(k.idle.is_default);
        assert!(matches!(
            k.idle.how,
            HowApplied::Rejected {
                reason: RejectReason::OptionNotImplemented,
                ..
            }
        ));
        assert_eq!(k.count.value, 9.0);
        assert!(matches!(
            k.interval.how,
            HowApplied::Rejected { sent: 75, .. }
        ));
        assert!((k.interval.value - 480.0 / 9.0).abs() < 1e-9);
        assert!(!k.interval.is_default);
        assert!((k.detection_seconds().unwrap() - 7680.0).abs() < 1e-6);
        assert!(!k.confirmed());
        let k = apply(Platform::Illumos, &spec(600, 5, 30), true);
        assert_eq!(k.interval.value, 30.0);
        assert_eq!(k.idle.value, 7200.0);
        let k = apply(Platform::Illumos, &spec(600, 2, 90), true);
        assert_eq!(k.interval.value, 60.0, "480/2 clamped to the 60 s RTO max");
    }

    #[test]
    fn other_limits() {
        let k = apply(Platform::Windows, &spec(60, 256, 10), true);
        assert!(k.count.is_default && k.count.value == 10.0);
        assert!(k.count.confirmed);
        let k = apply(Platform::MacOs, &spec(4_294_968, 5, 10), true);
        assert!(k.idle.is_default);
        let k = apply(Platform::FreeBsd, &spec(4_294_967, 1000, 10), true);
        assert!(!k.idle.is_default && !k.count.is_default);
        let k = apply(Platform::NetBsd, &spec(60, 3, 10), true);
        assert_eq!(k.idle.value, 60.0);
    }
}
