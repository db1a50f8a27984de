//! The rules behind `proftpd-lint convert`'s diagnostics (X = conversion).

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static SYSCTL_OUT_OF_RANGE: Rule = Rule {
    code: "V001",
    name: "sysctl-value-out-of-range",
    severity: Severity::Error,
    proftpd_rejects: false,
    summary: "A keepalive value the target kernel's system-wide setting would reject; no file is written.",
    explain: r#"## What it does
Converts the server's `SocketOptions keepalive idle:count:interval` to the target platform's system-wide settings and checks each result against the range the kernel accepts (for example Linux `net.ipv4.tcp_keepalive_probes` 0-255, OpenBSD `net.inet.tcp.keepintvl` 1-225 s, Solaris `_keepalive_interval` 10 s to 10 days).

## Why
`sysctl`, `ipadm` or the registry would refuse the value (EINVAL) or silently truncate it. `proftpd-lint convert --to sysctl` never writes a file the kernel would reject, so it stops with exit code 1 instead.

## Example
```
SocketOptions keepalive 600:300:30   # Linux: at most 255 probes
```

## Fix
Bring the value into the platform's range in the `SocketOptions` spec, then convert again."#,
};

pub static SYSCTL_RANGE_UNCONFIRMED: Rule = Rule {
    code: "V002",
    name: "sysctl-range-unconfirmed",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "A converted keepalive value lies outside a range that is not confirmed for the target; the file is written anyway.",
    explain: r#"## What it does
Flags converted values outside a range the platform reference marks as unconfirmed (AIX tunables, the illumos and Solaris abort interval, DragonFly's units).

## Why
The kernel may reject the value, but the limit is not established well enough to refuse the conversion. The file is written with a warning in its header.

## Example
```
SocketOptions keepalive 600:5:3000000   # illumos: abort interval beyond 10 days
```

## Fix
Check the value on the target system (`ipadm show-prop`, `no -L`), or bring it into the usual range."#,
};

pub static SERVERS_DIFFER: Rule = Rule {
    code: "V003",
    name: "convert-servers-differ",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "Servers in the config use different keepalive settings; only one of them can become the system-wide setting.",
    explain: r#"## What it does
Reports which server `convert --to sysctl` converted when the main server and the `<VirtualHost>`s do not agree on their TCP keepalive settings.

## Why
System-wide settings apply to every TCP socket on the host. Only one server's values can be carried over; ProFTPD keeps setting its per-socket values for the others where the platform allows it.

## Example
```
SocketOptions keepalive 600:5:30
<VirtualHost 10.0.0.1>
  SocketOptions keepalive 300:3:10
</VirtualHost>
```

## Fix
Pass `--server NAME` to choose the server, or use the same values everywhere."#,
};

pub static INVALID_TOML_CONFIG: Rule = Rule {
    code: "V004",
    name: "invalid-toml-config",
    severity: Severity::Error,
    proftpd_rejects: false,
    summary: "A TOML document that does not follow the proftpd-lint config schema; nothing is written.",
    explain: r#"## What it does
Validates a TOML document given to `convert --to proftpd` against the schema in docs/toml-format.md: TOML syntax, `format` and `version`, the keys of every `[[directive]]` table, argument types, and the typed `keepalive`, `client_alive` and `timeout` tables.

## Why
A document that does not follow the schema cannot be turned into a proftpd.conf that means what the TOML says, so the conversion stops at the first problem and points at it.

## Example
```
[[directive]]
name = "SocketOptions"
keepalive = { idle = 0, count = 5, interval = 30 }   # idle must be at least 1
```

## Fix
Correct the value at the reported location."#,
};

pub static TOML_NESTING_TOO_DEEP: Rule = Rule {
    code: "V005",
    name: "toml-nesting-too-deep",
    severity: Severity::Error,
    proftpd_rejects: false,
    summary: "A config nests sections deeper than its TOML form can be read back; no file is written.",
    explain: r#"## What it does
Checks, before `convert --to toml` writes anything, that no line of the config sits inside more than 79 sections.

## Why
Each level of sections adds a `children` key to the TOML table header (`[[directive.children.children]]`). TOML readers limit how long such a header may be; proftpd-lint's own reader accepts at most 80 keys, so a line inside 80 or more sections would give a file that `convert --to proftpd` refuses. The conversion stops instead of writing it.

## Example
```
<IfDefine A>
  <IfDefine B>
    ... 80 levels of sections ...
      Umask 022
```

## Fix
Nest fewer sections: drop `<IfModule>` blocks for modules that are always loaded, and merge nested blocks that test the same thing."#,
};

/// The conversion rules, for the registry.
pub fn rules() -> Vec<&'static Rule> {
    vec![
        &SYSCTL_OUT_OF_RANGE,
        &SYSCTL_RANGE_UNCONFIRMED,
        &SERVERS_DIFFER,
        &INVALID_TOML_CONFIG,
        &TOML_NESTING_TOO_DEEP,
    ]
}
