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

use rustc_hash::FxHashSet;

use crate::catalog::{self, Context, Directive as Entry, Opens};
use crate::diagnostic::Diagnostic;
use crate::model::walk::Open;
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
    pub loaded: &'a FxHashSet<String>,
    /// Modules some LoadModule names that the catalogue does not know
    /// (third-party modules: their directives cannot be verified), in the
    /// order they are loaded.
    pub foreign_modules: &'a [String],
    /// The configuration context ProFTPD checks this line against.
    pub context: Context,
}

impl Site<'_> {
    /// The configuration context ProFTPD checks this line against.
    pub fn context(&self) -> Context {
        self.context
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

/// The context of the lines inside `section` when the section stands in
/// `outer` (`<IfModule>` & co. add none, `<IfUser>` & co. inherit).
pub fn context_inside(outer: Context, section: &Section) -> Context {
    match catalog::catalog()
        .section(section.name())
        .and_then(|s| s.opens)
    {
        Some(Opens::Context(context)) => context,
        Some(Opens::Transparent) | Some(Opens::Inherit) | None => outer,
    }
}

pub fn check(ctx: &LintContext, out: &mut Vec<Diagnostic>) {
    crate::rules::directives::check_families(ctx, true, false, out);
}

/// The catalogue rules' share of the walk over the directives ProFTPD
/// reads.
pub(crate) struct Walk<'a> {
    loaded: FxHashSet<String>,
    foreign: Vec<String>,
    duplicates: duplicate_directive::Tracker<'a>,
    pub out: Vec<Diagnostic>,
}

impl<'a> Walk<'a> {
    pub fn new(ctx: &LintContext) -> Self {
        let mut foreign: Vec<(&(FileId, usize), &String)> = ctx
            .eval
            .load_module_at
            .iter()
            .filter(|(m, _)| !catalog::is_proftpd_module(m))
            .map(|(m, at)| (at, m))
            .collect();
        foreign.sort();
        Walk {
            loaded: ctx
                .options
                .environment
                .static_modules
                .iter()
                .cloned()
                .collect(),
            foreign: foreign.into_iter().map(|(_, m)| m.clone()).collect(),
            duplicates: duplicate_directive::Tracker::new(ctx),
            out: Vec::new(),
        }
    }

    /// A directive line (not a section of the tree) and its catalogue entry.
    #[allow(clippy::too_many_arguments)]
    pub fn directive(
        &mut self,
        ctx: &LintContext,
        file: FileId,
        directive: Directive<'a>,
        entry: Option<&'static Entry>,
        open: &[Open<'a>],
        context: Context,
        scope: duplicate_directive::DupScope,
    ) {
        self.duplicates
            .visit(ctx, file, directive, entry, open, scope, &mut self.out);
        let site = Site {
            file,
            directive,
            open,
            loaded: &self.loaded,
            foreign_modules: &self.foreign,
            context,
        };
        check_site(ctx, &site, entry, &mut self.out);
        if entry.is_some_and(|e| e.name == "LoadModule") {
            if let Some(module) = directive.args().first() {
                self.loaded.insert(module.value().to_owned());
            }
        }
    }

    /// The section opened by `section` in `file` has ended.
    pub fn leave(&mut self, file: FileId, section: &Section<'a>) {
        self.duplicates.leave(file, section.open().span().start);
    }

    /// A section opener, in the context around it.
    pub fn enter(
        &mut self,
        ctx: &LintContext,
        file: FileId,
        section: &Section<'a>,
        open: &[Open<'a>],
        context: Context,
    ) {
        let directive = section.open();
        let site = Site {
            file,
            directive,
            open,
            loaded: &self.loaded,
            foreign_modules: &self.foreign,
            context,
        };
        let entry = lookup(&directive);
        check_site(ctx, &site, entry, &mut self.out);
        ifmodule_before_loadmodule::check(ctx, file, section, &self.loaded, &mut self.out);
    }
}

/// The catalogue entry of a line's name.
pub fn lookup(directive: &Directive) -> Option<&'static Entry> {
    catalog::catalog().get(directive.name())
}

fn check_site(ctx: &LintContext, site: &Site, entry: Option<&Entry>, out: &mut Vec<Diagnostic>) {
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
    let Some(entry) = entry else {
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
    if entry.name == "IncludeOptions" {
        unknown_include_option::check(site, unexpanded, out);
    }
}

/// Whether a section is one whose body ProFTPD checks in its own context.
pub fn opens_context(section: &Section) -> bool {
    section_family(section.name()) == SectionFamily::Context
}
