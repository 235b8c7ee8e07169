//! Bytes ↔ strings for `Buffer`, `TextEncoder`/`TextDecoder` and `StringDecoder`: the encodings Node
//! supports, done natively because a byte loop in interpreted JavaScript is slow.

use boa_engine::object::builtins::{AlignedVec, JsArrayBuffer, JsSharedArrayBuffer, JsTypedArray, JsUint8Array};
use boa_engine::{Context, JsNativeError, JsResult, JsString, JsValue};

use super::{number_arg, string_arg, Op};

pub const OPS: &[(&str, usize, Op)] = &[
    ("encode", 2, encode),
    ("decode", 4, decode),
    ("byteLength", 2, byte_length),
];

/// The bytes a typed array (or DataView-less ArrayBuffer) views, copied out.
pub fn bytes_of(value: &JsValue, context: &mut Context) -> JsResult<Vec<u8>> {
    let object = value
        .as_object()
        .ok_or_else(|| JsNativeError::typ().with_message("expected a Uint8Array"))?;
    if let Ok(buffer) = JsArrayBuffer::from_object(object.clone()) {
        return Ok(buffer.to_vec().unwrap_or_default());
    }
    let array = JsTypedArray::from_object(object)?;
    let offset = array.byte_offset(context)?;
    let length = array.byte_length(context)?;
    let buffer = array.buffer(context)?;
    let buffer = buffer
        .as_object()
        .ok_or_else(|| JsNativeError::typ().with_message("detached buffer"))?;
    // Copy only the view's bytes: a view over Buffer's 8 KiB pool must not copy the whole pool.
    if let Ok(buffer) = JsArrayBuffer::from_object(buffer.clone()) {
        return Ok(buffer
            .data()
            .and_then(|data| data.get(offset..offset + length).map(<[u8]>::to_vec))
            .unwrap_or_default());
    }
    let all = JsSharedArrayBuffer::from_object(buffer)?.to_vec();
    Ok(all.get(offset..offset + length).map(<[u8]>::to_vec).unwrap_or_default())
}

/// Copies `bytes` into the Uint8Array `array` from element `at` on (the caller checked the bounds).
pub fn copy_into(array: &JsTypedArray, at: usize, bytes: &[u8], context: &mut Context) -> JsResult<()> {
    let start = array.byte_offset(context)? + at;
    let buffer = array.buffer(context)?;
    let buffer = buffer
        .as_object()
        .ok_or_else(|| JsNativeError::typ().with_message("detached buffer"))?;
    let buffer = JsArrayBuffer::from_object(buffer.clone())?;
    let mut data = buffer
        .data_mut()
        .ok_or_else(|| JsNativeError::typ().with_message("detached buffer"))?;
    let target = data
        .get_mut(start..start + bytes.len())
        .ok_or_else(|| JsNativeError::range().with_message("out of the buffer's bounds"))?;
    target.copy_from_slice(bytes);
    Ok(())
}

/// A new Node `Buffer` holding `bytes`: a Uint8Array with Buffer's prototype, set here because a
/// prototype change from JavaScript costs a call and a shape lookup per chunk on Boa.
pub fn node_buffer(bytes: &[u8], context: &mut Context) -> JsResult<JsValue> {
    let array = uint8_array(bytes, context)?;
    let host = crate::isolate::Host::get(context)?;
    let cached = host.buffer_prototype.borrow().clone();
    let prototype = match cached {
        Some(prototype) => prototype,
        None => {
            let buffer = crate::modules::builtin_export(context, "buffer", "Buffer")?;
            let prototype = buffer
                .get(boa_engine::js_string!("prototype"), context)?
                .as_object()
                .ok_or_else(|| JsNativeError::typ().with_message("Buffer.prototype is missing"))?;
            *host.buffer_prototype.borrow_mut() = Some(prototype.clone());
            prototype
        }
    };
    if let Some(object) = array.as_object() {
        object.set_prototype(Some(prototype));
    }
    Ok(array)
}

/// A new `Uint8Array` holding `bytes`.
pub fn uint8_array(bytes: &[u8], context: &mut Context) -> JsResult<JsValue> {
    let block = AlignedVec::from_slice(0, bytes);
    let buffer = JsArrayBuffer::from_byte_block(block, context)?;
    Ok(JsUint8Array::from_array_buffer(buffer, context)?.into())
}

fn encode(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = args.first().cloned().unwrap_or_default().to_string(context)?;
    let encoding = string_arg(args, 1, context)?;
    let bytes = encode_string(&text, &encoding);
    uint8_array(&bytes, context)
}

fn byte_length(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = args.first().cloned().unwrap_or_default().to_string(context)?;
    let encoding = string_arg(args, 1, context)?;
    let length = match encoding.as_str() {
        "utf8" => utf8_length(&text),
        "utf16le" => text.len() * 2,
        "latin1" | "ascii" => text.len(),
        _ => encode_string(&text, &encoding).len(),
    };
    Ok(JsValue::from(length as f64))
}

fn decode(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let bytes = bytes_of(args.first().unwrap_or(&JsValue::undefined()), context)?;
    let encoding = string_arg(args, 1, context)?;
    let start = (number_arg(args, 2, 0.0, context)?.max(0.0) as usize).min(bytes.len());
    let end = (number_arg(args, 3, bytes.len() as f64, context)?.max(0.0) as usize).clamp(start, bytes.len());
    Ok(decode_bytes(&bytes[start..end], &encoding).into())
}

/// UTF-8 length of a JavaScript string, counting a lone surrogate as the 3 bytes of U+FFFD.
fn utf8_length(text: &JsString) -> usize {
    char::decode_utf16(text.iter())
        .map(|c| c.map_or(3, char::len_utf8))
        .sum()
}

pub fn encode_string(text: &JsString, encoding: &str) -> Vec<u8> {
    match encoding {
        "utf16le" => text.iter().flat_map(u16::to_le_bytes).collect(),
        "latin1" | "ascii" => text.iter().map(|unit| unit as u8).collect(),
        "base64" | "base64url" => base64_decode(&text.to_std_string_escaped()),
        "hex" => {
            let digits: Vec<u8> = text.iter().map(|u| u as u8).collect();
            digits
                .chunks_exact(2)
                .map_while(|pair| Some((hex_value(pair[0])? << 4) | hex_value(pair[1])?))
                .collect()
        }
        _ => char::decode_utf16(text.iter())
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
            .into_bytes(),
    }
}

pub fn decode_bytes(bytes: &[u8], encoding: &str) -> JsString {
    match encoding {
        "utf16le" => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            JsString::from(units.as_slice())
        }
        "latin1" => JsString::from(bytes.iter().map(|b| u16::from(*b)).collect::<Vec<u16>>().as_slice()),
        "ascii" => JsString::from(
            bytes
                .iter()
                .map(|b| u16::from(b & 0x7f))
                .collect::<Vec<u16>>()
                .as_slice(),
        ),
        "base64" => JsString::from(base64_encode(bytes, false)),
        "base64url" => JsString::from(base64_encode(bytes, true)),
        "hex" => JsString::from(bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()),
        _ => JsString::from(String::from_utf8_lossy(bytes).as_ref()),
    }
}

fn hex_value(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|d| d as u8)
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64_encode(bytes: &[u8], url: bool) -> String {
    let table = if url { BASE64_URL } else { BASE64 };
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        let sextets = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        for (i, sextet) in sextets.iter().enumerate() {
            if i <= chunk.len() {
                out.push(table[*sextet as usize] as char);
            } else if !url {
                out.push('=');
            }
        }
    }
    out
}

/// Node's lenient base64 decoding: both alphabets, whitespace and invalid characters skipped,
/// stopping at the first `=`.
fn base64_decode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut accumulator = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        accumulator = (accumulator << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((accumulator >> bits) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_matches_node() {
        assert_eq!(base64_encode(b"hello", false), "aGVsbG8=");
        assert_eq!(base64_encode(b"hello", true), "aGVsbG8");
        assert_eq!(base64_decode("aGVsbG8="), b"hello");
        assert_eq!(base64_decode("aGVs bG8"), b"hello");
    }

    #[test]
    fn utf16_and_hex_encodings() {
        let text = JsString::from("hé");
        assert_eq!(encode_string(&text, "utf8"), "hé".as_bytes());
        assert_eq!(encode_string(&text, "utf16le"), vec![0x68, 0, 0xe9, 0]);
        assert_eq!(encode_string(&JsString::from("0aFfz"), "hex"), vec![0x0a, 0xff]);
        assert_eq!(decode_bytes(&[0x0a, 0xff], "hex").to_std_string_escaped(), "0aff");
    }
}
