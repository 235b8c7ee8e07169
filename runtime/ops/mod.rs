//! The native functions the stdlib calls, one file per area, gathered on the `binding` object every
//! stdlib module receives (`binding.fs.readFile(...)`). Node's API shape lives in the JavaScript;
//! these stay small and boring.

pub mod buffer;
pub mod fs;
pub mod modules;
pub mod os;
pub mod process;
pub mod timers;
pub mod url;
pub mod util;
pub mod worker;

use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction};

/// A native op: `(this, args, context) -> value`.
pub type Op = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

/// Builds the `binding` object: one namespace object per area.
pub fn create_binding(context: &mut Context) -> JsResult<JsObject> {
    let namespaces: [(&str, JsObject); 9] = [
        ("buffer", namespace(context, buffer::OPS)),
        ("fs", namespace(context, fs::OPS)),
        ("modules", namespace(context, modules::OPS)),
        ("os", namespace(context, os::OPS)),
        ("process", namespace(context, process::OPS)),
        ("timers", namespace(context, timers::OPS)),
        ("url", namespace(context, url::OPS)),
        ("util", namespace(context, util::OPS)),
        ("worker", namespace(context, worker::OPS)),
    ];
    let mut binding = ObjectInitializer::new(context);
    for (name, object) in namespaces {
        binding.property(JsString::from(name), object, Attribute::all());
    }
    Ok(binding.build())
}

fn namespace(context: &mut Context, ops: &[(&str, usize, Op)]) -> JsObject {
    let mut object = ObjectInitializer::new(context);
    for (name, length, op) in ops {
        object.function(NativeFunction::from_fn_ptr(*op), JsString::from(*name), *length);
    }
    object.build()
}

/// Argument `index` as a Rust string (`String(value)` semantics).
pub fn string_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<String> {
    Ok(args
        .get(index)
        .cloned()
        .unwrap_or_default()
        .to_string(context)?
        .to_std_string_escaped())
}

/// Argument `index` as a number, or `default` when absent/undefined.
pub fn number_arg(args: &[JsValue], index: usize, default: f64, context: &mut Context) -> JsResult<f64> {
    match args.get(index) {
        Some(value) if !value.is_undefined() => value.to_number(context),
        _ => Ok(default),
    }
}

pub fn object_arg(args: &[JsValue], index: usize) -> JsResult<JsObject> {
    args.get(index).and_then(JsValue::as_object).ok_or_else(|| {
        JsNativeError::typ()
            .with_message(format!("argument {index} must be an object"))
            .into()
    })
}

/// A JavaScript array of strings.
pub fn string_array<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I, context: &mut Context) -> JsValue {
    let values = items.into_iter().map(|s| JsValue::from(JsString::from(s.as_ref())));
    boa_engine::object::builtins::JsArray::from_iter(values, context).into()
}

/// An object built from (key, value) pairs.
pub fn record(context: &mut Context, entries: Vec<(&str, JsValue)>) -> JsValue {
    let mut object = ObjectInitializer::new(context);
    for (key, value) in entries {
        object.property(JsString::from(key), value, Attribute::all());
    }
    object.build().into()
}

/// `js_string!` for runtime strings.
pub fn js_str(text: &str) -> JsValue {
    JsString::from(text).into()
}
