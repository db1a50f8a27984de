//! Conversions: a server's keepalive to system-wide settings
//! ([`sysctl`]), a whole config to TOML ([`toml`]) and back ([`from_toml`]).
//! Pure: the CLI reads and writes the files.

pub mod from_toml;
pub mod rules;
pub mod sysctl;
pub mod toml;
mod words;

pub use words::render_word;
