//! The ES module loader Boa calls for `import` and `import()`: resolves with Node's rules, parses
//! ES modules, wraps built-ins and CommonJS files as synthetic modules, and fills `import.meta`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use boa_engine::module::{ModuleLoader, ModuleRequest, Referrer, SyntheticModuleInitializer};
use boa_engine::object::builtins::{JsArray, JsPromise};
use boa_engine::{
    js_string, Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, Module, NativeFunction, Source,
};

use super::resolve::{file_url, Format, Mode, ResolveError, Resolved};
use super::{cjs_lexer, require_builtin, with_code};
use crate::isolate::Host;

#[derive(Default)]
pub struct RtModuleLoader {
    files: RefCell<HashMap<PathBuf, Module>>,
    builtins: RefCell<HashMap<String, Module>>,
}

impl ModuleLoader for RtModuleLoader {
    fn load_imported_module(
        self: Rc<Self>,
        referrer: Referrer,
        request: ModuleRequest,
        context: &RefCell<&mut Context>,
    ) -> impl Future<Output = JsResult<Module>> {
        let result = self.load(referrer.path(), &request, &mut context.borrow_mut());
        std::future::ready(result)
    }

    fn init_import_meta(self: Rc<Self>, import_meta: &JsObject, module: &Module, context: &mut Context) {
        let Some(path) = module.path() else { return };
        let url = JsString::from(file_url(path));
        let filename = JsString::from(path.to_string_lossy().as_ref());
        let dirname = JsString::from(path.parent().unwrap_or(Path::new("/")).to_string_lossy().as_ref());
        let resolve = NativeFunction::from_copy_closure_with_captures(
            |_, args, filename: &JsString, context| {
                let specifier = args.first().cloned().unwrap_or_default().to_string(context)?;
                import_meta_resolve(
                    &specifier.to_std_string_escaped(),
                    &filename.to_std_string_escaped(),
                    context,
                )
            },
            filename.clone(),
        )
        .to_js_function(context.realm());
        let _ = import_meta.set(js_string!("dirname"), dirname, false, context);
        let _ = import_meta.set(js_string!("filename"), filename, false, context);
        let _ = import_meta.set(js_string!("resolve"), resolve, false, context);
        let _ = import_meta.set(js_string!("url"), url, false, context);
    }
}

/// `import.meta.resolve(specifier)`: the URL an import of `specifier` would load.
fn import_meta_resolve(specifier: &str, from_file: &str, context: &mut Context) -> JsResult<JsValue> {
    let from = Path::new(from_file);
    let host = Host::get(context)?;
    let resolved = host
        .resolver
        .borrow_mut()
        .resolve(specifier, from.parent().unwrap_or(Path::new("/")), Mode::Import);
    match resolved {
        Ok(Resolved::Builtin(name)) => Ok(JsString::from(format!("node:{name}")).into()),
        Ok(Resolved::File(path)) => Ok(JsString::from(file_url(&path)).into()),
        Err(err) => Err(resolve_error(err, specifier, Some(from), Mode::Import, context)),
    }
}

impl RtModuleLoader {
    fn load(&self, referrer: Option<&Path>, request: &ModuleRequest, context: &mut Context) -> JsResult<Module> {
        let specifier = request.specifier().to_std_string_escaped();
        let host = Host::get(context)?;
        let cwd = host.options.cwd();
        // Built-ins compile under `node:` paths; imports from them (and from -e code) resolve from the cwd.
        let referrer = referrer.filter(|p| p.is_absolute());
        let parent_dir = referrer.and_then(Path::parent).map_or(cwd, Path::to_path_buf);
        let resolved = host
            .resolver
            .borrow_mut()
            .resolve(&specifier, &parent_dir, Mode::Import);
        match resolved {
            Ok(Resolved::Builtin(name)) => self.builtin_module(&name, context),
            Ok(Resolved::File(path)) => self.file_module(&path, request, context),
            Err(err) => Err(resolve_error(err, &specifier, referrer, Mode::Import, context)),
        }
    }

    fn file_module(&self, path: &Path, request: &ModuleRequest, context: &mut Context) -> JsResult<Module> {
        let host = Host::get(context)?;
        let format = host.resolver.borrow_mut().format_of(path);
        // Every import of a JSON file must say so, even once the module is cached.
        if format == Format::Json && request.get_attribute("type").is_none_or(|t| t != &js_string!("json")) {
            let err = JsNativeError::typ().with_message(format!(
                "Module \"{}\" needs an import attribute of type \"json\"",
                file_url(path)
            ));
            return Err(with_code(err, "ERR_IMPORT_ASSERTION_TYPE_MISSING", context));
        }
        if let Some(module) = self.files.borrow().get(path) {
            return Ok(module.clone());
        }
        let module = match format {
            Format::Module => parse_module_file(path, context)?,
            // JSON goes through the CommonJS loader, whose cache Node's JSON imports share: an
            // import and a require of the same file give the same object.
            Format::Json | Format::CommonJs => commonjs_module(path, context)?,
        };
        self.files.borrow_mut().insert(path.to_owned(), module.clone());
        Ok(module)
    }

    /// A built-in as an ES module: `default` is `module.exports`, and every own enumerable key
    /// is a named export (as Node's built-in ESM facades).
    fn builtin_module(&self, name: &str, context: &mut Context) -> JsResult<Module> {
        if let Some(module) = self.builtins.borrow().get(name) {
            return Ok(module.clone());
        }
        let exports = require_builtin(context, name)?;
        let keys = own_enumerable_keys(&exports, context)?;
        // Evaluation reads the exports again; require_builtin returns them from its cache.
        let builtin = name.to_owned();
        let module = synthetic_module(keys, None, move |context| require_builtin(context, &builtin), context)?;
        self.builtins.borrow_mut().insert(name.to_owned(), module.clone());
        Ok(module)
    }
}

/// Loads, links and evaluates the program's main ES module; the promise settles when its
/// evaluation (top-level await included) does.
pub fn evaluate_main_module(context: &mut Context, path: &Path) -> JsResult<JsPromise> {
    let loader = context
        .downcast_module_loader::<RtModuleLoader>()
        .ok_or_else(|| JsNativeError::error().with_message("rt: module loader missing"))?;
    let module = parse_module_file(path, context)?;
    loader.files.borrow_mut().insert(path.to_owned(), module.clone());
    Ok(module.load_link_evaluate(context))
}

/// An ES module given as source text (a worker's `data:` URL): it has no file, so only bare and
/// absolute specifiers resolve from it, as in Node.
pub fn evaluate_module_source(context: &mut Context, source: &str) -> JsResult<JsPromise> {
    let module = Module::parse(Source::from_bytes(source.as_bytes()), None, context).map_err(|err| {
        let err = super::located_syntax_error(err, "[worker eval]", 0, context);
        super::with_header_stack(err, context)
    })?;
    Ok(module.load_link_evaluate(context))
}

fn read_source(path: &Path, context: &mut Context) -> JsResult<String> {
    std::fs::read_to_string(path).map_err(|err| {
        if err.kind() == std::io::ErrorKind::NotFound {
            let err = JsNativeError::error().with_message(format!("Cannot find module '{}'", path.display()));
            return with_code(err, "ERR_MODULE_NOT_FOUND", context);
        }
        // EACCES and the like: Node's error from the failed open.
        crate::ops::fs::system_error(&err, "open", Some(&path.to_string_lossy()), None, context)
    })
}

/// An ES module's source, parsed. Node reports where a module failed to parse by its `file:` URL, and the
/// error has no frames (none of the program ran yet).
fn parse_module_file(path: &Path, context: &mut Context) -> JsResult<Module> {
    let text = read_source(path, context).map_err(|err| super::with_header_stack(err, context))?;
    let name = path.to_string_lossy();
    crate::stack::register(context, &name, crate::stack::SourceKind::Module, None);
    Module::parse(Source::from_bytes(text.as_bytes()).with_path(path), None, context).map_err(|err| {
        let err = super::located_syntax_error(err, &super::resolve::file_url(path), 0, context);
        super::with_header_stack(err, context)
    })
}

/// A CommonJS file imported from ESM. Its export names come from a static scan (Node uses
/// cjs-module-lexer the same way); the file itself runs only when the module graph evaluates.
fn commonjs_module(path: &Path, context: &mut Context) -> JsResult<Module> {
    let names = if path.extension().is_some_and(|e| e == "json") {
        Vec::new()
    } else {
        cjs_lexer::export_names(&read_source(path, context)?)
    };
    let filename = path.to_string_lossy().into_owned();
    let loader = move |context: &mut Context| -> JsResult<JsValue> {
        let load = super::builtin_export(context, "internal/modules/cjs", "loadForImport")?;
        load.call(
            &JsValue::undefined(),
            &[JsString::from(filename.as_str()).into()],
            context,
        )
    };
    let names: Vec<JsString> = names.iter().map(|n| JsString::from(n.as_str())).collect();
    synthetic_module(names, Some(path.to_owned()), loader, context)
}

fn own_enumerable_keys(value: &JsValue, context: &mut Context) -> JsResult<Vec<JsString>> {
    if !value.is_object() {
        return Ok(Vec::new());
    }
    let object_constructor = context.intrinsics().constructors().object().constructor();
    let keys_function = object_constructor
        .get(js_string!("keys"), context)?
        .as_callable()
        .ok_or_else(|| JsNativeError::typ().with_message("Object.keys missing"))?;
    let keys = keys_function.call(&JsValue::undefined(), std::slice::from_ref(value), context)?;
    let keys = JsArray::from_object(keys.as_object().ok_or_else(JsNativeError::typ)?)?;
    let length = keys.length(context)?;
    let mut out = Vec::with_capacity(length as usize);
    for index in 0..length {
        out.push(keys.get(index, context)?.to_string(context)?);
    }
    Ok(out)
}

/// A synthetic module exporting `default` = the value `load` returns when the module evaluates,
/// plus each of `names`, read from that value.
fn synthetic_module(
    names: Vec<JsString>,
    path: Option<PathBuf>,
    load: impl Fn(&mut Context) -> JsResult<JsValue> + 'static,
    context: &mut Context,
) -> JsResult<Module> {
    let mut export_names = vec![js_string!("default")];
    export_names.extend(names.iter().filter(|n| **n != js_string!("default")).cloned());
    let load = NativeFunction::from_copy_closure_with_captures(
        |_, _, load: &LoadCell, context| (load.0)(context),
        LoadCell(Rc::new(load)),
    )
    .to_js_function(context.realm());
    let captured = JsArray::from_iter(
        std::iter::once(JsValue::from(load)).chain(names.into_iter().map(JsValue::from)),
        context,
    );
    Ok(Module::synthetic(
        &export_names,
        SyntheticModuleInitializer::from_copy_closure_with_captures(
            |module, captured: &JsArray, context| {
                let load = captured.get(0, context)?;
                let exports = load
                    .as_callable()
                    .ok_or_else(|| JsNativeError::typ().with_message("loader missing"))?
                    .call(&JsValue::undefined(), &[], context)?;
                set_exports_from(module, &exports, captured, context)
            },
            captured,
        ),
        path,
        None,
        context,
    ))
}

/// A Rust closure kept alive inside a native function; it holds no JavaScript values, so there is
/// nothing for the collector to trace.
#[derive(Clone)]
struct LoadCell(Rc<LoadFn>);

type LoadFn = dyn Fn(&mut Context) -> JsResult<JsValue>;

impl boa_gc::Finalize for LoadCell {}
// SAFETY: the loaders capture only Rust strings (a file path or a built-in's name), never a
// garbage-collected value.
unsafe impl boa_gc::Trace for LoadCell {
    boa_gc::empty_trace!();
}

fn set_exports_from(
    module: &boa_engine::module::SyntheticModule,
    exports: &JsValue,
    captured: &JsArray,
    context: &mut Context,
) -> JsResult<()> {
    module.set_export(&js_string!("default"), exports.clone())?;
    let length = captured.length(context)?;
    for index in 1..length {
        let name = captured.get(index, context)?.to_string(context)?;
        if name == js_string!("default") {
            continue;
        }
        let value = match exports.as_object() {
            Some(object) => object.get(name.clone(), context)?,
            None => JsValue::undefined(),
        };
        module.set_export(&name, value)?;
    }
    Ok(())
}

/// Node's errors for a failed resolution, in the wording of `import` or `require`.
pub fn resolve_error(
    err: ResolveError,
    specifier: &str,
    parent: Option<&Path>,
    mode: Mode,
    context: &mut Context,
) -> JsError {
    let from = parent.map_or_else(|| "[eval]".to_owned(), |p| p.display().to_string());
    let (message, code) = match (err, mode) {
        (ResolveError::UnknownBuiltin(name), _) => {
            (format!("No such built-in module: {name}"), "ERR_UNKNOWN_BUILTIN_MODULE")
        }
        (ResolveError::NotFound { .. } | ResolveError::PackageNotFound { .. }, Mode::Require) => {
            (format!("Cannot find module '{specifier}'"), "MODULE_NOT_FOUND")
        }
        (ResolveError::NotFound { resolved, .. }, Mode::Import) => {
            let target = resolved.map_or_else(|| specifier.to_owned(), |p| p.display().to_string());
            (
                format!("Cannot find module '{target}' imported from {from}"),
                "ERR_MODULE_NOT_FOUND",
            )
        }
        (ResolveError::PackageNotFound { name }, Mode::Import) => (
            format!("Cannot find package '{name}' imported from {from}"),
            "ERR_MODULE_NOT_FOUND",
        ),
        (ResolveError::DirectoryImport(dir), _) => (
            format!(
                "Directory import '{}' is not supported resolving ES modules imported from {from}",
                dir.display()
            ),
            "ERR_UNSUPPORTED_DIR_IMPORT",
        ),
        (ResolveError::NotExported { package_dir, subpath }, _) => {
            let detail = if subpath == "." {
                format!("No \"exports\" main defined in {}/package.json", package_dir.display())
            } else {
                format!(
                    "Package subpath '{subpath}' is not defined by \"exports\" in {}/package.json",
                    package_dir.display()
                )
            };
            let suffix = if mode == Mode::Import {
                format!(" imported from {from}")
            } else {
                String::new()
            };
            (format!("{detail}{suffix}"), "ERR_PACKAGE_PATH_NOT_EXPORTED")
        }
    };
    with_code(JsNativeError::error().with_message(message), code, context)
}
