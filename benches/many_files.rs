//! Throughput of checking many files: generates N config files (default
//! 10,000) in a temporary directory and lints them all, once on every core
//! and once on one thread, the way `check DIR` does (rayon, one lint per
//! file). Run with `cargo bench --bench many_files [-- N]`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use proftpd_lint::lint::{LintOptions, lint_path};

fn config(i: usize) -> String {
    let mut text = format!(
        "# generated config {i}\nServerName \"ftp{i}.example.com\"\nServerType standalone\n\
         Port {}\nUser nobody\nGroup nogroup\nMaxInstances 30\nTimeoutIdle {}\n\
         TimeoutNoTransfer 600\nSocketOptions keepalive {}:9:75\n",
        2100 + i % 100,
        300 + i % 900,
        60 + i % 7200,
    );
    for v in 0..(i % 4) {
        text.push_str(&format!(
            "<VirtualHost 10.0.{}.{}>\n  ServerName \"vhost{v}\"\n  DefaultRoot ~\n\
             <Directory /srv/ftp/{v}>\n    <Limit WRITE>\n      DenyAll\n    </Limit>\n\
             </Directory>\n</VirtualHost>\n",
            i % 250,
            v + 1
        ));
    }
    if i % 10 == 0 {
        text.push_str("MultilineRFC2228 on\nServerNme typo\n");
    }
    text
}

fn generate(dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let sub = dir.join(format!("d{:02}", i % 50));
            std::fs::create_dir_all(&sub).expect("create bench directory");
            let path = sub.join(format!("f{i:05}.conf"));
            std::fs::write(&path, config(i)).expect("write bench file");
            path
        })
        .collect()
}

fn run(files: &[PathBuf], threads: usize) -> (Duration, usize) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let options = LintOptions::default();
    let start = Instant::now();
    let findings = pool.install(|| {
        files
            .par_iter()
            .map(|p| lint_path(p, &options).map_or(0, |r| r.diagnostics.len()))
            .sum()
    });
    (start.elapsed(), findings)
}

fn main() {
    let n = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temporary directory");
    let files = generate(dir.path(), n);
    let cores = rayon::current_num_threads();
    run(&files, cores); // warm the page cache
    let (all, findings) = run(&files, cores);
    let (one, _) = run(&files, 1);
    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    println!("{n} files, {findings} findings");
    println!("{cores} threads: {:.2?} ({:.0} files/s)", all, rate(all));
    println!("1 thread:  {:.2?} ({:.0} files/s)", one, rate(one));
    println!("speed-up:  {:.2}x", one.as_secs_f64() / all.as_secs_f64());
}
