//! The embedding API (runtime/embed): a host runs programs with its own output sinks, environment,
//! working directory and modules, and gets the exit code back. Everything a worker prints reaches
//! the host's sinks too.

use std::path::PathBuf;

use boa_engine::{JsNativeError, JsValue};
use rt::embed::{Capture, NativeModule, Runtime};

fn numbers() -> NativeModule {
    NativeModule::new("numbers")
        .function("triple", 1, |_, args, context| {
            let n = args.first().cloned().unwrap_or_default().to_number(context)?;
            Ok(JsValue::from(3.0 * n))
        })
        .function("fail", 0, |_, _, _| {
            Err(JsNativeError::range().with_message("no good").into())
        })
}

/// A runtime whose stdout and stderr are captured.
fn capturing_runtime() -> (Runtime, Capture, Capture) {
    let (stdout, stderr) = (Capture::default(), Capture::default());
    let runtime = Runtime::builder()
        .stdout(stdout.sink())
        .stderr(stderr.sink())
        .build()
        .expect("build");
    (runtime, stdout, stderr)
}

#[test]
fn a_workers_stdout_and_stderr_reach_the_hosts_sinks() {
    let (runtime, stdout, stderr) = capturing_runtime();
    let code = runtime
        .run_script(
            "const { Worker } = require('node:worker_threads');
             const worker = new Worker(`console.log('out from worker'); console.error('err from worker');
               require('worker_threads').parentPort.postMessage(7)`, { eval: true });
             worker.on('message', (n) => console.log('main got', n));
             worker.on('exit', (code) => console.log('worker exit', code));",
        )
        .expect("run");
    assert_eq!(code, 0);
    assert_eq!(stdout.text(), "out from worker\nmain got 7\nworker exit 0\n");
    assert_eq!(stderr.text(), "err from worker\n");
}

#[test]
fn an_uncaught_error_is_reported_to_the_stderr_sink_with_exit_code_1() {
    let (runtime, stdout, stderr) = capturing_runtime();
    let code = runtime
        .run_script("console.log('before'); throw new TypeError('boom')")
        .expect("run");
    assert_eq!(code, 1);
    assert_eq!(stdout.text(), "before\n");
    assert!(stderr.text().contains("TypeError: boom"), "stderr: {}", stderr.text());
}

#[test]
fn env_args_cwd_and_modules_are_the_hosts() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/embed");
    let stdout = Capture::default();
    let runtime = Runtime::builder()
        .cwd(&dir)
        .env([("EXPECTED_CWD", dir.to_string_lossy().into_owned())])
        .args(["a", "b"])
        .stdout(stdout.sink())
        .native_module(numbers())
        .build()
        .expect("build");
    // A relative path resolves against the runtime's directory, not the test's.
    let code = runtime.run_file("main.mjs").expect("run");
    assert_eq!(
        stdout.text(),
        "cwd true\nargv a b\ntriple 15\nread from the fixed directory\nchdir ERR_UNSUPPORTED_OPERATION\n"
    );
    assert_eq!(code, 0);
}

#[test]
fn js_modules_use_native_ones_and_native_errors_are_catchable() {
    let stdout = Capture::default();
    let runtime = Runtime::builder()
        .stdout(stdout.sink())
        .env([("ONLY", "this")])
        .native_module(numbers())
        .js_module(
            "sextuple",
            "const { triple } = require('numbers'); module.exports = (n) => 2 * triple(n);",
        )
        .build()
        .expect("build");
    let code = runtime
        .run_module(
            "import sextuple from 'sextuple';
             import { fail } from 'numbers';
             import { builtinModules } from 'node:module';
             console.log(sextuple(7), Object.keys(process.env).join());
             console.log(builtinModules.includes('numbers'), builtinModules.includes('sextuple'));
             try { fail(); } catch (err) { console.log(err instanceof RangeError, err.message); }
             process.exitCode = 3;",
        )
        .expect("run");
    assert_eq!(stdout.text(), "42 ONLY\ntrue true\ntrue no good\n");
    assert_eq!(code, 3);
}

#[test]
fn a_host_module_may_not_shadow_the_stdlib() {
    let err = Runtime::builder()
        .js_module("fs", "module.exports = {}")
        .build()
        .expect_err("fs is rt's own");
    assert!(err.to_string().contains("`fs`"), "{err}");
    // The same host module name is fine when it is new, and a runtime runs more than once.
    let stdout = Capture::default();
    let runtime = Runtime::builder()
        .stdout(stdout.sink())
        .js_module("answer", "module.exports = 42;")
        .build()
        .expect("build");
    for _ in 0..2 {
        assert_eq!(runtime.run_script("console.log(require('answer'))").expect("run"), 0);
    }
    assert_eq!(stdout.text(), "42\n42\n");
}
