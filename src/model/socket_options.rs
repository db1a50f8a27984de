//! `SocketOptions` as ProFTPD 1.3.8's `set_socketoptions` (mod_core.c) parses
//! it; the grammar is identical in master.
//!
//! Arguments are key/value pairs processed left to right; the first error
//! stops parsing. Keys are case-insensitive: `maxseg`, `rcvbuf`, `sndbuf`,
//! `keepalive`, `reuseport`. Later pairs overwrite earlier ones. Numbers go
//! through `atoi` (see [`ParsedInt`]).

use std::fmt;

use compact_str::CompactString;

use super::number::ParsedInt;

/// The keys `set_socketoptions` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SocketOptionKey {
    /// `maxseg N` (TCP_MAXSEG, data connections).
    Maxseg,
    /// `rcvbuf N` (SO_RCVBUF).
    Rcvbuf,
    /// `sndbuf N` (SO_SNDBUF).
    Sndbuf,
    /// `keepalive on|off|idle:count:interval`.
    Keepalive,
    /// `reuseport on|off`.
    Reuseport,
}

impl SocketOptionKey {
    /// Case-insensitive lookup (`strcasecmp`).
    pub fn parse(text: &str) -> Option<SocketOptionKey> {
        const KEYS: [(&str, SocketOptionKey); 5] = [
            ("maxseg", SocketOptionKey::Maxseg),
            ("rcvbuf", SocketOptionKey::Rcvbuf),
            ("sndbuf", SocketOptionKey::Sndbuf),
            ("keepalive", SocketOptionKey::Keepalive),
            ("reuseport", SocketOptionKey::Reuseport),
        ];
        KEYS.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(text))
            .map(|(_, v)| *v)
    }

    /// The canonical lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            SocketOptionKey::Maxseg => "maxseg",
            SocketOptionKey::Rcvbuf => "rcvbuf",
            SocketOptionKey::Sndbuf => "sndbuf",
            SocketOptionKey::Keepalive => "keepalive",
            SocketOptionKey::Reuseport => "reuseport",
        }
    }
}

/// ProFTPD's `pr_str_is_boolean`: exact, case-insensitive
/// `on off yes no true false 1 0`.
pub fn proftpd_boolean(text: &str) -> Option<bool> {
    const WORDS: [(&str, bool); 8] = [
        ("on", true),
        ("off", false),
        ("yes", true),
        ("no", false),
        ("true", true),
        ("false", false),
        ("1", true),
        ("0", false),
    ];
    WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(text))
        .map(|(_, b)| *b)
}

/// One field of an `idle:count:interval` spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecField {
    /// The text `atoi` was given. For the interval this is the whole rest
    /// of the spec, e.g. `75:3` in `7200:9:75:3`.
    pub text: CompactString,
    /// Byte offset of `text` within the keepalive argument.
    pub offset: usize,
    /// What `atoi` made of it.
    pub parsed: ParsedInt,
}

impl SpecField {
    fn new(spec: &str, offset: usize, end: usize) -> SpecField {
        let text = &spec[offset..end];
        SpecField {
            text: CompactString::from(text),
            offset,
            parsed: ParsedInt::parse(text),
        }
    }

    /// The value ProFTPD uses.
    pub fn value(&self) -> i32 {
        self.parsed.value
    }
}

/// A keepalive `idle:count:interval` spec as ProFTPD read it (all ≥ 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeepaliveSpec {
    /// The whole argument.
    pub text: CompactString,
    /// Seconds before the first probe.
    pub idle: SpecField,
    /// Unanswered probes before the connection is dropped.
    pub count: SpecField,
    /// Seconds between probes (`atoi` of everything after the second colon).
    pub interval: SpecField,
}

impl KeepaliveSpec {
    /// The three values as ProFTPD stores them.
    pub fn values(&self) -> KeepaliveValues {
        KeepaliveValues {
            idle: self.idle.value(),
            count: self.count.value(),
            interval: self.interval.value(),
        }
    }
}

/// The three stored keepalive numbers (`keepalive_idle/count/intvl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeepaliveValues {
    /// Idle seconds.
    pub idle: i32,
    /// Probe count.
    pub count: i32,
    /// Interval seconds.
    pub interval: i32,
}

/// What a `keepalive` value was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeepaliveValue {
    /// A boolean word: sets only the on/off flag.
    Bool(bool),
    /// A fine-grained spec (also turns keepalive on). Boxed: it is large,
    /// and the value is moved several times on its way to a server's
    /// settings.
    Spec(Box<KeepaliveSpec>),
    /// A non-boolean value on a build without any of `TCP_KEEPIDLE`,
    /// `TCP_KEEPCNT`, `TCP_KEEPINTVL` (e.g. OpenBSD): accepted unvalidated
    /// and treated as `keepalive on`.
    SpecIgnored(String),
}

/// The keepalive state of a server after its `SocketOptions` (ProFTPD's
/// `struct tcp_keepalive`). Default: enabled, no values (kernel defaults).
///
/// Quirk: `keepalive 7200:9:75 keepalive off` keeps the values but turns the
/// flag off; a later `keepalive on` re-enables them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeepaliveState {
    /// SO_KEEPALIVE on or off.
    pub enabled: bool,
    /// Fine-grained values; `None` means -1 ("leave as is").
    pub values: Option<KeepaliveValues>,
}

impl Default for KeepaliveState {
    fn default() -> Self {
        KeepaliveState {
            enabled: true,
            values: None,
        }
    }
}

/// The parsed value of one pair.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)]
pub enum SocketOptionValue {
    /// `maxseg` (0 = not set).
    Maxseg(ParsedInt),
    /// `rcvbuf` (≥ 1024).
    Rcvbuf(ParsedInt),
    /// `sndbuf` (≥ 1024).
    Sndbuf(ParsedInt),
    /// `keepalive`.
    Keepalive(KeepaliveValue),
    /// `reuseport`.
    Reuseport(bool),
}

/// One key/value pair with the argument indices (0 = first argument after
/// the directive name) so callers can point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocketOptionPair {
    /// Which key.
    pub key: SocketOptionKey,
    /// The key as written.
    pub key_text: CompactString,
    /// Argument index of the key.
    pub key_index: usize,
    /// Argument index of the value (`key_index + 1`).
    pub value_index: usize,
    /// The value as written.
    pub value_text: CompactString,
    /// The parsed value.
    pub value: SocketOptionValue,
}

/// A whole `SocketOptions` line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SocketOptions {
    /// Every pair, in order.
    pub pairs: Vec<SocketOptionPair>,
}

impl SocketOptions {
    /// The last pair with `key` (the one that wins).
    pub fn last(&self, key: SocketOptionKey) -> Option<&SocketOptionPair> {
        self.pairs.iter().rev().find(|p| p.key == key)
    }

    /// Pairs whose key appears again later on the line. Note that a boolean
    /// `keepalive` after a spec flips only the on/off flag; the spec's values
    /// stay stored (see [`KeepaliveState`]).
    pub fn overwritten(&self) -> Vec<&SocketOptionPair> {
        self.pairs
            .iter()
            .enumerate()
            .filter(|(i, p)| self.pairs[i + 1..].iter().any(|q| q.key == p.key))
            .map(|(_, p)| p)
            .collect()
    }

    /// The last keepalive spec given, if any (its values persist in ProFTPD
    /// even when a later `keepalive on|off` follows).
    pub fn keepalive_spec(&self) -> Option<&KeepaliveSpec> {
        self.pairs.iter().rev().find_map(|p| match &p.value {
            SocketOptionValue::Keepalive(KeepaliveValue::Spec(s)) => Some(&**s),
            _ => None,
        })
    }

    /// Applies the pairs to `state` the way ProFTPD writes `cmd->server`.
    pub fn apply_keepalive(&self, mut state: KeepaliveState) -> KeepaliveState {
        for p in &self.pairs {
            match &p.value {
                SocketOptionValue::Keepalive(KeepaliveValue::Bool(b)) => state.enabled = *b,
                SocketOptionValue::Keepalive(KeepaliveValue::Spec(s)) => {
                    state.enabled = true;
                    state.values = Some(s.values());
                }
                SocketOptionValue::Keepalive(KeepaliveValue::SpecIgnored(_)) => {
                    state.enabled = true
                }
                _ => {}
            }
        }
        state
    }

    /// The keepalive state starting from ProFTPD's default.
    pub fn keepalive_state(&self) -> KeepaliveState {
        self.apply_keepalive(KeepaliveState::default())
    }
}

/// What went wrong, with ProFTPD's message text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SocketOptionsErrorKind {
    /// Odd number of arguments.
    BadNumberOfParameters,
    /// A key ProFTPD does not know.
    UnknownOption(String),
    /// `maxseg` < 0.
    MaxsegNegative,
    /// `rcvbuf` < 1024.
    RcvbufTooSmall,
    /// `sndbuf` < 1024.
    SndbufTooSmall,
    /// `reuseport` value is not a boolean word.
    ReuseportNotBoolean,
    /// Missing first or second colon; holds the whole spec.
    KeepaliveBadlyFormatted(String),
    /// Idle < 1 (the parsed int).
    KeepaliveIdle(i32),
    /// Count < 1.
    KeepaliveCount(i32),
    /// Interval < 1.
    KeepaliveInterval(i32),
}

/// A `SocketOptions` error and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocketOptionsError {
    /// What went wrong.
    pub kind: SocketOptionsErrorKind,
    /// Argument index it refers to (`None` for the argument count).
    pub arg_index: Option<usize>,
}

impl SocketOptionsError {
    /// The full message as `proftpd -t` prints it after `fatal: `, given the
    /// directive name as written.
    pub fn proftpd_message(&self, directive: &str) -> String {
        format!("{directive}: {self}")
    }
}

impl fmt::Display for SocketOptionsError {
    /// The handler's text (what follows `SocketOptions: `).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SocketOptionsErrorKind as K;
        match &self.kind {
            K::BadNumberOfParameters => write!(f, "bad number of parameters"),
            K::UnknownOption(k) => write!(f, ": unknown socket option: '{k}'"),
            K::MaxsegNegative => write!(f, "maxseg size must be greater than 0"),
            K::RcvbufTooSmall => write!(f, "rcvbuf size must be greater than or equal to 1024"),
            K::SndbufTooSmall => write!(f, "sndbuf size must be greater than or equal to 1024"),
            K::ReuseportNotBoolean => write!(f, "reuseport must have Boolean parameter"),
            K::KeepaliveBadlyFormatted(s) => write!(f, "badly formatted TCP keepalive spec '{s}'"),
            K::KeepaliveIdle(v) => {
                write!(
                    f,
                    "badly formatted TCP keepalive spec: idle time '{v}' cannot be less than 1"
                )
            }
            K::KeepaliveCount(v) => write!(
                f,
                "badly formatted TCP keepalive spec: count '{v}' cannot be less than 1"
            ),
            K::KeepaliveInterval(v) => {
                write!(
                    f,
                    "badly formatted TCP keepalive spec: interval time '{v}' cannot be less than 1"
                )
            }
        }
    }
}

impl std::error::Error for SocketOptionsError {}

/// Parses a keepalive spec with ProFTPD's `strchr`/`atoi` logic.
/// `index` is the argument index used in errors.
pub fn parse_keepalive_spec(spec: &str, index: usize) -> Result<KeepaliveSpec, SocketOptionsError> {
    let err = |kind| SocketOptionsError {
        kind,
        arg_index: Some(index),
    };
    let bad = || {
        err(SocketOptionsErrorKind::KeepaliveBadlyFormatted(
            spec.to_string(),
        ))
    };
    let c1 = spec.find(':').ok_or_else(bad)?;
    let c2 = c1 + 1 + spec[c1 + 1..].find(':').ok_or_else(bad)?;
    let parsed = KeepaliveSpec {
        text: CompactString::from(spec),
        idle: SpecField::new(spec, 0, c1),
        count: SpecField::new(spec, c1 + 1, c2),
        interval: SpecField::new(spec, c2 + 1, spec.len()),
    };
    let v = parsed.values();
    if v.idle < 1 {
        return Err(err(SocketOptionsErrorKind::KeepaliveIdle(v.idle)));
    }
    if v.count < 1 {
        return Err(err(SocketOptionsErrorKind::KeepaliveCount(v.count)));
    }
    if v.interval < 1 {
        return Err(err(SocketOptionsErrorKind::KeepaliveInterval(v.interval)));
    }
    Ok(parsed)
}

/// Parses one value for `key` (argument index `vi`).
fn parse_value(
    key: SocketOptionKey,
    text: &str,
    vi: usize,
    fine_grained_build: bool,
) -> Result<SocketOptionValue, SocketOptionsError> {
    use SocketOptionsErrorKind as K;
    let err = |kind| SocketOptionsError {
        kind,
        arg_index: Some(vi),
    };
    Ok(match key {
        SocketOptionKey::Maxseg => {
            let p = ParsedInt::parse(text);
            if p.value < 0 {
                return Err(err(K::MaxsegNegative));
            }
            SocketOptionValue::Maxseg(p)
        }
        SocketOptionKey::Rcvbuf | SocketOptionKey::Sndbuf => {
            let p = ParsedInt::parse(text);
            let rcv = key == SocketOptionKey::Rcvbuf;
            if p.value < 1024 {
                return Err(err(if rcv {
                    K::RcvbufTooSmall
                } else {
                    K::SndbufTooSmall
                }));
            }
            if rcv {
                SocketOptionValue::Rcvbuf(p)
            } else {
                SocketOptionValue::Sndbuf(p)
            }
        }
        SocketOptionKey::Keepalive => SocketOptionValue::Keepalive(match proftpd_boolean(text) {
            Some(b) => KeepaliveValue::Bool(b),
            None if fine_grained_build => {
                KeepaliveValue::Spec(Box::new(parse_keepalive_spec(text, vi)?))
            }
            None => KeepaliveValue::SpecIgnored(text.to_string()),
        }),
        SocketOptionKey::Reuseport => SocketOptionValue::Reuseport(
            proftpd_boolean(text).ok_or_else(|| err(K::ReuseportNotBoolean))?,
        ),
    })
}

/// Parses `SocketOptions` arguments for a build that has the fine-grained
/// keepalive macros (every platform except OpenBSD).
pub fn parse_socket_options(args: &[&str]) -> Result<SocketOptions, SocketOptionsError> {
    parse_socket_options_for(args, true)
}

/// Parses `SocketOptions` arguments. `fine_grained_build` is false for a
/// ProFTPD built without `TCP_KEEPIDLE`/`TCP_KEEPCNT`/`TCP_KEEPINTVL`, where a
/// non-boolean keepalive value is accepted without validation.
pub fn parse_socket_options_for(
    args: &[&str],
    fine_grained_build: bool,
) -> Result<SocketOptions, SocketOptionsError> {
    if args.len() % 2 != 0 {
        return Err(SocketOptionsError {
            kind: SocketOptionsErrorKind::BadNumberOfParameters,
            arg_index: None,
        });
    }
    let mut pairs = Vec::with_capacity(args.len() / 2);
    for (n, pair) in args.chunks(2).enumerate() {
        let (ki, vi) = (2 * n, 2 * n + 1);
        let key = SocketOptionKey::parse(pair[0]).ok_or_else(|| SocketOptionsError {
            kind: SocketOptionsErrorKind::UnknownOption(pair[0].to_string()),
            arg_index: Some(ki),
        })?;
        let value = parse_value(key, pair[1], vi, fine_grained_build)?;
        pairs.push(SocketOptionPair {
            key,
            key_text: CompactString::from(pair[0]),
            key_index: ki,
            value_index: vi,
            value_text: CompactString::from(pair[1]),
            value,
        });
    }
    Ok(SocketOptions { pairs })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(args: &[&str]) -> String {
        parse_socket_options(args).unwrap_err().to_string()
    }

    fn spec(s: &str) -> KeepaliveValues {
        parse_keepalive_spec(s, 1).unwrap().values()
    }

    #[test]
    fn empty_is_accepted() {
        assert_eq!(parse_socket_options(&[]).unwrap().pairs.len(), 0);
        assert_eq!(
            parse_socket_options(&[]).unwrap().keepalive_state(),
            KeepaliveState::default()
        );
    }

    #[test]
    fn argument_count_and_unknown_keys() {
        let e = parse_socket_options(&["keepalive"]).unwrap_err();
        assert_eq!(
            e.proftpd_message("SocketOptions"),
            "SocketOptions: bad number of parameters"
        );
        assert_eq!(e.arg_index, None);
        let e = parse_socket_options(&["keepalive", "on", "nodelay", "on"]).unwrap_err();
        assert_eq!(
            e.proftpd_message("SocketOptions"),
            "SocketOptions: : unknown socket option: 'nodelay'"
        );
        assert_eq!(e.arg_index, Some(2));
    }

    #[test]
    fn keys_are_case_insensitive_and_overwrite() {
        let o = parse_socket_options(&["KeepAlive", "on", "keepalive", "off", "ReusePort", "ON"])
            .unwrap();
        assert_eq!(o.pairs[0].key, SocketOptionKey::Keepalive);
        assert_eq!(
            o.keepalive_state(),
            KeepaliveState {
                enabled: false,
                values: None
            }
        );
        assert_eq!(o.overwritten().len(), 1);
        assert_eq!(
            o.last(SocketOptionKey::Reuseport).unwrap().value,
            SocketOptionValue::Reuseport(true)
        );
        assert_eq!(o.pairs[2].key_index, 4);
        assert_eq!(o.pairs[2].value_index, 5);
    }

    #[test]
    fn boolean_after_spec_keeps_values() {
        let o = parse_socket_options(&["keepalive", "7200:9:75", "keepalive", "off"]).unwrap();
        let s = o.keepalive_state();
        assert!(!s.enabled);
        assert_eq!(
            s.values,
            Some(KeepaliveValues {
                idle: 7200,
                count: 9,
                interval: 75
            })
        );
        assert!(o.keepalive_spec().is_some());
    }

    #[test]
    fn numeric_options() {
        assert_eq!(err(&["maxseg", "-1"]), "maxseg size must be greater than 0");
        assert!(parse_socket_options(&["maxseg", "0"]).is_ok());
        assert!(parse_socket_options(&["maxseg", "abc"]).is_ok());
        assert_eq!(
            err(&["rcvbuf", "1023"]),
            "rcvbuf size must be greater than or equal to 1024"
        );
        assert_eq!(
            err(&["rcvbuf", "32k"]),
            "rcvbuf size must be greater than or equal to 1024"
        );
        assert_eq!(
            err(&["sndbuf", "100"]),
            "sndbuf size must be greater than or equal to 1024"
        );
        let o = parse_socket_options(&["rcvbuf", "1024", "sndbuf", "65536"]).unwrap();
        assert!(matches!(&o.pairs[1].value, SocketOptionValue::Sndbuf(p) if p.value == 65536));
        assert_eq!(
            err(&["reuseport", "maybe"]),
            "reuseport must have Boolean parameter"
        );
    }

    #[test]
    fn booleans() {
        for w in ["on", "ON", "yes", "True", "1"] {
            assert_eq!(proftpd_boolean(w), Some(true), "{w}");
        }
        for w in ["off", "No", "FALSE", "0"] {
            assert_eq!(proftpd_boolean(w), Some(false), "{w}");
        }
        for w in ["onn", "o", "", "2", "enable"] {
            assert_eq!(proftpd_boolean(w), None, "{w}");
        }
    }

    #[test]
    fn keepalive_spec_parsing() {
        assert_eq!(
            spec("7200:9:75"),
            KeepaliveValues {
                idle: 7200,
                count: 9,
                interval: 75
            }
        );
        let s = parse_keepalive_spec("7200:9:75:3", 1).unwrap();
        assert_eq!(s.interval.text, "75:3");
        assert_eq!(s.interval.value(), 75);
        assert_eq!(s.interval.offset, 7);
        assert_eq!(
            spec("7200x:9y:75z"),
            KeepaliveValues {
                idle: 7200,
                count: 9,
                interval: 75
            }
        );
        let s = parse_keepalive_spec("2h:9:75", 1).unwrap();
        assert_eq!(s.idle.value(), 2);
        assert_eq!(s.idle.parsed.trailing(), "h");
        let s = parse_keepalive_spec("99999999999:9:75", 1).unwrap();
        assert_eq!(s.idle.value(), 1215752191);
        assert!(s.idle.parsed.wrapped);
        assert_eq!(spec("4294967297:9:75").idle, 1);
    }

    #[test]
    fn keepalive_spec_errors() {
        let m = |s: &str| err(&["keepalive", s]);
        assert_eq!(m("7200:9"), "badly formatted TCP keepalive spec '7200:9'");
        assert_eq!(m("maybe"), "badly formatted TCP keepalive spec 'maybe'");
        assert_eq!(m("7200"), "badly formatted TCP keepalive spec '7200'");
        assert_eq!(
            m("7200:9:"),
            "badly formatted TCP keepalive spec: interval time '0' cannot be less than 1"
        );
        assert_eq!(
            m("0:9:75"),
            "badly formatted TCP keepalive spec: idle time '0' cannot be less than 1"
        );
        assert_eq!(
            m("-5:9:75"),
            "badly formatted TCP keepalive spec: idle time '-5' cannot be less than 1"
        );
        assert_eq!(
            m("abc:def:ghi"),
            "badly formatted TCP keepalive spec: idle time '0' cannot be less than 1"
        );
        assert_eq!(
            m("7200:0:75"),
            "badly formatted TCP keepalive spec: count '0' cannot be less than 1"
        );
        assert_eq!(
            m("2147483648:9:75"),
            "badly formatted TCP keepalive spec: idle time '-2147483648' cannot be less than 1"
        );
        assert_eq!(
            m("99999999999999999999:9:75"),
            "badly formatted TCP keepalive spec: idle time '-1' cannot be less than 1"
        );
        let e = parse_socket_options(&["maxseg", "0", "keepalive", "0:1:1"]).unwrap_err();
        assert_eq!(e.arg_index, Some(3));
    }

    #[test]
    fn build_without_fine_grained_macros() {
        let o = parse_socket_options_for(&["keepalive", "0:0:0"], false).unwrap();
        assert_eq!(
            o.pairs[0].value,
            SocketOptionValue::Keepalive(KeepaliveValue::SpecIgnored("0:0:0".into()))
        );
        assert_eq!(
            o.keepalive_state(),
            KeepaliveState {
                enabled: true,
                values: None
            }
        );
    }
}
