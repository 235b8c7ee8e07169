//! Modules a host adds to the ones in stdlib/: native ones (Rust functions) and JavaScript ones (a
//! CommonJS module body, like a stdlib file). Programs load them by name like a built-in —
//! `require('greeter')`, `import { hello } from 'greeter'` — on the main thread and in every worker.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use boa_engine::{Context, JsResult, JsValue};

/// A Rust function callable from JavaScript. It is `Send + Sync` because every worker thread calls
/// the same one; that also means it cannot capture engine values (they belong to one thread).
pub type NativeFn = Arc<dyn Fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue> + Send + Sync>;

/// A module whose exports are Rust functions.
#[derive(Clone)]
pub struct NativeModule {
    pub(crate) name: String,
    pub(crate) functions: Vec<(String, usize, NativeFn)>,
}

impl NativeModule {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            functions: Vec::new(),
        }
    }

    /// Adds export `name`, a function of `length` declared parameters.
    pub fn function(
        mut self,
        name: impl Into<String>,
        length: usize,
        function: impl Fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue> + Send + Sync + 'static,
    ) -> Self {
        self.functions.push((name.into(), length, Arc::new(function)));
        self
    }
}

/// What a host module is made of.
#[derive(Clone)]
pub enum ModuleBody {
    Native(Vec<(String, usize, NativeFn)>),
    /// A CommonJS module body run as `(function (exports, require, module, binding) { ... })`, as the
    /// stdlib's own files are.
    Source(Arc<str>),
}

/// The host modules of one runtime, shared by its threads.
#[derive(Clone, Default)]
pub struct Extensions {
    modules: HashMap<String, ModuleBody>,
}

impl fmt::Debug for Extensions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.modules.keys()).finish()
    }
}

impl Extensions {
    pub fn add(&mut self, name: String, body: ModuleBody) {
        self.modules.insert(name, body);
    }

    /// The module called `name` (a `node:` prefix is accepted, as for built-ins).
    pub fn get(&self, name: &str) -> Option<&ModuleBody> {
        self.modules.get(name.strip_prefix("node:").unwrap_or(name))
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.modules.keys().map(String::as_str)
    }
}
