//! Arbitrary bytes as an IPC channel's stream, read in arbitrary pieces: the frame reader must give
//! the same frames however the stream is split, or refuse an oversized frame — never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rt::ipc::FrameReader;

fuzz_target!(|input: &[u8]| {
    let Some((&split, bytes)) = input.split_first() else { return };
    let cut = usize::from(split).min(bytes.len());
    let mut whole = FrameReader::default();
    let mut pieces = FrameReader::default();
    let expected = whole.push(bytes).ok();
    let mut got = pieces.push(&bytes[..cut]).ok();
    if let (Some(first), Ok(rest)) = (got.as_mut(), pieces.push(&bytes[cut..])) {
        first.extend(rest);
    }
    if let (Some(expected), Some(got)) = (expected, got) {
        assert_eq!(expected, got);
    }
});
