//! Output of `proftpd-lint effective`: per server, a table of the keepalive
//! (as written, as ProFTPD reads it, as the kernel applies it), the
//! resulting times and costs, SFTPClientAlive and the timeouts, plus an
//! ASCII timeline of one idle control connection.
//!
//! The JSON form (`--format json`) is documented in `docs/effective-format.md`.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use serde::Serialize;

use serde_json::{Value, json};

use crate::diagnostic::Span;
use crate::model::effective::{Effective, Origin, ServerSettings};
use crate::model::keepalive::{human_bytes, human_duration, human_duration_f64};
use crate::model::sftp_client_alive::{ClientAliveDrop, ClientAliveOutcome};
use crate::platform::{Applied, HowApplied, KernelKeepalive, RejectReason};
use crate::profile::Profile;
use crate::source::SourceMap;

use super::display_path;

/// Version of the JSON document.
pub const JSON_VERSION: u32 = 1;

/// Width of the timeline bar in columns.
const BAR: usize = 60;

/// What happens at one point of an idle control connection's life.
#[derive(Debug, Clone, PartialEq)]
pub struct IdleEvent {
    /// Seconds of silence.
    pub at: f64,
    /// Stable identifier (`first_probe`, `probe`, `dead_peer_detected`,
    /// `nat_timeout`, `timeout_idle`, `timeout_no_transfer`,
    /// `timeout_session`, `sftp_client_alive`).
    pub kind: &'static str,
    /// The mark on the bar.
    pub mark: char,
    /// Description.
    pub label: String,
    /// True when it ends a healthy idle connection.
    pub closes: bool,
}

/// The events of one idle control connection, sorted by time.
pub fn idle_events(s: &ServerSettings, profile: &Profile) -> Vec<IdleEvent> {
    let tl = &s.keepalive.timeline;
    let mut ev = Vec::new();
    let mut push = |at: f64, kind, mark, label: String, closes| {
        ev.push(IdleEvent {
            at,
            kind,
            mark,
            label,
            closes,
        })
    };
    let t = &s.timeout_values;
    if t.no_transfer > 0 {
        push(
            t.no_transfer as f64,
            "timeout_no_transfer",
            'T',
            "TimeoutNoTransfer closes a session that transfers nothing".into(),
            true,
        );
    }
    if t.idle > 0 {
        push(
            t.idle as f64,
            "timeout_idle",
            'I',
            "TimeoutIdle closes the idle session".into(),
            true,
        );
    }
    if let Some(session) = t.session.filter(|s| *s > 0) {
        push(
            session as f64,
            "timeout_session",
            'X',
            "TimeoutSession ends the session".into(),
            true,
        );
    }
    if let Some(first) = tl.first_probe_after {
        push(
            first,
            "first_probe",
            'P',
            "first keepalive probe (a healthy client's ACK restarts the idle time)".into(),
            false,
        );
        let kernel = &tl.kernel;
        if kernel.abort_after.is_none() && kernel.interval.value > 0.0 {
            let count = kernel.count.value.max(0.0) as u64;
            for n in 1..count.min(30) {
                push(
                    first + n as f64 * kernel.interval.value,
                    "probe",
                    '+',
                    format!("probe {} (dead peer only)", n + 1),
                    false,
                );
            }
        }
        if let Some(detect) = tl.detection_after {
            push(
                detect,
                "dead_peer_detected",
                'D',
                "dead peer detected (only if the client vanished)".into(),
                false,
            );
        }
    }
    if let Some(nat) = profile.nat_idle_timeout {
        let refreshed = tl.first_probe_after.is_some_and(|f| f < f64::from(nat));
        let label = if refreshed {
            "NAT idle timeout (never reached: the probes refresh it)".to_string()
        } else {
            "NAT/load balancer drops the connection".to_string()
        };
        push(f64::from(nat), "nat_timeout", 'N', label, !refreshed);
    }
    if let Some(sftp) = tl.sftp {
        match sftp {
            ClientAliveOutcome::IdleKill { after } => push(
                after as f64,
                "sftp_client_alive",
                'S',
                "SFTPClientAlive count 0 disconnects the client".into(),
                true,
            ),
            ClientAliveOutcome::DropUnresponsive { after, .. } => push(
                after as f64,
                "sftp_client_alive",
                'S',
                "SFTPClientAlive drops an unresponsive SFTP client".into(),
                false,
            ),
            ClientAliveOutcome::Disabled => {}
        }
    }
    ev.sort_by(|a, b| a.at.total_cmp(&b.at));
    ev
}

/// The closing event that comes first.
pub fn first_to_fire(events: &[IdleEvent]) -> Option<&IdleEvent> {
    events.iter().find(|e| e.closes)
}

fn location(sources: &SourceMap, root: Option<&Path>, span: &Span) -> String {
    let f = sources.get(span.file);
    format!(
        "{}:{}",
        display_path(root, &f.path),
        f.line_col(span.range.start).line
    )
}

fn origin_text(sources: &SourceMap, root: Option<&Path>, o: &Origin) -> String {
    match o {
        Origin::Default => "default".into(),
        Origin::Written { span, global: true } => {
            format!("{} (<Global>)", location(sources, root, span))
        }
        Origin::Written { span, .. } => location(sources, root, span),
    }
}

fn how_text(a: &Applied) -> String {
    let s = match a.how {
        HowApplied::NotRequested => "system default".to_string(),
        HowApplied::KeepaliveOff => "keepalive off".to_string(),
        HowApplied::Set { .. } => "set".to_string(),
        HowApplied::Multiplied { requested, .. } => format!("ProFTPD sent {requested}×1000"),
        HowApplied::Rejected {
            sent,
            reason: RejectReason::OutOfRange(l),
        } => {
            format!("{sent} refused (EINVAL, range {}-{})", l.min, l.max)
        }
        HowApplied::Rejected {
            sent,
            reason: RejectReason::OptionNotImplemented,
        } => {
            format!("{sent} refused (TCP_KEEPALIVE not implemented)")
        }
        HowApplied::DerivedFromCount => "derived from the count".to_string(),
        HowApplied::NoPerSocketOption => "no per-socket option".to_string(),
        HowApplied::WrongLevel => "not applied (ProFTPD < 1.3.8rc3)".to_string(),
    };
    if a.confirmed {
        s
    } else {
        format!("{s}, unconfirmed")
    }
}

fn kernel_text(k: &KernelKeepalive) -> Vec<String> {
    if !k.probing {
        return vec!["no probes (SO_KEEPALIVE off)".into()];
    }
    let mut lines = vec![format!(
        "idle {} ({})",
        human_duration_f64(k.idle.value),
        how_text(&k.idle)
    )];
    match k.abort_after {
        Some(a) => lines.push(format!(
            "backing-off probes, abort after {} (system default)",
            human_duration_f64(a)
        )),
        None => {
            lines.push(format!("count {} ({})", k.count.value, how_text(&k.count)));
            lines.push(format!(
                "interval {} ({})",
                human_duration_f64(k.interval.value),
                how_text(&k.interval)
            ));
        }
    }
    if !k.so_keepalive {
        lines.push("SO_KEEPALIVE off, but the kernel probes every connection".into());
    }
    lines
}

fn profile_line(p: &Profile) -> String {
    format!(
        "platform {}, ProFTPD {}, {} link, NAT idle timeout {}",
        p.platform.name(),
        p.proftpd_version,
        p.link.name(),
        p.nat_idle_timeout
            .map_or("none".into(), |n| human_duration(u64::from(n)))
    )
}

/// The text report.
pub fn render_text(eff: &Effective, sources: &SourceMap, root: Option<&Path>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Profile: {}", profile_line(&eff.profile));
    for s in &eff.servers {
        out.push('\n');
        server_text(&mut out, s, &eff.profile, sources, root);
    }
    out
}

fn server_text(
    out: &mut String,
    s: &ServerSettings,
    profile: &Profile,
    sources: &SourceMap,
    root: Option<&Path>,
) {
    let title = match (&s.section, &s.server_name) {
        (None, Some(n)) => format!("Server: main server (ServerName \"{n}\")"),
        (None, None) => "Server: main server".to_string(),
        (Some(sp), Some(n)) => format!(
            "Server: <VirtualHost {}> (ServerName \"{n}\") at {}",
            s.name,
            location(sources, root, sp)
        ),
        (Some(sp), None) => format!(
            "Server: <VirtualHost {}> at {}",
            s.name,
            location(sources, root, sp)
        ),
    };
    let _ = writeln!(out, "{title}");
    let mut rows: Vec<(String, String, String)> = Vec::new();
    let k = &s.keepalive;
    let tl = &k.timeline;
    rows.push((
        "keepalive as written".into(),
        k.written
            .clone()
            .map_or_else(|| "(none: on with system values)".into(), |w| w.to_string()),
        k.written_at
            .as_ref()
            .map_or("default".into(), |sp| location(sources, root, sp)),
    ));
    let read = match (k.state.enabled, k.state.values) {
        (false, _) => "off".to_string(),
        (true, None) => "on, system values".to_string(),
        (true, Some(v)) => format!(
            "on, idle {} s, count {}, interval {} s",
            v.idle, v.count, v.interval
        ),
    };
    rows.push(("ProFTPD reads".into(), read, String::new()));
    for (i, line) in kernel_text(&tl.kernel).into_iter().enumerate() {
        let label = if i == 0 {
            format!("{} applies", profile.platform.display_name())
        } else {
            String::new()
        };
        rows.push((label, line, String::new()));
    }
    rows.push((
        "first probe after".into(),
        tl.first_probe_after
            .map_or("never".into(), human_duration_f64),
        String::new(),
    ));
    rows.push((
        "dead peer detected after".into(),
        tl.detection_after
            .map_or("never".into(), human_duration_f64),
        String::new(),
    ));
    rows.push((
        "probe traffic".into(),
        format!(
            "{}/day, {} per 30 days per idle connection ({:.0} exchanges/day)",
            human_bytes(tl.bytes_per_day),
            human_bytes(tl.bytes_per_30_days),
            tl.exchanges_per_day
        ),
        String::new(),
    ));
    match &s.client_alive {
        Some(ca) => {
            let outcome = match ca.value.outcome() {
                ClientAliveOutcome::Disabled => "disabled (interval 0)".to_string(),
                ClientAliveOutcome::IdleKill { after } => format!(
                    "disconnects every client after {} idle",
                    human_duration(after)
                ),
                ClientAliveOutcome::DropUnresponsive {
                    after,
                    probes,
                    reason,
                    capped,
                } => format!(
                    "drops an unresponsive client after {} ({probes} probes, {}{})",
                    human_duration(after),
                    match reason {
                        ClientAliveDrop::Threshold => "threshold",
                        ClientAliveDrop::PollTimeouts => "poll-timeout cap",
                    },
                    if capped { ", count capped at 3" } else { "" }
                ),
            };
            rows.push((
                "SFTPClientAlive".into(),
                format!("{} → {outcome}", ca.written),
                origin_text(sources, root, &ca.origin),
            ));
        }
        None => rows.push(("SFTPClientAlive".into(), "(none)".into(), String::new())),
    }
    rows.push((
        "mod_sftp in use".into(),
        if s.sftp_in_use { "yes" } else { "no" }.into(),
        s.sftp_engine
            .as_ref()
            .map_or(String::new(), |(_, o)| origin_text(sources, root, o)),
    ));
    for t in &s.timeouts {
        let value = match t.seconds {
            None => "unlimited".to_string(),
            Some(0) => "0 (disabled)".to_string(),
            Some(v) if v < 0 => format!("{v} s (wrapped)"),
            Some(v) => human_duration(v as u64),
        };
        let value = match &t.written {
            Some(w) if w.trim() != t.seconds.map(|v| v.to_string()).unwrap_or_default() => {
                format!("{value} (written `{w}`)")
            }
            _ => value,
        };
        rows.push((
            t.kind.name().to_string(),
            value,
            origin_text(sources, root, &t.origin),
        ));
    }
    let w0 = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let w1 = rows
        .iter()
        .map(|r| r.1.chars().count())
        .max()
        .unwrap_or(0)
        .min(44);
    for (a, b, c) in &rows {
        let line = format!("  {a:<w0$}  {b:<w1$}  {c}");
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out.push('\n');
    timeline_text(out, &idle_events(s, profile));
}

fn timeline_text(out: &mut String, events: &[IdleEvent]) {
    let Some(max) = events
        .iter()
        .map(|e| e.at)
        .reduce(f64::max)
        .filter(|m| *m > 0.0)
    else {
        let _ = writeln!(out, "  Idle control connection: nothing ever fires.");
        return;
    };
    let col = |at: f64| ((at / max) * (BAR - 1) as f64).round() as usize;
    let mut bar = vec!['-'; BAR];
    let priority = |c: char| "+PDSNXTI".find(c).unwrap_or(0);
    let mut order: Vec<&IdleEvent> = events.iter().collect();
    order.sort_by_key(|e| priority(e.mark));
    for e in order {
        bar[col(e.at)] = e.mark;
    }
    let _ = writeln!(
        out,
        "  Idle control connection (one column ≈ {}):",
        human_duration_f64(max / (BAR - 1) as f64)
    );
    let _ = writeln!(
        out,
        "  0 |{}| {}",
        bar.iter().collect::<String>(),
        human_duration_f64(max)
    );
    let first = first_to_fire(events).map(|e| e.kind);
    let probes: Vec<&IdleEvent> = events.iter().filter(|e| e.kind == "probe").collect();
    let at_w = events
        .iter()
        .map(|e| human_duration_f64(e.at).chars().count())
        .max()
        .unwrap_or(0);
    let mut probes_shown = false;
    for e in events {
        if e.kind == "probe" {
            if !probes_shown {
                probes_shown = true;
                let last = probes.last().expect("non-empty");
                let _ = writeln!(
                    out,
                    "    +  {:<at_w$}  probes 2-{} until {} (dead peer only)",
                    human_duration_f64(e.at),
                    probes.len() + 1,
                    human_duration_f64(last.at)
                );
            }
            continue;
        }
        let flag = if Some(e.kind) == first && e.closes {
            "   <- fires first"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    {}  {:<at_w$}  {}{flag}",
            e.mark,
            human_duration_f64(e.at),
            e.label
        );
    }
}

fn loc_json(sources: &SourceMap, root: Option<&Path>, span: Option<&Span>) -> Value {
    match span {
        None => Value::Null,
        Some(span) => {
            let f = sources.get(span.file);
            let lc = f.line_col(span.range.start);
            json!({"file": display_path(root, &f.path), "line": lc.line, "column": lc.column})
        }
    }
}

fn applied_json(a: &Applied) -> Value {
    let how = match a.how {
        HowApplied::NotRequested => "system_default",
        HowApplied::KeepaliveOff => "keepalive_off",
        HowApplied::Set { .. } => "set",
        HowApplied::Multiplied { .. } => "multiplied_by_1000",
        HowApplied::Rejected {
            reason: RejectReason::OutOfRange(_),
            ..
        } => "rejected_out_of_range",
        HowApplied::Rejected {
            reason: RejectReason::OptionNotImplemented,
            ..
        } => "rejected_not_implemented",
        HowApplied::DerivedFromCount => "derived_from_count",
        HowApplied::NoPerSocketOption => "no_per_socket_option",
        HowApplied::WrongLevel => "wrong_level",
    };
    let sent = match a.how {
        HowApplied::Set { sent } | HowApplied::Rejected { sent, .. } => Some(sent),
        HowApplied::Multiplied { sent, .. } => Some(i64::from(sent)),
        _ => None,
    };
    json!({"value": a.value, "default": a.is_default, "how": how, "sent": sent, "confirmed": a.confirmed})
}

/// The JSON document (see `docs/effective-format.md`).
/// Writes the JSON document, pretty-printed, building one server's tree at
/// a time (as one tree, 20,000 servers took about 1 GB).
pub fn write_json(
    eff: &Effective,
    sources: &SourceMap,
    root: Option<&Path>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let p = &eff.profile;
    // Fields in key order, as the objects built with `json!` print theirs.
    #[derive(Serialize)]
    struct Document<'a> {
        profile: Value,
        servers: Servers<'a>,
        version: u32,
    }
    let doc = Document {
        profile: json!({
            "platform": p.platform.name(),
            "proftpd_version": p.proftpd_version.to_string(),
            "link": p.link.name(),
            "nat_idle_timeout": p.nat_idle_timeout,
            "probe_bytes": p.probe_bytes(),
        }),
        servers: Servers { eff, sources, root },
        version: JSON_VERSION,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// The servers of a document, each turned into JSON as it is written.
struct Servers<'a> {
    eff: &'a Effective,
    sources: &'a SourceMap,
    root: Option<&'a Path>,
}

impl Serialize for Servers<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.eff.servers.len()))?;
        for server in &self.eff.servers {
            seq.serialize_element(&server_json(
                server,
                &self.eff.profile,
                self.sources,
                self.root,
            ))?;
        }
        seq.end()
    }
}

fn server_json(s: &ServerSettings, p: &Profile, sources: &SourceMap, root: Option<&Path>) -> Value {
    let k = &s.keepalive;
    let tl = &k.timeline;
    let kernel = &tl.kernel;
    let values = k.state.values;
    let events = idle_events(s, p);
    let timeouts: serde_json::Map<String, Value> = s
        .timeouts
        .iter()
        .map(|t| {
            let origin = match t.origin {
                Origin::Default => "default",
                Origin::Written { global: true, .. } => "global",
                Origin::Written { .. } => "server",
            };
            (
                t.kind.name().to_string(),
                json!({"seconds": t.seconds, "written": t.written, "origin": origin, "location": loc_json(sources, root, t.origin.span())}),
            )
        })
        .collect();
    let sftp = s.client_alive.as_ref().map(|ca| {
        let outcome = match ca.value.outcome() {
            ClientAliveOutcome::Disabled => "disabled",
            ClientAliveOutcome::IdleKill { .. } => "idle_kill",
            ClientAliveOutcome::DropUnresponsive { .. } => "drop_unresponsive",
        };
        json!({
            "written": ca.written,
            "count": ca.value.count(),
            "interval": ca.value.interval(),
            "outcome": outcome,
            "disconnect_after": tl.sftp_disconnect_after(),
            "location": loc_json(sources, root, ca.origin.span()),
        })
    });
    json!({
        "name": s.name,
        "server_name": s.server_name,
        "virtual_host": s.section.is_some(),
        "location": loc_json(sources, root, s.section.as_ref()),
        "keepalive": {
            "written": k.written,
            "location": loc_json(sources, root, k.written_at.as_ref()),
            "proftpd": {
                "enabled": k.state.enabled,
                "idle": values.map(|v| v.idle),
                "count": values.map(|v| v.count),
                "interval": values.map(|v| v.interval),
            },
            "kernel": {
                "so_keepalive": kernel.so_keepalive,
                "probing": kernel.probing,
                "idle": applied_json(&kernel.idle),
                "count": applied_json(&kernel.count),
                "interval": applied_json(&kernel.interval),
                "abort_after": kernel.abort_after,
                "confirmed": kernel.confirmed(),
            },
            "first_probe_after": tl.first_probe_after,
            "detection_after": tl.detection_after,
            "exchanges_per_day": tl.exchanges_per_day,
            "bytes_per_day": tl.bytes_per_day,
            "bytes_per_30_days": tl.bytes_per_30_days,
        },
        "sftp_client_alive": sftp,
        "sftp_in_use": s.sftp_in_use,
        "timeouts": timeouts,
        "idle_timeline": events.iter().map(|e| json!({"at": e.at, "event": e.kind, "closes": e.closes, "label": e.label})).collect::<Vec<_>>(),
        "first_to_fire": first_to_fire(&events).map(|e| e.kind),
    })
}
