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
use proftpd_lint::model::arguments::{ArgSpec, ArgType, Schema, schemas, validate};
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
];

const LINES_PER_CONFIG: usize = 120;

#[derive(Debug, Clone)]
struct Case {
    directive: String,
    text: String,
    wrap: Option<(&'static str, &'static str)>,
    expect_reject: bool,
    complete: bool,
}

fn candidates(spec: &ArgSpec) -> Vec<String> {
    let mut v: Vec<String> = match spec.ty {
        ArgType::String | ArgType::Path => vec!["/tmp".into(), "tmp".into()],
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
        ArgType::Duration => ["30", "0", "1h", "10m", "00:10:00", "abc", "5x", "-5"]
            .map(String::from)
            .to_vec(),
        ArgType::Size => ["10", "10KB", "1 MB", "abc", "10XB"]
            .map(String::from)
            .to_vec(),
        ArgType::Enum | ArgType::Flags => word_candidates(spec),
    };
    if spec.ty != ArgType::String && spec.ty != ArgType::Path {
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

fn filler(name: &str, schema: &Schema, index: usize, prefix: &[String]) -> String {
    let Some(spec) = schema.spec(index) else {
        return "/tmp".into();
    };
    for c in candidates(spec) {
        let mut args: Vec<&str> = prefix.iter().map(String::as_str).collect();
        args.push(&c);
        if validate(name, &args).is_empty() {
            return c;
        }
    }
    "/tmp".into()
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
        || entry.name.starts_with('<')
        || (static_module && !is_static(module))
    {
        return Vec::new();
    }
    let Some(wrap) = wrapper(entry) else {
        return Vec::new();
    };
    let positions =
        schema.params.len().max(entry.min_args).max(1) + usize::from(schema.rest.is_some());
    let mut out = Vec::new();
    for index in 0..positions {
        let Some(spec) = schema.spec(index) else {
            continue;
        };
        let values = if spec.ty == ArgType::String && index > 0 {
            Vec::new()
        } else {
            candidates(spec)
        };
        for value in values {
            let mut args: Vec<String> = Vec::new();
            for i in 0..index {
                let f = filler(&entry.name, schema, i, &args);
                args.push(f);
            }
            args.push(value);
            while args.len() < entry.min_args {
                let f = filler(&entry.name, schema, args.len(), &args);
                args.push(f);
            }
            if !entry.accepts_arg_count(args.len()) {
                continue;
            }
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let expect_reject = !validate(&entry.name, &refs).is_empty();
            let text = format!(
                "{} {}",
                entry.name,
                args.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ")
            );
            out.push(Case {
                directive: entry.name.clone(),
                text,
                wrap,
                expect_reject,
                complete: schema.is_complete(),
            });
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
    if a.contains(' ') {
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
        line += 1;
        lines.push(line);
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
    let mut out: Vec<Vec<Case>> = Vec::new();
    let (mut good, mut bad): (Vec<Case>, Vec<Case>) =
        pending.drain(..).partition(|c| !c.expect_reject);
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
    let failed_at = if v.rejected {
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
            requeue.extend(batch.into_iter().map(|c| Case { ..c }));
        }
        return;
    }
    for (i, c) in batch.into_iter().enumerate() {
        match failed_at {
            Some(k) if i > k => requeue.push(c),
            Some(k) if i == k => {
                if v.host_dependent {
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
    for _round in 0..60 {
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
