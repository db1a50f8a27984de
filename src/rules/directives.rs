//! The one walk over the directives ProFTPD reads, in its order (each
//! Include entered where it stands, false conditional blocks skipped), that
//! feeds the catalogue rules (C, and A through them), the per-line
//! keepalive, timeout and SFTPClientAlive checks, and the effective
//! settings of every server that the per-server checks need.
//!
//! The walk goes down each file's lines in order with a stack of the open
//! sections, so what a line needs to know about its surroundings (its
//! configuration context, which server it configures, whether it is in
//! "the same context" as another line) is worked out once per section, not
//! once per line.

use crate::diagnostic::{Diagnostic, append};
use crate::model::effective::Scope;
use crate::model::walk::Open;
use crate::rules::catalog::{self, Around, duplicate_directive::DupScope};
use crate::rules::context::LintContext;
use crate::rules::keepalive;
use crate::source::FileId;
use crate::syntax::{LineRole, NodeKind, section_family};

/// Runs the catalogue rules and the keepalive rules in one walk; their
/// findings are appended in that order. (A large config is walked twice
/// at once instead, on two threads, once for each family: see
/// [`crate::lint`].)
pub fn check(ctx: &LintContext, out: &mut Vec<Diagnostic>) {
    check_families(ctx, true, true, out);
}

/// Runs the walk for the catalogue rules, the keepalive rules or both.
pub(crate) fn check_families(
    ctx: &LintContext,
    catalog_rules: bool,
    keepalive_rules: bool,
    out: &mut Vec<Diagnostic>,
) {
    let mut walker = Walker {
        ctx,
        open: Vec::new(),
        frames: Vec::new(),
        depth: 0,
        catalog: catalog_rules.then(|| catalog::Walk::new(ctx)),
        keepalive: keepalive_rules.then(|| keepalive::checks::Walk::new(ctx)),
    };
    walker.file(ctx.config.root);
    if let Some(catalog) = walker.catalog {
        append(out, catalog.out);
    }
    if let Some(keepalive) = walker.keepalive {
        keepalive.finish(ctx, out);
    }
}

/// What the lines inside an open section share.
struct Frame {
    /// The line after the section's subtree, in the section's file.
    end: usize,
    around: Around,
    scope: Scope,
    dup: DupScope,
}

struct Walker<'c, 'a> {
    ctx: &'c LintContext<'a>,
    /// The sections open around the current line (possibly in including
    /// files), outermost first, and what their lines share.
    open: Vec<Open<'a>>,
    frames: Vec<Frame>,
    /// Include depth.
    depth: usize,
    catalog: Option<catalog::Walk<'a>>,
    keepalive: Option<keepalive::checks::Walk<'a>>,
}

impl<'a> Walker<'_, 'a> {
    fn frame(&self) -> (Around, Scope, DupScope) {
        self.frames
            .last()
            .map_or((Around::TOP, Scope::Main, DupScope::Certain(None)), |f| {
                (f.around, f.scope, f.dup)
            })
    }

    fn file(&mut self, file: FileId) {
        let ctx = self.ctx;
        let config = ctx.config;
        let parsed = config.file(file);
        let base = self.frames.len();
        let lines = parsed.line_count();
        let mut line = 0;
        while line < lines {
            while self.frames.len() > base && self.frames.last().is_some_and(|f| line >= f.end) {
                self.pop();
            }
            match parsed.kind(line) {
                NodeKind::Trivia | NodeKind::Close => line += 1,
                NodeKind::Directive => {
                    let d = parsed.directive(line).expect("a directive line");
                    let (around, scope, dup) = self.frame();
                    let include = if let Some(catalog) = &mut self.catalog {
                        let found = catalog::lookup(&d);
                        catalog.directive(ctx, file, d, found, &self.open, around, dup);
                        found.is_some_and(|f| f.entry.name == "Include")
                    } else {
                        d.is_named("Include")
                    };
                    if let Some(keepalive) = &mut self.keepalive {
                        if d.role() == LineRole::SectionOpen {
                            keepalive.opener(file, d, scope);
                        } else {
                            keepalive.directive(ctx, file, d, scope);
                        }
                    }
                    if include && self.depth < crate::load::MAX_INCLUDE_DEPTH {
                        self.depth += 1;
                        for &included in config.included_by(file, &d) {
                            self.file(included);
                        }
                        self.depth -= 1;
                    }
                    line += 1;
                }
                NodeKind::Open => {
                    let section = parsed.section(line).expect("a section opener");
                    let (around, scope, dup) = self.frame();
                    // Only the catalogue rules need the entry (and the
                    // configuration context worked out from it).
                    let found = self
                        .catalog
                        .as_ref()
                        .and_then(|_| catalog::lookup(&section.open()));
                    if let Some(catalog) = &mut self.catalog {
                        catalog.enter(ctx, file, &section, found, &self.open, around);
                    }
                    if ctx.eval.truth_of(file, &section) == Some(false) {
                        line = parsed.subtree_end(line);
                        continue;
                    }
                    if let Some(keepalive) = &mut self.keepalive {
                        keepalive.opener(file, section.open(), scope);
                    }
                    let name = section.name();
                    let family = section_family(name);
                    self.frames.push(Frame {
                        end: parsed.subtree_end(line),
                        around: around.inside(file, &section, name, found.map(|f| f.entry)),
                        scope: scope.inside_named(file, &section, name, family),
                        dup: dup.inside_family(ctx, file, &section, family, self.open.len()),
                    });
                    self.open.push(Open { file, section });
                    line += 1;
                }
            }
        }
        while self.frames.len() > base {
            self.pop();
        }
    }

    /// Leaves the innermost open section.
    fn pop(&mut self) {
        self.frames.pop();
        if let Some(open) = self.open.pop() {
            if let Some(catalog) = &mut self.catalog {
                catalog.leave(open.file, &open.section);
            }
            if let Some(keepalive) = &mut self.keepalive {
                keepalive.leave(self.ctx, open.file, open.section.open());
            }
        }
    }
}
