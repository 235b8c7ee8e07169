//! Arbitrary bytes as what a client sends on a kept-alive connection, fed in arbitrary pieces: the
//! native request splitter must parse, ask for more, or hand over to JavaScript — never panic, and
//! never consume bytes it did not report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rt::ops::http::{next_request, NextRequest};

fuzz_target!(|input: &[u8]| {
    let Some((&split, bytes)) = input.split_first() else { return };
    let cut = usize::from(split).min(bytes.len());
    let mut buffer = Vec::new();
    for piece in [&bytes[..cut], &bytes[cut..]] {
        buffer.extend_from_slice(piece);
        loop {
            let before = buffer.len();
            match next_request(&mut buffer) {
                NextRequest::Request(_) => assert!(buffer.len() < before),
                _ => break,
            }
        }
    }
});
