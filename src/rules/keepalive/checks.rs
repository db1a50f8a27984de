//! The checks behind the keepalive, timeout and SFTPClientAlive rules.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, Span, append, dedup_by};
use crate::model::duration::DurationQuirk;
use crate::model::effective::{
    Collector, Parsed, Scope, ServerSettings, Setting, directive_span, sub_span, word_span,
};
use crate::model::keepalive::{HumanDuration, human_bytes, human_duration_f64};
use crate::model::number::ParsedInt;
use crate::model::sftp_client_alive::{
    ClientAliveOutcome, SftpClientAlive, parse_sftp_client_alive,
};
use crate::model::socket_options::{
    KeepaliveValue, SocketOptionValue, SocketOptions, SocketOptionsErrorKind, SpecField,
    parse_socket_options_for,
};
use crate::model::timeouts::{Timeout, TimeoutError, TimeoutKind, parse_timeout};
use crate::platform::{Applied, HowApplied, Platform, RejectReason};
use crate::profile::{Link, ProftpdVersion, Stage};
use crate::rules::context::LintContext;
use crate::source::FileId;
use crate::syntax::Directive;

use super::*;

const SYSCTL: &str = "system-wide settings are the way out: `proftpd-lint convert --to sysctl` prints them for this platform";

/// 1.3.9a fixed `TimeoutIdle 0` with mod_sftp (Issue #1985).
const SFTP_IDLE_ZERO_FIXED: ProftpdVersion = ProftpdVersion {
    major: 1,
    minor: 3,
    patch: 9,
    stage: Stage::Letter('a'),
};

/// Runs every keepalive, timeout and SFTPClientAlive check.
pub fn check(ctx: &LintContext, out: &mut Vec<Diagnostic>) {
    crate::rules::directives::check_families(ctx, false, true, out);
}

/// The keepalive rules' share of the walk over the directives ProFTPD
/// reads: the per-line checks, and the settings of every server for the
/// per-server checks at the end.
pub(crate) struct Walk<'a> {
    found: Vec<Diagnostic>,
    /// Findings of the per-server checks of `<VirtualHost>`s already done.
    servers_found: Vec<Diagnostic>,
    collector: Collector<'a>,
}

impl<'a> Walk<'a> {
    pub fn new(ctx: &LintContext) -> Self {
        Walk {
            found: Vec::new(),
            servers_found: Vec::new(),
            collector: Collector::streaming(&ctx.options.profile, ctx.config),
        }
    }

    /// A section opener ProFTPD reads in `scope`.
    pub fn opener(&mut self, file: FileId, d: Directive<'a>, scope: Scope) {
        self.collector.opener(file, d, scope);
    }

    /// The section opened by `d` in `file` has ended.
    pub fn leave(&mut self, ctx: &LintContext, file: FileId, d: Directive<'a>) {
        let out = &mut self.servers_found;
        self.collector.leave(
            file,
            d,
            ctx.config,
            ctx.eval,
            &ctx.options.profile,
            |server| server_checks(ctx, server, out),
        );
    }

    /// A directive line ProFTPD reads in `scope`.
    pub fn directive(&mut self, ctx: &LintContext, file: FileId, d: Directive<'a>, scope: Scope) {
        let Some(setting) = Setting::of(d.name()) else {
            return;
        };
        let out = &mut self.found;
        match setting {
            Setting::SocketOptions => {
                let options = socket_options(ctx, file, &d, out);
                let parsed = options.map(Parsed::SocketOptions);
                self.collector.record(file, d, scope, parsed);
            }
            Setting::SftpClientAlive => {
                let alive = client_alive(file, &d, out);
                let parsed = alive.map(Parsed::SftpClientAlive);
                self.collector.record(file, d, scope, parsed);
            }
            Setting::Timeout(kind) => {
                let t = timeout(kind, file, &d, out);
                self.collector
                    .record(file, d, scope, t.map(Parsed::Timeout));
            }
            Setting::ServerName | Setting::SftpEngine => self.collector.read(file, d, scope),
        }
    }

    /// The per-server checks, then every finding once.
    pub fn finish(self, ctx: &LintContext, out: &mut Vec<Diagnostic>) {
        let mut found = self.found;
        // The main server comes first, then the <VirtualHost>s in order.
        self.collector
            .for_each_server(ctx.config, ctx.eval, &ctx.options.profile, |server| {
                server_checks(ctx, &server, &mut found)
            });
        append(&mut found, self.servers_found);
        dedup(&mut found);
        append(out, found);
    }
}

/// `<Global>` values reach every server: reports each place once (the first
/// finding of each code at each span).
fn dedup(found: &mut Vec<Diagnostic>) {
    use std::hash::BuildHasher;
    fn key(d: &Diagnostic) -> (&str, FileId, usize, usize) {
        (d.code, d.span.file, d.span.range.start, d.span.range.end)
    }
    dedup_by(
        found,
        |d| rustc_hash::FxBuildHasher.hash_one(key(d)),
        |a, b| key(a) == key(b),
    );
}

fn safe_fix(message: impl Into<String>, span: Span, replacement: impl Into<String>) -> Fix {
    Fix {
        message: message.into(),
        applicability: Applicability::Safe,
        edits: vec![Edit {
            span,
            replacement: replacement.into(),
        }],
    }
}

fn unsafe_fix(message: impl Into<String>, span: Span, replacement: impl Into<String>) -> Fix {
    Fix {
        applicability: Applicability::Unsafe,
        ..safe_fix(message, span, replacement)
    }
}

fn refused(rule: &'static crate::rules::Rule, span: Span, proftpd: String) -> Diagnostic {
    Diagnostic::new(rule, span, format!("ProFTPD refuses this: \"{proftpd}\""))
}

// ---------------------------------------------------------------- per line

fn arg_or_line(file: FileId, d: &Directive, index: Option<usize>) -> Span {
    index
        .and_then(|i| d.args().get(i))
        .map_or_else(|| directive_span(file, d), |w| word_span(file, &w))
}

fn socket_options(
    ctx: &LintContext,
    file: FileId,
    d: &Directive,
    out: &mut Vec<Diagnostic>,
) -> Option<SocketOptions> {
    let profile = &ctx.options.profile;
    let fine_grained = profile.platform.fine_grained_build();
    let options = match d.with_arg_values(|args| parse_socket_options_for(args, fine_grained)) {
        Ok(options) => options,
        Err(e) => {
            use SocketOptionsErrorKind as K;
            let (rule, help) = match e.kind {
                K::BadNumberOfParameters => (
                    &socket_options_odd_arguments::RULE,
                    "every key needs a value: `SocketOptions keepalive on`",
                ),
                K::UnknownOption(_) => (
                    &unknown_socket_option::RULE,
                    "known keys: maxseg, rcvbuf, sndbuf, keepalive, reuseport",
                ),
                K::KeepaliveBadlyFormatted(_) => (
                    &malformed_keepalive_spec::RULE,
                    "write `on`, `off` or `idle:count:interval`, e.g. `7200:9:75`",
                ),
                K::KeepaliveIdle(_) | K::KeepaliveCount(_) | K::KeepaliveInterval(_) => (
                    &keepalive_field_below_one::RULE,
                    "each field is a whole number of at least 1, e.g. `7200:9:75`",
                ),
                K::MaxsegNegative | K::RcvbufTooSmall | K::SndbufTooSmall => (
                    &socket_buffer_too_small::RULE,
                    "sizes are plain bytes (no `k` suffix); buffers need at least 1024",
                ),
                K::ReuseportNotBoolean => (
                    &reuseport_not_boolean::RULE,
                    "write `reuseport on` or `reuseport off`",
                ),
            };
            out.push(
                refused(
                    rule,
                    arg_or_line(file, d, e.arg_index),
                    e.proftpd_message(d.name_word().value()),
                )
                .with_help(help),
            );
            return None;
        }
    };
    pair_checks(file, d, &options, out);
    Some(options)
}

fn pair_checks(file: FileId, d: &Directive, options: &SocketOptions, out: &mut Vec<Diagnostic>) {
    for pair in &options.pairs {
        let word = &d.args().at(pair.value_index);
        match &pair.value {
            SocketOptionValue::Maxseg(p)
            | SocketOptionValue::Rcvbuf(p)
            | SocketOptionValue::Sndbuf(p)
                if p.written.is_some() && !p.trailing().is_empty() =>
            {
                out.push(
                    Diagnostic::new(
                        &socket_option_trailing_text::RULE,
                        word_span(file, word),
                        format!(
                            "`{} {}` is read as {} bytes: ProFTPD ignores `{}` after the number",
                            pair.key_text,
                            p.text,
                            p.value,
                            p.trailing()
                        ),
                    )
                    .with_help("write the size in plain bytes"),
                );
            }
            SocketOptionValue::Keepalive(KeepaliveValue::Spec(spec)) => {
                let fields = [
                    ("idle", &spec.idle),
                    ("count", &spec.count),
                    ("interval", &spec.interval),
                ];
                for (what, field) in fields {
                    let span = sub_span(file, word, field.offset, field.text.len());
                    spec_field(what, field, span, out);
                }
                let v = spec.values();
                let interval_span =
                    sub_span(file, word, spec.interval.offset, spec.interval.text.len());
                let count_span = sub_span(file, word, spec.count.offset, spec.count.text.len());
                if v.interval < 75 {
                    out.push(
                        Diagnostic::new(
                            &keepalive_interval_below_default::RULE,
                            interval_span.clone(),
                            format!(
                                "keepalive interval {} is below the 75 s default: never shrink the interval (a peer that misses {} probes is dropped {} after the first probe)",
                                HumanDuration(v.interval as u64),
                                v.count,
                                HumanDuration(v.count as u64 * v.interval as u64)
                            ),
                        )
                        .with_help("to survive a NAT lower the idle time, then raise the count; keep the interval at 75")
                        .with_fix(safe_fix("set the interval back to 75", interval_span, "75")),
                    );
                }
                let detection = i64::from(v.idle) + i64::from(v.count) * i64::from(v.interval);
                if v.idle < 60 && detection < 300 {
                    out.push(
                        Diagnostic::new(
                            &keepalive_idle_aggressive::RULE,
                            sub_span(file, word, 0, spec.idle.text.len()),
                            format!(
                                "probes start after {} of silence and a dead peer is declared after {}: a short network fault kills healthy connections",
                                HumanDuration(v.idle as u64),
                                HumanDuration(detection as u64)
                            ),
                        )
                        .with_help("lower the idle time only as far as the NAT needs, in 10-15 s steps; keep count 9 and interval 75"),
                    );
                }
                if v.count > 15 {
                    out.push(
                        Diagnostic::new(
                            &keepalive_count_high::RULE,
                            count_span.clone(),
                            format!(
                                "keepalive count {} is far above the usual 9: a dead peer is detected only after {}",
                                v.count,
                                HumanDuration(detection.max(0) as u64)
                            ),
                        )
                        .with_fix(unsafe_fix("use the usual count of 9", count_span, "9")),
                    );
                }
            }
            SocketOptionValue::Keepalive(KeepaliveValue::SpecIgnored(text)) => {
                out.push(
                    Diagnostic::new(
                        &keepalive_spec_ignored_openbsd::RULE,
                        word_span(file, word),
                        format!(
                            "OpenBSD has no per-socket keepalive tuning: ProFTPD reads `{text}` as `keepalive on`, and probes start after the system's 2 h (8 probes, 75 s apart); {SYSCTL}"
                        ),
                    )
                    .with_fix(unsafe_fix("write `on` (what ProFTPD does)", word_span(file, word), "on")),
                );
            }
            _ => {}
        }
    }
}

/// Trailing text and 32-bit wrap in one field of a keepalive spec.
fn spec_field(what: &str, field: &SpecField, span: Span, out: &mut Vec<Diagnostic>) {
    let p: &ParsedInt = &field.parsed;
    if p.wrapped || p.saturated {
        out.push(Diagnostic::new(
            &keepalive_value_wrapped::RULE,
            span,
            format!(
                "keepalive {what} `{}` does not fit in 32 bits: ProFTPD reads it as {}",
                p.number_text(),
                p.value
            ),
        ));
        return;
    }
    if p.written.is_none() || p.trailing().is_empty() {
        return;
    }
    let unit = match p.trailing().to_ascii_lowercase().as_str() {
        "s" | "sec" => Some(1),
        "m" | "min" => Some(60),
        "h" | "hr" => Some(3600),
        _ => None,
    };
    let mut diag = Diagnostic::new(
        &socket_option_trailing_text::RULE,
        span.clone(),
        if what == "count" {
            format!(
                "keepalive count `{}` is read as {}: ProFTPD ignores `{}`",
                field.text,
                p.value,
                p.trailing()
            )
        } else {
            format!(
                "keepalive {what} `{}` is read as {}: ProFTPD ignores `{}` after the number",
                field.text,
                HumanDuration(p.value.max(0) as u64),
                p.trailing()
            )
        },
    );
    diag = match unit {
        Some(factor) if what != "count" => {
            let seconds = i64::from(p.value) * factor;
            diag.with_fix(unsafe_fix(
                format!("write {seconds} (seconds)"),
                span,
                seconds.to_string(),
            ))
        }
        _ => diag.with_fix(safe_fix(
            "write only the number ProFTPD reads",
            span,
            p.number_text().to_owned(),
        )),
    };
    out.push(diag.with_help("keepalive fields are plain seconds and counts"));
}

fn client_alive(file: FileId, d: &Directive, out: &mut Vec<Diagnostic>) -> Option<SftpClientAlive> {
    let alive = match d.with_arg_values(parse_sftp_client_alive) {
        Ok(a) => a,
        Err(e) => {
            out.push(
                refused(
                    &sftp_client_alive_invalid::RULE,
                    arg_or_line(file, d, e.arg_index()),
                    e.proftpd_message(d.name_word().value()),
                )
                .with_help("write `SFTPClientAlive count interval`, e.g. `SFTPClientAlive 3 15`"),
            );
            return None;
        }
    };
    client_alive_checks(file, d, &alive, out);
    Some(alive)
}

fn client_alive_checks(
    file: FileId,
    d: &Directive,
    alive: &SftpClientAlive,
    out: &mut Vec<Diagnostic>,
) {
    for (i, (what, p)) in [("count", &alive.count), ("interval", &alive.interval)]
        .into_iter()
        .enumerate()
    {
        let span = word_span(file, &d.args().at(i));
        if p.wrapped || p.saturated {
            out.push(Diagnostic::new(
                &sftp_client_alive_misread::RULE,
                span,
                format!(
                    "SFTPClientAlive {what} `{}` does not fit in 32 bits: mod_sftp reads it as {}",
                    p.text, p.value
                ),
            ));
        } else if p.written.is_some() && !p.trailing().is_empty() {
            let shown = if what == "count" {
                p.value.to_string()
            } else {
                HumanDuration(p.value as u64).to_string()
            };
            out.push(
                Diagnostic::new(
                    &sftp_client_alive_misread::RULE,
                    span.clone(),
                    format!(
                        "SFTPClientAlive {what} `{}` is read as {shown}: mod_sftp ignores `{}`",
                        p.text,
                        p.trailing()
                    ),
                )
                .with_fix(safe_fix(
                    "write only the number mod_sftp reads",
                    span,
                    p.number_text().to_owned(),
                )),
            );
        }
    }
    if let Some(&extra) = alive.ignored_args.first() {
        out.push(Diagnostic::new(
            &sftp_client_alive_misread::RULE,
            word_span(file, &d.args().at(extra)),
            format!(
                "mod_sftp ignores `{}`: SFTPClientAlive takes only a count and an interval",
                d.args().at(extra).value()
            ),
        ));
    }
}

fn timeout(
    kind: TimeoutKind,
    file: FileId,
    d: &Directive,
    out: &mut Vec<Diagnostic>,
) -> Option<Timeout> {
    let name = d.name_word().value();
    let t = match d.with_arg_values(|args| parse_timeout(kind, args)) {
        Ok(t) => t,
        Err(e) => {
            let rule = match (&e, kind) {
                (TimeoutError::UnknownClassifier(_), _)
                | (TimeoutError::MissingParameters, TimeoutKind::Session) => {
                    &timeout_session_arguments::RULE
                }
                _ => &bad_timeout_value::RULE,
            };
            out.push(
                refused(rule, arg_or_line(file, d, e.arg_index()), e.proftpd_message(name))
                    .with_help("durations are N, Ns, Nm, Nh or HH:MM:SS; TimeoutSession takes 1 argument or 3 (user|group|class EXPR)"),
            );
            return None;
        }
    };
    timeout_checks(file, d, &t, out);
    Some(t)
}

fn timeout_checks(file: FileId, d: &Directive, t: &Timeout, out: &mut Vec<Diagnostic>) {
    let name = d.name_word().value();
    let span = word_span(file, &d.args().at(0));
    let written = &t.duration.written;
    let read = HumanDuration(t.seconds().max(0) as u64);
    if let Some(DurationQuirk::Wrapped { intended }) = t
        .duration
        .quirks
        .iter()
        .find(|q| matches!(q, DurationQuirk::Wrapped { .. }))
    {
        out.push(Diagnostic::new(
            &timeout_value_wrapped::RULE,
            span,
            format!(
                "{name} `{written}` ({intended} s) does not fit in 32 bits: ProFTPD stores {} s",
                t.seconds()
            ),
        ));
        return;
    }
    if let Some(q) = t.duration.quirk() {
        let why = match q {
            DurationQuirk::Fraction { ignored } => format!("the fraction `{ignored}` is ignored"),
            DurationQuirk::UnitMisread { written, read_as } => {
                format!(
                    "only the last letters count, so `{written}` means {}",
                    match read_as {
                        crate::model::duration::DurationUnit::Minutes => "minutes",
                        crate::model::duration::DurationUnit::Hours => "hours",
                        _ => "seconds",
                    }
                )
            }
            DurationQuirk::IgnoredText { ignored } => format!("`{ignored}` is ignored"),
            DurationQuirk::ClockTrailing { ignored } => {
                format!("`{ignored}` after HH:MM:SS is ignored")
            }
            DurationQuirk::ClockFieldRange => "a clock field of 60 or more is simply added".into(),
            DurationQuirk::Wrapped { .. } => unreachable!("handled above"),
        };
        out.push(
            Diagnostic::new(
                &timeout_value_misread::RULE,
                span.clone(),
                format!("{name} `{written}` is read as {read}: {why}"),
            )
            .with_help("write whole seconds")
            .with_fix(safe_fix(
                "write the seconds ProFTPD reads",
                span,
                t.seconds().to_string(),
            )),
        );
    }
    if let Some(&extra) = t.ignored_args.first() {
        out.push(Diagnostic::new(
            &timeout_value_misread::RULE,
            word_span(file, &d.args().at(extra)),
            format!(
                "ProFTPD ignores `{}`: {name} takes one value",
                d.args().at(extra).value()
            ),
        ));
    }
}

// -------------------------------------------------------------- per server

/// The span of one field of the server's spec, from the file text.
fn spec_field_span(ctx: &LintContext, at: &Span, text: &str, field: &SpecField) -> Span {
    let raw = ctx.config.sources.get(at.file).raw();
    let written = raw.get(at.range.clone()).unwrap_or_default();
    let start = if written == text.as_bytes() {
        at.range.start
    } else if written.len() == text.len() + 2 && &written[1..written.len() - 1] == text.as_bytes() {
        at.range.start + 1
    } else {
        return at.clone();
    };
    Span::new(
        at.file,
        start + field.offset..start + field.offset + field.text.len(),
    )
}

fn secs(v: f64) -> String {
    human_duration_f64(v)
}

/// Seconds as [`secs`] writes them, or `never`, formatted when used.
struct SecsOrNever(Option<f64>);

impl std::fmt::Display for SecsOrNever {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(v) => write!(f, "{}", HumanDuration(v.max(0.0).round() as u64)),
            None => f.write_str("never"),
        }
    }
}

fn server_checks(ctx: &LintContext, s: &ServerSettings, out: &mut Vec<Diagnostic>) {
    let profile = &ctx.options.profile;
    let platform = profile.platform;
    let version = profile.proftpd_version;
    let k = &s.keepalive;
    let tl = &k.timeline;
    let kernel = &tl.kernel;
    let spec = k.spec.as_ref().filter(|_| k.state.enabled);
    let idle_timeout = s.timeout_values.idle;
    let detection = SecsOrNever(tl.detection_after);
    let where_written = || k.written_at.clone().unwrap_or_else(|| s.anchor.clone());

    if let Some((spec, at)) = spec {
        let whole = at.clone();
        let fields = [
            ("idle", "TCP_KEEPIDLE", &kernel.idle, &spec.idle, " s"),
            ("count", "TCP_KEEPCNT", &kernel.count, &spec.count, ""),
            (
                "interval",
                "TCP_KEEPINTVL",
                &kernel.interval,
                &spec.interval,
                " s",
            ),
        ];
        // K007: the kernel refuses the value at run time.
        for (what, option, applied, field, unit) in fields {
            let Applied {
                how:
                    HowApplied::Rejected {
                        sent,
                        reason: RejectReason::OutOfRange(limit),
                    },
                ..
            } = *applied
            else {
                continue;
            };
            if field.parsed.wrapped || platform == Platform::DragonFly {
                continue;
            }
            let in_effect = if what == "count" {
                format!("{}", applied.value)
            } else {
                secs(applied.value)
            };
            let kept = if applied.is_default {
                "keeps the system default"
            } else {
                "uses"
            };
            let mut d = Diagnostic::new(
                &keepalive_out_of_platform_range::RULE,
                spec_field_span(ctx, &whole, &spec.text, field),
                format!(
                    "{} accepts {option} only from {} to {}{unit}: keepalive {what} {sent} fails with EINVAL at run time (ProFTPD only logs it), so the kernel {kept} {what} {in_effect}; dead peer detected after {detection}",
                    platform.display_name(),
                    limit.min,
                    limit.max
                ),
            )
            .with_help(format!("use a {what} within {}-{}{unit}", limit.min, limit.max));
            if !limit.confirmed {
                d = d
                    .with_severity(Severity::Warning)
                    .with_help(format!("use a {what} within {}-{}{unit} (this limit is not confirmed on every release)", limit.min, limit.max));
            }
            out.push(d);
        }
        let idle_span = spec_field_span(ctx, &whole, &spec.text, &spec.idle);
        // Platform and version.
        if !version.supports_fine_grained_keepalive() {
            out.push(Diagnostic::new(
                &keepalive_spec_before_1_3_8rc3::RULE,
                whole.clone(),
                format!(
                    "ProFTPD {version} never applies `{}` (fixed in 1.3.8rc3, Issues #1401/#1402): the system defaults stay, first probe after {}, dead peer detected after {detection}; {SYSCTL}",
                    spec.text,
                    tl.first_probe_after.map_or("never".into(), secs)
                ),
            ));
        } else {
            match platform {
                Platform::DragonFly => out.push(Diagnostic::new(
                    &dragonfly_keepalive_x1000::RULE,
                    whole.clone(),
                    format!(
                        "ProFTPD multiplies idle and interval by 1000 on DragonFly BSD, which takes seconds since 5.8: idle {} becomes {}, interval {} becomes {}; {SYSCTL}",
                        spec.idle.value(),
                        secs(kernel.idle.value),
                        spec.interval.value(),
                        secs(kernel.interval.value)
                    ),
                )),
                Platform::Illumos | Platform::Solaris => out.push(Diagnostic::new(
                    &illumos_keepalive_idle_not_applied::RULE,
                    idle_span.clone(),
                    format!(
                        "on {} ProFTPD sets the idle time with TCP_KEEPALIVE, which fails there: idle {} is not applied and the first probe comes after {}; dead peer detected after {detection}; {SYSCTL}",
                        platform.display_name(),
                        spec.idle.value(),
                        secs(kernel.idle.value)
                    ),
                )),
                Platform::MacOs => out.push(Diagnostic::new(
                    &keepalive_macos_count_interval::RULE,
                    whole.clone(),
                    format!(
                        "macOS before 10.9 applies only the idle time ({}): count {} and interval {} need 10.9 or later; {SYSCTL}",
                        HumanDuration(spec.idle.value().max(0) as u64),
                        spec.count.value(),
                        spec.interval.value()
                    ),
                )),
                _ => {}
            }
        }
        // Metered link.
        let default_idle = f64::from(platform.defaults().idle);
        if profile.link == Link::Metered {
            if let Some(first) = tl.first_probe_after.filter(|f| *f < default_idle) {
                let default_bytes = 86_400.0 / default_idle * f64::from(profile.probe_bytes());
                out.push(Diagnostic::new(
                    &keepalive_metered_link_cost::RULE,
                    idle_span.clone(),
                    format!(
                        "on a metered link a probe every {} costs {}/day ({} per 30 days) per idle connection, against {}/day with the system default of {}",
                        secs(first),
                        human_bytes(tl.bytes_per_day),
                        human_bytes(tl.bytes_per_30_days),
                        human_bytes(default_bytes),
                        secs(default_idle)
                    ),
                ).with_help("use the longest idle time the path allows"));
            }
        }
        // Keepalive idle vs TimeoutIdle.
        if let Some(first) = tl.first_probe_after {
            if idle_timeout > 0 && first >= idle_timeout as f64 {
                out.push(Diagnostic::new(
                    &keepalive_idle_above_timeout_idle::RULE,
                    idle_span.clone(),
                    format!(
                        "the first keepalive probe comes after {} but TimeoutIdle closes an idle session after {}: the keepalive only matters during transfers (probes never reset ProFTPD's timers)",
                        secs(first),
                        HumanDuration(idle_timeout as u64)
                    ),
                ));
            }
        }
    }

    // NAT timeout.
    if let Some(nat) = profile.nat_idle_timeout {
        let nat_f = f64::from(nat);
        let first = tl.first_probe_after;
        if !first.is_some_and(|f| f < nat_f) {
            if let Some((spec, at)) = spec {
                let idle_span = spec_field_span(ctx, at, &spec.text, &spec.idle);
                let suggested = ((u64::from(nat) * 6 / 7) / 10 * 10).max(10);
                out.push(
                    Diagnostic::new(
                        &keepalive_idle_above_nat_timeout::RULE,
                        idle_span.clone(),
                        format!(
                            "the first keepalive probe goes out after {} of silence, but the NAT/load balancer drops idle connections after {}: the control connection of a transfer longer than that is lost",
                            first.map_or("never".into(), secs),
                            HumanDuration(u64::from(nat))
                        ),
                    )
                    .with_help("the idle time must be below the smallest idle timeout on the path")
                    .with_fix(unsafe_fix(format!("set idle to {suggested}"), idle_span, suggested.to_string())),
                );
            } else {
                let what = if !k.state.enabled {
                    "keepalive is off".to_string()
                } else {
                    format!(
                        "keepalive uses the system default idle of {}",
                        secs(kernel.idle.value)
                    )
                };
                out.push(
                    Diagnostic::new(
                        &keepalive_default_behind_nat::RULE,
                        where_written(),
                        format!(
                            "{what}, but the NAT/load balancer drops idle connections after {}: the control connection of a transfer longer than that is lost",
                            HumanDuration(u64::from(nat))
                        ),
                    )
                    .with_help(format!(
                        "add `SocketOptions keepalive {}:9:75` (idle below the NAT timeout)",
                        ((u64::from(nat) * 6 / 7) / 10 * 10).max(10)
                    )),
                );
            }
        }
    }

    // FreeBSD: off does not stop probes.
    if platform == Platform::FreeBsd && !k.state.enabled {
        if let Some(at) = &k.written_at {
            out.push(Diagnostic::new(
                &freebsd_keepalive_off_still_probes::RULE,
                at.clone(),
                format!(
                    "FreeBSD probes every connection (net.inet.tcp.always_keepalive=1 by default): with keepalive off the first probe still comes after {}; {SYSCTL}",
                    tl.first_probe_after.map_or("never".into(), secs)
                ),
            ));
        }
    }

    // TimeoutNoTransfer before TimeoutIdle.
    let nt = s.timeout(TimeoutKind::NoTransfer);
    let it = s.timeout(TimeoutKind::Idle);
    if let (Some(n), Some(i)) = (nt.seconds, it.seconds) {
        if n > 0 && i > 0 && n < i && (nt.written.is_some() || it.written.is_some()) {
            let at = nt
                .origin
                .span()
                .or(it.origin.span())
                .cloned()
                .unwrap_or_else(|| s.anchor.clone());
            out.push(Diagnostic::new(
                &no_transfer_before_idle::RULE,
                at,
                format!(
                    "TimeoutNoTransfer ({}) fires before TimeoutIdle ({}): a session that transfers nothing is closed after {}",
                    HumanDuration(n as u64),
                    HumanDuration(i as u64),
                    HumanDuration(n as u64)
                ),
            ));
        }
    }

    // SFTPClientAlive.
    if let Some(ca) = &s.client_alive {
        let (count, interval) = (ca.value.count(), ca.value.interval());
        let count_span = ca
            .arg_spans
            .first()
            .cloned()
            .unwrap_or_else(|| s.anchor.clone());
        let interval_span = ca
            .arg_spans
            .get(1)
            .cloned()
            .unwrap_or_else(|| count_span.clone());
        match ca.value.outcome() {
            ClientAliveOutcome::IdleKill { after } => out.push(
                Diagnostic::new(
                    &sftp_client_alive_count_zero::RULE,
                    count_span.clone(),
                    format!(
                        "SFTPClientAlive count 0 disconnects every client, healthy or not, after {} without a reply-worthy probe",
                        HumanDuration(after)
                    ),
                )
                .with_fix(unsafe_fix("probe up to 3 times", count_span.clone(), "3")),
            ),
            ClientAliveOutcome::DropUnresponsive { after, capped, .. } if count >= 3 => {
                let d = Diagnostic::new(
                    &sftp_client_alive_count_capped::RULE,
                    count_span.clone(),
                    format!(
                        "SFTPClientAlive count {count} behaves as 4 intervals: an unresponsive client is dropped after 4 × {} = {} (not {})",
                        HumanDuration(interval),
                        HumanDuration(after),
                        HumanDuration(count * interval)
                    ),
                );
                out.push(if capped {
                    d.with_fix(safe_fix("write the count mod_sftp really uses", count_span.clone(), "3"))
                } else {
                    d.with_severity(Severity::Info)
                });
            }
            _ => {}
        }
        if interval > 0 && count > 0 && idle_timeout > 0 && interval < idle_timeout as u64 {
            out.push(Diagnostic::new(
                &sftp_client_alive_hides_timeout_idle::RULE,
                interval_span,
                format!(
                    "client-alive probes every {} are answered and reset TimeoutIdle ({}): responsive idle SFTP sessions never time out",
                    HumanDuration(interval),
                    HumanDuration(idle_timeout as u64)
                ),
            ).with_help("bound sessions with TimeoutSession if needed"));
        }
    }
    if s.sftp_in_use && idle_timeout == 0 && version < SFTP_IDLE_ZERO_FIXED {
        if let Some(at) = it.origin.span() {
            out.push(Diagnostic::new(
                &timeout_idle_zero_breaks_sftp::RULE,
                at.clone(),
                format!(
                    "TimeoutIdle 0 with mod_sftp on ProFTPD {version}: every poll times out at once and SFTP sessions die during key exchange (fixed in 1.3.9a)"
                ),
            ).with_help("set a non-zero TimeoutIdle, e.g. 600"));
        }
    }
    if let Some(nat) = profile.nat_idle_timeout {
        let active = s
            .client_alive
            .as_ref()
            .is_some_and(|c| c.value.interval() > 0);
        if s.sftp_in_use && !active {
            let at = s
                .sftp_engine
                .as_ref()
                .and_then(|(_, o)| o.span().cloned())
                .unwrap_or_else(|| s.anchor.clone());
            let interval = (u64::from(nat) / 2).clamp(10, 60);
            out.push(Diagnostic::new(
                &sftp_behind_nat_without_client_alive::RULE,
                at,
                format!(
                    "SFTP behind a NAT that drops idle connections after {} without SFTPClientAlive: SSH-level keepalives cross NATs where TCP probes may not",
                    HumanDuration(u64::from(nat))
                ),
            ).with_help(format!("add `SFTPClientAlive 3 {interval}`")));
        }
    }
}
