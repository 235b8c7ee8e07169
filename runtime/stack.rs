//! Error stacks in Node's shape. Boa prints a frame as `at name (path:line:column)`, native frames as
//! `at name (native)` and anonymous functions as `<main>`; V8 (Node 20) prints ES modules by their
//! `file:` URL, puts a call's column on the called name rather than on its `(`, writes an anonymous
//! function's frame as `at path:line:column`, a CommonJS module's top level as `Object.<anonymous>`,
//! and a few builtins as `Array.map (<anonymous>)`. This module rewrites Boa's frames into that
//! shape, using what rt knows about each source it compiled (recorded here as it compiles them).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use boa_engine::Context;

/// How a source was compiled, by the path its frames carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// An ES module: Node names it by its `file:` URL.
    Module,
    /// A function body behind a one-line wrapper prefix of `prefix` characters (CommonJS modules and
    /// the stdlib): columns on line 1 include the prefix.
    Wrapped { prefix: usize },
    /// A classic script (`-e` code).
    Script,
}

/// The sources compiled in one isolate (kept in its Context's host-defined data).
#[derive(Default)]
struct Sources {
    kinds: RefCell<HashMap<String, SourceKind>>,
    /// Text by path: given for code that has no file (`-e`), read on first use for files.
    texts: RefCell<HashMap<String, Option<Rc<str>>>>,
}

fn sources(context: &mut Context) -> Rc<Sources> {
    if let Some(sources) = context.get_data::<Rc<Sources>>() {
        return sources.clone();
    }
    let sources = Rc::new(Sources::default());
    context.insert_data(sources.clone());
    sources
}

/// Records how the source named `path` in stack frames was compiled; `text` is its source when it
/// has no file to read it back from.
pub fn register(context: &mut Context, path: &str, kind: SourceKind, text: Option<&str>) {
    let sources = sources(context);
    sources.kinds.borrow_mut().insert(path.to_owned(), kind);
    let mut texts = sources.texts.borrow_mut();
    match text {
        Some(text) => {
            texts.insert(path.to_owned(), Some(Rc::from(text)));
        }
        // A file compiled again (a worker re-reading it, say) is read afresh on next use.
        None => {
            texts.remove(path);
        }
    }
}

/// One frame of Boa's trace.
enum Frame<'a> {
    Native {
        name: &'a str,
    },
    Code {
        name: &'a str,
        path: &'a str,
        line: usize,
        column: usize,
    },
    /// A frame this module leaves as it is (an `eval` frame, an unknown position).
    Other(&'a str),
}

fn parse(line: &str) -> Frame<'_> {
    let Some(body) = line.strip_prefix("    at ").and_then(|b| b.strip_suffix(')')) else {
        return Frame::Other(line);
    };
    if let Some(name) = body.strip_suffix(" (native") {
        return Frame::Native { name };
    }
    let Some((name, location)) = body.split_once(" (") else {
        return Frame::Other(line);
    };
    let mut parts = location.rsplitn(3, ':');
    let (Some(column), Some(row), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
        return Frame::Other(line);
    };
    match (row.parse(), column.parse()) {
        (Ok(line), Ok(column)) if !path.is_empty() => Frame::Code {
            name,
            path,
            line,
            column,
        },
        _ => Frame::Other(line),
    }
}

/// V8's names for the builtins whose frames it shows (`at Array.map (<anonymous>)`); Boa's other
/// native frames (`Function.prototype.call`, rt's own ops, nameless ones) have no V8 counterpart.
fn native_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "map" => "Array.map",
        "forEach" => "Array.forEach",
        "filter" => "Array.filter",
        "reduce" => "Array.reduce",
        "reduceRight" => "Array.reduceRight",
        "some" => "Array.some",
        "every" => "Array.every",
        "find" => "Array.find",
        "findIndex" => "Array.findIndex",
        "findLast" => "Array.findLast",
        "findLastIndex" => "Array.findLastIndex",
        "flatMap" => "Array.flatMap",
        "sort" => "Array.sort",
        "parse" => "JSON.parse",
        "stringify" => "JSON.stringify",
        _ => return None,
    })
}

/// Rewrites Boa's frame lines (`trace`, one `    at ...` line each) into Node's.
pub fn node_frames(trace: &str, context: &mut Context) -> String {
    let sources = sources(context);
    let frames: Vec<Frame<'_>> = trace.lines().map(parse).collect();
    let kind = |path: &str| sources.kinds.borrow().get(path).copied();
    // Line 1 of a wrapped source starts after the wrapper's prefix.
    let column_of = |path: &str, line: usize, column: usize| match kind(path) {
        Some(SourceKind::Wrapped { prefix }) if line == 1 => column.saturating_sub(prefix).max(1),
        _ => column,
    };
    let mut out = Vec::with_capacity(frames.len());
    // Whether a frame outside the loader has been printed.
    let mut above_loader = false;
    for (index, frame) in frames.iter().enumerate() {
        match *frame {
            // A synthetic module's evaluation: no source, no position.
            Frame::Other(line) if line.ends_with(":?:?)") => {}
            Frame::Other(line) => {
                above_loader = true;
                out.push(line.to_owned());
            }
            Frame::Native { name } => {
                if let Some(name) = native_name(name) {
                    out.push(format!("    at {name} (<anonymous>)"));
                } else if name.is_empty()
                    && frames
                        .get(index + 1)
                        .is_some_and(|f| constructed_at(f, &sources, column_of).as_deref() == Some("Promise"))
                {
                    // Boa's Promise constructor has no name in its frame; V8 shows the executor's caller.
                    out.push("    at new Promise (<anonymous>)".to_owned());
                }
            }
            Frame::Code {
                name,
                path,
                line,
                column,
            } => {
                // rt's module loader under a program's frames: Node's own loader frames there differ
                // between its versions. An error from the loader itself (a missing main module) keeps
                // them, as Node's shows its loader's.
                let loader = path.starts_with("node:internal/modules/");
                if loader && above_loader {
                    continue;
                }
                above_loader |= !loader;
                let column = column_of(path, line, column);
                let text = sources.line(path, line);
                let column = text.as_deref().map_or(column, |text| callee_column(text, column));
                let caller = frames[index + 1..].iter().find(|f| !matches!(f, Frame::Native { .. }));
                let name = match (name, caller) {
                    // A CommonJS module's wrapper, called by the loader: V8 names it by its receiver.
                    ("<main>", Some(Frame::Code { path: by, .. }))
                        if by.starts_with("node:internal/modules/")
                            && !path.starts_with("node:")
                            && matches!(kind(path), Some(SourceKind::Wrapped { .. })) =>
                    {
                        "Object.<anonymous>".to_owned()
                    }
                    // A timer's callback: V8 names it by its receiver and the property it was called as.
                    (
                        name,
                        Some(Frame::Code {
                            name: by,
                            path: "node:internal/timers",
                            ..
                        }),
                    ) if matches!(*by, "runTimer" | "runImmediate") => {
                        let (class, property) = if *by == "runTimer" {
                            ("Timeout", "_onTimeout")
                        } else {
                            ("Immediate", "_onImmediate")
                        };
                        match name {
                            "<main>" => format!("{class}.{property}"),
                            name => format!("{class}.{name} [as {property}]"),
                        }
                    }
                    ("<main>", _) => String::new(),
                    (name, _)
                        if frames
                            .get(index + 1)
                            .is_some_and(|f| constructed_at(f, &sources, column_of).is_some()) =>
                    {
                        format!("new {name}")
                    }
                    // An accessor is called as its property: V8 says so.
                    (name, _) => match name.strip_prefix("get ").or_else(|| name.strip_prefix("set ")) {
                        Some(property) => format!("{name} [as {property}]"),
                        None => name.to_owned(),
                    },
                };
                let location = match kind(path) {
                    Some(SourceKind::Module) => crate::modules::resolve::file_url(Path::new(path)),
                    _ => path.to_owned(),
                };
                if name.is_empty() {
                    out.push(format!("    at {location}:{line}:{column}"));
                } else {
                    out.push(format!("    at {name} ({location}:{line}:{column})"));
                }
            }
        }
    }
    out.join("\n")
}

/// The constructor named when `caller` stands at a `new` expression (`Foo` at `new Foo(...)`, an empty
/// name for `new (expr)(...)`): the frame it called is then a constructor, which V8 prints as `new Name`.
fn constructed_at(
    caller: &Frame<'_>,
    sources: &Sources,
    column_of: impl Fn(&str, usize, usize) -> usize,
) -> Option<String> {
    let Frame::Code { path, line, column, .. } = *caller else {
        return None;
    };
    let text = sources.line(path, line)?;
    let rest: String = text
        .chars()
        .skip(column_of(path, line, column).saturating_sub(1))
        .collect();
    let after = rest.strip_prefix("new")?;
    if after.starts_with(is_identifier_char) {
        return None;
    }
    Some(
        after
            .trim_start()
            .chars()
            .take_while(|&c| is_identifier_char(c))
            .collect(),
    )
}

pub(crate) fn is_identifier_char(c: char) -> bool {
    c == '$' || c == '_' || c.is_alphanumeric()
}

/// The column V8 gives a call whose `(` is at `column` (1-based) of `text`: the start of the called
/// name (`inner` in `inner()`, `c` in `a.b.c()`). Any other column is kept.
pub fn callee_column(text: &str, column: usize) -> usize {
    let chars: Vec<char> = text.chars().collect();
    if column == 0 || chars.get(column - 1) != Some(&'(') {
        return column;
    }
    let mut end = column - 1;
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && is_identifier_char(chars[start - 1]) {
        start -= 1;
    }
    if start < end && !chars[start].is_ascii_digit() {
        start + 1
    } else {
        column
    }
}

impl Sources {
    /// Line `line` (1-based) of the source named `path`, if rt can see it: the stdlib's embedded
    /// text, a registered text, or the file.
    fn line(&self, path: &str, line: usize) -> Option<String> {
        let nth = |text: &str| text.lines().nth(line.checked_sub(1)?).map(str::to_owned);
        if let Some(name) = path.strip_prefix("node:") {
            return nth(crate::modules::builtins::source(name)?);
        }
        if let Some(text) = self.texts.borrow().get(path) {
            return nth(text.as_deref()?);
        }
        let text: Option<Rc<str>> = Path::new(path)
            .is_absolute()
            .then(|| std::fs::read_to_string(path).ok())
            .flatten()
            .map(Rc::from);
        self.texts.borrow_mut().insert(path.to_owned(), text.clone());
        nth(text.as_deref()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callee_column_moves_to_the_called_name() {
        assert_eq!(callee_column("function outer() { inner(); }", 25), 20);
        assert_eq!(callee_column("a.b.c()", 6), 5);
        assert_eq!(callee_column("g  (  )", 4), 1);
        assert_eq!(callee_column("f()()", 4), 4);
        assert_eq!(callee_column("new Foo()", 1), 1);
        assert_eq!(callee_column("x", 9), 9);
        assert_eq!(callee_column("", 0), 0);
    }

    #[test]
    fn frames_parse() {
        assert!(matches!(parse("    at  (native)"), Frame::Native { name: "" }));
        assert!(matches!(
            parse("    at get g (/a (b)/c.js:2:3)"),
            Frame::Code {
                name: "get g",
                path: "/a (b)/c.js",
                line: 2,
                column: 3
            }
        ));
        assert!(matches!(parse("    at f (eval at :?:?)"), Frame::Other(_)));
        assert!(matches!(parse("garbage"), Frame::Other(_)));
    }
}
