//! Converts the directive catalogue to JSON at build time: the TOML stays
//! the reviewed source, and loading JSON at start-up is several times faster.

use std::path::Path;

fn main() {
    let source = "grammar/directives.toml";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("grammar/directives.toml is readable");
    let value: toml::Value = toml::from_str(&text).expect("grammar/directives.toml is valid TOML");
    let json = serde_json::to_string(&value).expect("TOML values convert to JSON");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("directives.json"), json).expect("OUT_DIR is writable");
}
