//! `rt check <script|folder>...`: runs lessons and compares their stdout with the expected output written in
//! their own comments. `expected.rs` finds and rewrites the comment block, `matcher.rs` decides whether the
//! output matches it (placeholders, `...`, unordered), `diff.rs` shows how it differs, `run.rs` runs a lesson.

mod diff;
mod expected;
mod matcher;
mod run;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::Parser;

use expected::LessonFile;
use matcher::Expected;
use run::{Ending, RunOptions, Stop};

/// The entry files that make a folder a lesson, in the order they are looked for.
const LESSON_MAINS: [&str; 3] = ["main.mjs", "main.js", "main.cjs"];
const SCRIPT_EXTENSIONS: [&str; 3] = ["mjs", "js", "cjs"];

#[derive(Parser, Debug)]
#[command(
    name = "rt check",
    about = "Run lessons and compare their stdout with the expected output written in their comments",
    after_help = "\
A lesson carries its expected output as a comment block:

    // Expected output:        (or `// Output:`)
    // first line
    // Primary <pid> is running

Placeholders: <pid> (digits), <number> (a JavaScript number), <any> (any text within a line); a line
`// ...` matches any run of lines. Directives in the file: `// rt-check: env KEY=VALUE...`,
`// rt-check: unordered`, `// rt-check: stop-when-printed` (a server: stopped with SIGTERM once its
output is complete). A folder is checked lesson by lesson: every subfolder with main.mjs, main.js or
main.cjs, and every script in it that carries a block. A script named `check` runs as `rt ./check`."
)]
struct CheckArgs {
    /// Lesson scripts, lesson folders, or folders of lessons (default: the current folder).
    paths: Vec<PathBuf>,

    /// Rewrite each lesson's expected-output block from a real run (creating it at the end if absent).
    #[arg(long)]
    update: bool,

    /// Compare lines as multisets, for programs whose lines come from parallel workers.
    #[arg(long)]
    unordered: bool,

    /// Seconds a lesson may run before it is stopped and fails.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    timeout: f64,
}

/// What checking one lesson found.
enum Verdict {
    Passed { note: Option<String> },
    Updated { note: Option<String> },
    Failed { reason: Option<String>, diff: String },
}

/// Runs `rt check` with the arguments after `check`.
pub fn main(args: impl IntoIterator<Item = OsString>) -> i32 {
    let args = CheckArgs::parse_from(std::iter::once(OsString::from("rt check")).chain(args));
    match check_all(&args) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(err) => {
            eprintln!("rt check: {err:#}");
            1
        }
    }
}

/// Checks every lesson under the given paths, printing a line per lesson and a summary; true if all passed.
fn check_all(args: &CheckArgs) -> Result<bool> {
    if !args.timeout.is_finite() || args.timeout <= 0.0 {
        bail!("--timeout wants a positive number of seconds");
    }
    let timeout = Duration::from_secs_f64(args.timeout.min(1e9));
    let runtime = std::env::current_exe().context("cannot find the rt executable")?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut lessons = Vec::new();
    for path in &paths {
        lessons.extend(find_lessons(path)?);
    }
    if lessons.is_empty() {
        bail!(
            "no lessons in {} (a lesson is a folder with main.mjs, main.js or main.cjs, \
             or a script with an `// Expected output:` block)",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }

    let (mut passed, mut failed) = (0, 0);
    for lesson in &lessons {
        let shown = lesson.display();
        match check_lesson(&runtime, lesson, args, timeout) {
            Verdict::Passed { note } => {
                passed += 1;
                println!("ok {shown}{}", parenthesised(note));
            }
            Verdict::Updated { note } => {
                passed += 1;
                println!("updated {shown}{}", parenthesised(note));
            }
            Verdict::Failed { reason, diff } => {
                failed += 1;
                println!("FAIL {shown}{}", parenthesised(reason));
                print!("{diff}");
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(failed == 0)
}

fn parenthesised(note: Option<String>) -> String {
    note.map(|note| format!(" ({note})")).unwrap_or_default()
}

/// The lessons a path names: a script itself; a folder that is a lesson; or the lessons found in a folder.
fn find_lessons(path: &Path) -> Result<Vec<PathBuf>> {
    let metadata = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if metadata.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    if let Some(main) = lesson_main(path) {
        return Ok(vec![main]);
    }
    let mut lessons = Vec::new();
    lessons_in(path, &mut lessons)?;
    Ok(lessons)
}

/// A folder's lesson entry file, if it is a lesson folder.
fn lesson_main(folder: &Path) -> Option<PathBuf> {
    LESSON_MAINS
        .iter()
        .map(|name| folder.join(name))
        .find(|main| main.is_file())
}

/// Every lesson under `folder`, in name order: subfolders with a main file (not looked into further: their
/// other files are the lesson's own modules), other subfolders searched in turn, and loose scripts that carry
/// an expected-output block or a directive.
fn lessons_in(folder: &Path, lessons: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries = std::fs::read_dir(folder)
        .with_context(|| format!("cannot read {}", folder.display()))?
        .collect::<std::io::Result<Vec<_>>>()
        .with_context(|| format!("cannot read {}", folder.display()))?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // file_type() does not follow symbolic links, so a link loop cannot send the search round forever.
        let Ok(file_type) = entry.file_type() else { continue };
        if file_type.is_dir() {
            if name.starts_with('.') || name == "node_modules" {
                continue;
            }
            match lesson_main(&path) {
                Some(main) => lessons.push(main),
                None => lessons_in(&path, lessons)?,
            }
        } else if is_script(&path) {
            let declares = std::fs::read_to_string(&path).is_ok_and(|text| expected::declares_check(&text));
            if declares {
                lessons.push(path);
            }
        }
    }
    Ok(())
}

fn is_script(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| SCRIPT_EXTENSIONS.contains(&ext))
}

/// Runs one lesson and compares (or, with --update, rewrites) its block.
fn check_lesson(runtime: &Path, lesson: &Path, args: &CheckArgs, timeout: Duration) -> Verdict {
    let failed = |reason: String| Verdict::Failed {
        reason: Some(reason),
        diff: String::new(),
    };
    let text = match std::fs::read_to_string(lesson) {
        Ok(text) => text,
        Err(err) => return failed(format!("cannot read it: {err}")),
    };
    let LessonFile { block, directives } = match expected::parse(&text) {
        Ok(lesson_file) => lesson_file,
        Err(err) => return failed(err.to_string()),
    };
    if block.is_none() && !args.update {
        return failed(
            "no expected-output block: add `// Expected output:` and `// ` lines, or run `rt check --update`"
                .to_string(),
        );
    }
    let expected_lines = block
        .as_ref()
        .map(|block| matcher::parse_block(&block.lines))
        .unwrap_or_default();
    let unordered = args.unordered || directives.unordered;

    let is_complete = |stdout: &str| output_complete(block.is_some(), &expected_lines, stdout, unordered, args.update);
    let options = RunOptions {
        env: &directives.env,
        timeout,
        stop: if directives.stop_when_printed {
            Stop::WhenPrinted(&is_complete)
        } else {
            Stop::OnExit
        },
    };
    let outcome = match run::run_script(runtime, lesson, &options) {
        Ok(outcome) => outcome,
        Err(err) => return failed(format!("{err:#}")),
    };
    let note = outcome.note(timeout);
    let output = matcher::output_lines(&outcome.stdout);

    if args.update {
        if outcome.ending == Ending::TimedOut {
            // A program killed halfway has no complete output to record.
            return failed(note.unwrap_or_default());
        }
        let new_lines = diff::updated_block(&diff::edit_script(&expected_lines, &output, unordered));
        if block.as_ref().is_some_and(|block| block.lines == new_lines) {
            return Verdict::Passed { note };
        }
        let rewritten = expected::rewrite(&text, block.as_ref(), &new_lines);
        return match std::fs::write(lesson, rewritten) {
            Ok(()) => Verdict::Updated { note },
            Err(err) => failed(format!("cannot write it: {err}")),
        };
    }

    if outcome.ending != Ending::TimedOut && matcher::block_matches(&expected_lines, &output, unordered) {
        return Verdict::Passed { note };
    }
    let header_line = block.as_ref().map_or(0, |block| block.header_line);
    let file_name = lesson
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    Verdict::Failed {
        reason: note,
        diff: diff::unified(
            &diff::edit_script(&expected_lines, &output, unordered),
            &format!("expected ({file_name}, line {header_line})"),
            "actual (stdout)",
        ),
    }
}

/// For a lesson that serves until stopped: has it printed all it is expected to? Yes once its complete lines
/// match the block; or, when the block has no `...` (so more lines can never match), once it has printed as
/// many lines as the block holds. `--update` waits for a match only, so a block that was too short still
/// records the whole output (or runs to the timeout); a file with no block yet runs to the timeout.
fn output_complete(has_block: bool, expected: &[Expected], stdout: &str, unordered: bool, update: bool) -> bool {
    if !has_block {
        return false;
    }
    let complete_text = match stdout.rfind('\n') {
        Some(last_newline) => &stdout[..=last_newline],
        None => "",
    };
    let lines = matcher::output_lines(complete_text);
    if matcher::block_matches(expected, &lines, unordered) {
        return true;
    }
    let open_ended = expected.iter().any(|line| matches!(line, Expected::AnyLines));
    !update && !open_ended && lines.len() >= expected.len()
}
