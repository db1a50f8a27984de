//! C011 `sftp-algorithms-first-in-vhost`: ProFTPD 1.3.8 crashes when
//! SFTPCiphers, SFTPDigests, SFTPKeyExchanges or SFTPHostKeys is the first
//! setting a `<VirtualHost>` stores (upstream Issue #1712, fixed in 1.3.8a).

use rustc_hash::FxHashSet;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::rules::Rule;
use crate::rules::catalog::Site;
use crate::rules::context::LintContext;
use crate::source::FileId;
use crate::syntax::Section;
use crate::version::{ProftpdVersion, Stage};

pub static RULE: Rule = Rule {
    code: "C011",
    name: "sftp-algorithms-first-in-vhost",
    severity: Severity::Error,
    proftpd_rejects: true,
    summary: "ProFTPD 1.3.8 crashes when an SFTP algorithm list is the first setting of a <VirtualHost>.",
    explain: r#"## What it does
Finds `SFTPCiphers`, `SFTPDigests`, `SFTPKeyExchanges` or `SFTPHostKeys` lines that come
before any other setting inside a `<VirtualHost>`, when the target is ProFTPD 1.3.8.
`ServerName`, `ServerAdmin`, `SocketOptions`, `MultilineRFC2228` and `<IfModule>`-style
conditionals do not count as settings here: they store nothing in the virtual host's
configuration.

## Why
In 1.3.8 these four handlers add their setting to the virtual host's configuration set
without creating it first. When nothing has created it yet, ProFTPD dies with a
segmentation fault while reading the file: `proftpd -t` prints `ProFTPD terminating
(signal 11)` and the server does not start (upstream Issue #1712, fixed in 1.3.8a).

## Example
```
<VirtualHost 192.0.2.10>
  ServerName "sftp"
  SFTPCiphers aes256-ctr aes128-ctr
  SFTPEngine on
</VirtualHost>
```

## Fix
Put another setting first, e.g. move `SFTPEngine on` above the algorithm lists, or upgrade
to 1.3.8a or later."#,
};

/// Directives that store nothing in the virtual host's configuration set
/// (each checked with proftpd -t: the crash still happens after them).
const STORES_NOTHING: &[&str] = &[
    "ServerName",
    "ServerAdmin",
    "SocketOptions",
    "MultilineRFC2228",
];

const CRASHING: &[&str] = &[
    "SFTPCiphers",
    "SFTPDigests",
    "SFTPKeyExchanges",
    "SFTPHostKeys",
];

/// The `<VirtualHost>` sections (by file and offset) that already store a setting.
#[derive(Default)]
pub struct Tracker {
    stored: FxHashSet<(FileId, usize)>,
    /// The section last stored.
    last: Option<(FileId, usize)>,
}

impl Tracker {
    pub fn directive(&mut self, ctx: &LintContext, site: &Site, out: &mut Vec<Diagnostic>) {
        let Some(vhost) = innermost_vhost(site) else {
            return;
        };
        let name = site.directive.name();
        if STORES_NOTHING.iter().any(|d| d.eq_ignore_ascii_case(name))
            || site.directive.is_named("Include")
        {
            return;
        }
        // Lines of one <VirtualHost> come together: most find it stored.
        let first = self.last != Some(vhost) && self.stored.insert(vhost);
        self.last = Some(vhost);
        if first && affected(ctx.options.environment.version) {
            if let Some(crashing) = CRASHING.iter().find(|d| d.eq_ignore_ascii_case(name)) {
                out.push(diagnostic(site, crashing));
            }
        }
    }

    /// Any section but the conditional ones stores a config record.
    pub fn enter(&mut self, site: &Site, section: &Section) {
        let transparent = ["IfModule", "IfDefine", "IfVersion", "VirtualHost"];
        if transparent
            .iter()
            .any(|t| section.name().eq_ignore_ascii_case(t))
        {
            return;
        }
        if let Some(vhost) = innermost_vhost(site) {
            self.stored.insert(vhost);
            self.last = Some(vhost);
        }
    }
}

fn affected(version: ProftpdVersion) -> bool {
    version.major == 1
        && version.minor == 3
        && version.patch == 8
        && version.stage == Stage::Release
}

fn innermost_vhost(site: &Site) -> Option<(FileId, usize)> {
    site.vhost
}

fn diagnostic(site: &Site, name: &str) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        Span::new(site.file, site.directive.span()),
        format!(
            "ProFTPD 1.3.8 crashes (signal 11) reading this line: `{name}` is the first setting stored in this <VirtualHost>"
        ),
    )
    .with_help("put another setting first, e.g. move `SFTPEngine on` above it, or upgrade to 1.3.8a or later")
}
