//! `SFTPClientAlive count interval` (contrib/mod_sftp, `set_sftpclientalive`)
//! and what it does at runtime (packet.c `packet_poll` / `is_client_alive`).

use std::fmt;

use super::number::ParsedInt;

/// mod_sftp's hard-coded `MAX_POLL_TIMEOUTS` (packet.c): after this many
/// consecutive select timeouts in one poll, the next one fails the session.
pub const MAX_POLL_TIMEOUTS: u64 = 3;

/// A parsed `SFTPClientAlive`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SftpClientAlive {
    /// Maximum unanswered checks (`atoi` of argument 0, ≥ 0).
    pub count: ParsedInt,
    /// Seconds between checks (`atoi` of argument 1, ≥ 0).
    pub interval: ParsedInt,
    /// Indices of extra arguments ProFTPD ignores.
    pub ignored_args: Vec<usize>,
}

/// Errors from `set_sftpclientalive` (context errors are not modelled here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SftpClientAliveError {
    /// Fewer than two arguments.
    MissingParameters,
    /// `atoi(count) < 0`; holds the argument text as written.
    NegativeCount(String),
    /// `atoi(interval) < 0`; holds the argument text as written.
    NegativeInterval(String),
}

impl SftpClientAliveError {
    /// Argument index the error refers to.
    pub fn arg_index(&self) -> Option<usize> {
        match self {
            SftpClientAliveError::MissingParameters => None,
            SftpClientAliveError::NegativeCount(_) => Some(0),
            SftpClientAliveError::NegativeInterval(_) => Some(1),
        }
    }

    /// The full message as `proftpd -t` prints it after `fatal: `.
    pub fn proftpd_message(&self, directive: &str) -> String {
        format!("{directive}: {self}")
    }
}

impl fmt::Display for SftpClientAliveError {
    /// The handler's text (uses the argument as written, not the int).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SftpClientAliveError::MissingParameters => write!(f, "missing parameters"),
            SftpClientAliveError::NegativeCount(t) => {
                write!(f, "max count '{t}' must be equal to or greater than zero")
            }
            SftpClientAliveError::NegativeInterval(t) => {
                write!(f, "interval '{t}' must be equal to or greater than zero")
            }
        }
    }
}

impl std::error::Error for SftpClientAliveError {}

/// Parses `SFTPClientAlive` arguments.
pub fn parse_sftp_client_alive(args: &[&str]) -> Result<SftpClientAlive, SftpClientAliveError> {
    if args.len() < 2 {
        return Err(SftpClientAliveError::MissingParameters);
    }
    let count = ParsedInt::parse(args[0]);
    if count.value < 0 {
        return Err(SftpClientAliveError::NegativeCount(args[0].to_string()));
    }
    let interval = ParsedInt::parse(args[1]);
    if interval.value < 0 {
        return Err(SftpClientAliveError::NegativeInterval(args[1].to_string()));
    }
    Ok(SftpClientAlive {
        count,
        interval,
        ignored_args: (2..args.len()).collect(),
    })
}

/// Why an unresponsive client is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientAliveDrop {
    /// `client alive threshold reached` (SSH DISCONNECT, reason 11).
    Threshold,
    /// `polling on socket N timed out after S sec, failing` /
    /// `Application disconnected` (the `MAX_POLL_TIMEOUTS` cap).
    PollTimeouts,
}

/// What `SFTPClientAlive` does once the session is authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientAliveOutcome {
    /// `interval 0`: client-alive is off and `TimeoutIdle` governs polling.
    Disabled,
    /// `count 0`: even a healthy client is disconnected after one quiet
    /// interval, with no probe sent.
    IdleKill {
        /// Seconds of silence before the disconnect.
        after: u64,
    },
    /// Probes every interval; an unresponsive client is dropped.
    DropUnresponsive {
        /// Seconds after the last reply.
        after: u64,
        /// Probes sent before the drop.
        probes: u64,
        /// How it is dropped.
        reason: ClientAliveDrop,
        /// True when `count` ≥ 3 and the cap, not `count`, decides.
        capped: bool,
    },
}

impl SftpClientAlive {
    /// The configured count as stored (unsigned).
    pub fn count(&self) -> u64 {
        self.count.value.max(0) as u64
    }

    /// The configured interval as stored (unsigned).
    pub fn interval(&self) -> u64 {
        self.interval.value.max(0) as u64
    }

    /// The runtime behaviour (see [`client_alive_outcome`]).
    pub fn outcome(&self) -> ClientAliveOutcome {
        client_alive_outcome(self.count(), self.interval())
    }
}

/// What `SFTPClientAlive count interval` does:
/// interval 0 → disabled; count 0 → idle-kill after one interval;
/// count 1–2 → dropped after (count+1)×interval by the threshold;
/// count ≥ 3 → dropped after 4×interval by `MAX_POLL_TIMEOUTS`.
pub fn client_alive_outcome(count: u64, interval: u64) -> ClientAliveOutcome {
    if interval == 0 {
        return ClientAliveOutcome::Disabled;
    }
    if count == 0 {
        return ClientAliveOutcome::IdleKill { after: interval };
    }
    if count < MAX_POLL_TIMEOUTS {
        ClientAliveOutcome::DropUnresponsive {
            after: (count + 1) * interval,
            probes: count,
            reason: ClientAliveDrop::Threshold,
            capped: false,
        }
    } else {
        ClientAliveOutcome::DropUnresponsive {
            after: (MAX_POLL_TIMEOUTS + 1) * interval,
            probes: MAX_POLL_TIMEOUTS,
            reason: ClientAliveDrop::PollTimeouts,
            capped: count > MAX_POLL_TIMEOUTS,
        }
    }
}

/// Seconds after which an unresponsive (or, for count 0, any idle) client is
/// disconnected; `None` when client-alive is disabled.
pub fn disconnect_after(count: u64, interval: u64) -> Option<u64> {
    match client_alive_outcome(count, interval) {
        ClientAliveOutcome::Disabled => None,
        ClientAliveOutcome::IdleKill { after }
        | ClientAliveOutcome::DropUnresponsive { after, .. } => Some(after),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing() {
        let a = parse_sftp_client_alive(&["3", "15"]).unwrap();
        assert_eq!((a.count(), a.interval()), (3, 15));
        let a = parse_sftp_client_alive(&["abc", "def"]).unwrap();
        assert_eq!((a.count(), a.interval()), (0, 0));
        let a = parse_sftp_client_alive(&["3", "15s", "extra"]).unwrap();
        assert_eq!(a.interval(), 15);
        assert_eq!(a.interval.trailing(), "s");
        assert_eq!(a.ignored_args, vec![2]);
        let a = parse_sftp_client_alive(&["99999999999", "15"]).unwrap();
        assert!(a.count.wrapped);
    }

    #[test]
    fn errors() {
        let e = parse_sftp_client_alive(&["3"]).unwrap_err();
        assert_eq!(
            e.proftpd_message("SFTPClientAlive"),
            "SFTPClientAlive: missing parameters"
        );
        let e = parse_sftp_client_alive(&["-1", "15"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "max count '-1' must be equal to or greater than zero"
        );
        assert_eq!(e.arg_index(), Some(0));
        let e = parse_sftp_client_alive(&["3", "-1"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "interval '-1' must be equal to or greater than zero"
        );
        let e = parse_sftp_client_alive(&["3", "2147483648"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "interval '2147483648' must be equal to or greater than zero"
        );
    }

    #[test]
    fn outcomes() {
        assert_eq!(client_alive_outcome(3, 0), ClientAliveOutcome::Disabled);
        assert_eq!(
            client_alive_outcome(0, 2),
            ClientAliveOutcome::IdleKill { after: 2 }
        );
        assert_eq!(disconnect_after(2, 2), Some(6));
        assert_eq!(disconnect_after(1, 10), Some(20));
        assert_eq!(
            client_alive_outcome(10, 1),
            ClientAliveOutcome::DropUnresponsive {
                after: 4,
                probes: 3,
                reason: ClientAliveDrop::PollTimeouts,
                capped: true
            }
        );
        // The docs' example: about 60 s, not 45 s.
        assert_eq!(disconnect_after(3, 15), Some(60));
        assert!(matches!(
            client_alive_outcome(3, 15),
            ClientAliveOutcome::DropUnresponsive { capped: false, .. }
        ));
        assert_eq!(disconnect_after(0, 0), None);
    }
}
