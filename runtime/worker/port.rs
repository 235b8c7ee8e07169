//! The thread-safe half of a `MessagePort`: one end of an entangled pair, with the queue of messages
//! waiting for it and the loop that owns it. A port can move to another thread (it travels inside a
//! message), so a sender looks up the current owner each time it posts.
//!
//! Each isolate keeps its own ports (the JavaScript objects, started/ref'd state) in `LocalPorts`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};

use boa_engine::JsObject;
use crossbeam_channel::{Receiver, Sender};

use crate::clone::Message;
use crate::event_loop::{LoopMessage, RemoteLoop};

pub type PortId = u64;

static NEXT_PORT_ID: AtomicU64 = AtomicU64::new(1);

/// One end of a message channel, shared between the thread that owns it and the peer posting into it.
pub struct PortEnd {
    pub id: PortId,
    sender: Sender<Message>,
    receiver: Receiver<Message>,
    /// The loop to notify when a message arrives; `None` while the port travels between threads.
    owner: Mutex<Option<RemoteLoop>>,
    /// Set when the owner has been told about queued messages and has not drained them yet, so a
    /// burst of posts costs one notification.
    notified: AtomicBool,
    peer: Mutex<Weak<PortEnd>>,
    closed: AtomicBool,
}

impl PortEnd {
    fn new() -> Arc<Self> {
        let (sender, receiver) = crossbeam_channel::unbounded();
        Arc::new(Self {
            id: NEXT_PORT_ID.fetch_add(1, Ordering::Relaxed),
            sender,
            receiver,
            owner: Mutex::new(None),
            notified: AtomicBool::new(false),
            peer: Mutex::new(Weak::new()),
            closed: AtomicBool::new(false),
        })
    }

    /// Two entangled ends, both unowned until an isolate adopts them.
    pub fn pair() -> (Arc<Self>, Arc<Self>) {
        let (one, two) = (Self::new(), Self::new());
        *lock(&one.peer) = Arc::downgrade(&two);
        *lock(&two.peer) = Arc::downgrade(&one);
        (one, two)
    }

    /// Posts `message` to the other end; false when that end is closed or gone (Node drops it).
    pub fn post_to_peer(&self, message: Message) -> bool {
        let Some(peer) = self.peer() else { return false };
        peer.deliver(message)
    }

    /// Queues `message` on this end and tells its owner, once per batch.
    pub fn deliver(&self, message: Message) -> bool {
        if self.closed.load(Ordering::Acquire) || self.sender.send(message).is_err() {
            return false;
        }
        if !self.notified.swap(true, Ordering::AcqRel) {
            if let Some(owner) = lock(&self.owner).as_ref() {
                owner.send(LoopMessage::PortReady(self.id));
            }
        }
        true
    }

    pub fn peer(&self) -> Option<Arc<PortEnd>> {
        lock(&self.peer)
            .upgrade()
            .filter(|peer| !peer.closed.load(Ordering::Acquire))
    }

    /// Takes the next queued message.
    pub fn receive(&self) -> Option<Message> {
        self.receiver.try_recv().ok()
    }

    pub fn queued(&self) -> usize {
        self.receiver.len()
    }

    /// The owner is about to drain the queue: later posts must notify again.
    pub fn clear_notified(&self) {
        self.notified.store(false, Ordering::Release);
    }

    /// Makes `owner` the loop that hears about this end's messages.
    pub fn set_owner(&self, owner: Option<RemoteLoop>) {
        *lock(&self.owner) = owner;
        self.notified.store(false, Ordering::Release);
    }

    pub fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }

    /// Closes this end and tells the peer's owner, which emits 'close' there (Node closes both ends).
    pub fn close(&self) {
        if self.closed.swap(true, Ordering::AcqRel) {
            return;
        }
        let peer = lock(&self.peer).upgrade();
        if let Some(peer) = peer {
            if !peer.closed.load(Ordering::Acquire) {
                if let Some(owner) = lock(&peer.owner).as_ref() {
                    owner.send(LoopMessage::PortClosed(peer.id));
                }
            }
        }
        while self.receiver.try_recv().is_ok() {}
    }
}

/// A poisoned lock only means another thread panicked mid-update of a plain value: keep going.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The EventEmitter (a Worker) that emits a port's messages.
#[derive(Clone)]
pub struct MessageTarget {
    pub emitter: JsObject,
    /// Whether its lone 'message' listener may be called directly: not when it captures rejections
    /// (`EventEmitter.captureRejections`), whose handling emit() does.
    pub direct: bool,
}

/// A port as one isolate holds it.
pub struct LocalPort {
    pub end: Arc<PortEnd>,
    /// The JavaScript `MessagePort` object.
    pub object: JsObject,
    /// The Worker that emits this port's messages, for a Worker's own channel; else the port does.
    pub message_target: Option<MessageTarget>,
    /// Messages are delivered only once the port is started (`start()`, or a 'message' listener).
    pub started: bool,
    /// Whether this port currently counts as a ref'd handle of the loop.
    pub refed: bool,
    /// The peer closed while messages were still queued here: this end closes once they are delivered,
    /// so 'close' comes after them (as in Node).
    pub peer_closed: bool,
}

/// The ports an isolate owns, by id.
#[derive(Default)]
pub struct LocalPorts {
    ports: HashMap<PortId, LocalPort>,
}

impl LocalPorts {
    pub fn insert(&mut self, port: LocalPort) {
        self.ports.insert(port.end.id, port);
    }

    pub fn get(&self, id: PortId) -> Option<&LocalPort> {
        self.ports.get(&id)
    }

    pub fn get_mut(&mut self, id: PortId) -> Option<&mut LocalPort> {
        self.ports.get_mut(&id)
    }

    pub fn remove(&mut self, id: PortId) -> Option<LocalPort> {
        self.ports.remove(&id)
    }

    /// Closes every port but `keep`: an isolate that ends takes its ports with it, and their peers hear
    /// 'close' after the messages already sent (as when a Node worker exits).
    pub fn close_all_except(&mut self, keep: Option<PortId>) {
        for (id, port) in self.ports.drain() {
            if Some(id) != keep {
                port.end.close();
            }
        }
    }
}

/// `BroadcastChannel` subscribers by channel name, across every thread of the process.
static BROADCAST: Mutex<Option<HashMap<String, Vec<Weak<PortEnd>>>>> = Mutex::new(None);

/// A new end subscribed to broadcast channel `name`.
pub fn subscribe_broadcast(name: &str) -> Arc<PortEnd> {
    let end = PortEnd::new();
    let mut channels = lock(&BROADCAST);
    let subscribers = channels
        .get_or_insert_with(HashMap::new)
        .entry(name.to_owned())
        .or_default();
    subscribers.retain(|weak| weak.upgrade().is_some_and(|end| !end.is_closed()));
    subscribers.push(Arc::downgrade(&end));
    end
}

/// Every other live subscriber of channel `name`.
pub fn broadcast_peers(name: &str, from: PortId) -> Vec<Arc<PortEnd>> {
    let channels = lock(&BROADCAST);
    let Some(subscribers) = channels.as_ref().and_then(|channels| channels.get(name)) else {
        return Vec::new();
    };
    subscribers
        .iter()
        .filter_map(Weak::upgrade)
        .filter(|end| end.id != from && !end.is_closed())
        .collect()
}
