//! Go to definition on an `Include` path: the files it brings in.

use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse, Location, Position, Range};

use super::{State, uri};

pub fn definition(state: &mut State, p: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let encoding = state.encoding;
    let at = p.text_document_position_params;
    let analysis = state.analysis(&at.text_document.uri)?;
    let config = &analysis.result.config;
    let offset = encoding.offset(analysis.root(), at.position);
    let (_, directive) = analysis.directive_at(offset)?;
    let on_path = directive.is_named("Include")
        && directive
            .args()
            .first()
            .is_some_and(|a| a.span().start <= offset && offset <= a.span().end);
    if !on_path {
        return None;
    }
    let start = Range::new(Position::new(0, 0), Position::new(0, 0));
    let locations: Vec<Location> = config
        .included_by(config.root, &directive)
        .iter()
        .filter(|&&id| id != config.root)
        .filter_map(|&id| uri::from_path(&config.sources.get(id).path))
        .map(|u| Location::new(u, start))
        .collect();
    (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
}
