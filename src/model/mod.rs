//! Typed views of the config: the walk in ProFTPD's order across Includes,
//! the evaluation of conditional sections, and the values of the directives
//! we analyse.

pub mod conditions;
pub mod walk;
