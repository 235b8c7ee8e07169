//! What `process` needs from the OS: identity, argv/env, cwd, exit, signals, stdio writes, memory.

use boa_engine::error::PanicError;
use boa_engine::{Context, JsError, JsNativeError, JsResult, JsValue};

use super::buffer::bytes_of;
use super::{js_str, number_arg, record, string_arg, string_array, Op};
use crate::isolate::Host;

pub const OPS: &[(&str, usize, Op)] = &[
    ("argv", 0, argv),
    ("execArgv", 0, exec_argv),
    ("execPath", 0, exec_path),
    ("pid", 0, pid),
    ("ppid", 0, ppid),
    ("cwd", 0, cwd),
    ("chdir", 1, chdir),
    ("env", 0, env),
    ("envIsShared", 0, env_is_shared),
    ("getEnv", 1, get_env),
    ("envKeys", 0, env_keys),
    ("setEnv", 2, set_env),
    ("unsetEnv", 1, unset_env),
    ("umask", 1, umask),
    ("memoryUsage", 0, memory_usage),
    ("cpuUsage", 0, cpu_usage),
    ("reallyExit", 1, really_exit),
    ("kill", 2, kill),
    ("writeFd", 2, write_fd),
    ("isatty", 1, isatty),
    ("ids", 0, ids),
    ("isMainThread", 0, is_main_thread),
    ("watchSignal", 3, watch_signal),
];

/// `process.on(signal)` gained its first listener (`watched` true) or lost its last. The main
/// thread's `target.onsignals(numbers)` hears about deliveries; the handle never keeps the loop
/// alive (Node's signal handles are unref'd).
fn watch_signal(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = super::object_arg(args, 0)?;
    let number = number_arg(args, 1, 0.0, context)? as i32;
    let watched = args.get(2).is_some_and(JsValue::to_boolean);
    let Ok(signal) = nix::sys::signal::Signal::try_from(number) else {
        return Ok(JsValue::from(-nix::libc::EINVAL));
    };
    let host = Host::get(context)?;
    if watched && host.signal_handle.get().is_none() {
        let receiver = match crate::event_loop::signals::open_pipe() {
            Ok(receiver) => receiver,
            Err(err) => return Ok(super::net::status_of(&err)),
        };
        let kind = crate::event_loop::handles::HandleKind::Signals(receiver);
        let mut event_loop = host.event_loop.borrow_mut();
        match event_loop.add_handle(kind, target) {
            Ok(id) => {
                if let Some(handle) = event_loop.handles.get_mut(id) {
                    handle.refed = false;
                }
                event_loop.unref_handle();
                host.signal_handle.set(Some(id));
            }
            Err(err) => return Ok(super::net::status_of(&err)),
        }
    }
    match crate::event_loop::signals::set_watched(signal, watched) {
        Ok(()) => Ok(JsValue::from(0)),
        Err(err) => Ok(super::net::status_of(&err)),
    }
}

fn argv(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let host = Host::get(context)?;
    Ok(string_array(&host.options.argv, context))
}

fn exec_argv(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let host = Host::get(context)?;
    Ok(string_array(&host.options.exec_argv, context))
}

fn exec_path(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let path = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(js_str(&path))
}

fn pid(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(std::process::id()))
}

fn ppid(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(nix::unistd::getppid().as_raw()))
}

fn cwd(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if let Some(dir) = &Host::get(context)?.options.cwd {
        return Ok(js_str(&dir.to_string_lossy()));
    }
    let dir = std::env::current_dir()
        .map_err(|err| JsNativeError::error().with_message(format!("process.cwd failed: {err}")))?;
    Ok(js_str(&dir.to_string_lossy()))
}

fn chdir(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if Host::get(context)?.options.cwd.is_some() {
        // The host fixed this runtime's directory; moving the whole process's would surprise it.
        let err = JsNativeError::typ()
            .with_message("process.chdir() is not supported when the host sets the working directory");
        return Err(crate::modules::with_code(err, "ERR_UNSUPPORTED_OPERATION", context));
    }
    let dir = string_arg(args, 0, context)?;
    std::env::set_current_dir(&dir).map_err(|err| super::fs::system_error(&err, "chdir", Some(&dir), None, context))?;
    Ok(JsValue::undefined())
}

/// The environment `process.env` starts from: the process's, or a worker's own copy.
fn env(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let host = Host::get(context)?;
    let vars: Vec<(String, String)> = match &host.options.env {
        Some(vars) => vars.clone(),
        None => std::env::vars_os()
            .map(|(k, v)| (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned()))
            .collect(),
    };
    let entries = vars.iter().map(|(k, v)| (k.as_str(), js_str(v))).collect();
    Ok(record(context, entries))
}

/// Keeps the OS environment in step with `process.env` so child processes inherit changes.
/// Whether `process.env` is the process environment (main thread, SHARE_ENV workers).
fn env_is_shared(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(Host::get(context)?.options.env.is_none().into())
}

fn get_env(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let key = string_arg(args, 0, context)?;
    if key.is_empty() || key.contains(['=', '\0']) {
        return Ok(JsValue::undefined());
    }
    Ok(std::env::var_os(&key).map_or(JsValue::undefined(), |v| js_str(&v.to_string_lossy())))
}

fn env_keys(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let keys: Vec<String> = std::env::vars_os()
        .map(|(k, _)| k.to_string_lossy().into_owned())
        .collect();
    Ok(string_array(&keys, context))
}

/// A worker with its own env copy changes only that copy.
fn set_env(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let key = string_arg(args, 0, context)?;
    let value = string_arg(args, 1, context)?;
    if Host::get(context)?.options.env.is_some() {
        return Ok(JsValue::undefined());
    }
    if !key.is_empty() && !key.contains(['=', '\0']) && !value.contains('\0') {
        // SAFETY: rt reads the environment only through std::env, whose lock orders this write
        // with reads on other threads (workers sharing the env with SHARE_ENV).
        unsafe { std::env::set_var(key, value) };
    }
    Ok(JsValue::undefined())
}

fn unset_env(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let key = string_arg(args, 0, context)?;
    if Host::get(context)?.options.env.is_some() {
        return Ok(JsValue::undefined());
    }
    if !key.is_empty() && !key.contains(['=', '\0']) {
        // SAFETY: as in `set_env`.
        unsafe { std::env::remove_var(key) };
    }
    Ok(JsValue::undefined())
}

fn umask(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    use nix::sys::stat::{umask, Mode};
    let old = match args.first() {
        Some(value) if !value.is_undefined() => {
            let mask = value.to_u32(context)?;
            umask(Mode::from_bits_truncate(mask))
        }
        _ => {
            let old = umask(Mode::empty());
            umask(old);
            old
        }
    };
    Ok(JsValue::from(old.bits()))
}

/// Resident set size from /proc, in bytes.
pub fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let page_size = nix::unistd::sysconf(nix::unistd::SysconfVar::PAGE_SIZE)
        .ok()
        .flatten()
        .unwrap_or(4096);
    pages * page_size as u64
}

fn memory_usage(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let rss = rss_bytes() as f64;
    Ok(record(
        context,
        vec![
            ("rss", JsValue::from(rss)),
            ("heapTotal", JsValue::from(0)),
            ("heapUsed", JsValue::from(0)),
            ("external", JsValue::from(0)),
            ("arrayBuffers", JsValue::from(0)),
        ],
    ))
}

fn cpu_usage(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    use nix::sys::resource::{getrusage, UsageWho};
    let usage = getrusage(UsageWho::RUSAGE_SELF)
        .map_err(|err| JsNativeError::error().with_message(format!("getrusage: {err}")))?;
    let micros = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 * 1e6 + t.tv_usec() as f64;
    Ok(record(
        context,
        vec![
            ("user", JsValue::from(micros(usage.user_time()))),
            ("system", JsValue::from(micros(usage.system_time()))),
        ],
    ))
}

/// Records the exit code and unwinds JavaScript with an uncatchable error; the isolate stops when
/// it sees the code (on the main thread the process then exits; in a worker only that worker ends).
fn really_exit(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let code = number_arg(args, 0, 0.0, context)? as i32;
    Host::get(context)?.exit_code.set(Some(code));
    Err(JsError::from(PanicError::new("process.exit()")))
}

/// `kill(pid, signalNumber)`; signal 0 only checks that the process exists.
fn kill(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let pid = number_arg(args, 0, 0.0, context)? as i32;
    let signal = number_arg(args, 1, 15.0, context)? as i32;
    let signal = if signal == 0 {
        None
    } else {
        Some(
            nix::sys::signal::Signal::try_from(signal)
                .map_err(|_| JsNativeError::typ().with_message(format!("Unknown signal: {signal}")))?,
        )
    };
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), signal).map_err(|errno| {
        let err = std::io::Error::from_raw_os_error(errno as i32);
        super::fs::system_error(&err, "kill", None, None, context)
    })?;
    Ok(JsValue::from(true))
}

/// Writes a string (as UTF-8) or a Uint8Array to fd 1 or 2, synchronously, as Node does for
/// files, pipes and terminals on Linux.
fn write_fd(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = number_arg(args, 0, 1.0, context)? as i32;
    let data = args.get(1).cloned().unwrap_or_default();
    let bytes = if data.is_string() {
        data.to_string(context)?.to_std_string_lossy().into_bytes()
    } else {
        bytes_of(&data, context)?
    };
    let result = Host::get(context)?.options.output.write(fd, &bytes);
    // A closed stdout (EPIPE, say) must not crash the program; Node reports it as a stream error,
    // which we leave out for now.
    let _ = result;
    Ok(JsValue::undefined())
}

fn isatty(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = number_arg(args, 0, 1.0, context)? as i32;
    // SAFETY: isatty only inspects the descriptor number.
    Ok(JsValue::from(unsafe { nix::libc::isatty(fd) } == 1))
}

fn ids(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    use nix::unistd::{getegid, geteuid, getgid, getuid};
    Ok(record(
        context,
        vec![
            ("uid", JsValue::from(getuid().as_raw())),
            ("euid", JsValue::from(geteuid().as_raw())),
            ("gid", JsValue::from(getgid().as_raw())),
            ("egid", JsValue::from(getegid().as_raw())),
        ],
    ))
}

fn is_main_thread(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(Host::get(context)?.options.is_main_thread))
}
