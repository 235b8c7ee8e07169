//! `rt check`: lessons compared with the expected output in their own comments. The course's lessons pass; a
//! changed expected line shows as a diff and exit 1; `--update` rewrites a block and then passes; `--unordered`,
//! placeholders, folders and timeouts behave as documented (docs/lesson.md). The placeholder matching itself is
//! unit-tested beside the matcher (runtime/check/matcher.rs).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rt_check(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rt"))
        .arg("check")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run rt check")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A fresh, empty folder of the test's own under the system temp folder.
fn temp_folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("rt-check-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("create temp folder");
    folder
}

/// A copy of lesson 01 (main.mjs and worker.mjs) in a temp folder; returns the folder.
fn copy_of_first_lesson(name: &str) -> PathBuf {
    let folder = temp_folder(name);
    let lesson = manifest_dir().join("scripts/lessons/01-first-worker");
    for file in ["main.mjs", "worker.mjs"] {
        std::fs::copy(lesson.join(file), folder.join(file)).expect("copy the lesson");
    }
    folder
}

const REAL_LINE: &str = "// the worker says: sum = 500000500000\n";
const CHANGED_LINE: &str = "// the worker says: sum = 42\n";

#[test]
fn every_lesson_passes() {
    let output = rt_check(&["scripts/lessons"], &manifest_dir());
    let text = stdout(&output);
    assert!(output.status.success(), "stdout:\n{text}");
    let mut lessons: Vec<_> = std::fs::read_dir(manifest_dir().join("scripts/lessons"))
        .expect("scripts/lessons")
        .flatten()
        .filter(|entry| entry.path().join("main.mjs").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    lessons.sort();
    assert!(lessons.len() >= 5, "the lessons: {lessons:?}");
    for lesson in &lessons {
        assert!(
            text.contains(&format!("ok scripts/lessons/{lesson}/main.mjs\n")),
            "{lesson}:\n{text}"
        );
    }
    assert!(
        text.ends_with(&format!("{} passed, 0 failed\n", lessons.len())),
        "{text}"
    );
}

#[test]
fn a_changed_expected_line_is_a_diff_and_exit_1() {
    let folder = copy_of_first_lesson("changed");
    let main = folder.join("main.mjs");
    let original = std::fs::read_to_string(&main).expect("read main.mjs");
    assert!(original.contains(REAL_LINE), "the lesson's block holds {REAL_LINE:?}");
    std::fs::write(&main, original.replace(REAL_LINE, CHANGED_LINE)).expect("write main.mjs");

    let output = rt_check(&["main.mjs"], &folder);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "stdout:\n{text}");
    assert!(
        text.starts_with("FAIL main.mjs\n--- expected (main.mjs, line "),
        "{text}"
    );
    assert!(text.contains("\n+++ actual (stdout)\n@@ -1,5 +1,5 @@\n"), "{text}");
    assert!(
        text.contains(
            "\n-the worker says: sum = 42\n+the worker says: sum = 500000500000\n \
             check with the formula n(n+1)/2: 500000500000\n"
        ),
        "{text}"
    );
    assert!(text.ends_with("0 passed, 1 failed\n"), "{text}");
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn update_rewrites_only_the_block_and_then_passes() {
    let folder = copy_of_first_lesson("update");
    let main = folder.join("main.mjs");
    let original = std::fs::read_to_string(&main).expect("read main.mjs");
    std::fs::write(&main, original.replace(REAL_LINE, CHANGED_LINE)).expect("write main.mjs");

    let output = rt_check(&["--update", "main.mjs"], &folder);
    assert!(output.status.success(), "stdout:\n{}", stdout(&output));
    assert_eq!(stdout(&output), "updated main.mjs\n1 passed, 0 failed\n");
    assert_eq!(std::fs::read_to_string(&main).expect("read main.mjs"), original);
    let output = rt_check(&["main.mjs"], &folder);
    assert_eq!(stdout(&output), "ok main.mjs\n1 passed, 0 failed\n");
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn update_keeps_placeholders_that_still_match_and_creates_missing_blocks() {
    let folder = temp_folder("placeholders");
    let program = "console.log(`pid ${process.pid}`);\nconsole.log('new line');\n";
    std::fs::write(
        folder.join("pid.mjs"),
        format!("{program}\n// Expected output:\n// pid <pid>\n// old line\n"),
    )
    .expect("write pid.mjs");
    let bare_program = "console.log('hello');\n";
    std::fs::write(folder.join("bare.mjs"), bare_program).expect("write bare.mjs");

    let output = rt_check(&["pid.mjs", "bare.mjs"], &folder);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("\n pid <pid>\n-old line\n+new line\n"), "{text}");
    assert!(text.contains("FAIL bare.mjs (no expected-output block"), "{text}");

    let output = rt_check(&["--update", "pid.mjs", "bare.mjs"], &folder);
    assert!(output.status.success(), "{}", stdout(&output));
    assert_eq!(
        std::fs::read_to_string(folder.join("pid.mjs")).expect("read pid.mjs"),
        format!("{program}\n// Expected output:\n// pid <pid>\n// new line\n")
    );
    assert_eq!(
        std::fs::read_to_string(folder.join("bare.mjs")).expect("read bare.mjs"),
        format!("{bare_program}\n// Expected output:\n// hello\n")
    );
    let output = rt_check(&["pid.mjs", "bare.mjs"], &folder);
    assert_eq!(stdout(&output), "ok pid.mjs\nok bare.mjs\n2 passed, 0 failed\n");
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn unordered_compares_lines_as_multisets() {
    let folder = temp_folder("unordered");
    let program = "console.log('worker 2 done');\nconsole.log(`worker 1 done in ${Math.random()}s`);\n";
    let block = "// Expected output:\n// worker 1 done in <number>s\n// worker 2 done\n";
    std::fs::write(folder.join("flag.mjs"), format!("{program}{block}")).expect("write flag.mjs");
    std::fs::write(
        folder.join("directive.mjs"),
        format!("{program}// rt-check: unordered\n{block}"),
    )
    .expect("write directive.mjs");

    let output = rt_check(&["flag.mjs"], &folder);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let output = rt_check(&["--unordered", "flag.mjs"], &folder);
    assert!(output.status.success(), "{}", stdout(&output));
    let output = rt_check(&["directive.mjs"], &folder);
    assert!(output.status.success(), "{}", stdout(&output));
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_folder_checks_each_lesson_and_sums_up() {
    let folder = temp_folder("folder");
    std::fs::write(folder.join("a_pass.js"), "console.log(1.5)\n// Output:\n// <number>\n").expect("write");
    std::fs::write(folder.join("b_fail.js"), "console.log('x')\n// Output:\n// y\n").expect("write");
    // A loose script without a block is a helper, not a lesson.
    std::fs::write(folder.join("helper.js"), "module.exports = 1;\n").expect("write");
    std::fs::create_dir_all(folder.join("c_lesson")).expect("mkdir");
    std::fs::write(
        folder.join("c_lesson/main.cjs"),
        "console.log(require('./helper.cjs'))\n",
    )
    .expect("write");
    std::fs::write(folder.join("c_lesson/helper.cjs"), "module.exports = 'hi';\n").expect("write");

    let output = rt_check(&["."], &folder);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let verdicts: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with([' ', '-', '+', '@']))
        .collect();
    assert_eq!(
        verdicts,
        vec![
            "ok ./a_pass.js",
            "FAIL ./b_fail.js",
            "FAIL ./c_lesson/main.cjs (no expected-output block: add `// Expected output:` and `// ` lines, \
             or run `rt check --update`)",
            "1 passed, 2 failed",
        ],
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_hung_lesson_fails_at_the_timeout() {
    let folder = temp_folder("timeout");
    std::fs::write(
        folder.join("hangs.mjs"),
        "console.log('started');\nsetInterval(() => {}, 1000);\n// Expected output:\n// started\n",
    )
    .expect("write");
    let output = rt_check(&["--timeout", "1", "hangs.mjs"], &folder);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "FAIL hangs.mjs (timed out after 1 s; killed)\n0 passed, 1 failed\n"
    );
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_script_named_check_runs_as_dot_slash_check() {
    let folder = temp_folder("named-check");
    std::fs::write(folder.join("check"), "console.log('I am a script')\n").expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_rt"))
        .arg("./check")
        .current_dir(&folder)
        .output()
        .expect("run rt");
    assert_eq!(stdout(&output), "I am a script\n");
    let _ = std::fs::remove_dir_all(&folder);
}
