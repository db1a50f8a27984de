//! Walking a loaded config in the order ProFTPD reads it: each Include is
//! entered where it stands, inside the sections around it.

use crate::load::Config;
use crate::source::FileId;
use crate::syntax::{Directive, Item, Items, Section};

/// A section open around a directive (possibly in another file).
#[derive(Debug, Clone, Copy)]
pub struct Open<'a> {
    pub file: FileId,
    pub section: Section<'a>,
}

/// What the walk reports.
pub enum Event<'a, 'b> {
    /// A plain directive (Include itself is reported before its files).
    Directive {
        file: FileId,
        directive: Directive<'a>,
        open: &'b [Open<'a>],
    },
    /// A section opener; return `false` from the visitor to skip its body.
    Enter {
        file: FileId,
        section: Section<'a>,
        open: &'b [Open<'a>],
    },
    /// After a section's body (whether or not it has a closer).
    Leave {
        file: FileId,
        section: Section<'a>,
        open: &'b [Open<'a>],
    },
}

/// Walks the config from its root file. The visitor returns whether to
/// descend (only meaningful for `Enter` and Include directives).
pub fn walk<'a>(config: &'a Config, visit: &mut dyn for<'b> FnMut(Event<'a, 'b>) -> bool) {
    let mut open = Vec::new();
    let mut depth = 0;
    walk_items(
        config,
        config.root,
        config.file(config.root).items(),
        &mut open,
        &mut depth,
        visit,
    );
}

fn walk_items<'a>(
    config: &'a Config,
    file: FileId,
    items: Items<'a>,
    open: &mut Vec<Open<'a>>,
    depth: &mut usize,
    visit: &mut dyn for<'b> FnMut(Event<'a, 'b>) -> bool,
) {
    for item in items {
        match item {
            Item::Trivia { .. } => {}
            Item::Directive(directive) => {
                let descend = visit(Event::Directive {
                    file,
                    directive,
                    open,
                });
                if descend
                    && directive.is_named("Include")
                    && *depth < crate::load::MAX_INCLUDE_DEPTH
                {
                    *depth += 1;
                    for &included in config.included_by(file, &directive) {
                        walk_items(
                            config,
                            included,
                            config.file(included).items(),
                            open,
                            depth,
                            visit,
                        );
                    }
                    *depth -= 1;
                }
            }
            Item::Section(section) => {
                if visit(Event::Enter {
                    file,
                    section,
                    open,
                }) {
                    open.push(Open { file, section });
                    walk_items(config, file, section.children(), open, depth, visit);
                    open.pop();
                }
                visit(Event::Leave {
                    file,
                    section,
                    open,
                });
            }
        }
    }
}
