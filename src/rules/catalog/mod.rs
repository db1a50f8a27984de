//! Rules that need ProFTPD's directive catalogue: unknown names, contexts,
//! argument counts, removed/deprecated directives, modules not loaded.

pub mod deprecated_directive;
pub mod duplicate_directive;
pub mod ifmodule_before_loadmodule;
pub mod module_not_loaded;
pub mod removed_directive;
pub mod unknown_directive;
pub mod unknown_include_option;
pub mod wrong_argument_count;
pub mod wrong_context;

use std::collections::HashSet;

use crate::catalog::{self, Context, Opens};
use crate::diagnostic::Diagnostic;
use crate::model::walk::{Event, Open, walk};
use crate::rules::Rule;
use crate::rules::context::LintContext;
use crate::source::FileId;
use crate::syntax::{Directive, LineRole, Section, SectionFamily, section_family};

pub fn rules() -> Vec<&'static Rule> {
    vec![
        &unknown_directive::RULE,
        &wrong_context::RULE,
        &wrong_argument_count::RULE,
        &removed_directive::RULE,
        &deprecated_directive::RULE,
        &module_not_loaded::RULE,
        &ifmodule_before_loadmodule::RULE,
        &unknown_include_option::RULE,
        &duplicate_directive::RULE,
    ]
}

/// What a catalogue rule sees for one directive line.
pub struct Site<'a> {
    pub file: FileId,
    pub directive: Directive<'a>,
    pub open: &'a [Open<'a>],
    /// Modules loaded when ProFTPD reaches this line.
    pub loaded: &'a HashSet<String>,
    /// Modules some LoadModule names that the catalogue does not know
    /// (third-party modules: their directives cannot be verified).
    pub foreign_modules: &'a [String],
}

impl Site<'_> {
    /// The configuration context ProFTPD checks this line against.
    pub fn context(&self) -> Context {
        for open in self.open.iter().rev() {
            match catalog::catalog()
                .section(open.section.name())
                .and_then(|s| s.opens)
            {
                Some(Opens::Context(context)) => return context,
                Some(Opens::Transparent) | Some(Opens::Inherit) | None => {}
            }
        }
        Context::Server
    }

    /// Whether an enclosing `<IfModule mod_x.c>` guards this line.
    pub fn guarded_by(&self, module: &str) -> bool {
        self.open.iter().any(|o| {
            o.section.name().eq_ignore_ascii_case("IfModule")
                && o.section
                    .open()
                    .args()
                    .first()
                    .is_some_and(|a| a.value() == module)
        })
    }
}

pub fn check(ctx: &LintContext, out: &mut Vec<Diagnostic>) {
    let mut loaded: HashSet<String> = ctx
        .options
        .environment
        .static_modules
        .iter()
        .cloned()
        .collect();
    let foreign: Vec<String> = ctx
        .eval
        .load_module_at
        .keys()
        .filter(|m| !catalog::is_proftpd_module(m))
        .cloned()
        .collect();
    let mut duplicates = duplicate_directive::Tracker::default();
    walk(ctx.config, &mut |event| match event {
        Event::Directive {
            file,
            directive,
            open,
        } => {
            duplicates.visit(ctx, file, directive, open, out);
            check_site(
                ctx,
                &Site {
                    file,
                    directive,
                    open,
                    loaded: &loaded,
                    foreign_modules: &foreign,
                },
                out,
            );
            if directive.is_named("LoadModule") {
                if let Some(module) = directive.args().first() {
                    loaded.insert(module.value().to_owned());
                }
            }
            true
        }
        Event::Enter {
            file,
            section,
            open,
        } => {
            let site = Site {
                file,
                directive: section.open(),
                open,
                loaded: &loaded,
                foreign_modules: &foreign,
            };
            check_site(ctx, &site, out);
            ifmodule_before_loadmodule::check(ctx, file, &section, &loaded, out);
            ctx.eval.truth_of(file, &section) != Some(false)
        }
        Event::Leave { .. } => true,
    });
}

fn check_site(ctx: &LintContext, site: &Site, out: &mut Vec<Diagnostic>) {
    let directive = site.directive;
    if directive.role() == LineRole::SectionClose
        || directive.name().starts_with('<') && directive.role() == LineRole::Directive
    {
        return;
    }
    let unexpanded = ctx.options.env.is_none();
    if unexpanded && !directive.name_word().env_refs().is_empty() {
        return; // the name depends on the environment: nothing to verify
    }
    let Some(entry) = catalog::catalog().get(directive.name()) else {
        out.push(unknown_directive::diagnostic(site));
        return;
    };
    if entry.is_removed() {
        out.push(removed_directive::diagnostic(site, entry));
        return;
    }
    if !site.loaded.contains(&entry.module) && entry.added_in.is_none() {
        if let Some(diag) = module_not_loaded::diagnostic(ctx, site, entry) {
            out.push(diag);
            return;
        }
    }
    if let Some(diag) = deprecated_directive::diagnostic(site, entry) {
        out.push(diag);
    }
    if let Some(diag) = wrong_context::diagnostic(site, entry) {
        out.push(diag);
    }
    if let Some(diag) = wrong_argument_count::diagnostic(site, entry) {
        out.push(diag);
    } else {
        crate::rules::arguments::check(ctx, site, entry, out);
    }
    if directive.is_named("IncludeOptions") {
        unknown_include_option::check(site, unexpanded, out);
    }
}

/// Whether a section is one whose body ProFTPD checks in its own context.
pub fn opens_context(section: &Section) -> bool {
    section_family(section.name()) == SectionFamily::Context
}
