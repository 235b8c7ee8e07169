//! `binding.child_process`: starting programs for `node:child_process` (and so `cluster.fork`).
//!
//! A spawned child's pipes become stream handles on this loop; a small thread waits for the child
//! to end and tells the loop (`LoopMessage::ChildExited`), which calls the ChildProcess's `onexit`.

use std::collections::HashMap;
use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, ExitStatus, Stdio};

use boa_engine::object::builtins::JsArray;
use boa_engine::{Context, JsObject, JsResult, JsValue};

use super::buffer::{bytes_of, uint8_array};
use super::net::{add_handle, status_of, stream_from_fd, MethodCall};
use super::{array_items, number_arg, object_arg, record, Op};
use crate::event_loop::handles::{HandleKind, StreamState};
use crate::event_loop::LoopMessage;
use crate::isolate::Host;

pub const OPS: &[(&str, usize, Op)] = &[
    ("spawn", 2, spawn),
    ("spawnSync", 1, spawn_sync),
    ("setRef", 2, set_ref),
];

/// A running child this isolate started: the ChildProcess object to tell when it exits.
pub struct ChildEntry {
    target: JsObject,
    refed: bool,
}

pub type Children = HashMap<i32, ChildEntry>;

/// How a child's stdio slot is set up, as the JavaScript normalised it.
enum Slot {
    Pipe,
    Inherit,
    Ignore,
    Ipc,
    Fd(RawFd),
}

/// What `spawn` and `spawnSync` read from their options object.
struct SpawnOptions {
    file: String,
    args: Vec<String>,
    argv0: Option<String>,
    cwd: Option<String>,
    env: Option<Vec<(String, String)>>,
    stdio: Vec<Slot>,
    detached: bool,
}

fn read_options(options: &JsObject, context: &mut Context) -> JsResult<SpawnOptions> {
    let field = |name: &str, context: &mut Context| options.get(boa_engine::JsString::from(name), context);
    let text = |value: JsValue, context: &mut Context| -> JsResult<Option<String>> {
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        Ok(Some(value.to_string(context)?.to_std_string_escaped()))
    };
    let file = text(field("file", context)?, context)?.unwrap_or_default();
    let mut args = Vec::new();
    for value in array_items(&field("args", context)?, context)? {
        args.push(value.to_string(context)?.to_std_string_escaped());
    }
    let argv0 = text(field("argv0", context)?, context)?;
    let cwd = text(field("cwd", context)?, context)?;
    let env_value = field("envPairs", context)?;
    let env = if env_value.is_undefined() {
        None
    } else {
        let mut pairs = Vec::new();
        for value in array_items(&env_value, context)? {
            let pair = value.to_string(context)?.to_std_string_escaped();
            if let Some((key, value)) = pair.split_once('=') {
                pairs.push((key.to_owned(), value.to_owned()));
            }
        }
        Some(pairs)
    };
    let mut stdio = Vec::new();
    for value in array_items(&field("stdio", context)?, context)? {
        stdio.push(if let Some(number) = value.as_number() {
            Slot::Fd(number as RawFd)
        } else {
            match value.to_string(context)?.to_std_string_escaped().as_str() {
                "pipe" | "overlapped" => Slot::Pipe,
                "inherit" => Slot::Inherit,
                "ipc" => Slot::Ipc,
                _ => Slot::Ignore,
            }
        });
    }
    let detached = field("detached", context)?.to_boolean();
    Ok(SpawnOptions {
        file,
        args,
        argv0,
        cwd,
        env,
        stdio,
        detached,
    })
}

fn stdio_for(slot: Option<&Slot>) -> Stdio {
    match slot {
        Some(Slot::Pipe) => Stdio::piped(),
        Some(Slot::Inherit) | None => Stdio::inherit(),
        Some(Slot::Fd(fd)) => match nix::unistd::dup(*fd) {
            // SAFETY: dup gave us a fresh descriptor that nothing else owns.
            Ok(copy) => Stdio::from(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(copy) }),
            Err(_) => Stdio::inherit(),
        },
        Some(Slot::Ignore | Slot::Ipc) => Stdio::null(),
    }
}

fn command(options: &SpawnOptions) -> Command {
    let mut command = Command::new(&options.file);
    command.args(&options.args);
    if let Some(argv0) = &options.argv0 {
        command.arg0(argv0);
    }
    if let Some(cwd) = &options.cwd {
        command.current_dir(cwd);
    }
    if let Some(env) = &options.env {
        command.env_clear();
        command.envs(env.iter().map(|(k, v)| (k, v)));
    }
    command.stdin(stdio_for(options.stdio.first()));
    command.stdout(stdio_for(options.stdio.get(1)));
    command.stderr(stdio_for(options.stdio.get(2)));
    if options.detached {
        // Node's `detached`: the child leads its own session, so it outlives the parent's terminal.
        // SAFETY: setsid is async-signal-safe.
        unsafe {
            command.pre_exec(|| nix::unistd::setsid().map(|_| ()).map_err(std::io::Error::from));
        }
    }
    command
}

/// Starts a child. Returns `[pid, stdin, stdout, stderr, ipc]` (handle ids, -1 where there is none)
/// or a negative errno when the program could not start.
fn spawn(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let target = object_arg(args, 0)?;
    let options = read_options(&object_arg(args, 1)?, context)?;
    let mut command = command(&options);
    let ipc_slot = options.stdio.iter().position(|slot| matches!(slot, Slot::Ipc));
    let mut parent_end = None;
    if let Some(slot) = ipc_slot {
        let (parent, child) = match crate::ipc::channel_pair() {
            Ok(pair) => pair,
            Err(err) => return Ok(status_of(&err)),
        };
        let child_raw = child.as_raw_fd();
        let slot = slot as RawFd;
        command.env(crate::ipc::CHANNEL_FD_ENV, slot.to_string());
        // SAFETY: dup2/fcntl are async-signal-safe; `child` stays open until after the fork.
        unsafe {
            command.pre_exec(move || {
                if child_raw == slot {
                    nix::fcntl::fcntl(slot, nix::fcntl::F_SETFD(nix::fcntl::FdFlag::empty()))?;
                } else {
                    nix::unistd::dup2(child_raw, slot)?;
                }
                Ok(())
            });
        }
        parent_end = Some((parent, child));
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(err) => return Ok(status_of(&err)),
    };
    let pid = child.id() as i32;
    let mut ids = vec![JsValue::from(pid)];
    let pipes: [(Option<OwnedFd>, &str); 3] = [
        (child.stdin.take().map(OwnedFd::from), "pipe-write"),
        (child.stdout.take().map(OwnedFd::from), "pipe-read"),
        (child.stderr.take().map(OwnedFd::from), "pipe-read"),
    ];
    for (fd, kind) in pipes {
        ids.push(match fd {
            Some(fd) => match stream_from_fd(fd, kind) {
                Ok(stream) => add_handle(
                    HandleKind::Stream(Box::new(StreamState::new(stream))),
                    target.clone(),
                    context,
                )?,
                Err(err) => status_of(&err),
            },
            None => JsValue::from(-1),
        });
    }
    ids.push(match parent_end {
        Some((parent, child_end)) => {
            drop(child_end);
            open_channel(parent, target.clone(), context)?
        }
        None => JsValue::from(-1),
    });
    let host = Host::get(context)?;
    host.event_loop.borrow_mut().ref_handle();
    host.children
        .borrow_mut()
        .insert(pid, ChildEntry { target, refed: true });
    let remote = host.event_loop.borrow().remote();
    let waiter = std::thread::Builder::new()
        .name(format!("rt-wait-{pid}"))
        .stack_size(64 * 1024)
        .spawn(move || {
            let (code, signal) = match child.wait() {
                Ok(status) => exit_parts(status),
                Err(_) => (Some(1), None),
            };
            remote.send(LoopMessage::ChildExited { pid, code, signal });
        });
    if let Err(err) = waiter {
        return Ok(status_of(&err));
    }
    Ok(JsArray::from_iter(ids, context).into())
}

/// Registers `fd` as an IPC channel (frames of JSON text, fds beside them) that starts reading now.
pub fn open_channel(fd: OwnedFd, target: JsObject, context: &mut Context) -> JsResult<JsValue> {
    let stream = match stream_from_fd(fd, "unix") {
        Ok(stream) => stream,
        Err(err) => return Ok(status_of(&err)),
    };
    let mut state = StreamState::new(stream);
    state.frames = Some(crate::ipc::FrameReader::default());
    state.reading = true;
    let id = add_handle(HandleKind::Stream(Box::new(state)), target, context)?;
    if let Some(id) = id.as_number().filter(|id| *id >= 0.0) {
        let host = Host::get(context)?;
        host.event_loop.borrow_mut().handles.retry.push_back(id as usize);
    }
    Ok(id)
}

fn exit_parts(status: ExitStatus) -> (Option<i32>, Option<i32>) {
    (status.code(), status.signal())
}

/// The ChildProcess's `onexit(code, signalNumber)` for child `pid`, which no longer keeps the loop alive.
pub fn exited(pid: i32, code: Option<i32>, signal: Option<i32>, context: &mut Context) -> JsResult<Option<MethodCall>> {
    let host = Host::get(context)?;
    let Some(entry) = host.children.borrow_mut().remove(&pid) else {
        return Ok(None);
    };
    if entry.refed {
        host.event_loop.borrow_mut().unref_handle();
    }
    let function = entry.target.get(boa_engine::js_string!("onexit"), context)?;
    let Some(function) = function.as_object() else {
        return Ok(None);
    };
    let code = code.map_or(JsValue::null(), JsValue::from);
    let signal = signal.map_or(JsValue::null(), JsValue::from);
    Ok(Some(MethodCall {
        this: entry.target,
        function,
        args: vec![code, signal],
    }))
}

fn set_ref(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let pid = number_arg(args, 0, 0.0, context)? as i32;
    let want = args.get(1).is_some_and(JsValue::to_boolean);
    let host = Host::get(context)?;
    let mut children = host.children.borrow_mut();
    if let Some(entry) = children.get_mut(&pid) {
        host.event_loop.borrow_mut().set_handle_ref(&mut entry.refed, want);
    }
    Ok(JsValue::undefined())
}

/// Runs a child to completion: `{ pid, status, signal, stdout, stderr }` (Uint8Arrays for piped
/// output) or a negative errno when it could not start. `input` (bytes) is written to its stdin.
fn spawn_sync(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let options_object = object_arg(args, 0)?;
    let options = read_options(&options_object, context)?;
    let input = options_object.get(boa_engine::js_string!("input"), context)?;
    let input = if input.is_undefined() || input.is_null() {
        None
    } else {
        Some(match input.as_string() {
            Some(text) => text.to_std_string_escaped().into_bytes(),
            None => bytes_of(&input, context)?,
        })
    };
    let mut command = command(&options);
    if input.is_some() {
        command.stdin(Stdio::piped());
    }
    let timeout = number_arg(
        &[options_object.get(boa_engine::js_string!("timeout"), context)?],
        0,
        0.0,
        context,
    )?;
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(err) => return Ok(status_of(&err)),
    };
    let pid = child.id() as i32;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        // A writer thread, so a child that fills its stdout before reading all its input cannot deadlock us.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let timed_out = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    if timeout > 0.0 {
        let flag = timed_out.clone();
        let duration = std::time::Duration::from_millis(timeout as u64);
        std::thread::spawn(move || {
            std::thread::sleep(duration);
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGTERM);
        });
    }
    let output = match child.wait_with_output() {
        Ok(output) => output,
        Err(err) => return Ok(status_of(&err)),
    };
    let (code, signal) = exit_parts(output.status);
    let stdout = piped_output(options.stdio.get(1), &output.stdout, context)?;
    let stderr = piped_output(options.stdio.get(2), &output.stderr, context)?;
    let timed_out = timed_out.load(std::sync::atomic::Ordering::SeqCst);
    Ok(record(
        context,
        vec![
            ("pid", JsValue::from(pid)),
            ("status", code.map_or(JsValue::null(), JsValue::from)),
            ("signal", signal.map_or(JsValue::null(), JsValue::from)),
            ("stdout", stdout),
            ("stderr", stderr),
            ("timedOut", JsValue::from(timed_out)),
        ],
    ))
}

fn piped_output(slot: Option<&Slot>, bytes: &[u8], context: &mut Context) -> JsResult<JsValue> {
    match slot {
        Some(Slot::Pipe) => uint8_array(bytes, context),
        _ => Ok(JsValue::null()),
    }
}
