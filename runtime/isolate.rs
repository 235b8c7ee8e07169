//! One Boa `Context` and its event loop. The main thread runs one; every worker runs another on its
//! own thread (Boa's `Context` is `!Send`, so an isolate is built on the thread that runs it).
//!
//! The loop follows Node's phases — expired timers, I/O and completions, immediates — and after every
//! callback drains `process.nextTick` callbacks, then promise jobs, until both are empty (Node's
//! `processTicksAndRejections`).

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::context::ContextBuilder;
use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::{js_string, Context, JsError, JsNativeError, JsObject, JsResult, JsValue};

use crate::event_loop::jobs::JobQueue;
use crate::event_loop::{EventLoop, LoopMessage, RemoteLoop};
use crate::modules::loader::RtModuleLoader;
use crate::modules::resolve::{Format, Resolver};
use crate::modules::{self, HostHooksImpl, RejectionTracker};
use crate::report;
use crate::worker::{self, WorkerContext, WorkerEvent, WorkerState};

/// What an isolate needs to know about the process it runs in.
#[derive(Clone, Debug, Default)]
pub struct IsolateOptions {
    /// `process.argv`: the runtime's absolute path, the script's absolute path, then the arguments.
    pub argv: Vec<String>,
    pub exec_argv: Vec<String>,
    pub is_main_thread: bool,
    /// A worker's own `process.env` (Node copies the parent's by default); `None` shares the
    /// process environment.
    pub env: Option<Vec<(String, String)>>,
    /// The directory `process.cwd()` reports, when an embedding host fixes one (`None`: the process's).
    pub cwd: Option<PathBuf>,
    /// Where stdout and stderr go (the process's fds unless a host gave writers).
    pub output: crate::embed::Output,
    /// Modules a host added (runtime/embed); shared with every worker.
    pub extensions: Arc<crate::embed::Extensions>,
}

impl IsolateOptions {
    /// The working directory this isolate sees.
    pub fn cwd(&self) -> PathBuf {
        self.cwd
            .clone()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"))
    }
}

/// JavaScript frames an isolate may nest: the main thread's, and a worker's per MB of its
/// `resourceLimits.stackSizeMb` — about what V8 fits (Node 20: ~14k on the main thread, ~11.5k in a 1 MB
/// worker, ~55k with the default 4 MB).
pub const MAIN_RECURSION_LIMIT: usize = 10_000;
const FRAMES_PER_STACK_MB: f64 = 13_000.0;

/// The frames a worker with `stack_size_mb` may nest.
pub fn recursion_limit(stack_size_mb: f64) -> usize {
    (stack_size_mb * FRAMES_PER_STACK_MB).clamp(100.0, 250_000.0) as usize
}

/// The native stack a thread needs for `frames` nested JavaScript frames. Plain JavaScript calls do not
/// grow it (Boa's VM keeps its own frames), but recursion through native code does (a JSON.parse reviver,
/// a sort comparator, a getter: ~2.2 KB a frame measured), and overflowing it would abort the process
/// instead of throwing RangeError. The reservation is virtual: only the pages used cost memory.
pub fn thread_stack_bytes(frames: usize) -> usize {
    frames * 3 * 1024 + 8 * 1024 * 1024
}

/// What to run: a script file, code given with `-e` (or a worker's `eval: true`), or the source
/// of an ES module (a worker's `data:` URL).
#[derive(Clone, Debug)]
pub enum Entry {
    File(PathBuf),
    Eval(String),
    ModuleSource(String),
    /// A stdlib module's `main()` export: the runners behind `rt --test` and the like.
    Internal(String),
}

/// A `process.nextTick` callback with its arguments.
pub struct Tick {
    pub callback: JsObject,
    pub args: Vec<JsValue>,
}

/// Why JavaScript stopped running: the exit code the isolate ends with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exit(pub i32);

/// The isolate's state that native ops reach through the `Context` (`Host::get`).
pub struct Host {
    pub options: IsolateOptions,
    pub event_loop: RefCell<EventLoop>,
    pub jobs: Rc<JobQueue>,
    pub ticks: RefCell<VecDeque<Tick>>,
    pub rejections: Rc<RejectionTracker>,
    pub resolver: RefCell<Resolver>,
    /// Loaded built-in modules by name: their `module` objects.
    pub builtins: RefCell<HashMap<String, JsObject>>,
    pub binding: RefCell<Option<JsObject>>,
    /// Set by `process.exit()`, which then unwinds JavaScript with an uncatchable error.
    pub exit_code: Cell<Option<i32>>,
    /// The main ES module's evaluation promise: a rejection of it is an uncaught exception.
    pub main_promise: RefCell<Option<JsPromise>>,
    /// Message ports, started workers, and (in a worker) its link to the parent.
    pub workers: RefCell<WorkerState>,
    /// The `binding` namespaces made so far (runtime/ops), by table index.
    pub binding_namespaces: RefCell<HashMap<usize, JsObject>>,
    /// Values of the lazy globals (runtime/globals.rs) once loaded or assigned, by table index.
    pub globals: RefCell<HashMap<usize, JsValue>>,
    /// Set by the parent's `worker.terminate()`; checked between callbacks and jobs.
    pub terminate: Arc<AtomicBool>,
    /// Child processes started here and not yet reaped (ops/child_process.rs).
    pub children: RefCell<crate::ops::child_process::Children>,
    /// Stdlib module wrappers compiled before the program started (a warm worker's), by name; a
    /// `require` takes its wrapper from here instead of compiling it.
    pub precompiled: RefCell<HashMap<String, JsFunction>>,
    /// The buffer socket reads land in before they are copied out (ops/net.rs).
    pub read_buffer: RefCell<Vec<u8>>,
    /// `Buffer.prototype`, once a native op made a Buffer (ops/buffer.rs `node_buffer`).
    pub buffer_prototype: RefCell<Option<JsObject>>,
    /// The self-pipe handle that delivers `process.on('SIGINT')` and friends, once watched.
    pub signal_handle: Cell<Option<crate::event_loop::HandleId>>,
}

impl Host {
    pub fn get(context: &Context) -> JsResult<Rc<Host>> {
        context
            .get_data::<Rc<Host>>()
            .cloned()
            .ok_or_else(|| JsNativeError::error().with_message("rt: isolate state missing").into())
    }
}

pub struct Isolate {
    context: Context,
    host: Rc<Host>,
}

/// The part of an isolate that does not depend on the program it will run: a Boa context with rt's
/// globals and `binding`, its loop, and optionally some stdlib modules compiled or already run. Making
/// one is most of a worker's start-up cost, so warm worker threads (worker/pool.rs) make theirs before
/// they are needed. Its host has default options until `Isolate::from_engine` gives it the program's.
pub struct Engine {
    context: Context,
    host: Rc<Host>,
}

/// The stdlib modules an engine prepares ahead: `run` are evaluated (their exports cached), `compile`
/// only compiled. `for_worker`: the engine will run a worker not known yet, so `threadInfo()` is
/// undefined until it is (modules that need it ask to be told: `whenThreadKnown`).
#[derive(Default)]
pub struct Preload {
    pub run: &'static [&'static str],
    pub compile: &'static [&'static str],
    pub for_worker: bool,
}

impl Engine {
    /// A fresh engine with the stdlib modules in `preload` made ready.
    pub fn new(preload: &Preload) -> anyhow::Result<Self> {
        let jobs = Rc::new(JobQueue::default());
        let rejections = Rc::new(RejectionTracker::default());
        let mut context = ContextBuilder::new()
            .job_executor(jobs.clone())
            .module_loader(Rc::new(RtModuleLoader::default()))
            .host_hooks(Rc::new(HostHooksImpl::new(rejections.clone())))
            .can_block(true)
            .build()
            .map_err(|err| anyhow::anyhow!("cannot create the JavaScript context: {err}"))?;
        // Node allows about 10k frames; Boa's default of 512 is too tight for ordinary recursion.
        context.runtime_limits_mut().set_recursion_limit(MAIN_RECURSION_LIMIT);
        context.runtime_limits_mut().set_stack_size_limit(1024 * 1024);
        let binding = crate::ops::create_binding(&mut context)
            .map_err(|err| anyhow::anyhow!("cannot create the native binding: {err}"))?;
        crate::globals::install(&mut context).map_err(|err| anyhow::anyhow!("bootstrap failed: {err}"))?;
        let options = IsolateOptions::default();
        let host = Rc::new(Host {
            resolver: RefCell::new(Resolver::new(options.extensions.clone())),
            options,
            event_loop: RefCell::new(EventLoop::new()?),
            jobs,
            ticks: RefCell::new(VecDeque::new()),
            rejections,
            builtins: RefCell::new(HashMap::new()),
            binding: RefCell::new(Some(binding)),
            precompiled: RefCell::new(HashMap::new()),
            exit_code: Cell::new(None),
            main_promise: RefCell::new(None),
            workers: RefCell::new(WorkerState::ahead_of_thread(preload.for_worker)),
            globals: RefCell::new(HashMap::new()),
            binding_namespaces: RefCell::new(HashMap::new()),
            terminate: Arc::new(AtomicBool::new(false)),
            children: RefCell::new(Default::default()),
            signal_handle: Cell::new(None),
            buffer_prototype: RefCell::new(None),
            read_buffer: RefCell::new(Vec::new()),
        });
        context.insert_data(host.clone());
        for &name in preload.compile {
            let function = modules::compile_builtin(&mut context, name)
                .map_err(|err| anyhow::anyhow!("cannot compile node:{name}: {err}"))?;
            host.precompiled.borrow_mut().insert(name.to_owned(), function);
        }
        for &name in preload.run {
            modules::require_builtin(&mut context, name)
                .map_err(|err| anyhow::anyhow!("cannot load node:{name}: {err}"))?;
        }
        Ok(Self { context, host })
    }
}

impl Isolate {
    pub fn new(options: IsolateOptions) -> anyhow::Result<Self> {
        Self::build(options, None)
    }

    fn build(options: IsolateOptions, worker_context: Option<WorkerContext>) -> anyhow::Result<Self> {
        Self::from_engine(Engine::new(&Preload::default())?, options, worker_context)
    }

    /// Gives `engine` the program it runs: its options and (in a worker) link to the parent.
    pub fn from_engine(
        engine: Engine,
        options: IsolateOptions,
        worker_context: Option<WorkerContext>,
    ) -> anyhow::Result<Self> {
        let Engine { mut context, host } = engine;
        context.remove_data::<Rc<Host>>();
        let Ok(host) = Rc::try_unwrap(host) else {
            anyhow::bail!("the engine is still in use");
        };
        let terminate = worker_context
            .as_ref()
            .map_or_else(|| Arc::new(AtomicBool::new(false)), |c| c.terminate.clone());
        if let Some(worker) = &worker_context {
            // resourceLimits.stackSizeMb, honoured as a depth (the thread's stack was sized to match).
            let frames = recursion_limit(worker.resource_limits[3]);
            context.runtime_limits_mut().set_recursion_limit(frames);
        }
        let describe_thread = host.workers.borrow_mut().describe_thread.take();
        let host = Rc::new(Host {
            resolver: RefCell::new(Resolver::new(options.extensions.clone())),
            options,
            workers: RefCell::new(WorkerState::for_worker(worker_context)),
            terminate,
            ..host
        });
        context.insert_data(host.clone());
        if let Some(describe) = describe_thread {
            let info = crate::ops::worker::current_thread_info(&mut context)
                .and_then(|info| describe.call(&JsValue::undefined(), &[info], &mut context));
            if let Err(err) = info {
                anyhow::bail!("cannot describe the worker's thread: {err}");
            }
        }
        Ok(Self { context, host })
    }

    /// The engine context, for tests and fuzz targets that drive one piece of the runtime directly.
    #[cfg(any(test, feature = "fuzzing"))]
    pub fn context_mut(&mut self) -> &mut Context {
        &mut self.context
    }

    /// The handle other threads use to reach this isolate's loop.
    pub fn remote(&self) -> RemoteLoop {
        self.host.event_loop.borrow().remote()
    }

    /// Closes the ports this (ended) worker isolate still holds, except its channel to the parent, whose
    /// end the parent closes when it hears the worker's exit.
    pub fn close_ports(&mut self) {
        if let Ok(mut state) = self.host.workers.try_borrow_mut() {
            let parent = state.context.as_ref().map(|c| c.parent_port.id);
            state.ports.close_all_except(parent);
        }
    }

    /// A worker's uncaught exception, serialized for its parent.
    pub fn take_uncaught_error(&mut self) -> Option<crate::clone::Message> {
        self.host
            .workers
            .borrow_mut()
            .context
            .as_mut()
            .and_then(|c| c.uncaught_error.take())
    }

    /// Runs `entry` and then the event loop until nothing keeps it alive; returns the exit code.
    pub fn run(&mut self, entry: &Entry) -> i32 {
        match self.run_to_completion(entry) {
            Ok(code) | Err(Exit(code)) => code,
        }
    }

    fn run_to_completion(&mut self, entry: &Entry) -> Result<i32, Exit> {
        let entered = self.run_entry(entry);
        if !self.host.options.is_main_thread {
            // A worker whose top level has run (or failed, or was terminated meanwhile) has started: only now is
            // the next warm engine built (~3 ms of compiling that would otherwise compete with this start-up).
            worker::pool::top_up();
        }
        entered?;
        loop {
            self.run_loop()?;
            // Node emits 'beforeExit' when the loop empties; listeners may schedule more work.
            self.call_hook("internal/process/lifecycle", "emitBeforeExit", &[])?;
            // Its listeners' nextTicks and promise jobs run before the loop is judged empty, as in Node.
            self.drain()?;
            if !self.host.event_loop.borrow().is_alive() {
                break;
            }
        }
        let main_pending = self
            .host
            .main_promise
            .borrow()
            .as_ref()
            .is_some_and(|p| matches!(p.state(), PromiseState::Pending));
        if main_pending {
            // An ES module whose top-level await never settles: Node emits 'exit' with the
            // code so far, and ends with 13 (Node 20.20 prints no warning for it).
            self.emit_exit(0);
            return Ok(13);
        }
        Ok(self.emit_exit(0))
    }

    fn run_entry(&mut self, entry: &Entry) -> Result<(), Exit> {
        if self.host.options.is_main_thread && std::env::var_os(crate::ipc::CHANNEL_FD_ENV).is_some() {
            self.call_hook("internal/process/forked_child", "setup", &[])?;
        }
        match entry {
            Entry::Eval(code) => {
                let code = JsValue::from(js_string!(code.as_str()));
                let name = if self.host.options.is_main_thread {
                    "[eval]"
                } else {
                    "[worker eval]"
                };
                self.call_hook("internal/modules/cjs", "runEval", &[code, js_string!(name).into()])?;
                self.drain()
            }
            Entry::Internal(module) => {
                self.call_hook(module, "main", &[])?;
                self.drain()
            }
            Entry::ModuleSource(source) => {
                let promise = modules::loader::evaluate_module_source(&mut self.context, source);
                self.run_main_module(promise)
            }
            Entry::File(path) => {
                let format = self.host.resolver.borrow_mut().format_of(path);
                // A missing entry goes through the CommonJS loader, which reports it as Node does.
                if format == Format::Module && path.is_file() {
                    let promise = modules::loader::evaluate_main_module(&mut self.context, path);
                    self.run_main_module(promise)
                } else {
                    let path = JsValue::from(js_string!(path.to_string_lossy().as_ref()));
                    self.call_hook("internal/modules/cjs", "runMain", &[path])?;
                    self.drain()
                }
            }
        }
    }

    fn run_main_module(&mut self, promise: JsResult<JsPromise>) -> Result<(), Exit> {
        let promise = match promise {
            Ok(promise) => promise,
            Err(err) => return self.handle_error(err),
        };
        *self.host.main_promise.borrow_mut() = Some(promise);
        // Node evaluates an ES module inside a promise job, so its promise reactions run before any
        // nextTick callbacks: drain microtasks first.
        self.run_microtasks()?;
        self.check_main_module()?;
        self.drain()
    }

    /// A rejected main-module promise is the module's uncaught exception.
    fn check_main_module(&mut self) -> Result<(), Exit> {
        let rejected = match self.host.main_promise.borrow().as_ref().map(JsPromise::state) {
            Some(PromiseState::Rejected(reason)) => Some(reason),
            _ => None,
        };
        if let Some(reason) = rejected {
            self.host.main_promise.borrow_mut().take();
            return self.handle_uncaught(JsError::from_opaque(reason), report::Origin::ModuleEvaluation);
        }
        Ok(())
    }

    fn run_loop(&mut self) -> Result<(), Exit> {
        loop {
            self.check_terminated()?;
            let now = self.host.event_loop.borrow_mut().update_time();
            self.run_timers(now)?;

            let timeout = if worker::has_pending_work(&self.host) {
                Some(std::time::Duration::ZERO)
            } else {
                self.host.event_loop.borrow_mut().poll_timeout()
            };
            let polled = self.host.event_loop.borrow_mut().poll_io(timeout);
            let messages = match polled {
                Ok(messages) => messages,
                Err(err) => {
                    self.host
                        .options
                        .output
                        .write_stderr(&format!("rt: event loop poll failed: {err}\n"));
                    return Err(Exit(1));
                }
            };
            self.check_terminated()?;
            // A child's exit is reported after the I/O of this turn: its last output (already in
            // the pipe when it exited) comes first, as under libuv.
            let mut exits = Vec::new();
            for message in messages {
                match message {
                    LoopMessage::ChildExited { .. } => exits.push(message),
                    message => self.handle_message(message)?,
                }
            }
            if !exits.is_empty() {
                // The inbox may have made this turn skip epoll: look at the pipes once more first.
                let _ = self.host.event_loop.borrow_mut().poll_ready_now();
            }
            self.run_io()?;
            for message in exits {
                self.handle_message(message)?;
            }
            self.deliver_ready_ports()?;
            self.run_completions()?;
            self.run_immediates()?;
            self.run_close_callbacks()?;

            if !self.host.event_loop.borrow().is_alive() && !worker::has_pending_work(&self.host) {
                return Ok(());
            }
        }
    }

    /// A worker asked to terminate stops here, with Node's exit code for it.
    /// Also where a `process.exit()` ends up when an async function or promise reaction swallowed
    /// its unwinding (the engine turns it into a rejection there).
    fn check_terminated(&self) -> Result<(), Exit> {
        if self.host.terminate.load(Ordering::Acquire) {
            return Err(Exit(1));
        }
        if let Some(code) = self.host.exit_code.get() {
            return Err(Exit(code));
        }
        Ok(())
    }

    /// A notification from another thread, in the poll phase where Node delivers them.
    fn handle_message(&mut self, message: LoopMessage) -> Result<(), Exit> {
        match message {
            LoopMessage::Wake => Ok(()),
            LoopMessage::PortReady(id) => self.deliver_port_messages(id),
            // The peer closed: this end closes too.
            LoopMessage::PortClosed(id) => match worker::peer_closed(id, &mut self.context) {
                Ok(()) => Ok(()),
                Err(err) => self.handle_error(err),
            },
            LoopMessage::Worker(thread_id, event) => {
                // Messages a worker posted before it ended arrive before its 'exit'.
                if matches!(event, WorkerEvent::Exit { .. }) {
                    if let Some(port) = worker::worker_port(thread_id, &self.context) {
                        self.deliver_port_messages(port)?;
                    }
                }
                let callback = worker::worker_event(thread_id, event, &mut self.context);
                self.run_callback(callback)
            }
            LoopMessage::ChildExited { pid, code, signal } => {
                let call = crate::ops::child_process::exited(pid, code, signal, &mut self.context);
                self.run_method_call(call)
            }
        }
    }

    /// The I/O part of the poll phase: every handle the OS reported ready, then those that asked
    /// for another turn (a resumed read), each serviced until it has nothing more this turn.
    fn run_io(&mut self) -> Result<(), Exit> {
        let (ready, retry) = {
            let mut event_loop = self.host.event_loop.borrow_mut();
            let ready = std::mem::take(&mut event_loop.ready);
            let retry: Vec<_> = event_loop.handles.retry.drain(..).collect();
            (ready, retry)
        };
        let retried = retry.into_iter().map(|id| {
            let readiness = crate::event_loop::Readiness {
                readable: true,
                ..Default::default()
            };
            (id, readiness)
        });
        for (id, mut readiness) in ready.into_iter().chain(retried) {
            let mut reads = 0;
            loop {
                let call = crate::ops::net::next_io_callback(id, &mut readiness, &mut reads, &mut self.context);
                if matches!(call, Ok(None)) {
                    break;
                }
                self.run_method_call(call)?;
            }
        }
        Ok(())
    }

    /// Calls `this.function(...args)` for a handle, then drains ticks and microtasks.
    fn run_method_call(&mut self, call: JsResult<Option<crate::ops::net::MethodCall>>) -> Result<(), Exit> {
        match call {
            Ok(Some(call)) => {
                if let Err(err) = call.function.call(&call.this.into(), &call.args, &mut self.context) {
                    self.handle_error(err)?;
                }
                self.drain()
            }
            Ok(None) => Ok(()),
            Err(err) => self.handle_error(err),
        }
    }

    /// Node's close-callbacks phase: 'close' events of ports closed before it began (libuv takes the
    /// list as it is; handles closed meanwhile wait for the next turn).
    fn run_close_callbacks(&mut self) -> Result<(), Exit> {
        let queued = self.host.workers.borrow().closing.len();
        for _ in 0..queued {
            let callback = worker::next_close(&mut self.context);
            if matches!(callback, Ok(None)) {
                break;
            }
            self.run_callback(callback)?;
        }
        Ok(())
    }

    /// Ports started or adopted since the last poll phase, with messages already queued.
    fn deliver_ready_ports(&mut self) -> Result<(), Exit> {
        loop {
            let next = self.host.workers.borrow_mut().ready.pop_front();
            let Some(id) = next else { return Ok(()) };
            self.deliver_port_messages(id)?;
        }
    }

    /// Delivers the messages queued on port `id` when this turn began, each followed by a drain of
    /// ticks and microtasks (Node's MessagePort does the same per message).
    fn deliver_port_messages(&mut self, id: worker::port::PortId) -> Result<(), Exit> {
        let count = worker::messages_to_deliver(id, &self.context);
        for _ in 0..count {
            let callback = worker::next_message(id, &mut self.context);
            if matches!(callback, Ok(None)) {
                break;
            }
            self.run_callback(callback)?;
            self.check_terminated()?;
        }
        match worker::close_if_drained(id, &mut self.context) {
            Ok(()) => Ok(()),
            Err(err) => self.handle_error(err),
        }
    }

    /// Calls a callback prepared by native code, then drains ticks and microtasks.
    fn run_callback(&mut self, callback: JsResult<Option<worker::Callback>>) -> Result<(), Exit> {
        match callback {
            Ok(Some(worker::Callback { function, this, args })) => {
                if let Err(err) = function.call(&this, &args, &mut self.context) {
                    self.handle_error(err)?;
                }
                self.drain()
            }
            Ok(None) => Ok(()),
            Err(err) => self.handle_error(err),
        }
    }

    fn run_timers(&mut self, now: u64) -> Result<(), Exit> {
        loop {
            let expired = self.host.event_loop.borrow_mut().timers.pop_expired(now);
            let Some((_, timer)) = expired else { return Ok(()) };
            self.call_hook("internal/timers", "runTimer", &[timer.into()])?;
            self.drain()?;
        }
    }

    fn run_completions(&mut self) -> Result<(), Exit> {
        loop {
            let next = self.host.event_loop.borrow_mut().completions.pop_front();
            let Some(completion) = next else { return Ok(()) };
            let result = completion
                .callback
                .call(&JsValue::undefined(), &completion.args, &mut self.context);
            if let Err(err) = result {
                self.handle_error(err)?;
            }
            self.drain()?;
        }
    }

    /// Runs the immediates queued before this check phase began; later ones wait for the next turn.
    fn run_immediates(&mut self) -> Result<(), Exit> {
        let queued = self.host.event_loop.borrow().immediates.queued();
        for _ in 0..queued {
            let next = self.host.event_loop.borrow_mut().immediates.pop();
            let Some(immediate) = next else { break };
            self.call_hook("internal/timers", "runImmediate", &[immediate.into()])?;
            self.drain()?;
        }
        Ok(())
    }

    /// Node's `processTicksAndRejections`: all nextTick callbacks, then all microtasks, then
    /// unhandled-rejection processing, until nothing new was queued.
    fn drain(&mut self) -> Result<(), Exit> {
        loop {
            self.check_terminated()?;
            loop {
                let tick = self.host.ticks.borrow_mut().pop_front();
                let Some(tick) = tick else { break };
                let result = tick.callback.call(&JsValue::undefined(), &tick.args, &mut self.context);
                if let Err(err) = result {
                    self.handle_error(err)?;
                }
            }
            self.run_microtasks()?;
            self.check_main_module()?;
            if self.host.ticks.borrow().is_empty() && !self.process_rejections()? {
                return Ok(());
            }
        }
    }

    fn run_microtasks(&mut self) -> Result<(), Exit> {
        let jobs = self.host.jobs.clone();
        while let Some(result) = jobs.run_one(&mut self.context) {
            if let Err(err) = result {
                self.handle_error(err)?;
            }
            self.check_terminated()?;
        }
        Ok(())
    }

    /// Reports promises still rejected without a handler after the microtask queue drained:
    /// 'unhandledRejection' listeners get them; without one, Node's default (`throw`) ends the process.
    fn process_rejections(&mut self) -> Result<bool, Exit> {
        let pending = self.host.rejections.take_pending();
        if pending.is_empty() {
            return Ok(false);
        }
        let main = self
            .host
            .main_promise
            .borrow()
            .as_ref()
            .map(|p| JsObject::from(p.clone()));
        for promise in pending {
            if main.as_ref().is_some_and(|m| m == &promise) {
                continue; // reported as the main module's uncaught exception instead
            }
            let Ok(js_promise) = JsPromise::from_object(promise.clone()) else {
                continue;
            };
            let PromiseState::Rejected(reason) = js_promise.state() else {
                continue;
            };
            let handled = self.call_hook(
                "internal/process/lifecycle",
                "emitUnhandledRejection",
                &[reason.clone(), promise.into()],
            )?;
            if !handled.to_boolean() {
                self.fatal(&reason, report::Origin::Rejection)?;
            }
        }
        Ok(true)
    }

    /// An exception escaped a callback: 'uncaughtException' listeners get it, or the process ends.
    fn handle_error(&mut self, err: JsError) -> Result<(), Exit> {
        self.handle_uncaught(err, report::Origin::Thrown)
    }

    /// `handle_error` for an error that came `origin`'s way (where its report points differs).
    fn handle_uncaught(&mut self, err: JsError, origin: report::Origin) -> Result<(), Exit> {
        if let Some(code) = self.host.exit_code.get() {
            return Err(Exit(code));
        }
        let value = report::error_value(err, &mut self.context);
        let handled = self
            .call_hook_raw(
                "internal/process/lifecycle",
                "emitUncaughtException",
                std::slice::from_ref(&value),
            )
            .map_err(|err| self.exit_from_handler_error(err))?;
        if handled.to_boolean() {
            return Ok(());
        }
        self.fatal(&value, origin)
    }

    /// An uncaught exception ends the isolate with code 1. On the main thread it is printed; a
    /// worker sends it to its parent instead, which emits it as the Worker's 'error'.
    fn fatal(&mut self, value: &JsValue, origin: report::Origin) -> Result<(), Exit> {
        let from_promise = origin == report::Origin::Rejection;
        if self.host.workers.borrow().context.is_some() {
            let serialized = self
                .call_hook_raw(
                    "internal/worker/error_serdes",
                    "serializeError",
                    &[value.clone(), from_promise.into()],
                )
                .and_then(|plain| crate::clone::serialize(&plain, &[], &mut self.context));
            match serialized {
                Ok(message) => {
                    if let Some(context) = self.host.workers.borrow_mut().context.as_mut() {
                        context.uncaught_error = Some(message);
                    }
                }
                Err(_) => report::print_uncaught(&mut self.context, value, origin),
            }
        } else {
            report::print_uncaught(&mut self.context, value, origin);
        }
        Err(Exit(self.emit_exit(1)))
    }

    /// Emits 'exit' (when the program ever touched `process`) and returns the final exit code.
    fn emit_exit(&mut self, code: i32) -> i32 {
        if let Some(code) = self.host.exit_code.get() {
            return code;
        }
        match self.call_hook_raw("internal/process/lifecycle", "emitExit", &[code.into()]) {
            Ok(value) => value.as_number().map_or(code, |n| n as i32),
            Err(err) => self.exit_from_handler_error(err).0,
        }
    }

    /// Calls `name` exported by built-in `module`; a throw is handled as an uncaught exception.
    fn call_hook(&mut self, module: &str, name: &str, args: &[JsValue]) -> Result<JsValue, Exit> {
        match self.call_hook_raw(module, name, args) {
            Ok(value) => Ok(value),
            Err(err) => {
                self.handle_error(err)?;
                Ok(JsValue::undefined())
            }
        }
    }

    /// Whether the program ever created `process`: without it there are no lifecycle listeners to
    /// call, and skipping the hooks keeps a print-only program from compiling them.
    fn process_exists(&self) -> bool {
        self.host.builtins.borrow().contains_key("internal/process")
    }

    fn call_hook_raw(&mut self, module: &str, name: &str, args: &[JsValue]) -> JsResult<JsValue> {
        if module == "internal/process/lifecycle" && !self.process_exists() {
            return Ok(if name == "emitExit" {
                args.first().cloned().unwrap_or_default()
            } else {
                false.into()
            });
        }
        let function = modules::builtin_export(&mut self.context, module, name)?;
        function.call(&JsValue::undefined(), args, &mut self.context)
    }

    /// A throw from the process's own error handling (an 'uncaughtException' listener that throws,
    /// say) ends the process with code 7, as Node's does.
    fn exit_from_handler_error(&mut self, err: JsError) -> Exit {
        if let Some(code) = self.host.exit_code.get() {
            return Exit(code);
        }
        let value = report::error_value(err, &mut self.context);
        report::print_uncaught(&mut self.context, &value, report::Origin::Thrown);
        Exit(7)
    }
}
