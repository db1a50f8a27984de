//! Rules about `# proftpd-lint: disable=…` comments themselves. The
//! suppressions are applied in [`crate::suppress`], after every other rule.

pub mod unknown_suppression_code;
pub mod unused_suppression;

use crate::rules::Rule;

pub fn rules() -> Vec<&'static Rule> {
    vec![&unused_suppression::RULE, &unknown_suppression_code::RULE]
}
