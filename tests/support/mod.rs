//! Helpers shared by the integration tests (`mod support;` in a test file).
//! Each test crate uses a different subset, hence the blanket allow.
#![allow(dead_code)]

pub mod corpus;
pub mod lint;
pub mod oracle;
pub mod syntax_cases;
