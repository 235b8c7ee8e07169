//! The native functions the stdlib calls, one file per area, gathered on the `binding` object every
//! stdlib module receives (`binding.fs.readFile(...)`). Node's API shape lives in the JavaScript;
//! these stay small and boring.

pub mod buffer;
pub mod child_process;
pub mod fd;
pub mod fs;
pub mod http;
pub mod ipc;
pub mod message_port;
pub mod modules;
pub mod net;
pub mod os;
pub mod process;
pub mod timers;
pub mod tty;
pub mod url;
pub mod util;
pub mod worker;

use boa_engine::object::ObjectInitializer;
use boa_engine::property::{Attribute, PropertyDescriptor};
use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction};

/// A native op: `(this, args, context) -> value`.
pub type Op = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

/// The ops of one area: (name, length, function).
pub type Ops = &'static [(&'static str, usize, Op)];

/// The areas of the `binding` object, each a namespace of ops.
const NAMESPACES: &[(&str, Ops)] = &[
    ("buffer", buffer::OPS),
    ("child_process", child_process::OPS),
    ("fd", fd::OPS),
    ("fs", fs::OPS),
    ("http", http::OPS),
    ("ipc", ipc::OPS),
    ("messagePort", message_port::OPS),
    ("modules", modules::OPS),
    ("net", net::OPS),
    ("os", os::OPS),
    ("process", process::OPS),
    ("timers", timers::OPS),
    ("tty", tty::OPS),
    ("url", url::OPS),
    ("util", util::OPS),
    ("worker", worker::OPS),
];

/// Builds the `binding` object. A namespace's functions are made on its first use: most programs touch
/// two or three areas, and every isolate pays for what it builds. The namespaces stay accessors (their
/// objects cached in `Host`): Boa's inline caches go stale if an accessor later becomes a data property.
pub fn create_binding(context: &mut Context) -> JsResult<JsObject> {
    let binding = ObjectInitializer::new(context).build();
    for (index, (name, _)) in NAMESPACES.iter().enumerate() {
        let getter = NativeFunction::from_copy_closure(move |_, _, context| {
            let host = crate::isolate::Host::get(context)?;
            if let Some(object) = host.binding_namespaces.borrow().get(&index) {
                return Ok(object.clone().into());
            }
            let object = namespace(context, NAMESPACES[index].1);
            host.binding_namespaces.borrow_mut().insert(index, object.clone());
            Ok(object.into())
        })
        .to_js_function(context.realm());
        binding.define_property_or_throw(
            JsString::from(*name),
            PropertyDescriptor::builder()
                .get(getter)
                .enumerable(true)
                .configurable(true),
            context,
        )?;
    }
    Ok(binding)
}

fn namespace(context: &mut Context, ops: Ops) -> JsObject {
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

/// The elements of a JavaScript array (an empty list when `value` is not an object).
pub fn array_items(value: &JsValue, context: &mut Context) -> JsResult<Vec<JsValue>> {
    let Some(object) = value.as_object() else {
        return Ok(Vec::new());
    };
    let array = boa_engine::object::builtins::JsArray::from_object(object)?;
    let length = array.length(context)?;
    (0..length).map(|i| array.get(i, context)).collect()
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
