//! The per-isolate event loop state: a mio `Poll` with a `Waker` for wake-ups from other threads,
//! the timer heap, the immediate queue, I/O completions and the count of ref'd handles.
//!
//! The phases themselves (timers → I/O → immediates, with `nextTick` and microtasks drained after
//! every callback) run in `isolate.rs`, because each phase calls into the isolate's JavaScript.

pub mod jobs;
pub mod timers;

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use boa_engine::{JsObject, JsValue};
use crossbeam_channel::{Receiver, Sender};
use mio::{Events, Poll, Token, Waker};

pub use timers::{Immediates, Timers};

/// The token of the loop's own waker; I/O sources take tokens above it.
pub const WAKER_TOKEN: Token = Token(0);

/// A JavaScript callback whose work already finished (fs results, for now): it runs in the poll phase,
/// where Node delivers I/O callbacks.
pub struct Completion {
    pub callback: JsObject,
    pub args: Vec<JsValue>,
}

/// What other threads send into this loop.
pub enum LoopMessage {
    /// Wake up and re-check state (used by tests and shutdown).
    Wake,
}

pub struct EventLoop {
    start: Instant,
    /// Loop time in milliseconds, refreshed at the start of each iteration (libuv's `uv_now`).
    now: u64,
    poll: Poll,
    events: Events,
    waker: Arc<Waker>,
    inbox: Receiver<LoopMessage>,
    outbox: Sender<LoopMessage>,
    pub timers: Timers,
    pub immediates: Immediates,
    pub completions: VecDeque<Completion>,
    /// Handles (servers, sockets, children, workers, ports) that keep the loop alive.
    refed_handles: usize,
}

impl EventLoop {
    pub fn new() -> io::Result<Self> {
        let poll = Poll::new()?;
        let waker = Arc::new(Waker::new(poll.registry(), WAKER_TOKEN)?);
        let (outbox, inbox) = crossbeam_channel::unbounded();
        Ok(Self {
            start: Instant::now(),
            now: 0,
            poll,
            events: Events::with_capacity(256),
            waker,
            inbox,
            outbox,
            timers: Timers::default(),
            immediates: Immediates::default(),
            completions: VecDeque::new(),
            refed_handles: 0,
        })
    }

    /// When the isolate started: `performance.timeOrigin` and `process.uptime()` count from here.
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

    /// A sender and waker other threads use to reach this loop.
    pub fn remote(&self) -> (Sender<LoopMessage>, Arc<Waker>) {
        (self.outbox.clone(), self.waker.clone())
    }

    pub fn ref_handle(&mut self) {
        self.refed_handles += 1;
    }

    pub fn unref_handle(&mut self) {
        self.refed_handles = self.refed_handles.saturating_sub(1);
    }

    /// Whether anything ref'd remains: the loop ends when this turns false.
    pub fn is_alive(&self) -> bool {
        self.timers.has_ref() || self.immediates.has_ref() || self.refed_handles > 0 || !self.completions.is_empty()
    }

    /// How long the poll phase may block: not at all when work is queued, until the next timer
    /// otherwise, and indefinitely when only handles keep the loop alive.
    pub fn poll_timeout(&mut self) -> Option<Duration> {
        if !self.immediates.is_empty() || !self.completions.is_empty() {
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

    /// Waits for I/O readiness or a wake-up, then drains the cross-thread inbox.
    pub fn poll_io(&mut self, timeout: Option<Duration>) -> io::Result<Vec<LoopMessage>> {
        match self.poll.poll(&mut self.events, timeout) {
            Ok(()) => {}
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
        Ok(self.inbox.try_iter().collect())
    }
}
