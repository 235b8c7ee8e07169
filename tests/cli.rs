//! The command line and what rt prints to stderr when a program fails: Node's shapes and exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

fn rt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rt"))
        .args(args)
        .current_dir(cli_dir())
        .output()
        .expect("run rt")
}

fn cli_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cli")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn missing_script_is_module_not_found() {
    let output = rt(&["missing.mjs"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    let expected = format!(
        "Error: Cannot find module '{}'",
        cli_dir().join("missing.mjs").display()
    );
    assert!(stderr.contains(&expected), "stderr: {stderr}");
    assert!(stderr.contains("code: 'MODULE_NOT_FOUND'"), "stderr: {stderr}");
}

#[test]
fn uncaught_exception_shows_location_source_and_stack() {
    let output = rt(&["throws.js"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    let mut lines = stderr.lines();
    assert_eq!(
        lines.next(),
        Some(format!("{}:2", cli_dir().join("throws.js").display()).as_str())
    );
    assert_eq!(lines.next(), Some("  throw new TypeError('bad input');"));
    assert!(lines.next().is_some_and(|caret| caret.trim_end().ends_with('^')));
    assert!(
        stderr.contains("TypeError: bad input\n    at fail ("),
        "stderr: {stderr}"
    );
}

/// rt's stderr for `script` as the `.stderr` files beside the scripts hold Node's: the folder written as `<dir>`
/// (in paths and in file: URLs), frames inside the runtime (`node:internal/...`, which differ between runtimes and
/// Node versions) and the closing version line left out.
fn normalized_stderr(script: &str) -> String {
    let output = rt(&[script]);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", text(&output.stderr));
    let dir = cli_dir().display().to_string();
    text(&output.stderr)
        .replace(&dir, "<dir>")
        .lines()
        .filter(|line| !line.contains("node:internal") && !line.starts_with("rt v"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Node's report of an uncaught error: the `file:line` header (an ES module's as a file: URL), the source line, a
/// caret (under the error's first frame for a module's evaluation, under the `throw` for a synchronous throw), then
/// the stack with V8's frames: call columns on the called name, `Object.<anonymous>` for a CommonJS module's top
/// level, a nameless frame for an ES module's, the timer callback as `Timeout.tick [as _onTimeout]`, line-1 columns
/// of a CommonJS file without its wrapper. Recorded with `node <script> 2>&1`, normalised the same way.
#[test]
fn uncaught_error_report_matches_node() {
    for (script, expected) in [
        ("uncaught_esm.mjs", "uncaught_esm.stderr"),
        ("uncaught_cjs.js", "uncaught_cjs.stderr"),
        ("uncaught_timer.mjs", "uncaught_timer.stderr"),
    ] {
        let expected = std::fs::read_to_string(cli_dir().join(expected)).expect("read the recorded stderr");
        assert_eq!(normalized_stderr(script), expected, "{script}");
    }
}

/// What follows the header for a thrown value that is not an error: a primitive as it is (a string without quotes)
/// with Node's `--trace-uncaught` hint, an object inspected without it, and a worker's unhandled error (rebuilt on
/// the main thread from its properties) as an error, without it.
#[test]
fn uncaught_non_errors_are_reported_as_node_does() {
    let cases: [(&str, &str, bool); 3] = [
        ("uncaught_string.js", "plain string\n", true),
        (
            "uncaught_object.js",
            "{ code: 42, nested: { list: [ 1, 2 ] } }\n",
            false,
        ),
        ("uncaught_worker.js", "    at f ([worker eval]:1:22)\n", false),
    ];
    for (script, shown, hint) in cases {
        let stderr = normalized_stderr(script);
        assert!(stderr.contains(shown), "{script}: {stderr}");
        assert_eq!(
            stderr.contains("(Use `rt --trace-uncaught ...`"),
            hint,
            "{script}: {stderr}"
        );
    }
    assert!(!normalized_stderr("uncaught_string.js").contains("'plain string'"));
}

#[test]
fn syntax_error_names_the_file_and_exits_1() {
    let output = rt(&["syntax_error.js"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("SyntaxError"), "stderr: {stderr}");
    assert!(stderr.contains("syntax_error.js"), "stderr: {stderr}");
}

#[test]
fn eval_runs_code_with_require_and_arguments() {
    let output = rt(&[
        "-e",
        "console.log(require('path').join('a', 'b'), process.argv.length)",
        "x",
    ]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "a/b 2\n");
}

#[test]
fn argv_holds_absolute_runtime_and_script_paths_then_arguments() {
    let output = rt(&["-e", "0"]);
    assert!(output.status.success());
    let script = cli_dir().join("argv.js");
    std::fs::write(
        &script,
        "console.log(JSON.stringify(process.argv.slice(1)), process.argv[0] === process.execPath)",
    )
    .unwrap();
    let output = rt(&["argv.js", "one", "--two"]);
    std::fs::remove_file(&script).ok();
    let expected = format!("[{:?},\"one\",\"--two\"] true\n", script.display().to_string());
    assert_eq!(text(&output.stdout), expected, "stderr: {}", text(&output.stderr));
}

#[test]
fn version_and_help() {
    let version = rt(&["--version"]);
    assert!(text(&version.stdout).starts_with("rt "), "{}", text(&version.stdout));
    let help = rt(&["--help"]);
    assert!(text(&help.stdout).contains("--eval"));
}

#[test]
fn worker_bad_input_is_a_javascript_error() {
    let output = rt(&["worker_bad_input.mjs"]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", text(&output.stderr));
    assert_eq!(
        stdout,
        "infinite stack returned true\ndeep nesting threw RangeError\nclosed port returned undefined\nthrowing getter threw Error\n"
    );
}
