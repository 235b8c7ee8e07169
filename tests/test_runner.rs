//! node:test and `rt --test` against Node's recorded output.
//!
//! Each script in `tests/fixtures/test_runner/` (`name.js` / `name.mjs`) runs as `rt name.js` in that
//! folder, and `rt --test` runs in `tests/fixtures/test_runner/suite/`; stdout must match `name.tap`
//! (`suite.tap`) and the exit code `name.code` (0 when absent). The `.tap` files hold Node 20's TAP
//! output (recorded with `tests/fixtures/test_runner/compare.sh --record`, plus rt's closing line for
//! `--test`) after the normalisation below, which rt's output gets too. Only what truly varies
//! between runs and machines is normalised (`normalize.pl` next to the fixtures applies the same
//! rules):
//! - the absolute path of the folder the command runs in (test locations, file names) becomes `<dir>`;
//! - `duration_ms: <number>` in YAML blocks and `# duration_ms <number>` in the summary become `*`;
//! - the frames under a YAML `stack: |-` key become one `*` line (they name the engine's internals,
//!   which differ between V8 and Boa, and their count differs too); the key itself stays, so whether
//!   a stack is shown is still checked.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/test_runner")
}

/// Applies the normalisation described at the top of this file.
fn normalize(output: &str, dir: &Path) -> String {
    let mut text = output.to_string();
    // The folder as given and as the process sees it (a symlinked checkout resolves differently).
    let mut dirs = vec![dir.to_string_lossy().into_owned()];
    if let Ok(canonical) = dir.canonicalize() {
        dirs.push(canonical.to_string_lossy().into_owned());
    }
    dirs.sort_by_key(|d| std::cmp::Reverse(d.len()));
    for d in &dirs {
        text = text.replace(d.as_str(), "<dir>");
    }

    let mut out = String::new();
    // While inside a stack block: the indentation of its `stack:` key's block (frames are 4 deeper).
    let mut stack_pad: Option<String> = None;
    for line in text.split_inclusive('\n') {
        if let Some(pad) = &stack_pad {
            if line.starts_with(&format!("{pad}    ")) {
                continue;
            }
            stack_pad = None;
        }
        let body = line.strip_suffix('\n').unwrap_or(line);
        let trimmed = body.trim_start_matches(' ');
        let indent = &body[..body.len() - trimmed.len()];
        if let Some(value) = trimmed.strip_prefix("duration_ms: ") {
            if !value.is_empty() && !value.contains(' ') {
                out.push_str(&format!("{indent}duration_ms: *\n"));
                continue;
            }
        }
        if let Some(value) = body.strip_prefix("# duration_ms ") {
            if !value.is_empty() && !value.contains(' ') {
                out.push_str("# duration_ms *\n");
                continue;
            }
        }
        out.push_str(line);
        if trimmed == "stack: |-" && indent.len() >= 2 {
            let pad = indent[..indent.len() - 2].to_string();
            out.push_str(&format!("{pad}    *\n"));
            stack_pad = Some(pad);
        }
    }
    out
}

/// Runs rt with `args` in `dir`; `None` when stdout and the exit code match `expected_name`.tap /
/// `expected_name`.code, otherwise a report of the first difference.
fn check(dir: &Path, args: &[&str], expected_name: &str) -> Option<String> {
    let fixtures = fixtures_dir();
    let expected = std::fs::read_to_string(fixtures.join(format!("{expected_name}.tap")))
        .unwrap_or_else(|err| panic!("read {expected_name}.tap: {err}"));
    let expected_code: i32 = std::fs::read_to_string(fixtures.join(format!("{expected_name}.code")))
        .ok()
        .and_then(|code| code.trim().parse().ok())
        .unwrap_or(0);
    let output = Command::new(env!("CARGO_BIN_EXE_rt"))
        .args(args)
        .current_dir(dir)
        .env_remove("NODE_TEST_CONTEXT")
        .output()
        .expect("run rt");
    let actual = normalize(&String::from_utf8_lossy(&output.stdout), dir);
    let code = output.status.code().unwrap_or(-1);
    if actual == expected && code == expected_code {
        return None;
    }
    let mut report = format!(
        "--- rt {} in {} (exit {code}, expected {expected_code})\n",
        args.join(" "),
        dir.display()
    );
    report.push_str(&common::first_difference(&actual, &expected, &output.stderr));
    Some(report)
}

#[test]
fn test_files_print_what_node_prints() {
    let dir = fixtures_dir();
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read the fixtures folder")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| matches!(path.extension().and_then(|e| e.to_str()), Some("js" | "mjs" | "cjs")))
        .collect();
    scripts.sort();
    assert!(!scripts.is_empty(), "no test_runner fixtures found");
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = scripts
            .iter()
            .map(|script| {
                let dir = &dir;
                scope.spawn(move || {
                    let file = script.file_name()?.to_str()?;
                    let stem = script.file_stem()?.to_str()?;
                    check(dir, &[file], stem)
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|handle| handle.join().expect("fixture thread"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} node:test fixtures differ from Node:\n{}",
        failures.len(),
        scripts.len(),
        failures.join("\n")
    );
}

#[test]
fn rt_test_runs_a_folder_like_node_test() {
    let dir = fixtures_dir().join("suite");
    if let Some(report) = check(&dir, &["--test"], "suite") {
        panic!("rt --test differs from node --test:\n{report}");
    }
}

#[test]
fn rt_test_with_a_missing_path_fails_like_node() {
    let dir = fixtures_dir().join("suite");
    let output = Command::new(env!("CARGO_BIN_EXE_rt"))
        .args(["--test", "missing.test.js"])
        .current_dir(&dir)
        .output()
        .expect("run rt");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = format!("Could not find '{}'", dir.join("missing.test.js").display());
    assert!(stderr.contains(&expected), "stderr: {stderr}");
}

#[test]
fn rt_test_with_only_passing_files_exits_0() {
    let dir = fixtures_dir().join("suite");
    let output = Command::new(env!("CARGO_BIN_EXE_rt"))
        .args(["--test", "nested", "no-tests.test.js"])
        .current_dir(&dir)
        .env_remove("NODE_TEST_CONTEXT")
        .output()
        .expect("run rt");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("TAP version 13\n"), "stdout: {stdout}");
    assert!(stdout.ends_with("# 2 passed, 0 failed\n"), "stdout: {stdout}");
}

#[test]
fn normalization_keeps_the_shape() {
    let dir = Path::new("/some/where");
    let raw = "not ok 1 - x\n  ---\n  duration_ms: 1.25\n  location: '/some/where/a.js:1:1'\n  stack: |-\n    at a (x:1:1)\n    at b (x:2:2)\n  ...\n# duration_ms 12.5\n";
    let expected = "not ok 1 - x\n  ---\n  duration_ms: *\n  location: '<dir>/a.js:1:1'\n  stack: |-\n    *\n  ...\n# duration_ms *\n";
    assert_eq!(normalize(raw, dir), expected);
}
