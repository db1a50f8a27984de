//! Oracle parity at scale for the argument schemas (grammar/arguments.toml):
//! for every directive the installed ProFTPD knows (all Debian modules
//! loaded) and every argument the schema types, valid and invalid words are
//! generated from the schema; `model::arguments::validate` predicts whether
//! ProFTPD refuses each line, and `proftpd -t` decides.
//!
//! Batching: one config holds many lines predicted valid (one per directive)
//! and at most one predicted invalid, last. ProFTPD stops at the first error:
//! an error on an earlier line is a mismatch for that line and the lines
//! after it go back into the queue. Host-dependent verdicts (missing files,
//! users, DNS) are listed apart and not counted.
//!
//! Run: `cargo test --test oracle_arguments -- --nocapture`.

mod support;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use proftpd_lint::catalog::{Context, catalog};
use proftpd_lint::model::arguments::{
    Alternative, ArgSpec, ArgType, Schema, accepts_word, schemas, validate,
};
use support::oracle::{self, HeaderOptions, Sandbox};

/// Directives that change how the rest of the file is read or need the
/// host (loading modules, includes, chroot/user switches, daemons).
const SKIP: &[&str] = &[
    "LoadModule",
    "ModulePath",
    "Include",
    "IncludeOptions",
    "Define",
    "User",
    "Group",
    "ServerType",
    "PidFile",
    "ScoreboardFile",
    "ScoreboardMutex",
    // the header already sets it: a second one is refused whatever its value
    "DefaultServer",
];

/// Words a module registers that is not installed on this machine (Debian's
/// proftpd-mod-mysql provides SQLAuthTypes' `Backend`): ProFTPD's verdict on
/// them depends on the packages installed.
const MODULE_DEPENDENT: &[(&str, &str)] = &[("SQLAuthTypes", "backend")];

/// Messages that depend on the host for one directive only (elsewhere the
/// same words are a plain syntax refusal): OpenSSL's digest names.
const HOST_MESSAGES: &[(&str, &str)] = &[("SQLPasswordPBKDF2", "unsupported digest algorithm")];

/// Whether a refusal is about the host, judged without the case's own
/// words (`channelPacketSize sftpHostKeys` must not read as a host key).
fn host_dependent(case: &Case, v: &oracle::Verdict) -> bool {
    let Some(fatal) = v.fatal_line.as_deref() else {
        return v.host_dependent;
    };
    if HOST_MESSAGES
        .iter()
        .any(|(d, m)| case.directive.eq_ignore_ascii_case(d) && fatal.contains(m))
    {
        return true;
    }
    let mut text = fatal.to_string();
    for word in case.text.split_whitespace().skip(1) {
        let word = word.trim_matches('"');
        if word.len() > 2 {
            text = text.replace(word, " ");
        }
    }
    v.host_dependent && oracle::is_host_dependent(&text)
}

fn module_dependent(case: &Case) -> bool {
    let lower = case.text.to_ascii_lowercase();
    MODULE_DEPENDENT.iter().any(|(d, w)| {
        case.directive.eq_ignore_ascii_case(d) && lower.split_whitespace().any(|x| x == *w)
    })
}

const LINES_PER_CONFIG: usize = 120;

#[derive(Debug, Clone)]
struct Case {
    directive: String,
    text: String,
    wrap: Option<(&'static str, &'static str)>,
    expect_reject: bool,
    complete: bool,
    /// Refused at a line we could not place: run it in a config of its own.
    alone: bool,
}

fn candidates(spec: &ArgSpec) -> Vec<String> {
    let mut v: Vec<String> = match spec.ty {
        ArgType::String | ArgType::Path if spec.pattern.is_some() => [
            "/tmp",
            "tmp",
            "bogus",
            "1",
            "0",
            "1:2",
            "127.0.0.1:21",
            "a=b",
            "a,b",
            "-1",
        ]
        .map(String::from)
        .to_vec(),
        ArgType::String | ArgType::Path => vec!["/tmp".into(), "tmp".into()],
        ArgType::Address => ["127.0.0.1", "::1", "0.0.0.0"].map(String::from).to_vec(),
        ArgType::User => vec!["nobody".into(), "0".into()],
        ArgType::Group => vec!["nogroup".into(), "0".into()],
        ArgType::Regex => [
            "^abc$", "(abc", "abc)", "[abc", "*abc", "a*+", "!^x", "!(", ".*",
        ]
        .map(String::from)
        .to_vec(),
        // a pairs tail gets its own cases (see pair_cases)
        ArgType::Pairs => Vec::new(),
        ArgType::Boolean => [
            "on", "off", "Yes", "NO", "true", "FALSE", "1", "0", "maybe", "2", "ON", "oFf", "y",
            "enable", "-1", "01",
        ]
        .map(String::from)
        .to_vec(),
        ArgType::Integer => integer_candidates(spec),
        ArgType::Octal => ["022", "0777", "0999", "abc", "8", "07x"]
            .map(String::from)
            .to_vec(),
        ArgType::Duration => {
            let mut v: Vec<String> = ["30", "0", "1h", "10m", "00:10:00", "abc", "5x", "-5"]
                .map(String::from)
                .to_vec();
            for b in [spec.min, spec.max].into_iter().flatten() {
                v.extend([b - 1, b, b + 1].map(|n| n.to_string()));
            }
            v
        }
        ArgType::Size => [
            "10",
            "10KB",
            "1 MB",
            "abc",
            "10XB",
            "",
            " -5",
            "-5",
            "+7",
            "18446744073709551616",
        ]
        .map(String::from)
        .to_vec(),
        ArgType::Enum | ArgType::Flags => word_candidates(spec),
    };
    let free_text = [
        ArgType::String,
        ArgType::Path,
        ArgType::Address,
        ArgType::User,
        ArgType::Group,
        ArgType::Regex,
        ArgType::Pairs,
    ];
    if !free_text.contains(&spec.ty) {
        v.extend(
            [
                "none",
                "0x10",
                "+5",
                "1e3",
                "-",
                "007",
                "on",
                "12 ",
                "99999999999",
            ]
            .map(String::from),
        );
    }
    for k in &spec.keywords {
        v.push(k.clone());
        v.push(k.to_ascii_uppercase());
    }
    v.dedup();
    v
}

fn integer_candidates(spec: &ArgSpec) -> Vec<String> {
    let mut v: Vec<i64> = vec![0, 1, -1, 5, 100, 65535, 65536, 2147483648];
    for b in [spec.min, spec.max].into_iter().flatten() {
        v.extend([b - 1, b, b + 1]);
    }
    let mut out: Vec<String> = v.iter().map(i64::to_string).collect();
    out.extend(["abc".to_string(), "5x".to_string()]);
    out
}

fn word_candidates(spec: &ArgSpec) -> Vec<String> {
    let words = if spec.ty == ArgType::Flags {
        &spec.values
    } else {
        &spec.keywords
    };
    let mut v: Vec<String> = words.clone();
    v.extend(spec.removed.iter().map(|r| r.value.clone()));
    for w in words {
        v.push(w.to_ascii_lowercase());
        v.push(w.to_ascii_uppercase());
    }
    v.push("bogusword".into());
    v
}

fn shape_spec(shape: &Alternative, index: usize) -> Option<&ArgSpec> {
    shape.params.get(index).or(shape.rest.as_ref())
}

/// A word the shape accepts at `index`, for the positions a case does not vary.
fn filler(shape: &Alternative, index: usize) -> String {
    let Some(spec) = shape_spec(shape, index) else {
        return "/tmp".into();
    };
    if spec.ty == ArgType::Pairs {
        return spec
            .keys
            .keys()
            .next()
            .cloned()
            .unwrap_or_else(|| "/tmp".into());
    }
    candidates(spec)
        .into_iter()
        .find(|c| accepts_word(spec, c))
        .unwrap_or_else(|| "/tmp".into())
}

/// `key value` tails: every key with each candidate of its value, an
/// unknown key, and a key without its value.
fn pair_cases(spec: &ArgSpec) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (key, value_spec) in &spec.keys {
        for value in candidates(value_spec).into_iter().take(12) {
            out.push(vec![key.clone(), value]);
        }
        out.push(vec![key.to_ascii_uppercase(), filler_for(value_spec)]);
        out.push(vec![key.clone()]);
    }
    out.push(vec!["BogusKey".into(), "1".into()]);
    out
}

fn filler_for(spec: &ArgSpec) -> String {
    filler(
        &Alternative {
            params: vec![spec.clone()],
            ..Alternative::default()
        },
        0,
    )
}

fn wrapper(
    entry: &proftpd_lint::catalog::Directive,
) -> Option<Option<(&'static str, &'static str)>> {
    let ctx = entry.contexts;
    if ctx.any() || ctx.contains(Context::Server) {
        return Some(None);
    }
    let table: [(Context, &str, &str); 4] = [
        (Context::Global, "<Global>", "</Global>"),
        (Context::Anonymous, "<Anonymous /tmp>", "</Anonymous>"),
        (Context::Directory, "<Directory /tmp>", "</Directory>"),
        (Context::Limit, "<Limit READ>", "</Limit>"),
    ];
    table
        .iter()
        .find(|(c, ..)| ctx.contains(*c))
        .map(|(_, open, close)| Some((*open, *close)))
}

fn cases_for(schema: &Schema, loaded: &[String]) -> Vec<Case> {
    let Some(entry) = catalog().get(&schema.directive) else {
        return Vec::new();
    };
    let module = entry.module.trim_end_matches(".c");
    let static_module = !loaded.iter().any(|m| m == module);
    if schema.source == "model"
        || SKIP.iter().any(|s| s.eq_ignore_ascii_case(&entry.name))
        || entry.added_in.is_some()
        || entry.is_removed()
        || (static_module && !is_static(module))
    {
        return Vec::new();
    }
    let Some(wrap) = wrapper(entry) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let exact = !schema.alternatives.is_empty();
    let mut seen = std::collections::HashSet::new();
    for shape in schema.shapes() {
        for args in shape_cases(&shape, entry.min_args, exact) {
            if !seen.insert(args.clone()) {
                continue;
            }
            if !entry.accepts_arg_count(args.len()) {
                continue;
            }
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let expect_reject = !validate(&entry.name, &refs).is_empty();
            let words = args.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ");
            let text = match entry.name.strip_prefix('<') {
                // a section: its opening line (the case) and its closer
                Some(section) => {
                    let section = section.trim_end_matches('>');
                    format!("<{section} {words}>\n</{section}>")
                }
                None => format!("{} {words}", entry.name),
            };
            out.push(Case {
                directive: entry.name.clone(),
                text,
                wrap,
                expect_reject,
                complete: schema.is_complete(),
                alone: false,
            });
        }
    }
    out
}

/// Argument lists for one reading: each position varied in turn over its
/// candidates, the other positions filled with accepted words; reversed
/// integer pairs for relations are covered by the integer candidates.
/// `exact`: the reading is one of several alternatives chosen by count, so
/// every one of its positions is filled.
fn shape_cases(shape: &Alternative, min_args: usize, exact: bool) -> Vec<Vec<String>> {
    let wanted = if exact {
        min_args.max(shape.params.len())
    } else {
        min_args
    };
    let fixed = shape.params.len().max(min_args).max(1);
    let positions = fixed + usize::from(shape.rest.is_some());
    let prefix = |n: usize| (0..n).map(|i| filler(shape, i)).collect::<Vec<_>>();
    let mut out = Vec::new();
    for index in 0..positions {
        let Some(spec) = shape_spec(shape, index) else {
            continue;
        };
        if spec.ty == ArgType::Pairs {
            for tail in pair_cases(spec) {
                let mut args = prefix(index);
                args.extend(tail);
                out.push(args);
            }
            continue;
        }
        let values = if spec.ty == ArgType::String && spec.pattern.is_none() && index > 0 {
            Vec::new()
        } else {
            candidates(spec)
        };
        for value in values {
            let mut args = prefix(index);
            args.push(value);
            while args.len() < wanted {
                args.push(filler(shape, args.len()));
            }
            // optional positions too: the same value with every parameter given
            let mut full = args.clone();
            while full.len() < shape.params.len() {
                full.push(filler(shape, full.len()));
            }
            out.push(args);
            if full.len() > out.last().map_or(0, Vec::len) {
                out.push(full);
            }
        }
    }
    out
}

fn is_static(module: &str) -> bool {
    proftpd_lint::model::conditions::DEBIAN_STATIC_MODULES
        .iter()
        .any(|m| m.trim_end_matches(".c") == module)
}

fn quote(a: &str) -> String {
    if a.is_empty() || a.contains(' ') {
        format!("\"{a}\"")
    } else {
        a.to_string()
    }
}

/// One config: the header, then the cases; returns the line of each case.
fn render(sb: &Sandbox, cases: &[Case]) -> (String, Vec<u32>) {
    let mut text = sb.header(HeaderOptions::with_modules());
    let mut line = text.lines().count() as u32;
    let mut lines = Vec::new();
    for c in cases {
        if let Some((open, _)) = c.wrap {
            text.push_str(open);
            text.push('\n');
            line += 1;
        }
        text.push_str(&c.text);
        text.push('\n');
        lines.push(line + 1);
        line += c.text.lines().count() as u32;
        if let Some((_, close)) = c.wrap {
            text.push_str(close);
            text.push('\n');
            line += 1;
        }
    }
    (text, lines)
}

/// Batches: lines predicted valid (one per directive), then one predicted invalid.
fn batches(pending: &mut Vec<Case>) -> Vec<Vec<Case>> {
    let (alone, rest): (Vec<Case>, Vec<Case>) = pending.drain(..).partition(|c| c.alone);
    let mut out: Vec<Vec<Case>> = alone.into_iter().map(|c| vec![c]).collect();
    let (mut good, mut bad): (Vec<Case>, Vec<Case>) =
        rest.into_iter().partition(|c| !c.expect_reject);
    while !good.is_empty() || !bad.is_empty() {
        let mut batch: Vec<Case> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let mut rest = Vec::new();
        for c in good.drain(..) {
            if batch.len() < LINES_PER_CONFIG && !seen.contains(&c.directive) {
                seen.push(c.directive.clone());
                batch.push(c);
            } else {
                rest.push(c);
            }
        }
        good = rest;
        if let Some(b) = bad.pop() {
            batch.push(b);
        }
        out.push(batch);
    }
    out
}

#[derive(Default)]
struct Tally {
    agree: usize,
    false_reject: Vec<String>,
    missed_complete: Vec<String>,
    missed_review: Vec<String>,
    host_dependent: Vec<String>,
}

fn judge(
    t: &mut Tally,
    batch: Vec<Case>,
    lines: &[u32],
    v: &oracle::Verdict,
    requeue: &mut Vec<Case>,
) {
    let failed_at = if v.crashed && batch.len() == 1 {
        Some(0) // a crash has no line; alone, it is this case's verdict
    } else if v.rejected {
        v.line.and_then(|l| lines.iter().position(|x| *x == l))
    } else {
        None
    };
    if v.rejected && failed_at.is_none() {
        // rejected somewhere we cannot place (a wrapper line, the header): one at a time
        if batch.len() == 1 {
            t.host_dependent
                .push(format!("{} => {}", batch[0].text, v.summary()));
        } else {
            requeue.extend(batch.into_iter().map(|c| Case { alone: true, ..c }));
        }
        return;
    }
    for (i, c) in batch.into_iter().enumerate() {
        match failed_at {
            Some(k) if i > k => requeue.push(c),
            Some(k) if i == k => {
                if host_dependent(&c, v) || module_dependent(&c) {
                    t.host_dependent
                        .push(format!("{} => {}", c.text, v.summary()));
                } else if c.expect_reject {
                    t.agree += 1;
                } else if c.complete {
                    t.missed_complete
                        .push(format!("{} => {}", c.text, v.summary()));
                } else {
                    t.missed_review
                        .push(format!("{} => {}", c.text, v.summary()));
                }
            }
            _ if c.expect_reject => t.false_reject.push(c.text),
            _ => t.agree += 1,
        }
    }
}

#[test]
fn argument_schemas_match_proftpd() {
    let Some(bin) = oracle::require_or_skip("argument_schemas_match_proftpd") else {
        return;
    };
    let loaded = oracle::loadable_modules().to_vec();
    // A fixed order keeps the batches (and so the cases each run reaches)
    // the same from run to run.
    let mut all: Vec<&Schema> = schemas().collect();
    all.sort_by(|a, b| a.directive.cmp(&b.directive));
    let mut pending: Vec<Case> = all.iter().flat_map(|s| cases_for(s, &loaded)).collect();
    // many uninteresting repeats make no better test: keep 40 per directive
    let mut per: HashMap<String, usize> = HashMap::new();
    pending.retain(|c| {
        let n = per.entry(c.directive.clone()).or_default();
        *n += 1;
        *n <= 400
    });
    let total = pending.len();
    let all_cases: HashMap<String, Case> = pending
        .iter()
        .map(|c| (c.text.clone(), c.clone()))
        .collect();
    let mut tally = Tally::default();
    let mut runs = 0;
    for _round in 0..400 {
        if pending.is_empty() {
            break;
        }
        let bs = batches(&mut pending);
        let sandboxes: Vec<Sandbox> = bs.iter().map(|_| Sandbox::new()).collect();
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut line_maps = Vec::new();
        for (sb, b) in sandboxes.iter().zip(&bs) {
            let (text, lines) = render(sb, b);
            paths.push(sb.write("proftpd.conf", text.as_bytes()));
            line_maps.push(lines);
        }
        runs += paths.len();
        let verdicts = oracle::check_many(&bin, &paths);
        for ((b, lines), v) in bs.into_iter().zip(line_maps).zip(verdicts) {
            judge(&mut tally, b, &lines, &v, &mut pending);
        }
    }
    let unresolved = pending.len();
    for c in &pending {
        println!("UNRESOLVED: {}", c.text.replace('\n', " / "));
    }
    let tally = confirm_alone(&bin, tally, &all_cases, &mut runs);
    report(&tally, total, runs, unresolved, &all);
    assert!(total >= 5000, "only {total} cases generated");
    assert!(
        tally.false_reject.is_empty(),
        "lines we call invalid that ProFTPD accepts"
    );
    assert!(
        tally.missed_complete.is_empty(),
        "complete schemas that miss a ProFTPD error"
    );
}

/// Mismatches found in batches are run again, each in a config of its own,
/// so that no other line of a batch can have caused them.
fn confirm_alone(
    bin: &std::path::Path,
    t: Tally,
    cases: &HashMap<String, Case>,
    runs: &mut usize,
) -> Tally {
    let suspects: Vec<Case> = t
        .false_reject
        .iter()
        .chain(&t.missed_complete)
        .chain(&t.missed_review)
        .filter_map(|l| cases.get(l.split(" => ").next().unwrap_or(l)).cloned())
        .collect();
    let mut out = Tally {
        agree: t.agree,
        host_dependent: t.host_dependent,
        ..Tally::default()
    };
    let sandboxes: Vec<Sandbox> = suspects.iter().map(|_| Sandbox::new()).collect();
    let mut paths = Vec::new();
    let mut maps = Vec::new();
    for (sb, c) in sandboxes.iter().zip(&suspects) {
        let (text, lines) = render(sb, std::slice::from_ref(c));
        paths.push(sb.write("proftpd.conf", text.as_bytes()));
        maps.push(lines);
    }
    *runs += paths.len();
    let verdicts = oracle::check_many(bin, &paths);
    let mut requeue = Vec::new();
    for ((c, lines), v) in suspects.into_iter().zip(maps).zip(verdicts) {
        judge(&mut out, vec![c], &lines, &v, &mut requeue);
    }
    out
}

fn report(t: &Tally, total: usize, runs: usize, unresolved: usize, all: &[&Schema]) {
    let complete = all.iter().filter(|s| s.is_complete()).count();
    let directives = catalog().directives().filter(|d| !d.is_removed()).count();
    println!(
        "argument parity: {total} cases, {runs} proftpd -t runs, {} agree",
        t.agree
    );
    println!(
        "  we refuse, proftpd accepts: {}\n  proftpd refuses, complete schema silent: {}\n  proftpd refuses, schema under review silent: {}\n  host-dependent: {}\n  unresolved: {unresolved}",
        t.false_reject.len(),
        t.missed_complete.len(),
        t.missed_review.len(),
        t.host_dependent.len()
    );
    println!("coverage: {complete} directives with a complete schema / {directives} directives");
    let mut by: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for (k, list) in [
        ("FALSE-REJECT", &t.false_reject),
        ("MISSED-COMPLETE", &t.missed_complete),
        ("MISSED-REVIEW", &t.missed_review),
        ("HOST", &t.host_dependent),
    ] {
        by.entry(k).or_default().extend(list.iter());
    }
    for (k, list) in by {
        for l in list {
            println!("{k}: {l}");
        }
    }
}
