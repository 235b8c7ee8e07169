//! Modules: the embedded stdlib (`builtins`), Node's resolution (`resolve`), the ES module loader
//! Boa calls (`loader`), export-name detection for CommonJS imported from ESM (`cjs_lexer`), and
//! here the pieces they share: compiling wrapped functions and loading built-ins.

pub mod builtins;
pub mod cjs_lexer;
pub mod loader;
pub mod resolve;

use std::cell::RefCell;
use std::path::Path;

use boa_engine::builtins::promise::OperationType;
use boa_engine::context::HostHooks;
use boa_engine::object::builtins::JsFunction;
use boa_engine::object::{FunctionObjectBuilder, ObjectInitializer};
use boa_engine::{
    js_string, Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, Script, Source,
};

use crate::embed::{ModuleBody, NativeFn};
use crate::isolate::Host;

/// Compiles `body` as the body of `function (<params>) { ... }`, with `path` naming the file in
/// stack traces. The wrapper opens on the body's first line, so line numbers stay true.
pub fn compile_function(context: &mut Context, body: &str, path: &str, params: &str) -> JsResult<JsFunction> {
    let body = match body.strip_prefix("#!") {
        Some(rest) => format!("//{rest}"), // a hashbang is only valid at the very start of a file
        None => body.to_owned(),
    };
    let prefix = format!("(function ({params}) {{");
    let wrapped = format!("{prefix}{body}\n}})");
    let kind = crate::stack::SourceKind::Wrapped {
        prefix: prefix.chars().count(),
    };
    crate::stack::register(context, path, kind, None);
    let source = Source::from_bytes(wrapped.as_bytes()).with_path(Path::new(path));
    let script = Script::parse(source, None, context)
        .map_err(|err| located_syntax_error(err, path, prefix.chars().count(), context))?;
    let function = script.evaluate(context)?;
    function.as_function().ok_or_else(|| {
        JsNativeError::typ()
            .with_message("compiled wrapper is not a function")
            .into()
    })
}

/// Runs `code` as a classic script in the global scope (Node's `-e` and `eval: true` workers, where a
/// top-level `var` lands on `globalThis`).
pub fn run_script(context: &mut Context, code: &str, path: &str) -> JsResult<JsValue> {
    let source = Source::from_bytes(code.as_bytes()).with_path(Path::new(path));
    crate::stack::register(context, path, crate::stack::SourceKind::Script, Some(code));
    let script = Script::parse(source, None, context).map_err(|err| located_syntax_error(err, path, 0, context))?;
    script.evaluate(context)
}

/// The (non-enumerable) property in which a SyntaxError carries `path:line:column`, for the
/// uncaught-error report
/// report (a parse error has no stack frame to point at).
pub const SOURCE_LOCATION_KEY: &str = "__rtSourceLocation";

/// Rewrites Boa's parse error (`unexpected token ';', primary expression at line 1, col 72`) as
/// Node's (`Unexpected token ';'`), remembering where it happened; `first_line_offset` undoes a
/// wrapper's shift of line 1.
pub fn located_syntax_error(
    err: boa_engine::JsError,
    path: &str,
    first_line_offset: usize,
    context: &mut Context,
) -> boa_engine::JsError {
    let Ok(native) = err.try_native(context) else {
        return err;
    };
    let message = native.message().to_string();
    let Some((text, position)) = message.rsplit_once(" at line ") else {
        return err;
    };
    let mut numbers = position.split(", col ").map(|n| n.trim().parse::<usize>().unwrap_or(1));
    let line = numbers.next().unwrap_or(1);
    let mut column = numbers.next().unwrap_or(1);
    if line == 1 {
        column = column.saturating_sub(first_line_offset).max(1);
    }
    let text = match text.find("', ") {
        Some(end) => &text[..=end],
        None => text,
    };
    let mut chars = text.chars();
    let text: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let error = JsNativeError::syntax().with_message(text).into_opaque(context);
    let location = JsString::from(format!("{path}:{line}:{column}"));
    let key = JsString::from(SOURCE_LOCATION_KEY);
    let _ = error.define_property_or_throw(
        key,
        boa_engine::property::PropertyDescriptor::builder()
            .value(location)
            .enumerable(false)
            .writable(true)
            .configurable(true),
        context,
    );
    boa_engine::JsError::from_opaque(error.into())
}

/// Gives an error made before any JavaScript ran (an ES module that fails to read or parse) a `stack`: its
/// `Name: message` line and the one frame there is, rt's module loader (Node's lists its loader's frames),
/// so that it prints as Node's does rather than as a frameless `[Name: message]`.
pub fn with_header_stack(err: boa_engine::JsError, context: &mut Context) -> boa_engine::JsError {
    let Some(error) = err.as_opaque().and_then(JsValue::as_object) else {
        return err;
    };
    let part = |key: JsString, context: &mut Context| {
        error
            .get(key, context)
            .ok()
            .filter(|v| !v.is_undefined())
            .and_then(|v| v.to_string(context).ok())
            .map(|s| s.to_std_string_escaped())
    };
    let name = part(js_string!("name"), context).unwrap_or_else(|| "Error".into());
    let header = match part(js_string!("message"), context) {
        Some(message) if !message.is_empty() => format!("{name}: {message}"),
        _ => name,
    };
    let stack = format!("{header}\n    at ModuleLoader (native)");
    let _ = error.define_property_or_throw(
        js_string!("stack"),
        boa_engine::property::PropertyDescriptor::builder()
            .value(JsString::from(stack))
            .enumerable(false)
            .writable(true)
            .configurable(true),
        context,
    );
    err
}

/// Export `name` of built-in `module` (a function, class or object), e.g. the hooks the loop calls.
pub fn builtin_export(context: &mut Context, module: &str, name: &str) -> JsResult<JsObject> {
    let exports = require_builtin(context, module)?;
    let export = match exports.as_object() {
        Some(exports) => exports.get(JsString::from(name), context)?,
        None => JsValue::undefined(),
    };
    export.as_object().ok_or_else(|| {
        JsNativeError::typ()
            .with_message(format!("{module}.{name} is missing"))
            .into()
    })
}

/// Loads built-in `name` (`events`, `internal/errors`; a `node:` prefix is accepted) and returns its
/// `module.exports`. Each built-in is compiled once per isolate, on first use.
pub fn require_builtin(context: &mut Context, name: &str) -> JsResult<JsValue> {
    let name = name.strip_prefix("node:").unwrap_or(name);
    let host = Host::get(context)?;
    let cached = host.builtins.borrow().get(name).cloned();
    if let Some(module) = cached {
        return module.get(js_string!("exports"), context);
    }
    let precompiled = host.precompiled.borrow_mut().remove(name);
    let function = match precompiled {
        Some(function) => function,
        None => match host.options.extensions.get(name) {
            Some(ModuleBody::Native(functions)) => {
                let functions = functions.clone();
                return native_module(context, name, &functions);
            }
            Some(ModuleBody::Source(source)) if builtins::source(name).is_none() => {
                let source = source.clone();
                compile_module_body(context, name, &source)?
            }
            _ => compile_builtin(context, name)?,
        },
    };
    let exports = JsObject::with_object_proto(context.intrinsics());
    let module = module_record(context, name, &exports);
    // Cached before it runs, so modules that require each other see the partial exports (as in Node).
    host.builtins.borrow_mut().insert(name.to_owned(), module.clone());
    let require = NativeFunction::from_fn_ptr(builtin_require_op).to_js_function(context.realm());
    let binding = host
        .binding
        .borrow()
        .clone()
        .map_or(JsValue::undefined(), JsValue::from);
    let result = function.call(
        &JsValue::undefined(),
        &[exports.into(), require.into(), module.clone().into(), binding],
        context,
    );
    if let Err(err) = result {
        host.builtins.borrow_mut().remove(name);
        return Err(err);
    }
    module.get(js_string!("exports"), context)
}

/// Compiles stdlib module `name` into its wrapper function (not yet run).
pub fn compile_builtin(context: &mut Context, name: &str) -> JsResult<JsFunction> {
    let Some(source) = builtins::source(name) else {
        return Err(unknown_builtin(name, context));
    };
    compile_module_body(context, name, source)
}

/// `(function (exports, require, module, binding) { 'use strict'; <source> })`: how a stdlib file (or a
/// host's JavaScript module) is wrapped.
fn compile_module_body(context: &mut Context, name: &str, source: &str) -> JsResult<JsFunction> {
    if std::env::var_os("RT_TRACE_BUILTINS").is_some() {
        eprintln!(
            "[{:?}] builtin {name} {} bytes",
            std::thread::current().name(),
            source.len()
        );
    }
    compile_function(
        context,
        &format!("'use strict';{source}"),
        &format!("node:{name}"),
        "exports, require, module, binding",
    )
}

/// A built-in's `module` object: `{ exports, id }`.
fn module_record(context: &mut Context, name: &str, exports: &JsObject) -> JsObject {
    ObjectInitializer::new(context)
        .property(
            js_string!("exports"),
            exports.clone(),
            boa_engine::property::Attribute::all(),
        )
        .property(
            js_string!("id"),
            JsString::from(name),
            boa_engine::property::Attribute::all(),
        )
        .build()
}

/// A host's native module (runtime/embed): an exports object of its functions, cached like a built-in.
fn native_module(context: &mut Context, name: &str, functions: &[(String, usize, NativeFn)]) -> JsResult<JsValue> {
    let exports = JsObject::with_object_proto(context.intrinsics());
    for (export, length, function) in functions {
        let function = function.clone();
        // SAFETY: `function` is Send + Sync + 'static, so it cannot hold garbage-collected engine
        // values (they are neither Send nor Sync): there is nothing in it for the collector to trace.
        let native = unsafe { NativeFunction::from_closure(move |this, args, context| function(this, args, context)) };
        let name = JsString::from(export.as_str());
        let function = FunctionObjectBuilder::new(context.realm(), native)
            .name(name.clone())
            .length(*length)
            .build();
        // Enumerable, like a CommonJS module's exports, so `import { name }` finds them.
        exports.set(name, function, true, context)?;
    }
    let module = module_record(context, name, &exports);
    Host::get(context)?
        .builtins
        .borrow_mut()
        .insert(name.to_owned(), module);
    Ok(exports.into())
}

/// The `require` stdlib modules get: built-ins only.
fn builtin_require_op(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = args.first().cloned().unwrap_or_default().to_string(context)?;
    require_builtin(context, &name.to_std_string_escaped())
}

fn unknown_builtin(name: &str, context: &mut Context) -> boa_engine::JsError {
    let err = JsNativeError::error().with_message(format!("No such built-in module: {name}"));
    with_code(err, "ERR_UNKNOWN_BUILTIN_MODULE", context)
}

/// Gives a native error Node's `code` property.
pub fn with_code(err: JsNativeError, code: &str, context: &mut Context) -> boa_engine::JsError {
    let object = err.into_opaque(context);
    let _ = object.set(js_string!("code"), JsString::from(code), false, context);
    boa_engine::JsError::from_opaque(object.into())
}

/// Promises rejected with no handler yet, for the loop to report once microtasks drain
/// (HostPromiseRejectionTracker).
#[derive(Default)]
pub struct RejectionTracker {
    pending: RefCell<Vec<JsObject>>,
}

impl RejectionTracker {
    pub fn take_pending(&self) -> Vec<JsObject> {
        std::mem::take(&mut *self.pending.borrow_mut())
    }
}

pub struct HostHooksImpl {
    rejections: std::rc::Rc<RejectionTracker>,
}

impl HostHooksImpl {
    pub fn new(rejections: std::rc::Rc<RejectionTracker>) -> Self {
        Self { rejections }
    }
}

impl HostHooks for HostHooksImpl {
    fn promise_rejection_tracker(
        &self,
        promise: &JsObject<boa_engine::builtins::promise::Promise>,
        operation: OperationType,
        _context: &mut Context,
    ) {
        let promise = promise.clone().upcast();
        let mut pending = self.rejections.pending.borrow_mut();
        match operation {
            OperationType::Reject => pending.push(promise),
            OperationType::Handle => pending.retain(|p| p != &promise),
        }
    }
}
