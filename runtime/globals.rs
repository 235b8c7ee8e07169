//! The globals every isolate starts with, installed natively: compiling a JavaScript bootstrap cost
//! each isolate (the main one and every worker) ~0.5 ms and ~0.1 MB.
//!
//! Node's globals that live in the stdlib (`process`, `console`, `Buffer`, timers, `URL`, ...) are
//! accessors that load their module on first use. They stay accessors for good: Boa caches a global
//! lookup per call site, and turning an accessor into a data property later leaves such caches stale.

use boa_engine::object::builtins::JsFunction;
use boa_engine::property::PropertyDescriptor;
use boa_engine::{js_string, Context, JsObject, JsResult, JsString, JsValue, NativeFunction};

use crate::isolate::Host;
use crate::modules::require_builtin;

/// (global, built-in module, export; an empty export means the module's exports object itself).
const LAZY_GLOBALS: &[(&str, &str, &str)] = &[
    ("process", "internal/process", "process"),
    ("console", "internal/console_global", ""),
    ("Buffer", "buffer", "Buffer"),
    ("performance", "perf_hooks", "performance"),
    ("structuredClone", "internal/structured_clone", "structuredClone"),
    ("MessageChannel", "internal/worker/io", "MessageChannel"),
    ("MessagePort", "internal/worker/io", "MessagePort"),
    ("BroadcastChannel", "internal/worker/io", "BroadcastChannel"),
    ("MessageEvent", "internal/worker/io", "MessageEvent"),
    ("setTimeout", "internal/timers", "setTimeout"),
    ("clearTimeout", "internal/timers", "clearTimeout"),
    ("setInterval", "internal/timers", "setInterval"),
    ("clearInterval", "internal/timers", "clearInterval"),
    ("setImmediate", "internal/timers", "setImmediate"),
    ("clearImmediate", "internal/timers", "clearImmediate"),
    ("TextEncoder", "internal/encoding", "TextEncoder"),
    ("TextDecoder", "internal/encoding", "TextDecoder"),
    ("URL", "internal/url", "URL"),
    ("URLSearchParams", "internal/url", "URLSearchParams"),
    ("AbortController", "internal/abort_controller", "AbortController"),
    ("AbortSignal", "internal/abort_controller", "AbortSignal"),
    ("Event", "internal/event_target", "Event"),
    ("EventTarget", "internal/event_target", "EventTarget"),
    ("CustomEvent", "internal/event_target", "CustomEvent"),
    ("DOMException", "internal/dom_exception", "DOMException"),
    ("atob", "internal/base64", "atob"),
    ("btoa", "internal/base64", "btoa"),
];

/// Installs `global`, the lazy globals, `queueMicrotask`, and Node's shape of `Error.prototype.stack`.
pub fn install(context: &mut Context) -> JsResult<()> {
    let global = context.global_object();
    let hidden = |value: JsValue| {
        PropertyDescriptor::builder()
            .value(value)
            .writable(true)
            .enumerable(false)
            .configurable(true)
    };
    global.define_property_or_throw(js_string!("global"), hidden(global.clone().into()), context)?;

    for (index, (name, _, _)) in LAZY_GLOBALS.iter().enumerate() {
        let getter = NativeFunction::from_copy_closure(move |_, _, context| lazy_get(index, context));
        let setter = NativeFunction::from_copy_closure(move |_, args, context| {
            let value = args.first().cloned().unwrap_or_default();
            Host::get(context)?.globals.borrow_mut().insert(index, value);
            Ok(JsValue::undefined())
        });
        let realm = context.realm().clone();
        let descriptor = PropertyDescriptor::builder()
            .get(getter.to_js_function(&realm))
            .set(setter.to_js_function(&realm))
            .enumerable(false)
            .configurable(true);
        global.define_property_or_throw(JsString::from(*name), descriptor, context)?;
    }

    let realm = context.realm().clone();
    let queue_microtask = NativeFunction::from_fn_ptr(queue_microtask).to_js_function(&realm);
    global.define_property_or_throw(js_string!("queueMicrotask"), hidden(queue_microtask.into()), context)?;

    install_error_stack(context)
}

fn lazy_get(index: usize, context: &mut Context) -> JsResult<JsValue> {
    let host = Host::get(context)?;
    if let Some(value) = host.globals.borrow().get(&index) {
        return Ok(value.clone());
    }
    let (_, module, export) = LAZY_GLOBALS[index];
    let exports = require_builtin(context, module)?;
    let value = match exports.as_object() {
        Some(exports) if !export.is_empty() => exports.get(JsString::from(export), context)?,
        _ => exports,
    };
    host.globals.borrow_mut().insert(index, value.clone());
    Ok(value)
}

/// `queueMicrotask(callback)`, with Node's error for a non-function.
fn queue_microtask(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let callback = args.first().cloned().unwrap_or_default();
    if !callback.is_callable() {
        let args = [js_string!("callback").into(), js_string!("Function").into(), callback];
        return Err(crate::clone::node_error("ERR_INVALID_ARG_TYPE", &args, context));
    }
    crate::ops::timers::queue_microtask(&JsValue::undefined(), &[callback], context)
}

/// Boa's `stack` holds only the frames; Node's starts with the `Name: message` line, and its frames have
/// V8's shape (runtime/stack.rs).
fn install_error_stack(context: &mut Context) -> JsResult<()> {
    let prototype = context.intrinsics().constructors().error().prototype();
    let descriptor = prototype.borrow().properties().get(&js_string!("stack").into());
    let Some(frames) = descriptor
        .and_then(|d| d.get().cloned())
        .and_then(|getter| getter.as_object())
        .and_then(JsFunction::from_object)
    else {
        return Ok(());
    };
    let realm = context.realm().clone();
    let getter = NativeFunction::from_copy_closure_with_captures(
        |this, _, frames: &JsFunction, context| {
            let trace = frames.call(this, &[], context)?;
            let Some(trace) = trace.as_string().map(|t| t.to_std_string_escaped()) else {
                return Ok(trace);
            };
            let header = error_header(this, context);
            let trace = crate::stack::node_frames(&trace, context);
            let text = if trace.is_empty() {
                header
            } else {
                format!("{header}\n{trace}")
            };
            Ok(JsString::from(text).into())
        },
        frames,
    )
    .to_js_function(&realm);
    let setter = NativeFunction::from_fn_ptr(|this, args, context| {
        if let Some(object) = this.as_object() {
            let value = args.first().cloned().unwrap_or_default();
            object.define_property_or_throw(
                js_string!("stack"),
                PropertyDescriptor::builder()
                    .value(value)
                    .writable(true)
                    .enumerable(false)
                    .configurable(true),
                context,
            )?;
        }
        Ok(JsValue::undefined())
    })
    .to_js_function(&realm);
    prototype.define_property_or_throw(
        js_string!("stack"),
        PropertyDescriptor::builder()
            .get(getter)
            .set(setter)
            .enumerable(false)
            .configurable(true),
        context,
    )?;
    Ok(())
}

/// `Error.prototype.toString.call(error)`, or `Error` when that throws.
fn error_header(error: &JsValue, context: &mut Context) -> String {
    let prototype: JsObject = context.intrinsics().constructors().error().prototype();
    prototype
        .get(js_string!("toString"), context)
        .ok()
        .and_then(|f| f.as_callable())
        .and_then(|f| f.call(error, &[], context).ok())
        .and_then(|s| s.as_string().map(|s| s.to_std_string_escaped()))
        .unwrap_or_else(|| "Error".into())
}
