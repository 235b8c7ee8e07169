//! Structured clone, as Node (V8's ValueSerializer) does it: a `JsValue` becomes a `Message`, a plain
//! Rust value that is `Send`, and the receiving isolate rebuilds it with its own constructors.
//!
//! A message is flat: `root` plus a table of objects, where an object refers to another by index.
//! Objects get their index when first met, before their contents, so shared references and cycles
//! come back as the same object. Boa's `boa_runtime::store` does the same job for plain data but has
//! no Error, DataView, boxed primitives or host objects (MessagePort), which Node messages need.

mod deserialize;
#[cfg(any(test, feature = "fuzzing"))]
pub mod from_bytes;
mod serialize;

use std::sync::Arc;

use boa_engine::bigint::RawBigInt;
use boa_engine::builtins::array_buffer::{AlignedVec, SharedArrayBuffer};
use boa_engine::builtins::typed_array::TypedArrayKind;

pub use deserialize::deserialize;
pub use serialize::serialize;

use boa_engine::{Context, JsError, JsNativeError, JsResult, JsValue};

use crate::worker::port::PortEnd;

/// Stack a clone may use before a deep value fails with RangeError (V8's serializer checks its stack the same
/// way); counted in bytes so it holds in debug builds too, whose frames are larger.
const STACK_BUDGET: usize = 1 << 20;

/// Remembers where the stack stood when a clone began.
struct StackGuard {
    base: usize,
}

impl StackGuard {
    fn new() -> Self {
        Self { base: stack_position() }
    }

    fn check(&self) -> Result<(), JsError> {
        if self.base.saturating_sub(stack_position()) > STACK_BUDGET {
            return Err(JsNativeError::range()
                .with_message("Maximum call stack size exceeded")
                .into());
        }
        Ok(())
    }
}

/// An address in the current frame (the stack grows down on every platform rt runs on).
#[inline(never)]
fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Node's coded error `code` (`internal/errors`' `codes[code](...args)`), e.g. `ERR_INVALID_TRANSFER_OBJECT`.
pub fn node_error(code: &str, args: &[JsValue], context: &mut Context) -> JsError {
    let constructor = crate::modules::builtin_export(context, "internal/errors", "codes")
        .and_then(|codes| codes.get(boa_engine::JsString::from(code), context));
    thrown(constructor, args, context)
}

/// A `DOMException` named `DataCloneError`, which is what Node throws for a value it cannot clone.
pub fn data_clone_error(message: &str, context: &mut Context) -> JsError {
    let constructor = crate::modules::builtin_export(context, "internal/dom_exception", "DOMException");
    let args = [
        JsValue::from(boa_engine::JsString::from(message)),
        JsValue::from(boa_engine::js_string!("DataCloneError")),
    ];
    thrown(constructor.map(JsValue::from), &args, context)
}

/// `new constructor(...args)` as an error to throw; a failure to build it is thrown instead.
fn thrown(constructor: JsResult<JsValue>, args: &[JsValue], context: &mut Context) -> JsError {
    let built = constructor.and_then(|constructor| match constructor.as_object() {
        Some(constructor) => constructor.construct(args, None, context),
        None => Err(JsNativeError::typ().with_message("error constructor missing").into()),
    });
    match built {
        Ok(error) => JsError::from_opaque(error.into()),
        Err(err) => err,
    }
}

/// UTF-16 code units: what a `JsString` holds, owned so it can cross threads.
pub type Text = Vec<u16>;

/// A cloned value.
#[derive(Debug, Clone)]
pub enum Value {
    Undefined,
    Null,
    Boolean(bool),
    Number(f64),
    BigInt(RawBigInt),
    String(Text),
    /// An object, by its index in `Message::objects`.
    Object(u32),
}

/// The Error constructors a clone can rebuild; any other name comes back as `Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Error,
    EvalError,
    RangeError,
    ReferenceError,
    SyntaxError,
    TypeError,
    UriError,
}

impl ErrorKind {
    fn from_name(name: &str) -> Self {
        match name {
            "EvalError" => Self::EvalError,
            "RangeError" => Self::RangeError,
            "ReferenceError" => Self::ReferenceError,
            "SyntaxError" => Self::SyntaxError,
            "TypeError" => Self::TypeError,
            "URIError" => Self::UriError,
            _ => Self::Error,
        }
    }
}

/// A cloned object. Containers refer to their contents through `Value`s.
#[derive(Debug, Clone)]
pub enum Object {
    /// Own enumerable string-keyed properties; the prototype is not kept.
    Plain(Vec<(Text, Value)>),
    /// Elements by index (holes are absent), the length, and any other own enumerable properties.
    Array {
        length: u32,
        elements: Vec<(u32, Value)>,
        properties: Vec<(Text, Value)>,
    },
    Boolean(bool),
    Number(f64),
    String(Text),
    BigInt(RawBigInt),
    Date(f64),
    RegExp {
        source: Text,
        flags: Text,
    },
    Map(Vec<(Value, Value)>),
    Set(Vec<Value>),
    Error {
        kind: ErrorKind,
        message: Option<Text>,
        stack: Option<Text>,
        cause: Option<Value>,
    },
    ArrayBuffer(AlignedVec<u8>),
    /// An ArrayBuffer from the transfer list, by its index in `Message::transferred`.
    TransferredBuffer(usize),
    SharedArrayBuffer(SharedArrayBuffer),
    TypedArray {
        kind: TypedArrayKind,
        buffer: u32,
        byte_offset: u64,
        length: u64,
    },
    DataView {
        buffer: u32,
        byte_offset: u64,
        byte_length: u64,
    },
    /// A MessagePort from the transfer list, by its index in `Message::ports`.
    Port(usize),
}

/// A structured-cloned value and everything it owns, ready to cross threads.
#[derive(Debug)]
pub struct Message {
    root: Value,
    objects: Vec<Object>,
    /// Byte blocks of transferred ArrayBuffers, moved (not copied) out of the sender's buffers.
    transferred: Vec<AlignedVec<u8>>,
    /// Transferred MessagePorts.
    ports: Vec<Arc<PortEnd>>,
}

impl std::fmt::Debug for PortEnd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PortEnd({})", self.id)
    }
}

impl Message {
    /// A copy for another receiver (BroadcastChannel); messages with transfers cannot be copied.
    pub fn try_copy(&self) -> Option<Self> {
        if !self.transferred.is_empty() || !self.ports.is_empty() {
            return None;
        }
        Some(Self {
            root: self.root.clone(),
            objects: self.objects.clone(),
            transferred: Vec::new(),
            ports: Vec::new(),
        })
    }
}
