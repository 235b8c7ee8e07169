//! `JsValue` → `Message`: the HTML structured-serialize steps, with V8's choices where Node shows
//! them (the `could not be cloned.` messages, array extras, error fields).

use std::collections::HashMap;

use boa_engine::builtins::error::Error as ErrorData;
use boa_engine::object::builtins::{
    JsArray, JsArrayBuffer, JsDataView, JsDate, JsMap, JsProxy, JsRegExp, JsSet, JsSharedArrayBuffer, JsTypedArray,
};
use boa_engine::property::PropertyKey;
use boa_engine::{js_string, Context, JsBigInt, JsObject, JsResult, JsString, JsValue, JsVariant};

use super::{data_clone_error, node_error, ErrorKind, Message, Object, StackGuard, Text, Value};
use crate::worker::{self, PortHandle};

/// Clones `value`, moving the ArrayBuffers and MessagePorts named in `transfer`. On error nothing
/// is detached or moved.
pub fn serialize(value: &JsValue, transfer: &[JsValue], context: &mut Context) -> JsResult<Message> {
    let mut serializer = Serializer::new(transfer, context)?;
    let root = serializer.value(value, context)?;
    let Serializer {
        objects,
        transfer_buffers,
        transfer_ports,
        ..
    } = serializer;
    // Only now, with the whole value cloned, do the transfers take effect.
    let mut transferred = Vec::with_capacity(transfer_buffers.len());
    for buffer in transfer_buffers {
        transferred.push(buffer.detach(&JsValue::undefined())?);
    }
    let mut ports = Vec::with_capacity(transfer_ports.len());
    for (_, id) in transfer_ports {
        ports.push(worker::take_port_for_transfer(id, context)?);
    }
    Ok(Message {
        root,
        objects,
        transferred,
        ports,
    })
}

struct Serializer {
    stack: StackGuard,
    objects: Vec<Object>,
    seen: HashMap<JsObject, u32>,
    transfer_buffers: Vec<JsArrayBuffer>,
    transfer_ports: Vec<(JsObject, u64)>,
}

impl Serializer {
    fn new(transfer: &[JsValue], context: &mut Context) -> JsResult<Self> {
        let mut serializer = Self {
            stack: StackGuard::new(),
            objects: Vec::new(),
            seen: HashMap::new(),
            transfer_buffers: Vec::new(),
            transfer_ports: Vec::new(),
        };
        for item in transfer {
            let Some(object) = item.as_object() else {
                return Err(node_error("ERR_INVALID_TRANSFER_OBJECT", &[], context));
            };
            if let Some(id) = object.downcast_ref::<PortHandle>().map(|handle| handle.id) {
                if serializer.transfer_ports.iter().any(|(port, _)| port == &object) {
                    return Err(data_clone_error(
                        "Transfer list contains duplicate MessagePort",
                        context,
                    ));
                }
                if !worker::owns_port(id, context) {
                    return Err(data_clone_error(
                        "MessagePort in transfer list is already detached",
                        context,
                    ));
                }
                serializer.transfer_ports.push((object.clone(), id));
            } else if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
                if serializer
                    .transfer_buffers
                    .iter()
                    .any(|b| JsObject::from(b.clone()) == object)
                {
                    return Err(data_clone_error(
                        "Transfer list contains duplicate ArrayBuffer",
                        context,
                    ));
                }
                if buffer.data().is_none() {
                    return Err(data_clone_error(
                        "An ArrayBuffer is detached and could not be cloned.",
                        context,
                    ));
                }
                serializer.transfer_buffers.push(buffer);
            } else {
                return Err(node_error("ERR_INVALID_TRANSFER_OBJECT", &[], context));
            }
        }
        Ok(serializer)
    }

    fn value(&mut self, value: &JsValue, context: &mut Context) -> JsResult<Value> {
        Ok(match value.variant() {
            JsVariant::Undefined => Value::Undefined,
            JsVariant::Null => Value::Null,
            JsVariant::Boolean(b) => Value::Boolean(b),
            JsVariant::Integer32(n) => Value::Number(f64::from(n)),
            JsVariant::Float64(n) => Value::Number(n),
            JsVariant::String(s) => Value::String(s.to_vec()),
            JsVariant::BigInt(b) => Value::BigInt(b.as_inner().clone()),
            JsVariant::Symbol(symbol) => {
                let text = symbol.descriptive_string().to_std_string_escaped();
                return Err(data_clone_error(&format!("{text} could not be cloned."), context));
            }
            JsVariant::Object(object) => self.object(&object, context)?,
        })
    }

    fn object(&mut self, object: &JsObject, context: &mut Context) -> JsResult<Value> {
        if let Some(&index) = self.seen.get(object) {
            return Ok(Value::Object(index));
        }
        self.stack.check()?;
        // The index is taken before the contents so that references back to this object resolve.
        let index = u32::try_from(self.objects.len()).map_err(|_| data_clone_error("Message too large", context))?;
        self.objects.push(Object::Plain(Vec::new()));
        self.seen.insert(object.clone(), index);
        let cloned = self.contents(object, context)?;
        self.objects[index as usize] = cloned;
        Ok(Value::Object(index))
    }

    fn contents(&mut self, object: &JsObject, context: &mut Context) -> JsResult<Object> {
        if object.is_ordinary() {
            return Ok(Object::Plain(self.properties(object, None, context)?));
        }
        if let Ok(array) = JsArray::from_object(object.clone()) {
            return self.array(object, &array, context);
        }
        if let Some(id) = object.downcast_ref::<PortHandle>().map(|handle| handle.id) {
            return match self.transfer_ports.iter().position(|(_, port)| *port == id) {
                Some(slot) => Ok(Object::Port(slot)),
                None => Err(node_error("ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST", &[], context)),
            };
        }
        if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
            if let Some(slot) = self
                .transfer_buffers
                .iter()
                .position(|b| JsObject::from(b.clone()) == *object)
            {
                return Ok(Object::TransferredBuffer(slot));
            }
            let Some(data) = buffer.data() else {
                return Err(data_clone_error(
                    "An ArrayBuffer is detached and could not be cloned.",
                    context,
                ));
            };
            return Ok(Object::ArrayBuffer(
                boa_engine::object::builtins::AlignedVec::from_slice(0, &data),
            ));
        }
        if let Ok(shared) = JsSharedArrayBuffer::from_object(object.clone()) {
            return Ok(Object::SharedArrayBuffer(shared.inner()));
        }
        if let Ok(view) = JsTypedArray::from_object(object.clone()) {
            let kind = view.kind().ok_or_else(|| not_cloneable(object, context))?;
            let buffer = self.view_buffer(object, view.buffer(context)?, context)?;
            let byte_offset = view.byte_offset(context)? as u64;
            let length = view.length(context)? as u64;
            return Ok(Object::TypedArray {
                kind,
                buffer,
                byte_offset,
                length,
            });
        }
        if let Ok(view) = JsDataView::from_object(object.clone()) {
            let buffer = self.view_buffer(object, view.buffer(context)?, context)?;
            let byte_offset = view.byte_offset(context)?;
            let byte_length = view.byte_length(context)?;
            return Ok(Object::DataView {
                buffer,
                byte_offset,
                byte_length,
            });
        }
        if let Ok(date) = JsDate::from_object(object.clone()) {
            let time = date.get_time(context)?.as_number().unwrap_or(f64::NAN);
            return Ok(Object::Date(time));
        }
        if let Ok(regexp) = JsRegExp::from_object(object.clone()) {
            return Ok(Object::RegExp {
                source: regexp.source(context)?.encode_utf16().collect(),
                flags: regexp.flags(context)?.encode_utf16().collect(),
            });
        }
        if let Ok(map) = JsMap::from_object(object.clone()) {
            let mut entries = Vec::new();
            map.for_each_native(|key, value| {
                entries.push((key, value));
                Ok(())
            })?;
            let mut cloned = Vec::with_capacity(entries.len());
            for (key, value) in entries {
                cloned.push((self.value(&key, context)?, self.value(&value, context)?));
            }
            return Ok(Object::Map(cloned));
        }
        if let Ok(set) = JsSet::from_object(object.clone()) {
            let mut values = Vec::new();
            set.for_each_native(|value| {
                values.push(value);
                Ok(())
            })?;
            let mut cloned = Vec::with_capacity(values.len());
            for value in values {
                cloned.push(self.value(&value, context)?);
            }
            return Ok(Object::Set(cloned));
        }
        if object.is::<ErrorData>() {
            return self.error(object, context);
        }
        if let Some(value) = object.downcast_ref::<bool>().map(|b| *b) {
            return Ok(Object::Boolean(value));
        }
        if let Some(value) = object.downcast_ref::<f64>().map(|n| *n) {
            return Ok(Object::Number(value));
        }
        if let Some(value) = object.downcast_ref::<JsString>().map(|s| s.to_vec()) {
            return Ok(Object::String(value));
        }
        if let Some(value) = object.downcast_ref::<JsBigInt>().map(|b| b.as_inner().clone()) {
            return Ok(Object::BigInt(value));
        }
        Err(not_cloneable(object, context))
    }

    /// The index of a typed array's or DataView's buffer, cloned once however many views share it.
    fn view_buffer(&mut self, view: &JsObject, buffer: JsValue, context: &mut Context) -> JsResult<u32> {
        match self.value(&buffer, context)? {
            Value::Object(index) => Ok(index),
            _ => Err(not_cloneable(view, context)),
        }
    }

    fn array(&mut self, object: &JsObject, array: &JsArray, context: &mut Context) -> JsResult<Object> {
        let length = array.length(context)?;
        let length = u32::try_from(length).unwrap_or(u32::MAX);
        let mut elements = Vec::new();
        let properties = self.properties(object, Some((&mut elements, length)), context)?;
        Ok(Object::Array {
            length,
            elements,
            properties,
        })
    }

    /// Own enumerable string-keyed properties in key order; symbols are skipped. For an array,
    /// `elements` receives the indices below its length.
    fn properties(
        &mut self,
        object: &JsObject,
        mut elements: Option<(&mut Vec<(u32, Value)>, u32)>,
        context: &mut Context,
    ) -> JsResult<Vec<(Text, Value)>> {
        let keys = object.own_property_keys(context)?;
        let mut properties = Vec::with_capacity(keys.len());
        for key in keys {
            let descriptor = object.borrow().properties().get(&key);
            let Some(descriptor) = descriptor else { continue };
            if !descriptor.expect_enumerable() {
                continue;
            }
            let value = match descriptor.value() {
                Some(value) if descriptor.is_data_descriptor() => value.clone(),
                _ => object.get(key.clone(), context)?,
            };
            match key {
                PropertyKey::Symbol(_) => {}
                PropertyKey::Index(index) => {
                    let value = self.value(&value, context)?;
                    match elements.as_mut() {
                        Some((elements, length)) if index.get() < *length => elements.push((index.get(), value)),
                        _ => properties.push((index.get().to_string().encode_utf16().collect(), value)),
                    }
                }
                PropertyKey::String(name) => {
                    if elements.is_some() && name == js_string!("length") {
                        continue;
                    }
                    let value = self.value(&value, context)?;
                    properties.push((name.to_vec(), value));
                }
            }
        }
        Ok(properties)
    }

    /// V8 keeps an error's prototype (by its `name`), own `message`, `stack` and `cause`.
    fn error(&mut self, object: &JsObject, context: &mut Context) -> JsResult<Object> {
        let name = object.get(js_string!("name"), context)?;
        let kind = match name.as_string() {
            Some(name) => ErrorKind::from_name(&name.to_std_string_escaped()),
            None => ErrorKind::Error,
        };
        let own_text = |key: JsString, context: &mut Context| -> JsResult<Option<Text>> {
            let descriptor = object.borrow().properties().get(&key.clone().into());
            match descriptor {
                Some(d) if d.is_data_descriptor() => {
                    let value = d.value().cloned().unwrap_or_default();
                    Ok(Some(value.to_string(context)?.to_vec()))
                }
                _ => Ok(None),
            }
        };
        let message = own_text(js_string!("message"), context)?;
        let stack = match object.get(js_string!("stack"), context)? {
            value if value.is_string() => value.as_string().map(|s| s.to_vec()),
            _ => None,
        };
        let cause = if object.has_own_property(js_string!("cause"), context)? {
            let cause = object.get(js_string!("cause"), context)?;
            Some(self.value(&cause, context)?)
        } else {
            None
        };
        Ok(Object::Error {
            kind,
            message,
            stack,
            cause,
        })
    }
}

/// `DataCloneError: <value> could not be cloned.` — V8 names functions by their source text and
/// other objects as `#<Constructor>`.
fn not_cloneable(object: &JsObject, context: &mut Context) -> boa_engine::JsError {
    let text = if object.is_callable() {
        JsValue::from(object.clone())
            .to_string(context)
            .map(|s| s.to_std_string_escaped())
            .unwrap_or_else(|_| "function".into())
    } else if JsProxy::from_object(object.clone()).is_ok() {
        "#<Object>".into()
    } else {
        format!("#<{}>", constructor_name(object, context))
    };
    data_clone_error(&format!("{text} could not be cloned."), context)
}

fn constructor_name(object: &JsObject, context: &mut Context) -> String {
    let name = object
        .get(js_string!("constructor"), context)
        .ok()
        .and_then(|c| c.as_object())
        .and_then(|c| c.get(js_string!("name"), context).ok())
        .and_then(|n| n.as_string().map(|s| s.to_std_string_escaped()));
    match name {
        Some(name) if !name.is_empty() => name,
        _ => "Object".into(),
    }
}
