//! The expected output a lesson carries in its own comments, and the `// rt-check:` directives beside it.
//!
//! A block starts with a comment line `// Expected output:` (or `// Output:`) and goes on with the `//` lines
//! right below it: `// text` is the output line `text`, a bare `//` an empty line. It ends at the first line
//! that is not a `//` comment, or at a directive. Only `//` comments count, so the block is plain JavaScript
//! and the lesson still runs unchanged under Node.
//!
//! Directives, one per line anywhere in the file: `// rt-check: env KEY=VALUE ...` (run with these variables),
//! `// rt-check: unordered` (compare lines as multisets), `// rt-check: stop-when-printed` (the program serves
//! until stopped: stop it with SIGTERM once its output is complete).

use std::fmt;
use std::ops::Range;

const HEADERS: [&str; 2] = ["expected output:", "output:"];
const DIRECTIVE_PREFIX: &str = "rt-check:";

/// What a lesson file says about its own check.
#[derive(Debug, Default)]
pub struct LessonFile {
    pub block: Option<Block>,
    pub directives: Directives,
}

/// An expected-output block and where it sits in the file, so it can be rewritten in place.
#[derive(Debug)]
pub struct Block {
    /// 1-based line number of the `// Expected output:` line.
    pub header_line: usize,
    pub lines: Vec<String>,
    /// Bytes of the block's lines after the header (empty when the block has none).
    body: Range<usize>,
    header_has_newline: bool,
    body_ends_with_newline: bool,
    indent: String,
    newline: &'static str,
}

#[derive(Debug, Default, Clone)]
pub struct Directives {
    pub env: Vec<(String, String)>,
    pub unordered: bool,
    pub stop_when_printed: bool,
}

#[derive(Debug, PartialEq)]
pub enum ParseError {
    SecondBlock { first: usize, second: usize },
    UnknownDirective { line: usize, text: String },
    BadEnv { line: usize, text: String },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::SecondBlock { first, second } => {
                write!(f, "two expected-output blocks (lines {first} and {second}); keep one")
            }
            ParseError::UnknownDirective { line, text } => write!(
                f,
                "line {line}: unknown directive `{text}` (known: env KEY=VALUE..., unordered, stop-when-printed)"
            ),
            ParseError::BadEnv { line, text } => {
                write!(f, "line {line}: `{text}`: env wants KEY=VALUE pairs")
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// One line of the file: its text without the line ending, and its bytes including the ending.
struct SourceLine<'a> {
    text: &'a str,
    bytes: Range<usize>,
    has_newline: bool,
}

fn source_lines(text: &str) -> Vec<SourceLine<'_>> {
    let mut offset = 0;
    text.split_inclusive('\n')
        .map(|raw| {
            let start = offset;
            offset += raw.len();
            let has_newline = raw.ends_with('\n');
            let without_lf = raw.strip_suffix('\n').unwrap_or(raw);
            SourceLine {
                text: without_lf.strip_suffix('\r').unwrap_or(without_lf),
                bytes: start..offset,
                has_newline,
            }
        })
        .collect()
}

/// The text of a `//` comment line after the `//` and one space; None for any other line.
fn comment_text(line: &str) -> Option<&str> {
    let comment = line.trim_start().strip_prefix("//")?;
    Some(comment.strip_prefix(' ').unwrap_or(comment))
}

fn is_header(line: &str) -> bool {
    comment_text(line).is_some_and(|comment| HEADERS.iter().any(|header| comment.trim().eq_ignore_ascii_case(header)))
}

fn directive_text(line: &str) -> Option<&str> {
    comment_text(line)?.trim().strip_prefix(DIRECTIVE_PREFIX).map(str::trim)
}

/// Does the file ask to be checked (an expected-output block or a directive)? Used to pick lessons out of a
/// folder's loose scripts.
pub fn declares_check(text: &str) -> bool {
    source_lines(text)
        .iter()
        .any(|line| is_header(line.text) || directive_text(line.text).is_some())
}

pub fn parse(text: &str) -> Result<LessonFile, ParseError> {
    let lines = source_lines(text);
    let mut lesson = LessonFile::default();
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        let line_number = index + 1;
        if let Some(directive) = directive_text(line.text) {
            parse_directive(directive, line_number, &mut lesson.directives)?;
            index += 1;
            continue;
        }
        if !is_header(line.text) {
            index += 1;
            continue;
        }
        if let Some(first) = &lesson.block {
            return Err(ParseError::SecondBlock {
                first: first.header_line,
                second: line_number,
            });
        }
        let mut block_lines = Vec::new();
        let mut body = line.bytes.end..line.bytes.end;
        let mut body_ends_with_newline = line.has_newline;
        index += 1;
        while let Some(next) = lines.get(index) {
            match comment_text(next.text) {
                Some(content) if directive_text(next.text).is_none() => {
                    block_lines.push(content.to_string());
                    body.end = next.bytes.end;
                    body_ends_with_newline = next.has_newline;
                    index += 1;
                }
                _ => break,
            }
        }
        let indent_len = line.text.len() - line.text.trim_start().len();
        lesson.block = Some(Block {
            header_line: line_number,
            lines: block_lines,
            body,
            header_has_newline: line.has_newline,
            body_ends_with_newline,
            indent: line.text[..indent_len].to_string(),
            newline: if text[line.bytes.clone()].ends_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            },
        });
    }
    Ok(lesson)
}

fn parse_directive(directive: &str, line: usize, directives: &mut Directives) -> Result<(), ParseError> {
    let mut words = directive.split_whitespace();
    match words.next() {
        Some("unordered") => directives.unordered = true,
        Some("stop-when-printed") => directives.stop_when_printed = true,
        Some("env") => {
            let pairs: Vec<&str> = words.collect();
            if pairs.is_empty() {
                return Err(ParseError::BadEnv {
                    line,
                    text: directive.to_string(),
                });
            }
            for pair in pairs {
                match pair.split_once('=') {
                    Some((key, value)) if !key.is_empty() => {
                        directives.env.push((key.to_string(), value.to_string()));
                    }
                    _ => {
                        return Err(ParseError::BadEnv {
                            line,
                            text: directive.to_string(),
                        })
                    }
                }
            }
            return Ok(());
        }
        _ => {
            return Err(ParseError::UnknownDirective {
                line,
                text: directive.to_string(),
            })
        }
    }
    match words.next() {
        Some(_) => Err(ParseError::UnknownDirective {
            line,
            text: directive.to_string(),
        }),
        None => Ok(()),
    }
}

fn render_line(line: &str, indent: &str, newline: &str) -> String {
    if line.is_empty() {
        format!("{indent}//{newline}")
    } else {
        format!("{indent}// {line}{newline}")
    }
}

/// The file with its block's lines replaced by `lines` (or, with no block, a new block at the end); every
/// byte outside the block stays as it was.
pub fn rewrite(text: &str, block: Option<&Block>, lines: &[String]) -> String {
    match block {
        Some(block) => {
            let mut replacement = String::new();
            if !block.header_has_newline && !lines.is_empty() {
                replacement.push_str(block.newline);
            }
            for line in lines {
                replacement.push_str(&render_line(line, &block.indent, block.newline));
            }
            if !block.body_ends_with_newline {
                // The block was the file's last line, with no line ending: keep it that way.
                let trimmed_len = replacement.trim_end_matches(['\r', '\n']).len();
                replacement.truncate(trimmed_len);
            }
            let mut rewritten = String::with_capacity(text.len() + replacement.len());
            rewritten.push_str(&text[..block.body.start]);
            rewritten.push_str(&replacement);
            rewritten.push_str(&text[block.body.end..]);
            rewritten
        }
        None => {
            let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
            let mut rewritten = text.to_string();
            if !rewritten.is_empty() {
                if !rewritten.ends_with('\n') {
                    rewritten.push_str(newline);
                }
                // A blank line between the program and its block.
                if !rewritten.ends_with(&format!("{newline}{newline}")) {
                    rewritten.push_str(newline);
                }
            }
            rewritten.push_str(&format!("// Expected output:{newline}"));
            for line in lines {
                rewritten.push_str(&render_line(line, "", newline));
            }
            rewritten
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|line| line.to_string()).collect()
    }

    #[test]
    fn finds_the_block_and_its_lines() {
        let text = "console.log('a');\n// Expected output:\n// a\n//\n//   indented\nconsole.log(1);\n";
        let lesson = parse(text).expect("parses");
        let block = lesson.block.expect("a block");
        assert_eq!(block.header_line, 2);
        assert_eq!(block.lines, strings(&["a", "", "  indented"]));
    }

    #[test]
    fn output_header_and_case() {
        for header in ["// Output:", "//output:", "  // EXPECTED OUTPUT:  "] {
            let lesson = parse(&format!("x\n{header}\n// 1\n")).expect("parses");
            assert_eq!(lesson.block.map(|b| b.lines), Some(strings(&["1"])), "{header}");
        }
        for not_header in ["// Example output:", "// Expected output: 1", "/* Expected output: */"] {
            let lesson = parse(&format!("{not_header}\n// 1\n")).expect("parses");
            assert!(lesson.block.is_none(), "{not_header}");
        }
    }

    #[test]
    fn two_blocks_are_an_error() {
        let text = "// Output:\n// 1\nx\n// Output:\n// 2\n";
        assert_eq!(parse(text).err(), Some(ParseError::SecondBlock { first: 1, second: 4 }));
    }

    #[test]
    fn directives() {
        let text = "// rt-check: env WORKERS=2 PORT=0\n// rt-check: stop-when-printed\n// rt-check: unordered\n";
        let directives = parse(text).expect("parses").directives;
        assert_eq!(
            directives.env,
            vec![("WORKERS".into(), "2".into()), ("PORT".into(), "0".into())]
        );
        assert!(directives.stop_when_printed && directives.unordered);
        assert!(matches!(
            parse("// rt-check: stop-now"),
            Err(ParseError::UnknownDirective { line: 1, .. })
        ));
        assert!(matches!(
            parse("\n// rt-check: env WORKERS"),
            Err(ParseError::BadEnv { line: 2, .. })
        ));
        assert!(matches!(
            parse("// rt-check: unordered please"),
            Err(ParseError::UnknownDirective { .. })
        ));
    }

    #[test]
    fn a_directive_ends_the_block() {
        let text = "// Output:\n// 1\n// rt-check: unordered\n";
        let lesson = parse(text).expect("parses");
        assert_eq!(lesson.block.map(|b| b.lines), Some(strings(&["1"])));
        assert!(lesson.directives.unordered);
    }

    #[test]
    fn rewrite_replaces_only_the_block() {
        let text = "a();\n  // Expected output:\n  // old\n  // lines\nb(); // after\n";
        let lesson = parse(text).expect("parses");
        let rewritten = rewrite(text, lesson.block.as_ref(), &strings(&["new", "", "x"]));
        assert_eq!(
            rewritten,
            "a();\n  // Expected output:\n  // new\n  //\n  // x\nb(); // after\n"
        );
        let again = parse(&rewritten).expect("parses").block.map(|b| b.lines);
        assert_eq!(again, Some(strings(&["new", "", "x"])));
    }

    #[test]
    fn rewrite_at_the_end_of_a_file_without_a_final_newline() {
        let text = "a();\n// Output:\n// old";
        let lesson = parse(text).expect("parses");
        assert_eq!(
            rewrite(text, lesson.block.as_ref(), &strings(&["1", "2"])),
            "a();\n// Output:\n// 1\n// 2"
        );
        let text = "a();\n// Output:";
        let lesson = parse(text).expect("parses");
        assert_eq!(
            rewrite(text, lesson.block.as_ref(), &strings(&["1"])),
            "a();\n// Output:\n// 1"
        );
    }

    #[test]
    fn rewrite_keeps_crlf() {
        let text = "a();\r\n// Output:\r\n// old\r\nb();\r\n";
        let lesson = parse(text).expect("parses");
        assert_eq!(lesson.block.as_ref().map(|b| b.lines.clone()), Some(strings(&["old"])));
        assert_eq!(
            rewrite(text, lesson.block.as_ref(), &strings(&["new"])),
            "a();\r\n// Output:\r\n// new\r\nb();\r\n"
        );
    }

    #[test]
    fn a_new_block_goes_at_the_end() {
        assert_eq!(
            rewrite("a();\n", None, &strings(&["1", ""])),
            "a();\n\n// Expected output:\n// 1\n//\n"
        );
        assert_eq!(
            rewrite("a();", None, &strings(&["1"])),
            "a();\n\n// Expected output:\n// 1\n"
        );
        assert_eq!(
            rewrite("a();\n\n", None, &strings(&[])),
            "a();\n\n// Expected output:\n"
        );
        assert!(declares_check("x\n// Expected output:\n"));
        assert!(declares_check("// rt-check: unordered\n"));
        assert!(!declares_check("// Example output:\n"));
    }
}
