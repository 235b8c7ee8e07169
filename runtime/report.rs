//! Printing what went wrong the way Node does: an uncaught exception shows `file:line`, the source
//! line with a caret under the throw, then the error as `util.inspect` renders it.

use boa_engine::error::{EngineError, RuntimeLimitError};
use boa_engine::{js_string, Context, JsError, JsNativeError, JsValue};

use crate::modules::builtin_export;

/// The JavaScript value of an error. Engine limits become the errors V8 would throw: running out
/// of stack is `RangeError: Maximum call stack size exceeded` in Node.
pub fn error_value(err: JsError, context: &mut Context) -> JsValue {
    match err.into_opaque(context) {
        Ok(value) => value,
        Err(err) => {
            let native = match err.as_engine() {
                Some(EngineError::RuntimeLimit(RuntimeLimitError::Recursion | RuntimeLimitError::StackSize)) => {
                    JsNativeError::range().with_message("Maximum call stack size exceeded")
                }
                Some(other) => JsNativeError::error().with_message(other.to_string()),
                None => JsNativeError::error().with_message(err.to_string()),
            };
            native.into_opaque(context).into()
        }
    }
}

/// A one-line description of an error, for failures outside JavaScript's reach (bootstrap).
pub fn describe(err: &JsError, context: &mut Context) -> String {
    let value = error_value(err.clone(), context);
    inspect(&value, context)
}

/// `util.inspect(value)`, falling back to `String(value)` if the inspector itself fails.
fn inspect(value: &JsValue, context: &mut Context) -> String {
    let inspected = builtin_export(context, "internal/inspect", "inspect")
        .and_then(|inspect| inspect.call(&JsValue::undefined(), std::slice::from_ref(value), context));
    match inspected.and_then(|v| v.to_string(context)) {
        Ok(text) => text.to_std_string_escaped(),
        Err(_) => value.display().to_string(),
    }
}

/// How an uncaught error reached the top; it decides where Node's report puts its caret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Thrown synchronously out of a callback or a CommonJS main module: V8's message location is the
    /// `throw` statement.
    Thrown,
    /// The main ES module's evaluation failed (its promise rejected): Node points at the error's first frame.
    ModuleEvaluation,
    /// An unhandled promise rejection: the error's first frame too.
    Rejection,
}

/// Node's report of an uncaught exception or unhandled rejection, to stderr.
pub fn print_uncaught(context: &mut Context, value: &JsValue, origin: Origin) {
    let from_promise = origin == Origin::Rejection;
    let mut text = String::new();
    if let Some(location) = throw_location(value, origin, context) {
        text.push_str(&location);
        text.push('\n');
    }
    let is_error = value
        .as_object()
        .is_some_and(|o| o.is::<boa_engine::builtins::error::Error>());
    // A rejection is wrapped in ERR_UNHANDLED_REJECTION unless its reason is error-like: an error, or an
    // object with a `stack` of its own (Node's isErrorLike).
    let is_error = is_error
        || value
            .as_object()
            .is_some_and(|o| o.has_own_property(js_string!("stack"), context).unwrap_or(false));
    if from_promise && !is_error {
        // Node wraps a non-Error rejection reason in ERR_UNHANDLED_REJECTION.
        let reason = inspect(value, context);
        text.push_str(&format!(
            "[UnhandledPromiseRejection: This error originated either by throwing inside of an async function \
             without a catch block, or by rejecting a promise which was not handled with .catch(). The promise \
             rejected with the reason \"{reason}\".] {{\n  code: 'ERR_UNHANDLED_REJECTION'\n}}\n"
        ));
    } else if let Some(text_thrown) = value.as_string() {
        // A thrown primitive is printed as it is (a string without quotes), with Node's hint.
        text.push_str(&text_thrown.to_std_string_escaped());
        text.push_str("\n(Use `rt --trace-uncaught ...` to show where the exception was thrown)\n");
    } else {
        text.push_str(&inspect(value, context));
        text.push('\n');
        if !value.is_object() {
            text.push_str("(Use `rt --trace-uncaught ...` to show where the exception was thrown)\n");
        }
    }
    text.push_str(&format!("\nrt v{}\n", env!("CARGO_PKG_VERSION")));
    match crate::isolate::Host::get(context) {
        Ok(host) => host.options.output.write_stderr(&text),
        Err(_) => crate::embed::Output::default().write_stderr(&text),
    }
}

/// `path:line`, the source line and a caret under the column, from the error's first stack frame.
fn throw_location(value: &JsValue, origin: Origin, context: &mut Context) -> Option<String> {
    let object = value.as_object()?;
    let key = boa_engine::JsString::from(crate::modules::SOURCE_LOCATION_KEY);
    let recorded = object
        .get(key, context)
        .ok()
        .and_then(|v| v.as_string())
        .map(|s| s.to_std_string_escaped());
    let recorded_location = recorded.is_some();
    let location = match recorded {
        Some(location) => location,
        None => {
            let stack = object
                .get(js_string!("stack"), context)
                .ok()?
                .as_string()?
                .to_std_string_escaped();
            let frame = stack
                .lines()
                .find(|line| line.trim_start().starts_with("at "))?
                .to_owned();
            let location = frame
                .rsplit_once('(')
                .map_or(frame.trim_start().trim_start_matches("at "), |(_, l)| l);
            location.trim_end_matches(')').to_owned()
        }
    };
    let (rest, column) = location.rsplit_once(':')?;
    let (path, line) = rest.rsplit_once(':')?;
    let line: usize = line.parse().ok()?;
    let column: usize = column.parse().ok()?;
    // An ES module's location is its file: URL.
    let file = url::Url::parse(path)
        .ok()
        .filter(|url| url.scheme() == "file")
        .and_then(|url| url.to_file_path().ok())
        .unwrap_or_else(|| path.into());
    let source = std::fs::read_to_string(file).ok()?;
    let source_line = source.lines().nth(line.checked_sub(1)?)?;
    let column = match (origin, recorded_location) {
        (Origin::Thrown, false) => throw_column(source_line, column),
        _ => column,
    };
    let caret = format!("{}^", " ".repeat(column.saturating_sub(1)));
    Some(format!("{path}:{line}\n{source_line}\n{caret}\n"))
}

/// The column of the `throw` keyword when `column` (1-based) of `text` is the expression right after
/// one: where V8 puts a synchronously thrown exception (its message location), which Node's report
/// of an uncaught exception points at.
fn throw_column(text: &str, column: usize) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut end = column.saturating_sub(1).min(chars.len());
    while end > 0 && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    let Some(start) = end.checked_sub(5) else {
        return column;
    };
    let keyword: String = chars[start..end].iter().collect();
    let bounded = start == 0 || !crate::stack::is_identifier_char(chars[start - 1]);
    if keyword == "throw" && bounded && end < column.saturating_sub(1) {
        start + 1
    } else {
        column
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throw_column_finds_the_keyword() {
        assert_eq!(throw_column("  throw new Error('x');", 9), 3);
        assert_eq!(throw_column("rethrow new Error('x');", 9), 9);
        assert_eq!(throw_column("new Error('x')", 1), 1);
        assert_eq!(throw_column("throw", 6), 6);
        assert_eq!(throw_column("", 40), 40);
    }
}
