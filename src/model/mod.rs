//! model: typed values of the directives we analyse (see the module docs in
//! lib.rs). Every function here is pure: it takes a directive's arguments as
//! already-unquoted strings and returns what ProFTPD 1.3.8 would read.

pub mod duration;
pub mod keepalive;
pub mod number;
pub mod sftp_client_alive;
pub mod socket_options;
pub mod timeouts;
