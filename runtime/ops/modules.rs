//! What the CommonJS loader (stdlib/internal/modules/cjs.js) needs natively: compiling a module's
//! wrapper function, Node's resolution, the file format rules and the built-in table.

use std::path::Path;

use boa_engine::{Context, JsResult, JsValue};

use super::{js_str, string_arg, string_array, Op};
use crate::isolate::Host;
use crate::modules::loader::resolve_error;
use crate::modules::resolve::{Format, Mode, Resolved};
use crate::modules::{builtins, compile_function, require_builtin};

pub const OPS: &[(&str, usize, Op)] = &[
    ("compileFunction", 3, compile),
    ("runScript", 2, run_script),
    ("resolve", 3, resolve),
    ("formatOf", 1, format_of),
    ("builtinNames", 0, builtin_names),
    ("requireBuiltin", 1, require_builtin_op),
    ("isBuiltin", 1, is_builtin),
    ("isLoaded", 1, is_loaded),
];

/// `compileFunction(body, filename, params)` → the function `function (params) { body }`.
fn compile(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let body = string_arg(args, 0, context)?;
    let filename = string_arg(args, 1, context)?;
    let params = string_arg(args, 2, context)?;
    Ok(compile_function(context, &body, &filename, &params)?.into())
}

/// `runScript(code, filename)`: a classic script in the global scope.
fn run_script(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let code = string_arg(args, 0, context)?;
    let filename = string_arg(args, 1, context)?;
    crate::modules::run_script(context, &code, &filename)
}

/// `resolve(specifier, parentDir, mode)` → `node:<name>` for a built-in, else an absolute path;
/// throws Node's not-found errors.
fn resolve(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let specifier = string_arg(args, 0, context)?;
    let parent_dir = string_arg(args, 1, context)?;
    let mode = if string_arg(args, 2, context)? == "import" {
        Mode::Import
    } else {
        Mode::Require
    };
    let host = Host::get(context)?;
    let resolved = host
        .resolver
        .borrow_mut()
        .resolve(&specifier, Path::new(&parent_dir), mode);
    match resolved {
        Ok(Resolved::Builtin(name)) => Ok(js_str(&format!("node:{name}"))),
        Ok(Resolved::File(path)) => Ok(js_str(&path.to_string_lossy())),
        Err(err) => Err(resolve_error(err, &specifier, None, mode, context)),
    }
}

fn format_of(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = string_arg(args, 0, context)?;
    let host = Host::get(context)?;
    let format = host.resolver.borrow_mut().format_of(Path::new(&path));
    Ok(js_str(match format {
        Format::Module => "module",
        Format::CommonJs => "commonjs",
        Format::Json => "json",
    }))
}

fn builtin_names(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let host = Host::get(context)?;
    let mut names: Vec<String> = builtins::public_names().map(str::to_owned).collect();
    names.extend(host.options.extensions.names().map(str::to_owned));
    names.sort_unstable();
    Ok(string_array(names, context))
}

fn require_builtin_op(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = string_arg(args, 0, context)?;
    require_builtin(context, &name)
}

fn is_builtin(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = string_arg(args, 0, context)?;
    Ok(JsValue::from(
        Host::get(context)?.resolver.borrow().names_builtin(&name),
    ))
}

/// Whether built-in `name` has been loaded in this isolate (without loading it).
fn is_loaded(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = string_arg(args, 0, context)?;
    Ok(Host::get(context)?.builtins.borrow().contains_key(&name).into())
}
