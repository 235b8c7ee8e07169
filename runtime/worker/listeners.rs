//! A MessagePort's Node-style listeners (`port.on('message', ...)` and the rest of the EventEmitter
//! methods Node's MessagePort has), kept natively on the port object. Every worker has a port, and
//! keeping these in Rust spares each worker compiling them (Boa's compiled code is per isolate) and
//! lets the loop call a lone 'message' listener directly (worker/mod.rs `next_message`).
//!
//! The order and the edge cases are node:events': listeners run in the order added, a `once` listener
//! is removed before it runs, `removeListener` takes the most recently added match, and an event name
//! whose last listener goes is forgotten (`eventNames()` order).

use boa_engine::{JsObject, JsValue};
use boa_gc::{Finalize, GcRefCell, Trace};

/// One listener: the function as given, and whether it runs once.
#[derive(Clone, Trace, Finalize)]
pub struct Listener {
    pub callback: JsObject,
    #[unsafe_ignore_trace]
    pub once: bool,
}

/// The listeners of one event name, in calling order.
#[derive(Trace, Finalize)]
struct Event {
    name: JsValue,
    listeners: Vec<Listener>,
}

/// All of a port's listeners, by event name in the order the names were first listened to.
#[derive(Default, Trace, Finalize)]
pub struct Listeners {
    events: GcRefCell<Vec<Event>>,
}

impl Listeners {
    fn position(events: &[Event], name: &JsValue) -> Option<usize> {
        events.iter().position(|event| event.name.strict_equals(name))
    }

    pub fn add(&self, name: JsValue, listener: Listener) {
        let mut events = self.events.borrow_mut();
        let index = match Self::position(&events, &name) {
            Some(index) => index,
            None => {
                events.push(Event {
                    name,
                    listeners: Vec::new(),
                });
                events.len() - 1
            }
        };
        events[index].listeners.push(listener);
    }

    /// Removes the most recently added listener `callback` for `name`; whether one was.
    pub fn remove(&self, name: &JsValue, callback: &JsObject) -> bool {
        let mut events = self.events.borrow_mut();
        let Some(index) = Self::position(&events, name) else {
            return false;
        };
        let listeners = &mut events[index].listeners;
        let Some(found) = listeners.iter().rposition(|l| JsObject::equals(&l.callback, callback)) else {
            return false;
        };
        listeners.remove(found);
        if listeners.is_empty() {
            events.remove(index);
        }
        true
    }

    /// Removes one `once` listener `callback` for `name` as it is about to run.
    pub fn remove_once(&self, name: &JsValue, callback: &JsObject) {
        let mut events = self.events.borrow_mut();
        let Some(index) = Self::position(&events, name) else {
            return;
        };
        let listeners = &mut events[index].listeners;
        if let Some(found) = listeners
            .iter()
            .position(|l| l.once && JsObject::equals(&l.callback, callback))
        {
            listeners.remove(found);
            if listeners.is_empty() {
                events.remove(index);
            }
        }
    }

    /// Forgets the listeners of `name`, or of every name.
    pub fn clear(&self, name: Option<&JsValue>) {
        let mut events = self.events.borrow_mut();
        match name {
            Some(name) => events.retain(|event| !event.name.strict_equals(name)),
            None => events.clear(),
        }
    }

    /// The listeners of `name` now (a copy: they may change while these run).
    pub fn of(&self, name: &JsValue) -> Vec<Listener> {
        let events = self.events.borrow();
        Self::position(&events, name).map_or_else(Vec::new, |index| events[index].listeners.clone())
    }

    /// The only listener of `name`, when there is exactly one and it is not a `once` one (without copying the
    /// list: the loop asks this for every message).
    pub fn lone(&self, name: &JsValue) -> Option<JsObject> {
        let events = self.events.borrow();
        match events[Self::position(&events, name)?].listeners.as_slice() {
            [only] if !only.once => Some(only.callback.clone()),
            _ => None,
        }
    }

    pub fn count(&self, name: &JsValue) -> usize {
        let events = self.events.borrow();
        Self::position(&events, name).map_or(0, |index| events[index].listeners.len())
    }

    pub fn names(&self) -> Vec<JsValue> {
        self.events.borrow().iter().map(|event| event.name.clone()).collect()
    }
}
