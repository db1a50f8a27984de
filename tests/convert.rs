//! `convert`: sysctl output per platform (snapshots), the proftpd ⇄ TOML
//! round trip over the corpus, the oracle acceptance check, a real Linux
//! kernel check in a fresh network namespace, and `-o` writing.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use proftpd_lint::convert::from_toml::from_toml;
use proftpd_lint::convert::sysctl::{self, SysctlOutput};
use proftpd_lint::convert::toml::to_toml;
use proftpd_lint::fs::MemoryFs;
use proftpd_lint::load::{LoadOptions, load};
use proftpd_lint::model::conditions::{Environment, evaluate};
use proftpd_lint::platform::Platform;
use proftpd_lint::source::{FileId, SourceFile};
use proftpd_lint::syntax::{LineRole, ParsedFile, parse};

use support::corpus::{self, corpus_dir, masked_lines};
use support::oracle::{self, HeaderOptions, Sandbox};

fn sysctl_for(conf: &str, platform: Platform) -> SysctlOutput {
    let config = load(
        &MemoryFs::new(),
        Path::new("/etc/proftpd/proftpd.conf"),
        conf.as_bytes().to_vec(),
        &LoadOptions::default(),
    );
    let eval = evaluate(&config, &Environment::default());
    let servers = sysctl::servers(&config, &eval);
    sysctl::convert("proftpd.conf", &servers[0], platform)
}

const SPECS: [(&str, &str); 4] = [
    ("default", "ServerName \"ftp\"\n"),
    ("tuned", "SocketOptions keepalive 600:5:30\n"),
    (
        "out-of-range",
        "SocketOptions keepalive 2000000000:300:300\n",
    ),
    ("off", "SocketOptions keepalive 600:5:30 keepalive off\n"),
];

fn describe(out: &SysctlOutput) -> String {
    let mut s = String::new();
    for d in &out.diagnostics {
        s.push_str(&format!(
            "{} {} {}: {}\n",
            d.code,
            d.name,
            d.severity.as_str(),
            d.message
        ));
    }
    s.push_str(&format!(
        "refused: {}, nothing: {}\n---\n{}",
        out.refused, out.nothing, out.text
    ));
    s
}

#[test]
fn sysctl_snapshots_for_every_platform() {
    for platform in Platform::ALL {
        let mut all = String::new();
        for (label, conf) in SPECS {
            all.push_str(&format!("===== {label}: {}", conf));
            all.push_str(&describe(&sysctl_for(conf, platform)));
            all.push('\n');
        }
        insta::assert_snapshot!(format!("sysctl_{}", platform.name()), all);
    }
}

#[test]
fn out_of_range_never_writes_unless_the_limit_is_unconfirmed() {
    for platform in Platform::ALL {
        let out = sysctl_for(SPECS[2].1, platform);
        if out.refused {
            assert!(out.text.is_empty(), "{platform:?}");
            assert!(out.diagnostics.iter().any(|d| d.code == "V001"));
        } else {
            assert!(
                matches!(platform, Platform::DragonFly | Platform::Aix),
                "{platform:?} emitted an out-of-range file"
            );
            assert!(out.diagnostics.iter().all(|d| d.code == "V002"));
        }
    }
}

#[test]
fn platform_specific_bounds() {
    let refused =
        |spec: &str, p| sysctl_for(&format!("SocketOptions keepalive {spec}\n"), p).refused;
    assert!(refused("600:256:30", Platform::Linux));
    assert!(!refused("2147483:255:2147483", Platform::Linux));
    assert!(refused("2147484:5:30", Platform::Linux));
    assert!(refused("600:8:226", Platform::OpenBsd));
    assert!(!refused("36000:8:225", Platform::OpenBsd));
    assert!(refused("36001:8:75", Platform::OpenBsd));
    assert!(refused("9:5:30", Platform::Solaris));
    assert!(!refused("9:5:30", Platform::Illumos));
    assert!(refused("864001:5:30", Platform::Illumos));
    assert!(refused("4294968:5:30", Platform::Windows));
    assert!(!refused("4294967:5:30", Platform::Windows));
    assert!(refused("2147484:5:30", Platform::FreeBsd));
}

// ---------------------------------------------------------------- TOML

/// The directive tree: depth, role, name and argument values of every
/// line ProFTPD dispatches, in order.
fn tree(file: &ParsedFile) -> Vec<(usize, LineRole, String, Vec<String>)> {
    file.walk()
        .into_iter()
        .map(|(open, d)| {
            let args = d.args().iter().map(|a| a.value().to_owned()).collect();
            (open.len(), d.role(), d.name().to_owned(), args)
        })
        .collect()
}

fn regenerate(raw: &[u8]) -> (String, String) {
    let toml = to_toml(&parse(FileId(0), raw), raw);
    let conf = from_toml(FileId(0), &toml)
        .unwrap_or_else(|d| panic!("our own TOML is refused: {}\n{toml}", d.message));
    (toml, conf)
}

#[test]
fn corpus_round_trips_through_toml() {
    let files = corpus::entries();
    assert!(files.len() >= 70, "corpus not found next to the repository");
    for (kind, name, _) in files {
        let raw = std::fs::read(corpus_dir(&kind).join(&name)).unwrap();
        let (toml, conf) = regenerate(&raw);
        let again = parse(FileId(0), conf.as_bytes());
        assert_eq!(
            tree(&parse(FileId(0), &raw)),
            tree(&again),
            "{name}: the directive tree changed\n{conf}"
        );
        let toml2 = to_toml(&again, conf.as_bytes());
        assert_eq!(toml, toml2, "{name}: TOML → proftpd → TOML differs");
    }
}

#[test]
fn typed_tables_win_over_arguments() {
    let toml = "format = \"proftpd-lint/config\"\nversion = 1\n\n[[directive]]\nname = \"SocketOptions\"\nargs = [\"maxseg\", \"1400\", \"keepalive\", \"7200:9:75\"]\nkeepalive = { idle = 600, count = 5, interval = 30 }\n\n[[directive]]\nname = \"TimeoutIdle\"\ntimeout = { seconds = 900 }\n\n[[directive]]\nname = \"SFTPClientAlive\"\nargs = [\"1\", \"1\"]\nclient_alive = { count = 3, interval = 15 }\n";
    let conf = from_toml(FileId(0), toml).unwrap();
    assert_eq!(
        conf,
        "SocketOptions maxseg 1400 keepalive 600:5:30\nTimeoutIdle 900\nSFTPClientAlive 3 15\n"
    );
}

fn toml_error(toml: &str) -> String {
    let d = from_toml(FileId(0), toml).expect_err("must be refused");
    let file = SourceFile::new(FileId(0), "c.toml".into(), toml.as_bytes().to_vec());
    let at = file.line_col(d.span.range.start);
    format!("{}:{}: {} {}", at.line, at.column, d.code, d.message)
}

#[test]
fn bad_toml_documents_are_refused_with_their_location() {
    const HEAD: &str = "format = \"proftpd-lint/config\"\nversion = 1\n";
    let cases = [
        "format = \"proftpd-lint/config\"\nversion = 2\n".to_string(),
        "version = 1\n".to_string(),
        format!("{HEAD}[[directive]]\nname = \"ServerName\"\nargs = [\"a\", 3]\n"),
        format!("{HEAD}[[directive]]\nname = \"ServerName\"\nagrs = [\"a\"]\n"),
        format!("{HEAD}[[directive]]\nargs = [\"a\"]\n"),
        format!(
            "{HEAD}[[directive]]\nname = \"SocketOptions\"\nkeepalive = {{ idle = 0, count = 5, interval = 30 }}\n"
        ),
        format!(
            "{HEAD}[[directive]]\nname = \"ServerName\"\nkeepalive = {{ idle = 1, count = 5, interval = 30 }}\n"
        ),
        format!("{HEAD}[[directive]]\nsection = \"<VirtualHost>\"\n"),
        format!("{HEAD}[[directive]]\nname = \"X\"\nargs = [{{ value = \"a b\", raw = \"a\" }}]\n"),
        format!("{HEAD}[[directive]]\nname = \"X\"\nchildren = []\n"),
        format!("{HEAD}[[directive]]\nname = \"X\"\nargs = [\"a\\nb\"]\n"),
        format!("{HEAD}[[directive]\nname = \"X\"\n"),
        format!("{HEAD}directive = 3\n"),
    ];
    let report: Vec<String> = cases.iter().map(|c| toml_error(c)).collect();
    insta::assert_snapshot!("toml_errors", report.join("\n"));
}

// ---------------------------------------------------------------- oracle

/// The file with host-dependent lines neutralised: a `<VirtualHost>` whose
/// name does not resolve here gets 127.0.0.1, anything else is commented out.
fn mask(raw: &[u8], lines: &[usize]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, line) in raw.split_inclusive(|b| *b == b'\n').enumerate() {
        if !lines.contains(&(i + 1)) {
            out.extend_from_slice(line);
        } else if String::from_utf8_lossy(line)
            .trim_start()
            .starts_with("<VirtualHost")
        {
            out.extend_from_slice(b"<VirtualHost 127.0.0.1>\n");
        } else {
            out.extend_from_slice(b"# masked: ");
            out.extend_from_slice(line);
        }
    }
    out
}

struct Case {
    name: String,
    raw: Vec<u8>,
    masked: Vec<usize>,
    sandbox: Sandbox,
}

impl Case {
    /// The header without `DefaultServer`, which many corpus files set.
    fn header(&self) -> String {
        self.sandbox
            .header(HeaderOptions::with_modules())
            .lines()
            .filter(|l| !l.starts_with("DefaultServer"))
            .map(|l| format!("{l}\n"))
            .collect()
    }

    fn write(&self, file: &str, body: &[u8]) -> PathBuf {
        let mut text = self.header().into_bytes();
        text.extend_from_slice(body);
        self.sandbox.write(file, &text)
    }

    fn body(&self) -> Vec<u8> {
        mask(&self.raw, &self.masked)
    }
}

/// Runs the originals, masking each host-dependent line proftpd reports
/// (a few rounds), and returns their final verdicts.
fn original_verdicts(bin: &Path, cases: &mut [Case]) -> Vec<oracle::Verdict> {
    let mut verdicts: Vec<Option<oracle::Verdict>> = vec![None; cases.len()];
    for _round in 0..6 {
        let pending: Vec<usize> = (0..cases.len())
            .filter(|&i| verdicts[i].as_ref().is_none_or(|v| v.host_dependent))
            .collect();
        if pending.is_empty() {
            break;
        }
        let paths: Vec<PathBuf> = pending
            .iter()
            .map(|&i| cases[i].write("original.conf", &cases[i].body()))
            .collect();
        for (&i, v) in pending.iter().zip(oracle::check_many(bin, &paths)) {
            let header = cases[i].header().lines().count() as u32;
            if let Some(line) = v.line.filter(|l| v.host_dependent && *l > header) {
                cases[i].masked.push((line - header) as usize);
            }
            verdicts[i] = Some(v);
        }
    }
    verdicts.into_iter().map(Option::unwrap).collect()
}

#[test]
fn proftpd_accepts_the_regenerated_file_whenever_it_accepts_the_original() {
    let Some(bin) = oracle::require_or_skip(
        "proftpd_accepts_the_regenerated_file_whenever_it_accepts_the_original",
    ) else {
        return;
    };
    let mut cases: Vec<Case> = corpus::entries()
        .into_iter()
        .map(|(kind, name, verdict)| Case {
            raw: std::fs::read(corpus_dir(&kind).join(&name)).unwrap(),
            masked: masked_lines(&verdict),
            name,
            sandbox: Sandbox::new(),
        })
        .collect();
    let originals = original_verdicts(&bin, &mut cases);
    let paths: Vec<PathBuf> = cases
        .iter()
        .map(|c| c.write("regenerated.conf", regenerate(&c.body()).1.as_bytes()))
        .collect();
    let regenerated = oracle::check_many(&bin, &paths);
    let mut wrong = Vec::new();
    let mut compared = 0;
    for ((case, orig), regen) in cases.iter().zip(&originals).zip(&regenerated) {
        if orig.rejected {
            println!("not compared: {}: {}", case.name, orig.summary());
            continue;
        }
        compared += 1;
        if regen.rejected {
            wrong.push(format!("{}: {}", case.name, regen.summary()));
        }
    }
    println!("compared {compared} of {} corpus files", cases.len());
    assert!(compared >= 60, "too few files compared: {compared}");
    assert!(
        wrong.is_empty(),
        "regenerated files refused:\n{}",
        wrong.join("\n")
    );
}

// ---------------------------------------------------------------- kernel

/// `unshare -n` works here (root or user namespaces allowed).
fn netns_available() -> bool {
    Command::new("unshare")
        .args(["-n", "true"])
        .status()
        .is_ok_and(|s| s.success())
}

fn apply_in_netns(file: &Path) -> Result<Vec<String>, String> {
    let script = format!(
        "sysctl -q -p {} && sysctl -n net.ipv4.tcp_keepalive_time net.ipv4.tcp_keepalive_intvl net.ipv4.tcp_keepalive_probes",
        file.display()
    );
    let out = Command::new("unshare")
        .args(["-n", "sh", "-c", &script])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect())
}

#[test]
fn linux_kernel_takes_the_generated_sysctl_file() {
    if !netns_available() {
        assert!(
            !oracle::oracle_required(),
            "unshare -n is not permitted but PROFTPD_LINT_REQUIRE_ORACLE=1"
        );
        println!("skipped: linux_kernel_takes_the_generated_sysctl_file: unshare -n not permitted");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (spec, expect) in [
        ("600:5:30", ["600", "30", "5"]),
        ("2147483:255:2147483", ["2147483", "2147483", "255"]),
        ("1:1:1", ["1", "1", "1"]),
    ] {
        let out = sysctl_for(
            &format!("SocketOptions keepalive {spec}\n"),
            Platform::Linux,
        );
        assert!(!out.refused, "{spec}");
        let path = dir.path().join("60-proftpd.conf");
        std::fs::write(&path, &out.text).unwrap();
        let values = apply_in_netns(&path).unwrap_or_else(|e| panic!("{spec}: {e}"));
        assert_eq!(values, expect, "{spec}");
    }
}

// ---------------------------------------------------------------- CLI

fn cli() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("proftpd-lint").unwrap()
}

#[test]
fn output_file_is_written_atomically_keeping_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("proftpd.conf");
    std::fs::write(&conf, "SocketOptions keepalive 600:5:30\n").unwrap();
    let out = dir.path().join("keepalive.conf");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    cli()
        .args(["convert", "--to", "sysctl", "--platform", "linux", "-o"])
        .arg(&out)
        .arg(&conf)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("net.ipv4.tcp_keepalive_probes = 5"));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(entries(dir.path()), ["keepalive.conf", "proftpd.conf"]);
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn output_refuses_the_input_and_leaves_nothing_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("proftpd.conf");
    let original = "SocketOptions keepalive 600:300:30\n";
    std::fs::write(&conf, original).unwrap();
    cli()
        .args(["convert", "--to", "toml", "-o"])
        .arg(&conf)
        .arg(&conf)
        .assert()
        .code(2);
    // Out of range for Linux: refused, exit 1, no file.
    let out = dir.path().join("keepalive.conf");
    cli()
        .args(["convert", "--to", "sysctl", "--platform", "linux", "-o"])
        .arg(&out)
        .arg(&conf)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("V001"));
    // A directory that does not exist: an error, nothing left behind.
    cli()
        .args(["convert", "--to", "toml", "-o"])
        .arg(dir.path().join("missing/x.toml"))
        .arg(&conf)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&conf).unwrap(), original);
    assert_eq!(entries(dir.path()), ["proftpd.conf"]);
}

#[test]
fn nothing_to_convert_exits_zero_and_servers_differ_warns() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("proftpd.conf");
    std::fs::write(
        &conf,
        "SocketOptions keepalive off\n<VirtualHost 10.0.0.1>\n  SocketOptions keepalive 600:5:30\n</VirtualHost>\n",
    )
    .unwrap();
    cli()
        .args(["convert", "--to", "sysctl", "--platform", "linux"])
        .arg(&conf)
        .assert()
        .success()
        .stdout(predicates::str::contains("Nothing to convert"))
        .stderr(predicates::str::contains("converted server `main`"));
    cli()
        .args([
            "convert",
            "--to",
            "sysctl",
            "--platform",
            "freebsd",
            "--server",
            "10.0.0.1",
        ])
        .arg(&conf)
        .assert()
        .success()
        .stdout(predicates::str::contains("net.inet.tcp.keepidle=600000"));
}

#[test]
fn toml_cli_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("proftpd.conf");
    std::fs::write(
        &conf,
        "ServerName \"a b\"\n<Global>\n  TimeoutIdle 600\n</Global>\n",
    )
    .unwrap();
    let toml = dir.path().join("proftpd.toml");
    cli()
        .args(["convert", "--to", "toml", "-o"])
        .arg(&toml)
        .arg(&conf)
        .assert()
        .success();
    cli()
        .args(["convert", "--to", "proftpd"])
        .arg(&toml)
        .assert()
        .success()
        .stdout("ServerName \"a b\"\n<Global>\n  TimeoutIdle 600\n</Global>\n");
    std::fs::write(
        &toml,
        "format = \"proftpd-lint/config\"\nversion = 1\n[[directive]]\nname = 1\n",
    )
    .unwrap();
    cli()
        .args(["convert", "--to", "proftpd"])
        .arg(&toml)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "directive[0].name: expected a string",
        ));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// Whatever the input, our own TOML is accepted back and the directive
    /// tree survives, and the second TOML equals the first.
    #[test]
    fn any_input_round_trips(text in "([A-Za-z<>/\"\\\\# \t\r\n]|\\x00|é|\\\\\n|%\\{env:HOME\\}|<IfModule|</IfModule>|<Dir|</Dir>|SocketOptions keepalive|1:2:3|SFTPClientAlive 3 15|TimeoutIdle 60){0,120}") {
        let raw = text.as_bytes();
        let (toml, conf) = regenerate(raw);
        let again = parse(FileId(0), conf.as_bytes());
        proptest::prop_assert_eq!(tree(&parse(FileId(0), raw)), tree(&again), "{}", conf);
        proptest::prop_assert_eq!(toml, to_toml(&again, conf.as_bytes()));
    }
}

#[test]
fn header_names_the_spec_even_when_a_later_keepalive_on_follows() {
    let out = sysctl_for(
        "SocketOptions keepalive 600:5:30 keepalive on\n",
        Platform::Linux,
    );
    assert!(
        out.text
            .contains("Spec: SocketOptions keepalive 600:5:30 ("),
        "{}",
        out.text
    );
}

/// With many differing servers, V003 names the first five and counts the
/// rest (20,000 named servers made a warning that took 34 s to draw).
#[test]
fn servers_differ_names_a_few_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("ServerName \"x\"\nSocketOptions keepalive on\n");
    for i in 1..=8 {
        text += &format!(
            "<VirtualHost 10.0.0.{i}>\n  SocketOptions keepalive 300:5:75\n</VirtualHost>\n"
        );
    }
    let path = dir.path().join("many.conf");
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_proftpd-lint"))
        .args(["convert", "--to", "sysctl", "--platform", "linux"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("(differing: 10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5, and 3 more)"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("uses other keepalive settings").count(),
        5,
        "{stderr}"
    );
}

fn nested(levels: usize) -> String {
    format!(
        "{}Umask 022\n{}",
        "<IfDefine X>\n".repeat(levels),
        "</IfDefine>\n".repeat(levels)
    )
}

/// V005: a line inside 80 sections would get a TOML table header too long
/// to read back, so nothing is written; inside 79 the TOML reads back.
#[test]
fn toml_nesting_limit() {
    let conf = nested(79);
    let toml = to_toml(&parse(FileId(0), conf.as_bytes()), conf.as_bytes());
    assert!(
        proftpd_lint::convert::toml::too_deep_for_toml(&parse(FileId(0), conf.as_bytes()))
            .is_none()
    );
    let back = from_toml(FileId(0), &toml).expect("79 levels read back");
    assert_eq!(back.matches("Umask 022").count(), 1);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.conf");
    std::fs::write(&path, nested(80)).unwrap();
    let out = dir.path().join("deep.toml");
    let run = Command::new(env!("CARGO_BIN_EXE_proftpd-lint"))
        .args(["convert", "--to", "toml", "-o"])
        .arg(&out)
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("V005(toml-nesting-too-deep)"), "{stderr}");
    assert!(stderr.contains("deep.conf:81:1"), "{stderr}");
    assert!(!out.exists());
}
