//! Converts the grammar data (`grammar/*.toml`) to JSON at build time: the
//! TOML stays the reviewed source, and loading JSON at start-up is several
//! times faster.
//!
//! Both files are written as Rust source (`directives.rs`, `arguments.rs`):
//! the JSON of each entry on its own, with its lower-case name, so that a
//! run can index every name at once and deserialise only the entries it
//! looks at.
//!
//! On Linux it also has the executable linked without PIE (see
//! `link_without_pie`).

use std::fmt::Write;
use std::path::Path;

fn main() {
    link_without_pie();
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["directives", "arguments"] {
        let source = format!("grammar/{name}.toml");
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        let source = if name == "directives" {
            let json = serde_json::to_string(&value).expect("TOML values convert to JSON");
            std::fs::write(Path::new(&out).join("directives.json"), json)
                .expect("OUT_DIR is writable");
            catalogue_source(value)
        } else {
            schemas_source(value)
        };
        std::fs::write(Path::new(&out).join(format!("{name}.rs")), source)
            .expect("OUT_DIR is writable");
    }
}

/// On Linux the executable is linked at a fixed address (as Go links its
/// programs): the dynamic loader then has no relocations to apply to it,
/// which took 0.15 ms of every run (about 11,000 relocations and 50 page
/// faults; `--version` 1.1 -> 0.9 ms). Shared libraries, the heap and the
/// stack are still placed at random.
fn link_without_pie() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

/// `DIRECTIVE_JSON` (lower-case name and JSON of each `[[directive]]`, in
/// file order) and `TOP_JSON` (everything else in the file).
fn catalogue_source(value: toml::Value) -> String {
    let toml::Value::Table(mut top) = value else {
        panic!("grammar/directives.toml: not a table");
    };
    let directives = match top.remove("directive") {
        Some(toml::Value::Array(entries)) => entries,
        Some(_) => panic!("grammar/directives.toml: `directive` is not an array"),
        None => Vec::new(),
    };
    let mut out = named_entries_source("DIRECTIVE_JSON", "directive", &directives, "name");
    out.push_str("\n/// The rest of the file (schema, generated_from, modules).\n");
    let rest =
        serde_json::to_string(&toml::Value::Table(top)).expect("TOML values convert to JSON");
    writeln!(out, "pub(super) static TOP_JSON: &str = {rest:?};").expect("a String");
    out
}

/// `SCHEMA_JSON`: lower-case directive name and JSON of every
/// `[[arguments]]` entry, in file order.
fn schemas_source(value: toml::Value) -> String {
    let entries = match value.get("arguments") {
        Some(toml::Value::Array(entries)) => entries.as_slice(),
        Some(_) => panic!("grammar/arguments.toml: `arguments` is not an array"),
        None => &[],
    };
    named_entries_source("SCHEMA_JSON", "arguments", entries, "directive")
}

/// `static NAME: &[(&str, &str)]`: the lower-cased `key` and the JSON of
/// every `[[table]]` entry, in file order.
fn named_entries_source(name: &str, table: &str, entries: &[toml::Value], key: &str) -> String {
    let mut out = format!(
        "/// Lower-case `{key}` and JSON of every `[[{table}]]`, in file order.\n\
         pub(super) static {name}: &[(&str, &str)] = &[\n"
    );
    for entry in entries {
        let entry_name = entry
            .get(key)
            .and_then(toml::Value::as_str)
            .unwrap_or_else(|| panic!("grammar: a `[[{table}]]` entry without `{key}`"));
        let json = serde_json::to_string(entry).expect("TOML values convert to JSON");
        writeln!(
            out,
            "    ({:?}, {:?}),",
            entry_name.to_ascii_lowercase(),
            json
        )
        .expect("a String");
    }
    out.push_str("];\n");
    out
}
