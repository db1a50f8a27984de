//! Every catalogue rule (C001–C011): a config that triggers it (code, line,
//! severity and `proftpd_rejects` asserted) and a near miss that must not.

use std::path::Path;

use proftpd_lint::diagnostic::{Diagnostic, Severity};
use proftpd_lint::fs::MemoryFs;
use proftpd_lint::lint::{LintOptions, lint_bytes};

fn lint(text: &str) -> (Vec<Diagnostic>, Vec<usize>) {
    let fs = MemoryFs::new();
    let result = lint_bytes(
        &fs,
        Path::new("/etc/proftpd/proftpd.conf"),
        text.as_bytes().to_vec(),
        &LintOptions::default(),
    );
    let lines = result
        .diagnostics
        .iter()
        .map(|d| {
            result
                .config
                .sources
                .get(d.span.file)
                .line_col(d.span.range.start)
                .line
        })
        .collect();
    (result.diagnostics, lines)
}

#[track_caller]
fn trig(code: &str, line: usize, text: &str) -> Diagnostic {
    let (diags, lines) = lint(text);
    match diags
        .iter()
        .zip(&lines)
        .find(|(d, l)| d.code == code && **l == line)
    {
        Some((d, _)) => d.clone(),
        None => {
            let got: Vec<_> = diags
                .iter()
                .zip(&lines)
                .map(|(d, l)| (d.code, *l))
                .collect();
            panic!("expected {code} on line {line} for {text:?}, got {got:?}")
        }
    }
}

#[track_caller]
fn miss(code: &str, text: &str) {
    let (diags, _) = lint(text);
    assert!(
        !diags.iter().any(|d| d.code == code),
        "unexpected {code} for {text:?}: {:?}",
        diags.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

#[test]
fn c001_unknown_directive() {
    let d = trig("C001", 1, "SocketOption keepalive 7200:9:75\n");
    assert_eq!(d.severity, Severity::Error);
    assert!(d.proftpd_rejects);
    assert!(
        format!("{d:?}").contains("SocketOptions"),
        "suggests SocketOptions: {d:?}"
    );
    miss("C001", "SocketOptions keepalive 7200:9:75\n");
    miss("C001", "socketoptions keepalive 7200:9:75\n");
}

#[test]
fn c002_wrong_context() {
    let d = trig(
        "C002",
        2,
        "<Global>\n  SocketOptions keepalive on\n</Global>\n",
    );
    assert!(d.proftpd_rejects);
    assert!(d.message.contains("<Global>"), "{}", d.message);
    trig("C002", 2, "<Directory /srv>\n  Port 2121\n</Directory>\n");
    miss(
        "C002",
        "<VirtualHost 127.0.0.2>\n  SocketOptions keepalive on\n</VirtualHost>\n",
    );
    miss("C002", "<Global>\n  TimeoutIdle 600\n</Global>\n");
}

#[test]
fn c003_wrong_argument_count() {
    let d = trig("C003", 1, "SocketOptions keepalive\n");
    assert!(d.proftpd_rejects);
    trig("C003", 1, "TimeoutSession 600 user\n");
    trig("C003", 1, "ServerName\n");
    miss("C003", "SocketOptions keepalive on\n");
    miss("C003", "TimeoutSession 600 user bob\n");
    miss("C003", "SocketOptions\n");
}

#[test]
fn c003_redis_log_on_command_takes_none_alone() {
    let mods = "LoadModule mod_redis.c\n";
    trig("C003", 2, &format!("{mods}RedisLogOnCommand ALL\n"));
    trig("C003", 2, &format!("{mods}RedisLogOnEvent\n"));
    trig("C003", 2, &format!("{mods}RedisLogOnEvent a b c d\n"));
    miss("C003", &format!("{mods}RedisLogOnCommand none\n"));
    miss("C003", &format!("{mods}RedisLogOnCommand ALL fmt\n"));
    miss("C003", &format!("{mods}RedisLogOnEvent ALL fmt key\n"));
}

#[test]
fn c004_removed_directive() {
    let d = trig("C004", 1, "DisplayFirstChdir .message\n");
    assert!(d.proftpd_rejects);
    assert!(d.message.contains("DisplayChdir"), "{}", d.message);
    miss("C004", "DisplayChdir .message\n");
}

#[test]
fn c005_deprecated_directive() {
    let d = trig("C005", 1, "MultilineRFC2228 on\n");
    assert!(!d.proftpd_rejects);
    miss("C005", "ServerName test\n");
}

#[test]
fn c006_module_not_loaded() {
    let d = trig("C006", 1, "IdentLookups off\n");
    // ProFTPD without the module stops with "unknown configuration directive".
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.proftpd_rejects);
    miss("C006", "LoadModule mod_ident.c\nIdentLookups off\n");
    miss(
        "C006",
        "<IfModule mod_ident.c>\n  IdentLookups off\n</IfModule>\n",
    );
}

#[test]
fn c007_ifmodule_before_loadmodule() {
    let d = trig(
        "C007",
        1,
        "<IfModule mod_sftp.c>\n  SFTPEngine on\n</IfModule>\nLoadModule mod_sftp.c\n",
    );
    assert_eq!(d.severity, Severity::Warning);
    assert!(!d.proftpd_rejects);
    miss(
        "C007",
        "LoadModule mod_sftp.c\n<IfModule mod_sftp.c>\n  SFTPEngine on\n</IfModule>\n",
    );
}

#[test]
fn c008_unknown_include_option() {
    let d = trig("C008", 1, "IncludeOptions allowsymlinks\n");
    assert!(d.proftpd_rejects);
    miss("C008", "IncludeOptions AllowSymlinks\n");
}

#[test]
fn c009_duplicate_directive_first_wins() {
    let d = trig(
        "C009",
        3,
        "TimeoutIdle 600\nServerName test\nTimeoutIdle 1800\n",
    );
    assert_eq!(d.severity, Severity::Warning);
    assert!(!d.proftpd_rejects);
    assert!(d.message.contains("first"), "{}", d.message);
    assert!(d.message.contains("`TimeoutIdle 600`"), "{}", d.message);
    assert_eq!(d.labels.len(), 1);
    trig(
        "C009",
        3,
        "<Anonymous /srv/ftp>\nUser ftp\nUser anon\n</Anonymous>\n",
    );
}

#[test]
fn c009_duplicate_directive_last_wins() {
    let d = trig("C009", 2, "ServerName one\nServerName two\n");
    assert!(d.message.contains("last"), "{}", d.message);
    assert!(d.message.contains("`ServerName two`"), "{}", d.message);
    trig(
        "C009",
        3,
        "<VirtualHost 127.0.0.2>\nPort 21\nPort 2121\n</VirtualHost>\n",
    );
}

#[test]
fn c009_near_misses() {
    // different contexts
    miss(
        "C009",
        "TimeoutIdle 600\n<VirtualHost 127.0.0.2>\nTimeoutIdle 1800\n</VirtualHost>\n",
    );
    miss(
        "C009",
        "TimeoutIdle 600\n<Global>\nTimeoutIdle 1800\n</Global>\n",
    );
    // two virtual hosts, each with its own ServerName
    miss(
        "C009",
        "<VirtualHost 127.0.0.2>\nServerName a\n</VirtualHost>\n<VirtualHost 127.0.0.3>\nServerName b\n</VirtualHost>\n",
    );
    // multi-valued directives are not duplicates
    miss("C009", "DefaultRoot ~ a\nDefaultRoot /srv b\n");
    // a conditional of unknown truth, or a per-user section
    miss(
        "C009",
        "TimeoutIdle 600\n<IfDefine FAST>\nTimeoutIdle 60\n</IfDefine>\n",
    );
    miss(
        "C009",
        "LoadModule mod_ifsession.c\nTimeoutIdle 600\n<IfUser bob>\nTimeoutIdle 60\n</IfUser>\n",
    );
    // Port in <Global> is a config record, not the server's port
    miss("C009", "<Global>\nPort 21\nPort 2121\n</Global>\n");
}

#[test]
fn c010_relative_directory_path() {
    let d = trig("C010", 1, "<Directory incoming>\n</Directory>\n");
    assert_eq!(d.severity, Severity::Error);
    assert!(d.proftpd_rejects);
    trig(
        "C010",
        2,
        "<Global>\n<Directory incoming>\n</Directory>\n</Global>\n",
    );
    // relative inside <Anonymous> is read under the anonymous root
    miss(
        "C010",
        "<Anonymous /srv/ftp>\n<Directory incoming>\n</Directory>\n</Anonymous>\n",
    );
    miss("C010", "<Directory ~/incoming>\n</Directory>\n");
    miss("C010", "<Directory /srv/ftp>\n</Directory>\n");
}

#[test]
fn c011_sftp_algorithms_first_in_vhost() {
    let vhost = |body: &str| {
        format!("LoadModule mod_sftp.c\n<VirtualHost 192.0.2.10>\n{body}</VirtualHost>\n")
    };
    let d = trig(
        "C011",
        4,
        &vhost("ServerName \"sftp\"\nSFTPCiphers aes256-ctr\nSFTPEngine on\n"),
    );
    assert_eq!(d.severity, Severity::Error);
    assert!(d.proftpd_rejects);
    trig(
        "C011",
        4,
        &vhost("<IfModule mod_sftp.c>\nSFTPHostKeys ssh-rsa\n</IfModule>\n"),
    );
    // another setting first, or the main server: no crash
    miss("C011", &vhost("SFTPEngine on\nSFTPCiphers aes256-ctr\n"));
    miss(
        "C011",
        &vhost("<Limit LOGIN>\nAllowAll\n</Limit>\nSFTPDigests hmac-sha2-256\n"),
    );
    miss("C011", "LoadModule mod_sftp.c\nSFTPCiphers aes256-ctr\n");
}
