//! Runs one lesson as a reader would (`cd <its folder> && rt main.mjs`) and captures its stdout; stderr passes
//! through. The lesson runs in its own process group, so a lesson that hangs, and every process it started,
//! can be killed at the timeout instead of hanging the check.

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use nix::sys::signal::{kill, killpg, Signal};
use nix::unistd::Pid;

/// How long a server whose output is complete keeps running before it is stopped: long enough for what it
/// started to finish starting (a cluster worker stopped mid-handshake dies of EPIPE, under Node too), and for
/// any line it should not print to show up.
const STOP_SETTLE: Duration = Duration::from_millis(500);
/// How long a program stopped with SIGTERM (and the processes it started) may take to finish.
const STOP_GRACE: Duration = Duration::from_secs(5);
/// How often to look whether a program whose stdout has closed has exited too.
const EXIT_POLL: Duration = Duration::from_millis(10);

/// When the run ends.
pub enum Stop<'a> {
    /// When the program exits (or is killed at the timeout).
    OnExit,
    /// The program serves until stopped: send it SIGTERM shortly after `is_complete(stdout so far)` says its
    /// output is complete, or at the timeout.
    WhenPrinted(&'a dyn Fn(&str) -> bool),
}

pub struct RunOptions<'a> {
    pub env: &'a [(String, String)],
    pub timeout: Duration,
    pub stop: Stop<'a>,
}

/// Where a run is: running; output complete, letting it settle before it is stopped; stopped, waiting for it
/// to go.
#[derive(Clone, Copy)]
enum Phase {
    Running,
    Settling,
    Stopping,
}

/// How the run ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ending {
    /// The program exited by itself.
    Exited,
    /// Stopped with SIGTERM once its output was complete and had settled (`Stop::WhenPrinted`).
    StoppedWhenPrinted,
    /// Stopped with SIGTERM at the timeout (`Stop::WhenPrinted` whose output never became complete).
    StoppedAtTimeout,
    /// Killed at the timeout, with every process it started.
    TimedOut,
}

pub struct RunOutcome {
    pub stdout: String,
    pub status: ExitStatus,
    pub ending: Ending,
}

impl RunOutcome {
    /// A note on how the program ended, when that is worth telling: a non-zero exit code, a signal, a timeout.
    pub fn note(&self, timeout: Duration) -> Option<String> {
        match self.ending {
            Ending::TimedOut => Some(format!("timed out after {} s; killed", timeout.as_secs_f64())),
            Ending::StoppedAtTimeout => Some(format!(
                "output still incomplete after {} s; stopped",
                timeout.as_secs_f64()
            )),
            // A program stopped on purpose ends by the signal we sent: nothing to report.
            Ending::StoppedWhenPrinted => None,
            Ending::Exited => match (self.status.code(), self.status.signal()) {
                (Some(0), _) => None,
                (Some(code), _) => Some(format!("exit code {code}")),
                (None, Some(signal)) => Some(format!(
                    "killed by {}",
                    Signal::try_from(signal).map_or_else(|_| format!("signal {signal}"), |s| s.to_string())
                )),
                (None, None) => None,
            },
        }
    }
}

/// Runs `script` with the runtime at `runtime`, in the script's folder.
pub fn run_script(runtime: &Path, script: &Path, options: &RunOptions) -> Result<RunOutcome> {
    let folder = match script.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = script
        .file_name()
        .with_context(|| format!("{} names no file", script.display()))?;
    let mut child = Command::new(runtime)
        .arg(file_name)
        .current_dir(folder)
        .envs(options.env.iter().map(|(key, value)| (key, value)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .process_group(0)
        .spawn()
        .with_context(|| format!("cannot start {} on {}", runtime.display(), script.display()))?;
    let mut stdout_pipe = child.stdout.take().context("the program's stdout pipe is missing")?;

    // A reader thread turns the pipe into messages, so waiting for output can have a deadline.
    let (chunks, received) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 8192];
        loop {
            match stdout_pipe.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(read) => {
                    if chunks.send(buffer[..read].to_vec()).is_err() {
                        break;
                    }
                }
            }
        }
    });

    let pid = Pid::from_raw(i32::try_from(child.id()).context("process id out of range")?);
    let mut stdout = Vec::new();
    let mut phase = Phase::Running;
    let mut ending = Ending::Exited;
    let mut deadline = Instant::now() + options.timeout;
    loop {
        let wait = deadline.saturating_duration_since(Instant::now());
        match received.recv_timeout(wait) {
            Ok(chunk) => {
                stdout.extend_from_slice(&chunk);
                if let (Stop::WhenPrinted(is_complete), Phase::Running) = (&options.stop, phase) {
                    if is_complete(&String::from_utf8_lossy(&stdout)) {
                        phase = Phase::Settling;
                        deadline = Instant::now() + STOP_SETTLE;
                    }
                }
            }
            Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {
                match (phase, &options.stop) {
                    (Phase::Running, Stop::OnExit) => {
                        // The group is safe to signal: its leader has not been reaped, so its id is not reused.
                        let _ = killpg(pid, Signal::SIGKILL);
                        ending = Ending::TimedOut;
                        break;
                    }
                    // Stopped, but not gone within the grace period.
                    (Phase::Stopping, _) => {
                        let _ = killpg(pid, Signal::SIGKILL);
                        break;
                    }
                    (Phase::Running, Stop::WhenPrinted(_)) => ending = Ending::StoppedAtTimeout,
                    (Phase::Settling, _) => ending = Ending::StoppedWhenPrinted,
                }
                // The lesson's own way to stop a server: a signal to the primary, whose workers follow.
                let _ = kill(pid, Signal::SIGTERM);
                phase = Phase::Stopping;
                deadline = Instant::now() + STOP_GRACE;
            }
        }
    }
    // Whatever was read before the run was cut short still belongs to the output.
    while let Ok(chunk) = received.try_recv() {
        stdout.extend_from_slice(&chunk);
    }
    let status = wait_with_deadline(&mut child, pid, deadline.max(Instant::now() + STOP_GRACE))?;
    Ok(RunOutcome {
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        status,
        ending,
    })
}

/// Waits for the program; one that closed its stdout but lingers past the deadline is killed with its group.
fn wait_with_deadline(child: &mut Child, pid: Pid, deadline: Instant) -> Result<ExitStatus> {
    loop {
        if let Some(status) = child.try_wait().context("waiting for the program")? {
            return Ok(status);
        }
        if Instant::now() >= deadline {
            let _ = killpg(pid, Signal::SIGKILL);
            return child.wait().context("waiting for the killed program");
        }
        std::thread::sleep(EXIT_POLL);
    }
}
