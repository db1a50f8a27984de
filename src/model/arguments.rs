//! Argument schemas (`grammar/arguments.toml`) and the one validator that
//! checks a directive's words against them the way its ProFTPD handler does.
//!
//! The schemas are generated from the handlers by `tools/catalog/args.py`;
//! see docs/arguments.md for the vocabulary. Directives whose schema has
//! `source = "model"` are checked by richer hand-written models instead
//! (SocketOptions, SFTPClientAlive, Timeout*).

use std::sync::LazyLock;

use serde::Deserialize;

use crate::model::duration::parse_duration;
use crate::model::number::c_strtol;

/// `grammar/arguments.toml` converted to JSON by `build.rs`.
static ARGUMENTS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/arguments.json"));

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

    /// The spec that applies to argument `index` (0-based).
    pub fn spec(&self, index: usize) -> Option<&ArgSpec> {
        self.params.get(index).or(self.rest.as_ref())
    }
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    arguments: Vec<Schema>,
}

static SCHEMAS: LazyLock<rustc_hash::FxHashMap<String, Schema>> = LazyLock::new(|| {
    let file: File = serde_json::from_str(ARGUMENTS_JSON)
        .unwrap_or_else(|e| panic!("bundled grammar/arguments.toml is invalid: {e}"));
    file.arguments
        .into_iter()
        .map(|s| (s.directive.to_ascii_lowercase(), s))
        .collect()
});

/// The schema of a directive (case-insensitive name).
pub fn schema(directive: &str) -> Option<&'static Schema> {
    crate::catalog::with_lowercase(directive.as_bytes(), b"", b"", |key| SCHEMAS.get(key))
}

/// Every schema, in no particular order.
pub fn schemas() -> impl Iterator<Item = &'static Schema> {
    SCHEMAS.values()
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
    let Some(schema) = schema(directive) else {
        return Vec::new();
    };
    // A schema that still needs review may misread a handler (RewriteMap
    // splits `int:toupper` before comparing), so it never produces findings;
    // it still feeds completion.
    if schema.source == "model" || schema.review {
        return Vec::new();
    }
    args.iter()
        .enumerate()
        .filter_map(|(i, word)| {
            let spec = schema.spec(i)?;
            let problem = check_word(spec, word)?;
            Some(ArgProblem {
                index: i,
                proftpd_message: proftpd_message(&schema.directive, spec, word),
                problem,
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
    match spec.ty {
        ArgType::String => None,
        ArgType::Boolean => (!is_boolean(word)).then(|| invalid("a boolean (on/off)")),
        ArgType::Integer => check_integer(spec, word),
        ArgType::Octal => check_octal(spec, word),
        ArgType::Duration => parse_duration(word)
            .is_err()
            .then(|| invalid("a duration (seconds, HH:MM:SS or a number with a unit)")),
        ArgType::Size => {
            (!is_size(word)).then(|| invalid("a size (a number with an optional unit)"))
        }
        ArgType::Path => (spec.absolute && !word.starts_with('/'))
            .then(|| invalid("an absolute path (starting with /)")),
        ArgType::Enum => check_list(spec, &spec.keywords, word),
        ArgType::Flags => check_list(spec, &spec.values, word),
    }
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

/// `pr_str_get_nbytes`: digits, optional blanks, an optional unit.
fn is_size(word: &str) -> bool {
    let word = word.trim_start().trim_start_matches('+');
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let unit = word[digits..].trim_start().to_ascii_uppercase();
    matches!(
        unit.as_str(),
        "" | "B" | "KB" | "MB" | "GB" | "TB" | "K" | "M" | "G" | "T"
    )
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
    let Some(spec) = schema.spec(arg_index) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if spec.ty == ArgType::Boolean || spec.boolean {
        out.push(completion("on", "boolean: enable"));
        out.push(completion("off", "boolean: disable"));
    }
    let kind = match spec.ty {
        ArgType::Flags => "option",
        ArgType::Enum => "value",
        _ => "keyword",
    };
    for word in spec.keywords.iter().chain(spec.values.iter()) {
        if !out.iter().any(|c| c.label == *word) {
            out.push(completion(word, &format!("{} {kind}", schema.directive)));
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

    #[test]
    fn bundled_schemas_load_and_match_the_toml() {
        let from_toml: File = toml::from_str(include_str!("../../grammar/arguments.toml")).unwrap();
        assert_eq!(from_toml.arguments.len(), SCHEMAS.len());
        assert!(SCHEMAS.len() > 400);
    }

    use super::*;

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

    #[test]
    fn completions() {
        let c = value_completions("TLSOptions", 3);
        assert!(c.iter().any(|c| c.label == "StdEnvVars"));
        let b = value_completions("AllowOverwrite", 0);
        assert_eq!(b[0].label, "on");
        assert!(value_completions("NoSuchDirective", 0).is_empty());
    }
}
