//! The course's programs (scripts/lessons/*/main.mjs), run unmodified under `rt`: each must print
//! exactly what Node printed for it (`expected.out`, recorded with Node 20) and exit with 0.

use std::path::Path;
use std::process::Command;

#[test]
fn lessons_print_what_node_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/lessons");
    let mut lessons: Vec<_> = std::fs::read_dir(&root)
        .expect("scripts/lessons")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.join("expected.out").exists())
        .collect();
    lessons.sort();
    assert!(lessons.len() >= 4, "expected the lesson programs in {}", root.display());
    let mut failures = Vec::new();
    for lesson in &lessons {
        let expected = std::fs::read_to_string(lesson.join("expected.out")).expect("expected.out");
        let output = Command::new(env!("CARGO_BIN_EXE_rt"))
            .arg("main.mjs")
            .current_dir(lesson)
            .output()
            .expect("run rt");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if stdout != expected || !output.status.success() {
            failures.push(format!(
                "--- {} (status {:?})\nexpected:\n{expected}\nactual:\n{stdout}\nstderr:\n{}",
                lesson.display(),
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
