//! `cargo bench --bench check`: lint time of generated configs with 2,000
//! and 20,000 `<VirtualHost>` blocks (in process, median of several runs),
//! to check that time grows linearly with size.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use proftpd_lint::fs::MemoryFs;
use proftpd_lint::lint::{LintOptions, lint_bytes};

fn vhost(i: usize) -> String {
    format!(
        "<VirtualHost 10.0.{}.{}>\n  ServerName \"ftp{i}.example.com\"\n  Port {}\n  DefaultRoot ~\n  MaxClients 30\n  TimeoutIdle 600\n  SocketOptions keepalive 300:5:75\n  <Anonymous /srv/ftp/{i}>\n    User ftp\n    Group nogroup\n    <Directory *>\n      <Limit WRITE>\n        DenyAll\n      </Limit>\n    </Directory>\n  </Anonymous>\n</VirtualHost>\n",
        i / 250,
        i % 250 + 1,
        2000 + i
    )
}

/// A config like the ones in the README: a main server and `n` vhosts.
pub fn generate(n: usize) -> String {
    let mut text = String::from(
        "ServerName \"bench\"\nServerType standalone\nPort 2121\nUseReverseDNS off\n\n",
    );
    for i in 0..n {
        text.push_str(&vhost(i));
    }
    text
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn measure(n: usize, runs: usize) {
    let text = generate(n);
    let fs = MemoryFs::new();
    let options = LintOptions::default();
    let mut samples = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let result = lint_bytes(
            &fs,
            Path::new("/bench.conf"),
            text.clone().into_bytes(),
            &options,
        );
        samples.push(start.elapsed());
        black_box(result);
    }
    let time = median(samples);
    let mb = text.len() as f64 / 1e6;
    println!(
        "{n:>6} vhosts  {:>6.0} KB  {:>6} lines  median {:>8.2} ms  {:>6.1} MB/s",
        text.len() as f64 / 1e3,
        text.lines().count(),
        time.as_secs_f64() * 1e3,
        mb / time.as_secs_f64()
    );
}

/// `cargo bench --bench check -- --write DIR`: writes the configs the README
/// times the whole `proftpd-lint check` process on.
fn write_configs(dir: &str) {
    std::fs::create_dir_all(dir).expect("the directory can be created");
    for n in [2_000, 5_000, 10_000, 20_000] {
        let path = Path::new(dir).join(format!("vhosts-{n}.conf"));
        std::fs::write(&path, generate(n)).expect("the config can be written");
        println!("wrote {}", path.display());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write") {
        write_configs(
            args.get(i + 1)
                .map(String::as_str)
                .unwrap_or("target/bench-configs"),
        );
        return;
    }
    // `cargo test --benches` runs this with --bench absent: keep it quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let runs = if quick { 1 } else { 11 };
    measure(2_000, runs);
    if !quick {
        measure(20_000, 5);
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
            println!(
                "peak resident memory of this bench process: {}",
                line.trim_start_matches("VmHWM:").trim()
            );
        }
    }
}
