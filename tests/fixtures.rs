//! Runs every fixture script under `rt` and compares its stdout (and exit code) with what Node
//! printed for the same script, recorded beside it: `name.js` + `name.out` (+ `name.code` when the
//! exit code is not 0). Scripts run with their own folder as the working directory. Scripts without
//! an `.out` file are helpers that other fixtures import.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "node_modules") {
                collect(&path, out);
            }
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("js" | "mjs" | "cjs"))
            && path.with_extension("out").exists()
        {
            out.push(path);
        }
    }
}

/// Runs one fixture; `None` when it matches, otherwise a report of the difference.
fn check(script: &Path) -> Option<String> {
    let expected = std::fs::read_to_string(script.with_extension("out")).ok()?;
    let expected_code: i32 = std::fs::read_to_string(script.with_extension("code"))
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .unwrap_or(0);
    let output = Command::new(env!("CARGO_BIN_EXE_rt"))
        .arg(script.file_name()?)
        .current_dir(script.parent()?)
        .output()
        .expect("run rt");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let code = output.status.code().unwrap_or(-1);
    if stdout == expected && code == expected_code {
        return None;
    }
    let mut report = format!("--- {} (exit {code}, expected {expected_code})\n", script.display());
    report.push_str(&common::first_difference(&stdout, &expected, &output.stderr));
    Some(report)
}

#[test]
fn fixtures_match_node() {
    let mut scripts = Vec::new();
    collect(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut scripts,
    );
    scripts.sort();
    assert!(!scripts.is_empty(), "no fixtures found");
    let queue = Mutex::new(scripts.clone());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| loop {
                let Some(script) = queue.lock().unwrap().pop() else {
                    break;
                };
                if let Some(report) = check(&script) {
                    failures.lock().unwrap().push(report);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    println!("{} fixtures, {} failed", scripts.len(), failures.len());
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ from Node:\n{}",
        failures.len(),
        scripts.len(),
        failures.join("\n")
    );
}
