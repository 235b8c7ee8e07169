//! Workers and message ports, the isolate side: `spawn_worker_thread` starts a worker on its own OS
//! thread with its own isolate, and each isolate's `WorkerState` holds its ports and the workers it
//! started. The loop (isolate.rs) hands cross-thread notifications here and runs the JavaScript
//! callbacks this module prepares, draining ticks and microtasks after each as Node does.

pub mod listeners;
pub mod pool;
pub mod port;
mod stdio;

use std::cell::Cell;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use boa_engine::{js_string, Context, JsData, JsNativeError, JsObject, JsResult, JsValue};
use boa_gc::{Finalize, Trace};

use crate::clone::{self, Message};
use crate::event_loop::{LoopMessage, RemoteLoop};
use crate::isolate::{Engine, Entry, Host, Isolate, IsolateOptions, Preload};
use listeners::Listeners;
use port::{LocalPort, LocalPorts, PortEnd, PortId};

/// Thread ids: the main thread is 0, workers count up from 1 across the process, as in Node.
static NEXT_THREAD_ID: AtomicU64 = AtomicU64::new(1);

/// The native half of a JavaScript `MessagePort`: the object carries this, and its prototype is
/// `MessagePort.prototype`.
#[derive(Trace, Finalize, JsData)]
pub struct PortHandle {
    #[unsafe_ignore_trace]
    pub id: PortId,
    /// Its Node-style listeners (ops/message_port.rs).
    pub listeners: Listeners,
    /// Closed here (by `close()`, or its 'close' delivered): start/ref/unref do nothing, `hasRef()` is false.
    #[unsafe_ignore_trace]
    pub closed: Cell<bool>,
    /// What `ref()`/`unref()` last said (`hasRef()`).
    #[unsafe_ignore_trace]
    pub refed: Cell<bool>,
}

/// What a worker's thread reports to the isolate that started it.
pub enum WorkerEvent {
    /// The worker is about to run its entry ('online').
    Online,
    /// The worker's isolate ended; `error` is its uncaught exception, serialized.
    Exit { code: i32, error: Option<Message> },
    /// Bytes the worker wrote to fd 1 or 2 while its parent captures them (worker/stdio.rs).
    Stdio { fd: i32, bytes: Vec<u8> },
}

/// A worker isolate's view of its place in the process: `threadId`, `workerData`, `parentPort`.
pub struct WorkerContext {
    pub thread_id: u64,
    pub name: String,
    pub parent_port: Arc<PortEnd>,
    /// `[workerData, environmentData]`, taken when the worker first asks.
    pub data: Option<Message>,
    pub resource_limits: [f64; 4],
    pub terminate: Arc<AtomicBool>,
    /// The worker's uncaught exception, set when it ends with one.
    pub uncaught_error: Option<Message>,
}

/// A worker this isolate started.
struct ChildWorker {
    /// The JavaScript `Worker` object.
    object: JsObject,
    /// This side of the worker's message channel.
    port: PortId,
    terminate: Arc<AtomicBool>,
    remote: Arc<Mutex<Option<RemoteLoop>>>,
    refed: bool,
    /// Whether its stdout and stderr go to `worker.stdout`/`worker.stderr` (worker/stdio.rs).
    capture_stdio: [Arc<AtomicBool>; 2],
    /// Its thread, joined once the worker has reported its exit (a worker given up on is not waited for).
    thread: Option<std::thread::JoinHandle<()>>,
}

/// The worker-related state of one isolate.
#[derive(Default)]
pub struct WorkerState {
    pub ports: LocalPorts,
    children: HashMap<u64, ChildWorker>,
    /// Local ports whose queued messages wait for the next poll phase (just started or adopted).
    pub ready: VecDeque<PortId>,
    /// Closed ports whose 'close' event waits for the close-callbacks phase (as libuv's uv_close).
    pub closing: VecDeque<JsObject>,
    /// Set in worker isolates.
    pub context: Option<WorkerContext>,
    /// `emitOnPort` and `emitOnEmitter` from those exports: every message calls one of them.
    emitters: Option<(JsObject, JsObject)>,
    /// Set in an engine built ahead for a worker not yet known (worker/pool.rs): `threadInfo()` is undefined.
    pub awaiting_thread: bool,
    /// What `worker_threads` asked to be called with the thread's info once it is known (`whenThreadKnown`).
    pub describe_thread: Option<JsObject>,
}

/// What a new worker runs and with what.
pub struct WorkerSpec {
    pub entry: Entry,
    pub options: IsolateOptions,
    pub name: String,
    /// `[workerData, environmentData]`.
    pub data: Message,
    pub stack_size_mb: f64,
    pub resource_limits: [f64; 4],
    /// `stdout: true` / `stderr: true`: the worker's output goes only to `worker.stdout`/`.stderr`.
    pub capture_stdio: [bool; 2],
}

/// A JS call the loop should make: the function and its arguments.
pub struct Callback {
    pub function: JsObject,
    pub this: JsValue,
    pub args: Vec<JsValue>,
}

impl Callback {
    /// A plain function call (`this` undefined).
    pub fn new(function: JsObject, args: Vec<JsValue>) -> Self {
        Self {
            function,
            this: JsValue::undefined(),
            args,
        }
    }
}

fn state_error() -> boa_engine::JsError {
    JsNativeError::error().with_message("rt: worker state is busy").into()
}

impl WorkerState {
    /// The state of an engine built before its thread is known: a worker's when `awaiting_thread`.
    pub fn ahead_of_thread(awaiting_thread: bool) -> Self {
        Self {
            awaiting_thread,
            ..Self::default()
        }
    }

    /// The state of a worker isolate, linked to its parent.
    pub fn for_worker(context: Option<WorkerContext>) -> Self {
        Self {
            context,
            ..Self::default()
        }
    }
}

/// Runs `f` on this isolate's worker state.
pub fn with_state<R>(context: &Context, f: impl FnOnce(&mut WorkerState) -> R) -> JsResult<R> {
    let host = Host::get(context)?;
    let mut state = host.workers.try_borrow_mut().map_err(|_| state_error())?;
    Ok(f(&mut state))
}

/// Registers a port end with this isolate under a new `MessagePort` object (prototype set by JS).
pub fn register_port(end: Arc<PortEnd>, context: &mut Context) -> JsResult<JsObject> {
    let host = Host::get(context)?;
    end.set_owner(Some(host.event_loop.borrow().remote()));
    let prototype = context.intrinsics().constructors().object().prototype();
    let object = JsObject::from_proto_and_data(
        prototype,
        PortHandle {
            id: end.id,
            listeners: Listeners::default(),
            closed: Cell::new(false),
            refed: Cell::new(false),
        },
    );
    let has_queued = end.queued() > 0;
    let id = end.id;
    with_state(context, |state| {
        state.ports.insert(LocalPort {
            end,
            object: object.clone(),
            message_target: None,
            started: false,
            refed: false,
            peer_closed: false,
        });
        if has_queued {
            state.ready.push_back(id);
        }
    })?;
    Ok(object)
}

/// A transferred port arriving in this isolate: registered, then given its `MessagePort` shape.
pub fn adopt_port(end: Arc<PortEnd>, context: &mut Context) -> JsResult<JsObject> {
    let object = register_port(end, context)?;
    let init = io_function(context, "initPort")?;
    init.call(&JsValue::undefined(), &[object.clone().into()], context)?;
    Ok(object)
}

pub fn owns_port(id: PortId, context: &Context) -> bool {
    with_state(context, |state| state.ports.get(id).is_some()).unwrap_or(false)
}

/// Removes a port from this isolate so it can travel in a message; the object left behind is
/// detached (Node makes it unusable).
pub fn take_port_for_transfer(id: PortId, context: &mut Context) -> JsResult<Arc<PortEnd>> {
    let local = with_state(context, |state| state.ports.remove(id))?
        .ok_or_else(|| clone::data_clone_error("MessagePort was already transferred", context))?;
    if local.refed {
        Host::get(context)?.event_loop.borrow_mut().unref_handle();
    }
    local.end.set_owner(None);
    Ok(local.end)
}

/// A function exported by `internal/worker/io`, which the loop calls to deliver port events.
fn io_function(context: &mut Context, name: &str) -> JsResult<JsObject> {
    crate::modules::builtin_export(context, "internal/worker/io", name)
}

/// How many messages port `id` may deliver this turn: those queued now, if it is started.
pub fn messages_to_deliver(id: PortId, context: &Context) -> usize {
    with_state(context, |state| match state.ports.get(id) {
        Some(port) if port.started => {
            port.end.clear_notified();
            port.end.queued()
        }
        _ => 0,
    })
    .unwrap_or(0)
}

/// The call that delivers port `id`'s next message: the port's lone 'message' listener itself (the usual
/// case), else `emitOnPort(port, value)`, or `emitOnEmitter(worker, value)` for a Worker's channel, or
/// `deliverMessageError(port, error)` when it cannot be rebuilt here.
pub fn next_message(id: PortId, context: &mut Context) -> JsResult<Option<Callback>> {
    let next = with_state(context, |state| {
        let port = state.ports.get(id)?;
        let target = port.message_target.clone();
        Some((port.object.clone(), target, port.end.receive()?, state.emitters.clone()))
    })?;
    let Some((port, target, message, emitters)) = next else {
        return Ok(None);
    };
    match clone::deserialize(message, context) {
        Ok(value) => {
            let (on_port, on_emitter) = match emitters {
                Some(emitters) => emitters,
                None => {
                    let emitters = (
                        io_function(context, "emitOnPort")?,
                        io_function(context, "emitOnEmitter")?,
                    );
                    with_state(context, |state| state.emitters = Some(emitters.clone()))?;
                    emitters
                }
            };
            Ok(Some(match target {
                Some(target) => match lone_emitter_listener(&target, context)? {
                    Some(listener) => Callback {
                        function: listener,
                        this: target.emitter.into(),
                        args: vec![value],
                    },
                    None => Callback::new(on_emitter, vec![target.emitter.into(), value]),
                },
                None => match crate::ops::message_port::lone_message_listener(&port) {
                    Some(listener) => Callback {
                        function: listener,
                        this: port.into(),
                        args: vec![value],
                    },
                    None => Callback::new(on_port, vec![port.into(), value]),
                },
            }))
        }
        Err(err) => {
            let error = err.into_opaque(context).unwrap_or_default();
            Ok(Some(Callback::new(
                io_function(context, "deliverMessageError")?,
                vec![port.into(), error],
            )))
        }
    }
}

/// A Worker's lone 'message' listener, which the loop may call itself (EventEmitter keeps a lone listener as
/// the function in `_events.message`; several are an array).
fn lone_emitter_listener(target: &port::MessageTarget, context: &mut Context) -> JsResult<Option<JsObject>> {
    if !target.direct {
        return Ok(None);
    }
    let events = target.emitter.get(js_string!("_events"), context)?;
    let Some(events) = events.as_object() else {
        return Ok(None);
    };
    Ok(events.get(js_string!("message"), context)?.as_callable())
}

/// `port.start()`: port `id`'s queued messages flow from the next poll phase.
pub fn start_port(id: PortId, context: &Context) -> JsResult<()> {
    with_state(context, |state| {
        if let Some(port) = state.ports.get_mut(id) {
            if !port.started {
                port.started = true;
                if port.end.queued() > 0 {
                    state.ready.push_back(id);
                }
            }
        }
    })
}

/// Whether port `id` keeps the loop alive (it does while it has 'message' listeners, unless unref'd).
pub fn set_port_ref(id: PortId, refed: bool, context: &Context) -> JsResult<()> {
    let host = Host::get(context)?;
    with_state(context, |state| {
        if let Some(port) = state.ports.get_mut(id) {
            host.event_loop.borrow_mut().set_handle_ref(&mut port.refed, refed);
        }
    })
}

/// Closes port `id` in this isolate (by `port.close()`, or because its peer closed), queueing its 'close'
/// event; false when it was not open here.
pub fn close_local_port(id: PortId, context: &mut Context) -> JsResult<bool> {
    let Some(local) = with_state(context, |state| state.ports.remove(id))? else {
        return Ok(false);
    };
    if local.refed {
        Host::get(context)?.event_loop.borrow_mut().unref_handle();
    }
    local.end.close();
    with_state(context, |state| state.closing.push_back(local.object))?;
    Ok(true)
}

/// Port `id`'s peer closed. A port with messages still queued stays open until they are delivered (its
/// 'close' follows them); one with none closes now.
pub fn peer_closed(id: PortId, context: &mut Context) -> JsResult<()> {
    let deferred = with_state(context, |state| {
        let Some(port) = state.ports.get_mut(id) else {
            return false;
        };
        if port.end.queued() == 0 {
            return false;
        }
        port.peer_closed = true;
        if port.started {
            state.ready.push_back(id);
        }
        true
    })?;
    if !deferred {
        close_local_port(id, context)?;
    }
    Ok(())
}

/// Closes port `id` if its peer closed and the messages queued before that are all delivered.
pub fn close_if_drained(id: PortId, context: &mut Context) -> JsResult<()> {
    let drained = with_state(context, |state| {
        state
            .ports
            .get(id)
            .is_some_and(|port| port.peer_closed && port.end.queued() == 0)
    })?;
    if drained {
        close_local_port(id, context)?;
    }
    Ok(())
}

/// The next queued 'close' event: `deliverClose(port)`.
pub fn next_close(context: &mut Context) -> JsResult<Option<Callback>> {
    let Some(port) = with_state(context, |state| state.closing.pop_front())? else {
        return Ok(None);
    };
    if let Some(handle) = port.downcast_ref::<PortHandle>() {
        handle.closed.set(true);
    }
    Ok(Some(Callback::new(
        io_function(context, "deliverClose")?,
        vec![port.into()],
    )))
}

/// Whether ports have work queued for this turn (deliveries or 'close' events).
pub fn has_pending_work(host: &Host) -> bool {
    host.workers
        .try_borrow()
        .is_ok_and(|state| !state.ready.is_empty() || !state.closing.is_empty())
}

/// Starts a worker: a named OS thread with its own isolate. Returns its thread id and this side
/// of its message channel, registered in this isolate.
pub fn spawn_worker_thread(spec: WorkerSpec, object: JsObject, context: &mut Context) -> JsResult<(u64, JsObject)> {
    let host = Host::get(context)?;
    let thread_id = NEXT_THREAD_ID.fetch_add(1, Ordering::Relaxed);
    let (ours, theirs) = PortEnd::pair();
    let port_id = ours.id;
    let port = register_port(ours, context)?;
    let terminate = Arc::new(AtomicBool::new(false));
    let remote: Arc<Mutex<Option<RemoteLoop>>> = Arc::new(Mutex::new(None));
    let parent = host.event_loop.borrow().remote();

    let worker_context = WorkerContext {
        thread_id,
        name: spec.name.clone(),
        parent_port: theirs,
        data: Some(spec.data),
        resource_limits: spec.resource_limits,
        terminate: terminate.clone(),
        uncaught_error: None,
    };
    let stack_bytes = crate::isolate::thread_stack_bytes(crate::isolate::recursion_limit(spec.stack_size_mb));
    let thread_remote = remote.clone();
    let entry = spec.entry;
    let mut options = spec.options;
    let (output, capture_stdio) = stdio::worker_output(thread_id, &parent, &options.output, spec.capture_stdio);
    options.output = output;
    worker_started();
    let start: pool::WorkerStart = Box::new(move |engine| {
        run_worker_thread(engine, thread_id, options, entry, worker_context, parent, thread_remote)
    });
    // A warm thread has the default stack; a worker that asked for another size starts cold.
    let start = if spec.stack_size_mb == pool::WARM_STACK_MB {
        pool::run_on_warm_thread(start)
    } else {
        Err(start)
    };
    let spawned = match start {
        Ok(thread) => Ok(thread),
        Err(start) => std::thread::Builder::new()
            .name(format!("rt-worker-{thread_id}"))
            .stack_size(stack_bytes)
            .spawn(move || start(None))
            .map(Some),
    };
    let thread = match spawned {
        Ok(thread) => thread,
        Err(err) => {
            LIVE_WORKERS.fetch_sub(1, Ordering::AcqRel);
            // JavaScript never saw this port: drop it without a 'close' event.
            if let Some(local) = with_state(context, |state| state.ports.remove(port_id))? {
                local.end.close();
            }
            return Err(JsNativeError::error()
                .with_message(format!("cannot start a worker thread: {err}"))
                .into());
        }
    };
    host.event_loop.borrow_mut().ref_handle();
    with_state(context, |state| {
        state.children.insert(
            thread_id,
            ChildWorker {
                object,
                port: port_id,
                terminate,
                remote,
                refed: true,
                capture_stdio,
                thread,
            },
        )
    })?;
    Ok((thread_id, port))
}

/// A worker thread's life: build the isolate (on `engine` when a warm thread made one), report
/// 'online', run, report 'exit'.
fn run_worker_thread(
    engine: Option<Engine>,
    thread_id: u64,
    options: IsolateOptions,
    entry: Entry,
    worker_context: WorkerContext,
    parent: RemoteLoop,
    remote: Arc<Mutex<Option<RemoteLoop>>>,
) {
    let terminate = worker_context.terminate.clone();
    let output = options.output.clone();
    let isolate = engine
        .map_or_else(|| Engine::new(&Preload::default()), Ok)
        .and_then(|engine| Isolate::from_engine(engine, options, Some(worker_context)));
    let (code, error) = match isolate {
        Ok(mut isolate) => {
            *remote.lock().unwrap_or_else(|p| p.into_inner()) = Some(isolate.remote());
            if terminate.load(Ordering::Acquire) {
                // Terminated before it ran any of its code: Node reports exit code 0 then.
                (0, None)
            } else {
                parent.send(LoopMessage::Worker(thread_id, WorkerEvent::Online));
                let code = isolate.run(&entry);
                isolate.close_ports();
                (code, isolate.take_uncaught_error())
            }
        }
        Err(err) => {
            output.write_stderr(&format!("rt: cannot start worker {thread_id}: {err:#}\n"));
            (1, None)
        }
    };
    worker_ended();
    parent.send(LoopMessage::Worker(thread_id, WorkerEvent::Exit { code, error }));
}

/// Sends worker `thread_id`'s fd 1 or 2 to its `worker.stdout`/`worker.stderr` stream from now on.
pub fn capture_stdio(thread_id: u64, fd: i32, context: &Context) -> JsResult<()> {
    with_state(context, |state| {
        if let Some(child) = state.children.get(&thread_id) {
            let index = if fd == 2 { 1 } else { 0 };
            child.capture_stdio[index].store(true, Ordering::Release);
        }
    })
}

/// Worker isolates alive in the process, and the most alive at once since the heap was last trimmed.
static LIVE_WORKERS: AtomicU64 = AtomicU64::new(0);
static PEAK_WORKERS: AtomicU64 = AtomicU64::new(0);

/// Workers alive at once before their end is worth a trim: below this the memory is soon reused anyway.
const TRIM_AFTER_PEAK: u64 = 16;

fn worker_started() {
    let live = LIVE_WORKERS.fetch_add(1, Ordering::AcqRel) + 1;
    PEAK_WORKERS.fetch_max(live, Ordering::AcqRel);
}

/// When the last of many workers ends, gives the memory their isolates freed back to the OS. glibc keeps
/// freed memory in its heaps, so after 200 workers at once RSS would otherwise stay near that peak
/// (docs/reliability.md, the soak). `malloc_trim` costs about a millisecond, so one worker after another
/// never pays it.
fn worker_ended() {
    let live = LIVE_WORKERS.fetch_sub(1, Ordering::AcqRel).saturating_sub(1);
    if live == 0 && PEAK_WORKERS.swap(0, Ordering::AcqRel) >= TRIM_AFTER_PEAK {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: malloc_trim only returns free memory to the OS; any thread may call it at any time.
        unsafe {
            nix::libc::malloc_trim(0);
        }
    }
}

/// Asks worker `thread_id` to stop at its next turn.
pub fn terminate(thread_id: u64, context: &Context) -> JsResult<()> {
    with_state(context, |state| {
        if let Some(child) = state.children.get(&thread_id) {
            child.terminate.store(true, Ordering::Release);
            if let Some(remote) = child.remote.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
                remote.send(LoopMessage::Wake);
            }
        }
    })
}

/// `worker.ref()` / `worker.unref()`.
pub fn set_worker_ref(thread_id: u64, refed: bool, context: &Context) -> JsResult<()> {
    let host = Host::get(context)?;
    with_state(context, |state| {
        if let Some(child) = state.children.get_mut(&thread_id) {
            host.event_loop.borrow_mut().set_handle_ref(&mut child.refed, refed);
        }
    })
}

/// Forgets worker `thread_id`: it no longer keeps the loop alive and its later events are ignored.
/// Used when it has exited, and when it does not stop after `terminate()` (a loop that never
/// yields cannot be interrupted in Boa 0.22).
pub fn forget_worker(thread_id: u64, context: &Context) -> JsResult<()> {
    set_worker_ref(thread_id, false, context)?;
    with_state(context, |state| state.children.remove(&thread_id)).map(|_| ())
}

/// The internal port of worker `thread_id`, whose pending messages must be delivered before 'exit'.
pub fn worker_port(thread_id: u64, context: &Context) -> Option<PortId> {
    with_state(context, |state| state.children.get(&thread_id).map(|child| child.port))
        .ok()
        .flatten()
}

/// The call for a worker event: `onWorkerEvent(worker, 'online' | 'exit', code, error)`.
pub fn worker_event(thread_id: u64, event: WorkerEvent, context: &mut Context) -> JsResult<Option<Callback>> {
    let Some(object) = with_state(context, |state| {
        state.children.get(&thread_id).map(|c| c.object.clone())
    })?
    else {
        return Ok(None);
    };
    let function = crate::modules::builtin_export(context, "internal/worker/parent", "onWorkerEvent")?;
    let args = match event {
        WorkerEvent::Online => {
            vec![object.into(), js_string!("online").into()]
        }
        WorkerEvent::Exit { code, error } => {
            let thread = with_state(context, |state| {
                state.children.get_mut(&thread_id).and_then(|c| c.thread.take())
            })?;
            forget_worker(thread_id, context)?;
            // 'exit' was the thread's last word: it is ending, and joining it takes no time.
            if let Some(thread) = thread {
                let _ = thread.join();
            }
            let error = match error {
                Some(message) => clone::deserialize(message, context)?,
                None => JsValue::undefined(),
            };
            vec![object.into(), js_string!("exit").into(), code.into(), error]
        }
        WorkerEvent::Stdio { fd, bytes } => {
            let chunk = crate::ops::buffer::node_buffer(&bytes, context)?;
            vec![object.into(), js_string!("stdio").into(), fd.into(), chunk]
        }
    };
    Ok(Some(Callback::new(function, args)))
}
