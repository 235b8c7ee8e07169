//! A worker's stdout and stderr. Node gives every Worker `worker.stdout`/`worker.stderr` streams: with
//! `stdout: true` the worker's output goes only there, otherwise it flows on to the parent's own
//! stdout. rt writes straight to the parent's output while nobody looks at the streams (a whole line
//! per write, never interleaved), and sends the bytes to the parent's loop as `WorkerEvent::Stdio`
//! once they are captured: from the start with `stdout: true`, or from the moment the parent first
//! touches `worker.stdout` (the stream then forwards to `process.stdout` itself).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::WorkerEvent;
use crate::embed::Output;
use crate::event_loop::{LoopMessage, RemoteLoop};

/// One of a worker's two output streams, as the worker's `Output` sees it.
pub struct WorkerStdio {
    pub fd: i32,
    pub thread_id: u64,
    pub parent: RemoteLoop,
    /// Whether the bytes go to the parent's `worker.stdout`/`worker.stderr` stream.
    pub captured: Arc<AtomicBool>,
    /// Where they go otherwise: the parent's own output.
    pub inherited: Output,
}

impl Write for WorkerStdio {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.captured.load(Ordering::Acquire) {
            let event = WorkerEvent::Stdio {
                fd: self.fd,
                bytes: bytes.to_vec(),
            };
            // A parent that is gone has no stream left to fill.
            self.parent.send(LoopMessage::Worker(self.thread_id, event));
        } else {
            self.inherited.write(self.fd, bytes)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The worker's `Output` and the two capture switches its parent keeps.
pub fn worker_output(
    thread_id: u64,
    parent: &RemoteLoop,
    inherited: &Output,
    capture: [bool; 2],
) -> (Output, [Arc<AtomicBool>; 2]) {
    let switches = capture.map(|on| Arc::new(AtomicBool::new(on)));
    let sink = |fd: i32, captured: &Arc<AtomicBool>| -> crate::embed::Sink {
        Arc::new(Mutex::new(WorkerStdio {
            fd,
            thread_id,
            parent: parent.clone(),
            captured: captured.clone(),
            inherited: inherited.clone(),
        }))
    };
    let output = Output::new(Some(sink(1, &switches[0])), Some(sink(2, &switches[1])));
    (output, switches)
}
