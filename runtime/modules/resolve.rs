//! Node's module resolution, shared by `require()` (CommonJS) and `import` (ES modules):
//! built-ins, relative and absolute paths, `file:` URLs, and `node_modules` packages with
//! `main` and `exports`. The two modes differ where Node's do: `require` guesses extensions and
//! directory indexes; `import` wants the exact file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::builtins;
use crate::embed::Extensions;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Require,
    Import,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Builtin(String),
    File(PathBuf),
}

/// How a file is evaluated, decided by extension and the nearest package.json `"type"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Module,
    CommonJs,
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// Nothing at that path (`MODULE_NOT_FOUND` / `ERR_MODULE_NOT_FOUND`).
    NotFound {
        specifier: String,
        resolved: Option<PathBuf>,
    },
    /// A bare specifier whose package is not installed (`ERR_MODULE_NOT_FOUND`, "Cannot find package").
    PackageNotFound { name: String },
    /// `node:foo` where foo is no built-in.
    UnknownBuiltin(String),
    /// `import './dir'` (`ERR_UNSUPPORTED_DIR_IMPORT`).
    DirectoryImport(PathBuf),
    /// The package's `exports` do not expose this subpath (`ERR_PACKAGE_PATH_NOT_EXPORTED`).
    NotExported { package_dir: PathBuf, subpath: String },
}

/// A cache of parsed package.json files, one per isolate, and the host's extra modules.
#[derive(Default)]
pub struct Resolver {
    packages: HashMap<PathBuf, Option<Value>>,
    extensions: Arc<Extensions>,
}

impl Resolver {
    pub fn new(extensions: Arc<Extensions>) -> Self {
        Self {
            packages: HashMap::new(),
            extensions,
        }
    }

    /// Whether `name` (without `node:`) is a module user code loads by name: a public stdlib module
    /// or one the embedding host added.
    pub fn is_builtin(&self, name: &str) -> bool {
        builtins::is_public(name) || self.extensions.contains(name)
    }

    /// Whether `specifier` names a built-in as written: `node:<name>`, or a bare name unless that module
    /// exists only under its `node:` name (`test`).
    pub fn names_builtin(&self, specifier: &str) -> bool {
        match specifier.strip_prefix("node:") {
            Some(name) => self.is_builtin(name),
            None => self.is_builtin(specifier) && !builtins::requires_scheme(specifier),
        }
    }

    pub fn resolve(&mut self, specifier: &str, parent_dir: &Path, mode: Mode) -> Result<Resolved, ResolveError> {
        if let Some(name) = specifier.strip_prefix("node:") {
            return if self.is_builtin(name) {
                Ok(Resolved::Builtin(name.to_owned()))
            } else {
                Err(ResolveError::UnknownBuiltin(specifier.to_owned()))
            };
        }
        if self.names_builtin(specifier) {
            return Ok(Resolved::Builtin(specifier.to_owned()));
        }
        if let Some(rest) = specifier.strip_prefix("file://") {
            let path = PathBuf::from(percent_decode(rest.strip_prefix("localhost").unwrap_or(rest)));
            return self.resolve_path(specifier, &path, mode);
        }
        if specifier.starts_with('/')
            || specifier.starts_with("./")
            || specifier.starts_with("../")
            || specifier == "."
            || specifier == ".."
        {
            let path = normalize(&parent_dir.join(specifier));
            return self.resolve_path(specifier, &path, mode);
        }
        self.resolve_package(specifier, parent_dir, mode)
    }

    fn resolve_path(&mut self, specifier: &str, path: &Path, mode: Mode) -> Result<Resolved, ResolveError> {
        let found = match mode {
            Mode::Require => self.load_as_file(path).or_else(|| self.load_as_directory(path)),
            Mode::Import => {
                if path.is_dir() {
                    return Err(ResolveError::DirectoryImport(path.to_owned()));
                }
                path.is_file().then(|| path.to_owned())
            }
        };
        found.map(Resolved::File).ok_or_else(|| ResolveError::NotFound {
            specifier: specifier.to_owned(),
            resolved: (mode == Mode::Import).then(|| path.to_owned()),
        })
    }

    fn load_as_file(&self, path: &Path) -> Option<PathBuf> {
        if path.is_file() {
            return Some(path.to_owned());
        }
        ["js", "json"].iter().find_map(|ext| {
            let mut candidate = path.as_os_str().to_owned();
            candidate.push(".");
            candidate.push(ext);
            let candidate = PathBuf::from(candidate);
            candidate.is_file().then_some(candidate)
        })
    }

    fn load_index(&self, dir: &Path) -> Option<PathBuf> {
        ["index.js", "index.json"]
            .iter()
            .map(|f| dir.join(f))
            .find(|p| p.is_file())
    }

    fn load_as_directory(&mut self, dir: &Path) -> Option<PathBuf> {
        if !dir.is_dir() {
            return None;
        }
        let main = self
            .package_json(dir)
            .and_then(|pkg| pkg.get("main")?.as_str().map(str::to_owned));
        if let Some(main) = main {
            let main_path = normalize(&dir.join(main));
            if let Some(found) = self.load_as_file(&main_path).or_else(|| self.load_index(&main_path)) {
                return Some(found);
            }
        }
        self.load_index(dir)
    }

    fn resolve_package(&mut self, specifier: &str, parent_dir: &Path, mode: Mode) -> Result<Resolved, ResolveError> {
        let (name, subpath) = split_package_specifier(specifier);
        let conditions: &[&str] = match mode {
            Mode::Require => &["node", "require", "default"],
            Mode::Import => &["node", "import", "default"],
        };
        for dir in parent_dir.ancestors() {
            if dir.file_name().is_some_and(|n| n == "node_modules") {
                continue;
            }
            let package_dir = dir.join("node_modules").join(name);
            if !package_dir.is_dir() {
                continue;
            }
            let exports = self
                .package_json(&package_dir)
                .and_then(|pkg| pkg.get("exports").cloned());
            if let Some(exports) = exports {
                let target =
                    resolve_exports(&exports, &subpath, conditions).ok_or_else(|| ResolveError::NotExported {
                        package_dir: package_dir.clone(),
                        subpath: subpath.clone(),
                    })?;
                let path = normalize(&package_dir.join(target));
                return if path.is_file() {
                    Ok(Resolved::File(path))
                } else {
                    Err(ResolveError::NotFound {
                        specifier: specifier.to_owned(),
                        resolved: Some(path),
                    })
                };
            }
            let path = if subpath == "." {
                package_dir.clone()
            } else {
                package_dir.join(&subpath[2..])
            };
            let found = match mode {
                Mode::Import if subpath != "." => path.is_file().then(|| path.clone()),
                _ => self.load_as_file(&path).or_else(|| self.load_as_directory(&path)),
            };
            return found.map(Resolved::File).ok_or(ResolveError::NotFound {
                specifier: specifier.to_owned(),
                resolved: Some(path),
            });
        }
        match mode {
            Mode::Require => Err(ResolveError::NotFound {
                specifier: specifier.to_owned(),
                resolved: None,
            }),
            Mode::Import => Err(ResolveError::PackageNotFound { name: name.to_owned() }),
        }
    }

    /// The parsed package.json in `dir`, cached; `None` when absent or unreadable.
    pub fn package_json(&mut self, dir: &Path) -> Option<&Value> {
        self.packages
            .entry(dir.to_owned())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(dir.join("package.json")).ok()?;
                serde_json::from_str(&text).ok()
            })
            .as_ref()
    }

    /// The format of a file: `.mjs`/`.cjs`/`.json` by extension, otherwise the nearest
    /// package.json's `"type"` (CommonJS when there is none).
    pub fn format_of(&mut self, path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("mjs") => return Format::Module,
            Some("cjs") => return Format::CommonJs,
            Some("json") => return Format::Json,
            _ => {}
        }
        let mut dir = path.parent();
        while let Some(current) = dir {
            if current.file_name().is_some_and(|n| n == "node_modules") {
                break;
            }
            if let Some(pkg) = self.package_json(current) {
                return match pkg.get("type").and_then(Value::as_str) {
                    Some("module") => Format::Module,
                    _ => Format::CommonJs,
                };
            }
            dir = current.parent();
        }
        Format::CommonJs
    }
}

/// `@scope/name/sub/path` → (`@scope/name`, `./sub/path`); `name` → (`name`, `.`).
fn split_package_specifier(specifier: &str) -> (&str, String) {
    let name_end = if specifier.starts_with('@') {
        specifier.match_indices('/').nth(1).map_or(specifier.len(), |(i, _)| i)
    } else {
        specifier.find('/').unwrap_or(specifier.len())
    };
    let (name, rest) = specifier.split_at(name_end);
    let subpath = if rest.is_empty() {
        ".".to_owned()
    } else {
        format!(".{rest}")
    };
    (name, subpath)
}

/// Resolves `subpath` through a package's `exports` field (strings, condition objects, arrays,
/// subpath maps and `./*` patterns).
fn resolve_exports(exports: &Value, subpath: &str, conditions: &[&str]) -> Option<String> {
    let is_subpath_map = exports
        .as_object()
        .is_some_and(|map| map.keys().any(|k| k.starts_with('.')));
    if !is_subpath_map {
        return if subpath == "." {
            resolve_target(exports, conditions, None)
        } else {
            None
        };
    }
    let map = exports.as_object()?;
    if let Some(target) = map.get(subpath) {
        return resolve_target(target, conditions, None);
    }
    // The longest matching `prefix*suffix` pattern wins, as in Node's PACKAGE_IMPORTS_EXPORTS_RESOLVE.
    let mut best: Option<(&str, &Value, String)> = None;
    for (key, target) in map {
        let Some(star) = key.find('*') else { continue };
        let (prefix, suffix) = (&key[..star], &key[star + 1..]);
        if subpath.starts_with(prefix) && subpath.ends_with(suffix) && subpath.len() >= key.len() - 1 {
            let matched = subpath[prefix.len()..subpath.len() - suffix.len()].to_owned();
            if best.as_ref().is_none_or(|(k, _, _)| key.len() > k.len()) {
                best = Some((key, target, matched));
            }
        }
    }
    let (_, target, matched) = best?;
    resolve_target(target, conditions, Some(&matched))
}

fn resolve_target(target: &Value, conditions: &[&str], pattern: Option<&str>) -> Option<String> {
    match target {
        Value::String(s) => Some(match pattern {
            Some(m) => s.replace('*', m),
            None => s.clone(),
        }),
        Value::Array(items) => items.iter().find_map(|t| resolve_target(t, conditions, pattern)),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| conditions.contains(&k.as_str()))
            .find_map(|(_, t)| resolve_target(t, conditions, pattern)),
        _ => None,
    }
}

/// Lexically normalises `.` and `..` (the file need not exist).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

pub fn percent_decode(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&input[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `file://` URL of an absolute path, percent-encoding what Node's `pathToFileURL` encodes.
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'a'..=b'z'
            | b'A'..=b'Z'
            | b'0'..=b'9'
            | b'/'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'@' => url.push(byte as char),
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_scoped_and_plain_specifiers() {
        assert_eq!(split_package_specifier("lodash"), ("lodash", ".".to_owned()));
        assert_eq!(
            split_package_specifier("lodash/fp/map"),
            ("lodash", "./fp/map".to_owned())
        );
        assert_eq!(
            split_package_specifier("@scope/pkg/x"),
            ("@scope/pkg", "./x".to_owned())
        );
    }

    #[test]
    fn resolves_exports_conditions_and_patterns() {
        let exports: Value = serde_json::from_str(
            r#"{ ".": { "import": "./esm.mjs", "require": "./cjs.js" }, "./feature/*": "./lib/*.js" }"#,
        )
        .unwrap();
        let import = ["node", "import", "default"];
        let require = ["node", "require", "default"];
        assert_eq!(resolve_exports(&exports, ".", &import).as_deref(), Some("./esm.mjs"));
        assert_eq!(resolve_exports(&exports, ".", &require).as_deref(), Some("./cjs.js"));
        assert_eq!(
            resolve_exports(&exports, "./feature/a", &import).as_deref(),
            Some("./lib/a.js")
        );
        assert_eq!(resolve_exports(&exports, "./missing", &import), None);
    }

    #[test]
    fn percent_decoding_and_file_urls_round_trip() {
        let path = Path::new("/tmp/a b/c#d.mjs");
        let url = file_url(path);
        assert_eq!(url, "file:///tmp/a%20b/c%23d.mjs");
        assert_eq!(percent_decode(&url["file://".len()..]), "/tmp/a b/c#d.mjs");
    }
}
