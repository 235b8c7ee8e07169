//! The IPC channel between a parent `rt` and a child it forked: one end of a Unix socketpair each,
//! the child's inherited as an fd named in `NODE_CHANNEL_FD` (as Node does). Frames are
//! newline-delimited JSON (Node's 'json' serialization); a file descriptor travels beside a frame
//! with SCM_RIGHTS, attached to the frame's first byte.
//!
//! This module is the byte level: socket pair, sendmsg/recvmsg with fds, and splitting a byte
//! stream into frames. The loop registration lives in event_loop/handles.rs, the JS surface in
//! ops/ipc.rs.

use std::io::{self, IoSlice, IoSliceMut};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use nix::sys::socket::{self, ControlMessage, ControlMessageOwned, MsgFlags};

/// The environment variable that names the child's end of the channel.
pub const CHANNEL_FD_ENV: &str = "NODE_CHANNEL_FD";

/// At most this many fds are accepted with one read; more are closed (a peer has no reason to send them).
const MAX_FDS_PER_READ: usize = 8;

/// A connected pair of non-blocking, close-on-exec stream sockets: (parent end, child end).
pub fn channel_pair() -> io::Result<(OwnedFd, OwnedFd)> {
    let (a, b) = socket::socketpair(
        socket::AddressFamily::Unix,
        socket::SockType::Stream,
        None,
        socket::SockFlag::SOCK_CLOEXEC | socket::SockFlag::SOCK_NONBLOCK,
    )
    .map_err(io::Error::from)?;
    Ok((a, b))
}

/// `recvmsg` into `buffer`, returning the byte count (0 at end of stream) and any fds that came
/// with those bytes (received close-on-exec).
pub fn receive(fd: RawFd, buffer: &mut [u8]) -> io::Result<(usize, Vec<OwnedFd>)> {
    let mut space = nix::cmsg_space!([RawFd; MAX_FDS_PER_READ]);
    let mut iov = [IoSliceMut::new(buffer)];
    loop {
        match socket::recvmsg::<()>(fd, &mut iov, Some(&mut space), MsgFlags::MSG_CMSG_CLOEXEC) {
            Ok(message) => {
                let mut fds = Vec::new();
                for control in message.cmsgs().map_err(io::Error::from)? {
                    if let ControlMessageOwned::ScmRights(received) = control {
                        // SAFETY: the kernel just gave us these descriptors; nobody else owns them.
                        fds.extend(received.into_iter().map(|raw| unsafe { OwnedFd::from_raw_fd(raw) }));
                    }
                }
                return Ok((message.bytes, fds));
            }
            Err(nix::errno::Errno::EINTR) => continue,
            Err(errno) => return Err(errno.into()),
        }
    }
}

/// `sendmsg` of `bytes` with `fd` attached; returns how many bytes went (the fd goes with the first).
pub fn send_with_fd(socket_fd: RawFd, bytes: &[u8], fd: &OwnedFd) -> io::Result<usize> {
    let fds = [fd.as_raw_fd()];
    let control = [ControlMessage::ScmRights(&fds)];
    loop {
        match socket::sendmsg::<()>(
            socket_fd,
            &[IoSlice::new(bytes)],
            &control,
            MsgFlags::MSG_NOSIGNAL,
            None,
        ) {
            Ok(count) => return Ok(count),
            Err(nix::errno::Errno::EINTR) => continue,
            Err(errno) => return Err(errno.into()),
        }
    }
}

/// Splits a byte stream into newline-terminated frames, keeping a partial frame for the next read.
#[derive(Default)]
pub struct FrameReader {
    partial: Vec<u8>,
}

/// A frame bigger than this is refused: the channel is broken, not a place for unbounded buffering.
pub const MAX_FRAME: usize = 256 * 1024 * 1024;

impl FrameReader {
    /// Adds `bytes` and returns the complete frames they finish (without their newline), as text.
    /// Invalid UTF-8 is replaced, as Node's decoder does; an over-long frame is an error.
    pub fn push(&mut self, bytes: &[u8]) -> Result<Vec<String>, FrameTooLong> {
        let mut frames = Vec::new();
        let mut rest = bytes;
        while let Some(newline) = rest.iter().position(|&b| b == b'\n') {
            let (line, after) = rest.split_at(newline);
            if self.partial.is_empty() {
                frames.push(String::from_utf8_lossy(line).into_owned());
            } else {
                self.partial.extend_from_slice(line);
                frames.push(String::from_utf8_lossy(&self.partial).into_owned());
                self.partial.clear();
            }
            rest = &after[1..];
        }
        if self.partial.len() + rest.len() > MAX_FRAME {
            self.partial.clear();
            return Err(FrameTooLong);
        }
        self.partial.extend_from_slice(rest);
        Ok(frames)
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct FrameTooLong;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_split_across_reads_and_joined_within_one() {
        let mut reader = FrameReader::default();
        assert_eq!(reader.push(b"{\"a\":1}\n{\"b\"").unwrap(), vec!["{\"a\":1}"]);
        assert_eq!(reader.push(b":2}\n\n").unwrap(), vec!["{\"b\":2}", ""]);
        assert!(reader.push(b"").unwrap().is_empty());
    }

    /// A small deterministic generator, so the randomised tests repeat exactly.
    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn any_split_of_a_stream_gives_the_same_frames() {
        let mut seed = 0x2545_f491_4f6c_dd1d;
        for _ in 0..200 {
            let count = (xorshift(&mut seed) % 20) as usize;
            let frames: Vec<String> = (0..count)
                .map(|i| {
                    format!(
                        "{{\"n\":{i},\"s\":\"{}\"}}",
                        "é".repeat((xorshift(&mut seed) % 50) as usize)
                    )
                })
                .collect();
            let stream: Vec<u8> = frames.iter().flat_map(|f| f.bytes().chain([b'\n'])).collect();
            let mut reader = FrameReader::default();
            let mut got = Vec::new();
            let mut rest = &stream[..];
            while !rest.is_empty() {
                let cut = 1 + (xorshift(&mut seed) as usize % rest.len());
                got.extend(reader.push(&rest[..cut]).unwrap());
                rest = &rest[cut..];
            }
            assert_eq!(got, frames);
        }
    }

    #[test]
    fn random_bytes_never_panic_and_huge_frames_are_refused() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        let mut reader = FrameReader::default();
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..(xorshift(&mut seed) % 300))
                .map(|_| xorshift(&mut seed) as u8)
                .collect();
            let _ = reader.push(&bytes);
        }
        let mut reader = FrameReader::default();
        let big = vec![b'x'; MAX_FRAME / 4 + 1];
        let mut refused = false;
        for _ in 0..5 {
            refused |= reader.push(&big).is_err();
        }
        assert!(refused, "a frame past MAX_FRAME is an error");
    }

    #[test]
    fn an_fd_travels_with_its_frame() {
        let (a, b) = channel_pair().unwrap();
        let (pipe_read, pipe_write) = nix::unistd::pipe().unwrap();
        assert_eq!(send_with_fd(a.as_raw_fd(), b"x\n", &pipe_write).unwrap(), 2);
        drop(pipe_write);
        let mut buffer = [0u8; 16];
        let (count, fds) = receive(b.as_raw_fd(), &mut buffer).unwrap();
        assert_eq!(&buffer[..count], b"x\n");
        assert_eq!(fds.len(), 1);
        // The received fd is the pipe's write end: writing to it reaches the read end.
        nix::unistd::write(&fds[0], b"ok").unwrap();
        let mut got = [0u8; 2];
        nix::unistd::read(pipe_read.as_raw_fd(), &mut got).unwrap();
        assert_eq!(&got, b"ok");
    }
}
