//! The per-isolate event loop state: a mio `Poll` with a `Waker` for wake-ups from other threads,
//! the timer heap, the immediate queue, I/O completions and the count of ref'd handles.
//!
//! The phases themselves (timers → I/O → immediates, with `nextTick` and microtasks drained after
//! every callback) run in `isolate.rs`, because each phase calls into the isolate's JavaScript.

pub mod handles;
pub mod jobs;
pub mod signals;
pub mod timers;

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use boa_engine::{JsObject, JsValue};
use crossbeam_channel::{Receiver, Sender};
use mio::{Events, Poll, Token, Waker};

pub use handles::{HandleId, Handles};
pub use timers::{Immediates, Timers};

use crate::worker::port::PortId;
use crate::worker::WorkerEvent;

/// The token of the loop's own waker; I/O sources take tokens above it.
pub const WAKER_TOKEN: Token = Token(0);

/// A JavaScript callback whose work already finished (fs results, for now): it runs in the poll phase,
/// where Node delivers I/O callbacks.
pub struct Completion {
    pub callback: JsObject,
    pub args: Vec<JsValue>,
}

/// What the OS said about a handle in one poll.
#[derive(Clone, Copy, Debug, Default)]
pub struct Readiness {
    pub readable: bool,
    pub writable: bool,
    /// Error or hang-up: a read or write will now say what happened.
    pub closed: bool,
}

/// What other threads send into this loop.
pub enum LoopMessage {
    /// Wake up and re-check state (a worker asked to terminate, say).
    Wake,
    /// Messages wait in the queue of this loop's port `PortId`.
    PortReady(PortId),
    /// The peer of this loop's port `PortId` closed.
    PortClosed(PortId),
    /// Something happened to a worker this loop started.
    Worker(u64, WorkerEvent),
    /// A child process this loop spawned ended: its pid, exit code or signal number.
    ChildExited {
        pid: i32,
        code: Option<i32>,
        signal: Option<i32>,
    },
}

/// How long a loop that was just handed a message keeps spinning on its inbox before it parks in
/// `epoll_wait`: waking a parked thread costs 20–35 µs a hop here, a spinning one well under 1 µs.
const SPIN_BEFORE_PARK: Duration = Duration::from_micros(50);

/// Another thread's way into a loop: post a message, and wake the loop only when it is parked.
#[derive(Clone)]
pub struct RemoteLoop {
    sender: Sender<LoopMessage>,
    waker: Arc<Waker>,
    parked: Arc<AtomicBool>,
}

impl RemoteLoop {
    /// Queues `message`; false when the loop is gone.
    pub fn send(&self, message: LoopMessage) -> bool {
        if self.sender.send(message).is_err() {
            return false;
        }
        // Pairs with the loop's store-then-recheck in `poll_io`: either it sees the message before
        // parking, or we see it parked and wake it.
        if self.parked.load(Ordering::SeqCst) {
            let _ = self.waker.wake();
        }
        true
    }
}

pub struct EventLoop {
    start: Instant,
    /// Loop time in milliseconds, refreshed at the start of each iteration (libuv's `uv_now`).
    now: u64,
    poll: Poll,
    events: Events,
    inbox: Receiver<LoopMessage>,
    remote: RemoteLoop,
    /// Whether the last turn received cross-thread messages: then a reply is likely soon, and the
    /// loop spins briefly before parking.
    in_conversation: bool,
    /// Turns since the loop last asked the OS for I/O readiness (it skips that while messages flow).
    turns_without_poll: u32,
    pub timers: Timers,
    pub immediates: Immediates,
    pub completions: VecDeque<Completion>,
    /// Handles (servers, sockets, children, workers, ports) that keep the loop alive.
    refed_handles: usize,
    /// Sockets, pipes and servers registered with `poll`.
    pub handles: Handles,
    /// Handles the last poll reported ready, in the OS's order.
    pub ready: Vec<(HandleId, Readiness)>,
}

/// The instant the first isolate's loop was made: the process's start as JavaScript sees it.
fn process_start() -> Instant {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *START.get_or_init(Instant::now)
}

impl EventLoop {
    pub fn new() -> io::Result<Self> {
        let poll = Poll::new()?;
        let waker = Arc::new(Waker::new(poll.registry(), WAKER_TOKEN)?);
        let (sender, inbox) = crossbeam_channel::unbounded();
        let remote = RemoteLoop {
            sender,
            waker,
            parked: Arc::new(AtomicBool::new(false)),
        };
        Ok(Self {
            start: process_start(),
            now: 0,
            poll,
            events: Events::with_capacity(256),
            inbox,
            remote,
            in_conversation: false,
            turns_without_poll: 0,
            timers: Timers::default(),
            immediates: Immediates::default(),
            completions: VecDeque::new(),
            refed_handles: 0,
            handles: Handles::default(),
            ready: Vec::new(),
        })
    }

    /// When the process started: `performance.timeOrigin`, `performance.now()` and `process.uptime()` count
    /// from here in every thread (a worker's are the process's, as in Node).
    pub fn start(&self) -> Instant {
        self.start
    }

    pub fn now(&self) -> u64 {
        self.now
    }

    pub fn update_time(&mut self) -> u64 {
        self.now = self.start.elapsed().as_millis() as u64;
        self.now
    }

    pub fn registry(&self) -> &mio::Registry {
        self.poll.registry()
    }

    /// Registers an OS handle (ref'd) and returns its id.
    pub fn add_handle(&mut self, kind: handles::HandleKind, target: JsObject) -> io::Result<HandleId> {
        let id = self.handles.insert(self.poll.registry(), kind, target)?;
        self.ref_handle();
        Ok(id)
    }

    /// Deregisters and closes handle `id`, dropping its ref.
    pub fn remove_handle(&mut self, id: HandleId) -> Option<handles::Handle> {
        let handle = self.handles.remove(self.poll.registry(), id)?;
        if handle.refed {
            self.unref_handle();
        }
        Some(handle)
    }

    /// The handle other threads use to reach this loop.
    pub fn remote(&self) -> RemoteLoop {
        self.remote.clone()
    }

    pub fn ref_handle(&mut self) {
        self.refed_handles += 1;
    }

    pub fn unref_handle(&mut self) {
        self.refed_handles = self.refed_handles.saturating_sub(1);
    }

    /// Moves a handle whose ref state is `refed` to `want`, counting it once either way.
    pub fn set_handle_ref(&mut self, refed: &mut bool, want: bool) {
        if *refed != want {
            *refed = want;
            if want {
                self.ref_handle();
            } else {
                self.unref_handle();
            }
        }
    }

    /// Whether anything ref'd remains: the loop ends when this turns false.
    pub fn is_alive(&self) -> bool {
        self.timers.has_ref()
            || self.immediates.has_ref()
            || self.refed_handles > 0
            || !self.completions.is_empty()
            || !self.handles.retry.is_empty()
            // Notifications already queued (a port closed on this thread, say) are delivered first.
            || !self.inbox.is_empty()
    }

    /// How long the poll phase may block: not at all when work is queued, until the next timer
    /// otherwise, and indefinitely when only handles keep the loop alive.
    pub fn poll_timeout(&mut self) -> Option<Duration> {
        // Nothing ref'd left (only unref'd timers or handles): the loop is about to end, so it must not
        // wait for them, as libuv's backend timeout is 0 then.
        if !self.is_alive() {
            return Some(Duration::ZERO);
        }
        if !self.immediates.is_empty()
            || !self.completions.is_empty()
            || !self.inbox.is_empty()
            || !self.handles.retry.is_empty()
        {
            return Some(Duration::ZERO);
        }
        if let Some(deadline) = self.timers.next_deadline() {
            let now = self.start.elapsed().as_millis() as u64;
            return Some(Duration::from_millis(deadline.saturating_sub(now)));
        }
        if self.refed_handles > 0 {
            None
        } else {
            Some(Duration::ZERO)
        }
    }

    /// Waits for I/O readiness or a message from another thread, then drains the inbox.
    pub fn poll_io(&mut self, timeout: Option<Duration>) -> io::Result<Vec<LoopMessage>> {
        let may_block = timeout != Some(Duration::ZERO);
        if may_block && self.in_conversation && self.inbox.is_empty() {
            self.spin_for_message(timeout.map_or(SPIN_BEFORE_PARK, |t| t.min(SPIN_BEFORE_PARK)));
        }
        // While messages flow, asking the OS about I/O every turn would cost a syscall a message:
        // check at least every 64 turns instead.
        let skip_poll = !self.inbox.is_empty() && self.turns_without_poll < 64;
        if skip_poll {
            self.turns_without_poll += 1;
        } else {
            self.turns_without_poll = 0;
            let parked = &self.remote.parked;
            parked.store(true, Ordering::SeqCst);
            let timeout = if self.inbox.is_empty() {
                timeout
            } else {
                Some(Duration::ZERO)
            };
            let result = self.poll.poll(&mut self.events, timeout);
            parked.store(false, Ordering::SeqCst);
            match result {
                Ok(()) => self.collect_ready(),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        let messages: Vec<LoopMessage> = self.inbox.try_iter().collect();
        self.in_conversation = !messages.is_empty();
        Ok(messages)
    }

    /// Asks the OS for readiness without waiting, even when the inbox skipped the last poll: a
    /// child's exit must not overtake the output and hang-up it caused on its pipes and channel.
    pub fn poll_ready_now(&mut self) -> io::Result<()> {
        match self.poll.poll(&mut self.events, Some(Duration::ZERO)) {
            Ok(()) => {
                self.collect_ready();
                Ok(())
            }
            Err(err) if err.kind() == io::ErrorKind::Interrupted => Ok(()),
            Err(err) => Err(err),
        }
    }

    fn collect_ready(&mut self) {
        for event in self.events.iter() {
            if event.token() == WAKER_TOKEN {
                continue;
            }
            let readiness = Readiness {
                readable: event.is_readable(),
                writable: event.is_writable(),
                closed: event.is_error() || event.is_read_closed() || event.is_write_closed(),
            };
            self.ready.push((handles::id_of(event.token()), readiness));
        }
    }

    fn spin_for_message(&self, limit: Duration) {
        let start = Instant::now();
        loop {
            for _ in 0..64 {
                if !self.inbox.is_empty() {
                    return;
                }
                std::hint::spin_loop();
            }
            if start.elapsed() >= limit {
                return;
            }
        }
    }
}
