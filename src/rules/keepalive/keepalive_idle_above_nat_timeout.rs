//! K014 `keepalive-idle-above-nat-timeout`: The first keepalive probe comes after the NAT/load balancer has already dropped the connection.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "K014",
    name: "keepalive-idle-above-nat-timeout",
    severity: Severity::Warning,
    proftpd_rejects: false,
    summary: "The first keepalive probe comes after the NAT/load balancer has already dropped the connection.",
    explain: r#"## What it does
With `--nat-idle-timeout`, flags a keepalive whose first probe (as the kernel applies it) is not earlier than the NAT timeout.

## Why
During a long transfer the control connection is silent. A middlebox forgets it after its idle timeout and the transfer's end is never reported. Probes only help if they go out before that.

## Example
```
SocketOptions keepalive 600:9:75   # behind an AWS NLB (350 s)
```

## Fix
Set idle below the NAT timeout (e.g. 300 for 350 s)."#,
};
