//! What differs between a lesson's expected output and a run's stdout: an edit script that honours the
//! placeholders, shown as a unified diff (`---`/`+++`/`@@` hunks, 3 lines of context).
//!
//! A general text-diff crate compares lines for equality; here an expected line *matches* an output line
//! (`<pid>`, `<number>`, `<any>`) and a `...` line covers any run of output lines, so the alignment is our own:
//! a small edit-distance table over the part that differs.

use std::collections::HashSet;

use super::matcher::{pair_unordered, Expected, ANY_LINES};

/// Lines of context around each change, as `diff -u` shows.
const CONTEXT: usize = 3;

/// The alignment table has (expected + 1) × (output + 1) cells of 4 bytes; beyond this the middle is shown
/// as all removed then all added, which is still a true (if blunt) account of the mismatch.
const ALIGN_CELL_LIMIT: usize = 4_000_000;

/// One step from the expected block to the output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edit<'a> {
    /// An expected line and the output line it matched; shown as the expected text, placeholders and all.
    Same(&'a str),
    /// A `...` line and the number of output lines it covered.
    Skipped(usize),
    /// An expected line that no output line matched.
    Removed(&'a str),
    /// An output line that no expected line matched.
    Added(&'a str),
}

/// The edits that turn the expected block into the output, with as few removed and added lines as possible.
pub fn edit_script<'a>(expected: &'a [Expected], output: &[&'a str], unordered: bool) -> Vec<Edit<'a>> {
    let mut edits = if unordered {
        unordered_edits(expected, output)
    } else {
        ordered_edits(expected, output)
    };
    removals_before_additions(&mut edits);
    edits
}

/// The block `--update` writes: matched lines keep their expected text (so their placeholders survive), `...`
/// lines stay, unmatched expected lines go and unmatched output lines come in as they are.
pub fn updated_block(edits: &[Edit]) -> Vec<String> {
    edits
        .iter()
        .filter_map(|edit| match edit {
            Edit::Same(text) | Edit::Added(text) => Some(text.to_string()),
            Edit::Skipped(_) => Some(ANY_LINES.to_string()),
            Edit::Removed(_) => None,
        })
        .collect()
}

fn matches_line(expected: &Expected, line: &str) -> bool {
    match expected {
        Expected::Line(pattern) => pattern.matches(line),
        Expected::AnyLines => false,
    }
}

fn ordered_edits<'a>(expected: &'a [Expected], output: &[&'a str]) -> Vec<Edit<'a>> {
    // Matching lines at both ends need no search, so only the part that differs goes into the table.
    let mut prefix = 0;
    while prefix < expected.len() && prefix < output.len() && matches_line(&expected[prefix], output[prefix]) {
        prefix += 1;
    }
    let mut suffix = 0;
    while suffix < expected.len() - prefix
        && suffix < output.len() - prefix
        && matches_line(
            &expected[expected.len() - 1 - suffix],
            output[output.len() - 1 - suffix],
        )
    {
        suffix += 1;
    }
    let mut edits: Vec<Edit> = expected[..prefix].iter().map(|line| Edit::Same(line.text())).collect();
    align(
        &expected[prefix..expected.len() - suffix],
        &output[prefix..output.len() - suffix],
        &mut edits,
    );
    edits.extend(
        expected[expected.len() - suffix..]
            .iter()
            .map(|line| Edit::Same(line.text())),
    );
    edits
}

/// Aligns expected lines with output lines by edit distance: `cost[i][j]` is the fewest removed plus added
/// lines that turn `expected[i..]` into `output[j..]`; a matching line costs nothing, nor does a line a `...`
/// covers.
fn align<'a>(expected: &'a [Expected], output: &[&'a str], edits: &mut Vec<Edit<'a>>) {
    let (rows, columns) = (expected.len(), output.len());
    let width = columns + 1;
    let cells = (rows + 1).saturating_mul(width);
    if cells > ALIGN_CELL_LIMIT {
        for line in expected {
            edits.push(match line {
                Expected::Line(pattern) => Edit::Removed(pattern.text()),
                Expected::AnyLines => Edit::Skipped(0),
            });
        }
        edits.extend(output.iter().map(|line| Edit::Added(line)));
        return;
    }
    let mut cost = vec![0u32; cells];
    let at = |i: usize, j: usize| i * width + j;
    for i in (0..=rows).rev() {
        for j in (0..=columns).rev() {
            cost[at(i, j)] = match expected.get(i) {
                None => (columns - j) as u32,
                Some(Expected::AnyLines) if j < columns => cost[at(i + 1, j)].min(cost[at(i, j + 1)]),
                Some(Expected::AnyLines) => cost[at(i + 1, j)],
                Some(Expected::Line(pattern)) => {
                    let mut best = 1 + cost[at(i + 1, j)];
                    if j < columns {
                        best = best.min(1 + cost[at(i, j + 1)]);
                        if pattern.matches(output[j]) {
                            best = best.min(cost[at(i + 1, j + 1)]);
                        }
                    }
                    best
                }
            };
        }
    }
    // Walk the table from the start along a cheapest path.
    let (mut i, mut j) = (0, 0);
    while i < rows || j < columns {
        let here = cost[at(i, j)];
        match expected.get(i) {
            None => {
                edits.push(Edit::Added(output[j]));
                j += 1;
            }
            Some(Expected::AnyLines) => {
                // Cover a line only when that is strictly cheaper than ending here: on a tie, the lines
                // after the `...` get the chance to show as matched.
                let mut covered = 0;
                while j < columns && cost[at(i + 1, j)] != cost[at(i, j)] {
                    covered += 1;
                    j += 1;
                }
                edits.push(Edit::Skipped(covered));
                i += 1;
            }
            Some(Expected::Line(pattern)) => {
                if j < columns && cost[at(i + 1, j + 1)] == here && pattern.matches(output[j]) {
                    edits.push(Edit::Same(pattern.text()));
                    i += 1;
                    j += 1;
                } else if let (false, Some(line)) = (1 + cost[at(i + 1, j)] == here, output.get(j)) {
                    edits.push(Edit::Added(line));
                    j += 1;
                } else {
                    edits.push(Edit::Removed(pattern.text()));
                    i += 1;
                }
            }
        }
    }
}

/// Unordered: expected lines paired with output lines wherever they are. The block keeps its order; unpaired
/// output lines are covered by the first `...`, or else shown as added at the end.
fn unordered_edits<'a>(expected: &'a [Expected], output: &[&'a str]) -> Vec<Edit<'a>> {
    let pairing = pair_unordered(expected, output);
    let paired: HashSet<usize> = pairing.iter().flatten().copied().collect();
    let unpaired: Vec<&str> = (0..output.len())
        .filter(|index| !paired.contains(index))
        .map(|index| output[index])
        .collect();
    let mut edits = Vec::new();
    let mut unpaired_covered = false;
    for (line, pair) in expected.iter().zip(&pairing) {
        edits.push(match line {
            Expected::AnyLines if unpaired_covered => Edit::Skipped(0),
            Expected::AnyLines => {
                unpaired_covered = true;
                Edit::Skipped(unpaired.len())
            }
            Expected::Line(pattern) if pair.is_some() => Edit::Same(pattern.text()),
            Expected::Line(pattern) => Edit::Removed(pattern.text()),
        });
    }
    if !unpaired_covered {
        edits.extend(unpaired.into_iter().map(Edit::Added));
    }
    edits
}

/// Within each run of changes, show the removed lines first and then the added ones, as `diff -u` does.
fn removals_before_additions(edits: &mut [Edit]) {
    let is_change = |edit: &Edit| matches!(edit, Edit::Removed(_) | Edit::Added(_));
    let mut start = 0;
    while start < edits.len() {
        if !is_change(&edits[start]) {
            start += 1;
            continue;
        }
        let end = (start..edits.len())
            .find(|&k| !is_change(&edits[k]))
            .unwrap_or(edits.len());
        // A stable sort keeps each side's own order.
        edits[start..end].sort_by_key(|edit| matches!(edit, Edit::Added(_)));
        start = end;
    }
}

/// One printed diff line and how many expected and output lines it stands for.
struct Row<'a> {
    tag: char,
    text: &'a str,
    expected_lines: usize,
    output_lines: usize,
}

/// The edits as a unified diff with hunks of 3 lines of context; empty when nothing changed.
pub fn unified(edits: &[Edit], expected_label: &str, output_label: &str) -> String {
    let rows: Vec<Row> = edits
        .iter()
        .map(|edit| match *edit {
            Edit::Same(text) => Row {
                tag: ' ',
                text,
                expected_lines: 1,
                output_lines: 1,
            },
            Edit::Skipped(covered) => Row {
                tag: ' ',
                text: ANY_LINES,
                expected_lines: 1,
                output_lines: covered,
            },
            Edit::Removed(text) => Row {
                tag: '-',
                text,
                expected_lines: 1,
                output_lines: 0,
            },
            Edit::Added(text) => Row {
                tag: '+',
                text,
                expected_lines: 0,
                output_lines: 1,
            },
        })
        .collect();

    // Hunks: each change with its context, merged where the contexts touch.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        if row.tag == ' ' {
            continue;
        }
        let start = index.saturating_sub(CONTEXT);
        let end = (index + CONTEXT + 1).min(rows.len());
        match hunks.last_mut() {
            Some((_, last_end)) if start <= *last_end => *last_end = end,
            _ => hunks.push((start, end)),
        }
    }
    if hunks.is_empty() {
        return String::new();
    }

    let mut text = format!("--- {expected_label}\n+++ {output_label}\n");
    let (mut expected_before, mut output_before, mut row_index) = (0, 0, 0);
    for (start, end) in hunks {
        for row in &rows[row_index..start] {
            expected_before += row.expected_lines;
            output_before += row.output_lines;
        }
        let hunk = &rows[start..end];
        let expected_count: usize = hunk.iter().map(|row| row.expected_lines).sum();
        let output_count: usize = hunk.iter().map(|row| row.output_lines).sum();
        text.push_str(&format!(
            "@@ -{} +{} @@\n",
            hunk_range(expected_before, expected_count),
            hunk_range(output_before, output_count)
        ));
        for row in hunk {
            text.push(row.tag);
            text.push_str(row.text);
            text.push('\n');
        }
        expected_before += expected_count;
        output_before += output_count;
        row_index = end;
    }
    text
}

/// `start,count` with a 1-based start; an empty range names the line before it, as `diff -u` does.
fn hunk_range(lines_before: usize, count: usize) -> String {
    let start = if count == 0 { lines_before } else { lines_before + 1 };
    format!("{start},{count}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::matcher::parse_block;

    fn block(lines: &[&str]) -> Vec<Expected> {
        parse_block(&lines.iter().map(|line| line.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn a_changed_line_is_removed_then_added() {
        let expected = block(&["a", "b", "c"]);
        let edits = edit_script(&expected, &["a", "B", "c"], false);
        assert_eq!(
            edits,
            vec![Edit::Same("a"), Edit::Removed("b"), Edit::Added("B"), Edit::Same("c")]
        );
        assert_eq!(
            unified(&edits, "expected", "actual"),
            "--- expected\n+++ actual\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
    }

    #[test]
    fn matched_placeholders_are_context_not_changes() {
        let expected = block(&["Primary <pid> is running", "...", "done in <number>ms", "bye"]);
        let edits = edit_script(
            &expected,
            &["Primary 12 is running", "x", "y", "done in 3.5ms", "ciao"],
            false,
        );
        assert_eq!(
            edits,
            vec![
                Edit::Same("Primary <pid> is running"),
                Edit::Skipped(2),
                Edit::Same("done in <number>ms"),
                Edit::Removed("bye"),
                Edit::Added("ciao"),
            ]
        );
        assert_eq!(
            unified(&edits, "e", "a"),
            "--- e\n+++ a\n@@ -1,4 +1,5 @@\n Primary <pid> is running\n ...\n done in <number>ms\n-bye\n+ciao\n"
        );
    }

    #[test]
    fn hunks_keep_three_lines_of_context_and_split_when_far_apart() {
        let lines: Vec<String> = (1..=20).map(|n| n.to_string()).collect();
        let expected = parse_block(&lines);
        let mut output: Vec<&str> = lines.iter().map(String::as_str).collect();
        output[1] = "two";
        output.remove(17); // "18"
        let diff = unified(&edit_script(&expected, &output, false), "e", "a");
        assert_eq!(
            diff,
            "--- e\n+++ a\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -15,6 +15,5 @@\n 15\n 16\n 17\n-18\n 19\n 20\n"
        );
    }

    #[test]
    fn missing_and_extra_lines_at_the_ends() {
        let expected = block(&["a", "b"]);
        let diff = unified(&edit_script(&expected, &[], false), "e", "a");
        assert_eq!(diff, "--- e\n+++ a\n@@ -1,2 +0,0 @@\n-a\n-b\n");
        let diff = unified(&edit_script(&[], &["x"], false), "e", "a");
        assert_eq!(diff, "--- e\n+++ a\n@@ -0,0 +1,1 @@\n+x\n");
    }

    #[test]
    fn no_changes_no_diff() {
        let expected = block(&["a <pid>"]);
        assert_eq!(unified(&edit_script(&expected, &["a 1"], false), "e", "a"), "");
    }

    #[test]
    fn unordered_shows_only_unpaired_lines() {
        let expected = block(&["w1", "w2", "w3"]);
        let edits = edit_script(&expected, &["w3", "w1", "w4"], true);
        assert_eq!(
            edits,
            vec![
                Edit::Same("w1"),
                Edit::Removed("w2"),
                Edit::Same("w3"),
                Edit::Added("w4")
            ]
        );
    }

    #[test]
    fn update_keeps_placeholders_that_still_match() {
        let expected = block(&["Primary <pid> is running", "gone", "..."]);
        let edits = edit_script(&expected, &["Primary 7 is running", "new", "more"], false);
        assert_eq!(updated_block(&edits), vec!["Primary <pid> is running", "..."]);
        let expected = block(&["Primary <pid> is running", "gone"]);
        let edits = edit_script(&expected, &["Primary 7 is running", "new"], false);
        assert_eq!(updated_block(&edits), vec!["Primary <pid> is running", "new"]);
    }

    #[test]
    fn huge_differences_fall_back_to_removed_then_added() {
        let expected: Vec<Expected> = (0..2100).map(|n| Expected::parse(&format!("e{n}"))).collect();
        let output: Vec<String> = (0..2100).map(|n| format!("o{n}")).collect();
        let output: Vec<&str> = output.iter().map(String::as_str).collect();
        let edits = edit_script(&expected, &output, false);
        assert_eq!(edits.len(), 4200);
        assert!(edits[..2100].iter().all(|edit| matches!(edit, Edit::Removed(_))));
        assert!(edits[2100..].iter().all(|edit| matches!(edit, Edit::Added(_))));
    }
}
