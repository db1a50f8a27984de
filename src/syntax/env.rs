//! `%{env:NAME}` substitution, as ProFTPD 1.3.8's `get_config_word` does it
//! (only in words longer than 7 bytes; an unset variable becomes empty; a
//! value with spaces stays one word).

use std::collections::HashMap;

use super::tree::{NodeKind, ParsedFile, ValueRef, Word, flag, word_flag};

/// Expands every word of the file in place with `env` (a directive's name
/// follows its first word).
pub fn expand_file(parsed: &mut ParsedFile, env: &HashMap<String, String>) {
    let mut names_changed = false;
    for i in 0..parsed.nodes.len() {
        let node = &parsed.nodes[i];
        if node.kind == NodeKind::Trivia {
            continue;
        }
        let fixup = node.flags & flag::NAME_FIXUP != 0;
        let first = node.first_word as usize;
        for w in first..first + usize::from(node.n_words) {
            let data = parsed.words[w];
            if data.value & word_flag::ENV == 0 {
                continue;
            }
            let value = expand(Word::at(parsed, w as u32).value(), env);
            let at = parsed.text.len();
            parsed.text.push_str(&value);
            if fixup && w == first {
                // `expand(name)` is `expand(value)` plus the `>`: the `>`
                // cannot be part of a reference.
                parsed.text.push('>');
            }
            parsed.values.push(ValueRef {
                start: at as u32,
                len: value.len() as u32,
            });
            let index = parsed.values.len() as u32 - 1;
            parsed.words[w].value = (data.value & word_flag::WORD) | index;
            names_changed |= w == first;
        }
    }
    if names_changed {
        parsed.find_landmarks();
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
