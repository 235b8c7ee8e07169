//! Does a program's output match a lesson's expected output? An expected line may hold placeholders where the
//! lesson says the output varies: `<pid>` (digits), `<number>` (a number as JavaScript prints it), `<any>` (any
//! text within the line). A line that is exactly `...` stands for any run of lines, including none. With
//! `unordered`, the lines are compared as multisets (for programs whose lines come from parallel workers).

use std::collections::{HashMap, HashSet, VecDeque};

/// The line that stands for any run of output lines.
pub const ANY_LINES: &str = "...";

/// One piece of an expected line: literal text or a placeholder.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Literal(String),
    /// `<pid>`: one or more digits.
    Pid,
    /// `<number>`: `-?(Infinity|digits[.digits][e±digits])` or `NaN`.
    Number,
    /// `<any>`: any text, possibly empty, within one line.
    Any,
}

const PLACEHOLDERS: [(&str, Piece); 3] = [
    ("<pid>", Piece::Pid),
    ("<number>", Piece::Number),
    ("<any>", Piece::Any),
];

/// One expected line, split into literal text and placeholders.
#[derive(Debug, Clone)]
pub struct LinePattern {
    text: String,
    pieces: Vec<Piece>,
}

/// One line of an expected-output block.
#[derive(Debug, Clone)]
pub enum Expected {
    Line(LinePattern),
    /// `...`: any run of lines.
    AnyLines,
}

impl Expected {
    pub fn parse(text: &str) -> Expected {
        if text == ANY_LINES {
            Expected::AnyLines
        } else {
            Expected::Line(LinePattern::parse(text))
        }
    }

    /// The line as written in the block.
    pub fn text(&self) -> &str {
        match self {
            Expected::Line(pattern) => &pattern.text,
            Expected::AnyLines => ANY_LINES,
        }
    }
}

/// Parses the lines of an expected-output block.
pub fn parse_block(lines: &[String]) -> Vec<Expected> {
    lines.iter().map(|line| Expected::parse(line)).collect()
}

/// A program's stdout as lines: split at '\n', and a final newline does not start another (empty) line.
pub fn output_lines(stdout: &str) -> Vec<&str> {
    if stdout.is_empty() {
        return Vec::new();
    }
    stdout.strip_suffix('\n').unwrap_or(stdout).split('\n').collect()
}

impl LinePattern {
    pub fn parse(text: &str) -> LinePattern {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some((name, piece)) = PLACEHOLDERS.iter().find(|(name, _)| rest.starts_with(name)) {
                if !literal.is_empty() {
                    pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                }
                pieces.push(piece.clone());
                rest = &rest[name.len()..];
            } else if let Some(ch) = rest.chars().next() {
                literal.push(ch);
                rest = &rest[ch.len_utf8()..];
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        LinePattern {
            text: text.to_string(),
            pieces,
        }
    }

    /// True when the line holds no placeholder, so only the identical line matches it.
    pub fn is_literal(&self) -> bool {
        self.pieces.iter().all(|piece| matches!(piece, Piece::Literal(_)))
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn matches(&self, line: &str) -> bool {
        if self.is_literal() {
            return self.text == line;
        }
        // Placeholders can be ambiguous (`<any>` next to `<number>`), so try every split, remembering the
        // (piece, position) pairs that already failed: the work stays bounded by pieces × line length.
        let mut failed = HashSet::new();
        self.matches_from(0, line, 0, &mut failed)
    }

    fn matches_from(&self, piece_index: usize, line: &str, pos: usize, failed: &mut HashSet<(usize, usize)>) -> bool {
        let Some(piece) = self.pieces.get(piece_index) else {
            return pos == line.len();
        };
        if failed.contains(&(piece_index, pos)) {
            return false;
        }
        let rest = &line[pos..];
        let matched = match piece {
            Piece::Literal(text) => {
                rest.starts_with(text.as_str()) && self.matches_from(piece_index + 1, line, pos + text.len(), failed)
            }
            Piece::Pid => {
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                (1..=digits)
                    .rev()
                    .any(|len| self.matches_from(piece_index + 1, line, pos + len, failed))
            }
            Piece::Number => number_prefix_lengths(rest)
                .into_iter()
                .rev()
                .any(|len| self.matches_from(piece_index + 1, line, pos + len, failed)),
            Piece::Any => (pos..=line.len())
                .rev()
                .filter(|&end| line.is_char_boundary(end))
                .any(|end| self.matches_from(piece_index + 1, line, end, failed)),
        };
        if !matched {
            failed.insert((piece_index, pos));
        }
        matched
    }
}

/// The lengths of every prefix of `text` that is a whole number as JavaScript prints one, shortest first.
fn number_prefix_lengths(text: &str) -> Vec<usize> {
    // Only these characters can appear in a printed number; numbers are ASCII, so byte lengths are char bounds.
    let candidate_len = text
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+'))
        .count();
    (1..=candidate_len).filter(|&len| is_js_number(&text[..len])).collect()
}

/// `-?(Infinity | digits(.digits)?(e[+-]?digits)?)` or `NaN`.
fn is_js_number(text: &str) -> bool {
    if text == "NaN" {
        return true;
    }
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    if unsigned == "Infinity" {
        return true;
    }
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => all_digits(whole) && all_digits(fraction),
        None => all_digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|exp| all_digits(exp.strip_prefix(['+', '-']).unwrap_or(exp)));
    mantissa_ok && exponent_ok
}

/// Does the output match the block? In order, or as multisets of lines with `unordered`.
pub fn block_matches(expected: &[Expected], lines: &[&str], unordered: bool) -> bool {
    if unordered {
        let pairing = pair_unordered(expected, lines);
        let all_paired = pairing.iter().zip(expected).all(|(pair, line)| match line {
            Expected::Line(_) => pair.is_some(),
            Expected::AnyLines => true,
        });
        let extra_lines_allowed = expected.iter().any(|line| matches!(line, Expected::AnyLines));
        let paired_count = pairing.iter().flatten().count();
        all_paired && (extra_lines_allowed || paired_count == lines.len())
    } else {
        ordered_matches(expected, lines)
    }
}

/// In-order matching. The `...` lines cut the block into runs of lines; the first run must match at the start,
/// the last at the end, and each run between them where it first fits (the earliest fit leaves the most room
/// for the runs after it, so this never misses a match, and it needs no backtracking).
fn ordered_matches(expected: &[Expected], lines: &[&str]) -> bool {
    let runs: Vec<&[Expected]> = expected.split(|line| matches!(line, Expected::AnyLines)).collect();
    let run_matches_at = |run: &[Expected], start: usize| {
        start + run.len() <= lines.len()
            && run.iter().zip(&lines[start..]).all(|(pattern, line)| match pattern {
                Expected::Line(pattern) => pattern.matches(line),
                Expected::AnyLines => true,
            })
    };
    let (first, last) = match runs.as_slice() {
        [] => return lines.is_empty(),
        [only] => return only.len() == lines.len() && run_matches_at(only, 0),
        [first, .., last] => (*first, *last),
    };
    if !run_matches_at(first, 0) || first.len() + last.len() > lines.len() {
        return false;
    }
    let last_start = lines.len() - last.len();
    if !run_matches_at(last, last_start) {
        return false;
    }
    let mut next = first.len();
    for run in &runs[1..runs.len() - 1] {
        match (next..=last_start.saturating_sub(run.len())).find(|&start| run_matches_at(run, start)) {
            Some(start) if start + run.len() <= last_start => next = start + run.len(),
            _ => return false,
        }
    }
    true
}

/// Pairs expected lines with distinct output lines, as many as possible: for each expected line, the index of
/// its output line (None for `...` and for lines left unpaired).
pub fn pair_unordered(expected: &[Expected], lines: &[&str]) -> Vec<Option<usize>> {
    let mut pairing: Vec<Option<usize>> = vec![None; expected.len()];
    let mut line_owner: Vec<Option<usize>> = vec![None; lines.len()];

    // A literal line matches only identical lines, and identical lines are interchangeable, so pairing literal
    // lines first with any identical line never spoils a pairing the placeholder lines need.
    let mut free_by_text: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (index, line) in lines.iter().enumerate() {
        free_by_text.entry(line).or_default().push_back(index);
    }
    for (pattern_index, pattern) in expected.iter().enumerate() {
        if let Expected::Line(pattern) = pattern {
            if pattern.is_literal() {
                if let Some(line_index) = free_by_text.get_mut(pattern.text()).and_then(VecDeque::pop_front) {
                    pairing[pattern_index] = Some(line_index);
                    line_owner[line_index] = Some(pattern_index);
                }
            }
        }
    }

    // The lines with placeholders: a maximum bipartite matching over the lines still free (augmenting paths).
    let placeholder_lines: Vec<usize> = expected
        .iter()
        .enumerate()
        .filter(|(_, pattern)| matches!(pattern, Expected::Line(p) if !p.is_literal()))
        .map(|(index, _)| index)
        .collect();
    let candidates: HashMap<usize, Vec<usize>> = placeholder_lines
        .iter()
        .map(|&pattern_index| {
            let fits = (0..lines.len())
                .filter(|&line_index| line_owner[line_index].is_none())
                .filter(|&line_index| match &expected[pattern_index] {
                    Expected::Line(pattern) => pattern.matches(lines[line_index]),
                    Expected::AnyLines => false,
                })
                .collect();
            (pattern_index, fits)
        })
        .collect();
    for &start in &placeholder_lines {
        augment(start, &candidates, &mut pairing, &mut line_owner);
    }
    pairing
}

/// Looks for an augmenting path from an unpaired expected line (breadth first, so no deep recursion) and, when
/// one exists, flips it: the line gets an output line and everyone on the path keeps one.
fn augment(
    start: usize,
    candidates: &HashMap<usize, Vec<usize>>,
    pairing: &mut [Option<usize>],
    line_owner: &mut [Option<usize>],
) {
    let mut came_from: HashMap<usize, usize> = HashMap::new(); // output line -> expected line that reached it
    let mut seen_lines = HashSet::new();
    let mut queue = VecDeque::from([start]);
    while let Some(pattern_index) = queue.pop_front() {
        for &line_index in candidates.get(&pattern_index).into_iter().flatten() {
            if !seen_lines.insert(line_index) {
                continue;
            }
            came_from.insert(line_index, pattern_index);
            match line_owner[line_index] {
                Some(owner) => queue.push_back(owner),
                None => {
                    // Walk back along the path, moving each expected line onto the output line it reached.
                    let mut line = line_index;
                    while let Some(&pattern) = came_from.get(&line) {
                        let previous = pairing[pattern];
                        pairing[pattern] = Some(line);
                        line_owner[line] = Some(pattern);
                        match previous {
                            Some(previous_line) if pattern != start => line = previous_line,
                            _ => break,
                        }
                    }
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(lines: &[&str]) -> Vec<Expected> {
        lines.iter().map(|line| Expected::parse(line)).collect()
    }

    fn line_matches(pattern: &str, line: &str) -> bool {
        LinePattern::parse(pattern).matches(line)
    }

    #[test]
    fn literal_lines_match_only_themselves() {
        assert!(line_matches("hello", "hello"));
        assert!(!line_matches("hello", "hello "));
        assert!(line_matches("", ""));
        assert!(line_matches("<pi>", "<pi>"));
    }

    #[test]
    fn pid_is_digits() {
        assert!(line_matches("Primary <pid> is running", "Primary 13153 is running"));
        assert!(!line_matches("Primary <pid> is running", "Primary  is running"));
        assert!(!line_matches("Primary <pid> is running", "Primary 12a is running"));
        assert!(!line_matches("pid <pid>", "pid -1"));
        assert!(line_matches("<pid>:<pid>", "12:345"));
    }

    #[test]
    fn number_is_a_js_number() {
        for number in [
            "0",
            "42",
            "-7",
            "3.14",
            "-0.5",
            "1e+21",
            "1.5e-7",
            "Infinity",
            "-Infinity",
            "NaN",
        ] {
            assert!(line_matches("took <number>ms", &format!("took {number}ms")), "{number}");
        }
        for not_number in ["", ".5", "1.", "--1", "1e", "abc", "1,000", "e5"] {
            assert!(
                !line_matches("took <number>ms", &format!("took {not_number}ms")),
                "{not_number}"
            );
        }
        assert!(line_matches("<number> <number>", "1.5 -2"));
        assert!(line_matches("<number>.<number>", "1.5.2"));
    }

    #[test]
    fn any_is_any_text_within_a_line() {
        assert!(line_matches("worker <any> done", "worker 3 (the last one) done"));
        assert!(line_matches("worker <any> done", "worker  done"));
        assert!(line_matches("<any>", ""));
        assert!(line_matches("a<any>b<any>c", "a-b-b-c"));
        assert!(line_matches("é<any>ü", "éxü"));
        assert!(!line_matches("worker <any> done", "worker 3 finished"));
        assert!(line_matches("<any><number>", "abc12"));
    }

    #[test]
    fn placeholder_text_inside_literals() {
        assert!(line_matches("pid=<pid>, t=<number>s", "pid=99, t=0.25s"));
        assert!(!line_matches("pid=<pid>, t=<number>s", "pid=99, t=0.25"));
    }

    #[test]
    fn ordered_blocks() {
        let expected = block(&["a", "b <pid>", "c"]);
        assert!(block_matches(&expected, &["a", "b 1", "c"], false));
        assert!(!block_matches(&expected, &["a", "c", "b 1"], false));
        assert!(!block_matches(&expected, &["a", "b 1"], false));
        assert!(!block_matches(&expected, &["a", "b 1", "c", "d"], false));
        assert!(block_matches(&[], &[], false));
        assert!(!block_matches(&[], &["x"], false));
    }

    #[test]
    fn any_lines_is_any_run_of_lines() {
        let expected = block(&["start", "...", "end"]);
        assert!(block_matches(&expected, &["start", "end"], false));
        assert!(block_matches(&expected, &["start", "x", "y", "end"], false));
        assert!(!block_matches(&expected, &["start", "x"], false));
        assert!(!block_matches(&expected, &["x", "start", "end"], false));
        assert!(block_matches(&block(&["..."]), &[], false));
        assert!(block_matches(&block(&["..."]), &["anything", "at all"], false));
        let middle = block(&["...", "b", "...", "d <number>", "..."]);
        assert!(block_matches(&middle, &["a", "b", "c", "d 1", "e"], false));
        assert!(block_matches(&middle, &["b", "d 2"], false));
        assert!(!block_matches(&middle, &["d 1", "b"], false));
        // A run must not overlap the anchored last run.
        assert!(!block_matches(&block(&["a", "...", "a"]), &["a"], false));
        assert!(!block_matches(&block(&["...", "x", "...", "x"]), &["x"], false));
        assert!(block_matches(&block(&["...", "x", "...", "x"]), &["x", "x"], false));
    }

    #[test]
    fn unordered_blocks_are_multisets() {
        let expected = block(&["worker 1 done", "worker 2 done", "all done"]);
        assert!(block_matches(
            &expected,
            &["worker 2 done", "worker 1 done", "all done"],
            true
        ));
        assert!(!block_matches(
            &expected,
            &["worker 2 done", "worker 2 done", "all done"],
            true
        ));
        assert!(!block_matches(&expected, &["worker 2 done", "worker 1 done"], true));
        assert!(!block_matches(
            &expected,
            &["worker 2 done", "worker 1 done", "all done", "more"],
            true
        ));
    }

    #[test]
    fn unordered_blocks_honour_placeholders() {
        // A greedy pairing would give the first output line to `<any>` and then miss `b <pid>`.
        let expected = block(&["<any>", "b <pid>"]);
        assert!(block_matches(&expected, &["b 1", "x"], true));
        let expected = block(&[
            "Worker <pid> started",
            "Worker <pid> started",
            "Primary <pid> is running",
        ]);
        assert!(block_matches(
            &expected,
            &["Worker 2 started", "Primary 1 is running", "Worker 3 started"],
            true
        ));
        assert!(!block_matches(
            &expected,
            &["Worker 2 started", "Primary 1 is running", "Primary 3 is running"],
            true
        ));
        let with_rest = block(&["...", "x <number>"]);
        assert!(block_matches(&with_rest, &["a", "x 1", "b"], true));
        assert!(!block_matches(&with_rest, &["a", "b"], true));
    }

    #[test]
    fn augmenting_paths_move_earlier_pairs() {
        // `<number>` first takes "1"; `<pid>` can only have "1", so "1" must move and `<number>` take "-1".
        let expected = block(&["<number>", "<pid>"]);
        assert!(block_matches(&expected, &["1", "-1"], true));
        assert!(block_matches(&expected, &["-1", "1"], true));
        assert!(!block_matches(&expected, &["-1", "-2"], true));
        let expected = block(&["<any>", "<number>", "<pid>"]);
        assert!(block_matches(&expected, &["1", "-1", "x"], true));
    }

    #[test]
    fn output_lines_ignore_the_final_newline() {
        assert_eq!(output_lines(""), Vec::<&str>::new());
        assert_eq!(output_lines("a\n"), vec!["a"]);
        assert_eq!(output_lines("a\n\nb"), vec!["a", "", "b"]);
        assert_eq!(output_lines("\n"), vec![""]);
    }
}
