//! Small configs exercising the *syntax* rules (lexing, sections, conditional
//! skipping, env substitution, Include), with proftpd 1.3.8's recorded
//! verdict for each. Used by `tests/oracle_harness.rs` (does the real
//! proftpd still say what we recorded?) and `tests/oracle_syntax.rs` (does
//! our linter agree with the real proftpd?).
//!
//! To add a case, add one `c(name, expect, body)` line to [`cases`]:
//! - `body` is raw bytes appended after the oracle header (so `\r`, `\0`,
//!   `\xff` are fine). If it contains `@HEADER@`, the header goes there
//!   instead; `.no_header()` leaves it out altogether.
//! - `@DIR@` (in the body and in extra files) is the case's own absolute
//!   directory; `.file(rel, bytes)` creates an extra file there.
//! - `expect` is what `proftpd -t` said when the case was recorded:
//!   `A` accepts, `R(fragment)` rejects with a first fatal message containing
//!   `fragment` (`""` = any), `Crash` dies by a signal.
//! - The process environment never sets `PROFTPD_LINT_UNSET`.

use std::path::PathBuf;

use super::oracle::{HeaderOptions, Sandbox, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    A,
    R(&'static str),
    Crash,
}
use Expect::{A, Crash, R};

impl Expect {
    /// Does `verdict` match this recorded expectation?
    pub fn matches(self, verdict: &Verdict) -> bool {
        if verdict.host_dependent {
            // Recorded as root on the reference machine; elsewhere a
            // resource limit or a host lookup may decide differently.
            return true;
        }
        match self {
            A => !verdict.rejected,
            R(fragment) => {
                verdict.rejected
                    && !verdict.crashed
                    && verdict
                        .fatal_line
                        .as_deref()
                        .is_some_and(|f| f.contains(fragment))
            }
            Crash => verdict.crashed,
        }
    }

    pub fn rejects(self) -> bool {
        !matches!(self, A)
    }
}

#[derive(Debug, Clone)]
pub struct Case {
    pub name: &'static str,
    pub expect: Expect,
    pub body: Vec<u8>,
    pub files: Vec<(&'static str, Vec<u8>)>,
    pub header: bool,
    /// Convert every `\n` of the written main file (header too) to `\r\n`.
    pub crlf: bool,
}

impl Case {
    fn file(mut self, rel: &'static str, bytes: impl AsRef<[u8]>) -> Case {
        self.files.push((rel, bytes.as_ref().to_vec()));
        self
    }
    fn no_header(mut self) -> Case {
        self.header = false;
        self
    }
    fn crlf(mut self) -> Case {
        self.crlf = true;
        self
    }

    /// Writes the case into `sandbox` (header with all loadable modules) and
    /// returns the main config path.
    pub fn write(&self, sandbox: &Sandbox) -> PathBuf {
        let dir = sandbox.path().display().to_string();
        let subst = |bytes: &[u8]| replace(bytes, b"@DIR@", dir.as_bytes());
        for (rel, bytes) in &self.files {
            sandbox.write(rel, &subst(bytes));
        }
        let header = if self.header {
            sandbox.header(HeaderOptions::with_modules())
        } else {
            String::new()
        };
        let mut text = if contains(&self.body, b"@HEADER@") {
            replace(&self.body, b"@HEADER@", header.as_bytes())
        } else {
            let mut t = header.into_bytes();
            t.extend_from_slice(&self.body);
            t
        };
        text = subst(&text);
        if self.crlf {
            text = replace(&text, b"\n", b"\r\n");
        }
        sandbox.write("proftpd.conf", &text)
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn replace(hay: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

fn c(name: &'static str, expect: Expect, body: impl AsRef<[u8]>) -> Case {
    Case {
        name,
        expect,
        body: body.as_ref().to_vec(),
        files: Vec::new(),
        header: true,
        crlf: false,
    }
}

/// `prefix` + `fill` repeated `n` times + `suffix`.
fn long(prefix: &str, fill: char, n: usize, suffix: &str) -> String {
    let mut s = String::from(prefix);
    s.extend(std::iter::repeat_n(fill, n));
    s.push_str(suffix);
    s
}

const UNKNOWN: &str = "unknown configuration directive";
const UNCLOSED: &str = "unclosed configuration section";
const BAD_OPT: &str = "IncludeOptions: unknown IncludeOption";

pub fn cases() -> Vec<Case> {
    vec![
        // --- quoting (§1.2) ---
        c("quote_two_words", A, "ServerName \"a b\"\n"),
        c(
            "quote_then_word_valid",
            A,
            "IncludeOptions \"AllowSymlinks\"IgnoreTempFiles\n",
        ),
        c(
            "quote_then_word_invalid",
            R(BAD_OPT),
            "IncludeOptions \"AllowSymlinks\"Bogus\n",
        ),
        c("quote_unterminated", A, "ServerName \"abc def\n"),
        c(
            "quote_unterminated_option",
            A,
            "IncludeOptions \"AllowSymlinks\n",
        ),
        c(
            "quote_unterminated_two_options",
            R(BAD_OPT),
            "IncludeOptions \"AllowSymlinks IgnoreTempFiles\n",
        ),
        c("quote_escapes", A, "ServerName \"a\\\"b\\\\c\\nd\"\n"),
        c(
            "quote_escape_in_option",
            A,
            "IncludeOptions \"Allow\\Symlinks\"\n",
        ),
        c(
            "backslash_outside_quotes",
            R(BAD_OPT),
            "IncludeOptions Allow\\Symlinks\n",
        ),
        c(
            "single_quotes_literal",
            R(BAD_OPT),
            "IncludeOptions 'AllowSymlinks'\n",
        ),
        c("single_quotes_servername", A, "ServerName 'a b'\n"),
        c("empty_quotes_servername", A, "ServerName \"\"\n"),
        c("empty_quotes_option", R(BAD_OPT), "IncludeOptions \"\"\n"),
        c(
            "quote_mid_word",
            R(BAD_OPT),
            "IncludeOptions Allow\"Symlinks\"\n",
        ),
        c(
            "quoted_directive_name",
            A,
            "\"IncludeOptions\" \"AllowSymlinks\"\n",
        ),
        c(
            "quoted_directive_name_with_space",
            R(UNKNOWN),
            "\"ServerName x\"\n",
        ),
        // --- comments (§1.2) ---
        c(
            "comment_inline",
            A,
            "IncludeOptions AllowSymlinks # comment\n",
        ),
        c(
            "comment_mid_word",
            R(BAD_OPT),
            "IncludeOptions AllowSymlinks#x\n",
        ),
        c(
            "comment_after_closing_quote",
            A,
            "IncludeOptions \"AllowSymlinks\"#x\n",
        ),
        c("hash_inside_quotes", R(BAD_OPT), "IncludeOptions \"#x\"\n"),
        c("comment_line_indented", A, "   # Bogus on\n"),
        c("comment_directive_name_hash", R(UNKNOWN), "Bogus#x on\n"),
        // --- continuations (§1.1) ---
        c(
            "cont_basic",
            A,
            "IncludeOptions AllowSymlinks \\\n  IgnoreTempFiles\n",
        ),
        c(
            "cont_glues_words",
            R(BAD_OPT),
            "IncludeOptions AllowSymlinks\\\nZZ\n",
        ),
        c(
            "cont_comment_line_with_backslash",
            A,
            "IncludeOptions AllowSymlinks \\\n# c \\\nIgnoreTempFiles\n",
        ),
        c(
            "cont_comment_line_without_backslash",
            R(UNKNOWN),
            "IncludeOptions AllowSymlinks \\\n# c\nIgnoreTempFiles\n",
        ),
        c(
            "comment_with_backslash_no_swallow",
            R(UNKNOWN),
            "# c \\\nBogus on\n",
        ),
        c(
            "cont_backslash_crlf",
            R(BAD_OPT),
            "IncludeOptions AllowSymlinks \\\r\nIgnoreTempFiles\r\n",
        ),
        c(
            "cont_into_section_header",
            A,
            "<Directory \\\n/tmp>\n</Directory>\n",
        ),
        c("cont_at_eof", A, "ServerName x \\"),
        c(
            "crlf_whole_file",
            A,
            "ServerName x\n<Directory /tmp>\n</Directory>\n",
        )
        .crlf(),
        c("crlf_whole_file_bogus", R(UNKNOWN), "Bogus on\n").crlf(),
        // --- long lines (§1.1: 4096-byte buffer) ---
        c("line_4095", A, long("ServerAdmin ", 'a', 4083, "\n")),
        c("line_4096", A, long("ServerAdmin ", 'a', 4084, "\n")),
        c(
            "line_4097",
            R(UNKNOWN),
            long("ServerAdmin ", 'a', 4085, "\n"),
        ),
        c(
            "line_5000",
            R(UNKNOWN),
            long("ServerAdmin ", 'a', 4988, "\n"),
        ),
        c(
            "long_line_tail_valid",
            A,
            long("ServerAdmin ", 'a', 4083, " IncludeOptions AllowSymlinks\n"),
        ),
        c(
            "long_line_tail_invalid",
            R(UNKNOWN),
            long("ServerAdmin ", 'a', 4083, " Bogus on\n"),
        ),
        c("long_comment_tail", R(UNKNOWN), long("# ", 'a', 5000, "\n")),
        // --- odd bytes (§1.2) ---
        c("bom_at_start", R(UNKNOWN), "\u{feff}@HEADER@"),
        c("bom_before_directive", R(UNKNOWN), "\u{feff}ServerName x\n"),
        c("nul_mid_line_arg", A, "ServerName a\0b\n"),
        c("nul_hides_rest", A, "ServerName x\0Bogus on\n"),
        c("nul_at_line_start", A, "\0Bogus on\n"),
        c("invalid_utf8_arg", A, b"ServerName \xff\xfe\n"),
        c("invalid_utf8_name", R(UNKNOWN), b"Server\xffName x\n"),
        c("nbsp_in_name", R(UNKNOWN), "Server\u{a0}Name x\n"),
        c("nbsp_as_separator", R(UNKNOWN), "ServerName\u{a0}x\n"),
        c("nbsp_in_arg", A, "ServerName a\u{a0}b\n"),
        c("tab_separator", A, "ServerName\tx\n"),
        c("vtab_formfeed_separators", A, "ServerName\x0bx\x0cy\n"),
        // --- sections (§1.3, §1.7) ---
        c("unclosed_directory", R(UNCLOSED), "<Directory /tmp>\n"),
        c("unclosed_global", R(UNCLOSED), "<Global>\n"),
        c(
            "unclosed_virtualhost",
            R(UNCLOSED),
            "<VirtualHost 127.0.0.1>\nPort 2999\n",
        ),
        c("unclosed_limit", R(UNCLOSED), "<Limit READ>\n"),
        c("unclosed_anonymous", R(UNCLOSED), "<Anonymous /srv/ftp>\n"),
        c(
            "unclosed_ifmodule_true",
            A,
            "<IfModule mod_core.c>\nServerName x\n",
        ),
        c(
            "unclosed_ifmodule_false",
            R("unclosed <IfModule> context"),
            "<IfModule mod_nope.c>\nServerName x\n",
        ),
        c("unclosed_ifdefine_true", A, "Define X\n<IfDefine X>\n"),
        c(
            "unclosed_ifdefine_false",
            R("unclosed <IfDefine> context"),
            "<IfDefine NOPE>\n",
        ),
        c(
            "stray_directory_closer",
            R("</Directory>: directive not allowed"),
            "</Directory>\n",
        ),
        c("stray_ifmodule_closer", A, "</IfModule>\n"),
        c("stray_ifdefine_closer", A, "</IfDefine>\n"),
        c(
            "mismatched_closer_limit",
            R("</Limit>: directive not allowed"),
            "<Directory /tmp>\n</Limit>\n",
        ),
        c(
            "mismatched_closer_directory",
            R("</Directory>: directive not allowed"),
            "<Limit READ>\n</Directory>\n",
        ),
        c(
            "ifmodule_closer_with_args",
            R("</IfModule>: wrong number of parameters"),
            "<IfModule mod_core.c>\n</IfModule mod_core.c>\n",
        ),
        c(
            "directory_closer_with_args",
            R("</Directory>: wrong number of parameters"),
            "<Directory /tmp>\n</Directory /tmp>\n",
        ),
        c(
            "false_block_closer_comment",
            R("unclosed <IfModule> context"),
            "<IfModule mod_nope.c>\n</IfModule> # c\n",
        ),
        c(
            "false_block_closer_trailing_blanks",
            R("unclosed <IfModule> context"),
            "<IfModule mod_nope.c>\n</IfModule>  \n",
        ),
        c(
            "false_block_closer_space_gt",
            R("unclosed <IfModule> context"),
            "<IfModule mod_nope.c>\n</IfModule >\n",
        ),
        c(
            "true_block_closer_comment",
            A,
            "<IfModule mod_core.c>\n</IfModule> # c\n",
        ),
        c(
            "true_block_closer_trailing_blanks",
            A,
            "<IfModule mod_core.c>\n</IfModule>  \n",
        ),
        c(
            "true_block_closer_space_gt",
            A,
            "<IfModule mod_core.c>\n</IfModule >\n",
        ),
        c(
            "false_block_indented_closer",
            A,
            "<IfModule mod_nope.c>\n   </IfModule>\n",
        ),
        c(
            "false_block_closer_odd_case",
            A,
            "<IfModule mod_nope.c>\n</iFmOdUlE>\n",
        ),
        c(
            "false_block_nested",
            A,
            "<IfModule mod_nope.c>\n<IfModule mod_core.c>\n</IfModule>\nBogus\n</IfModule>\n",
        ),
        c(
            "false_block_not_tokenised",
            A,
            "<IfModule mod_nope.c>\nBogus \"unterminated\n<Directory\n</IfModule>\n",
        ),
        c(
            "false_ifdefine_ignores_ifmodule",
            A,
            "<IfDefine NOPE>\n<IfModule mod_core.c>\n</IfDefine>\n",
        ),
        c(
            "ifmodule_name_case_sensitive",
            R("unclosed <IfModule> context"),
            "<IfModule MOD_CORE.C>\n",
        ),
        c(
            "ifmodule_without_dot_c",
            A,
            "<IfModule mod_core>\nBogus on\n</IfModule>\n",
        ),
        c(
            "section_without_gt",
            R(UNKNOWN),
            "<Directory /tmp\n</Directory>\n",
        ),
        c(
            "section_space_after_lt",
            R(UNKNOWN),
            "< Directory /tmp>\n</Directory>\n",
        ),
        c(
            "section_space_before_gt",
            A,
            "<Directory /tmp >\n</Directory>\n",
        ),
        c(
            "closer_space_before_gt",
            A,
            "<Directory /tmp>\n</Directory >\n",
        ),
        c("section_odd_case", A, "<dIrEcToRy /tmp>\n</DIRECTORY>\n"),
        c(
            "section_quoted_path",
            A,
            "<Directory \"/tmp/a b\">\n</Directory>\n",
        ),
        c(
            "section_missing_argument",
            R("missing parameters"),
            "<Directory>\n</Directory>\n",
        ),
        c(
            "unclosed_class",
            R(UNCLOSED),
            "<Class local>\nFrom 127.0.0.1\n",
        ),
        c(
            "unclosed_ifuser",
            R(UNCLOSED),
            "<IfUser foo>\nServerAdmin x\n",
        ),
        c(
            "ifuser_closed_by_ifgroup",
            R("unclosed <IfUser> context"),
            "<IfUser foo>\nServerAdmin x\n</IfGroup>\n",
        ),
        c("stray_ifuser_closer", A, "</IfUser>\n"),
        c(
            "ifversion_false_skipped",
            A,
            "<IfVersion < 1.0>\nBogus on\n</IfVersion>\n",
        ),
        c(
            "ifversion_false_unclosed",
            R("unclosed <IfVersion> section"),
            "<IfVersion < 1.0>\nBogus on\n</IfVersion> # c\n",
        ),
        c(
            "section_nested_limit",
            A,
            "<Directory /tmp>\n<Limit WRITE>\nDenyAll\n</Limit>\n</Directory>\n",
        ),
        // --- environment substitution (§1.4) ---
        c(
            "env_unset_empty_arg_ok",
            A,
            "ServerName %{env:PROFTPD_LINT_UNSET}\n",
        ),
        c(
            "env_unset_empty_arg_bad",
            R(BAD_OPT),
            "IncludeOptions AllowSymlinks %{env:PROFTPD_LINT_UNSET}\n",
        ),
        c(
            "env_in_directive_name",
            A,
            "%{env:PROFTPD_LINT_UNSET}ServerName x\n",
        ),
        c(
            "env_prefix_case_sensitive",
            R(UNKNOWN),
            "%{ENV:PROFTPD_LINT_UNSET}ServerName x\n",
        ),
        c(
            "env_inside_word",
            A,
            "IncludeOptions Allow%{env:PROFTPD_LINT_UNSET}Symlinks\n",
        ),
        c("env_short_word_literal", R(UNKNOWN), "%{env:}\n"),
        c(
            "env_unterminated_literal",
            R(BAD_OPT),
            "IncludeOptions %{env:PROFTPD_LINT_UNSET\n",
        ),
        c(
            "env_inside_quotes",
            A,
            "IncludeOptions \"Allow%{env:PROFTPD_LINT_UNSET}Symlinks\"\n",
        ),
        // --- file shape ---
        c("missing_final_newline", A, "ServerName x"),
        c("missing_final_newline_bogus", R(UNKNOWN), "Bogus on"),
        c("empty_body", A, ""),
        c("blank_lines_only", A, "\n   \n\t\n"),
        c("empty_file_no_header", A, "").no_header(),
        c("only_comments_no_header", A, "# one\n  # two\n#three").no_header(),
        c("unknown_directive", R(UNKNOWN), "Bogus on\n"),
        c("directive_odd_case", A, "sErVeRnAmE x\n"),
        // --- Include (§1.10) ---
        c("include_ok", A, "Include @DIR@/inc/good.conf\n")
            .file("inc/good.conf", "ServerAdmin x\n"),
        c(
            "include_relative_path",
            R("Include: unable to use path"),
            "Include inc/good.conf\n",
        )
        .file("inc/good.conf", "ServerAdmin x\n"),
        c("include_missing_file", A, "Include @DIR@/nope.conf\n"),
        c(
            "include_quoted_path_with_space",
            A,
            "Include \"@DIR@/a b.conf\"\n",
        )
        .file("a b.conf", "ServerAdmin x\n"),
        c("include_empty_file", A, "Include @DIR@/empty.conf\n").file("empty.conf", ""),
        c("include_dir_with_dotfile", A, "Include @DIR@/conf.d/\n")
            .file("conf.d/a.conf", "ServerAdmin x\n")
            .file("conf.d/.hidden", "ServerName y\n"),
        c(
            "include_dir_dotfile_with_error",
            A,
            "Include @DIR@/conf.d\n",
        )
        .file("conf.d/a.conf", "ServerAdmin x\n")
        .file("conf.d/.hidden", "Bogus on\n"),
        c("include_glob_no_match", A, "Include @DIR@/inc/*.nomatch\n")
            .file("inc/a.conf", "ServerAdmin x\n"),
        c(
            "include_glob_skips_dotfile",
            A,
            "Include @DIR@/inc/*.conf\n",
        )
        .file("inc/a.conf", "ServerAdmin x\n")
        .file("inc/.b.conf", "Bogus on\n"),
        c(
            "include_glob_dir_component_no_match",
            A,
            "Include @DIR@/*/x.conf\n",
        ),
        c("include_file_with_error", A, "Include @DIR@/bad.conf\n").file("bad.conf", "Bogus on\n"),
        c(
            "include_error_hides_rest_of_main",
            A,
            "Include @DIR@/bad.conf\nBogus2 on\n",
        )
        .file("bad.conf", "Bogus on\n"),
        c(
            "include_error_then_main_error",
            R(UNKNOWN),
            "<Directory /tmp>\nInclude @DIR@/bad.conf\n</Directory>\n",
        )
        .file("bad.conf", "ServerAdmin x\nBogus on\n"),
        c(
            "include_unclosed_section",
            R(UNCLOSED),
            "Include @DIR@/open.conf\n",
        )
        .file("open.conf", "<Directory /tmp>\n"),
        c("include_nested", A, "Include @DIR@/a.conf\n")
            .file("a.conf", "Include @DIR@/b.conf\n")
            .file("b.conf", "ServerAdmin x\n"),
        c(
            "include_in_false_ifmodule",
            A,
            "<IfModule mod_nope.c>\nInclude relative/nope.conf\n</IfModule>\n",
        ),
        c("include_self", Crash, "Include @DIR@/self.conf\n")
            .file("self.conf", "Include @DIR@/self.conf\n"),
        c("include_cycle_two_files", Crash, "Include @DIR@/a.conf\n")
            .file("a.conf", "Include @DIR@/b.conf\n")
            .file("b.conf", "Include @DIR@/a.conf\n"),
        // <Directory> paths: relative only inside <Anonymous> (C010); a
        // repeated path is accepted by 1.3.8 despite the handler's check
        c(
            "directory_relative",
            R("relative path not allowed"),
            "<Directory incoming>\n</Directory>\n",
        ),
        c(
            "directory_relative_in_global",
            R("relative path not allowed"),
            "<Global>\n<Directory incoming>\n</Directory>\n</Global>\n",
        ),
        c(
            "directory_relative_in_anonymous",
            A,
            "<Anonymous /tmp>\n<Directory incoming>\n</Directory>\n</Anonymous>\n",
        ),
        // SFTP algorithm lists first in a <VirtualHost> crash 1.3.8 (C011)
        c(
            "sftp_ciphers_first_in_vhost",
            Crash,
            "ModulePath /usr/lib/proftpd\nLoadModule mod_sftp.c\n<VirtualHost 127.0.0.2>\nServerName \"s\"\nSFTPCiphers aes128-ctr\n</VirtualHost>\n",
        ),
        c(
            "sftp_ciphers_after_a_setting_in_vhost",
            A,
            "ModulePath /usr/lib/proftpd\nLoadModule mod_sftp.c\n<VirtualHost 127.0.0.2>\nSFTPEngine off\nSFTPCiphers aes128-ctr\n</VirtualHost>\n",
        ),
        c(
            "directory_repeated_path",
            A,
            "<Directory /tmp>\n</Directory>\n<Directory /tmp>\n</Directory>\n",
        ),
    ]
}
