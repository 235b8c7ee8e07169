//! Warm worker threads. Most of a worker's start-up is building its engine: a Boa context with rt's
//! globals and the ~17 KB of stdlib JavaScript every worker loads (`worker_threads` and the port
//! machinery), which Boa compiles at a few KB per millisecond, then runs. Once a worker has started, rt
//! keeps one thread whose engine is already built and those modules run, waiting for the next worker;
//! taking it makes a spawn cost a channel send instead of milliseconds of compiling. The waiting thread
//! costs one idle engine (~1 MB, two fds for its loop); `RT_WARM_WORKERS=0` turns the pool off,
//! `RT_WARM_WORKERS=n` keeps n ready.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender};

use crate::isolate::{Engine, Preload};

/// The stdlib modules a worker loads whatever it runs (`RT_TRACE_BUILTINS=1` lists them), run ahead:
/// `worker_threads` fills in the thread's place (`parentPort`, `workerData`) once the worker is known.
const WORKER_MODULES: Preload = Preload {
    run: &["worker_threads"],
    compile: &[],
    for_worker: true,
};

/// The thread stack a warm worker is made with: Node's default `resourceLimits.stackSizeMb` (4).
pub const WARM_STACK_MB: f64 = 4.0;

/// Warm threads waiting for work: the channel each waits on, and the thread's handle (joined by the parent
/// that hands it a worker, once that worker has exited).
static READY: Mutex<Vec<WarmThread>> = Mutex::new(Vec::new());

/// A warm thread as the pool knows it: where to send its worker, and its handle.
type WarmThread = (Sender<WorkerStart>, Option<JoinHandle<()>>);
/// Warm threads still building their engine.
static WARMING: AtomicUsize = AtomicUsize::new(0);

/// A worker's thread body: it runs on the engine a warm thread built, or (cold) builds its own.
pub type WorkerStart = Box<dyn FnOnce(Option<Engine>) + Send>;

fn pool_size() -> usize {
    static SIZE: OnceLock<usize> = OnceLock::new();
    *SIZE.get_or_init(|| {
        std::env::var("RT_WARM_WORKERS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1)
    })
}

/// Runs `start` on a warm thread if one is ready, returning that thread's handle; gives `start` back when
/// none is.
pub fn run_on_warm_thread(start: WorkerStart) -> Result<Option<JoinHandle<()>>, WorkerStart> {
    let mut start = start;
    loop {
        let waiting = READY.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let Some((waiting, thread)) = waiting else {
            return Err(start);
        };
        // A thread that went away (its engine failed to build) hands the start back: try the next.
        match waiting.send(start) {
            Ok(()) => return Ok(thread),
            Err(crossbeam_channel::SendError(returned)) => start = returned,
        }
    }
}

/// Starts warm threads until the pool's size is ready or on its way.
pub fn top_up() {
    let ready = READY.lock().unwrap_or_else(|p| p.into_inner()).len();
    while ready + WARMING.load(Ordering::Acquire) < pool_size() {
        WARMING.fetch_add(1, Ordering::AcqRel);
        let stack_bytes = crate::isolate::thread_stack_bytes(crate::isolate::recursion_limit(WARM_STACK_MB));
        // The thread registers itself in READY once its engine is built; its handle is parked here until then.
        let (handle_sender, handle_receiver) = crossbeam_channel::bounded(1);
        let spawned = std::thread::Builder::new()
            .name("rt-worker".into())
            .stack_size(stack_bytes)
            .spawn(move || warm_thread(handle_receiver));
        match spawned {
            Ok(handle) => {
                let _ = handle_sender.send(handle);
            }
            Err(_) => {
                // No thread to spare now: spawns stay cold, which is only slower.
                WARMING.fetch_sub(1, Ordering::AcqRel);
                return;
            }
        }
    }
}

fn warm_thread(own_handle: Receiver<JoinHandle<()>>) {
    let engine = Engine::new(&WORKER_MODULES);
    let (sender, receiver): (Sender<WorkerStart>, Receiver<WorkerStart>) = crossbeam_channel::bounded(1);
    if let Ok(engine) = engine {
        let handle = own_handle.recv().ok();
        READY.lock().unwrap_or_else(|p| p.into_inner()).push((sender, handle));
        WARMING.fetch_sub(1, Ordering::AcqRel);
        // Waits for as long as the process runs; a process exit ends the thread with it.
        if let Ok(start) = receiver.recv() {
            start(Some(engine));
        }
    } else {
        WARMING.fetch_sub(1, Ordering::AcqRel);
    }
}
