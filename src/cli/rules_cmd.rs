//! `proftpd-lint rules` and `proftpd-lint explain`.

use proftpd_lint::rules;

use std::fmt::Write;

use super::{EXIT_ERROR, EXIT_OK, output};

pub fn list(json: bool) -> u8 {
    let all = rules::all();
    if json {
        let list: Vec<serde_json::Value> = all
            .iter()
            .map(|r| {
                serde_json::json!({
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity.as_str(),
                    "proftpd_rejects": r.proftpd_rejects,
                    "summary": r.summary,
                })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
        text.push('\n');
        return output::print(&text, EXIT_OK);
    }
    let mut text = String::new();
    for rule in all {
        let rejects = if rule.proftpd_rejects {
            "refused by proftpd"
        } else {
            ""
        };
        let _ = writeln!(
            text,
            "{:<5} {:<34} {:<8} {:<19} {}",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rejects,
            rule.summary
        );
    }
    output::print(&text, EXIT_OK)
}

/// The rule reference (docs/rules.md is this output; a test keeps it so).
pub fn markdown() -> u8 {
    output::print(&proftpd_lint::rules::reference_markdown(), EXIT_OK)
}

pub fn explain(code_or_name: &str) -> u8 {
    let Some(rule) = rules::find(code_or_name) else {
        eprintln!("error: no rule `{code_or_name}` (see `proftpd-lint rules`)");
        return EXIT_ERROR;
    };
    let text = format!(
        "# {} `{}`\n\nDefault severity: {}. {}\n\n{}\n\n{}\n",
        rule.code,
        rule.name,
        rule.severity.as_str(),
        rule.verdict(),
        rule.summary,
        rule.explain
    );
    output::print(&text, EXIT_OK)
}
