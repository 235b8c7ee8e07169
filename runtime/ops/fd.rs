//! File-descriptor ops behind `fs.openSync`/`readSync`/`writeSync`/`fstatSync`/`closeSync` (and their
//! callback forms): plain blocking syscalls, as Node's sync forms are. Failures are Node's errors
//! (`EBADF: bad file descriptor, read`).

use std::fs::File;
use std::mem::ManuallyDrop;
use std::os::fd::{FromRawFd, IntoRawFd, RawFd};
use std::os::unix::fs::{FileExt, OpenOptionsExt};

use boa_engine::object::builtins::JsUint8Array;
use boa_engine::{Context, JsNativeError, JsResult, JsValue};

use super::fs::{stat_array, system_error};
use super::{number_arg, string_arg, Op};

pub const OPS: &[(&str, usize, Op)] = &[
    ("open", 3, open),
    ("close", 1, close),
    ("read", 5, read),
    ("write", 5, write),
    ("fstat", 1, fstat),
];

/// `open(path, flags, mode)` → fd; `flags` are the O_* bits (fs.js turns 'r', 'w+', ... into them).
fn open(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = string_arg(args, 0, context)?;
    let flags = number_arg(args, 1, 0.0, context)? as i32;
    let mode = number_arg(args, 2, 0o666 as f64, context)? as u32;
    let access = flags & nix::libc::O_ACCMODE;
    let file = std::fs::OpenOptions::new()
        .read(access == nix::libc::O_RDONLY || access == nix::libc::O_RDWR)
        .write(access == nix::libc::O_WRONLY || access == nix::libc::O_RDWR)
        // The creation and append bits go through as they are; std would refuse some combinations.
        .custom_flags(flags & !nix::libc::O_ACCMODE)
        .mode(mode)
        .open(&path)
        .map_err(|err| system_error(&err, "open", Some(&path), None, context))?;
    Ok(JsValue::from(file.into_raw_fd()))
}

fn fd_arg(args: &[JsValue], context: &mut Context) -> JsResult<RawFd> {
    let fd = number_arg(args, 0, -1.0, context)?;
    if fd < 0.0 || fd > f64::from(i32::MAX) || fd.fract() != 0.0 {
        return Err(JsNativeError::range()
            .with_message(format!("fd out of range: {fd}"))
            .into());
    }
    Ok(fd as RawFd)
}

/// The file behind `fd`, borrowed: dropping it must not close the descriptor JavaScript owns.
fn borrowed(fd: RawFd) -> ManuallyDrop<File> {
    // SAFETY: the File is never dropped (ManuallyDrop), so it only borrows `fd` for one syscall; an fd that
    // is not open makes that syscall fail with EBADF, which is reported as Node does.
    ManuallyDrop::new(unsafe { File::from_raw_fd(fd) })
}

fn close(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, context)?;
    nix::unistd::close(fd).map_err(|errno| {
        system_error(
            &std::io::Error::from_raw_os_error(errno as i32),
            "close",
            None,
            None,
            context,
        )
    })?;
    Ok(JsValue::undefined())
}

/// The arguments `read` and `write` share: `(fd, uint8array, offset, length, position)`, with the
/// `[offset, offset + length)` window checked against the array and a negative position meaning "the fd's
/// current offset".
struct Window {
    array: JsUint8Array,
    offset: usize,
    length: usize,
    position: Option<u64>,
}

fn window_args(args: &[JsValue], op: &str, context: &mut Context) -> JsResult<Window> {
    let array = args
        .get(1)
        .and_then(JsValue::as_object)
        .and_then(|o| JsUint8Array::from_object(o.clone()).ok())
        .ok_or_else(|| JsNativeError::typ().with_message(format!("{op} needs a Uint8Array")))?;
    let offset = number_arg(args, 2, 0.0, context)?.max(0.0) as usize;
    let length = number_arg(args, 3, 0.0, context)?.max(0.0) as usize;
    let size = array.length(context)?;
    if offset > size || length > size - offset {
        return Err(JsNativeError::range()
            .with_message("offset and length exceed the buffer")
            .into());
    }
    let position = number_arg(args, 4, -1.0, context)?;
    let position = (position >= 0.0).then_some(position as u64);
    Ok(Window {
        array,
        offset,
        length,
        position,
    })
}

/// `read(fd, uint8array, offset, length, position)` → bytes read.
fn read(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, context)?;
    let window = window_args(args, "read", context)?;
    let mut bytes = vec![0u8; window.length];
    let file = borrowed(fd);
    let count = match window.position {
        Some(position) => file.read_at(&mut bytes, position),
        None => std::io::Read::read(&mut &*file, &mut bytes),
    }
    .map_err(|err| system_error(&err, "read", None, None, context))?;
    let view = boa_engine::object::builtins::JsTypedArray::from_object(window.array.into())?;
    super::buffer::copy_into(&view, window.offset, &bytes[..count], context)?;
    Ok(JsValue::from(count as f64))
}

/// `write(fd, uint8array, offset, length, position)` → bytes written.
fn write(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, context)?;
    let window = window_args(args, "write", context)?;
    let all = super::buffer::bytes_of(&window.array.into(), context)?;
    // A detached buffer reads as empty: then the window is out of it.
    let bytes = all
        .get(window.offset..window.offset + window.length)
        .ok_or_else(|| JsNativeError::range().with_message("offset and length exceed the buffer"))?;
    let file = borrowed(fd);
    let count = match window.position {
        Some(position) => file.write_at(bytes, position),
        None => std::io::Write::write(&mut &*file, bytes),
    }
    .map_err(|err| system_error(&err, "write", None, None, context))?;
    Ok(JsValue::from(count as f64))
}

fn fstat(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = fd_arg(args, context)?;
    let metadata = borrowed(fd)
        .metadata()
        .map_err(|err| system_error(&err, "fstat", None, None, context))?;
    Ok(stat_array(&metadata, context))
}
