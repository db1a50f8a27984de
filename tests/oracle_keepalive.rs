//! Keepalive / timeout agreement with the real ProFTPD (issue 4 §5): several
//! thousand generated `SocketOptions`, `SFTPClientAlive` and `Timeout*` lines
//! (valid values, boundaries, zero, negative, 32-bit overflow, junk
//! suffixes, odd casing, wrong contexts, odd pair counts) are checked with
//! `proftpd -t` (every Debian module loaded), and for **every** case "some
//! diagnostic of ours has `proftpd_rejects`" must hold exactly when proftpd
//! rejects. Findings about what the kernel will refuse at run time (K*
//! out-of-range errors, wrapped values) are errors with `proftpd_rejects`
//! false, so they must not count as rejections here.

mod support;

use std::collections::BTreeSet;
use std::path::PathBuf;

use proftpd_lint::lint::{LintOptions, lint_path};
use support::oracle::{self, HeaderOptions, Sandbox};

/// Context wrappers: (name, opener, closer).
const CONTEXTS: &[(&str, &str, &str)] = &[
    ("server", "", ""),
    ("vhost", "<VirtualHost 127.0.0.2>\n", "</VirtualHost>\n"),
    ("global", "<Global>\n", "</Global>\n"),
    ("anon", "<Anonymous /tmp>\n", "</Anonymous>\n"),
    ("dir", "<Directory /tmp>\n", "</Directory>\n"),
    ("limit", "<Limit READ>\n", "</Limit>\n"),
];

/// Integers as written: boundaries, zero, negatives, 32/64-bit overflow, junk.
const NUMBERS: &[&str] = &[
    "1",
    "0",
    "-1",
    "-5",
    "9",
    "75",
    "127",
    "128",
    "600",
    "1023",
    "1024",
    "7200",
    "32767",
    "32768",
    "65535",
    "99999",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "4294967295",
    "4294967296",
    "4294967297",
    "99999999999",
    "99999999999999999999",
    "2h",
    "7200x",
    "32k",
    "abc",
    "1.5",
    "+5",
    "0x10",
    "010",
    " 5",
    "5 ",
];

const BOOLEANS: &[&str] = &[
    "on", "off", "ON", "Off", "yes", "NO", "true", "FALSE", "1", "0", "y", "enable", "2", "onn",
];

/// Durations for Timeout*.
const DURATIONS: &[&str] = &[
    "0",
    "1",
    "600",
    "-1",
    "abc",
    "2h",
    "2H",
    "2hr",
    "2hrs",
    "2hour",
    "1.5h",
    "10ms",
    "5M",
    "5m",
    "5min",
    "5mins",
    "30s",
    "30S",
    "30sec",
    "30secs",
    "30x",
    "1:00:00",
    "01:00:00",
    "00:00:30",
    "100:00:00",
    "-1:00:00",
    "00:-1:00",
    "1:2",
    "1:2:3:4",
    "1:2:3x",
    "99999999999",
    "2147483647",
    "2147483648",
    "4294967296",
    "999999h",
    "-5m",
    "h",
    "s",
    "+5",
    "0x10",
    "1e3",
    "65536",
];

const TIMEOUTS: &[&str] = &[
    "TimeoutIdle",
    "TimeoutNoTransfer",
    "TimeoutStalled",
    "TimeoutLogin",
    "TimeoutLinger",
    "TimeoutSession",
];

#[derive(Debug, Clone)]
struct Case {
    label: String,
    body: String,
}

fn case(context: &(&str, &str, &str), line: &str) -> Case {
    Case {
        label: format!("{:<6} {line}", context.0),
        body: format!("{}{line}\n{}", context.1, context.2),
    }
}

fn quote(v: &str) -> String {
    if v.is_empty() || v.contains(' ') {
        format!("\"{v}\"")
    } else {
        v.to_string()
    }
}

/// Deterministic pseudo-random numbers (xorshift), so the suite is stable.
struct Rng(u64);
impl Rng {
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        from[(self.0 % from.len() as u64) as usize]
    }
}

fn cases() -> Vec<Case> {
    let server = &CONTEXTS[0];
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut push = |c: Case, out: &mut Vec<Case>| {
        if seen.insert(c.body.clone()) {
            out.push(c);
        }
    };

    // --- SocketOptions keepalive spec: vary one field, others valid
    for field in 0..3 {
        for v in NUMBERS {
            let mut f = ["7200", "9", "75"];
            f[field] = v;
            let spec = quote(&f.join(":"));
            push(
                case(server, &format!("SocketOptions keepalive {spec}")),
                &mut out,
            );
        }
    }
    // random combinations of the three fields
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..800 {
        let spec = format!(
            "{}:{}:{}",
            rng.pick(NUMBERS),
            rng.pick(NUMBERS),
            rng.pick(NUMBERS)
        );
        push(
            case(server, &format!("SocketOptions keepalive {}", quote(&spec))),
            &mut out,
        );
    }
    // malformed specs and booleans
    for spec in [
        "7200:9",
        "7200",
        "maybe",
        "7200:9:75:3",
        ":9:75",
        "7200::75",
        "7200:9:",
        "::",
        ":",
        "\"7200:9:75\"",
        "7200x:9y:75z",
        "60",
        "foo",
        "7200;9;75",
        "7200 :9:75",
        "-",
        "on:off:on",
        "1:1:1",
        "32767:127:32767",
        "32768:128:32768",
    ] {
        let spec = if spec.contains(' ') && !spec.starts_with('"') {
            format!("\"{spec}\"")
        } else {
            spec.to_string()
        };
        push(
            case(server, &format!("SocketOptions keepalive {spec}")),
            &mut out,
        );
    }
    for b in BOOLEANS {
        push(
            case(server, &format!("SocketOptions keepalive {b}")),
            &mut out,
        );
        push(
            case(server, &format!("SocketOptions reuseport {b}")),
            &mut out,
        );
    }
    // buffer sizes and maxseg
    for key in ["maxseg", "rcvbuf", "sndbuf", "MaxSeg", "RCVBUF", "SndBuf"] {
        for v in NUMBERS {
            push(
                case(server, &format!("SocketOptions {key} {}", quote(v))),
                &mut out,
            );
        }
    }
    // key casing, unknown keys, pair counts
    for line in [
        "SocketOptions",
        "SocketOptions keepalive",
        "SocketOptions keepalive on rcvbuf",
        "SocketOptions keepalive on rcvbuf 8192",
        "SocketOptions KeepAlive 60:3:10",
        "SocketOptions KEEPALIVE off",
        "SocketOptions ReusePort ON",
        "SocketOptions nodelay on",
        "SocketOptions keepalives on",
        "SocketOptions keep-alive on",
        "SocketOptions keepalive on keepalive off",
        "SocketOptions keepalive 600:5:30 keepalive 0:5:30",
        "SocketOptions rcvbuf 8192 sndbuf 8192 maxseg 1400 keepalive 600:5:30 reuseport off",
        "SocketOptions rcvbuf 8192 sndbuf 8192 maxseg 1400 keepalive 600:5:30 reuseport",
        "SocketOptions 1 2",
        "SocketOptions \"\" \"\"",
        "SocketOption keepalive 7200:9:75",
        "socketoptions keepalive 7200:9:75",
        "SOCKETOPTIONS keepalive 7200:9:75",
    ] {
        push(case(server, line), &mut out);
    }
    // contexts
    for ctx in CONTEXTS {
        for line in [
            "SocketOptions keepalive 7200:9:75",
            "SocketOptions keepalive on",
            "SocketOptions keepalive",
            "SocketOptions keepalive 0:9:75",
            "SocketOptions",
            "SFTPClientAlive 3 15",
            "SFTPClientAlive 3 -1",
            "SFTPClientAlive 3",
        ] {
            push(case(ctx, line), &mut out);
        }
    }

    // --- SFTPClientAlive count × interval
    let alive: Vec<&str> = NUMBERS
        .iter()
        .copied()
        .filter(|v| !v.contains(' '))
        .collect();
    for count in &alive {
        for interval in ["15", "0", "-1", "2147483648", "99999999999", "15s", "abc"] {
            push(
                case(server, &format!("SFTPClientAlive {count} {interval}")),
                &mut out,
            );
        }
    }
    for interval in &alive {
        for count in ["3", "0", "-1"] {
            push(
                case(server, &format!("SFTPClientAlive {count} {interval}")),
                &mut out,
            );
        }
    }
    for line in [
        "SFTPClientAlive",
        "SFTPClientAlive 3 15 20",
        "SFTPClientAlive 3 15 20 25",
        "sftpclientalive 3 15",
        "SFTPCLIENTALIVE 3 15",
        "SFTPClientAlive \"3\" \"15\"",
        "SFTPClientAlive \"\" \"\"",
    ] {
        push(case(server, line), &mut out);
    }

    // --- Timeout* durations in every context
    for name in TIMEOUTS {
        for v in DURATIONS {
            push(case(server, &format!("{name} {}", quote(v))), &mut out);
            push(
                case(&CONTEXTS[1], &format!("{name} {}", quote(v))),
                &mut out,
            );
        }
        for ctx in CONTEXTS {
            for v in ["600", "abc", "-1", "0"] {
                push(case(ctx, &format!("{name} {v}")), &mut out);
            }
        }
        push(case(server, name), &mut out);
        push(case(server, &format!("{name} 600 600")), &mut out);
        push(
            case(server, &format!("{} 600", name.to_ascii_uppercase())),
            &mut out,
        );
        push(
            case(server, &format!("{} 5m", name.to_ascii_lowercase())),
            &mut out,
        );
    }
    for line in [
        "TimeoutSession 600 user bob",
        "TimeoutSession 600 group ftp",
        "TimeoutSession 600 class x",
        "TimeoutSession 600 host x",
        "TimeoutSession 0 bogus foo",
        "TimeoutSession 0 user",
        "TimeoutSession 600 user",
        "TimeoutSession 600 user bob extra",
        "TimeoutSession abc user bob",
        "TimeoutSession -1 user bob",
        "TimeoutSession 600 USER bob",
        "TimeoutSession 5m user bob",
    ] {
        for ctx in &CONTEXTS[..4] {
            push(case(ctx, line), &mut out);
        }
    }
    out
}

#[test]
fn linter_agrees_with_proftpd_on_keepalive_and_timeout_values() {
    let test = "linter_agrees_with_proftpd_on_keepalive_and_timeout_values";
    let Some(bin) = oracle::require_or_skip(test) else {
        return;
    };
    let cases = cases();
    assert!(cases.len() >= 2000, "only {} cases generated", cases.len());

    let boxes: Vec<Sandbox> = cases.iter().map(|_| Sandbox::new()).collect();
    let paths: Vec<PathBuf> = cases
        .iter()
        .zip(&boxes)
        .map(|(c, sb)| {
            let mut text = sb.header(HeaderOptions::with_modules());
            text.push_str(&c.body);
            sb.write("case.conf", text.as_bytes())
        })
        .collect();
    let verdicts = oracle::check_many(&bin, &paths);

    let mut disagreements = Vec::new();
    let mut host_dependent = Vec::new();
    let mut rejected = 0;
    for ((case, path), verdict) in cases.iter().zip(&paths).zip(&verdicts) {
        if verdict.host_dependent {
            host_dependent.push(format!("{}: {}", case.label, verdict.summary()));
            continue;
        }
        rejected += usize::from(verdict.rejected);
        let result =
            lint_path(path, &LintOptions::default()).expect("generated config is readable");
        if result.proftpd_rejects() != verdict.rejected {
            disagreements.push(format!(
                "{:<58} proftpd: {:<70} ours: {}",
                case.label,
                verdict.summary(),
                oracle::our_rejections(&result.diagnostics)
            ));
        }
    }
    let compared = cases.len() - host_dependent.len();
    println!(
        "keepalive oracle: {} cases, {compared} compared ({rejected} rejected by proftpd), \
         {} host-dependent, {} disagreements",
        cases.len(),
        host_dependent.len(),
        disagreements.len()
    );
    for h in &host_dependent {
        println!("  host-dependent: {h}");
    }
    for d in &disagreements {
        println!("XX {d}");
    }
    assert!(
        host_dependent.is_empty(),
        "no keepalive case should depend on the host"
    );
    assert!(
        disagreements.is_empty(),
        "{} of {compared} keepalive/timeout cases disagree with proftpd -t",
        disagreements.len()
    );
}
