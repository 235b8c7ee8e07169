//! `binding.ipc`: the parent/child channel (runtime/ipc) as `process.send` / `child.send` use it.
//! A channel is a stream handle: `binding.net` reads, refs and closes it like any socket; its
//! target hears `onmessages(frames)` with each newline-delimited frame as a string.

use std::os::fd::{FromRawFd, IntoRawFd, OwnedFd};

use boa_engine::{Context, JsResult, JsValue};

use super::{number_arg, string_arg, Op};
use crate::isolate::Host;

pub const OPS: &[(&str, usize, Op)] = &[
    ("open", 2, open),
    ("send", 4, send),
    ("takeFd", 1, take_fd),
    ("channelFd", 0, channel_fd),
];

/// The channel fd this process inherited (`NODE_CHANNEL_FD`), or -1. Node removes the variable
/// from `process.env` once the channel is set up, and so does process.js.
fn channel_fd(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let fd = std::env::var(crate::ipc::CHANNEL_FD_ENV)
        .ok()
        .and_then(|text| text.parse::<i32>().ok())
        .filter(|fd| *fd >= 0 && nix::fcntl::fcntl(*fd, nix::fcntl::F_GETFD).is_ok());
    Ok(JsValue::from(fd.unwrap_or(-1)))
}

/// Adopts fd `fd` (this process's inherited channel end) as an IPC channel; returns its handle id.
fn open(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = super::net::target_arg(args, context);
    let raw = number_arg(args, 1, -1.0, context)? as i32;
    if raw < 0 || nix::fcntl::fcntl(raw, nix::fcntl::F_GETFD).is_err() {
        return Ok(JsValue::from(-nix::libc::EBADF));
    }
    // The channel must not leak into programs this process starts.
    let _ = nix::fcntl::fcntl(raw, nix::fcntl::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC));
    // SAFETY: the fd is open and this process inherited it for exactly this use.
    let fd = unsafe { OwnedFd::from_raw_fd(raw) };
    super::child_process::open_channel(fd, target, context)
}

/// Sends one frame (`text` plus the newline); with `handle` (a handle id) or `fd` (a bare fd) a
/// duplicate of that fd travels beside it. Returns the bytes still queued, or a negative errno.
fn send(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = number_arg(args, 0, -1.0, context)?.max(0.0) as usize;
    let mut bytes = string_arg(args, 1, context)?.into_bytes();
    bytes.push(b'\n');
    let handle_fd = match args.get(2).and_then(JsValue::as_number) {
        Some(handle) if handle >= 0.0 => super::net::raw_fd_of(handle as usize, context)?,
        // Or a bare fd (a listening socket the primary keeps unregistered).
        _ => args
            .get(3)
            .and_then(JsValue::as_number)
            .filter(|fd| *fd >= 0.0)
            .map(|fd| fd as i32),
    };
    let fd = match handle_fd.map(duplicate_fd) {
        Some(Ok(fd)) => Some(fd),
        Some(Err(status)) => return Ok(status),
        None => None,
    };
    super::net::queue_write(id, bytes, fd, context)
}

/// A close-on-exec duplicate of `raw`, which the send queue owns until the fd has gone.
fn duplicate_fd(raw: i32) -> Result<OwnedFd, JsValue> {
    match nix::fcntl::fcntl(raw, nix::fcntl::F_DUPFD_CLOEXEC(0)) {
        // SAFETY: F_DUPFD_CLOEXEC returned a new descriptor we now own.
        Ok(copy) => Ok(unsafe { OwnedFd::from_raw_fd(copy) }),
        Err(errno) => Err(JsValue::from(-(errno as i32))),
    }
}

/// The oldest fd received on channel `id` and not yet claimed (the JavaScript adopts it as a
/// socket or server), or -1.
fn take_fd(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = number_arg(args, 0, -1.0, context)?.max(0.0) as usize;
    let host = Host::get(context)?;
    let mut event_loop = host.event_loop.borrow_mut();
    let fd = event_loop
        .handles
        .stream_mut(id)
        .and_then(|state| state.received_fds.pop_front());
    Ok(fd.map_or(JsValue::from(-1), |fd| JsValue::from(fd.into_raw_fd())))
}
