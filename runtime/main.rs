//! The `rt` command line: parse, build the main isolate, run, exit with its code. `rt check ...` is a
//! subcommand (runtime/check/); anything else runs a script, so a script literally named `check` runs as
//! `rt ./check`.

mod check;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use rt::{Entry, Isolate, IsolateOptions};

#[derive(Parser)]
#[command(
    name = "rt",
    version,
    about = "A small Node-like JavaScript runtime on the Boa engine",
    after_help = "rt check <script|folder>... [--update] [--unordered]: run lessons and compare their stdout with \
                  the expected output in their comments (see `rt check --help`)."
)]
struct Cli {
    /// Evaluate CODE as a CommonJS script instead of running a file.
    #[arg(short = 'e', long = "eval", value_name = "CODE")]
    eval: Option<String>,

    /// Run the tests in the given files and folders (default: the current folder), as `node --test` does.
    #[arg(long = "test")]
    test: bool,

    /// The script to run (.js, .mjs or .cjs).
    script: Option<PathBuf>,

    /// Arguments passed to the script as process.argv[2..].
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

/// glibc gives each thread that allocates its own malloc arena, up to 8 per core; every worker is a thread,
/// and an arena's touched pages cost ~0.35 MB of RSS per worker. One arena per core keeps threads from
/// contending (measured: same spawn time and message throughput) at ~1.2 MB per idle worker instead of ~1.6.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        // SAFETY: mallopt only adjusts allocator tuning; it runs before any other thread exists.
        unsafe {
            nix::libc::mallopt(nix::libc::M_ARENA_MAX, cores.max(2) as i32);
        }
    }
}

fn main() -> ExitCode {
    limit_malloc_arenas();
    allow_deep_stack();
    let code = run();
    rt::ops::tty::restore_terminal_modes();
    ExitCode::from(code.clamp(0, 255) as u8)
}

/// Lets the main thread's stack grow to what the recursion limit needs when the recursion goes through native
/// code (isolate::thread_stack_bytes; the usual soft limit is 8 MiB). The kernel grows the main stack on demand
/// up to RLIMIT_STACK, read at each fault, so raising the soft limit now is enough. Running the program on a
/// thread of its own would do it too, but a signal the program sends itself would then reach it late.
fn allow_deep_stack() {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    let wanted = rt::isolate::thread_stack_bytes(rt::isolate::MAIN_RECURSION_LIMIT) as u64;
    if let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_STACK) {
        if soft < wanted {
            // Within the hard limit only; if that is lower, deep native recursion stays a risk as before.
            let _ = setrlimit(Resource::RLIMIT_STACK, wanted.min(hard), hard);
        }
    }
}

/// Parses the command line and runs what it asks for; returns the exit code.
fn run() -> i32 {
    // A subcommand only when it is the first argument, so `rt script.mjs check` still passes "check" to the script.
    if std::env::args_os().nth(1).is_some_and(|first| first == "check") {
        return check::main(std::env::args_os().skip(2));
    }
    let cli = Cli::parse();
    let exec_path = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "rt".into());
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));

    let (entry, mut argv) = match (&cli.eval, &cli.script) {
        _ if cli.test => {
            // The runner finds its files and folders in process.argv[2..], like a script's arguments.
            let mut argv = vec![exec_path.clone(), "--test".to_string()];
            argv.extend(cli.script.iter().map(|p| p.to_string_lossy().into_owned()));
            (Entry::Internal("internal/test_runner/cli".into()), argv)
        }
        (Some(code), _) => {
            // With -e, a positional "script" is just the first argument, as in `node -e code a b`.
            let mut argv = vec![exec_path.clone()];
            argv.extend(cli.script.iter().map(|p| p.to_string_lossy().into_owned()));
            (Entry::Eval(code.clone()), argv)
        }
        (None, Some(script)) => {
            let path = rt::modules::resolve::normalize(&cwd.join(script));
            let argv = vec![exec_path.clone(), path.to_string_lossy().into_owned()];
            (Entry::File(path), argv)
        }
        (None, None) => {
            eprintln!("rt: no script given (try `rt main.mjs` or `rt --help`)");
            return 9;
        }
    };
    argv.extend(cli.args.iter().cloned());

    let options = IsolateOptions {
        argv,
        exec_argv: Vec::new(),
        is_main_thread: true,
        env: None,
        ..Default::default()
    };
    match Isolate::new(options) {
        Ok(mut isolate) => isolate.run(&entry),
        Err(err) => {
            eprintln!("rt: {err:#}");
            1
        }
    }
}
