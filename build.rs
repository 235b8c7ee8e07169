//! Embeds every file under stdlib/ in the binary: `stdlib/events.js` becomes the built-in `events`,
//! `stdlib/internal/errors.js` the internal `internal/errors`. Adding a file adds a module; there is
//! no hand-kept list.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            let relative = path.strip_prefix(root).expect("inside stdlib/");
            let name = relative.with_extension("").to_string_lossy().replace('\\', "/");
            out.push((name, path));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest.join("stdlib");
    println!("cargo:rerun-if-changed=stdlib");
    let mut modules = Vec::new();
    collect(&root, &root, &mut modules);
    modules.sort();
    for (_, path) in &modules {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let mut table = String::from(
        "/// (module name, JavaScript source), sorted by name.\npub static STDLIB: &[(&str, &str)] = &[\n",
    );
    for (name, path) in &modules {
        writeln!(table, "    ({name:?}, include_str!({:?})),", path.display().to_string()).expect("string write");
    }
    table.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("stdlib_table.rs");
    std::fs::write(out, table).expect("write stdlib table");
}
