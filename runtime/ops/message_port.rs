//! `binding.messagePort`: the EventEmitter-style methods of Node's MessagePort (a NodeEventTarget: `on`,
//! `once`, `off`, `emit`, `listenerCount`, `eventNames`, ... but no `prependListener` or `listeners`), which
//! internal/worker/io copies onto `MessagePort.prototype`; `this` is the port. The listeners live on
//! the port object (worker/listeners.rs). As in Node, the first 'message' listener refs and starts the port
//! and losing the last one unrefs it (Node's setupPortReferencing).

use boa_engine::object::builtins::JsArray;
use boa_engine::{js_string, Context, JsNativeError, JsObject, JsResult, JsValue};

use super::Op;
use crate::worker::listeners::{Listener, Listeners};
use crate::worker::{self, PortHandle};

pub const OPS: &[(&str, usize, Op)] = &[
    ("postMessage", 0, post_message),
    ("start", 0, start),
    ("close", 0, close),
    ("ref", 0, ref_port),
    ("unref", 0, unref_port),
    ("hasRef", 0, has_ref),
    ("on", 2, on),
    ("addListener", 2, on),
    ("once", 2, once),
    ("removeListener", 2, remove_listener),
    ("off", 2, remove_listener),
    ("removeAllListeners", 1, remove_all_listeners),
    ("emit", 1, emit),
    ("listenerCount", 1, listener_count),
    ("eventNames", 0, event_names),
];

/// `port.postMessage(value, transferList | { transfer })`: the transfer list read as Node reads it
/// (internal/worker/transfer_list, only when one is given), then cloned and queued (ops/worker.rs).
fn post_message(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let port = port(this)?;
    let Some(value) = args.first() else {
        let error = crate::clone::node_error("ERR_MISSING_ARGS", &[js_string!("message").into()], context);
        if let Some(object) = error.as_opaque().and_then(JsValue::as_object) {
            let message = js_string!("Not enough arguments to MessagePort.postMessage");
            object.set(js_string!("message"), message, false, context)?;
        }
        return Err(error);
    };
    let id = with_handle(&port, |handle| handle.id)?;
    let transfer = match args.get(1) {
        Some(list) if !list.is_undefined() => {
            let read = crate::modules::builtin_export(context, "internal/worker/transfer_list", "transferListOf")?;
            let list = read.call(&JsValue::undefined(), std::slice::from_ref(list), context)?;
            super::array_items(&list, context)?
        }
        _ => Vec::new(),
    };
    super::worker::post(id, value, &transfer, context)?;
    Ok(JsValue::undefined())
}

/// `port.start()`: its queued messages flow from the next poll phase (Node: `start()` on a closed port does nothing).
fn start(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (id, closed) = with_handle(&port(this)?, |handle| (handle.id, handle.closed.get()))?;
    if !closed {
        worker::start_port(id, context)?;
    }
    Ok(JsValue::undefined())
}

/// `port.close()`: both ends close; 'close' follows in the close-callbacks phase, on both.
fn close(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let (id, was_closed) = with_handle(&port(this)?, |handle| (handle.id, handle.closed.replace(true)))?;
    if !was_closed {
        worker::close_local_port(id, context)?;
    }
    Ok(JsValue::undefined())
}

fn set_ref(this: &JsValue, refed: bool, context: &mut Context) -> JsResult<JsValue> {
    let port = port(this)?;
    let (id, closed) = with_handle(&port, |handle| {
        handle.refed.set(refed);
        (handle.id, handle.closed.get())
    })?;
    if !closed {
        worker::set_port_ref(id, refed, context)?;
    }
    Ok(port.into())
}

fn ref_port(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    set_ref(this, true, context)
}

fn unref_port(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    set_ref(this, false, context)
}

fn has_ref(this: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let refed = with_handle(&port(this)?, |handle| handle.refed.get() && !handle.closed.get())?;
    Ok(refed.into())
}

/// The port `this` is, as an object carrying its listeners.
fn port(this: &JsValue) -> JsResult<JsObject> {
    this.as_object()
        .filter(|object| object.downcast_ref::<PortHandle>().is_some())
        .ok_or_else(|| JsNativeError::typ().with_message("not a MessagePort").into())
}

/// Runs `f` on the native half of `port`.
fn with_handle<R>(port: &JsObject, f: impl FnOnce(&PortHandle) -> R) -> JsResult<R> {
    let handle = port
        .downcast_ref::<PortHandle>()
        .ok_or_else(|| JsNativeError::typ().with_message("not a MessagePort"))?;
    Ok(f(&handle))
}

fn with_listeners<R>(port: &JsObject, f: impl FnOnce(&Listeners) -> R) -> JsResult<R> {
    with_handle(port, |handle| f(&handle.listeners))
}

fn is_message(name: &JsValue) -> bool {
    name.as_string().is_some_and(|name| name == js_string!("message"))
}

/// Calls `port[method]()`, so a port's own `ref`/`start`/`unref` (and their bookkeeping) run.
fn call_method(port: &JsObject, method: &str, context: &mut Context) -> JsResult<()> {
    let function = port.get(boa_engine::JsString::from(method), context)?;
    if let Some(function) = function.as_callable() {
        function.call(&port.clone().into(), &[], context)?;
    }
    Ok(())
}

/// Refs and starts the port when it gains its first 'message' listener; unrefs it when it loses the last.
fn message_listeners_changed(port: &JsObject, before: usize, context: &mut Context) -> JsResult<()> {
    let now = with_listeners(port, |l| l.count(&js_string!("message").into()))?;
    if before == 0 && now > 0 {
        call_method(port, "ref", context)?;
        call_method(port, "start", context)?;
    } else if before > 0 && now == 0 {
        call_method(port, "unref", context)?;
    }
    Ok(())
}

fn add(this: &JsValue, args: &[JsValue], once: bool, context: &mut Context) -> JsResult<JsValue> {
    let port = port(this)?;
    let name = args.first().cloned().unwrap_or_default();
    let callback = args.get(1).cloned().unwrap_or_default();
    let Some(callback) = callback.as_callable() else {
        let args = [
            js_string!("listener").into(),
            js_string!("EventListener").into(),
            callback,
        ];
        return Err(crate::clone::node_error("ERR_INVALID_ARG_TYPE", &args, context));
    };
    let before = with_listeners(&port, |l| l.count(&js_string!("message").into()))?;
    with_listeners(&port, |l| l.add(name.clone(), Listener { callback, once }))?;
    if is_message(&name) {
        message_listeners_changed(&port, before, context)?;
    }
    Ok(port.into())
}

fn on(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    add(this, args, false, context)
}

fn once(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    add(this, args, true, context)
}

fn remove_listener(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let port = port(this)?;
    let name = args.first().cloned().unwrap_or_default();
    if let Some(callback) = args.get(1).and_then(JsValue::as_object) {
        let before = with_listeners(&port, |l| l.count(&js_string!("message").into()))?;
        let removed = with_listeners(&port, |l| l.remove(&name, &callback))?;
        if removed && is_message(&name) {
            message_listeners_changed(&port, before, context)?;
        }
    }
    Ok(port.into())
}

fn remove_all_listeners(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let port = port(this)?;
    let before = with_listeners(&port, |l| l.count(&js_string!("message").into()))?;
    let name = args.first().filter(|name| !name.is_undefined());
    with_listeners(&port, |l| l.clear(name))?;
    message_listeners_changed(&port, before, context)?;
    Ok(port.into())
}

/// `port.emit(name, ...args)`: calls the listeners of `name` as they are now, each with the port as `this`.
fn emit(this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let port = port(this)?;
    let name = args.first().cloned().unwrap_or_default();
    let rest = args.get(1..).unwrap_or_default();
    emit_on(&port, &name, rest, context)
}

/// Emits `name` with `args` on `port` (also what the loop does for a message when the port has other than
/// one plain 'message' listener).
pub fn emit_on(port: &JsObject, name: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let listeners = with_listeners(port, |l| l.of(name))?;
    if listeners.is_empty() {
        return Ok(false.into());
    }
    let this = JsValue::from(port.clone());
    for listener in listeners {
        if listener.once {
            let before = with_listeners(port, |l| l.count(&js_string!("message").into()))?;
            with_listeners(port, |l| l.remove_once(name, &listener.callback))?;
            if is_message(name) {
                message_listeners_changed(port, before, context)?;
            }
        }
        listener.callback.call(&this, args, context)?;
    }
    Ok(true.into())
}

/// The listener the loop can call directly for a message: the port's only 'message' listener, when it is
/// not a `once` one.
pub fn lone_message_listener(port: &JsObject) -> Option<JsObject> {
    let handle = port.downcast_ref::<PortHandle>()?;
    handle.listeners.lone(&js_string!("message").into())
}

fn listener_count(this: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let port = port(this)?;
    let name = args.first().cloned().unwrap_or_default();
    Ok((with_listeners(&port, |l| l.count(&name))? as u32).into())
}

/// Node's ports always listen to 'newListener' and 'removeListener' themselves (that is how they ref and
/// unref), so those names come first.
fn event_names(this: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let port = port(this)?;
    let names = with_listeners(&port, |l| l.names())?;
    let internal = [js_string!("newListener").into(), js_string!("removeListener").into()];
    Ok(JsArray::from_iter(internal.into_iter().chain(names), context).into())
}
