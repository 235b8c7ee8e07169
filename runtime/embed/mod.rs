//! rt as a library: a host program builds a `Runtime` — arguments, environment, working directory,
//! where stdout and stderr go, and modules of its own — and runs a file or a string with it, getting
//! the exit code back. Each run is a fresh isolate (its own Boa context and event loop) on the calling
//! thread; workers the program starts share the runtime's output and modules.
//!
//! ```
//! use rt::embed::{Capture, NativeModule, Runtime};
//! use boa_engine::{JsString, JsValue};
//!
//! let stdout = Capture::default();
//! let runtime = Runtime::builder()
//!     .stdout(stdout.sink())
//!     .native_module(NativeModule::new("greeter").function("hello", 1, |_, args, context| {
//!         let name = args.first().cloned().unwrap_or_default().to_string(context)?;
//!         Ok(JsValue::from(JsString::from(format!("hello, {}", name.to_std_string_escaped()))))
//!     }))
//!     .build()?;
//! let code = runtime.run_script("console.log(require('greeter').hello('rt'))")?;
//! assert_eq!((code, stdout.text().as_str()), (0, "hello, rt\n"));
//! # anyhow::Ok(())
//! ```

mod extensions;
mod output;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use extensions::{Extensions, ModuleBody, NativeFn, NativeModule};
pub use output::{Capture, Output, Sink};

use crate::isolate::{Entry, Isolate, IsolateOptions};

/// A configured runtime; `run_*` may be called any number of times, each run starting afresh.
#[derive(Clone, Debug)]
pub struct Runtime {
    options: IsolateOptions,
    args: Vec<String>,
    exec_path: String,
}

/// Settings for a `Runtime`; every one is optional.
#[derive(Default)]
pub struct RuntimeBuilder {
    args: Vec<String>,
    env: Option<Vec<(String, String)>>,
    cwd: Option<PathBuf>,
    stdout: Option<Sink>,
    stderr: Option<Sink>,
    extensions: Extensions,
}

impl RuntimeBuilder {
    /// The program's arguments: `process.argv[2..]` (after the runtime's and the script's paths).
    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        self.args = args.into_iter().map(Into::into).collect();
        self
    }

    /// `process.env` for this runtime (a copy; the process environment is untouched). Without it the
    /// program shares the process environment, as `rt` itself does.
    pub fn env<I: IntoIterator<Item = (K, V)>, K: Into<String>, V: Into<String>>(mut self, vars: I) -> Self {
        self.env = Some(vars.into_iter().map(|(k, v)| (k.into(), v.into())).collect());
        self
    }

    /// The directory `process.cwd()` reports and relative script paths and imports resolve against.
    /// The OS working directory is per process, so `fs` calls with relative paths still use the
    /// process's own; `process.chdir()` is refused in such a runtime.
    pub fn cwd(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cwd = Some(dir.into());
        self
    }

    /// Where the program's (and its workers') standard output goes instead of fd 1.
    pub fn stdout(mut self, sink: Sink) -> Self {
        self.stdout = Some(sink);
        self
    }

    /// Where standard error (console.error, uncaught-error reports) goes instead of fd 2.
    pub fn stderr(mut self, sink: Sink) -> Self {
        self.stderr = Some(sink);
        self
    }

    /// A module of Rust functions the program loads by name.
    pub fn native_module(mut self, module: NativeModule) -> Self {
        self.extensions.add(module.name, ModuleBody::Native(module.functions));
        self
    }

    /// A module written in JavaScript (a CommonJS module body, like the files in stdlib/).
    pub fn js_module(mut self, name: impl Into<String>, source: impl Into<Arc<str>>) -> Self {
        self.extensions.add(name.into(), ModuleBody::Source(source.into()));
        self
    }

    /// Checks the settings: a host module may not take the name of a stdlib module.
    pub fn build(self) -> anyhow::Result<Runtime> {
        if let Some(name) = self
            .extensions
            .names()
            .find(|name| crate::modules::builtins::source(name).is_some())
        {
            anyhow::bail!("module name `{name}` is taken by rt's own stdlib");
        }
        let cwd = match self.cwd {
            Some(dir) => Some(std::path::absolute(&dir)?),
            None => None,
        };
        let exec_path = std::env::current_exe()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "rt".into());
        Ok(Runtime {
            options: IsolateOptions {
                argv: Vec::new(),
                exec_argv: Vec::new(),
                is_main_thread: true,
                env: self.env,
                cwd,
                output: Output::new(self.stdout, self.stderr),
                extensions: Arc::new(self.extensions),
            },
            args: self.args,
            exec_path,
        })
    }
}

impl Runtime {
    pub fn builder() -> RuntimeBuilder {
        RuntimeBuilder::default()
    }

    /// Runs a script file (ESM or CommonJS, chosen as `rt` chooses) and its event loop to the end.
    pub fn run_file(&self, path: impl AsRef<Path>) -> anyhow::Result<i32> {
        let base = match &self.options.cwd {
            Some(dir) => dir.clone(),
            None => std::env::current_dir()?,
        };
        let path = crate::modules::resolve::normalize(&base.join(path));
        let script = path.to_string_lossy().into_owned();
        self.run(Entry::File(path), Some(script))
    }

    /// Runs CommonJS code, as `rt -e` does.
    pub fn run_script(&self, code: &str) -> anyhow::Result<i32> {
        self.run(Entry::Eval(code.to_owned()), None)
    }

    /// Runs the source text of an ES module.
    pub fn run_module(&self, source: &str) -> anyhow::Result<i32> {
        self.run(Entry::ModuleSource(source.to_owned()), None)
    }

    fn run(&self, entry: Entry, script: Option<String>) -> anyhow::Result<i32> {
        let mut options = self.options.clone();
        options.argv = std::iter::once(self.exec_path.clone())
            .chain(script)
            .chain(self.args.iter().cloned())
            .collect();
        let mut isolate = Isolate::new(options)?;
        Ok(isolate.run(&entry))
    }
}
