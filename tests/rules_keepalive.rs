//! Every keepalive (K), timeout (T) and SFTPClientAlive (F) rule: a config
//! that triggers it (code and line asserted) and a near miss that must not.

mod support;

use std::path::Path;

use proftpd_lint::diagnostic::Severity;
use proftpd_lint::fs::MemoryFs;
use proftpd_lint::lint::{LintOptions, lint_bytes};
use proftpd_lint::platform::Platform;
use proftpd_lint::profile::{Link, Profile, ProftpdVersion};

#[derive(Clone, Copy)]
struct P(Profile);

fn linux() -> P {
    P(Profile {
        platform: Platform::Linux,
        ..Profile::default()
    })
}

impl P {
    fn on(self, platform: Platform) -> P {
        P(Profile { platform, ..self.0 })
    }
    fn nat(self, seconds: u32) -> P {
        P(Profile {
            nat_idle_timeout: Some(seconds),
            ..self.0
        })
    }
    fn metered(self) -> P {
        P(Profile {
            link: Link::Metered,
            ..self.0
        })
    }
    fn version(self, v: &str) -> P {
        P(Profile {
            proftpd_version: ProftpdVersion::parse(v).unwrap(),
            ..self.0
        })
    }
}

/// (code, line, severity, proftpd_rejects) of every finding.
fn findings(text: &str, p: P) -> Vec<(&'static str, usize, Severity, bool)> {
    let mut options = LintOptions {
        profile: p.0,
        ..LintOptions::default()
    };
    options.environment.version = p.0.proftpd_version;
    support::lint::findings(text, &options)
}

#[track_caller]
fn trig(code: &str, line: usize, text: &str, p: P) -> (Severity, bool) {
    let f = findings(text, p);
    match f.iter().find(|(c, l, _, _)| *c == code && *l == line) {
        Some((_, _, sev, rejects)) => (*sev, *rejects),
        None => panic!("expected {code} on line {line} for {text:?}, got {f:?}"),
    }
}

#[track_caller]
fn miss(code: &str, text: &str, p: P) {
    let f = findings(text, p);
    assert!(
        !f.iter().any(|(c, ..)| *c == code),
        "unexpected {code} for {text:?}: {f:?}"
    );
}

const HEAD: &str = "ServerName \"t\"\n";

fn cfg(body: &str) -> String {
    format!("{HEAD}{body}\n")
}

// ---------------------------------------------------------------- parity

#[test]
fn k001_odd_arguments() {
    assert_eq!(
        trig("K001", 2, &cfg("SocketOptions keepalive"), linux()),
        (Severity::Error, true)
    );
    miss("K001", &cfg("SocketOptions keepalive on"), linux());
    miss("K001", &cfg("SocketOptions"), linux());
}

#[test]
fn k002_unknown_option() {
    assert_eq!(
        trig(
            "K002",
            2,
            &cfg("SocketOptions keepalive on nodelay on"),
            linux()
        ),
        (Severity::Error, true)
    );
    miss(
        "K002",
        &cfg("SocketOptions KeepAlive on SNDBUF 65536"),
        linux(),
    );
}

#[test]
fn k003_malformed_spec() {
    for spec in ["60", "maybe", "7200:9"] {
        assert_eq!(
            trig(
                "K003",
                2,
                &cfg(&format!("SocketOptions keepalive {spec}")),
                linux()
            ),
            (Severity::Error, true)
        );
    }
    miss("K003", &cfg("SocketOptions keepalive 60:9:75"), linux());
    miss("K003", &cfg("SocketOptions keepalive yes"), linux());
}

#[test]
fn k004_field_below_one() {
    for spec in [
        "0:9:75",
        "7200:0:75",
        "7200:9:",
        "2147483648:9:75",
        "abc:def:ghi",
    ] {
        assert_eq!(
            trig(
                "K004",
                2,
                &cfg(&format!("SocketOptions keepalive {spec}")),
                linux()
            ),
            (Severity::Error, true),
            "{spec}"
        );
    }
    miss("K004", &cfg("SocketOptions keepalive 1:1:1"), linux());
}

#[test]
fn k005_buffers() {
    assert_eq!(
        trig("K005", 2, &cfg("SocketOptions rcvbuf 32k"), linux()),
        (Severity::Error, true)
    );
    trig("K005", 2, &cfg("SocketOptions sndbuf 1023"), linux());
    trig("K005", 2, &cfg("SocketOptions maxseg -1"), linux());
    miss(
        "K005",
        &cfg("SocketOptions rcvbuf 1024 sndbuf 32768 maxseg 0"),
        linux(),
    );
}

#[test]
fn k006_reuseport() {
    assert_eq!(
        trig("K006", 2, &cfg("SocketOptions reuseport enabled"), linux()),
        (Severity::Error, true)
    );
    miss("K006", &cfg("SocketOptions ReusePort ON"), linux());
}

// ------------------------------------------------------ run-time failures

#[test]
fn k007_out_of_platform_range() {
    assert_eq!(
        trig(
            "K007",
            2,
            &cfg("SocketOptions keepalive 60:200:75"),
            linux()
        ),
        (Severity::Error, false)
    );
    trig(
        "K007",
        2,
        &cfg("SocketOptions keepalive 40000:9:75"),
        linux(),
    );
    miss(
        "K007",
        &cfg("SocketOptions keepalive 32767:127:32767"),
        linux(),
    );
    // illumos' interval limit is not confirmed everywhere: a warning.
    assert_eq!(
        trig(
            "K007",
            2,
            &cfg("SocketOptions keepalive 7200:9:75"),
            linux().on(Platform::Illumos)
        ),
        (Severity::Warning, false)
    );
    miss(
        "K007",
        &cfg("SocketOptions keepalive 7200:9:60"),
        linux().on(Platform::Illumos),
    );
    // Windows count ≤ 255 is confirmed.
    assert_eq!(
        trig(
            "K007",
            2,
            &cfg("SocketOptions keepalive 300:300:75"),
            linux().on(Platform::Windows)
        ),
        (Severity::Error, false)
    );
}

#[test]
fn k008_wrapped() {
    assert_eq!(
        trig(
            "K008",
            2,
            &cfg("SocketOptions keepalive 99999999999:9:75"),
            linux()
        ),
        (Severity::Error, false)
    );
    miss("K008", &cfg("SocketOptions keepalive 32767:9:75"), linux());
}

// ------------------------------------------------- not what it looks like

#[test]
fn k009_trailing_text() {
    assert_eq!(
        trig("K009", 2, &cfg("SocketOptions keepalive 2h:9:75"), linux()),
        (Severity::Warning, false)
    );
    trig(
        "K009",
        2,
        &cfg("SocketOptions keepalive 7200:9:75:3"),
        linux(),
    );
    trig("K009", 2, &cfg("SocketOptions rcvbuf 1024k"), linux());
    miss(
        "K009",
        &cfg("SocketOptions keepalive \"7200:9:75\""),
        linux(),
    );
}

// --------------------------------------------------------- harmful tuning

#[test]
fn k010_interval_below_default() {
    assert_eq!(
        trig("K010", 2, &cfg("SocketOptions keepalive 300:9:10"), linux()),
        (Severity::Warning, false)
    );
    miss("K010", &cfg("SocketOptions keepalive 300:9:75"), linux());
}

#[test]
fn k011_idle_aggressive() {
    trig("K011", 2, &cfg("SocketOptions keepalive 10:3:5"), linux());
    miss("K011", &cfg("SocketOptions keepalive 60:3:5"), linux());
    miss("K011", &cfg("SocketOptions keepalive 30:9:75"), linux());
}

#[test]
fn k012_count_high() {
    trig(
        "K012",
        2,
        &cfg("SocketOptions keepalive 300:100:75"),
        linux(),
    );
    miss("K012", &cfg("SocketOptions keepalive 300:12:75"), linux());
}

#[test]
fn k013_metered_link() {
    trig(
        "K013",
        2,
        &cfg("SocketOptions keepalive 300:9:75"),
        linux().metered(),
    );
    miss("K013", &cfg("SocketOptions keepalive 300:9:75"), linux());
    miss(
        "K013",
        &cfg("SocketOptions keepalive 7200:9:75"),
        linux().metered(),
    );
}

#[test]
fn k014_idle_above_nat() {
    trig(
        "K014",
        2,
        &cfg("SocketOptions keepalive 600:9:75"),
        linux().nat(350),
    );
    // The spec fails on illumos: the 2 h default stays.
    trig(
        "K014",
        2,
        &cfg("SocketOptions keepalive 300:9:60"),
        linux().on(Platform::Illumos).nat(350),
    );
    miss(
        "K014",
        &cfg("SocketOptions keepalive 300:9:75"),
        linux().nat(350),
    );
    miss("K014", &cfg("SocketOptions keepalive 600:9:75"), linux());
}

#[test]
fn k015_default_behind_nat() {
    trig("K015", 1, &cfg(""), linux().nat(350));
    trig(
        "K015",
        2,
        &cfg("SocketOptions keepalive off"),
        linux().nat(350),
    );
    trig(
        "K015",
        2,
        &cfg("<VirtualHost 10.0.0.1>\n</VirtualHost>"),
        linux().nat(350),
    );
    miss(
        "K015",
        &cfg("SocketOptions keepalive 300:9:75"),
        linux().nat(350),
    );
    miss("K015", &cfg(""), linux());
}

// ------------------------------------------------------ platform, version

#[test]
fn k016_openbsd() {
    trig(
        "K016",
        2,
        &cfg("SocketOptions keepalive 300:9:75"),
        linux().on(Platform::OpenBsd),
    );
    miss(
        "K016",
        &cfg("SocketOptions keepalive on"),
        linux().on(Platform::OpenBsd),
    );
}

#[test]
fn k017_macos() {
    assert_eq!(
        trig(
            "K017",
            2,
            &cfg("SocketOptions keepalive 300:9:75"),
            linux().on(Platform::MacOs)
        )
        .0,
        Severity::Info
    );
    miss("K017", &cfg("SocketOptions keepalive 300:9:75"), linux());
}

#[test]
fn k018_dragonfly() {
    trig(
        "K018",
        2,
        &cfg("SocketOptions keepalive 300:9:75"),
        linux().on(Platform::DragonFly),
    );
    miss(
        "K018",
        &cfg("SocketOptions keepalive 300:9:75"),
        linux().on(Platform::FreeBsd),
    );
}

#[test]
fn k019_illumos_idle() {
    trig(
        "K019",
        2,
        &cfg("SocketOptions keepalive 300:9:60"),
        linux().on(Platform::Illumos),
    );
    trig(
        "K019",
        2,
        &cfg("SocketOptions keepalive 300:9:60"),
        linux().on(Platform::Solaris),
    );
    miss("K019", &cfg("SocketOptions keepalive 300:9:60"), linux());
}

#[test]
fn k020_freebsd_off() {
    assert_eq!(
        trig(
            "K020",
            2,
            &cfg("SocketOptions keepalive off"),
            linux().on(Platform::FreeBsd)
        )
        .0,
        Severity::Info
    );
    miss("K020", &cfg("SocketOptions keepalive off"), linux());
    miss(
        "K020",
        &cfg("SocketOptions keepalive on"),
        linux().on(Platform::FreeBsd),
    );
}

#[test]
fn k021_old_version() {
    trig(
        "K021",
        2,
        &cfg("SocketOptions keepalive 300:9:75"),
        linux().version("1.3.7e"),
    );
    miss(
        "K021",
        &cfg("SocketOptions keepalive 300:9:75"),
        linux().version("1.3.8rc3"),
    );
}

// ---------------------------------------------------------------- timeouts

#[test]
fn t001_bad_value() {
    assert_eq!(
        trig("T001", 2, &cfg("TimeoutIdle abc"), linux()),
        (Severity::Error, true)
    );
    trig("T001", 2, &cfg("TimeoutStalled -1"), linux());
    trig("T001", 2, &cfg("TimeoutLogin"), linux());
    miss(
        "T001",
        &cfg("TimeoutIdle 10m\nTimeoutStalled 01:00:00"),
        linux(),
    );
}

#[test]
fn t002_timeout_session() {
    assert_eq!(
        trig(
            "T002",
            2,
            &cfg("TimeoutSession 3600 host 10.0.0.1"),
            linux()
        ),
        (Severity::Error, true)
    );
    trig("T002", 2, &cfg("TimeoutSession 3600 user"), linux());
    miss("T002", &cfg("TimeoutSession 3600 class internal"), linux());
    miss("T002", &cfg("TimeoutSession 0 bogus foo"), linux());
}

#[test]
fn t003_misread() {
    assert_eq!(
        trig("T003", 2, &cfg("TimeoutIdle 1.5h"), linux()),
        (Severity::Warning, false)
    );
    trig("T003", 2, &cfg("TimeoutNoTransfer 10ms"), linux());
    miss("T003", &cfg("TimeoutIdle 90m\nTimeoutLinger 30s"), linux());
}

#[test]
fn t004_wrapped() {
    assert_eq!(
        trig("T004", 2, &cfg("TimeoutIdle 999999h"), linux()),
        (Severity::Error, false)
    );
    miss("T004", &cfg("TimeoutIdle 9999h"), linux());
}

#[test]
fn t005_keepalive_idle_above_timeout_idle() {
    assert_eq!(
        trig(
            "T005",
            3,
            &cfg("TimeoutIdle 300\nSocketOptions keepalive 600:9:75"),
            linux()
        )
        .0,
        Severity::Info
    );
    miss(
        "T005",
        &cfg("TimeoutIdle 900\nSocketOptions keepalive 600:9:75"),
        linux(),
    );
    miss("T005", &cfg("TimeoutIdle 300"), linux());
}

#[test]
fn t006_no_transfer_before_idle() {
    assert_eq!(
        trig(
            "T006",
            2,
            &cfg("TimeoutNoTransfer 600\nTimeoutIdle 1200"),
            linux()
        )
        .0,
        Severity::Info
    );
    miss(
        "T006",
        &cfg("TimeoutNoTransfer 1200\nTimeoutIdle 1200"),
        linux(),
    );
    miss("T006", &cfg(""), linux());
}

// --------------------------------------------------------- SFTPClientAlive

#[test]
fn f001_invalid() {
    assert_eq!(
        trig("F001", 2, &cfg("SFTPClientAlive -1 15"), linux()),
        (Severity::Error, true)
    );
    trig("F001", 2, &cfg("SFTPClientAlive 3"), linux());
    trig("F001", 2, &cfg("SFTPClientAlive 3 2147483648"), linux());
    miss("F001", &cfg("SFTPClientAlive 0 0"), linux());
}

#[test]
fn f002_misread() {
    assert_eq!(
        trig("F002", 2, &cfg("SFTPClientAlive 3 15s"), linux()),
        (Severity::Warning, false)
    );
    trig("F002", 2, &cfg("SFTPClientAlive 3 15 extra"), linux());
    miss("F002", &cfg("SFTPClientAlive 3 15"), linux());
}

#[test]
fn f003_count_zero() {
    trig("F003", 2, &cfg("SFTPClientAlive 0 60"), linux());
    miss("F003", &cfg("SFTPClientAlive 1 60"), linux());
    miss("F003", &cfg("SFTPClientAlive 0 0"), linux());
}

#[test]
fn f004_count_capped() {
    assert_eq!(
        trig("F004", 2, &cfg("SFTPClientAlive 10 15"), linux()).0,
        Severity::Warning
    );
    assert_eq!(
        trig("F004", 2, &cfg("SFTPClientAlive 3 15"), linux()).0,
        Severity::Info
    );
    miss("F004", &cfg("SFTPClientAlive 2 15"), linux());
}

#[test]
fn f005_hides_timeout_idle() {
    trig("F005", 2, &cfg("SFTPClientAlive 2 15"), linux());
    miss(
        "F005",
        &cfg("TimeoutIdle 10\nSFTPClientAlive 2 15"),
        linux(),
    );
    miss("F005", &cfg("TimeoutIdle 0\nSFTPClientAlive 2 15"), linux());
}

const SFTP: &str = "LoadModule mod_sftp.c\nSFTPEngine on";

#[test]
fn f006_timeout_idle_zero_with_sftp() {
    let text = cfg(&format!("{SFTP}\nTimeoutIdle 0"));
    assert_eq!(trig("F006", 4, &text, linux()), (Severity::Error, false));
    miss("F006", &text, linux().version("1.3.9a"));
    miss("F006", &cfg("TimeoutIdle 0"), linux());
}

#[test]
fn f007_sftp_behind_nat() {
    let text = cfg(SFTP);
    assert_eq!(trig("F007", 3, &text, linux().nat(350)).0, Severity::Info);
    miss(
        "F007",
        &cfg(&format!("{SFTP}\nSFTPClientAlive 3 60")),
        linux().nat(350),
    );
    miss("F007", &text, linux());
}

// ------------------------------------------------------------ cross-cutting

#[test]
fn skipped_blocks_are_not_checked() {
    let text =
        cfg("<IfModule mod_nope.c>\n  SocketOptions keepalive 60\n  TimeoutIdle abc\n</IfModule>");
    let f = findings(&text, linux());
    assert!(
        !f.iter().any(|(c, ..)| ["K003", "T001"].contains(c)),
        "{f:?}"
    );
    let text = cfg("<IfModule !mod_nope.c>\n  SocketOptions keepalive 60\n</IfModule>");
    trig("K003", 3, &text, linux());
}

#[test]
fn global_values_are_reported_once() {
    let text = cfg(
        "<Global>\n  SFTPClientAlive 0 60\n</Global>\n<VirtualHost 10.0.0.1>\n</VirtualHost>\n<VirtualHost 10.0.0.2>\n</VirtualHost>",
    );
    let f = findings(&text, linux());
    assert_eq!(f.iter().filter(|(c, ..)| *c == "F003").count(), 1, "{f:?}");
}

#[test]
fn every_rule_is_registered_with_docs() {
    let rules = proftpd_lint::rules::all();
    for code in ["K001", "K021", "T001", "T006", "F001", "F007"] {
        let r = rules.iter().find(|r| r.code == code).expect(code);
        for section in ["## What it does", "## Why", "## Example", "## Fix"] {
            assert!(r.explain.contains(section), "{code} lacks {section}");
        }
    }
}

#[test]
fn interval_fix_sets_75() {
    let fs = MemoryFs::new();
    let options = LintOptions {
        profile: linux().0,
        ..LintOptions::default()
    };
    let text = cfg("SocketOptions keepalive 300:9:10");
    let r = lint_bytes(
        &fs,
        Path::new("/p.conf"),
        text.clone().into_bytes(),
        &options,
    );
    let d = r.diagnostics.iter().find(|d| d.code == "K010").unwrap();
    let fix = d.fix.as_ref().unwrap();
    let e = &fix.edits[0];
    let mut fixed = text.clone();
    fixed.replace_range(e.span.range.clone(), &e.replacement);
    assert_eq!(fixed, cfg("SocketOptions keepalive 300:9:75"));
}
