//! The real ProFTPD as a test oracle: find the binary, write a safe config
//! header, run `proftpd -t -c FILE` and classify what it printed.
//!
//! Background: /work/shared/reference/running-the-oracle.md and
//! proftpd-config-language.md §1 (especially §1.10 and §1.12).
//!
//! The verdict is read from the **stderr text**, never from the exit status
//! alone: proftpd 1.3.8 exits 0 after a fatal error inside an included file
//! and after the mod_ifsession "unclosed <IfUser>" error, and "Syntax check
//! complete." goes to an unflushed stdout that is lost on a pipe.
//!
//! Oracle rules (DEVELOPERS.md): without a proftpd binary an oracle test
//! prints `skipped: <name>: proftpd not installed` and passes, unless
//! `PROFTPD_LINT_REQUIRE_ORACLE=1`, in which case it fails.

use std::collections::VecDeque;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// `proftpd -t` is killed (SIGKILL, by its own pid) after this long.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Where Debian's proftpd-core / proftpd-mod-* put the loadable modules.
pub const MODULE_DIR: &str = "/usr/lib/proftpd";

/// Modules never loaded by the header: mod_dnsbl fails to load without DNS.
const NEVER_LOAD: &[&str] = &["mod_dnsbl"];

// ---------------------------------------------------------------------------
// Finding the binary
// ---------------------------------------------------------------------------

/// The proftpd binary: `$PROFTPD_BIN`, else `/usr/sbin/proftpd`, else the
/// first `proftpd` on `$PATH`. `None` when none of them is an executable file.
pub fn proftpd() -> Option<PathBuf> {
    if let Some(bin) = std::env::var_os("PROFTPD_BIN").filter(|v| !v.is_empty()) {
        let bin = PathBuf::from(bin);
        // An explicit choice that is wrong is an error, not a silent skip.
        assert!(
            is_executable(&bin),
            "PROFTPD_BIN={} is not an executable file",
            bin.display()
        );
        return Some(bin);
    }
    let default = PathBuf::from("/usr/sbin/proftpd");
    if is_executable(&default) {
        return Some(default);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("proftpd"))
            .find(|p| is_executable(p))
    })
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// True when `PROFTPD_LINT_REQUIRE_ORACLE=1` (CI): a missing oracle fails.
pub fn oracle_required() -> bool {
    std::env::var("PROFTPD_LINT_REQUIRE_ORACLE").is_ok_and(|v| v == "1")
}

/// The binary, or `None` after printing `skipped: <test_name>: proftpd not
/// installed`. Panics instead when `PROFTPD_LINT_REQUIRE_ORACLE=1`.
pub fn require_or_skip(test_name: &str) -> Option<PathBuf> {
    match proftpd() {
        Some(bin) => Some(bin),
        None if oracle_required() => panic!(
            "{test_name}: proftpd not installed but PROFTPD_LINT_REQUIRE_ORACLE=1 \
             (install proftpd-core and proftpd-mod-crypto, or set PROFTPD_BIN)"
        ),
        None => {
            println!("skipped: {test_name}: proftpd not installed");
            None
        }
    }
}

// ---------------------------------------------------------------------------
// Sandbox and header
// ---------------------------------------------------------------------------

/// What [`Sandbox::header`] puts in the header.
#[derive(Debug, Clone, Default)]
pub struct HeaderOptions {
    /// Add `ModulePath /usr/lib/proftpd` and one `LoadModule` per loadable
    /// module (see [`loadable_modules`]).
    pub load_modules: bool,
    /// The `Port`; `None` picks a free high port on 127.0.0.1 once per
    /// sandbox (only matters for live daemon tests; `-t` never binds).
    pub port: Option<u16>,
}

impl HeaderOptions {
    pub fn with_modules() -> HeaderOptions {
        HeaderOptions {
            load_modules: true,
            port: None,
        }
    }
}

/// A private temporary directory, owned by the current user, for the pid and
/// scoreboard files (a scoreboard left in /tmp by another user gives
/// "Operation not permitted") and for the config files of one test case.
/// Removed on drop.
pub struct Sandbox {
    dir: tempfile::TempDir,
    port: OnceLock<u16>,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::Builder::new()
            .prefix("proftpd-lint-oracle-")
            .tempdir()
            .expect("create oracle sandbox directory");
        Sandbox {
            dir,
            port: OnceLock::new(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` to `name` (relative, parent directories created) inside
    /// the sandbox and returns the absolute path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create sandbox subdirectory");
        }
        std::fs::write(&path, bytes).expect("write sandbox file");
        path
    }

    /// A free TCP port on 127.0.0.1 (ephemeral range, so > 1024), chosen once.
    pub fn port(&self) -> u16 {
        *self.port.get_or_init(|| {
            std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .map(|a| a.port())
                .unwrap_or(2121)
        })
    }

    /// The safe header of running-the-oracle.md, newline-terminated. Its line
    /// count is [`Sandbox::header_lines`] (for mapping proftpd's line numbers).
    pub fn header(&self, opts: HeaderOptions) -> String {
        let (user, group) = run_as();
        let dir = self.dir.path().display();
        let port = opts.port.unwrap_or_else(|| self.port());
        let mut h = String::new();
        // Without it every <VirtualHost> waits on reverse DNS.
        h.push_str("UseReverseDNS off\n");
        h.push_str("ServerType standalone\n");
        h.push_str("DefaultServer on\n");
        h.push_str(&format!("Port {port}\n"));
        h.push_str(&format!("User {user}\n"));
        h.push_str(&format!("Group {group}\n"));
        h.push_str(&format!("PidFile {dir}/proftpd.pid\n"));
        h.push_str(&format!("ScoreboardFile {dir}/proftpd.scoreboard\n"));
        h.push_str("DefaultAddress 127.0.0.1\n");
        if opts.load_modules {
            let modules = loadable_modules();
            if !modules.is_empty() {
                h.push_str(&format!("ModulePath {MODULE_DIR}\n"));
                for m in modules {
                    h.push_str(&format!("LoadModule {m}.c\n"));
                }
            }
        }
        h
    }

    /// Number of lines [`Sandbox::header`] produces with these options.
    pub fn header_lines(&self, opts: HeaderOptions) -> u32 {
        self.header(opts).lines().count() as u32
    }
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}

/// `User`/`Group` for the header: nobody/nogroup as root, else the current
/// user and primary group (proftpd cannot switch to another user then).
pub fn run_as() -> (String, String) {
    static RUN_AS: OnceLock<(String, String)> = OnceLock::new();
    RUN_AS
        .get_or_init(|| {
            let id = |flag: &str| {
                Command::new("id")
                    .arg(flag)
                    .stdin(Stdio::null())
                    .stderr(Stdio::null())
                    .output()
                    .ok()
                    .filter(|o| o.status.success())
                    .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            if id("-u").as_deref() == Some("0") {
                ("nobody".into(), "nogroup".into())
            } else {
                (
                    id("-un").unwrap_or_else(|| "nobody".into()),
                    id("-gn").unwrap_or_else(|| "nogroup".into()),
                )
            }
        })
        .clone()
}

/// The modules the header loads, computed once: every `mod_*.so` in
/// [`MODULE_DIR`] except mod_dnsbl, alphabetical, with `mod_auth_otp` moved
/// right after `mod_sql` (it needs mod_sql's symbols; alphabetical order
/// already puts each family's base module before its `_x` sub-modules).
/// When a binary is available the list is probed once with `proftpd -t`, and
/// any module reported by `error loading module 'mod_x.c'` is dropped.
pub fn loadable_modules() -> &'static [String] {
    static MODULES: OnceLock<Vec<String>> = OnceLock::new();
    MODULES.get_or_init(|| {
        let mut modules = modules_in(Path::new(MODULE_DIR));
        if let Some(bin) = proftpd() {
            probe_modules(&bin, &mut modules);
        }
        modules
    })
}

fn modules_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let stem = name.strip_suffix(".so")?.to_string();
                    (stem.starts_with("mod_") && !NEVER_LOAD.contains(&stem.as_str()))
                        .then_some(stem)
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    if let Some(otp) = names.iter().position(|n| n == "mod_auth_otp")
        && let Some(sql) = names.iter().position(|n| n == "mod_sql")
        && otp < sql
    {
        let otp = names.remove(otp);
        let sql = names.iter().position(|n| n == "mod_sql").unwrap();
        names.insert(sql + 1, otp);
    }
    names
}

fn probe_modules(bin: &Path, modules: &mut Vec<String>) {
    for _ in 0..8 {
        let sandbox = Sandbox::new();
        let mut text = sandbox.header(HeaderOptions::default());
        text.push_str(&format!("ModulePath {MODULE_DIR}\n"));
        for m in modules.iter() {
            text.push_str(&format!("LoadModule {m}.c\n"));
        }
        let path = sandbox.write("probe.conf", text.as_bytes());
        let verdict = check(bin, &path);
        let failed: Vec<String> = verdict
            .messages
            .iter()
            .filter_map(|m| {
                let rest = m.text.split("error loading module '").nth(1)?;
                let name = rest.split('\'').next()?;
                Some(name.trim_end_matches(".c").to_string())
            })
            .collect();
        if failed.is_empty() {
            return;
        }
        modules.retain(|m| !failed.contains(m));
    }
}

// ---------------------------------------------------------------------------
// Running proftpd -t and reading its verdict
// ---------------------------------------------------------------------------

/// Severity keyword of one log message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Fatal,
    Error,
    Warning,
    /// Anything else (`mod_x/1.0: ...`, `processing configuration directory`).
    Other,
}

/// One message proftpd logged, continuation lines (the `Did you mean:`
/// list) folded in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    /// The text after `fatal: ` / `error: ` / `warning: ` (whole text for Other).
    pub text: String,
    /// From the ` on line N of 'PATH'` suffix.
    pub line: Option<u32>,
    pub file: Option<String>,
}

/// What `proftpd -t -c FILE` thinks of a config.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// The config path that was checked.
    pub config: PathBuf,
    /// proftpd refuses the config (the daemon would not start).
    pub rejected: bool,
    /// The first rejecting `fatal:` message (text after `fatal: `).
    pub fatal_line: Option<String>,
    /// Line and file of that message, when it names one.
    pub line: Option<u32>,
    pub file: Option<String>,
    /// Killed by a signal it did not get from us (SIGSEGV on self-include).
    pub crashed: bool,
    /// Still running after [`TIMEOUT`]; we killed it.
    pub timed_out: bool,
    /// The verdict rests on the machine, not the config text (see
    /// [`HOST_DEPENDENT_PATTERNS`]): tests should report these apart.
    pub host_dependent: bool,
    /// Non-rejecting warnings/errors, including fatal errors inside included
    /// files that proftpd downgraded (prefixed `in include: `).
    pub warnings: Vec<String>,
    /// Every message, in order.
    pub messages: Vec<Message>,
    /// The exit code, `None` when killed by a signal.
    pub exit_code: Option<i32>,
    /// The signal that ended it, if any.
    pub signal: Option<i32>,
    pub raw_stderr: String,
}

impl Verdict {
    /// One-line summary for tables: `rejects: <fatal>` / `accepts` / `CRASH`.
    pub fn summary(&self) -> String {
        let mut s = if self.crashed {
            format!("rejects (crash, signal {})", self.signal.unwrap_or(0))
        } else if self.timed_out {
            "rejects (timed out)".to_string()
        } else if self.rejected {
            match &self.fatal_line {
                Some(f) => format!("rejects: {}", short_message(f)),
                None => "rejects".to_string(),
            }
        } else {
            "accepts".to_string()
        };
        if self.host_dependent {
            s.push_str(" [host-dependent]");
        }
        s
    }
}

/// The first line of a message, paths shortened to their file name and
/// quoted words cut to 40 characters (for tables).
pub fn short_message(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    let mut out = String::new();
    for (i, part) in first.split('\'').enumerate() {
        if i > 0 {
            out.push('\'');
        }
        // Odd parts are quoted: a path or a directive name.
        let part = if i % 2 == 1 && part.starts_with('/') {
            part.rsplit('/').next().unwrap_or(part)
        } else {
            part
        };
        if i % 2 == 1 && part.chars().count() > 40 {
            out.extend(part.chars().take(37));
            out.push_str("...");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Substrings (matched case-insensitively) of messages whose outcome depends
/// on the host rather than on the config syntax: unknown users/groups, DNS,
/// missing or unreadable files, certificates/keys, syslog, module loading.
/// Checked against the rejecting fatal message and against `error:` lines.
/// Not checked against the `unable to include` warnings: tests create their
/// own include files, so a missing one there is part of the case.
pub const HOST_DEPENDENT_PATTERNS: &[&str] = &[
    "unknown user",
    "unknown group",
    "no such user",
    "no such group",
    "error resolving",
    "unable to resolve",
    "getaddrinfo",
    "name or service not known",
    "temporary failure in name resolution",
    "unable to determine ip address",
    "no such file or directory",
    "is a directory",
    "operation not permitted",
    "unable resolve",
    "sqlbackend",
    // not the host but another line: a name defined by an earlier directive
    "no logformat",
    "does not exist",
    "not a regular file",
    "is not a directory",
    "permission denied",
    "world-readable",
    "world-accessible",
    "world-writable",
    "certificate",
    "private key",
    "hostkey",
    "syslog",
    "error loading module",
];

/// Resource limits of the machine that can decide a verdict from any
/// message, warnings included: as root a self-including file overflows the
/// stack (SIGSEGV, rejected), but under a low `ulimit -n` (e.g. as `nobody`)
/// the recursion stops at `warning: unable to include 'F': Too many open
/// files` and proftpd accepts the config.
pub const RESOURCE_LIMIT_PATTERNS: &[&str] = &[
    "too many open files",
    "cannot allocate memory",
    "out of memory",
];

fn hits_resource_limit(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    RESOURCE_LIMIT_PATTERNS.iter().any(|p| lower.contains(p))
}

pub fn is_host_dependent(text: &str) -> bool {
    // `SFTPHostKeys: unknown ...`: the directive's own name is not evidence
    let text = match text.split_once(": ") {
        Some((name, rest)) if !name.contains(' ') => rest,
        _ => text,
    };
    // nor are the words quoted from the config (`unknown SFTPOption
    // 'NoHostKeyRotation'`) for the patterns that could come from one
    let lower = text.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split('\'').collect();
    let unquoted: String = parts
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, p)| *p)
        .collect();
    const WORDLIKE: &[&str] = &["hostkey", "certificate", "private key", "syslog"];
    HOST_DEPENDENT_PATTERNS.iter().any(|p| {
        let haystack = if WORDLIKE.contains(p) {
            &unquoted
        } else {
            &lower
        };
        haystack.contains(p)
    })
}

/// Runs `proftpd -t -c CONFIG` (stdin and stdout null, stderr captured),
/// killing it after [`TIMEOUT`], and classifies the result (see
/// [`classify`] for the rules).
pub fn check(bin: &Path, config: &Path) -> Verdict {
    check_with_timeout(bin, config, TIMEOUT)
}

/// [`check`] with another time limit.
pub fn check_with_timeout(bin: &Path, config: &Path, timeout: Duration) -> Verdict {
    let mut command = Command::new(bin);
    // Relative paths in a case (`TransferLog on`) are created in the
    // case's own directory, not in the working tree.
    if let Some(dir) = config.parent().filter(|d| d.is_dir()) {
        command.current_dir(dir);
    }
    let mut child = command
        .arg("-t")
        .arg("-c")
        .arg(config)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    // Drain stderr on a thread: a looping include can log megabytes.
    let mut stderr = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait().expect("wait for proftpd") {
            Some(status) => break status,
            None if start.elapsed() >= timeout => {
                timed_out = true;
                // SIGKILL to this child's own pid only.
                let _ = child.kill();
                break child.wait().expect("reap proftpd");
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    let stderr = reader.join().unwrap_or_default();
    classify(config, status, timed_out, &String::from_utf8_lossy(&stderr))
}

/// Splits proftpd's stderr into messages. A log line looks like
/// `2026-11-24 05:38:45,672 HOST proftpd[PID]: fatal: MSG on line N of 'P'`
/// (after post-parse a server name may follow the pid:
/// `proftpd[PID] NAME: error: ...`). Lines without that prefix continue the
/// previous message.
pub fn parse_messages(stderr: &str) -> Vec<Message> {
    let mut out: Vec<Message> = Vec::new();
    for raw in stderr.lines() {
        let body = raw.find("proftpd[").and_then(|i| {
            let after = &raw[i..];
            let close = after.find(']')?;
            let rest = &after[close + 1..];
            let colon = rest.find(": ")?;
            Some(&rest[colon + 2..])
        });
        let Some(body) = body else {
            if let Some(last) = out.last_mut() {
                last.text.push('\n');
                last.text.push_str(raw);
            }
            continue;
        };
        let (level, text) = if let Some(t) = body.strip_prefix("fatal: ") {
            (Level::Fatal, t)
        } else if let Some(t) = body.strip_prefix("error: ") {
            (Level::Error, t)
        } else if let Some(t) = body.strip_prefix("warning: ") {
            (Level::Warning, t)
        } else {
            (Level::Other, body)
        };
        // `fatal: Did you mean:` (and its indented list) belongs to the
        // unknown-directive message before it.
        if level == Level::Fatal
            && text.starts_with("Did you mean")
            && let Some(last) = out.last_mut()
            && last.level == Level::Fatal
        {
            last.text.push('\n');
            last.text.push_str(text);
            continue;
        }
        let (line, file) = location(text);
        out.push(Message {
            level,
            text: text.to_string(),
            line,
            file,
        });
    }
    out
}

/// Parses a ` on line N of 'PATH'` suffix.
fn location(text: &str) -> (Option<u32>, Option<String>) {
    let Some(i) = text.rfind(" on line ") else {
        return (None, None);
    };
    let rest = &text[i + " on line ".len()..];
    let Some((num, path)) = rest.split_once(" of '") else {
        return (None, None);
    };
    let Ok(num) = num.parse::<u32>() else {
        return (None, None);
    };
    let path = path.strip_suffix('\'').unwrap_or(path);
    (Some(num), Some(path.to_string()))
}

/// The path inside `unable to include 'F'` / `unable to open parse file 'F'`.
fn include_failure(m: &Message) -> Option<&str> {
    if !matches!(m.level, Level::Warning | Level::Error) {
        return None;
    }
    let rest = m
        .text
        .strip_prefix("unable to include '")
        .or_else(|| m.text.strip_prefix("unable to open parse file '"))?;
    rest.split('\'').next()
}

/// Applies the verdict rules to one run. Public so that tests of the rules
/// can feed recorded stderr.
pub fn classify(config: &Path, status: ExitStatus, timed_out: bool, stderr: &str) -> Verdict {
    use std::os::unix::process::ExitStatusExt;
    let messages = parse_messages(stderr);
    let main = config.to_string_lossy().into_owned();
    let mut v = Verdict {
        config: config.to_path_buf(),
        exit_code: status.code(),
        signal: status.signal(),
        timed_out,
        raw_stderr: stderr.to_string(),
        ..Verdict::default()
    };

    // Rule C (crash): death by a signal we did not send (the SIGSEGV of a
    // self-including file, §1.10) means the daemon cannot start: rejected.
    // Rule T (timeout): a run still going after TIMEOUT (an include loop that
    // keeps re-reading a file) is killed and also counts as rejected.
    v.crashed = !timed_out && status.signal().is_some();
    // Rule C' (caught crash): proftpd catches SIGSEGV itself, logs
    // `ProFTPD terminating (signal 11)` and exits 1 with no fatal line
    // (e.g. `TLSCipherSuite a b c` in 1.3.8): the daemon cannot start.
    v.crashed |= !timed_out
        && messages
            .iter()
            .any(|m| m.text.contains("terminating (signal"));

    for (i, m) in messages.iter().enumerate() {
        match m.level {
            Level::Fatal => {
                // Rule D (downgrade): a fatal error inside an *included* file
                // (its location names a file other than the config checked)
                // that is followed by `warning: unable to include 'F'` or
                // `error: unable to open parse file 'F'` was downgraded by
                // proftpd 1.3.8 to a warning, and the exit status is 0. The
                // rest of the including file is skipped silently, so later
                // text can still produce a real fatal (reported on a line of
                // the *main* file) which then rejects by rule F.
                let in_include = m.file.as_deref().is_some_and(|f| f != main);
                let downgraded = in_include
                    && messages[i + 1..]
                        .iter()
                        .take_while(|n| n.level != Level::Fatal)
                        .any(|n| include_failure(n).is_some());
                if downgraded {
                    v.warnings.push(format!("in include: {}", m.text));
                    continue;
                }
                // Rule F (fatal): any other `fatal:` line rejects; the first
                // is the verdict (proftpd stops there). This includes
                // `error processing configuration file ...: unclosed
                // configuration section`, which has no line number.
                if !v.rejected {
                    v.rejected = true;
                    v.fatal_line = Some(m.text.clone());
                    v.line = m.line;
                    v.file = m.file.clone();
                    v.host_dependent |= is_host_dependent(&m.text);
                }
            }
            Level::Error => {
                // Rule S (mod_ifsession): `error: unclosed <IfUser> context in
                // config file` (also IfGroup/IfClass/IfAuthenticated) is
                // logged after parsing and the process disconnects with
                // exit 0: the daemon would not start, so it rejects.
                if m.text.starts_with("unclosed <If") {
                    if !v.rejected {
                        v.rejected = true;
                        v.fatal_line = Some(m.text.clone());
                    }
                    continue;
                }
                // Other `error:` lines do not stop parsing (e.g. `unable to
                // open parse file`, `no matches found for wildcard
                // directory`): warnings.
                if include_failure(m).is_none() {
                    v.host_dependent |= is_host_dependent(&m.text);
                }
                v.warnings.push(m.text.clone());
            }
            // Rule W: warnings never reject (`unable to include` a missing
            // file, `handling possibly truncated configuration data`,
            // world-writable config, ...).
            Level::Warning => v.warnings.push(m.text.clone()),
            Level::Other => {}
        }
    }
    if v.crashed || v.timed_out {
        v.rejected = true;
    }
    // Rule H (resources): a message about an exhausted resource makes the
    // verdict host-dependent whatever it is.
    v.host_dependent |= messages.iter().any(|m| hits_resource_limit(&m.text));
    v.messages = messages;
    v
}

/// Runs [`check`] on every config with a small pool of worker threads
/// (2–4, by available parallelism); results in input order. Each config
/// should come from its own [`Sandbox`] (own pid/scoreboard paths).
pub fn check_many(bin: &Path, configs: &[PathBuf]) -> Vec<Verdict> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 4)
        .min(configs.len().max(1));
    let queue: Arc<Mutex<VecDeque<(usize, PathBuf)>>> =
        Arc::new(Mutex::new(configs.iter().cloned().enumerate().collect()));
    let results: Arc<Mutex<Vec<Option<Verdict>>>> = Arc::new(Mutex::new(vec![None; configs.len()]));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let queue = Arc::clone(&queue);
            let results = Arc::clone(&results);
            scope.spawn(move || {
                loop {
                    let next = queue.lock().unwrap().pop_front();
                    let Some((i, path)) = next else { break };
                    let verdict = check(bin, &path);
                    results.lock().unwrap()[i] = Some(verdict);
                }
            });
        }
    });
    Arc::try_unwrap(results)
        .expect("workers done")
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|v| v.expect("every config checked"))
        .collect()
}

/// Our findings that claim `proftpd -t` refuses the config, one per
/// `CODE message` entry joined by ` | ` (`-` when there is none), for the
/// disagreement tables of the oracle suites.
pub fn our_rejections(diagnostics: &[proftpd_lint::diagnostic::Diagnostic]) -> String {
    let ours: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.proftpd_rejects)
        .map(|d| format!("{} {}", d.code, short_message(&d.message)))
        .collect();
    if ours.is_empty() {
        "-".to_owned()
    } else {
        ours.join(" | ")
    }
}
