//! Cross-checks the bundled directive catalogue against the real ProFTPD:
//! loads every module the installed package ships and compares the
//! directive list printed by `proftpd -vvv` with `catalog()`.
//!
//! Skipped (with a message) when /usr/sbin/proftpd is not installed, unless
//! `PROFTPD_LINT_REQUIRE_ORACLE=1` is set.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Command;

use proftpd_lint::catalog::catalog;

const PROFTPD: &str = "/usr/sbin/proftpd";
const MODULE_DIR: &str = "/usr/lib/proftpd";

/// Names that more than one module registers; the catalogue keeps the module
/// whose handler does the work.
const SHARED_NAMES: &[(&str, &str)] = &[("SQLAuthTypes", "mod_sql_mysql.c")];

fn oracle_available() -> bool {
    if Path::new(PROFTPD).exists() {
        return true;
    }
    if std::env::var("PROFTPD_LINT_REQUIRE_ORACLE").as_deref() == Ok("1") {
        panic!("{PROFTPD} is required (PROFTPD_LINT_REQUIRE_ORACLE=1) but not installed");
    }
    println!("skipped: proftpd not installed");
    false
}

/// Module load order: alphabetical (which puts each family's base module
/// before its sub-modules), mod_auth_otp after mod_sql (it needs it), and
/// mod_dnsbl left out (it does not load without DNS).
fn module_list() -> Vec<String> {
    let mut mods: Vec<String> = fs::read_dir(MODULE_DIR)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.file_name()
                        .to_str()
                        .and_then(|n| n.strip_suffix(".so"))
                        .map(str::to_owned)
                })
                .filter(|m| m.starts_with("mod_") && m != "mod_dnsbl")
                .collect()
        })
        .unwrap_or_default();
    mods.sort();
    if let Some(pos) = mods.iter().position(|m| m == "mod_auth_otp") {
        let otp = mods.remove(pos);
        mods.push(otp);
    }
    mods
}

fn run_oracle() -> (String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().display();
    let mut conf = format!(
        "UseReverseDNS off\nServerType standalone\nDefaultServer on\nPort 2121\nUser nobody\nGroup nogroup\n\
         PidFile {d}/proftpd.pid\nScoreboardFile {d}/proftpd.scoreboard\n"
    );
    let mods = module_list();
    if !mods.is_empty() {
        conf.push_str(&format!("ModulePath {MODULE_DIR}\n"));
        for m in &mods {
            conf.push_str(&format!("LoadModule {m}.c\n"));
        }
    }
    let path = dir.path().join("proftpd.conf");
    fs::write(&path, conf).expect("write config");
    let out = Command::new(PROFTPD)
        .arg("-c")
        .arg(&path)
        .arg("-vvv")
        .output()
        .expect("run proftpd -vvv");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `  Name (from mod_x)` → (Name, mod_x.c); closers are skipped.
fn parse_directives(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let (name, rest) = l.split_once(" (from ")?;
            let module = rest.strip_suffix(')')?;
            if name.starts_with("</") || name.contains(' ') || !module.starts_with("mod_") {
                return None;
            }
            Some((name.to_owned(), format!("{module}.c")))
        })
        .collect()
}

#[test]
fn every_directive_proftpd_knows_is_in_the_catalog() {
    if !oracle_available() {
        return;
    }
    let (stdout, stderr) = run_oracle();
    let listed = parse_directives(&stdout);
    assert!(
        listed.len() > 300,
        "too few directives from proftpd -vvv ({}); stderr:\n{stderr}",
        listed.len()
    );

    let cat = catalog();
    let mut missing = Vec::new();
    let mut wrong_module = Vec::new();
    for (name, module) in &listed {
        match cat.get(name) {
            None => missing.push(format!("{name} ({module})")),
            Some(d) => {
                if d.name != *name {
                    wrong_module.push(format!("{name}: spelled {} in the catalogue", d.name));
                } else if d.module != *module
                    && !SHARED_NAMES.contains(&(name.as_str(), module.as_str()))
                {
                    wrong_module.push(format!(
                        "{name}: proftpd says {module}, catalogue says {}",
                        d.module
                    ));
                }
                if d.removed_in.is_some() {
                    wrong_module.push(format!("{name}: marked removed but proftpd 1.3.8 has it"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "not in the catalogue: {missing:?}");
    assert!(wrong_module.is_empty(), "mismatches: {wrong_module:?}");
}

#[test]
fn catalog_has_nothing_extra_for_the_modules_proftpd_loaded() {
    if !oracle_available() {
        return;
    }
    let (stdout, _) = run_oracle();
    let listed = parse_directives(&stdout);
    let mut by_module: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, module) in listed {
        by_module
            .entry(module)
            .or_default()
            .insert(name.to_ascii_lowercase());
    }
    let mut extra = Vec::new();
    for d in catalog().directives() {
        // 1.3.8 knows neither newer nor removed directives
        if d.added_in.is_some() || d.removed_in.is_some() {
            continue;
        }
        if let Some(names) = by_module.get(&d.module) {
            if !names.contains(&d.name.to_ascii_lowercase()) {
                extra.push(format!("{} ({})", d.name, d.module));
            }
        }
    }
    assert!(
        extra.is_empty(),
        "in the catalogue but unknown to the installed proftpd: {extra:?}"
    );
}
