//! `binding.http`: HTTP/1.1 message heads parsed natively with httparse (the small, well-kept
//! parser hyper uses), so a request costs the JavaScript one call. Bodies (Content-Length and
//! chunked framing) are framed by `node:http` with `parseChunkSize`.
//!
//! Each parse returns `0` when the head is not complete yet, `-1` when it is malformed (the server
//! answers 400 and closes), or an array described at each function.

use boa_engine::object::builtins::JsArray;
use boa_engine::{Context, JsResult, JsValue};

use super::buffer::bytes_of;
use super::{js_str, Op};

pub const OPS: &[(&str, usize, Op)] = &[
    ("parseRequest", 1, parse_request),
    ("parseResponse", 1, parse_response),
    ("parseChunkSize", 1, parse_chunk_size),
];

/// Headers a message head may carry; more is a malformed request (Node's limit is 2000 by default,
/// the same order of magnitude).
const MAX_HEADERS: usize = 128;

/// A head larger than this is refused (Node's `--max-http-header-size` default is 16 KiB).
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

fn raw_headers(headers: &[httparse::Header<'_>], context: &mut Context) -> JsValue {
    let mut flat = Vec::with_capacity(headers.len() * 2);
    for header in headers {
        flat.push(js_str(header.name));
        flat.push(js_str(&String::from_utf8_lossy(header.value)));
    }
    JsArray::from_iter(flat, context).into()
}

fn incomplete_or_too_big(bytes: &[u8]) -> JsValue {
    if bytes.len() > MAX_HEAD_BYTES {
        JsValue::from(-1)
    } else {
        JsValue::from(0)
    }
}

/// `[headBytes, method, url, minorVersion, rawHeaders]`.
fn parse_request(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let bytes = bytes_of(&args.first().cloned().unwrap_or_default(), context)?;
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(&bytes) {
        Ok(httparse::Status::Complete(length)) => {
            let method = js_str(request.method.unwrap_or("GET"));
            let url = js_str(request.path.unwrap_or("/"));
            let version = JsValue::from(request.version.unwrap_or(1));
            let headers = raw_headers(request.headers, context);
            let parts = [JsValue::from(length as u32), method, url, version, headers];
            Ok(JsArray::from_iter(parts, context).into())
        }
        Ok(httparse::Status::Partial) => Ok(incomplete_or_too_big(&bytes)),
        Err(_) => Ok(JsValue::from(-1)),
    }
}

/// `[headBytes, statusCode, statusMessage, minorVersion, rawHeaders]`.
fn parse_response(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let bytes = bytes_of(&args.first().cloned().unwrap_or_default(), context)?;
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    match response.parse(&bytes) {
        Ok(httparse::Status::Complete(length)) => {
            let status = JsValue::from(response.code.unwrap_or(0));
            let reason = js_str(response.reason.unwrap_or(""));
            let version = JsValue::from(response.version.unwrap_or(1));
            let headers = raw_headers(response.headers, context);
            let parts = [JsValue::from(length as u32), status, reason, version, headers];
            Ok(JsArray::from_iter(parts, context).into())
        }
        Ok(httparse::Status::Partial) => Ok(incomplete_or_too_big(&bytes)),
        Err(_) => Ok(JsValue::from(-1)),
    }
}

/// `[lineBytes, chunkSize]` for a chunked body's size line.
fn parse_chunk_size(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let bytes = bytes_of(&args.first().cloned().unwrap_or_default(), context)?;
    match httparse::parse_chunk_size(&bytes) {
        Ok(httparse::Status::Complete((length, size))) if size <= (1 << 53) => {
            let parts = [JsValue::from(length as u32), JsValue::from(size as f64)];
            Ok(JsArray::from_iter(parts, context).into())
        }
        Ok(httparse::Status::Partial) if bytes.len() < 1024 => Ok(JsValue::from(0)),
        _ => Ok(JsValue::from(-1)),
    }
}
