//! The timer heap behind `setTimeout`/`setInterval`, and the immediate queue behind `setImmediate`.
//!
//! Both hold the JavaScript `Timeout`/`Immediate` objects; the loop hands an expired one back to the
//! JavaScript dispatcher, which calls the user's callback (and re-arms an interval, as Node's
//! `listOnTimeout` does).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};

use boa_engine::JsObject;

struct TimerEntry {
    /// Matches the heap entry that is current; older heap entries for this id are stale.
    generation: u64,
    refed: bool,
    object: JsObject,
}

/// Timers ordered by deadline, then by arming order (Node runs same-deadline timers in insertion order).
#[derive(Default)]
pub struct Timers {
    heap: BinaryHeap<Reverse<(u64, u64, u64)>>,
    entries: HashMap<u64, TimerEntry>,
    next_generation: u64,
    refed: usize,
}

impl Timers {
    /// Arms (or re-arms) timer `id` to fire at `deadline` (loop milliseconds).
    pub fn arm(&mut self, id: u64, deadline: u64, object: JsObject) {
        self.next_generation += 1;
        let generation = self.next_generation;
        let refed = match self.entries.get(&id) {
            Some(old) => old.refed,
            None => {
                self.refed += 1;
                true
            }
        };
        self.entries.insert(
            id,
            TimerEntry {
                generation,
                refed,
                object,
            },
        );
        self.heap.push(Reverse((deadline, generation, id)));
    }

    pub fn cancel(&mut self, id: u64) {
        if let Some(entry) = self.entries.remove(&id) {
            if entry.refed {
                self.refed -= 1;
            }
        }
    }

    pub fn set_ref(&mut self, id: u64, refed: bool) {
        if let Some(entry) = self.entries.get_mut(&id) {
            if entry.refed != refed {
                entry.refed = refed;
                if refed {
                    self.refed += 1;
                } else {
                    self.refed -= 1;
                }
            }
        }
    }

    pub fn has_ref(&self) -> bool {
        self.refed > 0
    }

    /// The earliest live deadline, dropping stale heap entries on the way.
    pub fn next_deadline(&mut self) -> Option<u64> {
        while let Some(Reverse((deadline, generation, id))) = self.heap.peek().copied() {
            match self.entries.get(&id) {
                Some(entry) if entry.generation == generation => return Some(deadline),
                _ => {
                    self.heap.pop();
                }
            }
        }
        None
    }

    /// Removes and returns the next timer due at or before `now`.
    pub fn pop_expired(&mut self, now: u64) -> Option<(u64, JsObject)> {
        let deadline = self.next_deadline()?;
        if deadline > now {
            return None;
        }
        let Reverse((_, _, id)) = self.heap.pop()?;
        let entry = self.entries.remove(&id)?;
        if entry.refed {
            self.refed -= 1;
        }
        Some((id, entry.object))
    }
}

/// `setImmediate` callbacks, run in the check phase in the order they were queued.
#[derive(Default)]
pub struct Immediates {
    queue: VecDeque<(u64, JsObject)>,
    /// Live immediates and whether each keeps the loop alive.
    live: HashMap<u64, bool>,
    refed: usize,
}

impl Immediates {
    pub fn push(&mut self, id: u64, object: JsObject) {
        self.queue.push_back((id, object));
        self.live.insert(id, true);
        self.refed += 1;
    }

    pub fn cancel(&mut self, id: u64) {
        if let Some(refed) = self.live.remove(&id) {
            if refed {
                self.refed -= 1;
            }
        }
    }

    pub fn set_ref(&mut self, id: u64, refed: bool) {
        if let Some(current) = self.live.get_mut(&id) {
            if *current != refed {
                *current = refed;
                if refed {
                    self.refed += 1;
                } else {
                    self.refed -= 1;
                }
            }
        }
    }

    pub fn has_ref(&self) -> bool {
        self.refed > 0
    }

    pub fn is_empty(&self) -> bool {
        self.live.is_empty()
    }

    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// The next live immediate; cleared ones are skipped.
    pub fn pop(&mut self) -> Option<JsObject> {
        while let Some((id, object)) = self.queue.pop_front() {
            if let Some(refed) = self.live.remove(&id) {
                if refed {
                    self.refed -= 1;
                }
                return Some(object);
            }
        }
        None
    }
}
