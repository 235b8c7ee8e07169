//! Arbitrary bytes shaped into a structured-clone `Message` (dangling indices, impossible typed-array
//! bounds, huge lengths): deserializing must give a value or a JavaScript error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rt::{Isolate, IsolateOptions};

thread_local! {
    static ISOLATE: std::cell::RefCell<Isolate> =
        std::cell::RefCell::new(Isolate::new(IsolateOptions::default()).expect("isolate"));
}

fuzz_target!(|bytes: &[u8]| {
    let message = rt::clone::from_bytes::message_from_bytes(bytes);
    ISOLATE.with(|isolate| {
        let _ = rt::clone::deserialize(message, isolate.borrow_mut().context_mut());
    });
});
