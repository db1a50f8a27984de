#![no_main]
//! Parse + lint arbitrary bytes: must never panic, and the tree must print
//! back the input byte for byte. Run with `cargo fuzz run parse_lint`.

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use proftpd_lint::fs::MemoryFs;
use proftpd_lint::lint::{LintOptions, lint_bytes};
use proftpd_lint::source::FileId;

fuzz_target!(|data: &[u8]| {
    let parsed = proftpd_lint::syntax::parse(FileId(0), data);
    assert_eq!(parsed.print(data), data);
    let mut fs = MemoryFs::new();
    fs.insert("/etc/proftpd/inc.conf", data.to_vec());
    let _ = lint_bytes(&fs, Path::new("/etc/proftpd/proftpd.conf"), data.to_vec(), &LintOptions::default());
});
