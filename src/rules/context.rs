//! What every rule can look at.

use crate::lint::LintOptions;
use crate::load::Config;
use crate::model::conditions::Evaluation;

pub struct LintContext<'a> {
    pub config: &'a Config,
    pub eval: &'a Evaluation,
    pub options: &'a LintOptions,
}
