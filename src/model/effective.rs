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

use compact_str::CompactString;

use crate::diagnostic::Span;
use crate::load::Config;
use crate::profile::Profile;
use crate::source::FileId;
use crate::syntax::{Directive, LineRole, Section, SectionFamily, Word, section_family};

use super::conditions::Evaluation;
use super::keepalive::Timeline;
use super::sftp_client_alive::{SftpClientAlive, parse_sftp_client_alive};
use super::socket_options::{
    KeepaliveSpec, KeepaliveState, KeepaliveValue, SocketOptionKey, SocketOptionValue,
    SocketOptions, parse_socket_options_for,
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
    pub written: Option<CompactString>,
    /// Where it came from.
    pub origin: Origin,
}

/// The `SFTPClientAlive` of a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAliveSetting {
    /// As ProFTPD read it.
    pub value: SftpClientAlive,
    /// The arguments as written.
    pub written: CompactString,
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
    pub written: Option<CompactString>,
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
    pub name: CompactString,
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
    pub timeouts: [TimeoutSetting; 6],
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
    let mut scope = Scope::Main;
    for o in open {
        scope = scope.inside(o.file, &o.section);
    }
    scope
}

impl Scope {
    /// The scope of the lines directly inside `section` (opened in `file`)
    /// when the section itself stands in this scope.
    pub fn inside(self, file: FileId, section: &Section<'_>) -> Scope {
        let name = section.name();
        self.inside_named(file, section, name, section_family(name))
    }

    /// [`Scope::inside`] with the section's name and family.
    pub fn inside_named(
        self,
        file: FileId,
        section: &Section<'_>,
        name: &str,
        family: SectionFamily,
    ) -> Scope {
        if family == SectionFamily::Conditional {
            return self;
        }
        match self {
            Scope::Main if name.eq_ignore_ascii_case("Global") => Scope::Global,
            Scope::Main if name.eq_ignore_ascii_case("VirtualHost") => {
                Scope::VirtualHost(file, section.open().span().start)
            }
            _ => Scope::Nested,
        }
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

/// The directives the effective settings are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    ServerName,
    SocketOptions,
    SftpClientAlive,
    SftpEngine,
    Timeout(TimeoutKind),
}

impl Setting {
    /// The setting a directive name (any case) writes, if any.
    pub fn of(name: &str) -> Option<Setting> {
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        match name.len() {
            10 if is("ServerName") => Some(Setting::ServerName),
            10 if is("SFTPEngine") => Some(Setting::SftpEngine),
            13 if is("SocketOptions") => Some(Setting::SocketOptions),
            15 if is("SFTPClientAlive") => Some(Setting::SftpClientAlive),
            11..=17 if name.as_bytes()[..7].eq_ignore_ascii_case(b"Timeout") => {
                TimeoutKind::from_name(name).map(Setting::Timeout)
            }
            _ => None,
        }
    }
}

/// A setting directive as read, for [`Collector::record`].
pub enum Parsed {
    ServerName,
    SocketOptions(SocketOptions),
    SftpClientAlive(SftpClientAlive),
    SftpEngine(Option<bool>),
    Timeout(Timeout),
}

/// What one server (or `<Global>`) writes, as the directives are read.
/// Kept small: a config may have thousands of servers.
#[derive(Default)]
struct Acc<'a> {
    server_name: Option<&'a str>,
    keepalive: KeepaliveState,
    /// The `keepalive` value word that decides on/off, and its line.
    keepalive_word: Option<(Word<'a>, Directive<'a>)>,
    spec: Option<(Box<KeepaliveSpec>, Span)>,
    client_alive: Option<Box<(SftpClientAlive, Directive<'a>)>>,
    sftp_engine: Option<(bool, Directive<'a>)>,
    /// The last `Timeout*` directive of each kind written, with its index in
    /// [`TimeoutKind::ALL`] (a server writes one or two of the six).
    timeouts: Vec<(usize, (Timeout, Directive<'a>))>,
}

impl<'a> Acc<'a> {
    fn timeout(&self, slot: usize) -> Option<&(Timeout, Directive<'a>)> {
        timeout_in(&self.timeouts, slot)
    }

    fn set_timeout(&mut self, slot: usize, timeout: (Timeout, Directive<'a>)) {
        match self.timeouts.iter_mut().find(|(s, _)| *s == slot) {
            Some((_, old)) => *old = timeout,
            None => self.timeouts.push((slot, timeout)),
        }
    }
}

/// The timeout of index `slot` in [`TimeoutKind::ALL`] among `timeouts`
/// (see [`Acc::timeouts`]).
fn timeout_in<'t, 'a>(
    timeouts: &'t [(usize, (Timeout, Directive<'a>))],
    slot: usize,
) -> Option<&'t (Timeout, Directive<'a>)> {
    timeouts
        .iter()
        .find(|(s, _)| *s == slot)
        .map(|(_, timeout)| timeout)
}

struct Vhost<'a> {
    directive: Directive<'a>,
    acc: Acc<'a>,
}

/// Accumulates the effective settings while the directives ProFTPD reads
/// are visited in its order, then builds each server's settings.
///
/// When the config has no `<Global>` section, nothing read after a
/// `<VirtualHost>` changes its settings: [`Collector::leave`] hands them
/// over at once and the collector keeps nothing of it.
pub struct Collector<'a> {
    main: Acc<'a>,
    global: Acc<'a>,
    vhosts: Vec<Vhost<'a>>,
    index: rustc_hash::FxHashMap<(FileId, usize), usize>,
    fine: bool,
    /// Settings may be built as soon as a `<VirtualHost>` ends.
    streaming: bool,
}

impl<'a> Collector<'a> {
    pub fn new(profile: &Profile) -> Self {
        Collector {
            main: Acc::default(),
            global: Acc::default(),
            vhosts: Vec::new(),
            index: Default::default(),
            fine: profile.platform.fine_grained_build(),
            streaming: false,
        }
    }

    /// A collector that builds a server's settings when its section ends
    /// (see [`Collector::leave`]), if the config allows it.
    pub fn streaming(profile: &Profile, config: &Config) -> Self {
        let has_global = config.files.iter().any(|f| {
            f.landmarks().any(|d| {
                d.role() == LineRole::SectionOpen && d.tag_name().eq_ignore_ascii_case("Global")
            })
        });
        Collector {
            streaming: !has_global,
            ..Collector::new(profile)
        }
    }

    /// A section opener read in `scope` (the scope around it).
    pub fn opener(&mut self, file: FileId, d: Directive<'a>, scope: Scope) {
        if scope == Scope::Main && d.tag_name().eq_ignore_ascii_case("VirtualHost") {
            self.index.insert((file, d.span().start), self.vhosts.len());
            self.vhosts.push(Vhost {
                directive: d,
                acc: Acc::default(),
            });
        }
    }

    /// The section opened in `file` by `d` has ended: when streaming and it
    /// is a server, calls `f` with its settings.
    pub fn leave(
        &mut self,
        file: FileId,
        d: Directive<'a>,
        config: &Config,
        eval: &Evaluation,
        profile: &Profile,
        f: impl FnOnce(&ServerSettings),
    ) {
        if !self.streaming {
            return;
        }
        let key = (file, d.span().start);
        // `<VirtualHost>`s do not nest: the one ending is the last one.
        if self.index.get(&key) != Some(&(self.vhosts.len().wrapping_sub(1)))
            || self.vhosts.last().is_none_or(|v| v.directive != d)
        {
            return;
        }
        self.index.remove(&key);
        let v = self.vhosts.pop().expect("checked above");
        f(&vhost_settings(v, &self.global, config, eval, profile));
    }

    /// Whether a directive read in `scope` counts for some server.
    pub fn wants(&self, scope: Scope) -> bool {
        match scope {
            Scope::Main | Scope::Global => true,
            Scope::VirtualHost(f, o) => self.index.contains_key(&(f, o)),
            Scope::Nested => false,
        }
    }

    /// A setting directive read in `scope`, with what it was read as
    /// (`None`: refused by ProFTPD, so it sets nothing).
    pub fn record(&mut self, file: FileId, d: Directive<'a>, scope: Scope, parsed: Option<Parsed>) {
        let acc = match scope {
            Scope::Main => &mut self.main,
            Scope::Global => &mut self.global,
            Scope::VirtualHost(f, o) => match self.index.get(&(f, o)) {
                Some(&i) => &mut self.vhosts[i].acc,
                None => return,
            },
            Scope::Nested => return,
        };
        let Some(parsed) = parsed else {
            return;
        };
        match parsed {
            Parsed::ServerName => acc.server_name = d.args().first().map(|a| a.value()),
            Parsed::SocketOptions(options) => {
                acc.keepalive = options.apply_keepalive(acc.keepalive);
                for pair in options.pairs {
                    if pair.key != SocketOptionKey::Keepalive {
                        continue;
                    }
                    let word = d.args().at(pair.value_index);
                    acc.keepalive_word = Some((word, d));
                    if let SocketOptionValue::Keepalive(KeepaliveValue::Spec(spec)) = pair.value {
                        acc.spec = Some((spec, word_span(file, &word)));
                    }
                }
            }
            Parsed::SftpClientAlive(v) => acc.client_alive = Some(Box::new((v, d))),
            Parsed::SftpEngine(b) => {
                if let Some(b) = b {
                    acc.sftp_engine = Some((b, d));
                }
            }
            Parsed::Timeout(t) => {
                if t.kind == TimeoutKind::Session && t.classifier.is_some() {
                    return;
                }
                let slot = TimeoutKind::ALL
                    .iter()
                    .position(|k| *k == t.kind)
                    .expect("every kind is in ALL");
                acc.set_timeout(slot, (t, d));
            }
        }
    }

    /// Reads a setting directive the way ProFTPD does and records it.
    pub fn read(&mut self, file: FileId, d: Directive<'a>, scope: Scope) {
        let Some(setting) = Setting::of(d.name()) else {
            return;
        };
        if !self.wants(scope) {
            return;
        }
        let parsed = match setting {
            Setting::ServerName => Some(Parsed::ServerName),
            Setting::SftpEngine => {
                Some(Parsed::SftpEngine(d.args().first().and_then(|a| {
                    super::socket_options::proftpd_boolean(a.value())
                })))
            }
            Setting::SocketOptions => d
                .with_arg_values(|args| parse_socket_options_for(args, self.fine))
                .ok()
                .map(Parsed::SocketOptions),
            Setting::SftpClientAlive => d
                .with_arg_values(parse_sftp_client_alive)
                .ok()
                .map(Parsed::SftpClientAlive),
            Setting::Timeout(kind) => d
                .with_arg_values(|args| parse_timeout(kind, args))
                .ok()
                .map(Parsed::Timeout),
        };
        self.record(file, d, scope, parsed);
    }

    /// Calls `f` with the settings of each server not handed over by
    /// [`Collector::leave`]: the main server first, then the
    /// `<VirtualHost>`s in order.
    pub fn for_each_server(
        self,
        config: &Config,
        eval: &Evaluation,
        profile: &Profile,
        mut f: impl FnMut(ServerSettings),
    ) {
        f(settings(
            "main".into(),
            None,
            Span::new(config.root, 0..0),
            self.main,
            &self.global,
            config,
            eval,
            profile,
        ));
        for v in self.vhosts {
            f(vhost_settings(v, &self.global, config, eval, profile));
        }
    }
}

/// Whether mod_sftp is loaded (looked up only for a server that turns
/// SFTPEngine on).
fn sftp_loaded(eval: &Evaluation) -> bool {
    eval.loaded.contains("mod_sftp.c")
}

fn vhost_settings(
    v: Vhost,
    global: &Acc,
    config: &Config,
    eval: &Evaluation,
    profile: &Profile,
) -> ServerSettings {
    let section = directive_span(v.directive.parsed().file, &v.directive);
    settings(
        joined_args(&v.directive),
        Some(section.clone()),
        section,
        v.acc,
        global,
        config,
        eval,
        profile,
    )
}

/// The arguments of a line, separated by spaces.
fn joined_args(d: &Directive) -> CompactString {
    let mut out = CompactString::default();
    for (i, a) in d.args().iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(a.value());
    }
    out
}

/// Computes the effective settings of every server.
pub fn effective(config: &Config, eval: &Evaluation, profile: &Profile) -> Effective {
    let mut collector = Collector::new(profile);
    visit_live(config, eval, &mut |file, d, open| {
        let scope = scope_of(open);
        if d.role() == crate::syntax::LineRole::SectionOpen {
            collector.opener(file, d, scope);
        } else {
            collector.read(file, d, scope);
        }
    });
    let mut servers = Vec::with_capacity(collector.vhosts.len() + 1);
    collector.for_each_server(config, eval, profile, |s| servers.push(s));
    Effective {
        servers,
        profile: *profile,
    }
}

#[allow(clippy::too_many_arguments)]
fn settings(
    name: CompactString,
    section: Option<Span>,
    anchor: Span,
    own: Acc,
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
    let own_timeouts = &own.timeouts;
    let client_alive = own
        .client_alive
        .map(|c| (*c, false))
        .or_else(|| global.client_alive.as_ref().map(|c| ((**c).clone(), true)))
        .map(|((value, d), g)| {
            let file = d.parsed().file;
            ClientAliveSetting {
                value,
                written: joined_args(&d),
                origin: written(&directive_span(file, &d), g),
                arg_spans: d.args().iter().map(|w| word_span(file, &w)).collect(),
            }
        });
    let sftp_engine = own
        .sftp_engine
        .as_ref()
        .map(|e| (e, false))
        .or(global.sftp_engine.as_ref().map(|e| (e, true)))
        .map(|((b, d), g)| (*b, written(&directive_span(d.parsed().file, d), g)));
    let sftp_in_use = sftp_engine.as_ref().is_some_and(|(b, _)| *b) && sftp_loaded(eval);
    let mut values = Timeouts::default();
    let timeouts = std::array::from_fn(|slot| {
        let kind = TimeoutKind::ALL[slot];
        let found = timeout_in(own_timeouts, slot)
            .map(|t| (t, false))
            .or(global.timeout(slot).map(|t| (t, true)));
        match found {
            Some(((t, d), g)) => {
                values.set(t);
                TimeoutSetting {
                    kind,
                    seconds: values.get(kind),
                    written: Some(joined_args(d)),
                    origin: written(&directive_span(d.parsed().file, d), g),
                }
            }
            None => TimeoutSetting {
                kind,
                seconds: kind.default_seconds(),
                written: None,
                origin: Origin::Default,
            },
        }
    });
    let sftp_value = client_alive.as_ref().map(|c| &c.value);
    let timeline = Timeline::compute(profile, &own.keepalive, sftp_value);
    let keepalive = KeepaliveSetting {
        written: own
            .keepalive_word
            .map(|(w, _)| CompactString::from(w.value())),
        written_at: own
            .keepalive_word
            .map(|(w, d)| word_span(d.parsed().file, &w)),
        origin: own.keepalive_word.map_or(Origin::Default, |(_, d)| {
            written(&directive_span(d.parsed().file, &d), false)
        }),
        spec: own.spec.map(|(spec, span)| (*spec, span)),
        state: own.keepalive,
        timeline,
    };
    ServerSettings {
        name,
        server_name: own.server_name.map(str::to_owned),
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
