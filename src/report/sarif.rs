//! SARIF 2.1.0 for GitHub code scanning (conventions §3.8).
//!
//! - One run; `tool.driver` lists every rule of [`Report::rules`] with its
//!   descriptions, help and default level, and each result points at its
//!   rule with `ruleId` and `ruleIndex`.
//! - Locations are relative to `%SRCROOT%` (the report root, given in
//!   `originalUriBaseIds` when known); files outside it get `file://` URIs.
//!   Regions are 1-based, columns count Unicode code points
//!   (`columnKind: unicodeCodePoints`), ends are exclusive.
//! - Secondary labels become `relatedLocations`; only safe fixes are
//!   included, as `fixes`.
//! - `partialFingerprints.primaryLocationLineHash` is
//!   [`Fingerprint::sarif`](super::fingerprint::Fingerprint::sarif), which
//!   does not move when unrelated lines are inserted above.

use std::io;
use std::path::Path;

use serde_json::{Value, json};

use super::{Region, Report, display_path};
use crate::diagnostic::{Applicability, Severity, Span};

/// Where the SARIF 2.1.0 JSON schema is published.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

const BASE_ID: &str = "%SRCROOT%";

pub(crate) fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub(crate) fn render(report: &Report<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(report))?;
    writeln!(out)
}

fn document(report: &Report<'_>) -> Value {
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|rule| {
            let full = if rule.explain.trim().is_empty() {
                rule.summary
            } else {
                rule.explain
            };
            let mut tags = vec!["proftpd", "configuration"];
            if rule.proftpd_rejects {
                tags.push("proftpd-rejects");
            }
            json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": full, "markdown": full },
                "helpUri": rule.help_uri(),
                "help": { "text": full, "markdown": full },
                "defaultConfiguration": { "level": level(rule.severity) },
                "properties": { "tags": tags },
            })
        })
        .collect();

    let results: Vec<Value> = report
        .items()
        .into_iter()
        .map(|item| {
            let diag = item.diag;
            let mut result = json!({
                "ruleId": diag.code,
                "level": level(diag.severity),
                "message": { "text": diag.message },
                "locations": [{ "physicalLocation": physical_location(report, &diag.span) }],
                "partialFingerprints": { "primaryLocationLineHash": item.fingerprint.sarif() },
                "properties": { "name": diag.name, "proftpdRejects": diag.proftpd_rejects },
            });
            if let Some(index) = report.rule_index(diag.code) {
                result["ruleIndex"] = json!(index);
            }
            if !diag.labels.is_empty() {
                let related: Vec<Value> = diag
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, label)| {
                        json!({
                            "id": i + 1,
                            "message": { "text": label.message },
                            "physicalLocation": physical_location(report, &label.span),
                        })
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            if let Some(fix) = diag.fix.as_ref().filter(|f| f.applicability == Applicability::Safe) {
                // One artifactChange per file, in the order files first appear.
                let mut changes: Vec<(crate::source::FileId, Vec<Value>)> = Vec::new();
                for edit in &fix.edits {
                    let replacement = json!({
                        "deletedRegion": region(report, &edit.span),
                        "insertedContent": { "text": edit.replacement },
                    });
                    match changes.iter_mut().find(|(file, _)| *file == edit.span.file) {
                        Some((_, replacements)) => replacements.push(replacement),
                        None => changes.push((edit.span.file, vec![replacement])),
                    }
                }
                let changes: Vec<Value> = changes
                    .into_iter()
                    .map(|(file, replacements)| {
                        json!({
                            "artifactLocation": artifact_location(report, &report.sources.get(file).path),
                            "replacements": replacements,
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.message },
                    "artifactChanges": changes,
                }]);
            }
            result
        })
        .collect();

    let mut base = json!({
        "description": { "text": "The directory file paths are relative to." }
    });
    if let Some(root) = report.root.filter(|root| root.is_absolute()) {
        let mut uri = file_uri(&display_path(None, root));
        if !uri.ends_with('/') {
            uri.push('/');
        }
        base["uri"] = json!(uri);
    }

    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "proftpd-lint",
                    "version": report.tool_version,
                    "semanticVersion": report.tool_version,
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "originalUriBaseIds": { BASE_ID: base },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn physical_location(report: &Report<'_>, span: &Span) -> Value {
    json!({
        "artifactLocation": artifact_location(report, &report.sources.get(span.file).path),
        "region": region(report, span),
    })
}

fn region(report: &Report<'_>, span: &Span) -> Value {
    let region = Region::of(report.sources.get(span.file), span);
    json!({
        "startLine": region.start.line,
        "startColumn": region.start.column,
        "endLine": region.end.line,
        "endColumn": region.end.column,
    })
}

fn artifact_location(report: &Report<'_>, path: &Path) -> Value {
    let shown = display_path(report.root, path);
    if is_absolute(&shown) {
        json!({ "uri": file_uri(&shown) })
    } else {
        json!({ "uri": encode_uri_path(&shown), "uriBaseId": BASE_ID })
    }
}

/// Absolute on any platform: `/etc/x` or `C:/x`.
fn is_absolute(shown: &str) -> bool {
    shown.starts_with('/') || shown.as_bytes().get(1) == Some(&b':')
}

fn file_uri(shown: &str) -> String {
    if shown.starts_with('/') {
        format!("file://{}", encode_uri_path(shown))
    } else {
        // A drive letter keeps its colon: `file:///C:/x`.
        let (drive, rest) = shown.split_at(2);
        format!("file:///{drive}{}", encode_uri_path(rest))
    }
}

/// Percent-encodes everything but unreserved characters, `/` and the
/// sub-delimiters that are safe in a path (`:` is encoded, so a relative
/// reference is never read as a scheme).
pub(crate) fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &byte in path.as_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b'@' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_encoding() {
        assert_eq!(
            encode_uri_path("conf.d/my vhost%.conf"),
            "conf.d/my%20vhost%25.conf"
        );
        assert_eq!(encode_uri_path("é:x"), "%C3%A9%3Ax");
        assert_eq!(file_uri("/etc/proftpd.conf"), "file:///etc/proftpd.conf");
        assert_eq!(file_uri("C:/proftpd.conf"), "file:///C:/proftpd.conf");
    }
}
