//! Catalogue agreement with the real ProFTPD (issue 3 §4): every directive
//! the installed `proftpd -vvv` lists (all Debian modules loaded) is placed
//! in six contexts (server config, `<VirtualHost>`, `<Global>`,
//! `<Anonymous>`, `<Directory>`, `<Limit>`) and given too few / too many
//! arguments, and `proftpd -t` must reject exactly when some diagnostic of
//! ours has `proftpd_rejects`.
//!
//! Argument *values* are not what this suite checks (another suite does):
//! for each directive a dummy value is first **calibrated** — the first of
//! [`CANDIDATES`] (or the directive's entry in [`VALUES`]) that `proftpd -t`
//! accepts in the directive's first allowed context with its base argument
//! count. The context and count probes then use that value, so the count or
//! the context is what decides. Directives for which no dummy value can be
//! accepted on any machine, or whose verdict depends on the host, are listed
//! in [`EXCEPTIONS`] with the reason; the test fails if an exception is no
//! longer needed or a directive cannot be calibrated without being listed.
//!
//! Where `proftpd -t` is not a reliable judge (reference
//! proftpd-config-language.md §1.11–§1.12, §2.2): users/groups, DNS, files,
//! certificates, syslog and module loading are decided by the host — cases
//! whose verdict `oracle::classify` marks host-dependent are counted and
//! skipped (the run prints which directives); the exit status is never
//! used (the stderr text is); `Include` is left out (it reads other files);
//! values the kernel refuses at run time are never reported by `-t` (that is
//! the keepalive suite's business). Sections (`<Directory>` …) are not probed here: the syntax
//! suite covers them.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use proftpd_lint::catalog::{Context, Directive as Entry, catalog};
use proftpd_lint::lint::{LintOptions, lint_path};
use support::oracle::{self, HeaderOptions, Sandbox, Verdict};

/// The contexts every directive is tried in.
const CONTEXTS: [Context; 6] = [
    Context::Server,
    Context::VirtualHost,
    Context::Global,
    Context::Anonymous,
    Context::Directory,
    Context::Limit,
];

/// Dummy argument values, tried in this order (every argument gets the same one).
const CANDIDATES: &[&str] = &[
    "on",
    "1",
    "/tmp",
    "none",
    "off",
    "*",
    "ALL",
    "0",
    "127.0.0.1",
    "/tmp/x.log",
    "user",
];

/// Whole argument lists for directives no single repeated value satisfies.
/// Used for the base count; the count probes drop or repeat the last word.
const VALUES: &[(&str, &str)] = &[
    ("Allow", "from all"),
    ("Deny", "from all"),
    ("Order", "allow,deny"),
    ("AllowFilter", "^a"),
    ("DenyFilter", "^a"),
    ("PathAllowFilter", "^a"),
    ("PathDenyFilter", "^a"),
    ("LogFormat", "x \"%h\""),
    ("ExtendedLog", "/tmp/x.log"),
    ("Class", "x"),
    ("From", "127.0.0.1"),
    ("DirFakeMode", "0644"),
    ("Umask", "022"),
    ("RewriteCondition", "%m ^x"),
    ("RewriteRule", "^a b"),
    ("RewriteMap", "x int:toupper"),
    ("SQLNamedQuery", "q SELECT \"1\""),
    ("SQLConnectInfo", "db"),
    ("SQLBackend", "mysql"),
    ("TimeoutSession", "60"),
    ("DisplayLogin", "/tmp/x.msg"),
    ("SocketOptions", "keepalive on"),
    ("ServerType", "standalone"),
    ("DefaultTransferMode", "binary"),
    ("SyslogLevel", "debug"),
    ("ProcessTitles", "terse"),
    ("TransferRate", "RETR 1"),
    ("SyslogFacility", "AUTH"),
    ("Trace", "DEFAULT:1"),
    ("AdminControlsACLs", "all allow user root"),
    ("BanControlsACLs", "all allow user root"),
    ("ControlsACLs", "all allow user root"),
    ("DelayControlsACLs", "all allow user root"),
    ("DynMasqControlsACLs", "all allow user root"),
    ("ModuleControlsACLs", "all allow user root"),
    ("ShaperControlsACLs", "all allow user root"),
    ("StatCacheControlsACLs", "all allow user root"),
    ("TLSControlsACLs", "all allow user root"),
    ("ControlsSocketACL", "allow user root"),
    ("User", "nobody"),
    ("Group", "nogroup"),
    ("ListStyle", "Unix"),
    ("MaxTransfersPerHost", "RETR 1"),
    ("MaxTransfersPerUser", "RETR 1"),
    ("PassivePorts", "49152 65534"),
    ("UserAlias", "anon nobody"),
    ("TransferOptions", "IgnoreASCII"),
    ("TLSOptions", "NoSessionReuseRequired"),
    ("SFTPOptions", "IgnoreSFTPSetTimes"),
    ("SQLOptions", "NoDisconnectOnError"),
    ("FactsOptions", "UseSlink"),
    ("ForensicLogCriteria", "Log-On-Error"),
    ("LogOptions", "+Timestamp"),
    ("TraceOptions", "+TimestampMillis"),
    ("SQLAuthTypes", "Plaintext"),
    ("DigestDefaultAlgorithm", "sha1"),
    ("RegexOptions", "MatchLimit 10"),
    ("QuotaDisplayUnits", "Mb"),
    ("TLSECDHCurve", "prime256v1"),
    ("SFTPKeyExchanges", "diffie-hellman-group14-sha1"),
    ("SFTPAuthMethods", "password"),
    ("ModuleOrder", "mod_core.c"),
];

/// Directives left out of the comparison, with the reason.
const EXCEPTIONS: &[(&str, &str)] = &[(
    "Include",
    "reads other files (a dummy path would include /tmp itself); the syntax suite covers it",
)];

/// Directives no dummy value in [`CANDIDATES`]/[`VALUES`] satisfies, with
/// what `proftpd -t` said: files that must exist (host-dependent), keyword
/// lists, ACL syntax. For them only the probes we predict to be rejected
/// (wrong context, wrong count) are compared, since an allowed-context probe
/// would fail on the value.
const VALUE_REJECTED: &[(&str, &str)] = &[
    (
        "SyslogFacility",
        "SyslogFacility: unable to open syslog: No such file or directory (host: needs /dev/log)",
    ),
    (
        "AuthFileOptions",
        "AuthFileOptions: : unknown AuthFileOption 'user'",
    ),
    (
        "AuthGroupFile",
        "AuthGroupFile: unable to use relative path for AuthGroupFile 'user'.",
    ),
    (
        "AuthOTPAlgorithm",
        "AuthOTPAlgorithm: expected supported OTP algorithm",
    ),
    (
        "AuthOTPOptions",
        "AuthOTPOptions: : unknown AuthOTPOption: 'user'",
    ),
    ("AuthOTPTable", "AuthOTPTable: badly formatted parameter"),
    (
        "AuthPAMOptions",
        "AuthPAMOptions: : unknown AuthPAMOption: 'user'",
    ),
    (
        "AuthUnixOptions",
        "AuthUnixOptions: : unknown AuthUnixOption 'user'",
    ),
    (
        "AuthUserFile",
        "AuthUserFile: unable to use relative path for AuthUserFile 'user'.",
    ),
    ("BanCache", "BanCache: unsupported BanCache driver 'user'"),
    (
        "BanCacheOptions",
        "BanCacheOptions: unknown BanCacheOption 'user'",
    ),
    (
        "BanOnEvent",
        "BanOnEvent: badly formatted freq parameter: 'user'",
    ),
    ("BanOptions", "BanOptions: : unknown BanOption 'user'"),
    ("CapabilitiesSet", "CapabilitiesSet: : bad option: 'user'"),
    (
        "ControlsLog",
        "ControlsLog: unable to open 'user': No such file or directory",
    ),
    ("CopyOptions", "CopyOptions: : unknown CopyOption 'user'"),
    (
        "DelayOnEvent",
        "DelayOnEvent: unknown/unsupported event: user",
    ),
    (
        "DigestOptions",
        "DigestOptions: : unknown DigestOption 'user'",
    ),
    ("ExecOptions", "ExecOptions: : unknown ExecOption: 'user'"),
    ("FSOptions", "FSOptions: : unknown FSOption 'user'"),
    ("FactsDefault", "FactsDefault: : unknown fact 'user'"),
    (
        "ForensicLogCapture",
        "ForensicLogCapture: unknown log type: user",
    ),
    (
        "ForensicLogCriteria",
        "ForensicLogCriteria: unknown criterion: user",
    ),
    (
        "IncludeOptions",
        "IncludeOptions: unknown IncludeOption 'user'",
    ),
    ("LangOptions", "LangOptions: : unknown LangOption 'user'"),
    ("LoadFile", "LoadFile: must be an absolute path"),
    (
        "LoadModule",
        "LoadModule: error loading module 'user': Invalid argument",
    ),
    (
        "MaxRetrieveFileSize",
        "MaxRetrieveFileSize: unable to parse: user user: Invalid argument",
    ),
    (
        "MaxStoreFileSize",
        "MaxStoreFileSize: unable to parse: user user: Invalid argument",
    ),
    (
        "MemcacheOptions",
        "MemcacheOptions: : unknown MemcacheOption 'user'",
    ),
    ("ModulePath", "ModulePath: must be an absolute path"),
    ("QoSOptions", "QoSOptions: : unknown QoS option: 'user'"),
    (
        "QuotaDefault",
        "QuotaDefault: expected Boolean per-session parameter: user",
    ),
    (
        "QuotaLimitTable",
        "QuotaLimitTable: badly formatted parameter",
    ),
    (
        "QuotaOptions",
        "QuotaOptions: : unknown QuotaOption: 'user'",
    ),
    (
        "QuotaTallyTable",
        "QuotaTallyTable: badly formatted parameter",
    ),
    ("RadiusOptions", "RadiusOptions: : unknown TLSOption 'user'"),
    (
        "RadiusQuotaInfo",
        "RadiusQuotaInfo: invalid per-session value",
    ),
    (
        "RadiusUserInfo",
        "RadiusUserInfo: invalid UID parameter: not a number",
    ),
    (
        "RedisLogFormatExtra",
        "RedisLogFormatExtra: no LogFormat 'user' configured",
    ),
    ("RedisOptions", "RedisOptions: : unknown RedisOption 'user'"),
    (
        "SFTPAuthorizedHostKeys",
        "SFTPAuthorizedHostKeys: badly formatted parameter: 'user'",
    ),
    (
        "SFTPAuthorizedUserKeys",
        "SFTPAuthorizedUserKeys: badly formatted parameter: 'user'",
    ),
    (
        "SFTPClientMatch",
        "SFTPClientMatch: unknown SFTPClientMatch key: 'user'",
    ),
    ("SFTPExtensions", "SFTPExtensions: bad option: 'user'"),
    ("SFTPHostKey", "SFTPHostKey: must be an absolute path: user"),
    (
        "SFTPHostKeys",
        "SFTPHostKeys: unsupported host key algorithm: user",
    ),
    (
        "SFTPKeyLimits",
        "SFTPKeyLimits: : unknown SFTPKeyLimit 'user'",
    ),
    (
        "SFTPPAMOptions",
        "SFTPPAMOptions: : unknown SFTPPAMOption: 'user'",
    ),
    (
        "SFTPPassPhraseProvider",
        "SFTPPassPhraseProvider: must be a full path: 'user'",
    ),
    ("SQLGroupInfo", "SQLGroupInfo: badly formatted parameter"),
    (
        "SQLNamedConnectInfo",
        "SQLNamedConnectInfo: : SQLBackend 'user' not supported",
    ),
    (
        "SQLPasswordCost",
        "SQLPasswordCost: : unknown/unsupported cost: 'user'",
    ),
    (
        "SQLPasswordOptions",
        "SQLPasswordOptions: : unknown SQLPasswordOption 'user'",
    ),
    (
        "SQLPasswordPBKDF2",
        "SQLPasswordPBKDF2: badly formatted parameter",
    ),
    (
        "SQLPasswordUserSalt",
        "SQLPasswordUserSalt: badly formatted parameter",
    ),
    ("SQLUserInfo", "SQLUserInfo: badly formatted parameter"),
    ("ShaperAll", "ShaperAll: unknown option: 'user'"),
    ("ShaperSession", "ShaperSession: unknown option: 'user'"),
    (
        "TLSCACertificateFile",
        "TLSCACertificateFile: unable to use 'user': ",
    ),
    (
        "TLSCARevocationFile",
        "TLSCARevocationFile: unable to use 'user': ",
    ),
    (
        "TLSCertificateChainFile",
        "TLSCertificateChainFile: unable to use 'user': ",
    ),
    ("TLSDHParamFile", "TLSDHParamFile: 'user' does not exist"),
    (
        "TLSDSACertificateFile",
        "TLSDSACertificateFile: parameter must be an absolute path",
    ),
    (
        "TLSDSACertificateKeyFile",
        "TLSDSACertificateKeyFile: unable to use 'user': ",
    ),
    (
        "TLSECCertificateFile",
        "TLSECCertificateFile: parameter must be an absolute path",
    ),
    (
        "TLSECCertificateKeyFile",
        "TLSECCertificateKeyFile: unable to use 'user': ",
    ),
    ("TLSPKCS12File", "TLSPKCS12File: 'user' does not exist"),
    (
        "TLSPassPhraseProvider",
        "TLSPassPhraseProvider: must be a full path: 'user'",
    ),
    (
        "TLSPreSharedKey",
        "TLSPreSharedKey: unsupported TLSPreSharedKey format: user",
    ),
    (
        "TLSRSACertificateFile",
        "TLSRSACertificateFile: parameter must be an absolute path",
    ),
    (
        "TLSRSACertificateKeyFile",
        "TLSRSACertificateKeyFile: unable to use 'user': ",
    ),
    (
        "TLSSessionTicketKeys",
        "TLSSessionTicketKeys: unknown parameter: user",
    ),
    (
        "TLSStaplingOptions",
        "TLSStaplingOptions: : unknown TLSStaplingOption 'user'",
    ),
    (
        "TLSVerifyOrder",
        "TLSVerifyOrder: unsupported verification mechanism 'user' requested",
    ),
    ("TraceLog", "TraceLog: must be an absolute path"),
    (
        "WrapGroupTables",
        "WrapGroupTables: bad table parameter: 'user'",
    ),
    ("WrapOptions", "WrapOptions: : unknown WrapOption 'user'"),
    ("WrapTables", "WrapTables: bad table parameter: 'user'"),
    (
        "WrapUserTables",
        "WrapUserTables: bad table parameter: 'user'",
    ),
];

#[derive(Debug, Clone)]
struct Case {
    directive: String,
    kind: &'static str,
    context: Context,
    args: Vec<String>,
}

impl Case {
    fn body(&self) -> String {
        let mut line = self.directive.clone();
        for a in &self.args {
            line.push(' ');
            line.push_str(a);
        }
        wrap(self.context, &line)
    }

    fn label(&self) -> String {
        format!(
            "{} [{} {} args] in {}",
            self.directive,
            self.kind,
            self.args.len(),
            self.context.key()
        )
    }
}

fn wrap(context: Context, line: &str) -> String {
    match context {
        Context::VirtualHost => format!("<VirtualHost 127.0.0.2>\n{line}\n</VirtualHost>\n"),
        Context::Global => format!("<Global>\n{line}\n</Global>\n"),
        Context::Anonymous => format!("<Anonymous /tmp>\n{line}\n</Anonymous>\n"),
        Context::Directory => format!("<Directory /tmp>\n{line}\n</Directory>\n"),
        Context::Limit => format!("<Limit READ>\n{line}\n</Limit>\n"),
        _ => format!("{line}\n"),
    }
}

/// Every non-section directive `proftpd -vvv` lists with all modules loaded.
fn known_directives(bin: &std::path::Path) -> Vec<String> {
    let sandbox = Sandbox::new();
    let path = sandbox.write(
        "vvv.conf",
        sandbox.header(HeaderOptions::with_modules()).as_bytes(),
    );
    let out = Command::new(bin)
        .arg("-c")
        .arg(&path)
        .arg("-vvv")
        .stdin(Stdio::null())
        .output()
        .expect("run proftpd -vvv");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut names: BTreeSet<String> = BTreeSet::new();
    for line in stdout.lines() {
        let Some((name, rest)) = line.trim().split_once(" (from ") else {
            continue;
        };
        if name.starts_with('<') || name.contains(' ') || !rest.starts_with("mod_") {
            continue;
        }
        names.insert(name.to_string());
    }
    names.into_iter().collect()
}

/// The smallest count ≥ min the catalogue accepts, preferring at least one argument.
fn base_count(entry: &Entry) -> Option<usize> {
    let from = entry.min_args.max(1);
    (from..from + 8)
        .find(|&n| entry.accepts_arg_count(n))
        .or_else(|| entry.accepts_arg_count(0).then_some(0))
}

/// `n` arguments made from a calibrated list: truncated, or padded by
/// repeating its last word.
fn args_of(base: &[String], n: usize) -> Vec<String> {
    let mut v: Vec<String> = base.iter().take(n).cloned().collect();
    let pad = base.last().cloned().unwrap_or_else(|| "on".to_string());
    while v.len() < n {
        v.push(pad.clone());
    }
    v
}

fn words(s: &str) -> Vec<String> {
    // VALUES entries quote at most one word with spaces inside.
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for ch in s.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                cur.push(ch);
            }
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(ch),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether a rejection is about the count, the context or the name (so a
/// different dummy value would not help).
fn structural(verdict: &Verdict) -> bool {
    let f = verdict
        .fatal_line
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    f.contains("not allowed in")
        || f.contains("missing parameters")
        || f.contains("wrong number of parameters")
        || f.contains("bad number of parameters")
        || f.contains("unknown configuration directive")
}

fn run(bin: &std::path::Path, cases: &[Case]) -> (Vec<Sandbox>, Vec<PathBuf>, Vec<Verdict>) {
    let boxes: Vec<Sandbox> = cases.iter().map(|_| Sandbox::new()).collect();
    let paths: Vec<PathBuf> = cases
        .iter()
        .zip(&boxes)
        .map(|(c, sb)| {
            let mut text = sb.header(HeaderOptions::with_modules());
            text.push_str(&c.body());
            sb.write("case.conf", text.as_bytes())
        })
        .collect();
    let verdicts = oracle::check_many(bin, &paths);
    (boxes, paths, verdicts)
}

#[test]
fn catalog_agrees_with_proftpd_on_contexts_and_argument_counts() {
    let test = "catalog_agrees_with_proftpd_on_contexts_and_argument_counts";
    let Some(bin) = oracle::require_or_skip(test) else {
        return;
    };
    let known = known_directives(&bin);
    assert!(
        known.len() > 300,
        "proftpd -vvv listed only {} directives",
        known.len()
    );
    let exceptions: BTreeMap<&str, &str> = EXCEPTIONS.iter().copied().collect();

    // ---- calibration: one accepted dummy argument list per directive
    struct Plan<'a> {
        entry: &'a Entry,
        home: Context,
        base: Option<Vec<String>>,
        tried: usize,
        done: bool,
        last_rejection: String,
    }
    let mut plans: Vec<Plan> = Vec::new();
    let mut not_probed = Vec::new();
    for name in &known {
        let Some(entry) = catalog().get(name) else {
            not_probed.push(format!(
                "{name}: not in the catalogue (see catalog_vs_proftpd)"
            ));
            continue;
        };
        let Some(home) = CONTEXTS.into_iter().find(|c| entry.contexts.contains(*c)) else {
            not_probed.push(format!("{name}: allowed in none of the probed contexts"));
            continue;
        };
        if base_count(entry).is_none() {
            not_probed.push(format!("{name}: no argument count accepted"));
            continue;
        }
        plans.push(Plan {
            entry,
            home,
            base: None,
            tried: 0,
            done: false,
            last_rejection: String::new(),
        });
    }
    let candidate_lists = |entry: &Entry| -> Vec<Vec<String>> {
        let n = base_count(entry).unwrap_or(0);
        let mut lists = Vec::new();
        if let Some((_, v)) = VALUES
            .iter()
            .find(|(d, _)| d.eq_ignore_ascii_case(&entry.name))
        {
            lists.push(args_of(&words(v), n.max(words(v).len())));
        }
        for c in CANDIDATES {
            lists.push(args_of(&[c.to_string()], n));
        }
        lists
    };
    loop {
        let pending: Vec<usize> = (0..plans.len())
            .filter(|&i| !plans[i].done && plans[i].tried < candidate_lists(plans[i].entry).len())
            .collect();
        if pending.is_empty() {
            break;
        }
        let cases: Vec<Case> = pending
            .iter()
            .map(|&i| Case {
                directive: plans[i].entry.name.clone(),
                kind: "calibrate",
                context: plans[i].home,
                args: candidate_lists(plans[i].entry)[plans[i].tried].clone(),
            })
            .collect();
        let (_boxes, _paths, verdicts) = run(&bin, &cases);
        for ((&i, case), v) in pending.iter().zip(&cases).zip(&verdicts) {
            let plan = &mut plans[i];
            plan.tried += 1;
            if v.rejected {
                plan.last_rejection = oracle::short_message(v.fatal_line.as_deref().unwrap_or(""));
            }
            if !v.rejected {
                plan.base = Some(case.args.clone());
                plan.done = true;
            } else if structural(v) {
                // A value would not help: keep this list, the probes will show it.
                plan.base = Some(case.args.clone());
                plan.done = true;
            }
        }
    }

    let mut uncalibrated = Vec::new();
    let mut cases = Vec::new();
    for plan in &plans {
        let entry = plan.entry;
        if exceptions.contains_key(entry.name.as_str()) {
            continue;
        }
        let (base, calibrated) = match &plan.base {
            Some(base) => (base.clone(), true),
            None => {
                uncalibrated.push((entry.name.clone(), plan.last_rejection.clone()));
                (candidate_lists(entry)[0].clone(), false)
            }
        };
        let base = &base;
        let n = base.len();
        for ctx in CONTEXTS {
            // Without an accepted value only the cases we predict to be
            // rejected (wrong context) are compared.
            if !calibrated && entry.contexts.contains(ctx) {
                continue;
            }
            cases.push(Case {
                directive: entry.name.clone(),
                kind: "context",
                context: ctx,
                args: base.clone(),
            });
        }
        let mut counts = BTreeSet::new();
        if entry.min_args >= 1 {
            counts.insert(entry.min_args - 1);
        }
        if let Some(max) = entry.max_args {
            counts.insert(max + 1);
        }
        if let Some(gap) = (entry.min_args..n + 4).find(|&k| !entry.accepts_arg_count(k)) {
            counts.insert(gap);
        }
        counts.remove(&n);
        for k in counts {
            cases.push(Case {
                directive: entry.name.clone(),
                kind: "count",
                context: plan.home,
                args: args_of(base, k),
            });
        }
    }

    let (_boxes, paths, verdicts) = run(&bin, &cases);
    let mut disagreements = Vec::new();
    let mut host_dependent = 0;
    let mut host_names = BTreeSet::new();
    let mut compared = 0;
    let mut rejected = 0;
    for ((case, path), verdict) in cases.iter().zip(&paths).zip(&verdicts) {
        if verdict.host_dependent {
            host_dependent += 1;
            host_names.insert(case.directive.clone());
            continue;
        }
        let result =
            lint_path(path, &LintOptions::default()).expect("generated config is readable");
        compared += 1;
        rejected += usize::from(verdict.rejected);
        if result.proftpd_rejects() != verdict.rejected {
            disagreements.push(format!(
                "{:<60} proftpd: {:<70} ours: {}",
                case.label(),
                verdict.summary(),
                oracle::our_rejections(&result.diagnostics)
            ));
        }
    }

    println!(
        "catalog oracle: {} directives listed by proftpd -vvv, {} calibrated (all probes), {} \
         value-rejected (rejecting probes only), {} cases compared ({} rejected by proftpd), \
         {} host-dependent skipped, {} disagreements",
        known.len(),
        plans.len() - uncalibrated.len(),
        uncalibrated.len(),
        compared,
        rejected,
        host_dependent,
        disagreements.len()
    );
    if !host_names.is_empty() {
        let names: Vec<&String> = host_names.iter().collect();
        println!("  host-dependent verdicts (skipped) for: {names:?}");
    }
    for n in &not_probed {
        println!("  not probed: {n}");
    }
    for (d, why) in EXCEPTIONS {
        println!("  exception: {d}: {why}");
    }
    for d in &disagreements {
        println!("XX {d}");
    }
    let stale: Vec<&str> = EXCEPTIONS
        .iter()
        .map(|(d, _)| *d)
        .filter(|d| !known.iter().any(|k| k.eq_ignore_ascii_case(d)))
        .collect();
    assert!(
        stale.is_empty(),
        "exceptions proftpd does not know: {stale:?}"
    );
    let listed: BTreeSet<&str> = VALUE_REJECTED.iter().map(|(d, _)| *d).collect();
    let found: BTreeSet<&str> = uncalibrated.iter().map(|(d, _)| d.as_str()).collect();
    for (d, why) in &uncalibrated {
        println!("  value rejected: {d}: {why}");
    }
    let new: Vec<String> = uncalibrated
        .iter()
        .filter(|(d, _)| !listed.contains(d.as_str()))
        .map(|(d, why)| format!("    (\"{d}\", \"{}\"),", why.replace('"', "'")))
        .collect();
    assert!(
        new.is_empty(),
        "no dummy value accepted for these directives; add a VALUES entry, or list them in \
         VALUE_REJECTED:\n{}",
        new.join("\n")
    );
    let stale: Vec<&&str> = listed.difference(&found).collect();
    assert!(
        stale.is_empty(),
        "VALUE_REJECTED lists directives that now calibrate; remove them: {stale:?}"
    );
    assert!(
        disagreements.is_empty(),
        "{} of {compared} catalogue cases disagree with proftpd -t (rows marked XX above)",
        disagreements.len()
    );
}
