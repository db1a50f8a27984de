//! The rules: one file per rule, each with its code, name, severity, docs and
//! (for rules that look at the parsed config) its check.

pub mod catalog;
pub mod context;
pub mod include;
pub mod keepalive;
pub mod suppression;
pub mod syntax;

use crate::diagnostic::Severity;

/// Static description of a rule, shown by `proftpd-lint rules` and
/// `proftpd-lint explain CODE`, and listed in SARIF output.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `S001`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `unterminated-quote`.
    pub name: &'static str,
    pub severity: Severity,
    /// Whether `proftpd -t` refuses a config because of a finding of this
    /// rule (a finding may override this when it knows better).
    pub proftpd_rejects: bool,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Markdown with the sections What it does / Why / Example / Fix.
    pub explain: &'static str,
}

impl Rule {
    pub fn help_uri(&self) -> String {
        format!(
            "https://github.com/proftpd-lint/proftpd-lint/blob/main/docs/rules.md#{}",
            self.code.to_ascii_lowercase()
        )
    }
}

/// Every rule, in code order.
pub fn all() -> Vec<&'static Rule> {
    let mut rules: Vec<&'static Rule> = registry().to_vec();
    rules.sort_by_key(|r| r.code);
    rules
}

/// Looks a rule up by code or name (case-insensitive).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    registry().iter().copied().find(|r| {
        r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name)
    })
}

fn registry() -> &'static [&'static Rule] {
    static REGISTRY: std::sync::LazyLock<Vec<&'static Rule>> = std::sync::LazyLock::new(|| {
        let mut rules = syntax::rules();
        rules.extend(include::rules());
        rules.extend(catalog::rules());
        rules.extend(keepalive::rules());
        rules.extend(suppression::rules());
        rules
    });
    &REGISTRY
}
