//! I005 `include-too-deep`: Includes nest deeper than 64 levels.

use crate::diagnostic::Severity;
use crate::rules::Rule;

pub static RULE: Rule = Rule {
    code: "I005",
    name: "include-too-deep",
    severity: Severity::Error,
    proftpd_rejects: false,
    summary: "Includes nest deeper than 64 levels.",
    explain: r#"## What it does
Stops following Includes after 64 levels.

## Why
Such depth is almost always an unnoticed loop through different paths to the same files.

## Example
Generated configs that include their parent directory.

## Fix
Flatten the include structure."#,
};
