//! A short worker soak (scripts/soak/workers.mjs): 300 workers created and terminated one after another, then
//! two batches of 50 at once. The script itself checks that RSS does not grow over the sequential phase (within
//! 10% of RSS after the first 100), that no fd is left open and that every worker thread is gone (rt's one warm
//! thread from runtime/worker/pool.rs aside), and exits 1 otherwise; this test runs it and reads its JSON line. The long run (10,000 + 5 × 200) is `scripts/soak/soak.sh`; figures in docs/reliability.md.
//!
//! `RT_TEST_RUNTIME=node cargo test --test soak` runs the same check against Node.

use std::ffi::OsString;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A debug build runs this in ~7 s on the 2-core machine; the limit only keeps a hang from stalling the suite.
const TIMEOUT: Duration = Duration::from_secs(120);

fn runtime() -> OsString {
    std::env::var_os("RT_TEST_RUNTIME").unwrap_or_else(|| env!("CARGO_BIN_EXE_rt").into())
}

fn soak_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/soak/workers.mjs")
}

/// Runs the soak and returns (exit code, stdout, stderr); kills it after `TIMEOUT`.
fn run_soak(args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = Command::new(runtime())
        .arg(soak_script())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the soak");
    // Read both pipes while waiting, so a chatty failure cannot fill a pipe and stall the child.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let stdout = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let stderr = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the soak") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the soak did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    (status.code(), stdout.join().unwrap(), stderr.join().unwrap())
}

#[test]
fn workers_created_and_terminated_leave_nothing_behind() {
    let (code, stdout, stderr) = run_soak(&["300", "50", "2"]);
    let line = stdout
        .lines()
        .rev()
        .find(|line| line.starts_with('{'))
        .unwrap_or_else(|| panic!("no JSON line; exit {code:?}\nstdout: {stdout}\nstderr: {stderr}"));
    let report: serde_json::Value = serde_json::from_str(line).expect("the soak's JSON line");
    assert_eq!(code, Some(0), "the soak failed a check: {report:#}\nstderr: {stderr}");
    assert_eq!(report["ok"], true, "{report:#}");
    assert_eq!(report["workers"], 400, "{report:#}");
    for check in ["rss_sequential", "fds", "threads"] {
        assert_eq!(report["checks"][check], true, "check {check}: {report:#}");
    }
    // Every batch really had its 50 workers alive at once.
    let peak = report["threads_peak"].as_u64().expect("threads_peak");
    let before = report["threads_before"].as_u64().expect("threads_before");
    assert!(peak >= before + 50, "{report:#}");
    // Nothing but the warm threads' loops (an epoll fd and a waker each) outlives the workers.
    let fds = |key: &str| report[key].as_u64().expect("fd counts");
    let warm = report["warm_threads_allowed"].as_u64().expect("warm_threads_allowed");
    assert!(fds("fds_end") <= fds("fds_before") + 2 * warm, "{report:#}");
}
