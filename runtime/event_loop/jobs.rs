//! The microtask queue: Boa hands us promise jobs (and module-loading async jobs) through the
//! `JobExecutor` trait; the event loop drains them after every callback, as V8 does for Node.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context as TaskContext, Poll, Waker};

use boa_engine::job::{GenericJob, Job, JobExecutor, NativeAsyncJob, PromiseJob};
use boa_engine::{Context, JsResult};

#[derive(Default)]
pub struct JobQueue {
    promise_jobs: RefCell<VecDeque<PromiseJob>>,
    async_jobs: RefCell<VecDeque<NativeAsyncJob>>,
    generic_jobs: RefCell<VecDeque<GenericJob>>,
}

impl JobQueue {
    pub fn is_empty(&self) -> bool {
        self.promise_jobs.borrow().is_empty()
            && self.async_jobs.borrow().is_empty()
            && self.generic_jobs.borrow().is_empty()
    }

    /// Runs one pending job, if any. Errors here are engine errors (such as `process.exit()`
    /// unwinding) or throws from `queueMicrotask` callbacks; promise reactions catch their own.
    pub fn run_one(&self, context: &mut Context) -> Option<JsResult<()>> {
        let next_async = self.async_jobs.borrow_mut().pop_front();
        if let Some(job) = next_async {
            return Some(run_async_job(job, context));
        }
        let next_promise = self.promise_jobs.borrow_mut().pop_front();
        if let Some(job) = next_promise {
            return Some(job.call(context).map(drop));
        }
        let next_generic = self.generic_jobs.borrow_mut().pop_front();
        next_generic.map(|job| job.call(context).map(drop))
    }
}

/// Our module loader never suspends, so a module-loading job completes in one poll.
fn run_async_job(job: NativeAsyncJob, context: &mut Context) -> JsResult<()> {
    let cell = RefCell::new(context);
    let mut future = pin!(job.call(&cell));
    let mut task = TaskContext::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(result) = future.as_mut().poll(&mut task) {
            return result.map(drop);
        }
    }
}

impl JobExecutor for JobQueue {
    fn enqueue_job(self: Rc<Self>, job: Job, _context: &mut Context) {
        match job {
            Job::PromiseJob(job) => self.promise_jobs.borrow_mut().push_back(job),
            Job::AsyncJob(job) | Job::FinalizationRegistryCleanupJob(job) => {
                self.async_jobs.borrow_mut().push_back(job)
            }
            Job::GenericJob(job) => self.generic_jobs.borrow_mut().push_back(job),
            // Boa only makes timeout jobs for host APIs we implement ourselves (timers live in the
            // event loop), so there is nothing to schedule here.
            _ => {}
        }
    }

    fn run_jobs(self: Rc<Self>, context: &mut Context) -> JsResult<()> {
        while let Some(result) = self.run_one(context) {
            result?;
        }
        Ok(())
    }
}
