//! Builds a `Message` from arbitrary bytes, for the fuzz target (fuzz/fuzz_targets/clone_message.rs)
//! and the randomised test below. Messages come from our own serializer, so a malformed one means a
//! bug elsewhere — but the deserializer must still answer with an error, never a panic: dangling
//! object indices, typed arrays past the end of their buffer, a buffer that is not one, huge lengths.

use boa_engine::bigint::RawBigInt;
use boa_engine::builtins::array_buffer::AlignedVec;
use boa_engine::builtins::typed_array::TypedArrayKind;

use super::{ErrorKind, Message, Object, Text, Value};

/// Reads bytes as a stream of choices; past the end every choice is 0.
struct Choices<'a> {
    bytes: &'a [u8],
}

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        let (first, rest) = self.bytes.split_first().unwrap_or((&0, &[]));
        self.bytes = rest;
        *first
    }

    fn coin(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    fn below(&mut self, bound: u32) -> u32 {
        if bound == 0 {
            return 0;
        }
        let value = u32::from_le_bytes([self.byte(), self.byte(), 0, 0]);
        value % bound
    }

    /// Small numbers mostly, with the edges (0, u32::MAX, huge u64) sometimes.
    fn size(&mut self) -> u64 {
        match self.byte() % 8 {
            0 => u64::MAX,
            1 => u64::from(u32::MAX),
            2 => 1 << 40,
            _ => u64::from(self.byte()),
        }
    }

    fn number(&mut self) -> f64 {
        match self.byte() % 6 {
            0 => f64::NAN,
            1 => -0.0,
            2 => f64::INFINITY,
            3 => f64::from_bits(u64::from_le_bytes(std::array::from_fn(|_| self.byte()))),
            _ => f64::from(self.byte()) - 100.0,
        }
    }

    fn text(&mut self) -> Text {
        let length = self.byte() % 12;
        // Lone surrogates included: JavaScript strings may hold them.
        (0..length)
            .map(|_| u16::from_le_bytes([self.byte(), self.byte()]))
            .collect()
    }

    /// A value referring to objects `0..objects` (sometimes one past the end: a dangling index).
    fn value(&mut self, objects: u32) -> Value {
        match self.byte() % 8 {
            0 => Value::Undefined,
            1 => Value::Null,
            2 => Value::Boolean(self.coin()),
            3 => Value::Number(self.number()),
            4 => Value::BigInt(RawBigInt::from(i64::from(self.byte()) - 128)),
            5 => Value::String(self.text()),
            _ => Value::Object(self.below(objects + 1)),
        }
    }

    fn entries(&mut self, objects: u32) -> Vec<(Text, Value)> {
        (0..self.byte() % 5)
            .map(|_| (self.text(), self.value(objects)))
            .collect()
    }

    fn object(&mut self, objects: u32) -> Object {
        match self.byte() % 17 {
            0 => Object::Plain(self.entries(objects)),
            1 => Object::Array {
                length: self.size() as u32,
                elements: (0..self.byte() % 5)
                    .map(|_| (self.size() as u32, self.value(objects)))
                    .collect(),
                properties: self.entries(objects),
            },
            2 => Object::Boolean(self.coin()),
            3 => Object::Number(self.number()),
            4 => Object::String(self.text()),
            5 => Object::BigInt(RawBigInt::from(u64::from(self.byte()) << 40)),
            6 => Object::Date(self.number()),
            7 => Object::RegExp {
                source: self.text(),
                flags: self.text(),
            },
            8 => Object::Map(
                (0..self.byte() % 4)
                    .map(|_| (self.value(objects), self.value(objects)))
                    .collect(),
            ),
            9 => Object::Set((0..self.byte() % 4).map(|_| self.value(objects)).collect()),
            10 => Object::Error {
                kind: [
                    ErrorKind::Error,
                    ErrorKind::RangeError,
                    ErrorKind::TypeError,
                    ErrorKind::UriError,
                ][usize::from(self.byte() % 4)],
                message: (self.coin()).then(|| self.text()),
                stack: (self.coin()).then(|| self.text()),
                cause: (self.coin()).then(|| self.value(objects)),
            },
            11 => {
                let mut bytes = AlignedVec::new(64);
                bytes.resize(usize::from(self.byte() % 64), 0);
                Object::ArrayBuffer(bytes)
            }
            12 => Object::TransferredBuffer(usize::from(self.byte() % 2)),
            13 | 14 => Object::TypedArray {
                kind: [
                    TypedArrayKind::Uint8,
                    TypedArrayKind::Int16,
                    TypedArrayKind::Float64,
                    TypedArrayKind::BigInt64,
                    TypedArrayKind::Float16,
                ][usize::from(self.byte() % 5)],
                buffer: self.below(objects + 1),
                byte_offset: self.size(),
                length: self.size(),
            },
            15 => Object::DataView {
                buffer: self.below(objects + 1),
                byte_offset: self.size(),
                byte_length: self.size(),
            },
            _ => Object::Port(usize::from(self.byte() % 2)),
        }
    }
}

/// A message whose shape the bytes decide. It carries no transferred buffers or ports, so every
/// `TransferredBuffer` and `Port` entry dangles.
pub fn message_from_bytes(bytes: &[u8]) -> Message {
    let mut choices = Choices { bytes };
    let count = u32::from(choices.byte() % 16);
    let objects = (0..count).map(|_| choices.object(count)).collect();
    Message {
        root: choices.value(count),
        objects,
        transferred: Vec::new(),
        ports: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::isolate::{Isolate, IsolateOptions};

    #[test]
    fn random_messages_deserialize_or_fail_cleanly() {
        let mut isolate = Isolate::new(IsolateOptions::default()).expect("isolate");
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut bytes = vec![0u8; 256];
        let (mut built, mut refused) = (0, 0);
        for _ in 0..3000 {
            for byte in bytes.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *byte = state as u8;
            }
            match super::super::deserialize(message_from_bytes(&bytes), isolate.context_mut()) {
                Ok(_) => built += 1,
                Err(_) => refused += 1,
            }
        }
        // Both outcomes must occur, or the generator is not exercising the decoder.
        assert!(built > 100 && refused > 100, "built {built}, refused {refused}");
    }

    /// Found by the fuzzer: a typed array "over" an array of length 2^32 - 1 made the TypedArray
    /// constructor iterate the array (minutes); a view whose buffer is not one is refused at once.
    #[test]
    fn a_view_over_something_that_is_not_a_buffer_is_refused() {
        let mut isolate = Isolate::new(IsolateOptions::default()).expect("isolate");
        let message = Message {
            root: Value::Object(1),
            objects: vec![
                Object::Array {
                    length: u32::MAX,
                    elements: Vec::new(),
                    properties: Vec::new(),
                },
                Object::TypedArray {
                    kind: TypedArrayKind::Float64,
                    buffer: 0,
                    byte_offset: 0,
                    length: 1,
                },
            ],
            transferred: Vec::new(),
            ports: Vec::new(),
        };
        assert!(super::super::deserialize(message, isolate.context_mut()).is_err());
    }
}
