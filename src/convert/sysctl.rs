//! A server's effective TCP keepalive as system-wide settings for one
//! platform (reference: keepalive-by-platform.md §3–4).
//!
//! Table-driven: one function per platform family builds a [`Plan`] (the
//! knobs with their values, units and accepted ranges, plus notes and what
//! cannot be carried over); one renderer per output style writes it.

use crate::diagnostic::{Diagnostic, Span};
use crate::load::Config;
use crate::model::conditions::Evaluation;
use crate::model::effective::{ServerSettings, effective};
use crate::model::socket_options::KeepaliveValues;
use crate::platform::Platform;
use crate::profile::Profile;

use super::rules::{SYSCTL_OUT_OF_RANGE, SYSCTL_RANGE_UNCONFIRMED};

/// Ten days in milliseconds: the upper bound of illumos/Solaris `_keepalive_interval`.
const TEN_DAYS_MS: i64 = 864_000_000;
/// `INT_MAX / HZ` at HZ = 1000: Linux converts the seconds to jiffies and
/// refuses values that would overflow an `int` (EINVAL).
const LINUX_MAX_SECONDS: i64 = 2_147_483;

/// The result of a conversion.
#[derive(Debug, Clone, PartialEq)]
pub struct SysctlOutput {
    /// The file to write (empty when refused).
    pub text: String,
    /// Findings to show on stderr (V001 refusals, V002 warnings).
    pub diagnostics: Vec<Diagnostic>,
    /// True when a value is outside a confirmed range: nothing may be written.
    pub refused: bool,
    /// True when there was nothing to convert (`keepalive off`, no spec).
    pub nothing: bool,
}

/// How the file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `name = value` lines (Linux sysctl.d).
    SysctlSpaced,
    /// `name=value` lines (BSD /etc/sysctl.conf).
    SysctlConf,
    /// `ipadm set-prop -p name=value tcp` lines.
    Ipadm,
    /// `no -p -o name=value` lines.
    AixNo,
    /// A `.reg` file.
    Registry,
}

impl Style {
    fn comment(self) -> &'static str {
        if self == Style::Registry { ";" } else { "#" }
    }
}

/// One setting to write.
#[derive(Debug, Clone, PartialEq)]
struct Knob {
    name: &'static str,
    value: i64,
    /// How the value was derived, e.g. `idle 600 s × 1000`.
    from: String,
    min: i64,
    max: i64,
    /// False when the range is UNCONFIRMED: out of range only warns.
    confirmed: bool,
}

impl Knob {
    fn new(name: &'static str, value: i64, from: String, range: (i64, i64, bool)) -> Knob {
        Knob {
            name,
            value,
            from,
            min: range.0,
            max: range.1,
            confirmed: range.2,
        }
    }

    fn in_range(&self) -> bool {
        (self.min..=self.max).contains(&self.value)
    }
}

/// Everything one platform needs.
#[derive(Debug, Clone, PartialEq)]
struct Plan {
    style: Style,
    knobs: Vec<Knob>,
    /// Facts to print in the header.
    notes: Vec<String>,
    /// What the spec asks for that these settings cannot express.
    lost: Vec<String>,
    /// How to install the file.
    install: &'static str,
}

/// Every server's effective settings, with the keepalive spec read the way
/// a build with fine-grained keepalive reads it. (OpenBSD builds ignore the
/// spec, which is exactly when the system-wide settings are needed.)
pub fn servers(config: &Config, eval: &Evaluation) -> Vec<ServerSettings> {
    let reading = Profile {
        platform: Platform::Linux,
        ..Profile::default()
    };
    effective(config, eval, &reading).servers
}

/// Converts `server`'s keepalive for `platform`. `source` names the config
/// file in the header.
pub fn convert(source: &str, server: &ServerSettings, platform: Platform) -> SysctlOutput {
    let ka = &server.keepalive;
    let style = style_of(platform);
    let values = match (ka.state.enabled, ka.state.values) {
        (false, _) => return nothing(source, server, platform, style, off_reason(platform)),
        (true, None) => return nothing(source, server, platform, style, default_reason(platform)),
        (true, Some(v)) => v,
    };
    let plan = plan(platform, values);
    let span = ka
        .spec
        .as_ref()
        .map(|(_, s)| s.clone())
        .unwrap_or_else(|| server.anchor.clone());
    let diagnostics = range_findings(&plan, platform, &span);
    let refused = diagnostics
        .iter()
        .any(|d| d.code == SYSCTL_OUT_OF_RANGE.code);
    let text = if refused {
        String::new()
    } else {
        render(source, server, platform, &plan, values)
    };
    SysctlOutput {
        text,
        diagnostics,
        refused,
        nothing: false,
    }
}

fn style_of(platform: Platform) -> Style {
    match platform {
        Platform::Linux => Style::SysctlSpaced,
        Platform::Illumos | Platform::Solaris => Style::Ipadm,
        Platform::Aix => Style::AixNo,
        Platform::Windows => Style::Registry,
        _ => Style::SysctlConf,
    }
}

fn plan(platform: Platform, v: KeepaliveValues) -> Plan {
    match platform {
        Platform::Linux => linux(v),
        Platform::FreeBsd | Platform::MacOs | Platform::DragonFly => bsd_milliseconds(platform, v),
        Platform::OpenBsd => openbsd(v),
        Platform::NetBsd => netbsd(v),
        Platform::Illumos | Platform::Solaris => illumos_like(platform, v),
        Platform::Aix => aix(v),
        Platform::Windows => windows(v),
    }
}

fn secs(field: &str, v: i32) -> String {
    format!("{field} {v} s")
}

fn times(field: &str, v: i32, unit: &str, factor: i64) -> (i64, String) {
    (
        i64::from(v).saturating_mul(factor),
        format!("{field} {v} {unit} × {factor}"),
    )
}

fn linux(v: KeepaliveValues) -> Plan {
    let seconds = (1, LINUX_MAX_SECONDS, true);
    Plan {
        style: Style::SysctlSpaced,
        knobs: vec![
            Knob::new("net.ipv4.tcp_keepalive_time", v.idle.into(), secs("idle", v.idle), seconds),
            Knob::new("net.ipv4.tcp_keepalive_intvl", v.interval.into(), secs("interval", v.interval), seconds),
            Knob::new("net.ipv4.tcp_keepalive_probes", v.count.into(), format!("count {}", v.count), (1, 255, true)),
        ],
        notes: vec![
            "Linux keeps these per network namespace: a container has its own copy, set it there (`docker run --sysctl net.ipv4.tcp_keepalive_time=…`, a Kubernetes pod's securityContext.sysctls); the host's values do not reach existing or new namespaces.".into(),
            "The net.ipv4.tcp_keepalive_* settings cover IPv6 connections too.".into(),
            "Units: seconds (time, intvl) and probes.".into(),
        ],
        lost: Vec::new(),
        install: "save as /etc/sysctl.d/60-proftpd-keepalive.conf, then `sysctl -p /etc/sysctl.d/60-proftpd-keepalive.conf`",
    }
}

fn bsd_milliseconds(platform: Platform, v: KeepaliveValues) -> Plan {
    let ms = (1, i64::from(i32::MAX), platform != Platform::DragonFly);
    let (idle, idle_from) = times("idle", v.idle, "s", 1000);
    let (intvl, intvl_from) = times("interval", v.interval, "s", 1000);
    let mut notes =
        vec!["Units: milliseconds (keepidle, keepintvl) and probes (keepcnt).".to_string()];
    notes.push(match platform {
        Platform::FreeBsd => "net.inet.tcp.always_keepalive defaults to 1 on FreeBSD: every TCP connection is probed with these values, even one whose program never asked for keepalive; set net.inet.tcp.always_keepalive=0 to probe only sockets with SO_KEEPALIVE (ProFTPD sets it unless `keepalive off`).".into(),
        Platform::MacOs => "net.inet.tcp.keepcnt exists from OS X 10.9 on (before, the count is fixed at 8). net.inet.tcp.always_keepalive defaults to 0: only sockets with SO_KEEPALIVE (ProFTPD sets it) are probed; 1 would probe every TCP connection.".into(),
        _ => "DragonFly: milliseconds are the FreeBSD heritage; whether DragonFly 5.8 and later still read these sysctls in milliseconds is UNCONFIRMED, check `sysctl -d net.inet.tcp.keepidle`. net.inet.tcp.always_keepalive decides whether sockets without SO_KEEPALIVE are probed too.".into(),
    });
    Plan {
        style: Style::SysctlConf,
        knobs: vec![
            Knob::new("net.inet.tcp.keepidle", idle, idle_from, ms),
            Knob::new("net.inet.tcp.keepintvl", intvl, intvl_from, ms),
            Knob::new(
                "net.inet.tcp.keepcnt",
                v.count.into(),
                format!("count {}", v.count),
                (1, i64::from(i32::MAX), platform != Platform::DragonFly),
            ),
        ],
        notes,
        lost: Vec::new(),
        install: "append to /etc/sysctl.conf, then apply each line with `sysctl name=value`",
    }
}

fn openbsd(v: KeepaliveValues) -> Plan {
    let mut lost = Vec::new();
    if v.count != 8 {
        lost.push(format!(
            "the probe count {}: OpenBSD always sends 8 probes and has no setting for it",
            v.count
        ));
    }
    Plan {
        style: Style::SysctlConf,
        knobs: vec![
            Knob::new("net.inet.tcp.keepidle", v.idle.into(), secs("idle", v.idle), (1, 36000, true)),
            Knob::new("net.inet.tcp.keepintvl", v.interval.into(), secs("interval", v.interval), (1, 225, true)),
        ],
        notes: vec![
            "Units: seconds, as current OpenBSD kernels read them (idle 1-36000, interval 1-225). Older releases counted half-seconds: double both values there (the release that changed this is UNCONFIRMED).".into(),
            "OpenBSD has no per-socket keepalive options: ProFTPD treats the idle:count:interval spec as plain `keepalive on`, so these system-wide settings are the only way to get the timing.".into(),
        ],
        lost,
        install: "append to /etc/sysctl.conf, then apply each line with `sysctl name=value`",
    }
}

fn netbsd(v: KeepaliveValues) -> Plan {
    let ticks = (1, i64::from(i32::MAX), true);
    let (idle, idle_from) = times("idle", v.idle, "s", 2);
    let (intvl, intvl_from) = times("interval", v.interval, "s", 2);
    Plan {
        style: Style::SysctlConf,
        knobs: vec![
            Knob::new("net.inet.tcp.keepidle", idle, idle_from, ticks),
            Knob::new("net.inet.tcp.keepintvl", intvl, intvl_from, ticks),
            Knob::new("net.inet.tcp.keepcnt", v.count.into(), format!("count {}", v.count), ticks),
        ],
        notes: vec![
            "Units: slow-timer ticks (net.inet.tcp.slowhz per second, normally 2, so half-seconds). Check `sysctl net.inet.tcp.slowhz` and scale if it is not 2.".into(),
        ],
        lost: Vec::new(),
        install: "append to /etc/sysctl.conf, then apply each line with `sysctl -w name=value`",
    }
}

fn illumos_like(platform: Platform, v: KeepaliveValues) -> Plan {
    let min_ms = if platform == Platform::Solaris {
        10_000
    } else {
        1_000
    };
    let (idle, idle_from) = times("idle", v.idle, "s", 1000);
    let abort = i64::from(v.count)
        .saturating_mul(i64::from(v.interval))
        .saturating_mul(1000);
    let abort_from = format!("count {} × interval {} s × 1000", v.count, v.interval);
    let mut notes = vec!["Units: milliseconds. `_keepalive_abort_interval` is the nearest equivalent of count × interval: how long unanswered probes go on before the connection is dropped.".to_string()];
    if platform == Platform::Solaris {
        notes.push("Solaris 10 has no ipadm: use `ndd -set /dev/tcp tcp_keepalive_interval <ms>` and `ndd -set /dev/tcp tcp_keepalive_abort_interval <ms>` with the same values.".into());
    } else if v.idle < 10 {
        notes.push("Older illumos releases accept `_keepalive_interval` only from 10 s on.".into());
    }
    Plan {
        style: Style::Ipadm,
        knobs: vec![
            Knob::new(
                "_keepalive_interval",
                idle,
                idle_from,
                (min_ms, TEN_DAYS_MS, true),
            ),
            Knob::new(
                "_keepalive_abort_interval",
                abort,
                abort_from,
                (1, TEN_DAYS_MS, false),
            ),
        ],
        notes,
        lost: vec![format!(
            "the probe count {} and the interval {} s as such: there is no system-wide setting for either, and the probes back off exponentially instead of coming every {} s",
            v.count, v.interval, v.interval
        )],
        install: "run these commands as root (ipadm settings persist across reboots)",
    }
}

fn aix(v: KeepaliveValues) -> Plan {
    let unconfirmed = (1, i64::from(i32::MAX), false);
    let (idle, idle_from) = times("idle", v.idle, "s", 2);
    let (intvl, intvl_from) = times("interval", v.interval, "s", 2);
    Plan {
        style: Style::AixNo,
        knobs: vec![
            Knob::new("tcp_keepidle", idle, idle_from, unconfirmed),
            Knob::new("tcp_keepintvl", intvl, intvl_from, unconfirmed),
            Knob::new("tcp_keepcnt", v.count.into(), format!("count {}", v.count), unconfirmed),
        ],
        notes: vec![
            "Units: half-seconds (tcp_keepidle, tcp_keepintvl) and probes. The tcp_keepcnt tunable is UNCONFIRMED: check `no -L tcp_keepcnt` first.".into(),
        ],
        lost: Vec::new(),
        install: "run these commands as root (`-p` applies now and keeps the value across reboots)",
    }
}

fn windows(v: KeepaliveValues) -> Plan {
    let dword = (0, i64::from(u32::MAX), true);
    let (idle, idle_from) = times("idle", v.idle, "s", 1000);
    let (intvl, intvl_from) = times("interval", v.interval, "s", 1000);
    let mut lost = Vec::new();
    if v.count != 10 {
        lost.push(format!(
            "the probe count {}: Windows Vista and later always send 10 probes; the count is not configurable",
            v.count
        ));
    }
    Plan {
        style: Style::Registry,
        knobs: vec![
            Knob::new("KeepAliveTime", idle, idle_from, dword),
            Knob::new("KeepAliveInterval", intvl, intvl_from, dword),
        ],
        notes: vec![
            "Units: milliseconds (REG_DWORD). Equivalent commands: reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters /v KeepAliveTime /t REG_DWORD /d <ms> /f (and the same for KeepAliveInterval).".into(),
            "Windows traditionally reads these at boot: reboot after importing (UNCONFIRMED for current releases).".into(),
        ],
        lost,
        install: "import with `reg import FILE.reg` as an administrator",
    }
}

fn range_findings(plan: &Plan, platform: Platform, span: &Span) -> Vec<Diagnostic> {
    plan.knobs
        .iter()
        .filter(|k| !k.in_range())
        .map(|k| range_finding(k, platform, span))
        .collect()
}

fn range_finding(k: &Knob, platform: Platform, span: &Span) -> Diagnostic {
    let range = format!("{}..{}", k.min, k.max);
    if k.confirmed {
        Diagnostic::new(
            &SYSCTL_OUT_OF_RANGE,
            span.clone(),
            format!(
                "{} rejects {} = {} ({}); it accepts {range}, so no file was written",
                platform.display_name(),
                k.name,
                k.value,
                k.from
            ),
        )
        .with_help("bring the value into range in the SocketOptions spec, then convert again")
    } else {
        Diagnostic::new(
            &SYSCTL_RANGE_UNCONFIRMED,
            span.clone(),
            format!(
                "{} = {} ({}) is outside {range}, the usual range on {}; the kernel may refuse it (the limit is unconfirmed)",
                k.name,
                k.value,
                k.from,
                platform.display_name()
            ),
        )
        .with_help("check the value on the target system before applying the file")
    }
}

fn server_label(server: &ServerSettings) -> String {
    match &server.server_name {
        Some(n) => format!("{} (ServerName \"{n}\")", server.name),
        None => server.name.to_string(),
    }
}

fn header(source: &str, server: &ServerSettings, platform: Platform) -> Vec<String> {
    vec![
        format!(
            "TCP keepalive for {} as system-wide settings, by proftpd-lint convert --to sysctl --platform {}",
            platform.display_name(),
            platform.name()
        ),
        format!("Source: {source}, server: {}", server_label(server)),
    ]
}

fn render(
    source: &str,
    server: &ServerSettings,
    platform: Platform,
    plan: &Plan,
    v: KeepaliveValues,
) -> String {
    let c = plan.style.comment();
    let mut lines = header(source, server, platform);
    let written = server
        .keepalive
        .spec
        .as_ref()
        .map_or("", |(spec, _)| spec.text.as_str());
    lines.push(format!(
        "Spec: SocketOptions keepalive {written} (idle {} s, count {}, interval {} s as ProFTPD reads it)",
        v.idle, v.count, v.interval
    ));
    lines.push("SYSTEM-WIDE: these settings apply to every TCP socket on the host, not only to ProFTPD's. Where ProFTPD can set its own per-socket values, those still take precedence for its connections.".into());
    lines.extend(plan.notes.iter().cloned());
    if plan.lost.is_empty() {
        lines.push("Not carried over: nothing.".into());
    } else {
        lines.extend(plan.lost.iter().map(|l| format!("Not carried over: {l}.")));
    }
    for k in plan.knobs.iter().filter(|k| !k.in_range()) {
        lines.push(format!(
            "WARNING: {} = {} is outside {}..{}; the kernel may refuse it (limit unconfirmed).",
            k.name, k.value, k.min, k.max
        ));
    }
    lines.push(format!("Install: {}.", plan.install));
    let mut out = preamble(plan.style);
    for line in &lines {
        out.push_str(&format!("{c} {line}\n"));
    }
    out.push_str(&settings(plan));
    out
}

/// What must come first: the .reg signature, or a shebang for scripts.
fn preamble(style: Style) -> String {
    match style {
        Style::Registry => "Windows Registry Editor Version 5.00\n\n".into(),
        Style::Ipadm | Style::AixNo => "#!/bin/sh\n".into(),
        _ => String::new(),
    }
}

fn settings(plan: &Plan) -> String {
    let mut out = String::new();
    if plan.style == Style::Registry {
        out.push_str(
            "\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters]\n",
        );
    }
    for k in &plan.knobs {
        let line = match plan.style {
            Style::SysctlSpaced => format!("{} = {}", k.name, k.value),
            Style::SysctlConf => format!("{}={}", k.name, k.value),
            Style::Ipadm => format!("ipadm set-prop -p {}={} tcp", k.name, k.value),
            Style::AixNo => format!("no -p -o {}={}", k.name, k.value),
            Style::Registry => format!("\"{}\"=dword:{:08x}", k.name, k.value),
        };
        out.push_str(&format!("{line}\n"));
    }
    out
}

fn off_reason(platform: Platform) -> String {
    let mut reason = "`SocketOptions keepalive off`: ProFTPD clears SO_KEEPALIVE on its sockets, and no system-wide setting means \"off\" for one program. Nothing to convert.".to_string();
    if platform.always_keepalive() {
        reason.push_str(" Note: with FreeBSD's default net.inet.tcp.always_keepalive=1 the kernel probes these connections anyway.");
    }
    reason
}

fn default_reason(platform: Platform) -> String {
    let d = platform.defaults();
    let detail = match (d.count, d.interval) {
        (Some(c), Some(i)) => format!("idle {} s, {c} probes every {i} s", d.idle),
        _ => format!("idle {} s", d.idle),
    };
    format!(
        "No `SocketOptions keepalive idle:count:interval`: the server keeps keepalive on with the kernel's defaults ({detail} on {}). Nothing to convert.",
        platform.display_name()
    )
}

fn nothing(
    source: &str,
    server: &ServerSettings,
    platform: Platform,
    style: Style,
    reason: String,
) -> SysctlOutput {
    let c = style.comment();
    let mut text = preamble(style);
    for line in header(source, server, platform) {
        text.push_str(&format!("{c} {line}\n"));
    }
    text.push_str(&format!("{c} {reason}\n"));
    SysctlOutput {
        text,
        diagnostics: Vec::new(),
        refused: false,
        nothing: true,
    }
}
