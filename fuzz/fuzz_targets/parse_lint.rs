#![no_main]
//! Parse + lint arbitrary bytes, then report the findings in every format
//! and convert the tree to TOML and back: none of it may panic, and the tree
//! must print back the input byte for byte. Run with
//! `cargo +nightly fuzz run parse_lint`.

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use proftpd_lint::convert::{from_toml::from_toml, toml::to_toml};
use proftpd_lint::fs::MemoryFs;
use proftpd_lint::lint::{LintOptions, lint_bytes};
use proftpd_lint::report::{Format, Report, render};
use proftpd_lint::source::FileId;

fuzz_target!(|data: &[u8]| {
    let parsed = proftpd_lint::syntax::parse(FileId(0), data);
    assert_eq!(parsed.print(data), data);
    let mut fs = MemoryFs::new();
    fs.insert("/etc/proftpd/inc.conf", data.to_vec());
    let result = lint_bytes(
        &fs,
        Path::new("/etc/proftpd/proftpd.conf"),
        data.to_vec(),
        &LintOptions::default(),
    );
    let rules = proftpd_lint::rules::all();
    for format in Format::ALL {
        let report = Report {
            sources: &result.config.sources,
            diagnostics: &result.diagnostics,
            rules: &rules,
            root: None,
            tool_version: "0.0.0",
            color: format == Format::Human,
        };
        render(format, &report, &mut std::io::sink()).expect("a sink takes any output");
    }
    let toml = to_toml(&parsed, data);
    let _ = from_toml(FileId(0), &toml);
});
