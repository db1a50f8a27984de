//! `<IfModule>`, `<IfDefine>` and `<IfVersion>`: which hold, which blocks
//! ProFTPD skips, and whether its raw-text skipping finds the closer.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::load::Config;
use crate::source::FileId;
use crate::syntax::{Directive, NodeKind, ParsedFile, Section};
use crate::version::ProftpdVersion;

/// Modules compiled into Debian's 1.3.8 `proftpd` (`proftpd -l`), the most
/// common packaged build and our test oracle.
pub const DEBIAN_STATIC_MODULES: &[&str] = &[
    "mod_core.c",
    "mod_xfer.c",
    "mod_rlimit.c",
    "mod_auth_unix.c",
    "mod_auth_file.c",
    "mod_auth.c",
    "mod_ls.c",
    "mod_log.c",
    "mod_site.c",
    "mod_delay.c",
    "mod_facts.c",
    "mod_dso.c",
    "mod_auth_pam.c",
    "mod_cap.c",
    "mod_ctrls.c",
    "mod_lang.c",
];

/// What the server is assumed to have when the config is read.
#[derive(Debug, Clone)]
pub struct Environment {
    pub static_modules: Vec<String>,
    /// `-D` defines given on the command line.
    pub defines: Vec<String>,
    /// The ProFTPD release, for `<IfVersion>` and version-dependent rules.
    pub version: ProftpdVersion,
}

impl Default for Environment {
    fn default() -> Self {
        Environment {
            static_modules: DEBIAN_STATIC_MODULES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            defines: Vec::new(),
            version: ProftpdVersion::V1_3_8,
        }
    }
}

/// How ProFTPD's skipping of a false conditional block ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipEnd {
    /// At this line (its file range); `matches_tree` is false when the tree's
    /// own closer is a different line (e.g. `</IfModule> # end`).
    Line {
        span: Range<usize>,
        matches_tree: bool,
    },
    /// Never: ProFTPD fails with "unclosed <IfModule> context".
    EndOfFile,
}

#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Truth of each conditional opener, keyed by (file, opener line start).
    pub truth: rustc_hash::FxHashMap<(FileId, usize), bool>,
    /// How ProFTPD's skip of each false block ends.
    pub skips: rustc_hash::FxHashMap<(FileId, usize), SkipEnd>,
    /// File ranges ProFTPD never parses (bodies of false blocks).
    pub skipped: rustc_hash::FxHashMap<FileId, Vec<Range<usize>>>,
    /// Modules loaded (static + LoadModule) at the end of the config.
    pub loaded: HashSet<String>,
    /// LoadModule lines: module name → (file, line start).
    pub load_module_at: HashMap<String, (FileId, usize)>,
}

impl Evaluation {
    pub fn is_skipped(&self, file: FileId, offset: usize) -> bool {
        self.skipped
            .get(&file)
            .is_some_and(|ranges| ranges.iter().any(|r| r.contains(&offset)))
    }

    pub fn truth_of(&self, file: FileId, section: &Section) -> Option<bool> {
        self.truth
            .get(&(file, section.open().span().start))
            .copied()
    }
}

/// Evaluates every conditional section in ProFTPD's reading order.
pub fn evaluate(config: &Config, env: &Environment) -> Evaluation {
    let mut evaluator = Evaluator {
        config,
        version: (env.version.major, env.version.minor, env.version.patch),
        eval: Evaluation::default(),
        loaded: env.static_modules.iter().cloned().collect(),
        defines: env.defines.iter().cloned().collect(),
        depth: 0,
    };
    evaluator.file(config.root);
    let mut eval = evaluator.eval;
    eval.loaded = evaluator.loaded;
    eval
}

/// Goes down the lines ProFTPD reads, in its order: each Include entered
/// where it stands, the bodies of conditions that do not hold skipped.
struct Evaluator<'c> {
    config: &'c Config,
    version: (u32, u32, u32),
    eval: Evaluation,
    loaded: HashSet<String>,
    defines: HashSet<String>,
    /// Include depth.
    depth: usize,
}

impl Evaluator<'_> {
    /// Only the landmark lines matter here (see
    /// [`crate::syntax::ParsedFile::landmarks`]).
    fn file(&mut self, file: FileId) {
        let config = self.config;
        let parsed = config.file(file);
        // The end of the body of the last condition that does not hold.
        let mut skipped_to = 0;
        for &line in parsed.landmark_lines() {
            let line = line as usize;
            if line < skipped_to {
                continue;
            }
            match parsed.kind(line) {
                NodeKind::Trivia | NodeKind::Close => {}
                NodeKind::Directive => {
                    let directive = parsed.directive(line).expect("a directive line");
                    let name = directive.name();
                    if name.len() <= "LoadModule".len() {
                        self.directive(file, name, &directive);
                    }
                    if name.eq_ignore_ascii_case("Include")
                        && self.depth < crate::load::MAX_INCLUDE_DEPTH
                    {
                        self.depth += 1;
                        for &included in config.included_by(file, &directive) {
                            self.file(included);
                        }
                        self.depth -= 1;
                    }
                }
                NodeKind::Open => {
                    let section = parsed.section(line).expect("a section opener");
                    if !self.enter(file, parsed, &section) {
                        skipped_to = parsed.subtree_end(line);
                    }
                }
            }
        }
    }

    fn directive(&mut self, file: FileId, name: &str, directive: &Directive) {
        if name.eq_ignore_ascii_case("LoadModule") {
            if let Some(module) = directive.args().first() {
                self.loaded.insert(module.value().to_owned());
                self.eval
                    .load_module_at
                    .entry(module.value().to_owned())
                    .or_insert((file, directive.span().start));
            }
        } else if name.eq_ignore_ascii_case("Define") {
            if let Some(name) = directive.args().first() {
                self.defines.insert(name.value().to_owned());
            }
        }
    }

    /// Records a section's condition; whether its body is read.
    fn enter(&mut self, file: FileId, parsed: &ParsedFile, section: &Section) -> bool {
        let Some(holds) = condition_holds(section, &self.loaded, &self.defines, self.version)
        else {
            return true;
        };
        let eval = &mut self.eval;
        eval.truth
            .insert((file, section.open().span().start), holds);
        if !holds {
            let end = skip_end(parsed, self.config.sources.get(file).raw(), section);
            let body_end = match &end {
                SkipEnd::Line { span, .. } => span.end,
                SkipEnd::EndOfFile => self.config.sources.get(file).len(),
            };
            eval.skipped
                .entry(file)
                .or_default()
                .push(section.open().span().end..body_end);
            eval.skips.insert((file, section.open().span().start), end);
        }
        holds
    }
}

/// `Some(truth)` for IfModule/IfDefine/IfVersion, `None` for other sections.
fn condition_holds(
    section: &Section,
    loaded: &HashSet<String>,
    defines: &HashSet<String>,
    version: (u32, u32, u32),
) -> Option<bool> {
    let name = section.name();
    let arg = section
        .open()
        .args()
        .first()
        .map(|a| a.value())
        .unwrap_or("");
    let (negated, subject) = match arg.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, arg),
    };
    if name.eq_ignore_ascii_case("IfModule") {
        return Some(loaded.contains(subject) != negated);
    }
    if name.eq_ignore_ascii_case("IfDefine") {
        return Some(defines.contains(subject) != negated);
    }
    if name.eq_ignore_ascii_case("IfVersion") {
        let args: Vec<&str> = section.open().arg_values();
        return Some(version_matches(&args, version));
    }
    None
}

/// `<IfVersion [[!]op] version>` with op one of = == != < <= > >=
/// (regular-expression forms are treated as true: they cannot be decided
/// statically with confidence).
fn version_matches(args: &[&str], version: (u32, u32, u32)) -> bool {
    let (op, wanted) = match args {
        [v] => ("=", *v),
        [op, v, ..] => (*op, *v),
        [] => return true,
    };
    let (negated, op) = match op.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, op),
    };
    if op.contains('~') || wanted.starts_with('/') {
        return true;
    }
    let parse = |s: &str| -> Option<(u32, u32, u32)> {
        let digits: Vec<u32> = s
            .split('.')
            .map(|p| {
                p.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            })
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        Some((
            *digits.first()?,
            *digits.get(1).unwrap_or(&0),
            *digits.get(2).unwrap_or(&0),
        ))
    };
    let Some(wanted) = parse(wanted) else {
        return true;
    };
    let result = match op {
        "=" | "==" => version == wanted,
        "<" => version < wanted,
        "<=" => version <= wanted,
        ">" => version > wanted,
        ">=" => version >= wanted,
        _ => true,
    };
    result != negated
}

/// Replays ProFTPD's skip loop over the raw lines after a false opener:
/// lines starting with `<IfModule` (prefix, any case) nest, and only a line
/// equal to `</IfModule>` (any case, nothing else on it) closes.
fn skip_end(parsed: &ParsedFile, raw: &[u8], section: &Section) -> SkipEnd {
    let name = section.name();
    let opener = format!("<{name}");
    let closer = format!("</{name}>");
    let mut depth = 1usize;
    let tree_close = section.close().map(|c| c.line());
    for index in section.open().line() + 1..parsed.line_count() {
        if parsed.directive(index).is_none() {
            continue;
        }
        let text = parsed.line_text(raw, index);
        if text.len() >= opener.len()
            && text[..opener.len()].eq_ignore_ascii_case(opener.as_bytes())
        {
            depth += 1;
        } else if text.eq_ignore_ascii_case(closer.as_bytes()) {
            depth -= 1;
            if depth == 0 {
                return SkipEnd::Line {
                    span: parsed.line_span(index),
                    matches_tree: tree_close == Some(index),
                };
            }
        }
    }
    SkipEnd::EndOfFile
}
