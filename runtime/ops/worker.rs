//! What `node:worker_threads` needs natively: message ports, structured clone, and worker threads.
//! The Node API (events, validation, the Worker class) is JavaScript in stdlib/internal/worker/.

use boa_engine::object::builtins::JsArray;
use boa_engine::{js_string, Context, JsNativeError, JsResult, JsValue};

use super::{array_items, number_arg, object_arg, record, string_arg, Op};
use crate::clone;
use crate::isolate::{Entry, Host, IsolateOptions};
use crate::worker::port::{MessageTarget, PortEnd, PortId};
use crate::worker::{self, PortHandle, WorkerSpec};

pub const OPS: &[(&str, usize, Op)] = &[
    ("newChannel", 0, new_channel),
    ("setMessageTarget", 2, set_message_target),
    ("receiveMessage", 1, receive_message),
    ("spawn", 5, spawn),
    ("terminate", 1, terminate),
    ("captureStdio", 2, capture_stdio),
    ("setWorkerRef", 2, set_worker_ref),
    ("forgetWorker", 1, forget_worker),
    ("threadInfo", 0, thread_info),
    ("whenThreadKnown", 1, when_thread_known),
    ("structuredClone", 2, structured_clone),
    ("broadcastSubscribe", 1, broadcast_subscribe),
    ("broadcastPost", 3, broadcast_post),
];

fn port_id(args: &[JsValue], index: usize) -> JsResult<u64> {
    args.get(index)
        .and_then(JsValue::as_object)
        .and_then(|object| object.downcast_ref::<PortHandle>().map(|handle| handle.id))
        .ok_or_else(|| JsNativeError::typ().with_message("not a MessagePort").into())
}

/// The transfer list argument: an array (or any iterable turned into one by the JS side).
fn transfer_list(args: &[JsValue], index: usize, context: &mut Context) -> JsResult<Vec<JsValue>> {
    array_items(&args.get(index).cloned().unwrap_or_default(), context)
}

/// `new MessageChannel()`: two entangled ports, both owned here.
fn new_channel(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (one, two) = PortEnd::pair();
    let one = worker::register_port(one, context)?;
    let two = worker::register_port(two, context)?;
    Ok(JsArray::from_iter([one.into(), two.into()], context).into())
}

/// Clones `value` (throwing DataCloneError with nothing sent) and queues it on port `id`'s peer; a port
/// that is closed here still clones, as Node's does, and sends nothing.
pub fn post(id: PortId, value: &JsValue, transfer: &[JsValue], context: &mut Context) -> JsResult<()> {
    let source_in_transfer = transfer.iter().any(|item| {
        item.as_object()
            .and_then(|o| o.downcast_ref::<PortHandle>().map(|h| h.id == id))
            .unwrap_or(false)
    });
    if source_in_transfer {
        return Err(clone::data_clone_error("Transfer list contains source port", context));
    }
    let end = worker::with_state(context, |state| state.ports.get(id).map(|port| port.end.clone()))?;
    let message = clone::serialize(value, transfer, context)?;
    if let Some(end) = end {
        end.post_to_peer(message);
    }
    Ok(())
}

/// Makes `target` (a Worker) emit the messages of `port`, its own channel.
fn set_message_target(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = port_id(args, 0)?;
    let target = object_arg(args, 1)?;
    let direct = args.get(2).is_some_and(JsValue::to_boolean);
    worker::with_state(context, |state| {
        if let Some(port) = state.ports.get_mut(id) {
            port.message_target = Some(MessageTarget {
                emitter: target,
                direct,
            });
        }
    })?;
    Ok(JsValue::undefined())
}

/// `receiveMessageOnPort(port)`: `{ message }` for the next queued message, or undefined.
fn receive_message(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = port_id(args, 0)?;
    let closed = args
        .first()
        .and_then(JsValue::as_object)
        .and_then(|object| object.downcast_ref::<PortHandle>().map(|handle| handle.closed.get()));
    if closed == Some(true) {
        return Ok(JsValue::undefined());
    }
    let message = worker::with_state(context, |state| state.ports.get(id).and_then(|port| port.end.receive()))?;
    match message {
        Some(message) => {
            let value = clone::deserialize(message, context)?;
            Ok(record(context, vec![("message", value)]))
        }
        None => Ok(JsValue::undefined()),
    }
}

/// `spawn(worker, kind, entry, data, transferList, options)` → `[threadId, port]`.
/// `kind` is 'file', 'eval' or 'module'; `data` is `[workerData, environmentData]`.
fn spawn(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let object = object_arg(args, 0)?;
    let kind = string_arg(args, 1, context)?;
    let entry_text = string_arg(args, 2, context)?;
    let data = args.get(3).cloned().unwrap_or_default();
    let transfer = transfer_list(args, 4, context)?;
    let options = object_arg(args, 5)?;

    let entry = match kind.as_str() {
        "eval" => Entry::Eval(entry_text),
        "module" => Entry::ModuleSource(entry_text),
        _ => Entry::File(entry_text.into()),
    };
    let argv = string_list(&options.get(js_string!("argv"), context)?, context)?;
    let exec_argv = string_list(&options.get(js_string!("execArgv"), context)?, context)?;
    let env = options.get(js_string!("env"), context)?;
    let env = if env.is_null() || env.is_undefined() {
        None
    } else if env.as_string().is_some_and(|s| s.to_std_string_escaped() == "copy") {
        // A copy of the process environment, which `process.env` on this thread is.
        Some(
            std::env::vars_os()
                .map(|(key, value)| (key.to_string_lossy().into_owned(), value.to_string_lossy().into_owned()))
                .collect(),
        )
    } else {
        let pairs = string_list(&env, context)?;
        Some(
            pairs
                .chunks(2)
                .map(|pair| (pair[0].clone(), pair.get(1).cloned().unwrap_or_default()))
                .collect(),
        )
    };
    let name = options.get(js_string!("name"), context)?;
    let name = if name.is_undefined() {
        String::new()
    } else {
        name.to_string(context)?.to_std_string_escaped()
    };
    let limits = options.get(js_string!("resourceLimits"), context)?;
    let limits = number_list(&limits, context)?;
    let mut resource_limits = [48.0, 4096.0, 0.0, 4.0];
    for (slot, value) in resource_limits.iter_mut().zip(limits) {
        *slot = value;
    }

    let data = clone::serialize(&data, &transfer, context)?;
    let host = Host::get(context)?;
    let spec = WorkerSpec {
        entry,
        options: IsolateOptions {
            argv,
            exec_argv,
            is_main_thread: false,
            env,
            // A worker sees its parent's working directory, output and host modules.
            cwd: host.options.cwd.clone(),
            output: host.options.output.clone(),
            extensions: host.options.extensions.clone(),
        },
        name,
        data,
        stack_size_mb: resource_limits[3],
        resource_limits,
        capture_stdio: [
            options.get(js_string!("stdout"), context)?.to_boolean(),
            options.get(js_string!("stderr"), context)?.to_boolean(),
        ],
    };
    let (thread_id, port) = worker::spawn_worker_thread(spec, object, context)?;
    Ok(JsArray::from_iter([JsValue::from(thread_id as f64), port.into()], context).into())
}

fn string_list(value: &JsValue, context: &mut Context) -> JsResult<Vec<String>> {
    array_items(value, context)?
        .iter()
        .map(|item| Ok(item.to_string(context)?.to_std_string_escaped()))
        .collect()
}

fn number_list(value: &JsValue, context: &mut Context) -> JsResult<Vec<f64>> {
    array_items(value, context)?
        .iter()
        .map(|item| item.to_number(context))
        .collect()
}

fn thread_id_arg(args: &[JsValue], context: &mut Context) -> JsResult<u64> {
    Ok(number_arg(args, 0, 0.0, context)? as u64)
}

fn terminate(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    worker::terminate(thread_id_arg(args, context)?, context)?;
    Ok(JsValue::undefined())
}

/// `captureStdio(threadId, fd)`: the worker's fd 1 or 2 goes to `worker.stdout`/`.stderr` from now on.
fn capture_stdio(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let fd = args.get(1).cloned().unwrap_or_default().to_i32(context)?;
    worker::capture_stdio(thread_id_arg(args, context)?, fd, context)?;
    Ok(JsValue::undefined())
}

fn set_worker_ref(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let refed = args.get(1).is_some_and(JsValue::to_boolean);
    worker::set_worker_ref(thread_id_arg(args, context)?, refed, context)?;
    Ok(JsValue::undefined())
}

/// A worker that did not stop after `terminate()`: stop waiting for it.
fn forget_worker(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    worker::forget_worker(thread_id_arg(args, context)?, context)?;
    Ok(JsValue::undefined())
}

/// In a worker: `{ threadId, name, port, data, resourceLimits }` (once: the port and data move into
/// JavaScript). On the main thread: null. In an engine built ahead of its worker: undefined.
fn thread_info(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    if worker::with_state(context, |state| state.awaiting_thread)? {
        return Ok(JsValue::undefined());
    }
    current_thread_info(context)
}

/// `whenThreadKnown(describe)`: in an engine built ahead of its worker, `describe(threadInfo())` runs once the
/// worker it runs is known (`Isolate::from_engine`).
fn when_thread_known(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let describe = object_arg(args, 0)?;
    worker::with_state(context, |state| state.describe_thread = Some(describe))?;
    Ok(JsValue::undefined())
}

/// This thread's `threadInfo()` value (null on the main thread); see `thread_info`.
pub fn current_thread_info(context: &mut Context) -> JsResult<JsValue> {
    let info = worker::with_state(context, |state| {
        state.context.as_mut().map(|c| {
            (
                c.thread_id,
                c.name.clone(),
                c.parent_port.clone(),
                c.data.take(),
                c.resource_limits,
            )
        })
    })?;
    let Some((thread_id, name, parent_port, data, limits)) = info else {
        return Ok(JsValue::null());
    };
    let port = worker::register_port(parent_port, context)?;
    let data = match data {
        Some(message) => clone::deserialize(message, context)?,
        None => JsValue::undefined(),
    };
    let limits = JsArray::from_iter(limits.iter().map(|&n| JsValue::from(n)), context);
    Ok(record(
        context,
        vec![
            ("threadId", JsValue::from(thread_id as f64)),
            ("name", JsValue::from(boa_engine::JsString::from(name))),
            ("port", port.into()),
            ("data", data),
            ("resourceLimits", limits.into()),
        ],
    ))
}

/// The global `structuredClone(value, { transfer })`: the same clone a message gets.
fn structured_clone(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let value = args.first().cloned().unwrap_or_default();
    let transfer = transfer_list(args, 1, context)?;
    let message = clone::serialize(&value, &transfer, context)?;
    clone::deserialize(message, context)
}

/// `new BroadcastChannel(name)`: a port subscribed to `name` across all threads.
fn broadcast_subscribe(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = string_arg(args, 0, context)?;
    let end = crate::worker::port::subscribe_broadcast(&name);
    Ok(worker::register_port(end, context)?.into())
}

/// `channel.postMessage(value)`: a copy to every other subscriber of the same name.
fn broadcast_post(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = port_id(args, 0)?;
    let name = string_arg(args, 1, context)?;
    let value = args.get(2).cloned().unwrap_or_default();
    let message = clone::serialize(&value, &[], context)?;
    for peer in crate::worker::port::broadcast_peers(&name, id) {
        if let Some(copy) = message.try_copy() {
            peer.deliver(copy);
        }
    }
    Ok(JsValue::undefined())
}
