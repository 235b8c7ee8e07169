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
    ("serve", 2, serve),
    ("unserve", 1, unserve),
    ("parseRequest", 1, parse_request),
    ("parseResponse", 1, parse_response),
    ("parseChunkSize", 1, parse_chunk_size),
];

/// Headers a message head may carry; more is a malformed request (Node's limit is 2000 by default,
/// the same order of magnitude).
const MAX_HEADERS: usize = 128;

/// A head larger than this is refused (Node's `--max-http-header-size` default is 16 KiB).
const MAX_HEAD_BYTES: usize = 16 * 1024;

/// Node's `rawHeaders`: names and values alternating in one flat array.
fn raw_headers<'a>(pairs: impl ExactSizeIterator<Item = (&'a str, &'a [u8])>, context: &mut Context) -> JsValue {
    let mut flat = Vec::with_capacity(pairs.len() * 2);
    for (name, value) in pairs {
        flat.push(js_str(name));
        flat.push(js_str(&String::from_utf8_lossy(value)));
    }
    JsArray::from_iter(flat, context).into()
}

/// What `parseRequest`/`parseResponse` return for httparse's answer: `[headBytes, first, second,
/// minorVersion, rawHeaders]` once complete (`head` gives the three middle parts), else `0` or `-1`.
fn head_result(
    status: httparse::Result<usize>,
    bytes: &[u8],
    head: impl FnOnce(&mut Context) -> [JsValue; 4],
    context: &mut Context,
) -> JsValue {
    match status {
        Ok(httparse::Status::Complete(length)) => {
            let [first, second, version, headers] = head(context);
            let parts = [JsValue::from(length as u32), first, second, version, headers];
            JsArray::from_iter(parts, context).into()
        }
        Ok(httparse::Status::Partial) if bytes.len() <= MAX_HEAD_BYTES => JsValue::from(0),
        _ => JsValue::from(-1),
    }
}

/// `[headBytes, method, url, minorVersion, rawHeaders]`.
fn parse_request(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let bytes = bytes_of(&args.first().cloned().unwrap_or_default(), context)?;
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let status = request.parse(&bytes);
    Ok(head_result(
        status,
        &bytes,
        |context| {
            [
                js_str(request.method.unwrap_or("GET")),
                js_str(request.path.unwrap_or("/")),
                JsValue::from(request.version.unwrap_or(1)),
                raw_headers(request.headers.iter().map(|h| (h.name, h.value)), context),
            ]
        },
        context,
    ))
}

/// `[headBytes, statusCode, statusMessage, minorVersion, rawHeaders]`.
fn parse_response(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let bytes = bytes_of(&args.first().cloned().unwrap_or_default(), context)?;
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let status = response.parse(&bytes);
    Ok(head_result(
        status,
        &bytes,
        |context| {
            [
                JsValue::from(response.code.unwrap_or(0)),
                js_str(response.reason.unwrap_or("")),
                JsValue::from(response.version.unwrap_or(1)),
                raw_headers(response.headers.iter().map(|h| (h.name, h.value)), context),
            ]
        },
        context,
    ))
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

/// The body size up to which a server connection hands a request over whole; a bigger or chunked
/// body (or an upgrade) goes back to the JavaScript parser as a byte stream.
const MAX_BUFFERED_BODY: usize = 1024 * 1024;

/// One request taken off a server connection's buffer.
pub struct ParsedRequest {
    pub method: String,
    pub url: String,
    pub minor_version: u8,
    pub raw_headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    pub keep_alive: bool,
}

pub enum NextRequest {
    /// A whole request (head and body).
    Request(ParsedRequest),
    /// More bytes are needed.
    Incomplete,
    /// Not HTTP (the JavaScript parser then says how, and the server answers 400).
    Malformed,
    /// A request the fast path does not frame (chunked body, upgrade, a big body): the buffered
    /// bytes go to the JavaScript parser, which keeps the connection from here on.
    HandOver,
}

/// Takes the next complete request off the front of `buffer` (Node's llhttp does this work
/// for its server; here it saves the JavaScript a parse and a stream per request).
pub fn next_request(buffer: &mut Vec<u8>) -> NextRequest {
    if buffer.is_empty() {
        return NextRequest::Incomplete;
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let head_length = match request.parse(buffer) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) if buffer.len() > MAX_HEAD_BYTES => return NextRequest::Malformed,
        Ok(httparse::Status::Partial) => return NextRequest::Incomplete,
        Err(_) => return NextRequest::Malformed,
    };
    let minor_version = request.version.unwrap_or(1);
    let mut content_length = 0usize;
    let mut connection_close = minor_version == 0;
    let mut raw_headers = Vec::with_capacity(request.headers.len());
    for header in request.headers.iter() {
        let value = String::from_utf8_lossy(header.value).into_owned();
        if header.name.eq_ignore_ascii_case("content-length") {
            match value.trim().parse::<usize>() {
                Ok(length) => content_length = length,
                Err(_) => return NextRequest::Malformed,
            }
        } else if header.name.eq_ignore_ascii_case("transfer-encoding")
            || header.name.eq_ignore_ascii_case("upgrade")
            // A client waiting for 100 Continue sends no body until answered: JavaScript handles it.
            || header.name.eq_ignore_ascii_case("expect")
        {
            return NextRequest::HandOver;
        } else if header.name.eq_ignore_ascii_case("connection") {
            let lower = value.to_ascii_lowercase();
            if lower.contains("close") {
                connection_close = true;
            } else if lower.contains("keep-alive") {
                connection_close = false;
            } else if lower.contains("upgrade") {
                return NextRequest::HandOver;
            }
        }
        raw_headers.push((header.name.to_owned(), value));
    }
    let method = request.method.unwrap_or("GET").to_owned();
    if method == "CONNECT" || content_length > MAX_BUFFERED_BODY {
        return NextRequest::HandOver;
    }
    if buffer.len() < head_length + content_length {
        return NextRequest::Incomplete;
    }
    let url = request.path.unwrap_or("/").to_owned();
    let body = (content_length > 0).then(|| buffer[head_length..head_length + content_length].to_vec());
    buffer.drain(..head_length + content_length);
    NextRequest::Request(ParsedRequest {
        method,
        url,
        minor_version,
        raw_headers,
        body,
        keep_alive: !connection_close,
    })
}

/// Puts stream `id` in HTTP server mode: reads are parsed here and each request reaches
/// `target.onrequest(method, url, minorVersion, rawHeaders, body, keepAlive)`. `bytes` (optional)
/// were read before the switch. Input the fast path does not take (malformed, chunked, upgrade)
/// goes to `target.onhandover(bytes)`, after which the connection reads as a plain stream.
/// `unserve(id)` ends serve mode early and returns the bytes not parsed yet.
fn serve(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = super::number_arg(args, 0, -1.0, context)?.max(0.0) as usize;
    let already_read = match args.get(1) {
        Some(value) if value.is_object() => bytes_of(value, context)?,
        _ => Vec::new(),
    };
    let host = crate::isolate::Host::get(context)?;
    let mut event_loop = host.event_loop.borrow_mut();
    let Some(state) = event_loop.handles.stream_mut(id) else {
        return Ok(JsValue::from(-nix::libc::EBADF));
    };
    state.http_buffer = Some(already_read);
    state.reading = true;
    event_loop.handles.retry.push_back(id);
    Ok(JsValue::from(0))
}

fn unserve(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = super::number_arg(args, 0, -1.0, context)?.max(0.0) as usize;
    let host = crate::isolate::Host::get(context)?;
    let rest = host
        .event_loop
        .borrow_mut()
        .handles
        .stream_mut(id)
        .and_then(|state| state.http_buffer.take())
        .unwrap_or_default();
    super::buffer::node_buffer(&rest, context)
}

/// The callback arguments for `onrequest`.
pub fn request_arguments(request: ParsedRequest, context: &mut Context) -> JsResult<Vec<JsValue>> {
    let pairs = request
        .raw_headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()));
    let headers = raw_headers(pairs, context);
    let body = match &request.body {
        Some(bytes) => super::buffer::node_buffer(bytes, context)?,
        None => JsValue::undefined(),
    };
    Ok(vec![
        js_str(&request.method),
        js_str(&request.url),
        JsValue::from(request.minor_version),
        headers,
        body,
        JsValue::from(request.keep_alive),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipelined_requests_come_off_one_at_a_time() {
        let mut buffer =
            b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET".to_vec();
        let NextRequest::Request(first) = next_request(&mut buffer) else {
            panic!("first")
        };
        assert_eq!(
            (first.method.as_str(), first.url.as_str(), first.body),
            ("GET", "/a", None)
        );
        let NextRequest::Request(second) = next_request(&mut buffer) else {
            panic!("second")
        };
        assert_eq!(second.body.as_deref(), Some(&b"abc"[..]));
        assert!(matches!(next_request(&mut buffer), NextRequest::Incomplete));
        assert_eq!(buffer, b"GET");
    }

    #[test]
    fn keep_alive_follows_the_version_and_connection_header() {
        let mut old = b"GET / HTTP/1.0\r\n\r\n".to_vec();
        let NextRequest::Request(request) = next_request(&mut old) else {
            panic!()
        };
        assert!(!request.keep_alive);
        let mut close = b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n".to_vec();
        let NextRequest::Request(request) = next_request(&mut close) else {
            panic!()
        };
        assert!(!request.keep_alive);
    }

    #[test]
    fn random_and_truncated_input_never_panics() {
        let mut seed: u64 = 0x853c_49e6_748f_ea9b;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let valid = b"POST /p?q=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nConnection: keep-alive\r\n\r\nbody";
        for _ in 0..5000 {
            let mut bytes = valid.to_vec();
            bytes.truncate((next() as usize) % (valid.len() + 1));
            for _ in 0..(next() % 4) {
                if !bytes.is_empty() {
                    let at = (next() as usize) % bytes.len();
                    bytes[at] = next() as u8;
                }
            }
            let mut buffer = bytes.clone();
            // Whatever the bytes, the parser answers and never takes more than it was given.
            let _ = next_request(&mut buffer);
            assert!(buffer.len() <= bytes.len());
        }
    }

    #[test]
    fn garbage_is_malformed_and_chunked_bodies_are_handed_over() {
        assert!(matches!(
            next_request(&mut b"\x01\x02 nonsense\r\n\r\n".to_vec()),
            NextRequest::Malformed
        ));
        let mut chunked = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        assert!(matches!(next_request(&mut chunked), NextRequest::HandOver));
        let mut bad_length = b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n".to_vec();
        assert!(matches!(next_request(&mut bad_length), NextRequest::Malformed));
    }
}
