//! Synchronous file-system ops. The callback and promise forms in stdlib/fs.js run these and deliver
//! the result in the poll phase; the op boundary lets them move to a thread pool later without
//! touching JavaScript. Failures become Node's errors: `ENOENT: no such file or directory, open '/x'`
//! with `errno`, `code`, `syscall` and `path`.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use boa_engine::object::builtins::JsArray;
use boa_engine::{js_string, Context, JsError, JsNativeError, JsResult, JsString, JsValue};

use super::buffer::{bytes_of, uint8_array};
use super::{js_str, number_arg, string_arg, Op};
use crate::event_loop::Completion;
use crate::isolate::Host;

pub const OPS: &[(&str, usize, Op)] = &[
    ("readFile", 1, read_file),
    ("readFileUtf8", 1, read_file_utf8),
    ("writeFile", 4, write_file),
    ("stat", 2, stat),
    ("exists", 1, exists),
    ("access", 2, access),
    ("mkdir", 3, mkdir),
    ("readdir", 2, readdir),
    ("rm", 3, rm),
    ("rmdir", 2, rmdir),
    ("unlink", 1, unlink),
    ("rename", 2, rename),
    ("copyFile", 2, copy_file),
    ("realpath", 1, realpath),
    ("readlink", 1, readlink),
    ("symlink", 2, symlink),
    ("chmod", 2, chmod),
    ("truncate", 2, truncate),
    ("mkdtemp", 1, mkdtemp),
    ("complete", 2, complete),
];

/// libuv's wording for the errors programs meet most; others fall back to the OS text.
pub fn describe(code: &str, err: &std::io::Error) -> String {
    let text = match code {
        "ENOENT" => "no such file or directory",
        "EEXIST" => "file already exists",
        "ENOTDIR" => "not a directory",
        "EISDIR" => "illegal operation on a directory",
        "ENOTEMPTY" => "directory not empty",
        "EACCES" => "permission denied",
        "EPERM" => "operation not permitted",
        "EBADF" => "bad file descriptor",
        "EINVAL" => "invalid argument",
        "EMFILE" => "too many open files",
        "ENOSPC" => "no space left on device",
        "EXDEV" => "cross-device link not permitted",
        "ELOOP" => "too many symbolic links encountered",
        "ENAMETOOLONG" => "name too long",
        "ESRCH" => "no such process",
        "EADDRINUSE" => "address already in use",
        "ECONNREFUSED" => "connection refused",
        "ECONNRESET" => "connection reset by peer",
        "EPIPE" => "broken pipe",
        "ETIMEDOUT" => "connection timed out",
        "EAGAIN" => "resource temporarily unavailable",
        _ => {
            let text = err.to_string();
            return text.split(" (os error").next().unwrap_or(&text).to_lowercase();
        }
    };
    text.to_owned()
}

/// A Node-shaped system error from an OS error.
pub fn system_error(
    err: &std::io::Error,
    syscall: &str,
    path: Option<&str>,
    dest: Option<&str>,
    context: &mut Context,
) -> JsError {
    let errno = err.raw_os_error().unwrap_or(0);
    let code = if errno == 0 {
        "EIO".to_owned()
    } else {
        format!("{:?}", nix::errno::Errno::from_raw(errno))
    };
    let mut message = format!("{code}: {}, {syscall}", describe(&code, err));
    if let Some(path) = path {
        message.push_str(&format!(" '{path}'"));
    }
    if let Some(dest) = dest {
        message.push_str(&format!(" -> '{dest}'"));
    }
    let object = JsNativeError::error().with_message(message).into_opaque(context);
    let _ = object.set(js_string!("errno"), JsValue::from(-errno), false, context);
    let _ = object.set(js_string!("code"), JsString::from(code.as_str()), false, context);
    let _ = object.set(js_string!("syscall"), JsString::from(syscall), false, context);
    if let Some(path) = path {
        let _ = object.set(js_string!("path"), JsString::from(path), false, context);
    }
    if let Some(dest) = dest {
        let _ = object.set(js_string!("dest"), JsString::from(dest), false, context);
    }
    JsError::from_opaque(object.into())
}

fn path_arg(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<String> {
    string_arg(args, index, context)
}

fn read_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let bytes = read_bytes(&path, context)?;
    uint8_array(&bytes, context)
}

fn read_bytes(path: &str, context: &mut Context) -> JsResult<Vec<u8>> {
    if Path::new(path).is_dir() {
        let err = std::io::Error::from_raw_os_error(nix::libc::EISDIR);
        return Err(system_error(&err, "read", None, None, context));
    }
    fs::read(path).map_err(|err| system_error(&err, "open", Some(path), None, context))
}

fn read_file_utf8(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let bytes = read_bytes(&path, context)?;
    let text = String::from_utf8(bytes).unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned());
    Ok(js_str(text.strip_prefix('\u{feff}').map_or(&text, |_| &text)))
}

/// `writeFile(path, data, append, mode)`: data is a string (UTF-8) or a Uint8Array.
fn write_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let data = args.get(1).cloned().unwrap_or_default();
    let bytes = if data.is_string() {
        data.to_string(context)?.to_std_string_lossy().into_bytes()
    } else {
        bytes_of(&data, context)?
    };
    let append = args.get(2).is_some_and(JsValue::to_boolean);
    let mode = number_arg(args, 3, 0o666 as f64, context)? as u32;
    let mut options = fs::OpenOptions::new();
    options.create(true).mode(mode);
    if append {
        options.append(true);
    } else {
        options.write(true).truncate(true);
    }
    options
        .open(&path)
        .and_then(|mut file| file.write_all(&bytes))
        .map_err(|err| system_error(&err, "open", Some(&path), None, context))?;
    Ok(JsValue::undefined())
}

/// `stat(path, followSymlinks)` → `[dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
/// atimeMs, mtimeMs, ctimeMs, birthtimeMs]`, the order of Node's Stats constructor.
fn stat(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let follow = args.get(1).is_none_or(JsValue::to_boolean);
    let (syscall, metadata) = if follow {
        ("stat", fs::metadata(&path))
    } else {
        ("lstat", fs::symlink_metadata(&path))
    };
    let m = metadata.map_err(|err| system_error(&err, syscall, Some(&path), None, context))?;
    Ok(stat_array(&m, context))
}

/// The fields `fs.Stats` is built from, in its constructor's order.
pub fn stat_array(m: &fs::Metadata, context: &mut Context) -> JsValue {
    let ms = |secs: i64, nanos: i64| secs as f64 * 1000.0 + nanos as f64 / 1e6;
    let birth = m
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(ms(m.ctime(), m.ctime_nsec()), |d| d.as_secs_f64() * 1000.0);
    let values = [
        m.dev() as f64,
        f64::from(m.mode()),
        m.nlink() as f64,
        f64::from(m.uid()),
        f64::from(m.gid()),
        m.rdev() as f64,
        m.blksize() as f64,
        m.ino() as f64,
        m.size() as f64,
        m.blocks() as f64,
        ms(m.atime(), m.atime_nsec()),
        ms(m.mtime(), m.mtime_nsec()),
        ms(m.ctime(), m.ctime_nsec()),
        birth,
    ];
    JsArray::from_iter(values.into_iter().map(JsValue::from), context).into()
}

fn exists(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    Ok(JsValue::from(Path::new(&path).exists()))
}

fn access(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let mode = number_arg(args, 1, 0.0, context)? as i32;
    let flags = nix::unistd::AccessFlags::from_bits_truncate(mode);
    nix::unistd::access(path.as_str(), flags).map_err(|errno| {
        let err = std::io::Error::from_raw_os_error(errno as i32);
        system_error(&err, "access", Some(&path), None, context)
    })?;
    Ok(JsValue::undefined())
}

/// `mkdir(path, recursive, mode)`; the recursive form returns the first directory it created.
fn mkdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let recursive = args.get(1).is_some_and(JsValue::to_boolean);
    let mode = number_arg(args, 2, 0o777 as f64, context)? as u32;
    if recursive {
        let first_missing = Path::new(&path)
            .ancestors()
            .filter(|p| !p.exists())
            .last()
            .map(Path::to_path_buf);
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, mode);
        builder
            .create(&path)
            .map_err(|err| system_error(&err, "mkdir", Some(&path), None, context))?;
        return Ok(first_missing.map_or(JsValue::undefined(), |p| js_str(&p.to_string_lossy())));
    }
    let mut builder = fs::DirBuilder::new();
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, mode);
    builder
        .create(&path)
        .map_err(|err| system_error(&err, "mkdir", Some(&path), None, context))?;
    Ok(JsValue::undefined())
}

/// `readdir(path, withTypes)` → names sorted as the OS lists them; with types, `[names, types]`
/// where a type is 1 file, 2 directory, 3 symlink, 0 other (libuv's dirent kinds, simplified).
fn readdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let with_types = args.get(1).is_some_and(JsValue::to_boolean);
    let entries = fs::read_dir(&path).map_err(|err| system_error(&err, "scandir", Some(&path), None, context))?;
    let mut names = Vec::new();
    let mut types = Vec::new();
    for entry in entries.flatten() {
        names.push(JsValue::from(JsString::from(
            entry.file_name().to_string_lossy().as_ref(),
        )));
        let kind = entry.file_type().map_or(0, |t| {
            if t.is_symlink() {
                3
            } else if t.is_dir() {
                2
            } else if t.is_file() {
                1
            } else {
                0
            }
        });
        types.push(JsValue::from(kind));
    }
    let names = JsArray::from_iter(names, context);
    if !with_types {
        return Ok(names.into());
    }
    let types = JsArray::from_iter(types, context);
    Ok(JsArray::from_iter([names.into(), types.into()], context).into())
}

/// `rm(path, recursive, force)`.
fn rm(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let recursive = args.get(1).is_some_and(JsValue::to_boolean);
    let force = args.get(2).is_some_and(JsValue::to_boolean);
    let metadata = match fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(err) if force && err.kind() == std::io::ErrorKind::NotFound => return Ok(JsValue::undefined()),
        Err(err) => return Err(system_error(&err, "rm", Some(&path), None, context)),
    };
    let result = if metadata.is_dir() {
        if !recursive {
            let err = std::io::Error::from_raw_os_error(nix::libc::EISDIR);
            return Err(dir_error(&err, &path, context));
        }
        fs::remove_dir_all(&path)
    } else {
        fs::remove_file(&path)
    };
    result.map_err(|err| system_error(&err, "rm", Some(&path), None, context))?;
    Ok(JsValue::undefined())
}

/// Node reports `rm` of a directory without `recursive` as ERR_FS_EISDIR.
fn dir_error(err: &std::io::Error, path: &str, context: &mut Context) -> JsError {
    let error = system_error(err, "rm", Some(path), None, context);
    if let Some(object) = error.as_opaque().and_then(JsValue::as_object) {
        let message = format!("Path is a directory: rm returned EISDIR (is a directory) {path}");
        let _ = object.set(js_string!("message"), JsString::from(message.as_str()), false, context);
        let _ = object.set(js_string!("code"), js_string!("ERR_FS_EISDIR"), false, context);
    }
    error
}

fn rmdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let recursive = args.get(1).is_some_and(JsValue::to_boolean);
    let result = if recursive {
        fs::remove_dir_all(&path)
    } else {
        fs::remove_dir(&path)
    };
    result.map_err(|err| system_error(&err, "rmdir", Some(&path), None, context))?;
    Ok(JsValue::undefined())
}

fn unlink(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    fs::remove_file(&path).map_err(|err| system_error(&err, "unlink", Some(&path), None, context))?;
    Ok(JsValue::undefined())
}

fn rename(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let from = path_arg(args, 0, context)?;
    let to = path_arg(args, 1, context)?;
    fs::rename(&from, &to).map_err(|err| system_error(&err, "rename", Some(&from), Some(&to), context))?;
    Ok(JsValue::undefined())
}

fn copy_file(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let from = path_arg(args, 0, context)?;
    let to = path_arg(args, 1, context)?;
    fs::copy(&from, &to).map_err(|err| system_error(&err, "copyfile", Some(&from), Some(&to), context))?;
    Ok(JsValue::undefined())
}

fn realpath(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let real = fs::canonicalize(&path).map_err(|err| system_error(&err, "realpath", Some(&path), None, context))?;
    Ok(js_str(&real.to_string_lossy()))
}

fn readlink(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let target = fs::read_link(&path).map_err(|err| system_error(&err, "readlink", Some(&path), None, context))?;
    Ok(js_str(&target.to_string_lossy()))
}

fn symlink(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = path_arg(args, 0, context)?;
    let path = path_arg(args, 1, context)?;
    std::os::unix::fs::symlink(&target, &path)
        .map_err(|err| system_error(&err, "symlink", Some(&target), Some(&path), context))?;
    Ok(JsValue::undefined())
}

fn chmod(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let mode = number_arg(args, 1, 0o644 as f64, context)? as u32;
    fs::set_permissions(&path, fs::Permissions::from_mode(mode))
        .map_err(|err| system_error(&err, "chmod", Some(&path), None, context))?;
    Ok(JsValue::undefined())
}

fn truncate(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let path = path_arg(args, 0, context)?;
    let length = number_arg(args, 1, 0.0, context)?.max(0.0) as u64;
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|file| file.set_len(length))
        .map_err(|err| system_error(&err, "open", Some(&path), None, context))?;
    Ok(JsValue::undefined())
}

fn mkdtemp(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let prefix = path_arg(args, 0, context)?;
    let template = format!("{prefix}XXXXXX");
    let dir = nix::unistd::mkdtemp(template.as_str()).map_err(|errno| {
        let err = std::io::Error::from_raw_os_error(errno as i32);
        system_error(&err, "mkdtemp", Some(&template), None, context)
    })?;
    Ok(js_str(&dir.to_string_lossy()))
}

/// `complete(callback, args)`: queues `callback(...args)` for the poll phase, where Node delivers
/// the results of asynchronous I/O.
fn complete(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let callback = args
        .first()
        .and_then(JsValue::as_callable)
        .ok_or_else(|| JsNativeError::typ().with_message("callback must be a function"))?;
    let call_args = super::array_items(&args.get(1).cloned().unwrap_or_default(), context)?;
    Host::get(context)?
        .event_loop
        .borrow_mut()
        .completions
        .push_back(Completion {
            callback,
            args: call_args,
        });
    Ok(JsValue::undefined())
}
