//! The effective keepalive and timeout settings of every server: the main
//! server and each `<VirtualHost>`, as ProFTPD builds them.
//!
//! Merging, as ProFTPD does it:
//! - `SocketOptions` writes straight into the server it appears in (main
//!   server or `<VirtualHost>`); later lines and later pairs overwrite
//!   earlier ones. Every server starts from keepalive on with system values;
//!   a `<VirtualHost>` does **not** inherit the main server's values.
//!   `SocketOptions` in `<Global>` is refused by ProFTPD and ignored here.
//! - `SFTPClientAlive`, `SFTPEngine` and the `Timeout*` directives of
//!   `<Global>` are merged into every server; a server's own directive wins
//!   over `<Global>`, and among several at the same level the last one wins.
//! - Directives inside other contexts (`<Anonymous>`, `<Directory>`,
//!   `<IfUser>`…) apply only to some sessions and are left out; directives in
//!   conditional blocks that do not hold are never read.
//!
//! Pure: takes the loaded [`Config`], the [`Evaluation`] of its conditions
//! and the [`Profile`].

use crate::diagnostic::Span;
use crate::load::Config;
use crate::profile::Profile;
use crate::source::FileId;
use crate::syntax::{Directive, SectionFamily, Word, section_family};

use super::conditions::Evaluation;
use super::keepalive::Timeline;
use super::sftp_client_alive::{SftpClientAlive, parse_sftp_client_alive};
use super::socket_options::{
    KeepaliveSpec, KeepaliveState, KeepaliveValue, SocketOptionKey, SocketOptionValue,
    parse_socket_options_for,
};
use super::timeouts::{Timeout, TimeoutKind, Timeouts, parse_timeout};
use super::walk::{Event, Open, walk};

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Nothing configured: ProFTPD's (or the kernel's) default.
    Default,
    /// Written in the config.
    Written {
        /// The directive line (name to last argument).
        span: Span,
        /// True when it came from `<Global>`.
        global: bool,
    },
}

impl Origin {
    /// The span, when written.
    pub fn span(&self) -> Option<&Span> {
        match self {
            Origin::Default => None,
            Origin::Written { span, .. } => Some(span),
        }
    }
}

/// One `Timeout*` value of a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeoutSetting {
    /// Which directive.
    pub kind: TimeoutKind,
    /// Seconds in effect (`None`: unlimited `TimeoutSession`).
    pub seconds: Option<i64>,
    /// The value as written (`None`: default).
    pub written: Option<String>,
    /// Where it came from.
    pub origin: Origin,
}

/// The `SFTPClientAlive` of a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAliveSetting {
    /// As ProFTPD read it.
    pub value: SftpClientAlive,
    /// The arguments as written.
    pub written: String,
    /// The directive.
    pub origin: Origin,
    /// The directive's argument spans (count, interval).
    pub arg_spans: Vec<Span>,
}

/// The keepalive of a server as written, read and applied.
#[derive(Debug, Clone, PartialEq)]
pub struct KeepaliveSetting {
    /// The `keepalive` value that decides on/off, as written (`None`: none
    /// written, keepalive on by default).
    pub written: Option<String>,
    /// The span of that value word.
    pub written_at: Option<Span>,
    /// The `SocketOptions` line it is on.
    pub origin: Origin,
    /// The last `idle:count:interval` spec (its values persist after a
    /// later `keepalive on|off`), with the span of its word.
    pub spec: Option<(KeepaliveSpec, Span)>,
    /// As ProFTPD stores it.
    pub state: KeepaliveState,
    /// What the kernel does with it, and the resulting times and costs.
    pub timeline: Timeline,
}

/// The effective settings of one server.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerSettings {
    /// `main` or the `<VirtualHost>` addresses.
    pub name: String,
    /// The `ServerName`, if set.
    pub server_name: Option<String>,
    /// The `<VirtualHost>` opener (`None` for the main server).
    pub section: Option<Span>,
    /// The span findings about defaults point at: the `<VirtualHost>`
    /// opener, or the start of the root file for the main server.
    pub anchor: Span,
    /// TCP keepalive.
    pub keepalive: KeepaliveSetting,
    /// `SFTPClientAlive`, if any.
    pub client_alive: Option<ClientAliveSetting>,
    /// `SFTPEngine on` (and where), if set.
    pub sftp_engine: Option<(bool, Origin)>,
    /// True when `mod_sftp.c` is loaded and `SFTPEngine` is on here.
    pub sftp_in_use: bool,
    /// The six timeouts, in [`TimeoutKind::ALL`] order.
    pub timeouts: Vec<TimeoutSetting>,
    /// The same values as a [`Timeouts`].
    pub timeout_values: Timeouts,
}

impl ServerSettings {
    /// The setting of `kind`.
    pub fn timeout(&self, kind: TimeoutKind) -> &TimeoutSetting {
        self.timeouts
            .iter()
            .find(|t| t.kind == kind)
            .expect("all kinds present")
    }

    /// True when `name` selects this server (`main`, the vhost addresses,
    /// or its `ServerName`; case-insensitive).
    pub fn matches(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
            || self
                .server_name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
    }
}

/// Every server's effective settings, main server first.
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    /// The servers.
    pub servers: Vec<ServerSettings>,
    /// The profile used.
    pub profile: Profile,
}

/// Which server a directive configures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Directly in the main server.
    Main,
    /// Directly in `<Global>`.
    Global,
    /// Directly in the `<VirtualHost>` opened at (file, offset).
    VirtualHost(FileId, usize),
    /// Inside another context (`<Anonymous>`, `<Directory>`…).
    Nested,
}

/// The scope of a directive given the sections open around it (conditional
/// sections open no context).
pub fn scope_of(open: &[Open<'_>]) -> Scope {
    let contexts: Vec<&Open> = open
        .iter()
        .filter(|o| section_family(o.section.name()) != SectionFamily::Conditional)
        .collect();
    match contexts.as_slice() {
        [] => Scope::Main,
        [only] if only.section.name().eq_ignore_ascii_case("Global") => Scope::Global,
        [only] if only.section.name().eq_ignore_ascii_case("VirtualHost") => {
            Scope::VirtualHost(only.file, only.section.open().span().start)
        }
        _ => Scope::Nested,
    }
}

/// Visits every directive ProFTPD reads, in its order, skipping the bodies
/// of conditional sections that do not hold. Section openers are reported
/// through `enter`.
pub fn visit_live<'a>(
    config: &'a Config,
    eval: &Evaluation,
    visit: &mut dyn for<'b> FnMut(FileId, Directive<'a>, &'b [Open<'a>]),
) {
    walk(config, &mut |event| match event {
        Event::Directive {
            file,
            directive,
            open,
        } => {
            visit(file, directive, open);
            true
        }
        Event::Enter {
            file,
            section,
            open,
        } => {
            if eval.truth_of(file, &section) == Some(false) {
                return false;
            }
            visit(file, section.open(), open);
            true
        }
        Event::Leave { .. } => true,
    });
}

/// The span of a directive from its name to its last argument.
pub fn directive_span(file: FileId, d: &Directive) -> Span {
    Span::new(file, d.content_span())
}

/// The span of a word.
pub fn word_span(file: FileId, w: &Word) -> Span {
    Span::new(file, w.span())
}

/// The span of `len` bytes at `offset` within a word's value, when the
/// value maps onto the file text one to one; otherwise the whole word.
pub fn sub_span(file: FileId, w: &Word, offset: usize, len: usize) -> Span {
    let span = w.span();
    let start = span.start + usize::from(w.quoted());
    let inner = span.len()
        - if w.quoted() && !w.unterminated_quote() {
            2
        } else {
            usize::from(w.quoted())
        };
    let value = w.value();
    if inner == value.len() && w.env_refs().is_empty() && offset + len <= value.len() {
        Span::new(file, start + offset..start + offset + len)
    } else {
        word_span(file, w)
    }
}

#[derive(Default, Clone)]
struct Acc {
    server_name: Option<String>,
    keepalive: KeepaliveState,
    keepalive_word: Option<(String, Span, Span)>,
    spec: Option<(KeepaliveSpec, Span)>,
    client_alive: Option<(SftpClientAlive, String, Span, Vec<Span>)>,
    sftp_engine: Option<(bool, Span)>,
    timeouts: rustc_hash::FxHashMap<TimeoutKind, (Timeout, String, Span)>,
}

struct Vhost {
    name: String,
    section: Span,
    acc: Acc,
}

/// Computes the effective settings of every server.
pub fn effective(config: &Config, eval: &Evaluation, profile: &Profile) -> Effective {
    let mut main = Acc::default();
    let mut global = Acc::default();
    let mut vhosts: Vec<Vhost> = Vec::new();
    let mut index: rustc_hash::FxHashMap<(FileId, usize), usize> = Default::default();
    let fine = profile.platform.fine_grained_build();
    visit_live(config, eval, &mut |file, d, open| {
        if d.role() == crate::syntax::LineRole::SectionOpen {
            if d.tag_name().eq_ignore_ascii_case("VirtualHost") && scope_of(open) == Scope::Main {
                index.insert((file, d.span().start), vhosts.len());
                vhosts.push(Vhost {
                    name: d.arg_values().join(" "),
                    section: directive_span(file, &d),
                    acc: Acc::default(),
                });
            }
            return;
        }
        let acc = match scope_of(open) {
            Scope::Main => &mut main,
            Scope::Global => &mut global,
            Scope::VirtualHost(f, o) => match index.get(&(f, o)) {
                Some(&i) => &mut vhosts[i].acc,
                None => return,
            },
            Scope::Nested => return,
        };
        record(acc, file, &d, fine);
    });
    let mut servers = vec![settings(
        "main".into(),
        None,
        Span::new(config.root, 0..0),
        &main,
        &global,
        config,
        eval,
        profile,
    )];
    for v in &vhosts {
        servers.push(settings(
            v.name.clone(),
            Some(v.section.clone()),
            v.section.clone(),
            &v.acc,
            &global,
            config,
            eval,
            profile,
        ));
    }
    Effective {
        servers,
        profile: *profile,
    }
}

fn record(acc: &mut Acc, file: FileId, d: &Directive, fine: bool) {
    let args = d.arg_values();
    let line = directive_span(file, d);
    if d.is_named("ServerName") {
        acc.server_name = args.first().map(|s| s.to_string());
    } else if d.is_named("SocketOptions") {
        let Ok(options) = parse_socket_options_for(&args, fine) else {
            return;
        };
        for pair in &options.pairs {
            if pair.key != SocketOptionKey::Keepalive {
                continue;
            }
            let at = word_span(file, &d.args().at(pair.value_index));
            acc.keepalive_word = Some((pair.value_text.clone(), at.clone(), line.clone()));
            if let SocketOptionValue::Keepalive(KeepaliveValue::Spec(spec)) = &pair.value {
                acc.spec = Some((spec.clone(), at));
            }
        }
        acc.keepalive = options.apply_keepalive(acc.keepalive);
    } else if d.is_named("SFTPClientAlive") {
        if let Ok(v) = parse_sftp_client_alive(&args) {
            let spans = d.args().iter().map(|w| word_span(file, &w)).collect();
            acc.client_alive = Some((v, args.join(" "), line, spans));
        }
    } else if d.is_named("SFTPEngine") {
        if let Some(b) = args
            .first()
            .and_then(|a| super::socket_options::proftpd_boolean(a))
        {
            acc.sftp_engine = Some((b, line));
        }
    } else if let Some(kind) = TimeoutKind::from_name(d.name()) {
        if let Ok(t) = parse_timeout(kind, &args) {
            if kind == TimeoutKind::Session && t.classifier.is_some() {
                return;
            }
            acc.timeouts.insert(kind, (t, args.join(" "), line));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn settings(
    name: String,
    section: Option<Span>,
    anchor: Span,
    own: &Acc,
    global: &Acc,
    config: &Config,
    eval: &Evaluation,
    profile: &Profile,
) -> ServerSettings {
    let _ = config;
    let written = |span: &Span, is_global: bool| Origin::Written {
        span: span.clone(),
        global: is_global,
    };
    let client_alive = own
        .client_alive
        .as_ref()
        .map(|c| (c, false))
        .or(global.client_alive.as_ref().map(|c| (c, true)))
        .map(|((v, text, span, spans), g)| ClientAliveSetting {
            value: v.clone(),
            written: text.clone(),
            origin: written(span, g),
            arg_spans: spans.clone(),
        });
    let sftp_engine = own
        .sftp_engine
        .as_ref()
        .map(|e| (e, false))
        .or(global.sftp_engine.as_ref().map(|e| (e, true)))
        .map(|((b, span), g)| (*b, written(span, g)));
    let sftp_in_use =
        eval.loaded.contains("mod_sftp.c") && sftp_engine.as_ref().is_some_and(|(b, _)| *b);
    let mut values = Timeouts::default();
    let mut timeouts = Vec::new();
    for kind in TimeoutKind::ALL {
        let found = own
            .timeouts
            .get(&kind)
            .map(|t| (t, false))
            .or(global.timeouts.get(&kind).map(|t| (t, true)));
        match found {
            Some(((t, text, span), g)) => {
                values.set(t);
                timeouts.push(TimeoutSetting {
                    kind,
                    seconds: values.get(kind),
                    written: Some(text.clone()),
                    origin: written(span, g),
                });
            }
            None => timeouts.push(TimeoutSetting {
                kind,
                seconds: kind.default_seconds(),
                written: None,
                origin: Origin::Default,
            }),
        }
    }
    let sftp_value = client_alive.as_ref().map(|c| &c.value);
    let timeline = Timeline::compute(profile, &own.keepalive, sftp_value);
    let keepalive = KeepaliveSetting {
        written: own.keepalive_word.as_ref().map(|(t, _, _)| t.clone()),
        written_at: own.keepalive_word.as_ref().map(|(_, s, _)| s.clone()),
        origin: own
            .keepalive_word
            .as_ref()
            .map_or(Origin::Default, |(_, _, line)| written(line, false)),
        spec: own.spec.clone(),
        state: own.keepalive,
        timeline,
    };
    ServerSettings {
        name,
        server_name: own.server_name.clone(),
        section,
        anchor,
        keepalive,
        client_alive,
        sftp_engine,
        sftp_in_use,
        timeouts,
        timeout_values: values,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::fs::MemoryFs;
    use crate::load::{LoadOptions, load};
    use crate::model::conditions::{Environment, evaluate};
    use crate::platform::Platform;

    fn eff(text: &str, platform: Platform) -> Effective {
        let fs = MemoryFs::new();
        let config = load(
            &fs,
            Path::new("/etc/proftpd.conf"),
            text.as_bytes().to_vec(),
            &LoadOptions::default(),
        );
        let eval = evaluate(&config, &Environment::default());
        let profile = Profile {
            platform,
            ..Profile::default()
        };
        effective(&config, &eval, &profile)
    }

    #[test]
    fn defaults() {
        let e = eff("ServerName \"x\"\n", Platform::Linux);
        assert_eq!(e.servers.len(), 1);
        let s = &e.servers[0];
        assert_eq!(s.server_name.as_deref(), Some("x"));
        assert!(s.keepalive.state.enabled && s.keepalive.written.is_none());
        assert_eq!(s.keepalive.timeline.detection_after, Some(7875.0));
        assert_eq!(s.timeout(TimeoutKind::Idle).seconds, Some(600));
        assert_eq!(s.timeout(TimeoutKind::Idle).origin, Origin::Default);
    }

    #[test]
    fn global_merges_and_vhost_does_not_inherit_socket_options() {
        let e = eff(
            "SocketOptions keepalive 600:5:75\nTimeoutIdle 1200\n<Global>\n  TimeoutIdle 300\n  TimeoutNoTransfer 900\n  SFTPClientAlive 3 15\n</Global>\n<VirtualHost 10.0.0.1>\n  SocketOptions keepalive off\n  TimeoutNoTransfer 60\n</VirtualHost>\n<IfModule mod_nope.c>\n  TimeoutLogin 1\n</IfModule>\n",
            Platform::Linux,
        );
        assert_eq!(e.servers.len(), 2);
        let (m, v) = (&e.servers[0], &e.servers[1]);
        assert_eq!(m.timeout(TimeoutKind::Idle).seconds, Some(1200));
        assert_eq!(m.timeout(TimeoutKind::NoTransfer).seconds, Some(900));
        assert_eq!(m.timeout(TimeoutKind::Login).seconds, Some(300));
        assert_eq!(m.keepalive.timeline.first_probe_after, Some(600.0));
        assert_eq!(v.name, "10.0.0.1");
        assert!(!v.keepalive.state.enabled);
        assert_eq!(v.timeout(TimeoutKind::Idle).seconds, Some(300));
        assert!(matches!(
            v.timeout(TimeoutKind::Idle).origin,
            Origin::Written { global: true, .. }
        ));
        assert_eq!(v.timeout(TimeoutKind::NoTransfer).seconds, Some(60));
        assert_eq!(v.keepalive.timeline.sftp_disconnect_after(), Some(60));
    }
}
