//! Helpers the integration tests share (each test file includes this with `mod common;`).

/// The body of a mismatch report after its heading: the first line where `actual` and `expected` differ,
/// then the first lines of stderr.
pub fn first_difference(actual: &str, expected: &str, stderr: &[u8]) -> String {
    let mut report = String::new();
    let (got, want): (Vec<_>, Vec<_>) = (actual.lines().collect(), expected.lines().collect());
    if let Some(index) = (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i)) {
        report.push_str(&format!(
            "line {}:\n  expected: {:?}\n  actual:   {:?}\n",
            index + 1,
            want.get(index),
            got.get(index)
        ));
    }
    let stderr = String::from_utf8_lossy(stderr);
    if !stderr.is_empty() {
        report.push_str(&format!(
            "stderr:\n{}\n",
            stderr.lines().take(12).collect::<Vec<_>>().join("\n")
        ));
    }
    report
}
