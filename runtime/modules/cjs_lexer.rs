//! Finds the names a CommonJS file exports without running it, so `import { x } from './lib.cjs'`
//! can link before the file executes. Like Node's cjs-module-lexer it recognises the common
//! shapes: `exports.x =`, `module.exports.x =`, `Object.defineProperty(exports, 'x', ...)` and
//! `module.exports = { a, b: ..., c }`.

pub fn export_names(source: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    };
    for prefix in ["module.exports.", "exports."] {
        let mut rest = source;
        while let Some(index) = rest.find(prefix) {
            let before = rest[..index].chars().next_back();
            rest = &rest[index + prefix.len()..];
            // `module.exports.x` also contains `exports.x`; skip identifiers like `myexports.`.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let name = identifier_prefix(rest);
            let after = rest[name.len()..].trim_start();
            if after.starts_with('=') && !after.starts_with("==") {
                add(name);
            }
        }
    }
    let mut rest = source;
    while let Some(index) = rest.find("Object.defineProperty(") {
        rest = &rest[index + "Object.defineProperty(".len()..];
        let args = rest.trim_start();
        let Some(args) = args
            .strip_prefix("exports")
            .or_else(|| args.strip_prefix("module.exports"))
        else {
            continue;
        };
        let Some(args) = args.trim_start().strip_prefix(',') else {
            continue;
        };
        let args = args.trim_start();
        if let Some(quote) = args.chars().next().filter(|c| *c == '\'' || *c == '"') {
            if let Some(end) = args[1..].find(quote) {
                add(&args[1..1 + end]);
            }
        }
    }
    let mut rest = source;
    while let Some(index) = rest.find("module.exports") {
        rest = &rest[index + "module.exports".len()..];
        let Some(object) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let Some(body) = object.trim_start().strip_prefix('{') else {
            continue;
        };
        for name in object_literal_keys(body) {
            add(name);
        }
    }
    names
}

fn identifier_prefix(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '$'))
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// Keys of an object literal body (after its `{`) as cjs-module-lexer reads them: `a` shorthand,
/// `b: identifier` and `'c': identifier`, stopping at the first entry of any other shape.
fn object_literal_keys(body: &str) -> Vec<&str> {
    let mut keys = Vec::new();
    let mut rest = body;
    loop {
        rest = rest.trim_start();
        let key = if let Some(quote) = rest.chars().next().filter(|c| *c == '\'' || *c == '"') {
            let Some(end) = rest[1..].find(quote) else { break };
            let key = &rest[1..1 + end];
            rest = &rest[end + 2..];
            key
        } else {
            let key = identifier_prefix(rest);
            if key.is_empty() {
                break;
            }
            rest = &rest[key.len()..];
            key
        };
        rest = rest.trim_start();
        if let Some(value) = rest.strip_prefix(':') {
            let value = value.trim_start();
            let identifier = identifier_prefix(value);
            if identifier.is_empty() {
                break;
            }
            rest = &value[identifier.len()..];
            rest = rest.trim_start();
        }
        keys.push(key);
        match rest.strip_prefix(',') {
            Some(after) => rest = after,
            None => break,
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::export_names;

    #[test]
    fn finds_assignments_and_define_property() {
        let source = "exports.a = 1; module.exports.b = function () {}; if (exports.c === 1) {}\n\
                      Object.defineProperty(exports, 'd', { value: 4 }); myexports.e = 5;";
        assert_eq!(export_names(source), vec!["b", "a", "d"]);
    }

    #[test]
    fn finds_object_literal_keys() {
        let source = "module.exports = { sum, mean: average, 'quoted': value, arrow: (a) => a, after };";
        assert_eq!(export_names(source), vec!["sum", "mean", "quoted"]);
    }
}
