//! `binding.net`: TCP and Unix sockets for `node:net` (and through it http and cluster), plus the
//! poll-phase step that turns a handle's readiness into JavaScript callbacks.
//!
//! Failures come back as negative errno numbers (libuv's convention); `internal/errors` turns them
//! into Node's error objects, which need the address and port only the JavaScript knows.
//! A handle's JS target hears: `onconnection(id)`, `onconnect(status)`, `onread(chunk)`, `onend()`,
//! `onerror(status)`, `ondrain()` (the write queue emptied), and for IPC `onmessages(frames)`.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};

use boa_engine::{Context, JsObject, JsResult, JsString, JsValue};
use mio::net::{TcpListener, TcpStream, UnixListener, UnixStream};
use nix::sys::socket::{self, sockopt, AddressFamily, SockFlag, SockType, SockaddrLike, SockaddrStorage};

use super::buffer::{bytes_of, uint8_array};
use super::{js_str, number_arg, object_arg, record, string_arg, Op};
use crate::event_loop::handles::{HandleKind, Listener, Stream, StreamState, READ_CHUNK};
use crate::event_loop::{HandleId, Readiness};
use crate::isolate::Host;

/// A method call the isolate makes for a handle: `this.function(...args)`.
pub struct MethodCall {
    pub this: JsObject,
    pub function: JsObject,
    pub args: Vec<JsValue>,
}

pub const OPS: &[(&str, usize, Op)] = &[
    ("listenTcp", 4, listen_tcp),
    ("listenUnix", 3, listen_unix),
    ("bindListener", 3, bind_listener),
    ("closeFd", 1, close_fd),
    ("adoptListener", 2, adopt_listener),
    ("connectTcp", 3, connect_tcp),
    ("connectUnix", 2, connect_unix),
    ("adoptStream", 3, adopt_stream),
    ("readStart", 1, read_start),
    ("readStop", 1, read_stop),
    ("write", 2, write),
    ("shutdown", 1, shutdown),
    ("close", 1, close),
    ("setRef", 2, set_ref),
    ("setNoDelay", 2, set_no_delay),
    ("setKeepAlive", 3, set_keep_alive),
    ("sockname", 1, sockname),
    ("peername", 1, peername),
    ("setTarget", 2, set_target),
    ("queued", 1, queued),
    ("isIP", 1, is_ip),
];

/// `-errno` of an OS error, as JavaScript receives it.
pub fn status_of(err: &io::Error) -> JsValue {
    JsValue::from(-err.raw_os_error().unwrap_or(nix::libc::EIO))
}

/// The object whose callbacks a new handle calls; JavaScript may pass null and `setTarget` later.
pub fn target_arg(args: &[JsValue], context: &mut Context) -> JsObject {
    args.first()
        .and_then(JsValue::as_object)
        .unwrap_or_else(|| boa_engine::object::ObjectInitializer::new(context).build())
}

fn id_arg(args: &[JsValue], context: &mut Context) -> JsResult<HandleId> {
    Ok(number_arg(args, 0, -1.0, context)?.max(0.0) as HandleId)
}

/// Registers `kind` with this isolate's loop and returns its id, or the error's status.
pub fn add_handle(kind: HandleKind, target: JsObject, context: &mut Context) -> JsResult<JsValue> {
    let host = Host::get(context)?;
    let added = host.event_loop.borrow_mut().add_handle(kind, target);
    Ok(match added {
        Ok(id) => JsValue::from(id as u32),
        Err(err) => status_of(&err),
    })
}

/// Resolves `host` (an IP literal or a name) to its first address with `port`; an empty host means
/// every interface (`::`, falling back to `0.0.0.0` where IPv6 is off).
fn resolve(host: &str, port: u16) -> io::Result<SocketAddr> {
    if host.is_empty() {
        return Ok(SocketAddr::new(IpAddr::V6(Ipv6Addr::UNSPECIFIED), port));
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, port));
    }
    (host, port)
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| io::Error::from_raw_os_error(nix::libc::ENOENT))
}

fn bind_tcp(address: SocketAddr, backlog: i32) -> io::Result<std::net::TcpListener> {
    let family = if address.is_ipv4() {
        AddressFamily::Inet
    } else {
        AddressFamily::Inet6
    };
    let flags = SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC;
    let fd = socket::socket(family, SockType::Stream, flags, None)?;
    socket::setsockopt(&fd, sockopt::ReuseAddr, &true)?;
    socket::bind(fd.as_raw_fd(), &SockaddrStorage::from(address))?;
    socket::listen(
        &fd,
        socket::Backlog::new(backlog.clamp(1, 65535)).map_err(io::Error::from)?,
    )?;
    Ok(std::net::TcpListener::from(fd))
}

fn listen_tcp(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = target_arg(args, context);
    let host = string_arg(args, 1, context)?;
    let port = number_arg(args, 2, 0.0, context)? as u16;
    let backlog = number_arg(args, 3, 511.0, context)? as i32;
    let bound = resolve(&host, port).and_then(|address| match bind_tcp(address, backlog) {
        // No IPv6 on this machine: Node listens on 0.0.0.0 instead.
        Err(err) if host.is_empty() && err.raw_os_error() == Some(nix::libc::EAFNOSUPPORT) => {
            bind_tcp(SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port), backlog)
        }
        other => other,
    });
    match bound {
        Ok(listener) => add_handle(
            HandleKind::Listener(Listener::Tcp(TcpListener::from_std(listener))),
            target,
            context,
        ),
        Err(err) => Ok(status_of(&err)),
    }
}

/// A listening TCP socket that this loop does not watch: cluster's SCHED_NONE primary binds once
/// and hands the fd to its workers. Returns the fd, or a negative errno.
fn bind_listener(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let host = string_arg(args, 0, context)?;
    let port = number_arg(args, 1, 0.0, context)? as u16;
    let backlog = number_arg(args, 2, 511.0, context)? as i32;
    match resolve(&host, port).and_then(|address| bind_tcp(address, backlog)) {
        Ok(listener) => Ok(JsValue::from(std::os::fd::IntoRawFd::into_raw_fd(listener))),
        Err(err) => Ok(status_of(&err)),
    }
}

/// Closes a bare fd from `bindListener`.
fn close_fd(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if let Some(fd) = owned_fd_arg(args, 0, context)? {
        drop(fd);
    }
    Ok(JsValue::undefined())
}

fn listen_unix(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = target_arg(args, context);
    let path = string_arg(args, 1, context)?;
    match UnixListener::bind(&path) {
        Ok(listener) => add_handle(HandleKind::Listener(Listener::Unix(listener)), target, context),
        Err(err) => Ok(status_of(&err)),
    }
}

/// Wraps a listening socket received from elsewhere (cluster's SCHED_NONE hands one to each worker).
fn adopt_listener(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = target_arg(args, context);
    let Some(fd) = owned_fd_arg(args, 1, context)? else {
        return Ok(JsValue::from(-nix::libc::EBADF));
    };
    let unix = is_unix_socket(&fd);
    let listener = if unix {
        let listener = std::os::unix::net::UnixListener::from(fd);
        let _ = listener.set_nonblocking(true);
        Listener::Unix(UnixListener::from_std(listener))
    } else {
        let listener = std::net::TcpListener::from(fd);
        let _ = listener.set_nonblocking(true);
        Listener::Tcp(TcpListener::from_std(listener))
    };
    add_handle(HandleKind::Listener(listener), target, context)
}

fn owned_fd_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<Option<OwnedFd>> {
    let raw = number_arg(args, index, -1.0, context)?;
    if !(0.0..=f64::from(i32::MAX)).contains(&raw) || nix::fcntl::fcntl(raw as RawFd, nix::fcntl::F_GETFD).is_err() {
        return Ok(None);
    }
    // SAFETY: the fd is open and JavaScript hands its ownership over (it came from `takeFd`).
    Ok(Some(unsafe { OwnedFd::from_raw_fd(raw as RawFd) }))
}

fn is_unix_socket(fd: &OwnedFd) -> bool {
    socket::getsockname::<SockaddrStorage>(fd.as_raw_fd())
        .ok()
        .and_then(|address| address.family())
        .is_some_and(|family| family == AddressFamily::Unix)
}

fn connecting_stream(stream: Stream) -> HandleKind {
    let mut state = StreamState::new(stream);
    state.connecting = true;
    HandleKind::Stream(Box::new(state))
}

fn connect_tcp(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = target_arg(args, context);
    let host = string_arg(args, 1, context)?;
    let port = number_arg(args, 2, 0.0, context)? as u16;
    let host = if host.is_empty() { "127.0.0.1" } else { host.as_str() };
    match resolve(host, port).and_then(TcpStream::connect) {
        Ok(stream) => add_handle(connecting_stream(Stream::Tcp(stream)), target, context),
        Err(err) => Ok(status_of(&err)),
    }
}

fn connect_unix(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = target_arg(args, context);
    let path = string_arg(args, 1, context)?;
    match UnixStream::connect(&path) {
        Ok(stream) => add_handle(connecting_stream(Stream::Unix(stream)), target, context),
        Err(err) => Ok(status_of(&err)),
    }
}

/// Wraps a connected socket or pipe fd: `kind` is 'tcp', 'unix', 'pipe-read' or 'pipe-write'.
fn adopt_stream(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = target_arg(args, context);
    let Some(fd) = owned_fd_arg(args, 1, context)? else {
        return Ok(JsValue::from(-nix::libc::EBADF));
    };
    let kind = string_arg(args, 2, context)?;
    let stream = stream_from_fd(fd, &kind);
    match stream {
        Ok(stream) => add_handle(HandleKind::Stream(Box::new(StreamState::new(stream))), target, context),
        Err(err) => Ok(status_of(&err)),
    }
}

/// A non-blocking `Stream` over `fd`.
pub fn stream_from_fd(fd: OwnedFd, kind: &str) -> io::Result<Stream> {
    Ok(match kind {
        "pipe-read" => {
            let receiver = mio::unix::pipe::Receiver::from(fd);
            receiver.set_nonblocking(true)?;
            Stream::PipeReader(receiver)
        }
        "pipe-write" => {
            let sender = mio::unix::pipe::Sender::from(fd);
            sender.set_nonblocking(true)?;
            Stream::PipeWriter(sender)
        }
        _ if is_unix_socket(&fd) => {
            let stream = std::os::unix::net::UnixStream::from(fd);
            stream.set_nonblocking(true)?;
            Stream::Unix(UnixStream::from_std(stream))
        }
        _ => {
            let stream = std::net::TcpStream::from(fd);
            stream.set_nonblocking(true)?;
            Stream::Tcp(TcpStream::from_std(stream))
        }
    })
}

fn with_stream<T>(context: &mut Context, id: HandleId, f: impl FnOnce(&mut StreamState) -> T) -> JsResult<Option<T>> {
    let host = Host::get(context)?;
    let mut event_loop = host.event_loop.borrow_mut();
    Ok(event_loop.handles.stream_mut(id).map(f))
}

fn read_start(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let host = Host::get(context)?;
    let mut event_loop = host.event_loop.borrow_mut();
    if let Some(state) = event_loop.handles.stream_mut(id) {
        if !state.reading {
            state.reading = true;
            // Data may have arrived while paused, and mio only reports new edges: look now.
            event_loop.handles.retry.push_back(id);
        }
    }
    Ok(JsValue::undefined())
}

fn read_stop(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    with_stream(context, id, |state| state.reading = false)?;
    Ok(JsValue::undefined())
}

/// Queues a chunk (Uint8Array, or a string as UTF-8) and writes what the OS takes now. Returns the
/// bytes still queued (0: all written), or a negative errno.
fn write(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let chunk = args.get(1).cloned().unwrap_or_default();
    let bytes = match chunk.as_string() {
        Some(text) => text.to_std_string_escaped().into_bytes(),
        None => bytes_of(&chunk, context)?,
    };
    queue_write(id, bytes, None, context)
}

/// Writes `bytes` (with `fd` beside them) on stream `id`; the result as `write` returns it.
pub fn queue_write(id: HandleId, bytes: Vec<u8>, fd: Option<OwnedFd>, context: &mut Context) -> JsResult<JsValue> {
    let result = with_stream(context, id, |state| state.write(bytes, fd).map(|()| state.queued_bytes))?;
    Ok(match result {
        None => JsValue::from(-nix::libc::EBADF),
        Some(Ok(queued)) => JsValue::from(queued as f64),
        Some(Err(err)) => status_of(&err),
    })
}

fn shutdown(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let result = with_stream(context, id, |state| {
        state.shutdown_requested = true;
        if state.writes.is_empty() && !state.connecting {
            state.shutdown_write()
        } else {
            Ok(())
        }
    })?;
    Ok(match result {
        Some(Err(err)) if err.kind() != io::ErrorKind::NotConnected => status_of(&err),
        _ => JsValue::from(0),
    })
}

fn close(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let host = Host::get(context)?;
    let removed = host.event_loop.borrow_mut().remove_handle(id);
    if let Some(handle) = removed {
        if let HandleKind::Listener(Listener::Unix(listener)) = &handle.kind {
            // Node unlinks the socket file when a Unix server closes.
            if let Some(path) = listener
                .local_addr()
                .ok()
                .and_then(|a| a.as_pathname().map(|p| p.to_owned()))
            {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    Ok(JsValue::undefined())
}

fn set_ref(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let want = args.get(1).is_some_and(JsValue::to_boolean);
    let host = Host::get(context)?;
    let mut event_loop = host.event_loop.borrow_mut();
    let Some(handle) = event_loop.handles.get_mut(id) else {
        return Ok(JsValue::undefined());
    };
    let mut refed = handle.refed;
    event_loop.set_handle_ref(&mut refed, want);
    if let Some(handle) = event_loop.handles.get_mut(id) {
        handle.refed = refed;
    }
    Ok(JsValue::undefined())
}

fn tcp_stream(context: &mut Context, id: HandleId, f: impl FnOnce(&TcpStream) -> io::Result<()>) -> JsResult<JsValue> {
    let result = with_stream(context, id, |state| match &state.stream {
        Stream::Tcp(stream) => f(stream),
        _ => Ok(()),
    })?;
    Ok(match result {
        Some(Err(err)) => status_of(&err),
        _ => JsValue::from(0),
    })
}

fn set_no_delay(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let enable = args.get(1).is_some_and(JsValue::to_boolean);
    tcp_stream(context, id, |stream| stream.set_nodelay(enable))
}

fn set_keep_alive(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let enable = args.get(1).is_some_and(JsValue::to_boolean);
    let delay = number_arg(args, 2, 0.0, context)?.max(1.0) as u32;
    tcp_stream(context, id, |stream| {
        socket::setsockopt(&stream.as_fd(), sockopt::KeepAlive, &enable)?;
        if enable {
            socket::setsockopt(&stream.as_fd(), sockopt::TcpKeepIdle, &delay)?;
        }
        Ok(())
    })
}

/// `{ address, family, port }` as Node's `address()` gives it.
fn address_record(address: &SocketAddr, context: &mut Context) -> JsValue {
    let family = if address.is_ipv4() { "IPv4" } else { "IPv6" };
    record(
        context,
        vec![
            ("address", js_str(&address.ip().to_string())),
            ("family", js_str(family)),
            ("port", JsValue::from(address.port())),
        ],
    )
}

/// The fd under handle `id`, if it has one.
pub fn raw_fd_of(id: HandleId, context: &mut Context) -> JsResult<Option<RawFd>> {
    let host = Host::get(context)?;
    let event_loop = host.event_loop.borrow();
    Ok(event_loop.handles.get(id).and_then(|handle| match &handle.kind {
        HandleKind::Listener(Listener::Tcp(l)) => Some(l.as_raw_fd()),
        HandleKind::Listener(Listener::Unix(l)) => Some(l.as_raw_fd()),
        HandleKind::Stream(state) => Some(state.stream.raw_fd()),
        HandleKind::Signals(_) => None,
    }))
}

fn socket_address(fd: RawFd, peer: bool, context: &mut Context) -> JsValue {
    let address = if peer {
        socket::getpeername::<SockaddrStorage>(fd)
    } else {
        socket::getsockname::<SockaddrStorage>(fd)
    };
    let Ok(address) = address else {
        return JsValue::undefined();
    };
    if let Some(v4) = address.as_sockaddr_in() {
        return address_record(&SocketAddr::V4((*v4).into()), context);
    }
    if let Some(v6) = address.as_sockaddr_in6() {
        return address_record(&SocketAddr::V6((*v6).into()), context);
    }
    if let Some(unix) = address.as_unix_addr() {
        let path = unix
            .path()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        return js_str(&path);
    }
    JsValue::undefined()
}

fn sockname(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    Ok(match raw_fd_of(id, context)? {
        Some(fd) => socket_address(fd, false, context),
        None => JsValue::undefined(),
    })
}

fn peername(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    Ok(match raw_fd_of(id, context)? {
        Some(fd) => socket_address(fd, true, context),
        None => JsValue::undefined(),
    })
}

/// Points handle `id`'s callbacks at `target` (a pipe made by `spawn` gets its Socket this way).
fn set_target(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let target = object_arg(args, 1)?;
    let host = Host::get(context)?;
    if let Some(handle) = host.event_loop.borrow_mut().handles.get_mut(id) {
        handle.target = target;
    }
    Ok(JsValue::undefined())
}

fn queued(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let count = with_stream(context, id, |state| state.queued_bytes)?.unwrap_or(0);
    Ok(JsValue::from(count as f64))
}

/// `net.isIP`: 4, 6 or 0.
fn is_ip(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = string_arg(args, 0, context)?;
    Ok(JsValue::from(match text.parse::<IpAddr>() {
        Ok(IpAddr::V4(_)) if !text.contains(':') => 4,
        Ok(IpAddr::V6(_)) => 6,
        _ => 0,
    }))
}

/// Reads at most this many chunks from one handle per turn before giving others theirs.
pub const READS_PER_TURN: usize = 16;

/// One step of servicing handle `id` after the OS reported `readiness`: does one piece of I/O and
/// returns the callback it calls for, or `None` when the handle has nothing more this turn.
/// The isolate calls this until `None`, running each callback (and its microtasks) in between, so
/// a callback that pauses or closes the handle is seen before the next read.
pub fn next_io_callback(
    id: HandleId,
    readiness: &mut Readiness,
    reads: &mut usize,
    context: &mut Context,
) -> JsResult<Option<MethodCall>> {
    let host = Host::get(context)?;
    let mut event_loop = host.event_loop.borrow_mut();
    let Some(handle) = event_loop.handles.get_mut(id) else {
        return Ok(None);
    };
    let target = handle.target.clone();
    let callback = |name: &str, args: Vec<JsValue>, context: &mut Context| -> JsResult<Option<MethodCall>> {
        let function = target.get(JsString::from(name), context)?;
        Ok(function.as_object().map(|function| MethodCall {
            this: target.clone(),
            function: function.clone(),
            args,
        }))
    };
    match &mut handle.kind {
        HandleKind::Listener(listener) => {
            if !readiness.readable || *reads >= READS_PER_TURN * 4 {
                if readiness.readable {
                    event_loop.handles.retry.push_back(id);
                }
                return Ok(None);
            }
            let accepted = match listener {
                Listener::Tcp(l) => l.accept().map(|(s, _)| Stream::Tcp(s)),
                Listener::Unix(l) => l.accept().map(|(s, _)| Stream::Unix(s)),
            };
            match accepted {
                Ok(stream) => {
                    *reads += 1;
                    let added =
                        event_loop.add_handle(HandleKind::Stream(Box::new(StreamState::new(stream))), target.clone());
                    drop(event_loop);
                    match added {
                        Ok(new_id) => callback("onconnection", vec![JsValue::from(new_id as u32)], context),
                        Err(err) => callback("onconnection", vec![status_of(&err)], context),
                    }
                }
                Err(err) if err.kind() == io::ErrorKind::WouldBlock => {
                    readiness.readable = false;
                    Ok(None)
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => Ok(None),
                Err(err) => {
                    // EMFILE and friends: Node reports them on the server and keeps listening.
                    readiness.readable = false;
                    drop(event_loop);
                    callback("onconnection", vec![status_of(&err)], context)
                }
            }
        }
        HandleKind::Signals(receiver) => {
            if !readiness.readable {
                return Ok(None);
            }
            readiness.readable = false;
            let numbers = crate::event_loop::signals::drain(receiver);
            drop(event_loop);
            let list = super::string_array(numbers.iter().map(|n| n.to_string()), context);
            callback("onsignals", vec![list], context)
        }
        HandleKind::Stream(state) => {
            if state.connecting {
                if !(readiness.writable || readiness.closed) {
                    return Ok(None);
                }
                state.connecting = false;
                let status = connect_status(&state.stream);
                if status == 0 {
                    if let Err(err) = state.flush() {
                        drop(event_loop);
                        return callback("onconnect", vec![status_of(&err)], context);
                    }
                    readiness.writable = false;
                }
                drop(event_loop);
                return callback("onconnect", vec![JsValue::from(status)], context);
            }
            if readiness.writable {
                readiness.writable = false;
                if !state.writes.is_empty() {
                    if let Err(err) = state.flush() {
                        drop(event_loop);
                        return callback("onerror", vec![status_of(&err)], context);
                    }
                    if state.writes.is_empty() {
                        if state.shutdown_requested {
                            let _ = state.shutdown_write();
                        }
                        drop(event_loop);
                        return callback("ondrain", vec![], context);
                    }
                }
            }
            // An HTTP server connection delivers a request already buffered before it reads more.
            if state.reading {
                if let Some(buffer) = state.http_buffer.as_mut() {
                    use super::http::NextRequest;
                    match super::http::next_request(buffer) {
                        NextRequest::Incomplete => {}
                        NextRequest::Request(request) => {
                            drop(event_loop);
                            let args = super::http::request_arguments(request, context)?;
                            return callback("onrequest", args, context);
                        }
                        // The JavaScript parser words errors as llhttp does, so it takes malformed input too.
                        NextRequest::Malformed | NextRequest::HandOver => {
                            let bytes = state.http_buffer.take().unwrap_or_default();
                            drop(event_loop);
                            let chunk = uint8_array(&bytes, context)?;
                            return callback("onhandover", vec![chunk], context);
                        }
                    }
                }
            }
            if !(readiness.readable || readiness.closed) || !state.reading {
                return Ok(None);
            }
            if *reads >= READS_PER_TURN {
                event_loop.handles.retry.push_back(id);
                return Ok(None);
            }
            *reads += 1;
            // One zeroed buffer per isolate, reused for every read (allocating and zeroing 64 KiB
            // per read showed in profiles); only the bytes read are copied out.
            let mut buffer = std::mem::take(&mut *host.read_buffer.borrow_mut());
            buffer.resize(READ_CHUNK, 0);
            let result = state.read_some(&mut buffer);
            let buffer = ReturnOnDrop {
                buffer,
                home: &host.read_buffer,
            };
            match result {
                Ok(0) => {
                    readiness.readable = false;
                    readiness.closed = false;
                    state.reading = false;
                    drop(event_loop);
                    callback("onend", vec![], context)
                }
                Ok(count) => {
                    let buffer = &buffer.buffer[..count];
                    if let Some(pending) = state.http_buffer.as_mut() {
                        // Parsed on the next step, before any further read.
                        pending.extend_from_slice(buffer);
                        drop(event_loop);
                        return next_io_callback(id, readiness, reads, context);
                    }
                    if let Some(frames) = state.frames.as_mut() {
                        let frames = frames.push(buffer);
                        drop(event_loop);
                        return match frames {
                            Ok(frames) => {
                                let list = super::string_array(frames, context);
                                callback("onmessages", vec![list], context)
                            }
                            Err(_) => callback("onerror", vec![JsValue::from(-nix::libc::EMSGSIZE)], context),
                        };
                    }
                    drop(event_loop);
                    let chunk = super::buffer::node_buffer(buffer, context)?;
                    callback("onread", vec![chunk], context)
                }
                Err(err) if err.kind() == io::ErrorKind::WouldBlock => {
                    readiness.readable = false;
                    readiness.closed = false;
                    Ok(None)
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => Ok(None),
                Err(err) => {
                    readiness.readable = false;
                    readiness.closed = false;
                    state.reading = false;
                    drop(event_loop);
                    callback("onerror", vec![status_of(&err)], context)
                }
            }
        }
    }
}

/// Gives the isolate's read buffer back when a read step ends, whichever way it ends.
struct ReturnOnDrop<'a> {
    buffer: Vec<u8>,
    home: &'a std::cell::RefCell<Vec<u8>>,
}

impl Drop for ReturnOnDrop<'_> {
    fn drop(&mut self) {
        *self.home.borrow_mut() = std::mem::take(&mut self.buffer);
    }
}

/// 0 once a non-blocking connect succeeded, otherwise its `-errno`.
fn connect_status(stream: &Stream) -> i32 {
    let error = match stream {
        Stream::Tcp(s) => s.take_error(),
        Stream::Unix(s) => s.take_error(),
        _ => Ok(None),
    };
    match error {
        Ok(Some(err)) | Err(err) => -err.raw_os_error().unwrap_or(nix::libc::EIO),
        Ok(None) => {
            let connected = match stream {
                Stream::Tcp(s) => s.peer_addr().map(|_| ()),
                Stream::Unix(s) => s.peer_addr().map(|_| ()),
                _ => Ok(()),
            };
            match connected {
                Ok(()) => 0,
                Err(err) => -err.raw_os_error().unwrap_or(nix::libc::ECONNREFUSED),
            }
        }
    }
}
