//! Embedding rt in a Rust program: run JavaScript with a module of the host's own (`host`, whose
//! `square` is a Rust function), capture everything the program and its worker print, and get the
//! exit code back.
//!
//! `cargo run --example embed -- 7` prints what the program printed, then its exit code.

use boa_engine::{Context, JsResult, JsValue};
use rt::embed::{Capture, NativeModule, Runtime};

/// The program: the main thread hands a number to a worker, which squares it with the host's function.
const PROGRAM: &str = r#"
import { Worker } from 'node:worker_threads';
import greeting from 'greeting';

console.log(greeting('embedder'));
const worker = new Worker(`
  const { parentPort, workerData } = require('node:worker_threads');
  const { square } = require('host');
  console.log('worker: square of', workerData, 'is', square(workerData));
  parentPort.postMessage(square(workerData));
`, { eval: true, workerData: Number(process.argv.at(-1)) });
worker.on('message', (value) => console.log('main: got', value));
"#;

/// `host.square(n)`: a plain Rust function, callable on every thread of the runtime.
fn square(_this: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let n = args.first().cloned().unwrap_or_default().to_number(context)?;
    Ok(JsValue::from(n * n))
}

/// Runs `PROGRAM` with `number` as its argument; returns the exit code and what it printed.
fn run(number: &str) -> anyhow::Result<(i32, String)> {
    let stdout = Capture::default();
    let runtime = Runtime::builder()
        .args([number])
        .stdout(stdout.sink())
        .native_module(NativeModule::new("host").function("square", 1, square))
        .js_module("greeting", "module.exports = (name) => `hello, ${name}`;")
        .build()?;
    let code = runtime.run_module(PROGRAM)?;
    Ok((code, stdout.text()))
}

fn main() -> anyhow::Result<()> {
    let number = std::env::args().nth(1).unwrap_or_else(|| "4".into());
    let (code, output) = run(&number)?;
    print!("{output}");
    println!("exit code {code}");
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_example_runs_and_its_output_is_captured() {
        let (code, output) = super::run("4").expect("run");
        assert_eq!(code, 0);
        assert_eq!(output, "hello, embedder\nworker: square of 4 is 16\nmain: got 16\n");
    }
}
