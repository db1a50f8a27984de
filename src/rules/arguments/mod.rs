//! Argument (A) rules: each directive's words checked against its schema in
//! grammar/arguments.toml by the one validator in `model::arguments`.

pub mod invalid_argument_value;
pub mod removed_argument_word;
pub mod unknown_argument_word;

use crate::catalog::Directive as Entry;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::arguments::{ArgProblem, Problem, Schema, validate_schema};
use crate::rules::Rule;
use crate::rules::catalog::Site;
use crate::rules::context::LintContext;
use crate::version::ProftpdVersion;

pub fn rules() -> Vec<&'static Rule> {
    vec![
        &invalid_argument_value::RULE,
        &unknown_argument_word::RULE,
        &removed_argument_word::RULE,
    ]
}

/// Checks one directive line whose name and argument count are valid
/// against `schema`, its entry's argument schema.
pub fn check(
    ctx: &LintContext,
    site: &Site,
    entry: &Entry,
    schema: &Schema,
    out: &mut Vec<Diagnostic>,
) {
    let directive = site.directive;
    let args = directive.args();
    if ctx.options.env.is_none() && args.iter().any(|a| a.has_env_refs()) {
        return; // the words depend on the environment
    }
    let version = ctx.options.environment.version;
    for problem in directive.with_arg_values(|words| validate_schema(schema, words)) {
        let span = Span::new(site.file, args.at(problem.index).span());
        if let Some(diag) = diagnostic(&entry.name, span, &problem, version) {
            out.push(diag);
        }
    }
}

fn diagnostic(
    name: &str,
    span: Span,
    problem: &ArgProblem,
    version: ProftpdVersion,
) -> Option<Diagnostic> {
    match &problem.problem {
        Problem::Invalid { expected } => {
            Some(invalid_argument_value::diagnostic(span, problem, expected))
        }
        Problem::UnknownWord { accepted } => Some(unknown_argument_word::diagnostic(
            name, span, problem, accepted,
        )),
        Problem::Removed { .. } => removed_argument_word::diagnostic(name, span, problem, version),
    }
}

/// `a, b, c` cut to a readable length.
pub fn accepted_list(accepted: &[String]) -> String {
    const SHOWN: usize = 24;
    let mut s = accepted
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if accepted.len() > SHOWN {
        s.push_str(&format!(", … ({} in all)", accepted.len()));
    }
    s
}
