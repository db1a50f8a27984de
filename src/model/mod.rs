//! Typed views of the config: the walk in ProFTPD's order across Includes,
//! the evaluation of conditional sections, and the values of the directives
//! we analyse (pure functions over already-unquoted arguments that return
//! what ProFTPD 1.3.8 would read).

pub mod arguments;
pub mod conditions;
pub mod duration;
pub mod effective;
pub mod keepalive;
pub mod number;
pub mod sftp_client_alive;
pub mod socket_options;
pub mod timeouts;
pub mod walk;
