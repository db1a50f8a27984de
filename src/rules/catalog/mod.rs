//! Rules that need ProFTPD's directive catalogue: unknown names, contexts,
//! argument counts, removed/deprecated directives, modules not loaded.

pub mod deprecated_directive;
pub mod duplicate_directive;
pub mod ifmodule_before_loadmodule;
pub mod module_not_loaded;
pub mod relative_directory_path;
pub mod removed_directive;
pub mod sftp_algorithms_first_in_vhost;
pub mod unknown_directive;
pub mod unknown_include_option;
pub mod wrong_argument_count;
pub mod wrong_context;

use rustc_hash::FxHashSet;

use crate::catalog::{self, Context, Directive as Entry, Opens};
use crate::diagnostic::Diagnostic;
use crate::model::arguments::Schema;
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
        &relative_directory_path::RULE,
        &sftp_algorithms_first_in_vhost::RULE,
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
    /// The innermost `<VirtualHost>` around the line (file and start of its
    /// opener), if any.
    pub vhost: Option<(FileId, usize)>,
}

impl<'a> Site<'a> {
    /// `directive` in `file`, with what the walk knows around it.
    fn at(
        file: FileId,
        directive: Directive<'a>,
        open: &'a [Open<'a>],
        around: Around,
        loaded: &'a FxHashSet<String>,
        foreign_modules: &'a [String],
    ) -> Self {
        Site {
            file,
            directive,
            open,
            loaded,
            foreign_modules,
            context: around.context,
            vhost: around.vhost,
        }
    }
}

/// What the walk knows about the place of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Around {
    /// The configuration context ProFTPD checks the line against.
    pub context: Context,
    /// The innermost `<VirtualHost>` around the line.
    pub vhost: Option<(FileId, usize)>,
}

impl Around {
    /// Outside any section.
    pub const TOP: Around = Around {
        context: Context::Server,
        vhost: None,
    };

    /// Inside `section` (opened in `file`, with catalogue entry `entry`),
    /// when the section stands here.
    pub fn inside(
        self,
        file: FileId,
        section: &Section,
        name: &str,
        entry: Option<&Entry>,
    ) -> Around {
        Around {
            context: context_inside_entry(self.context, entry),
            vhost: if name.eq_ignore_ascii_case("VirtualHost") {
                Some((file, section.open().span().start))
            } else {
                self.vhost
            },
        }
    }
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
    context_inside_named(outer, section.name())
}

/// [`context_inside`] of a section named `name`.
pub fn context_inside_named(outer: Context, name: &str) -> Context {
    context_inside_entry(outer, catalog::catalog().section(name))
}

/// [`context_inside`] of the section whose catalogue entry is `entry`
/// (as [`lookup`] finds it from the opener).
pub fn context_inside_entry(outer: Context, entry: Option<&Entry>) -> Context {
    match entry.filter(|e| e.is_section).and_then(|s| s.opens) {
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
    vhost_settings: sftp_algorithms_first_in_vhost::Tracker,
    /// What the checks need to know about each catalogue entry, worked out
    /// the first time a line names it.
    facts: Vec<Option<Facts>>,
    pub out: Vec<Diagnostic>,
}

/// A catalogue entry looked up by name, with its index.
#[derive(Clone, Copy)]
pub struct Found {
    pub index: usize,
    pub entry: &'static Entry,
}

/// Facts about one catalogue entry.
#[derive(Clone, Copy)]
struct Facts {
    /// Its module is loaded (forgotten at each LoadModule).
    module_loaded: Option<bool>,
    /// Its argument schema (looked up once per name, not once per line).
    schema: Option<&'static Schema>,
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
            vhost_settings: sftp_algorithms_first_in_vhost::Tracker::default(),
            facts: vec![None; catalog::catalog().len()],
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
        found: Option<Found>,
        open: &[Open<'a>],
        around: Around,
        scope: duplicate_directive::DupScope,
    ) {
        let entry = found.map(|f| f.entry);
        self.duplicates
            .visit(ctx, file, directive, entry, open, scope, &mut self.out);
        self.check(ctx, file, directive, found, open, around);
        let site = Site::at(file, directive, open, around, &self.loaded, &self.foreign);
        self.vhost_settings.directive(ctx, &site, &mut self.out);
        if entry.is_some_and(|e| e.name == "LoadModule") {
            if let Some(module) = directive.args().first() {
                self.loaded.insert(module.value().to_owned());
                for facts in self.facts.iter_mut().flatten() {
                    facts.module_loaded = None;
                }
            }
        }
    }

    /// The section opened by `section` in `file` has ended.
    pub fn leave(&mut self, file: FileId, section: &Section<'a>) {
        self.duplicates.leave(file, section.open().span().start);
    }

    /// A section opener (and its catalogue entry), in the context around it.
    pub fn enter(
        &mut self,
        ctx: &LintContext,
        file: FileId,
        section: &Section<'a>,
        found: Option<Found>,
        open: &[Open<'a>],
        around: Around,
    ) {
        let directive = section.open();
        self.check(ctx, file, directive, found, open, around);
        let site = Site::at(file, directive, open, around, &self.loaded, &self.foreign);
        relative_directory_path::check(&site, section, &mut self.out);
        self.vhost_settings.enter(&site, section);
        ifmodule_before_loadmodule::check(ctx, file, section, &self.loaded, &mut self.out);
    }

    fn check(
        &mut self,
        ctx: &LintContext,
        file: FileId,
        directive: Directive<'a>,
        found: Option<Found>,
        open: &[Open<'a>],
        around: Around,
    ) {
        let facts = found.map(|found| {
            let facts = self.facts[found.index].get_or_insert_with(|| Facts {
                module_loaded: None,
                schema: crate::model::arguments::schema(&found.entry.name),
            });
            let loaded = &self.loaded;
            let module_loaded = *facts
                .module_loaded
                .get_or_insert_with(|| loaded.contains(&found.entry.module));
            (module_loaded, facts.schema)
        });
        let site = Site::at(file, directive, open, around, &self.loaded, &self.foreign);
        check_site(ctx, &site, found.map(|f| f.entry).zip(facts), &mut self.out);
    }
}

/// The catalogue entry of a line's name.
pub fn lookup(directive: &Directive) -> Option<Found> {
    catalog::catalog()
        .get_indexed(directive.name())
        .map(|(index, entry)| Found { index, entry })
}

/// `entry`: the catalogue entry, whether its module is loaded here and its
/// argument schema.
fn check_site(
    ctx: &LintContext,
    site: &Site,
    entry: Option<(&Entry, (bool, Option<&Schema>))>,
    out: &mut Vec<Diagnostic>,
) {
    let directive = site.directive;
    let role = directive.role();
    if role == LineRole::SectionClose
        || role == LineRole::Directive && directive.name().starts_with('<')
    {
        return;
    }
    let unexpanded = ctx.options.env.is_none();
    if unexpanded && directive.name_word().has_env_refs() {
        return; // the name depends on the environment: nothing to verify
    }
    let Some((entry, (module_loaded, schema))) = entry else {
        out.push(unknown_directive::diagnostic(site));
        return;
    };
    if entry.is_removed() {
        out.push(removed_directive::diagnostic(site, entry));
        return;
    }
    if !module_loaded && entry.added_in.is_none() {
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
    } else if let Some(schema) = schema {
        crate::rules::arguments::check(ctx, site, entry, schema, out);
    }
    if entry.name == "IncludeOptions" {
        unknown_include_option::check(site, unexpanded, out);
    }
}

/// Whether a section is one whose body ProFTPD checks in its own context.
pub fn opens_context(section: &Section) -> bool {
    section_family(section.name()) == SectionFamily::Context
}
