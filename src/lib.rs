//! proftpd-lint: parse, lint, convert and serve ProFTPD configuration files.
//!
//! The pipeline reads from the folder names:
//! [`syntax`] (lossless tree) → [`catalog`] (what ProFTPD knows) →
//! [`model`] (typed values of the directives we analyse) → [`rules`] →
//! [`diagnostic`] → [`report`] | [`lsp`] | [`convert`].
//! All file-system access goes through [`fs`].

pub mod catalog;
pub mod convert;
pub mod diagnostic;
pub mod fix;
pub mod fs;
pub mod lint;
pub mod load;
pub mod lsp;
pub mod model;
pub mod platform;
pub mod profile;
pub mod report;
pub mod rules;
pub mod settings;
pub mod source;
pub mod suppress;
pub mod syntax;
pub mod version;
