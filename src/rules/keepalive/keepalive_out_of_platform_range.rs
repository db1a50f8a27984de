//! K007 `keepalive-out-of-platform-range`: A keepalive value ProFTPD accepts but the target kernel rejects at run time.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K007",
    name: "keepalive-out-of-platform-range",
    severity: Severity::Error,
    proftpd_rejects: false,
    summary: "A keepalive value ProFTPD accepts but the target kernel rejects at run time.",
    explain: r#"## What it does
Applies the spec to the target platform's per-socket limits (Linux: idle and interval 1-32767, count 1-127; Windows: count up to 255; illumos/Solaris: interval up to 60 s at the default RTO maximum).

## Why
ProFTPD does not know these limits. `proftpd -t` passes, then every `setsockopt` with an out-of-range value fails with EINVAL, which is only logged at NOTICE: the kernel default stays in effect and the tuning silently does nothing. Limits the reference marks as unconfirmed are reported as warnings.

## Example
```
SocketOptions keepalive 60:200:75   # Linux: count at most 127
```

## Fix
Bring the value into the platform's range."#,
};
