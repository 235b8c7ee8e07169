// The smallest rt program: `cargo build --release && target/release/rt scripts/hello.mjs`.
import os from 'node:os';

console.log(`Hello from rt on ${os.platform()} with ${os.availableParallelism()} cores`);
setTimeout(() => console.log('and a timer fired 10 ms later'), 10);
