//! `process.on('SIGINT', …)`: a signal handler may do almost nothing, so it writes the signal's
//! number into a pipe (the self-pipe trick, as libuv does) and the main loop reads it as I/O.

use std::io::{self, Read};
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::atomic::{AtomicI32, Ordering};

use mio::unix::pipe;
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, Signal};

/// The write end of the self-pipe, or -1 before the first watch.
static PIPE_WRITE_FD: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(number: nix::libc::c_int) {
    let fd = PIPE_WRITE_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let byte = number as u8;
        // SAFETY: write(2) is async-signal-safe; a full pipe just drops the notification.
        unsafe { nix::libc::write(fd, (&byte as *const u8).cast(), 1) };
    }
}

/// Makes the self-pipe on first use; returns its read end for the caller's loop to watch.
pub fn open_pipe() -> io::Result<pipe::Receiver> {
    let (sender, receiver) = pipe::new()?;
    let write_end: OwnedFd = sender.into();
    let raw = write_end.as_raw_fd();
    // The write end lives for the rest of the process: the handler may run at any moment.
    std::mem::forget(write_end);
    PIPE_WRITE_FD.store(raw, Ordering::SeqCst);
    Ok(receiver)
}

/// Routes `signal` to the self-pipe (`true`) or back to its default action (`false`).
pub fn set_watched(signal: Signal, watched: bool) -> io::Result<()> {
    let handler = if watched {
        SigHandler::Handler(on_signal)
    } else {
        SigHandler::SigDfl
    };
    let action = SigAction::new(handler, SaFlags::SA_RESTART, SigSet::empty());
    // SAFETY: the handler only calls write(2) on an fd that stays open.
    unsafe { signal::sigaction(signal, &action) }.map_err(io::Error::from)?;
    Ok(())
}

/// The signal numbers waiting in the pipe.
pub fn drain(receiver: &mut pipe::Receiver) -> Vec<i32> {
    let mut numbers = Vec::new();
    let mut buffer = [0u8; 64];
    loop {
        match receiver.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => numbers.extend(buffer[..n].iter().map(|&b| i32::from(b))),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    numbers
}
