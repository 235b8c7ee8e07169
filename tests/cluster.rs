//! The cluster lesson (scripts/lessons/03-cluster/main.mjs) run for real: a primary with two workers on one
//! port, both answering; a crashed worker replaced; and no process left behind when the primary is stopped,
//! whether by SIGTERM or by SIGKILL (then the workers must notice on their own and exit).
//!
//! The runtime under test is `rt`, or whatever `RT_TEST_RUNTIME` names (`RT_TEST_RUNTIME=node` checks the test
//! itself against Node). The primary runs in its own process group, so every process it starts can be found
//! (and, if a check fails, killed) through that group even after the primary is gone.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long the cluster may take to start answering (a debug build of rt is slow to start).
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a replacement worker may take to answer after /crash.
const RESTART_TIMEOUT: Duration = Duration::from_secs(20);
/// How long the primary and then its workers may take to be gone after a signal.
const EXIT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUESTS: usize = 200;

fn runtime() -> OsString {
    std::env::var_os("RT_TEST_RUNTIME").unwrap_or_else(|| env!("CARGO_BIN_EXE_rt").into())
}

fn lesson_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/lessons/03-cluster")
}

/// A port nobody listens on right now: bind port 0, read what the OS picked, let it go.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local_addr").port()
}

// ---- /proc helpers -------------------------------------------------------------------------------------------

/// (state, ppid, pgrp) of a process, from /proc/<pid>/stat; None once it is gone.
fn proc_stat(pid: u32) -> Option<(char, u32, u32)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) S ppid pgrp ...": comm may hold spaces and parentheses, so start after the last ')'.
    let rest = &text[text.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let ppid = fields.next()?.parse().ok()?;
    let pgrp = fields.next()?.parse().ok()?;
    Some((state, ppid, pgrp))
}

/// Alive = present and not a zombie (an orphaned zombie is dead even if nobody has reaped it yet).
fn alive(pid: u32) -> bool {
    matches!(proc_stat(pid), Some((state, _, _)) if state != 'Z' && state != 'X')
}

fn all_pids() -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect()
}

/// Live children of `parent`.
fn children_of(parent: u32) -> BTreeSet<u32> {
    all_pids()
        .into_iter()
        .filter(|&pid| matches!(proc_stat(pid), Some((s, ppid, _)) if ppid == parent && s != 'Z' && s != 'X'))
        .collect()
}

/// Live members of process group `pgid`.
fn group_members(pgid: u32) -> BTreeSet<u32> {
    all_pids()
        .into_iter()
        .filter(|&pid| matches!(proc_stat(pid), Some((s, _, pgrp)) if pgrp == pgid && s != 'Z' && s != 'X'))
        .collect()
}

fn send_signal(signal: &str, target: &str) {
    let _ = Command::new("kill")
        .args([format!("-{signal}").as_str(), "--", target])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Polls `check` every 20 ms until it holds or `timeout` passes.
fn wait_until(timeout: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if check() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

// ---- the cluster under test ----------------------------------------------------------------------------------

/// The running primary. Dropping it (test passed, failed or panicked) kills its whole process group and every
/// worker PID it ever saw, and reaps the primary: nothing outlives the test.
struct Cluster {
    child: Child,
    pid: u32,
    port: u16,
    workers_seen: BTreeSet<u32>,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    readers: Vec<JoinHandle<()>>,
}

fn drain(mut pipe: impl Read + Send + 'static, into: Arc<Mutex<Vec<u8>>>) -> JoinHandle<()> {
    thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        loop {
            match pipe.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => into.lock().unwrap().extend_from_slice(&buffer[..n]),
            }
        }
    })
}

impl Cluster {
    fn start(workers: usize) -> Cluster {
        let port = free_port();
        let mut child = Command::new(runtime())
            .arg("main.mjs")
            .current_dir(lesson_dir())
            .env("PORT", port.to_string())
            .env("WORKERS", workers.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .expect("start the cluster lesson");
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let readers = vec![
            drain(child.stdout.take().unwrap(), stdout.clone()),
            drain(child.stderr.take().unwrap(), stderr.clone()),
        ];
        let pid = child.id();
        Cluster {
            child,
            pid,
            port,
            workers_seen: BTreeSet::new(),
            stdout,
            stderr,
            readers,
        }
    }

    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout.lock().unwrap()).into_owned()
    }

    /// What the processes printed so far, for failure messages.
    fn report(&self) -> String {
        format!(
            "--- stdout:\n{}--- stderr:\n{}",
            self.stdout(),
            String::from_utf8_lossy(&self.stderr.lock().unwrap())
        )
    }

    fn assert_primary_running(&mut self, doing: &str) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!("the primary exited ({status}) while {doing}\n{}", self.report());
        }
    }

    /// Records the primary's current children (its workers), so they can be checked and killed later.
    fn note_workers(&mut self) -> BTreeSet<u32> {
        let children = children_of(self.pid);
        self.workers_seen.extend(children.iter().copied());
        children
    }

    fn wait_until_accepting(&mut self) {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            self.assert_primary_running("starting up");
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "nothing accepted on port {} within {START_TIMEOUT:?}\n{}",
                self.port,
                self.report()
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the primary to end; its exit status, or None on timeout.
    fn wait_primary(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits (bounded) for both output pipes to close, i.e. for every process holding them to be gone.
    fn wait_output_closed(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.readers.iter().any(|r| !r.is_finished()) {
            if Instant::now() >= deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(20));
        }
        true
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        // Find everything first: once the primary is gone its workers are re-parented.
        let mut targets = self.workers_seen.clone();
        targets.extend(children_of(self.pid));
        targets.extend(group_members(self.pid));
        send_signal("KILL", &format!("-{}", self.pid));
        for pid in targets {
            send_signal("KILL", &pid.to_string());
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---- a tiny HTTP/1.1 client ----------------------------------------------------------------------------------

/// GET `path` with `Connection: close`; the response body, or an error text.
fn http_get(port: u16, path: &str) -> Result<String, String> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut stream =
        TcpStream::connect_timeout(&address, Duration::from_secs(2)).map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .map_err(|e| e.to_string())?;
    stream
        .set_write_timeout(Some(Duration::from_secs(5)))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("write: {e}"))?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(|e| format!("read: {e}"))?;
    let text = String::from_utf8_lossy(&response);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("no header end in {text:?}"))?;
    if !head.starts_with("HTTP/1.1 200 ") {
        return Err(format!("status line {:?}", head.lines().next()));
    }
    if head.to_ascii_lowercase().contains("\r\ntransfer-encoding: chunked") {
        return dechunk(body);
    }
    Ok(body.to_string())
}

/// Decodes a chunked body (writeHead() then end(data) goes out chunked): "<hex size>\r\n<data>\r\n"... "0\r\n\r\n".
fn dechunk(mut rest: &str) -> Result<String, String> {
    let mut body = String::new();
    loop {
        let (size, after) = rest
            .split_once("\r\n")
            .ok_or_else(|| format!("bad chunk framing in {rest:?}"))?;
        let size = usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|e| format!("bad chunk size {size:?}: {e}"))?;
        if size == 0 {
            return Ok(body);
        }
        let data = after.get(..size).ok_or_else(|| format!("short chunk in {after:?}"))?;
        body.push_str(data);
        rest = after[size..]
            .strip_prefix("\r\n")
            .ok_or_else(|| format!("no CRLF after chunk in {after:?}"))?;
    }
}

/// The PID in a body such as "hello from 1234\n" or "crashing 1234\n".
fn pid_in(body: &str) -> Option<u32> {
    body.split_whitespace().last()?.parse().ok()
}

/// Every run of digits (the PIDs) becomes `<pid>`.
fn normalize(output: &str) -> String {
    let mut out = String::with_capacity(output.len());
    let mut in_digits = false;
    for c in output.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push_str("<pid>");
            }
            in_digits = true;
        } else {
            in_digits = false;
            out.push(c);
        }
    }
    out
}

// ---- the scenario --------------------------------------------------------------------------------------------

/// Start with two workers, check both answer, crash one and see its replacement answer. Returns the cluster
/// still running, with every worker PID noted.
fn start_and_crash_one() -> Cluster {
    let mut cluster = Cluster::start(2);
    cluster.wait_until_accepting();

    let mut answered = BTreeSet::new();
    for i in 0..REQUESTS {
        match http_get(cluster.port, "/") {
            Ok(body) => {
                assert!(body.starts_with("hello from "), "unexpected body {body:?}");
                answered.insert(pid_in(&body).expect("a pid in the body"));
            }
            Err(e) => panic!("request {i} of {REQUESTS} failed: {e}\n{}", cluster.report()),
        }
    }
    let workers = cluster.note_workers();
    assert!(
        answered.len() >= 2,
        "only {answered:?} answered {REQUESTS} requests\n{}",
        cluster.report()
    );
    assert!(
        answered.is_subset(&workers),
        "answering PIDs {answered:?} are not all children {workers:?} of the primary {}",
        cluster.pid
    );
    assert!(
        !answered.contains(&cluster.pid),
        "the primary answered a request itself"
    );

    let crashed = pid_in(&http_get(cluster.port, "/crash").expect("GET /crash")).expect("pid in /crash reply");
    assert!(
        answered.contains(&crashed),
        "/crash was answered by {crashed}, not a known worker"
    );

    // The crashed worker goes away and a worker never seen before starts answering.
    let mut replacement = None;
    let deadline = Instant::now() + RESTART_TIMEOUT;
    while replacement.is_none() {
        cluster.assert_primary_running("replacing a crashed worker");
        cluster.note_workers();
        if let Ok(body) = http_get(cluster.port, "/") {
            if let Some(pid) = pid_in(&body).filter(|pid| !answered.contains(pid)) {
                replacement = Some(pid);
            }
        }
        assert!(
            Instant::now() < deadline,
            "no new worker answered within {RESTART_TIMEOUT:?} after /crash\n{}",
            cluster.report()
        );
        if replacement.is_none() {
            thread::sleep(Duration::from_millis(20));
        }
    }
    let replacement = replacement.unwrap();
    assert!(
        wait_until(EXIT_TIMEOUT, || !alive(crashed)),
        "crashed worker {crashed} is still running\n{}",
        cluster.report()
    );
    let workers = cluster.note_workers();
    assert!(
        workers.contains(&replacement),
        "replacement {replacement} is not a child of the primary"
    );
    assert_eq!(
        workers.len(),
        2,
        "expected 2 workers after the restart, found {workers:?}"
    );

    let output = cluster.stdout();
    assert!(
        output.contains(&format!("worker {crashed} died\n")),
        "no death notice for {crashed}:\n{output}"
    );
    for pid in answered.iter().chain([&replacement]) {
        assert!(
            output.contains(&format!("Worker {pid} started\n")),
            "no start line for {pid}:\n{output}"
        );
    }
    cluster
}

/// After the primary got `signal`: it ends, every worker and group member is gone within a few seconds, the
/// output pipes close, and the output matches expected.normalized.out.
fn stop_and_check(mut cluster: Cluster, signal: &str) {
    let workers = cluster.note_workers();
    assert!(!workers.is_empty(), "no workers found before stopping");
    let before = group_members(cluster.pid);
    assert!(
        before.is_superset(&workers),
        "workers {workers:?} not in the primary's process group {before:?}"
    );

    send_signal(signal, &cluster.pid.to_string());
    let status = cluster.wait_primary(EXIT_TIMEOUT);
    assert!(
        status.is_some(),
        "the primary did not exit within {EXIT_TIMEOUT:?} of SIG{signal}"
    );

    let left = |c: &Cluster| -> BTreeSet<u32> {
        let mut left: BTreeSet<u32> = c.workers_seen.iter().copied().filter(|&pid| alive(pid)).collect();
        left.extend(group_members(c.pid));
        left
    };
    let gone = wait_until(EXIT_TIMEOUT, || left(&cluster).is_empty());
    assert!(
        gone,
        "after SIG{signal} to the primary ({status:?}) these are still running: {:?}\n{}",
        left(&cluster),
        cluster.report()
    );
    assert!(
        cluster.wait_output_closed(EXIT_TIMEOUT),
        "stdout/stderr still open after everything exited"
    );

    let expected =
        std::fs::read_to_string(lesson_dir().join("expected.normalized.out")).expect("expected.normalized.out");
    let output = cluster.stdout();
    assert_eq!(
        normalize(&output),
        expected,
        "output after normalising PIDs (raw:\n{output})"
    );
}

#[test]
fn cluster_serves_restarts_and_stops_on_sigterm() {
    let cluster = start_and_crash_one();
    stop_and_check(cluster, "TERM");
}

#[test]
fn cluster_workers_exit_when_the_primary_is_killed() {
    let cluster = start_and_crash_one();
    stop_and_check(cluster, "KILL");
}
