//! The OS handles a loop watches: listening sockets and byte streams (TCP and Unix sockets, pipes to
//! child processes, IPC channels), each registered with the loop's mio `Poll` under its own token.
//!
//! This file knows sockets and queues, not JavaScript: each handle keeps the JS object whose
//! callbacks `ops/net.rs` calls (libuv's `handle->data`), and the I/O steps here say what happened.

use std::collections::VecDeque;
use std::io::{self, IoSlice, Read, Write};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};

use boa_engine::JsObject;
use mio::event::Source;
use mio::net::{TcpListener, TcpStream, UnixListener, UnixStream};
use mio::unix::pipe;
use mio::{Interest, Registry, Token};

/// A handle's id: its index in the table, and (plus one) its mio token.
pub type HandleId = usize;

/// How many bytes one read takes at most (libuv reads 64 KiB at a time as well).
pub const READ_CHUNK: usize = 64 * 1024;

pub enum Listener {
    Tcp(TcpListener),
    Unix(UnixListener),
}

pub enum Stream {
    Tcp(TcpStream),
    Unix(UnixStream),
    PipeReader(pipe::Receiver),
    PipeWriter(pipe::Sender),
}

impl Stream {
    fn source(&mut self) -> &mut dyn Source {
        match self {
            Stream::Tcp(s) => s,
            Stream::Unix(s) => s,
            Stream::PipeReader(s) => s,
            Stream::PipeWriter(s) => s,
        }
    }

    pub fn raw_fd(&self) -> RawFd {
        match self {
            Stream::Tcp(s) => s.as_raw_fd(),
            Stream::Unix(s) => s.as_raw_fd(),
            Stream::PipeReader(s) => s.as_raw_fd(),
            Stream::PipeWriter(s) => s.as_raw_fd(),
        }
    }

    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Tcp(s) => s.read(buffer),
            Stream::Unix(s) => s.read(buffer),
            Stream::PipeReader(s) => s.read(buffer),
            Stream::PipeWriter(_) => Err(io::Error::from_raw_os_error(nix::libc::EBADF)),
        }
    }

    fn write_vectored(&mut self, slices: &[IoSlice<'_>]) -> io::Result<usize> {
        match self {
            Stream::Tcp(s) => s.write_vectored(slices),
            Stream::Unix(s) => s.write_vectored(slices),
            Stream::PipeWriter(s) => s.write_vectored(slices),
            Stream::PipeReader(_) => Err(io::Error::from_raw_os_error(nix::libc::EBADF)),
        }
    }
}

/// Bytes waiting for the socket to accept them, with the fd (if any) that travels beside their
/// first byte (IPC's SCM_RIGHTS).
pub struct PendingWrite {
    pub bytes: Vec<u8>,
    pub offset: usize,
    pub fd: Option<OwnedFd>,
}

/// A byte stream and what it is doing.
pub struct StreamState {
    pub stream: Stream,
    /// JavaScript asked for data ('readStart'); off while a stream is paused.
    pub reading: bool,
    /// A connect() in flight: the first writable event settles it.
    pub connecting: bool,
    pub writes: VecDeque<PendingWrite>,
    pub queued_bytes: usize,
    /// `end()` was called: shut the write side down once the queue is flushed.
    pub shutdown_requested: bool,
    /// For IPC channels: file descriptors received beside the bytes, oldest first.
    pub received_fds: VecDeque<OwnedFd>,
    /// For IPC channels: the frame splitter (reads use recvmsg and keep fds).
    pub frames: Option<crate::ipc::FrameReader>,
    /// For HTTP server connections on the fast path: bytes read and not yet parsed (ops/http.rs).
    pub http_buffer: Option<Vec<u8>>,
}

pub enum HandleKind {
    Listener(Listener),
    Stream(Box<StreamState>),
    /// The read end of the signal self-pipe (runtime/event_loop/signals.rs).
    Signals(pipe::Receiver),
}

pub struct Handle {
    pub kind: HandleKind,
    /// The JavaScript object whose `on…` methods hear about this handle.
    pub target: JsObject,
    pub refed: bool,
}

/// The table of handles, indexed by id; freed slots are reused.
#[derive(Default)]
pub struct Handles {
    slots: Vec<Option<Handle>>,
    free: Vec<HandleId>,
    /// Handles to service this turn without waiting for the OS: a read resumed after a pause, or a
    /// read cut short to give other handles their turn (mio is edge-triggered: no new event comes).
    pub retry: VecDeque<HandleId>,
}

pub fn token(id: HandleId) -> Token {
    Token(id + 1)
}

pub fn id_of(token: Token) -> HandleId {
    token.0 - 1
}

impl Handles {
    /// Registers a new handle with `registry` (read and write interest, edge-triggered) and
    /// returns its id. The handle starts ref'd; the caller counts the ref.
    pub fn insert(&mut self, registry: &Registry, mut kind: HandleKind, target: JsObject) -> io::Result<HandleId> {
        let id = self.free.pop().unwrap_or(self.slots.len());
        let interest = match &kind {
            HandleKind::Stream(state) if !matches!(state.stream, Stream::PipeReader(_)) => {
                Interest::READABLE | Interest::WRITABLE
            }
            HandleKind::Stream(state) if matches!(state.stream, Stream::PipeWriter(_)) => Interest::WRITABLE,
            _ => Interest::READABLE,
        };
        let result = match &mut kind {
            HandleKind::Listener(Listener::Tcp(l)) => registry.register(l, token(id), interest),
            HandleKind::Listener(Listener::Unix(l)) => registry.register(l, token(id), interest),
            HandleKind::Stream(state) => registry.register(state.stream.source(), token(id), interest),
            HandleKind::Signals(r) => registry.register(r, token(id), interest),
        };
        if let Err(err) = result {
            self.free.push(id);
            return Err(err);
        }
        let handle = Handle {
            kind,
            target,
            refed: true,
        };
        if id == self.slots.len() {
            self.slots.push(Some(handle));
        } else {
            self.slots[id] = Some(handle);
        }
        Ok(id)
    }

    pub fn get(&self, id: HandleId) -> Option<&Handle> {
        self.slots.get(id).and_then(Option::as_ref)
    }

    pub fn get_mut(&mut self, id: HandleId) -> Option<&mut Handle> {
        self.slots.get_mut(id).and_then(Option::as_mut)
    }

    pub fn stream_mut(&mut self, id: HandleId) -> Option<&mut StreamState> {
        match self.get_mut(id).map(|h| &mut h.kind) {
            Some(HandleKind::Stream(state)) => Some(state),
            _ => None,
        }
    }

    /// Deregisters and drops handle `id` (closing its fd); returns it so the caller can settle its ref.
    pub fn remove(&mut self, registry: &Registry, id: HandleId) -> Option<Handle> {
        let mut handle = self.slots.get_mut(id)?.take()?;
        let _ = match &mut handle.kind {
            HandleKind::Listener(Listener::Tcp(l)) => registry.deregister(l),
            HandleKind::Listener(Listener::Unix(l)) => registry.deregister(l),
            HandleKind::Stream(state) => registry.deregister(state.stream.source()),
            HandleKind::Signals(r) => registry.deregister(r),
        };
        self.free.push(id);
        self.retry.retain(|&other| other != id);
        Some(handle)
    }
}

impl StreamState {
    pub fn new(stream: Stream) -> Self {
        Self {
            stream,
            reading: false,
            connecting: false,
            writes: VecDeque::new(),
            queued_bytes: 0,
            shutdown_requested: false,
            received_fds: VecDeque::new(),
            frames: None,
            http_buffer: None,
        }
    }

    /// One read: `Ok(0)` is end of stream. IPC channels read with `recvmsg` and keep any fds that
    /// came with the bytes.
    pub fn read_some(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if self.frames.is_some() {
            let (count, fds) = crate::ipc::receive(self.stream.raw_fd(), buffer)?;
            self.received_fds.extend(fds);
            return Ok(count);
        }
        loop {
            match self.stream.read(buffer) {
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                other => return other,
            }
        }
    }

    /// Queues `bytes` (and `fd`) behind what is already waiting, then writes as much as the OS takes.
    pub fn write(&mut self, bytes: Vec<u8>, fd: Option<OwnedFd>) -> io::Result<()> {
        self.queued_bytes += bytes.len();
        self.writes.push_back(PendingWrite { bytes, offset: 0, fd });
        if self.connecting {
            return Ok(());
        }
        self.flush()
    }

    /// Writes queued bytes until the queue is empty or the OS would block.
    pub fn flush(&mut self) -> io::Result<()> {
        while let Some(front) = self.writes.front_mut() {
            let written = if let Some(fd) = front.fd.take() {
                // The fd rides on the first byte of its frame; once sent it is closed here.
                let result = crate::ipc::send_with_fd(self.stream.raw_fd(), &front.bytes[front.offset..], &fd);
                match result {
                    Ok(n) => n,
                    Err(err) => {
                        front.fd = Some(fd);
                        if err.kind() == io::ErrorKind::WouldBlock {
                            return Ok(());
                        }
                        return Err(err);
                    }
                }
            } else {
                let slices: Vec<IoSlice<'_>> = self
                    .writes
                    .iter()
                    .take(64)
                    .take_while(|w| w.fd.is_none())
                    .map(|w| IoSlice::new(&w.bytes[w.offset..]))
                    .collect();
                match self.stream.write_vectored(&slices) {
                    // Only an empty write returns 0; drop the empty entries and stop.
                    Ok(0) => {
                        self.consume(0);
                        return Ok(());
                    }
                    Ok(n) => n,
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                    Err(err) if err.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                    Err(err) => return Err(err),
                }
            };
            self.consume(written);
        }
        Ok(())
    }

    /// Drops `count` written bytes from the front of the queue.
    fn consume(&mut self, mut count: usize) {
        self.queued_bytes -= count.min(self.queued_bytes);
        while count > 0 {
            let Some(front) = self.writes.front_mut() else { return };
            let left = front.bytes.len() - front.offset;
            if count >= left {
                count -= left;
                self.writes.pop_front();
            } else {
                front.offset += count;
                count = 0;
            }
        }
        // Zero-length writes (an empty frame) are done as soon as they reach the front.
        while self
            .writes
            .front()
            .is_some_and(|w| w.offset == w.bytes.len() && w.fd.is_none())
        {
            self.writes.pop_front();
        }
    }

    /// Half-closes the write side (TCP FIN) once everything queued is out.
    pub fn shutdown_write(&mut self) -> io::Result<()> {
        match &self.stream {
            Stream::Tcp(s) => s.shutdown(std::net::Shutdown::Write),
            Stream::Unix(s) => s.shutdown(std::net::Shutdown::Write),
            _ => Ok(()),
        }
    }
}
