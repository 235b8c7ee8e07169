//! rt: a small Node-like JavaScript runtime on the Boa engine, built for learning and running
//! Node's concurrency model. See docs/architecture.md for the map.

pub mod clone;
pub mod embed;
pub mod event_loop;
pub mod globals;
pub mod ipc;
pub mod isolate;
pub mod modules;
pub mod ops;
pub mod report;
pub mod stack;
pub mod worker;

pub use embed::Runtime;
pub use isolate::{Engine, Entry, Isolate, IsolateOptions};
