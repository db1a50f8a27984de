//! The `Timeout*` directives that interact with keepalives (mod_core,
//! mod_xfer, mod_auth handlers in v1.3.8; unchanged in master).

use std::fmt;

use super::duration::{Duration, DurationError, parse_duration};

/// The timeout directives modelled here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeoutKind {
    /// `TimeoutIdle` (mod_core), default 600 s; 0 disables it.
    Idle,
    /// `TimeoutNoTransfer` (mod_xfer), default 300 s.
    NoTransfer,
    /// `TimeoutStalled` (mod_xfer), default 3600 s; 0 lets transfers stall.
    Stalled,
    /// `TimeoutLogin` (mod_auth), default 300 s.
    Login,
    /// `TimeoutLinger` (mod_core), default 10 s.
    Linger,
    /// `TimeoutSession` (mod_auth), no default (unlimited).
    Session,
}

impl TimeoutKind {
    /// All kinds.
    pub const ALL: [TimeoutKind; 6] = [
        TimeoutKind::Idle,
        TimeoutKind::NoTransfer,
        TimeoutKind::Stalled,
        TimeoutKind::Login,
        TimeoutKind::Linger,
        TimeoutKind::Session,
    ];

    /// The directive name as ProFTPD registers it.
    pub fn name(self) -> &'static str {
        match self {
            TimeoutKind::Idle => "TimeoutIdle",
            TimeoutKind::NoTransfer => "TimeoutNoTransfer",
            TimeoutKind::Stalled => "TimeoutStalled",
            TimeoutKind::Login => "TimeoutLogin",
            TimeoutKind::Linger => "TimeoutLinger",
            TimeoutKind::Session => "TimeoutSession",
        }
    }

    /// Case-insensitive lookup by directive name.
    pub fn from_name(name: &str) -> Option<TimeoutKind> {
        TimeoutKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name))
    }

    /// Compile-time default in seconds (include/options.h); `None` for
    /// `TimeoutSession` (unlimited).
    pub fn default_seconds(self) -> Option<i64> {
        match self {
            TimeoutKind::Idle => Some(600),
            TimeoutKind::NoTransfer => Some(300),
            TimeoutKind::Stalled => Some(3600),
            TimeoutKind::Login => Some(300),
            TimeoutKind::Linger => Some(10),
            TimeoutKind::Session => None,
        }
    }
}

/// `user`, `group` or `class` in `TimeoutSession duration classifier expr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionClassifierKind {
    /// `user`.
    User,
    /// `group`.
    Group,
    /// `class`.
    Class,
}

impl SessionClassifierKind {
    /// Case-insensitive (`strcasecmp`).
    pub fn parse(text: &str) -> Option<SessionClassifierKind> {
        [
            ("user", SessionClassifierKind::User),
            ("group", SessionClassifierKind::Group),
            ("class", SessionClassifierKind::Class),
        ]
        .into_iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(text))
        .map(|(_, k)| k)
    }
}

/// The classifier part of a three-argument `TimeoutSession`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionClassifier {
    /// The classifier; `None` when unknown (only possible with value 0,
    /// which ProFTPD accepts before checking it).
    pub kind: Option<SessionClassifierKind>,
    /// The classifier word as written.
    pub text: String,
    /// The expression (argument 2).
    pub expr: String,
}

/// A parsed timeout directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeout {
    /// Which directive.
    pub kind: TimeoutKind,
    /// The duration as ProFTPD read it.
    pub duration: Duration,
    /// `TimeoutSession` only: the classifier, if three arguments were given.
    pub classifier: Option<SessionClassifier>,
    /// False when ProFTPD does not store a config record: `TimeoutSession 0`
    /// returns early, leaving the session unlimited.
    pub stored: bool,
    /// Indices of arguments ProFTPD ignores (extra arguments of the
    /// single-argument directives).
    pub ignored_args: Vec<usize>,
}

impl Timeout {
    /// Seconds as stored (possibly negative after a wrap).
    pub fn seconds(&self) -> i64 {
        self.duration.seconds
    }
}

/// Errors from the timeout handlers (context errors are not modelled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeoutError {
    /// Too few arguments (or, for `TimeoutSession`, not exactly 1 or 3).
    MissingParameters,
    /// `pr_str_get_duration` failed on argument 0.
    Value {
        /// The argument as written.
        text: String,
        /// Why.
        error: DurationError,
    },
    /// `TimeoutSession` classifier other than user/group/class (argument 1).
    UnknownClassifier(String),
}

impl TimeoutError {
    /// Argument index the error refers to.
    pub fn arg_index(&self) -> Option<usize> {
        match self {
            TimeoutError::MissingParameters => None,
            TimeoutError::Value { .. } => Some(0),
            TimeoutError::UnknownClassifier(_) => Some(1),
        }
    }

    /// The full message as `proftpd -t` prints it after `fatal: `, given the
    /// directive name as written. The classifier error repeats the name:
    /// `TimeoutSession: TimeoutSession: unknown classifier used: 'host'`.
    pub fn proftpd_message(&self, directive: &str) -> String {
        match self {
            TimeoutError::UnknownClassifier(c) => {
                format!("{directive}: {directive}: unknown classifier used: '{c}'")
            }
            _ => format!("{directive}: {self}"),
        }
    }
}

impl fmt::Display for TimeoutError {
    /// The handler's text (for the classifier error, without the leading
    /// directive name the handler adds).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeoutError::MissingParameters => write!(f, "missing parameters"),
            TimeoutError::Value { text, error } => {
                write!(f, "error parsing timeout value '{text}': {error}")
            }
            TimeoutError::UnknownClassifier(c) => write!(f, "unknown classifier used: '{c}'"),
        }
    }
}

impl std::error::Error for TimeoutError {}

/// Parses the duration argument.
fn duration_arg(text: &str) -> Result<Duration, TimeoutError> {
    parse_duration(text).map_err(|error| TimeoutError::Value {
        text: text.to_string(),
        error,
    })
}

/// Parses the arguments of a timeout directive of `kind`.
pub fn parse_timeout(kind: TimeoutKind, args: &[&str]) -> Result<Timeout, TimeoutError> {
    if kind == TimeoutKind::Session {
        return parse_timeout_session(args);
    }
    let first = args.first().ok_or(TimeoutError::MissingParameters)?;
    Ok(Timeout {
        kind,
        duration: duration_arg(first)?,
        classifier: None,
        stored: true,
        ignored_args: (1..args.len()).collect(),
    })
}

/// `TimeoutSession duration ["user"|"group"|"class" expr]`.
fn parse_timeout_session(args: &[&str]) -> Result<Timeout, TimeoutError> {
    if args.len() != 1 && args.len() != 3 {
        return Err(TimeoutError::MissingParameters);
    }
    let duration = duration_arg(args[0])?;
    let classifier = (args.len() == 3).then(|| SessionClassifier {
        kind: SessionClassifierKind::parse(args[1]),
        text: args[1].to_string(),
        expr: args[2].to_string(),
    });
    let stored = duration.seconds != 0;
    if stored {
        if let Some(c) = &classifier {
            if c.kind.is_none() {
                return Err(TimeoutError::UnknownClassifier(c.text.clone()));
            }
        }
    }
    Ok(Timeout {
        kind: TimeoutKind::Session,
        duration,
        classifier,
        stored,
        ignored_args: Vec::new(),
    })
}

/// The effective timeouts of one server, starting from the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// `TimeoutIdle` seconds (0 = disabled).
    pub idle: i64,
    /// `TimeoutNoTransfer` seconds.
    pub no_transfer: i64,
    /// `TimeoutStalled` seconds.
    pub stalled: i64,
    /// `TimeoutLogin` seconds.
    pub login: i64,
    /// `TimeoutLinger` seconds.
    pub linger: i64,
    /// `TimeoutSession` seconds; `None` = unlimited.
    pub session: Option<i64>,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            idle: 600,
            no_transfer: 300,
            stalled: 3600,
            login: 300,
            linger: 10,
            session: None,
        }
    }
}

impl Timeouts {
    /// Records `t` (a later directive overwrites an earlier one).
    /// A classified `TimeoutSession` is ignored here, since it applies only
    /// to some sessions.
    pub fn set(&mut self, t: &Timeout) {
        let s = t.seconds();
        match t.kind {
            TimeoutKind::Idle => self.idle = s,
            TimeoutKind::NoTransfer => self.no_transfer = s,
            TimeoutKind::Stalled => self.stalled = s,
            TimeoutKind::Login => self.login = s,
            TimeoutKind::Linger => self.linger = s,
            TimeoutKind::Session if t.stored && t.classifier.is_none() => self.session = Some(s),
            TimeoutKind::Session => {}
        }
    }

    /// The value for `kind` (`None` only for an unset `TimeoutSession`).
    pub fn get(&self, kind: TimeoutKind) -> Option<i64> {
        match kind {
            TimeoutKind::Idle => Some(self.idle),
            TimeoutKind::NoTransfer => Some(self.no_transfer),
            TimeoutKind::Stalled => Some(self.stalled),
            TimeoutKind::Login => Some(self.login),
            TimeoutKind::Linger => Some(self.linger),
            TimeoutKind::Session => self.session,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        assert_eq!(TimeoutKind::Idle.default_seconds(), Some(600));
        assert_eq!(TimeoutKind::NoTransfer.default_seconds(), Some(300));
        assert_eq!(TimeoutKind::Stalled.default_seconds(), Some(3600));
        assert_eq!(TimeoutKind::Login.default_seconds(), Some(300));
        assert_eq!(TimeoutKind::Linger.default_seconds(), Some(10));
        assert_eq!(TimeoutKind::Session.default_seconds(), None);
        let t = Timeouts::default();
        for k in TimeoutKind::ALL {
            assert_eq!(t.get(k), k.default_seconds());
        }
        assert_eq!(
            TimeoutKind::from_name("timeoutidle"),
            Some(TimeoutKind::Idle)
        );
    }

    #[test]
    fn single_argument_directives() {
        let t = parse_timeout(TimeoutKind::Idle, &["1200"]).unwrap();
        assert_eq!(t.seconds(), 1200);
        let t = parse_timeout(TimeoutKind::Stalled, &["10m", "junk"]).unwrap();
        assert_eq!(t.seconds(), 600);
        assert_eq!(t.ignored_args, vec![1]);
        let e = parse_timeout(TimeoutKind::Login, &[]).unwrap_err();
        assert_eq!(
            e.proftpd_message("TimeoutLogin"),
            "TimeoutLogin: missing parameters"
        );
        let e = parse_timeout(TimeoutKind::Idle, &["abc"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "error parsing timeout value 'abc': Invalid argument"
        );
        assert_eq!(
            e.proftpd_message("TimeoutIdle"),
            "TimeoutIdle: error parsing timeout value 'abc': Invalid argument"
        );
        let e = parse_timeout(TimeoutKind::Idle, &["-1"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "error parsing timeout value '-1': Numerical result out of range"
        );
    }

    #[test]
    fn timeout_session() {
        let t = parse_timeout(TimeoutKind::Session, &["3600"]).unwrap();
        assert!(t.stored);
        let t = parse_timeout(TimeoutKind::Session, &["1h", "User", "bob"]).unwrap();
        assert_eq!(
            t.classifier.as_ref().unwrap().kind,
            Some(SessionClassifierKind::User)
        );
        let e = parse_timeout(TimeoutKind::Session, &["3600", "host", "x"]).unwrap_err();
        assert_eq!(
            e.proftpd_message("TimeoutSession"),
            "TimeoutSession: TimeoutSession: unknown classifier used: 'host'"
        );
        // Value 0 returns before the classifier check.
        let t = parse_timeout(TimeoutKind::Session, &["0", "bogus", "foo"]).unwrap();
        assert!(!t.stored);
        assert_eq!(t.classifier.unwrap().kind, None);
        for args in [&["1", "user"][..], &[], &["1", "user", "a", "b"]] {
            assert_eq!(
                parse_timeout(TimeoutKind::Session, args),
                Err(TimeoutError::MissingParameters)
            );
        }
        // A bad value is reported before the classifier.
        let e = parse_timeout(TimeoutKind::Session, &["x", "host", "a"]).unwrap_err();
        assert!(matches!(e, TimeoutError::Value { .. }));
    }

    #[test]
    fn effective_values() {
        let mut t = Timeouts::default();
        t.set(&parse_timeout(TimeoutKind::Idle, &["0"]).unwrap());
        t.set(&parse_timeout(TimeoutKind::Session, &["0"]).unwrap());
        t.set(&parse_timeout(TimeoutKind::Session, &["5h", "class", "x"]).unwrap());
        assert_eq!(t.idle, 0);
        assert_eq!(t.session, None);
        t.set(&parse_timeout(TimeoutKind::Session, &["2h"]).unwrap());
        assert_eq!(t.session, Some(7200));
    }
}
