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

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

use super::{Region, Report, display_path};
use crate::diagnostic::{Applicability, Severity, Span};
use crate::source::FileId;

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

// The SARIF objects we write, in the field order of the specification's
// examples (serde_json's `Value` would sort the keys).

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    original_uri_base_ids: BTreeMap<&'static str, Value>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    semantic_version: &'a str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text<'static>,
    full_description: Text<'static>,
    help_uri: String,
    help: Text<'static>,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: ResultProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    name: &'static str,
    proftpd_rejects: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: SarifRegion,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text<'a>,
    artifact_changes: Vec<ArtifactChange<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: SarifRegion,
    inserted_content: Text<'a>,
}

fn document<'a>(report: &Report<'a>) -> Log<'a> {
    let rules: Vec<ReportingDescriptor> = report
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
            ReportingDescriptor {
                id: rule.code,
                name: rule.name,
                short_description: Text {
                    text: rule.summary,
                    markdown: None,
                },
                full_description: Text {
                    text: full,
                    markdown: Some(full),
                },
                help_uri: rule.help_uri(),
                help: Text {
                    text: full,
                    markdown: Some(full),
                },
                default_configuration: Configuration {
                    level: level(rule.severity),
                },
                properties: Properties { tags },
            }
        })
        .collect();

    let results: Vec<SarifResult<'a>> = report
        .items()
        .into_iter()
        .map(|item| {
            let diag = item.diag;
            let related_locations = diag
                .labels
                .iter()
                .enumerate()
                .map(|(i, label)| Location {
                    id: Some(i + 1),
                    physical_location: physical_location(report, &label.span),
                    message: Some(Text {
                        text: &label.message,
                        markdown: None,
                    }),
                })
                .collect();
            let fixes = diag
                .fix
                .iter()
                .filter(|fix| fix.applicability == Applicability::Safe)
                .map(|fix| {
                    // One artifactChange per file, in the order files first appear.
                    let mut changes: Vec<(FileId, Vec<Replacement<'a>>)> = Vec::new();
                    for edit in &fix.edits {
                        let replacement = Replacement {
                            deleted_region: region(report, &edit.span),
                            inserted_content: Text {
                                text: &edit.replacement,
                                markdown: None,
                            },
                        };
                        match changes.iter_mut().find(|(file, _)| *file == edit.span.file) {
                            Some((_, replacements)) => replacements.push(replacement),
                            None => changes.push((edit.span.file, vec![replacement])),
                        }
                    }
                    SarifFix {
                        description: Text {
                            text: &fix.message,
                            markdown: None,
                        },
                        artifact_changes: changes
                            .into_iter()
                            .map(|(file, replacements)| ArtifactChange {
                                artifact_location: artifact_location(
                                    report,
                                    &report.sources.get(file).path,
                                ),
                                replacements,
                            })
                            .collect(),
                    }
                })
                .collect();
            SarifResult {
                rule_id: diag.code,
                rule_index: report.rule_index(diag.code),
                level: level(diag.severity),
                message: Text {
                    text: &diag.message,
                    markdown: None,
                },
                locations: [Location {
                    id: None,
                    physical_location: physical_location(report, &diag.span),
                    message: None,
                }],
                related_locations,
                fixes,
                partial_fingerprints: BTreeMap::from([(
                    "primaryLocationLineHash",
                    item.fingerprint.sarif(),
                )]),
                properties: ResultProperties {
                    name: diag.name,
                    proftpd_rejects: diag.proftpd_rejects,
                },
            }
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

    Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "proftpd-lint",
                    version: report.tool_version,
                    semantic_version: report.tool_version,
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules,
                },
            },
            original_uri_base_ids: BTreeMap::from([(BASE_ID, base)]),
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

fn physical_location(report: &Report<'_>, span: &Span) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: artifact_location(report, &report.sources.get(span.file).path),
        region: region(report, span),
    }
}

fn region(report: &Report<'_>, span: &Span) -> SarifRegion {
    let region = Region::of(report.sources.get(span.file), span);
    SarifRegion {
        start_line: region.start.line,
        start_column: region.start.column,
        end_line: region.end.line,
        end_column: region.end.column,
    }
}

fn artifact_location(report: &Report<'_>, path: &Path) -> ArtifactLocation {
    let shown = display_path(report.root, path);
    if is_absolute(&shown) {
        ArtifactLocation {
            uri: file_uri(&shown),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: encode_uri_path(&shown),
            uri_base_id: Some(BASE_ID),
        }
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
