//! Hover: the catalogue entry of a directive name, and the idle timeline
//! of a server on keepalive and timeout values.

use std::fmt::Write;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::catalog::{self, Directive as Entry};
use crate::diagnostic::Span;
use crate::model::conditions;
use crate::model::effective::{ServerSettings, effective};
use crate::model::keepalive::{human_bytes, human_duration_f64};
use crate::profile::Profile;
use crate::report::effective::idle_events;
use crate::syntax::{Directive, LineRole};

use super::State;
use super::document::Analysis;

pub fn hover(state: &mut State, p: HoverParams) -> Option<Hover> {
    let encoding = state.encoding;
    let at = p.text_document_position_params;
    let analysis = state.analysis(&at.text_document.uri)?;
    let root = analysis.root();
    let offset = encoding.offset(root, at.position);
    let (_, directive) = analysis.directive_at(offset)?;
    let (markdown, span) = if contains(&directive.name_word().span(), offset) {
        (
            directive_markdown(lookup(&directive)?),
            directive.name_word().span(),
        )
    } else {
        let word = directive
            .args()
            .iter()
            .find(|w| contains(&w.span(), offset))?;
        (value_markdown(analysis, offset)?, word.span())
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(encoding.range(root, &span)),
    })
}

fn contains(span: &std::ops::Range<usize>, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

fn lookup(directive: &Directive) -> Option<&'static Entry> {
    let catalog = catalog::catalog();
    match directive.role() {
        LineRole::SectionClose => catalog.section(directive.tag_name()),
        _ => catalog.get(directive.name()),
    }
}

fn directive_markdown(entry: &Entry) -> String {
    let mut out = format!(
        "**{}** ({})\n\n{}\n\n",
        entry.name, entry.module, entry.summary
    );
    let contexts: Vec<&str> = entry.contexts.iter().map(|c| c.name()).collect();
    let _ = writeln!(out, "- Contexts: {}", contexts.join(", "));
    if let Some(since) = &entry.since {
        let _ = writeln!(out, "- Since: ProFTPD {since}");
    }
    if let Some(v) = &entry.deprecated_in {
        let _ = writeln!(out, "- Deprecated in {v}");
    }
    if let Some(v) = &entry.removed_in {
        let _ = writeln!(out, "- Removed in {v}");
    }
    if let Some(r) = &entry.replacement {
        let _ = writeln!(out, "- Use instead: `{r}`");
    }
    if let Some(url) = entry.doc_url() {
        let _ = write!(out, "\n[ProFTPD documentation]({url})");
    }
    out
}

/// The timeline of the first server whose keepalive, timeout or
/// SFTPClientAlive line holds `offset`.
fn value_markdown(analysis: &Analysis, offset: usize) -> Option<String> {
    let config = &analysis.result.config;
    let profile = &analysis.options.profile;
    let eval = conditions::evaluate(config, &analysis.options.environment);
    let eff = effective(config, &eval, profile);
    let here = |span: Option<&Span>| {
        span.is_some_and(|s| s.file == config.root && contains(&s.range, offset))
    };
    for server in &eff.servers {
        let keepalive = here(server.keepalive.origin.span());
        let timeout = server.timeouts.iter().find(|t| here(t.origin.span()));
        let client_alive = server
            .client_alive
            .as_ref()
            .is_some_and(|c| here(c.origin.span()));
        if keepalive || timeout.is_some() || client_alive {
            let mut out = String::new();
            if let Some(t) = timeout {
                let value = t
                    .seconds
                    .map_or("unlimited".to_owned(), |s| human_duration_f64(s as f64));
                let _ = writeln!(out, "**{}**: {value}\n", t.kind.name());
            }
            out.push_str(&timeline_markdown(server, profile));
            return Some(out);
        }
    }
    None
}

fn timeline_markdown(server: &ServerSettings, profile: &Profile) -> String {
    let tl = &server.keepalive.timeline;
    let mut out = format!("Idle control connection of server `{}`", server.name);
    if let Some(name) = &server.server_name {
        let _ = write!(out, " ({name})");
    }
    let _ = writeln!(
        out,
        ", on {} with ProFTPD {}:\n",
        profile.platform.name(),
        profile.proftpd_version
    );
    for event in idle_events(server, profile) {
        let mark = if event.closes { " **(closes)**" } else { "" };
        let _ = writeln!(
            out,
            "- after {}: {}{mark}",
            human_duration_f64(event.at),
            event.label
        );
    }
    match tl.first_probe_after {
        Some(_) => {
            let _ = writeln!(
                out,
                "\nKeepalive traffic: {} per idle connection per day ({} per 30 days).",
                human_bytes(tl.bytes_per_day),
                human_bytes(tl.bytes_per_30_days)
            );
        }
        None => out.push_str("\nNo keepalive probes are sent.\n"),
    }
    if profile.nat_idle_timeout.is_none() {
        out.push_str("\nSet `natIdleTimeout` to compare with your NAT or load balancer.\n");
    }
    out
}
