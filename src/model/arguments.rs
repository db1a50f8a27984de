//! Argument schemas (`grammar/arguments.toml`) and the one validator that
//! checks a directive's words against them the way its ProFTPD handler does.
//!
//! The schemas are generated from the handlers by `tools/catalog/args.py`;
//! see docs/arguments.md for the vocabulary. Directives whose schema has
//! `source = "model"` are checked by richer hand-written models instead
//! (SocketOptions, SFTPClientAlive, Timeout*).

use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

use serde::Deserialize;

use crate::model::duration::parse_duration;
use crate::model::number::c_strtol;

/// `grammar/arguments.toml` as one JSON text per directive, by `build.rs`.
mod bundled {
    include!(concat!(env!("OUT_DIR"), "/arguments.rs"));
}

/// The kind of value one argument takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArgType {
    /// Anything (the handler checks nothing we model).
    String,
    /// ProFTPD's booleans: on/off, yes/no, true/false, 1/0, any case.
    Boolean,
    Integer,
    /// A base-8 number (modes, umasks).
    Octal,
    /// The `pr_str_get_duration` grammar (seconds, `HH:MM:SS`, units).
    Duration,
    /// A byte count with an optional unit.
    Size,
    Path,
    /// One of a closed list of words.
    Enum,
    /// Every argument is one of a list of option words.
    Flags,
    /// An IP address or host name, resolved on the server (never reported).
    Address,
    /// A user name or numeric id, looked up on the server (never reported).
    User,
    /// A group name or numeric id, looked up on the server (never reported).
    Group,
    /// A regular expression compiled by PCRE2.
    Regex,
    /// `key value` pairs (only as the variadic tail).
    Pairs,
}

/// A word a handler used to accept and no longer does.
#[derive(Debug, Clone, Deserialize)]
pub struct RemovedWord {
    pub value: String,
    pub removed_in: String,
    #[serde(default)]
    pub deprecated_in: Option<String>,
}

/// What one argument (or every argument of a variadic tail) accepts.
#[derive(Debug, Clone, Deserialize)]
pub struct ArgSpec {
    #[serde(rename = "type")]
    pub ty: ArgType,
    /// Words accepted besides the type (e.g. `none`), or the enum's values.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The flag words of a `flags` tail.
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub case_sensitive: bool,
    /// The handler tries the word as a boolean first.
    #[serde(default)]
    pub boolean: bool,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    /// The handler refuses only zero (e.g. an unsigned count where `-1`
    /// wraps to a huge value and is accepted).
    #[serde(default)]
    pub nonzero: bool,
    /// `strtol` with the end pointer checked: trailing text is refused.
    #[serde(default)]
    pub strict: bool,
    /// Read with `atoi`: never refused for its text, only for its value.
    #[serde(default)]
    pub parse: Option<String>,
    /// The `long` is stored in a 32-bit `int` (only its low 32 bits count).
    #[serde(default)]
    pub bits: Option<u32>,
    #[serde(default)]
    pub absolute: bool,
    /// A flags/keyword list the handler does not close with an error.
    #[serde(default)]
    pub open: bool,
    /// The text ProFTPD prints (a `''` stands for the offending word).
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub removed: Vec<RemovedWord>,
    /// An anchored regular expression (Rust syntax) the word must match:
    /// a handler's own format such as `host:port`.
    #[serde(default)]
    pub pattern: Option<String>,
    /// What `pattern` accepts, in words, for messages.
    #[serde(default)]
    pub expected: Option<String>,
    /// No word is accepted at this position (e.g. a third argument that
    /// makes ProFTPD crash): `expected`/`error` say why.
    #[serde(default)]
    pub refused: bool,
    /// A leading `!` (negation) is stripped before the word is checked.
    #[serde(default)]
    pub negatable: bool,
    /// A key of a `pairs` tail that takes no value (an on/off option among
    /// key/value options).
    #[serde(default)]
    pub flag: bool,
    /// The keys of a `pairs` tail and what each key's value accepts.
    #[serde(default)]
    pub keys: BTreeMap<String, ArgSpec>,
    #[serde(skip)]
    compiled_pattern: OnceLock<Option<regex::bytes::Regex>>,
}

/// A `pattern` as the whole-word matcher it stands for. It matches bytes,
/// as the C handlers read them (`.` is one byte, `\s` ASCII white space);
/// without Unicode classes it also compiles about ten times faster, which
/// a lint of one large config pays once per pattern it meets.
fn compile_pattern(pattern: &str) -> Result<regex::bytes::Regex, regex::Error> {
    regex::bytes::RegexBuilder::new(&format!("^(?:{pattern})$"))
        .unicode(false)
        .build()
}

impl ArgSpec {
    fn pattern_matches(&self, word: &str) -> bool {
        let Some(pattern) = &self.pattern else {
            return true;
        };
        let compiled = self
            .compiled_pattern
            .get_or_init(|| compile_pattern(pattern).ok());
        // A pattern that does not compile is a bug in the grammar (a unit
        // test compiles them all); never refuse a word because of it.
        compiled
            .as_ref()
            .is_none_or(|re| re.is_match(word.as_bytes()))
    }

    /// The accepted keys of a `pairs` tail, in their written case.
    pub fn key_names(&self) -> Vec<String> {
        self.keys.keys().cloned().collect()
    }
}

/// One reading of a handler whose accepted shape depends on the count or
/// on a leading keyword.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Alternative {
    #[serde(default)]
    pub params: Vec<ArgSpec>,
    #[serde(default)]
    pub rest: Option<ArgSpec>,
    /// The handler picks this reading when the first word is one of these
    /// (compared case-sensitively unless `when_ignore_case`); readings with
    /// `when` are never tried for other first words, and those without it
    /// are not tried when some reading's `when` matches.
    #[serde(default)]
    pub when: Vec<String>,
    #[serde(default)]
    pub when_ignore_case: bool,
}

impl Alternative {
    fn fits(&self, count: usize) -> bool {
        count == self.params.len() || (self.rest.is_some() && count > self.params.len())
    }

    fn selected_by(&self, first: &str) -> bool {
        self.when.iter().any(|w| match self.when_ignore_case {
            true => w.eq_ignore_ascii_case(first),
            false => w == first,
        })
    }
}

/// A check between two integer arguments (argv indices, 1-based).
#[derive(Debug, Clone, Deserialize)]
pub struct Relation {
    pub left: usize,
    pub op: String,
    pub right: usize,
    /// `text` compares the words as strings (`==`/`!=` only), otherwise
    /// they are read as integers.
    #[serde(default)]
    pub compare: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
}

impl Relation {
    fn holds_for(&self, left: &str, right: &str) -> bool {
        if self.compare.as_deref() == Some("text") {
            return match self.op.as_str() {
                "==" => left == right,
                "!=" => left != right,
                _ => true,
            };
        }
        self.holds(c_strtol(left).value, c_strtol(right).value)
    }

    fn holds(&self, left: i64, right: i64) -> bool {
        match self.op.as_str() {
            "<" => left < right,
            "<=" => left <= right,
            ">" => left > right,
            ">=" => left >= right,
            "==" => left == right,
            "!=" => left != right,
            _ => true,
        }
    }
}

/// The schema of one directive.
#[derive(Debug, Clone, Deserialize)]
pub struct Schema {
    pub directive: String,
    pub module: String,
    /// `derived`, `reviewed` or `model`.
    pub source: String,
    #[serde(default)]
    pub params: Vec<ArgSpec>,
    #[serde(default)]
    pub rest: Option<ArgSpec>,
    /// Readings tried in turn (instead of `params`/`rest`).
    #[serde(default)]
    pub alternatives: Vec<Alternative>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// What the handler checks that the text cannot tell (files, hosts,
    /// users, the server's libraries): documented, never reported.
    #[serde(default)]
    pub unchecked: Option<String>,
    #[serde(default)]
    pub review: bool,
    #[serde(default)]
    pub review_note: Option<String>,
}

impl Schema {
    /// Whether a person still has to check this schema against the handler.
    pub fn is_complete(&self) -> bool {
        !self.review
    }

    /// The spec that applies to argument `index` (0-based); with
    /// alternatives, the first alternative's that has one.
    pub fn spec(&self, index: usize) -> Option<&ArgSpec> {
        self.params.get(index).or(self.rest.as_ref()).or_else(|| {
            self.alternatives
                .iter()
                .find_map(|a| a.params.get(index).or(a.rest.as_ref()))
        })
    }

    /// Every reading of the handler: the alternatives, or `params`/`rest`.
    pub fn shapes(&self) -> Vec<Alternative> {
        if self.alternatives.is_empty() {
            vec![Alternative {
                params: self.params.clone(),
                rest: self.rest.clone(),
                ..Alternative::default()
            }]
        } else {
            self.alternatives.clone()
        }
    }
}

/// A bundled schema, read from its JSON the first time it is asked for: a
/// run looks at a few dozen of the ~500 directives, and reading them all
/// took longer than parsing a large config.
struct BundledSchema {
    json: &'static str,
    schema: OnceLock<Schema>,
}

impl BundledSchema {
    fn get(&self) -> &Schema {
        self.schema.get_or_init(|| {
            serde_json::from_str(self.json)
                .unwrap_or_else(|e| panic!("bundled grammar/arguments.toml is invalid: {e}"))
        })
    }
}

static SCHEMAS: LazyLock<rustc_hash::FxHashMap<&'static str, BundledSchema>> =
    LazyLock::new(|| {
        bundled::SCHEMA_JSON
            .iter()
            .map(|&(name, json)| {
                let schema = OnceLock::new();
                (name, BundledSchema { json, schema })
            })
            .collect()
    });

/// The schema of a directive (case-insensitive name).
pub fn schema(directive: &str) -> Option<&'static Schema> {
    crate::catalog::with_lowercase(directive.as_bytes(), b"", b"", |key| {
        SCHEMAS.get(key).map(BundledSchema::get)
    })
}

/// Builds the index of the bundled schemas (their names), reading none.
pub fn index_schemas() {
    LazyLock::force(&SCHEMAS);
}

/// Every schema, in no particular order.
pub fn schemas() -> impl Iterator<Item = &'static Schema> {
    SCHEMAS.values().map(BundledSchema::get)
}

/// Why one argument is refused (or only accepted by an older ProFTPD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The handler refuses the value.
    Invalid { expected: String },
    /// Not one of the flag or enum words.
    UnknownWord { accepted: Vec<String> },
    /// A word older releases accepted.
    Removed {
        removed_in: String,
        deprecated_in: Option<String>,
        accepted: Vec<String>,
    },
}

/// One finding of [`validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgProblem {
    /// 0-based argument index.
    pub index: usize,
    pub problem: Problem,
    /// What ProFTPD prints, in its words, for this value.
    pub proftpd_message: String,
}

/// Checks the argument words of `directive` against its schema. Returns
/// nothing for unknown directives and for those checked by a richer model.
pub fn validate(directive: &str, args: &[&str]) -> Vec<ArgProblem> {
    schema(directive).map_or_else(Vec::new, |schema| validate_schema(schema, args))
}

/// Checks argument words against a schema (nothing for schemas checked by
/// a richer model).
pub fn validate_schema(schema: &Schema, args: &[&str]) -> Vec<ArgProblem> {
    // A schema that still needs review may misread a handler (RewriteMap
    // splits `int:toupper` before comparing), so it never produces findings;
    // it still feeds completion.
    if schema.source == "model" || schema.review {
        return Vec::new();
    }
    check_schema(schema, args)
}

fn check_schema(schema: &Schema, args: &[&str]) -> Vec<ArgProblem> {
    if schema.alternatives.is_empty() {
        return check_reading(schema, &schema.params, schema.rest.as_ref(), args);
    }
    // When no reading accepts the words, report the one that accepted the
    // longest run of leading words: it is most likely what the user meant.
    let first = args.first().copied().unwrap_or_default();
    let keyed: Vec<&Alternative> = schema
        .alternatives
        .iter()
        .filter(|a| a.selected_by(first))
        .collect();
    let candidates: Vec<&Alternative> = if keyed.is_empty() {
        schema
            .alternatives
            .iter()
            .filter(|a| a.when.is_empty())
            .collect()
    } else {
        keyed
    };
    // The readings are every count the handler accepts (the catalogue's
    // counts are the union over all of them).
    if !candidates.is_empty() && !candidates.iter().any(|a| a.fits(args.len())) {
        return vec![word_count_problem(
            schema,
            &candidates,
            first,
            !keyed_first(schema, first),
        )];
    }
    let mut best: Option<Vec<ArgProblem>> = None;
    for alt in candidates.into_iter().filter(|a| a.fits(args.len())) {
        let problems = check_reading(schema, &alt.params, alt.rest.as_ref(), args);
        if problems.is_empty() {
            return problems;
        }
        let first_bad = |p: &[ArgProblem]| p.iter().map(|p| p.index).min().unwrap_or(0);
        if best
            .as_deref()
            .is_none_or(|b| first_bad(&problems) > first_bad(b))
        {
            best = Some(problems);
        }
    }
    best.unwrap_or_default()
}

/// A leading keyword followed by the wrong number of words (the catalogue's
/// count check cannot see it: it depends on the keyword).
fn keyed_first(schema: &Schema, first: &str) -> bool {
    schema.alternatives.iter().any(|a| a.selected_by(first))
}

fn word_count_problem(
    schema: &Schema,
    readings: &[&Alternative],
    first: &str,
    plain: bool,
) -> ArgProblem {
    let counts: Vec<String> = readings
        .iter()
        .map(|a| match a.rest {
            Some(_) => format!("{} or more", a.params.len()),
            None => a.params.len().to_string(),
        })
        .collect();
    let expected = format!("{} words in all", counts.join(" or "));
    ArgProblem {
        index: 0,
        proftpd_message: if plain {
            format!("{}: wrong number of parameters", schema.directive)
        } else {
            format!(
                "{}: wrong number of parameters after '{first}'",
                schema.directive
            )
        },
        problem: Problem::Invalid { expected },
    }
}

/// The words checked against one reading, then the relations between them
/// (which the handlers test after parsing each word).
fn check_reading(
    schema: &Schema,
    params: &[ArgSpec],
    rest: Option<&ArgSpec>,
    args: &[&str],
) -> Vec<ArgProblem> {
    let mut problems = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let Some(spec) = params.get(i).or(rest) else {
            break;
        };
        if spec.ty == ArgType::Pairs && i >= params.len() {
            let (problem, used) = check_pair(schema, spec, i, args);
            problems.extend(problem);
            i += used;
            continue;
        }
        if let Some(problem) = check_word(spec, args[i]) {
            problems.push(ArgProblem {
                index: i,
                proftpd_message: proftpd_message(&schema.directive, spec, args[i]),
                problem,
            });
        }
        i += 1;
    }
    if problems.is_empty() {
        problems.extend(check_relations(schema, args));
    }
    problems
}

/// One key of a `pairs` tail and its value; returns the problem, if any,
/// and how many words the key used (1 for a `flag` key or an unknown one).
fn check_pair(
    schema: &Schema,
    spec: &ArgSpec,
    i: usize,
    args: &[&str],
) -> (Option<ArgProblem>, usize) {
    let key = args[i];
    let Some(value_spec) = spec
        .keys
        .iter()
        .find(|(k, _)| word_eq(spec, k, key))
        .map(|(_, v)| v)
    else {
        let problem = ArgProblem {
            index: i,
            proftpd_message: proftpd_message(&schema.directive, spec, key),
            problem: Problem::UnknownWord {
                accepted: spec.key_names(),
            },
        };
        return (Some(problem), 2);
    };
    if value_spec.flag {
        return (None, 1);
    }
    let Some(value) = args.get(i + 1) else {
        let problem = ArgProblem {
            index: i,
            proftpd_message: format!("{}: '{key}' needs a value", schema.directive),
            problem: Problem::Invalid {
                expected: format!("a value after {key}"),
            },
        };
        return (Some(problem), 1);
    };
    let problem = check_word(value_spec, value).map(|problem| ArgProblem {
        index: i + 1,
        proftpd_message: proftpd_message(&schema.directive, value_spec, value),
        problem,
    });
    (problem, 2)
}

fn check_relations(schema: &Schema, args: &[&str]) -> Vec<ArgProblem> {
    let word = |argv: usize| argv.checked_sub(1).and_then(|i| args.get(i)).copied();
    schema
        .relations
        .iter()
        .filter_map(|r| {
            let (left, right) = (word(r.left)?, word(r.right)?);
            if r.holds_for(left, right) {
                return None;
            }
            let expected = format!("argument {} {} argument {}", r.left, r.op, r.right);
            let message = match r.error.as_deref() {
                Some(e) if !e.is_empty() => format!("{}: {e}", schema.directive),
                _ => format!("{}: {expected} does not hold", schema.directive),
            };
            Some(ArgProblem {
                index: r.right - 1,
                proftpd_message: message,
                problem: Problem::Invalid { expected },
            })
        })
        .collect()
}

fn proftpd_message(directive: &str, spec: &ArgSpec, word: &str) -> String {
    let text = match spec.error.as_deref() {
        Some(e) if !e.is_empty() => e.replacen("''", &format!("'{word}'"), 1),
        _ => format!("'{word}' is not accepted"),
    };
    format!("{directive}: {}", text.trim_start_matches(": ").trim())
}

/// Whether one word, on its own, is accepted by `spec` (relations between
/// words and `pairs` keys are not considered).
pub fn accepts_word(spec: &ArgSpec, word: &str) -> bool {
    check_word(spec, word).is_none()
}

/// Whether `word` is one of ProFTPD's boolean words.
pub fn is_boolean(word: &str) -> bool {
    ["on", "off", "yes", "no", "true", "false", "1", "0"]
        .iter()
        .any(|b| b.eq_ignore_ascii_case(word))
}

fn word_eq(spec: &ArgSpec, a: &str, b: &str) -> bool {
    if spec.case_sensitive {
        a == b
    } else {
        a.eq_ignore_ascii_case(b)
    }
}

fn check_word(spec: &ArgSpec, word: &str) -> Option<Problem> {
    if spec.keywords.iter().any(|k| word_eq(spec, k, word)) && spec.ty != ArgType::Flags {
        return None;
    }
    if spec.boolean && is_boolean(word) {
        return None;
    }
    if spec.refused {
        return Some(invalid(
            spec.expected
                .as_deref()
                .unwrap_or("no word at this position"),
        ));
    }
    let word = match spec.negatable {
        true => word.strip_prefix('!').unwrap_or(word),
        false => word,
    };
    if !spec.pattern_matches(word) {
        return Some(invalid(&match &spec.expected {
            Some(words) => words.clone(),
            None => format!(
                "a value matching `{}`",
                spec.pattern.as_deref().unwrap_or_default()
            ),
        }));
    }
    match spec.ty {
        ArgType::String => None,
        ArgType::Boolean => (!is_boolean(word)).then(|| invalid("a boolean (on/off)")),
        ArgType::Integer => check_integer(spec, word),
        ArgType::Octal => check_octal(spec, word),
        ArgType::Duration => check_duration(spec, word),
        ArgType::Size => (!is_size(word))
            .then(|| invalid("a number of bytes (the unit, if any, is the next word)")),
        ArgType::Path => (spec.absolute && !word.starts_with('/'))
            .then(|| invalid("an absolute path (starting with /)")),
        ArgType::Enum => check_list(spec, &spec.keywords, word),
        ArgType::Flags => check_list(spec, &spec.values, word),
        ArgType::Address | ArgType::User | ArgType::Group | ArgType::Pairs => None,
        ArgType::Regex => regex_error(word).map(|why| invalid(&format!("a valid regex ({why})"))),
    }
}

/// The errors PCRE2 certainly reports too. `regex-syntax` refuses more
/// (look-around, backreferences, possessive quantifiers, `\\Q…\\E`, `a{,3}`),
/// which PCRE2 accepts, so every other error is ignored.
fn regex_error(word: &str) -> Option<&'static str> {
    use regex_syntax::ast::ErrorKind;
    let err = regex_syntax::ast::parse::Parser::new().parse(word).err()?;
    match err.kind() {
        ErrorKind::GroupUnclosed => Some("missing closing parenthesis"),
        ErrorKind::GroupUnopened => Some("unmatched closing parenthesis"),
        ErrorKind::ClassUnclosed => Some("missing terminating ] for character class"),
        ErrorKind::ClassRangeInvalid => Some("range out of order in character class"),
        ErrorKind::RepetitionCountInvalid => Some("numbers out of order in {} quantifier"),
        ErrorKind::EscapeUnexpectedEof => Some("\\ at end of pattern"),
        ErrorKind::RepetitionMissing if !is_possessive_or_lazy(word, err.span().start.offset) => {
            Some("quantifier does not follow a repeatable item")
        }
        _ => None,
    }
}

/// `a*+` (possessive) and `a+?` (lazy) are quantifier modifiers in PCRE2,
/// not quantifiers with nothing to repeat; `a**` is an error in both.
fn is_possessive_or_lazy(word: &str, offset: usize) -> bool {
    let (before, at) = word.split_at(offset.min(word.len()));
    at.starts_with(['+', '?'])
        && before
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '*' | '+' | '?' | '}'))
}

/// `pr_str_get_duration`, then the handler's bounds on the seconds (`min`,
/// `max`; a wrapped value is compared as ProFTPD stores it).
fn check_duration(spec: &ArgSpec, word: &str) -> Option<Problem> {
    let Ok(duration) = parse_duration(word) else {
        return Some(invalid(
            "a duration (seconds, HH:MM:SS or a number with a unit)",
        ));
    };
    let low = spec.min.is_some_and(|m| duration.seconds < m);
    let high = spec.max.is_some_and(|m| duration.seconds > m);
    (low || high).then(|| {
        let range = match (spec.min, spec.max) {
            (Some(lo), Some(hi)) => format!("from {lo} to {hi} seconds"),
            (Some(lo), None) => format!("of at least {lo} seconds"),
            (None, _) => format!("of at most {} seconds", spec.max.unwrap_or_default()),
        };
        invalid(&format!("a duration {range}"))
    })
}

fn invalid(expected: &str) -> Problem {
    Problem::Invalid {
        expected: expected.to_string(),
    }
}

fn check_list(spec: &ArgSpec, accepted: &[String], word: &str) -> Option<Problem> {
    if spec.open || accepted.iter().any(|v| word_eq(spec, v, word)) {
        return None;
    }
    if let Some(r) = spec.removed.iter().find(|r| word_eq(spec, &r.value, word)) {
        return Some(Problem::Removed {
            removed_in: r.removed_in.clone(),
            deprecated_in: r.deprecated_in.clone(),
            accepted: accepted.to_vec(),
        });
    }
    Some(Problem::UnknownWord {
        accepted: accepted.to_vec(),
    })
}

fn check_integer(spec: &ArgSpec, word: &str) -> Option<Problem> {
    let r = c_strtol(word);
    if spec.strict && r.end < word.len() {
        return Some(invalid(&range_text(spec)));
    }
    let value = if spec.parse.as_deref() == Some("atoi") || spec.bits == Some(32) {
        i64::from(r.value as i32)
    } else {
        r.value
    };
    let low = spec.min.is_some_and(|m| value < m);
    let high = spec.max.is_some_and(|m| value > m);
    let zero = spec.nonzero && value == 0;
    (low || high || zero).then(|| invalid(&range_text(spec)))
}

fn range_text(spec: &ArgSpec) -> String {
    let mut s = match (spec.min, spec.max) {
        (Some(lo), Some(hi)) => format!("a number from {lo} to {hi}"),
        (Some(lo), None) => format!("a number of at least {lo}"),
        (None, Some(hi)) => format!("a number up to {hi}"),
        (None, None) if spec.nonzero => "a number other than 0".to_string(),
        (None, None) => "a number".to_string(),
    };
    if !spec.keywords.is_empty() {
        s.push_str(&format!(" or {}", spec.keywords.join("/")));
    }
    s
}

fn check_octal(spec: &ArgSpec, word: &str) -> Option<Problem> {
    if !spec.strict {
        return None;
    }
    let body = word.trim_start_matches([' ', '\t']);
    let body = body.strip_prefix(['+', '-']).unwrap_or(body);
    let ok = !body.is_empty() && body.bytes().all(|b| (b'0'..=b'7').contains(&b));
    (!ok).then(|| invalid("an octal number (digits 0-7)"))
}

/// The number word of `pr_str_get_nbytes` (the unit is a word of its own):
/// no leading `-`, then `strtoull` must read the whole word without
/// overflowing. An empty word reads as 0; ` -5` wraps and is accepted.
fn is_size(word: &str) -> bool {
    if word.starts_with('-') {
        return false;
    }
    if word.is_empty() {
        return true;
    }
    let body = word.trim_start_matches([' ', '\t', '\n', '\x0B', '\x0C', '\r']);
    let body = body.strip_prefix(['+', '-']).unwrap_or(body);
    !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) && body.parse::<u64>().is_ok()
}

/// A value the language server can offer for an argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub detail: String,
}

/// Value completions for argument `arg_index` (0-based) of `directive`:
/// booleans, enumeration words, flags and keywords such as `none`.
pub fn value_completions(directive: &str, arg_index: usize) -> Vec<Completion> {
    let Some(schema) = schema(directive) else {
        return Vec::new();
    };
    let mut out: Vec<Completion> = Vec::new();
    let mut add = |label: &str, detail: String| {
        if !out.iter().any(|c| c.label == label) {
            out.push(completion(label, &detail));
        }
    };
    // every reading of the handler offers its words for this position
    for shape in schema.shapes() {
        let Some(spec) = shape.params.get(arg_index).or(shape.rest.as_ref()) else {
            continue;
        };
        if spec.ty == ArgType::Boolean || spec.boolean {
            add("on", "boolean: enable".into());
            add("off", "boolean: disable".into());
        }
        let kind = match spec.ty {
            ArgType::Flags => "option",
            ArgType::Enum => "value",
            ArgType::Pairs => "key",
            _ => "keyword",
        };
        let when: &[String] = if arg_index == 0 { &shape.when } else { &[] };
        let words = spec.keywords.iter().chain(&spec.values).chain(when);
        for word in words.chain(spec.keys.keys()) {
            add(word, format!("{} {kind}", schema.directive));
        }
    }
    out
}

fn completion(label: &str, detail: &str) -> Completion {
    Completion {
        label: label.to_string(),
        detail: detail.to_string(),
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    #[derive(Deserialize)]
    struct File {
        arguments: Vec<Schema>,
    }

    #[test]
    fn bundled_schemas_load_and_match_the_toml() {
        let from_toml: File = toml::from_str(include_str!("../../grammar/arguments.toml")).unwrap();
        assert_eq!(from_toml.arguments.len(), SCHEMAS.len());
        assert!(SCHEMAS.len() > 400);
        for expected in &from_toml.arguments {
            let bundled = schema(&expected.directive).expect("every schema is bundled");
            assert_eq!(bundled.directive, expected.directive);
            assert_eq!(bundled.shapes().len(), expected.shapes().len());
        }
    }

    #[test]
    fn schemas_load() {
        assert!(schemas().count() > 400);
        assert!(schema("tlsoptions").is_some());
    }

    #[test]
    fn removed_tls_option() {
        let p = validate("TLSOptions", &["StdEnvVars", "NoCertRequest"]);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].index, 1);
        assert!(matches!(p[0].problem, Problem::Removed { .. }));
        assert_eq!(
            p[0].proftpd_message,
            "TLSOptions: unknown TLSOption 'NoCertRequest'"
        );
    }

    #[test]
    fn booleans_and_bounds() {
        assert!(validate("AllowOverwrite", &["YES"]).is_empty());
        assert_eq!(validate("AllowOverwrite", &["maybe"]).len(), 1);
        assert_eq!(validate("Port", &["70000"]).len(), 1);
        assert!(validate("Port", &["2121"]).is_empty());
        assert_eq!(validate("Umask", &["0999"]).len(), 1);
        assert!(validate("Umask", &["022"]).is_empty());
    }

    fn spec(toml_text: &str) -> ArgSpec {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn every_directive_has_a_reviewed_schema() {
        let unreviewed: Vec<&str> = schemas()
            .filter(|s| !s.is_complete())
            .map(|s| s.directive.as_str())
            .collect();
        assert!(
            unreviewed.is_empty(),
            "schemas under review: {unreviewed:?}"
        );
        let missing: Vec<&str> = crate::catalog::catalog()
            .directives()
            .filter(|d| !d.is_removed() && schema(&d.name).is_none())
            .map(|d| d.name.as_str())
            .collect();
        assert!(
            missing.is_empty(),
            "directives without a schema: {missing:?}"
        );
    }

    const SAMPLE_WORDS: &[&str] = &[
        "",
        "0",
        "1",
        "-1",
        "+7",
        " 12",
        "007",
        "65536",
        "1024",
        "99999999999999999999",
        "1.5",
        "1e3",
        "0x1F",
        "inf",
        "nan",
        "on",
        "off",
        "yes",
        "no",
        "true",
        "false",
        "none",
        "NONE",
        "all",
        "All",
        "max",
        "unlimited",
        "regex",
        "Regex",
        "~",
        "~/x",
        "/x",
        "/x/*",
        "*",
        "a:b",
        ":",
        "a:",
        "builtin:x",
        "sql:/q",
        "file:/etc/x",
        "$(1:ab)",
        "$(0:a)",
        "10.0.0.1/8",
        "!10.0.0.0/33",
        "::1/128",
        "a,b",
        ",",
        "all,!1.2.3.4/8",
        "from",
        "mod_sftp.c",
        "1.3.8",
        "1.3.8rc3",
        "10KB",
        "5MB",
        "1B",
        "kb",
        "appe,stor",
        "[x]",
        "x y",
        "\t",
        "a\nb",
        "-",
        "1-2",
        "\"q\"",
        "%{env:X}",
    ];

    #[test]
    fn every_bundled_pattern_compiles() {
        for s in schemas() {
            for shape in s.shapes() {
                let specs = shape.params.iter().chain(shape.rest.iter());
                for spec in specs.flat_map(|p| std::iter::once(p).chain(p.keys.values())) {
                    if let Some(p) = &spec.pattern {
                        let bytes = compile_pattern(p);
                        assert!(
                            bytes.is_ok(),
                            "{}: pattern {p:?} does not compile: {bytes:?}",
                            s.directive
                        );
                        // On ASCII words, matching bytes is matching
                        // characters.
                        let chars = regex::Regex::new(&format!("^(?:{p})$")).unwrap();
                        for word in SAMPLE_WORDS {
                            assert_eq!(
                                bytes.as_ref().unwrap().is_match(word.as_bytes()),
                                chars.is_match(word),
                                "{}: pattern {p:?} on {word:?}",
                                s.directive
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn regex_errors_are_only_those_pcre2_shares() {
        // proftpd 1.3.8 (Debian, PCRE2) on `<IfUser regex "…">`; it also
        // refuses `a**` and `[[:foo:]]`, which regex-syntax lets through
        let re = spec(r#"type = "regex""#);
        let refused = [
            "(abc", "abc)", "[abc", "*abc", "a|*", "+a", "?a", "{1}", "x{2,1}", "\\", "a\\",
            "[z-a]", "(*)",
        ];
        for bad in refused {
            assert!(check_word(&re, bad).is_some(), "{bad}");
        }
        let accepted = [
            "^/home/.*$",
            "a*+",
            "a++",
            "a+?",
            "a{",
            "a{,3}",
            "(?<n>a)",
            "(?=a)",
            r"\Qa(\E",
            r"(a)\1",
            "[]a]",
            "()",
            "a||b",
            "",
        ];
        for good in accepted {
            assert!(check_word(&re, good).is_none(), "{good}");
        }
        let negatable = spec("type = \"regex\"\nnegatable = true");
        assert!(check_word(&negatable, "!^a").is_none());
        assert!(check_word(&negatable, "!(").is_some());
    }

    #[test]
    fn duration_bounds() {
        let d = spec("type = \"duration\"\nmin = 60");
        assert!(check_word(&d, "1m").is_none());
        assert!(check_word(&d, "59").is_some());
        assert!(check_word(&d, "abc").is_some());
    }

    #[test]
    fn patterns_and_pairs() {
        let p = spec("type = \"string\"\npattern = '[0-9]+:[0-9]+'");
        assert!(check_word(&p, "10:20").is_none());
        assert!(check_word(&p, "10:20x").is_some());
        let schema: Schema = toml::from_str(
            r#"
            directive = "X"
            module = "mod_x.c"
            source = "reviewed"
            rest = { type = "pairs", keys = { Limit = { type = "integer", min = 1 }, Mode = { type = "enum", keywords = ["a", "b"] } } }
            relations = []
            "#,
        )
        .unwrap();
        let check = |a: &[&str]| check_reading(&schema, &schema.params, schema.rest.as_ref(), a);
        assert!(check(&["limit", "5", "Mode", "a"]).is_empty());
        assert_eq!(check(&["Limit", "0"])[0].index, 1);
        assert!(matches!(
            check(&["Bogus", "1"])[0].problem,
            Problem::UnknownWord { .. }
        ));
        assert_eq!(check(&["Mode"]).len(), 1);
        let flags: Schema = toml::from_str(
            r#"
            directive = "ListOptions"
            module = "mod_ls.c"
            source = "reviewed"
            params = [{ type = "string" }]
            rest = { type = "pairs", keys = { strict = { type = "string", flag = true }, maxdepth = { type = "integer", min = 1 } } }
            relations = [{ left = 1, op = "!=", right = 2, compare = "text" }]
            "#,
        )
        .unwrap();
        let check = |a: &[&str]| check_schema(&flags, a);
        assert!(check(&["-l", "strict", "maxdepth", "3", "strict"]).is_empty());
        assert_eq!(check(&["-l", "maxdepth", "0"])[0].index, 2);
        assert_eq!(check(&["-l", "1"]).len(), 1, "a value where a key belongs");
        assert_eq!(check(&["-l", "maxdepth"]).len(), 1);
        let same = check(&["strict", "strict"]);
        assert_eq!(same.len(), 1, "the text relation");
        assert_eq!(same[0].index, 1);
    }

    #[test]
    fn alternatives_and_relations() {
        let schema: Schema = toml::from_str(
            r#"
            directive = "X"
            module = "mod_x.c"
            source = "reviewed"
            alternatives = [
              { params = [{ type = "enum", keywords = ["daemon", "session"] }, { type = "integer", min = 0 }] },
              { params = [{ type = "integer", min = 0, strict = true }, { type = "integer", min = 0 }] },
            ]
            relations = [{ left = 1, op = "<=", right = 2, error = "low above high" }]
            "#,
        )
        .unwrap();
        let check = |args: &[&str]| check_schema(&schema, args);
        assert!(check(&["1", "2"]).is_empty());
        let swapped = check(&["5", "2"]);
        assert_eq!(swapped[0].proftpd_message, "X: low above high");
        assert_eq!(swapped[0].index, 1);
        assert!(check(&["bogus", "2"]).len() == 1);
        assert_eq!(
            check(&["1", "2", "3"]).len(),
            1,
            "no reading takes three words"
        );

        let keyed: Schema = toml::from_str(
            r#"
            directive = "<IfUser>"
            module = "mod_ifsession.c"
            source = "reviewed"
            alternatives = [
              { when = ["regex"], params = [{ type = "string" }, { type = "regex" }] },
              { params = [], rest = { type = "string" } },
            ]
            "#,
        )
        .unwrap();
        let check = |args: &[&str]| check_schema(&keyed, args);
        assert!(check(&["regex", "^a"]).is_empty());
        assert_eq!(check(&["regex", "("]).len(), 1);
        assert_eq!(check(&["regex", "a", "b"]).len(), 1);
        assert!(check(&["Regex", "("]).is_empty());
        assert!(check(&["alice", "("]).is_empty());
    }

    #[test]
    fn completions() {
        let c = value_completions("TLSOptions", 3);
        assert!(c.iter().any(|c| c.label == "StdEnvVars"));
        let b = value_completions("AllowOverwrite", 0);
        assert_eq!(b[0].label, "on");
        assert!(value_completions("NoSuchDirective", 0).is_empty());
        // alternatives: every reading's words (UseEncoding's boolean, strict)
        assert_eq!(value_completions("UseEncoding", 0)[0].label, "on");
        assert!(
            value_completions("UseEncoding", 2)
                .iter()
                .any(|c| c.label == "strict")
        );
    }
}
