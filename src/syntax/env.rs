//! `%{env:NAME}` substitution, as ProFTPD 1.3.8's `get_config_word` does it
//! (only in words longer than 7 bytes; an unset variable becomes empty; a
//! value with spaces stays one word).

use std::collections::HashMap;

use super::tree::{Item, ParsedFile, Word};

/// Expands every word of the file in place with `env`.
pub fn expand_file(parsed: &mut ParsedFile, env: &HashMap<String, String>) {
    expand_items(&mut parsed.items, env);
}

fn expand_items(items: &mut [Item], env: &HashMap<String, String>) {
    for item in items {
        match item {
            Item::Trivia { .. } => {}
            Item::Directive(d) => expand_directive(d, env),
            Item::Section(s) => {
                expand_directive(&mut s.open, env);
                expand_items(&mut s.children, env);
                if let Some(close) = &mut s.close {
                    expand_directive(close, env);
                }
            }
        }
    }
}

fn expand_directive(directive: &mut super::Directive, env: &HashMap<String, String>) {
    if !directive.name_word.env_refs.is_empty() {
        directive.name = expand(&directive.name, env);
    }
    for word in std::iter::once(&mut directive.name_word).chain(directive.args.iter_mut()) {
        expand_word(word, env);
    }
}

fn expand_word(word: &mut Word, env: &HashMap<String, String>) {
    if !word.env_refs.is_empty() {
        word.value = expand(&word.value, env);
    }
}

/// One word's substitution. Bounded, where ProFTPD would loop forever on a
/// value that contains its own reference.
pub fn expand(word: &str, env: &HashMap<String, String>) -> String {
    const OPEN: &str = "%{env:";
    if word.len() <= 7 {
        return word.to_owned();
    }
    let mut word = word.to_owned();
    let mut from = 0;
    for _ in 0..1000 {
        let Some(rel) = word[from..].find(OPEN) else {
            break;
        };
        let start = from + rel;
        let name_start = start + OPEN.len();
        let Some(len) = word[name_start..].find('}') else {
            from = name_start;
            continue;
        };
        let var = word[start..name_start + len + 1].to_owned();
        let value = env
            .get(&word[name_start..name_start + len])
            .cloned()
            .unwrap_or_default();
        word = word.replace(&var, &value);
        from = 0;
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_like_proftpd() {
        let env: HashMap<String, String> = [("A".to_owned(), "x y".to_owned())].into();
        assert_eq!(expand("pre%{env:A}post", &env), "prex ypost");
        assert_eq!(expand("pre%{env:NOPE}post", &env), "prepost");
        assert_eq!(expand("%{env:}", &env), "%{env:}");
        assert_eq!(expand("%{env:NOPE", &env), "%{env:NOPE");
        assert_eq!(expand("%{env:A}%{env:A}", &env), "x yx y");
    }
}
