//! Converts the grammar data (`grammar/*.toml`) to JSON at build time: the
//! TOML stays the reviewed source, and loading JSON at start-up is several
//! times faster.

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["directives", "arguments"] {
        let source = format!("grammar/{name}.toml");
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        let json = serde_json::to_string(&value).expect("TOML values convert to JSON");
        std::fs::write(Path::new(&out).join(format!("{name}.json")), json)
            .expect("OUT_DIR is writable");
    }
}
