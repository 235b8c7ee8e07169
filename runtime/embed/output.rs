//! Where a program's standard output and error go: the process's own fds 1 and 2, or writers an
//! embedding host gave the `Runtime`. Workers share their parent's `Output`, so a host captures every
//! thread's console in one place.

use std::fmt;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

/// A writer shared by every thread of one runtime. Each `write` holds the lock for one whole chunk, so
/// lines from different workers never interleave mid-line (a console call writes one whole line).
pub type Sink = Arc<Mutex<dyn Write + Send>>;

/// stdout and stderr of one runtime; `None` means the process's own descriptor.
#[derive(Clone, Default)]
pub struct Output {
    stdout: Option<Sink>,
    stderr: Option<Sink>,
}

impl fmt::Debug for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Output")
            .field("stdout", &self.stdout.as_ref().map_or("fd 1", |_| "sink"))
            .field("stderr", &self.stderr.as_ref().map_or("fd 2", |_| "sink"))
            .finish()
    }
}

impl Output {
    pub fn new(stdout: Option<Sink>, stderr: Option<Sink>) -> Self {
        Self { stdout, stderr }
    }

    /// Writes `bytes` to fd 1 (`fd` 1) or fd 2 (any other), flushing stdout at once as Node's
    /// synchronous stdio does for files, pipes and terminals.
    pub fn write(&self, fd: i32, bytes: &[u8]) -> io::Result<()> {
        let sink = if fd == 2 { &self.stderr } else { &self.stdout };
        match sink {
            Some(sink) => {
                let mut writer = sink.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                writer.write_all(bytes).and_then(|()| writer.flush())
            }
            None if fd == 2 => io::stderr().lock().write_all(bytes),
            None => {
                let mut out = io::stdout().lock();
                out.write_all(bytes).and_then(|()| out.flush())
            }
        }
    }

    pub fn write_stderr(&self, text: &str) {
        // Nowhere left to report a failing stderr.
        let _ = self.write(2, text.as_bytes());
    }
}

/// An in-memory sink that keeps everything written to it, for hosts and tests that want a program's
/// output as text: `Capture::default()`, pass `capture.sink()` to the builder, read `capture.text()`.
#[derive(Clone, Default)]
pub struct Capture {
    bytes: Arc<Mutex<Vec<u8>>>,
}

impl Capture {
    pub fn sink(&self) -> Sink {
        Arc::new(Mutex::new(self.clone()))
    }

    /// Everything written so far, as (lossy) UTF-8.
    pub fn text(&self) -> String {
        let bytes = self.bytes.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = self.bytes.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
