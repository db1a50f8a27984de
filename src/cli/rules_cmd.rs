//! `proftpd-lint rules` and `proftpd-lint explain`.

use proftpd_lint::rules;

use super::{EXIT_ERROR, EXIT_OK};

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
        println!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
        return EXIT_OK;
    }
    for rule in all {
        let rejects = if rule.proftpd_rejects {
            "refused by proftpd"
        } else {
            ""
        };
        println!(
            "{:<5} {:<34} {:<8} {:<19} {}",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rejects,
            rule.summary
        );
    }
    EXIT_OK
}

/// The rule reference (docs/rules.md is this output; a test keeps it so).
pub fn markdown() -> u8 {
    print!("{}", proftpd_lint::rules::reference_markdown());
    EXIT_OK
}

pub fn explain(code_or_name: &str) -> u8 {
    let Some(rule) = rules::find(code_or_name) else {
        eprintln!("error: no rule `{code_or_name}` (see `proftpd-lint rules`)");
        return EXIT_ERROR;
    };
    println!("# {} `{}`\n", rule.code, rule.name);
    println!(
        "Default severity: {}. {}\n",
        rule.severity.as_str(),
        rule.verdict()
    );
    println!("{}\n", rule.summary);
    println!("{}", rule.explain);
    EXIT_OK
}
