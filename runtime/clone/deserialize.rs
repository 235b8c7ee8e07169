//! `Message` → `JsValue` in the receiving isolate, with that isolate's own constructors.

use boa_engine::builtins::typed_array::TypedArrayKind;
use boa_engine::object::builtins::{
    JsArray, JsArrayBuffer, JsDataView, JsDate, JsMap, JsRegExp, JsSet, JsSharedArrayBuffer,
};
use boa_engine::property::PropertyDescriptor;
use boa_engine::{js_string, Context, JsBigInt, JsNativeError, JsObject, JsResult, JsString, JsValue};

use super::{ErrorKind, Message, Object, StackGuard, Value};
use crate::worker;

/// Rebuilds `message`, adopting any transferred ports into this isolate.
pub fn deserialize(message: Message, context: &mut Context) -> JsResult<JsValue> {
    let Message {
        root,
        objects,
        transferred,
        ports,
    } = message;
    let mut deserializer = Deserializer {
        stack: StackGuard::new(),
        built: vec![None; objects.len()],
        objects,
        transferred: transferred.into_iter().map(Some).collect(),
        ports: ports.into_iter().map(Some).collect(),
    };
    deserializer.value(&root, context)
}

struct Deserializer {
    stack: StackGuard,
    objects: Vec<Object>,
    built: Vec<Option<JsObject>>,
    transferred: Vec<Option<boa_engine::object::builtins::AlignedVec<u8>>>,
    ports: Vec<Option<std::sync::Arc<crate::worker::port::PortEnd>>>,
}

fn malformed() -> boa_engine::JsError {
    JsNativeError::typ()
        .with_message("Unable to deserialize cloned data.")
        .into()
}

fn text(units: &[u16]) -> JsString {
    JsString::from(units)
}

impl Deserializer {
    fn value(&mut self, value: &Value, context: &mut Context) -> JsResult<JsValue> {
        Ok(match value {
            Value::Undefined => JsValue::undefined(),
            Value::Null => JsValue::null(),
            Value::Boolean(b) => JsValue::from(*b),
            Value::Number(n) => JsValue::from(*n),
            Value::BigInt(b) => JsValue::from(JsBigInt::new(b.clone())),
            Value::String(s) => JsValue::from(text(s)),
            Value::Object(index) => self.object(*index as usize, context)?.into(),
        })
    }

    fn object(&mut self, index: usize, context: &mut Context) -> JsResult<JsObject> {
        if let Some(Some(object)) = self.built.get(index) {
            return Ok(object.clone());
        }
        if index >= self.objects.len() {
            return Err(malformed());
        }
        self.stack.check()?;
        // Containers are registered before their contents so that cycles close on themselves; the
        // contents are taken out of the table so the table stays borrow-free during recursion.
        let object = std::mem::replace(&mut self.objects[index], Object::Plain(Vec::new()));
        let built = match object {
            Object::Plain(properties) => {
                let target = JsObject::with_object_proto(context.intrinsics());
                self.built[index] = Some(target.clone());
                self.fill(&target, &properties, context)?;
                target
            }
            Object::Array {
                length,
                elements,
                properties,
            } => {
                let array = JsArray::new(context)?;
                let target = JsObject::from(array);
                self.built[index] = Some(target.clone());
                target.set(js_string!("length"), length, true, context)?;
                for (element_index, value) in &elements {
                    let value = self.value(value, context)?;
                    target.create_data_property_or_throw(*element_index, value, context)?;
                }
                self.fill(&target, &properties, context)?;
                target
            }
            Object::Map(entries) => {
                let map = JsMap::new(context);
                self.built[index] = Some(map.clone().into());
                for (key, value) in &entries {
                    let key = self.value(key, context)?;
                    let value = self.value(value, context)?;
                    map.set(key, value, context)?;
                }
                map.into()
            }
            Object::Set(values) => {
                let set = JsSet::new(context);
                self.built[index] = Some(set.clone().into());
                for value in &values {
                    let value = self.value(value, context)?;
                    set.add(value, context)?;
                }
                set.into()
            }
            Object::Error {
                kind,
                message,
                stack,
                cause,
            } => {
                let error = self.error(kind, message.as_deref(), stack.as_deref(), context)?;
                self.built[index] = Some(error.clone());
                if let Some(cause) = cause {
                    let cause = self.value(&cause, context)?;
                    define_hidden(&error, js_string!("cause"), cause, context)?;
                }
                error
            }
            leaf => {
                let built = self.leaf(leaf, context)?;
                self.built[index] = Some(built.clone());
                built
            }
        };
        Ok(built)
    }

    /// Objects without contents that could refer back to themselves.
    fn leaf(&mut self, object: Object, context: &mut Context) -> JsResult<JsObject> {
        Ok(match object {
            Object::Boolean(b) => box_primitive(context.intrinsics().constructors().boolean().prototype(), b),
            Object::Number(n) => box_primitive(context.intrinsics().constructors().number().prototype(), n),
            Object::String(s) => {
                let constructor = context.intrinsics().constructors().string().constructor();
                constructor
                    .construct(&[text(&s).into()], None, context)
                    .map_err(|_| malformed())?
            }
            Object::BigInt(b) => {
                let bigint = JsValue::from(JsBigInt::new(b));
                bigint.to_object(context)?
            }
            Object::Date(time) => {
                let date = JsDate::new(context);
                date.set_time(time, context)?;
                date.into()
            }
            Object::RegExp { source, flags } => JsRegExp::new(text(&source), text(&flags), context)?.into(),
            Object::ArrayBuffer(bytes) => JsArrayBuffer::from_byte_block(bytes, context)?.into(),
            Object::TransferredBuffer(slot) => {
                let bytes = self
                    .transferred
                    .get_mut(slot)
                    .and_then(Option::take)
                    .ok_or_else(malformed)?;
                JsArrayBuffer::from_byte_block(bytes, context)?.into()
            }
            Object::SharedArrayBuffer(shared) => JsSharedArrayBuffer::from_buffer(shared, context).into(),
            Object::TypedArray {
                kind,
                buffer,
                byte_offset,
                length,
            } => {
                let buffer = self.buffer(buffer, context)?;
                let constructor = typed_array_constructor(kind, context);
                constructor.construct(&[buffer.into(), byte_offset.into(), length.into()], None, context)?
            }
            Object::DataView {
                buffer,
                byte_offset,
                byte_length,
            } => {
                let buffer = self.buffer(buffer, context)?;
                if let Ok(buffer) = JsArrayBuffer::from_object(buffer.clone()) {
                    JsDataView::from_js_array_buffer(buffer, Some(byte_offset), Some(byte_length), context)?.into()
                } else {
                    let constructor = context.intrinsics().constructors().data_view().constructor();
                    constructor.construct(&[buffer.into(), byte_offset.into(), byte_length.into()], None, context)?
                }
            }
            Object::Port(slot) => {
                let end = self.ports.get_mut(slot).and_then(Option::take).ok_or_else(malformed)?;
                worker::adopt_port(end, context)?
            }
            Object::Plain(_) | Object::Array { .. } | Object::Map(_) | Object::Set(_) | Object::Error { .. } => {
                return Err(malformed())
            }
        })
    }

    /// The buffer a view sits on. Anything else would make the TypedArray constructor treat it as an
    /// iterable (an array of length 2^32 - 1 would take minutes), so a malformed message is refused.
    fn buffer(&mut self, index: u32, context: &mut Context) -> JsResult<JsObject> {
        let buffer = self.object(index as usize, context)?;
        if JsArrayBuffer::from_object(buffer.clone()).is_ok()
            || JsSharedArrayBuffer::from_object(buffer.clone()).is_ok()
        {
            Ok(buffer)
        } else {
            Err(malformed())
        }
    }

    fn fill(&mut self, target: &JsObject, properties: &[(Vec<u16>, Value)], context: &mut Context) -> JsResult<()> {
        for (key, value) in properties {
            let value = self.value(value, context)?;
            target.create_data_property_or_throw(text(key), value, context)?;
        }
        Ok(())
    }

    fn error(
        &mut self,
        kind: ErrorKind,
        message: Option<&[u16]>,
        stack: Option<&[u16]>,
        context: &mut Context,
    ) -> JsResult<JsObject> {
        let constructors = context.intrinsics().constructors();
        let constructor = match kind {
            ErrorKind::Error => constructors.error(),
            ErrorKind::EvalError => constructors.eval_error(),
            ErrorKind::RangeError => constructors.range_error(),
            ErrorKind::ReferenceError => constructors.reference_error(),
            ErrorKind::SyntaxError => constructors.syntax_error(),
            ErrorKind::TypeError => constructors.type_error(),
            ErrorKind::UriError => constructors.uri_error(),
        }
        .constructor();
        let error = constructor.construct(&[], None, context)?;
        if let Some(message) = message {
            define_hidden(&error, js_string!("message"), text(message).into(), context)?;
        }
        if let Some(stack) = stack {
            define_hidden(&error, js_string!("stack"), text(stack).into(), context)?;
        }
        Ok(error)
    }
}

/// Writable, configurable, not enumerable: how Error's own properties look.
fn define_hidden(target: &JsObject, key: JsString, value: JsValue, context: &mut Context) -> JsResult<()> {
    target.define_property_or_throw(
        key,
        PropertyDescriptor::builder()
            .value(value)
            .writable(true)
            .configurable(true)
            .enumerable(false),
        context,
    )?;
    Ok(())
}

/// A `Boolean`/`Number` wrapper object, as `Object(value)` makes it.
fn box_primitive<T: boa_engine::object::NativeObject>(prototype: JsObject, value: T) -> JsObject {
    JsObject::from_proto_and_data(prototype, value)
}

fn typed_array_constructor(kind: TypedArrayKind, context: &mut Context) -> JsObject {
    let constructors = context.intrinsics().constructors();
    match kind {
        TypedArrayKind::Int8 => constructors.typed_int8_array(),
        TypedArrayKind::Uint8 => constructors.typed_uint8_array(),
        TypedArrayKind::Uint8Clamped => constructors.typed_uint8clamped_array(),
        TypedArrayKind::Int16 => constructors.typed_int16_array(),
        TypedArrayKind::Uint16 => constructors.typed_uint16_array(),
        TypedArrayKind::Int32 => constructors.typed_int32_array(),
        TypedArrayKind::Uint32 => constructors.typed_uint32_array(),
        TypedArrayKind::BigInt64 => constructors.typed_bigint64_array(),
        TypedArrayKind::BigUint64 => constructors.typed_biguint64_array(),
        TypedArrayKind::Float16 => constructors.typed_float16_array(),
        TypedArrayKind::Float32 => constructors.typed_float32_array(),
        TypedArrayKind::Float64 => constructors.typed_float64_array(),
    }
    .constructor()
}
