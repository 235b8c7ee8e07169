//! Timers, immediates, `process.nextTick`, `queueMicrotask` and the clocks behind
//! `performance.now()` and `process.hrtime()`.

use std::time::{SystemTime, UNIX_EPOCH};

use boa_engine::job::{Job, PromiseJob};
use boa_engine::{Context, JsBigInt, JsNativeError, JsObject, JsResult, JsValue};

use super::{number_arg, object_arg, Op};
use crate::isolate::{Host, Tick};

pub const OPS: &[(&str, usize, Op)] = &[
    ("now", 0, now),
    ("arm", 3, arm),
    ("cancel", 1, cancel),
    ("setRef", 2, set_ref),
    ("immediate", 2, immediate),
    ("cancelImmediate", 1, cancel_immediate),
    ("setImmediateRef", 2, set_immediate_ref),
    ("queueTick", 1, queue_tick),
    ("queueMicrotask", 1, queue_microtask),
    ("performanceNow", 0, performance_now),
    ("timeOrigin", 0, time_origin),
    ("hrtimeNs", 0, hrtime_ns),
];

fn id_arg(args: &[JsValue], context: &mut Context) -> JsResult<u64> {
    Ok(number_arg(args, 0, 0.0, context)? as u64)
}

/// The loop's cached time in milliseconds (libuv's `uv_now`), which timers count from.
fn now(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(Host::get(context)?.event_loop.borrow().now() as f64))
}

/// `arm(id, delayMs, timeoutObject)`: (re)schedules a timer `delayMs` after the loop's current time.
fn arm(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let delay = number_arg(args, 1, 1.0, context)?.max(0.0) as u64;
    let object = object_arg(args, 2)?;
    let host = Host::get(context)?;
    let mut event_loop = host.event_loop.borrow_mut();
    // Count from the current time, not the loop's cached one: a long synchronous start-up must not
    // make a fresh timer look overdue.
    let deadline = event_loop.update_time() + delay;
    event_loop.timers.arm(id, deadline, object);
    Ok(JsValue::undefined())
}

fn cancel(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    Host::get(context)?.event_loop.borrow_mut().timers.cancel(id);
    Ok(JsValue::undefined())
}

fn set_ref(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let refed = args.get(1).is_some_and(JsValue::to_boolean);
    Host::get(context)?.event_loop.borrow_mut().timers.set_ref(id, refed);
    Ok(JsValue::undefined())
}

fn immediate(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let object = object_arg(args, 1)?;
    Host::get(context)?.event_loop.borrow_mut().immediates.push(id, object);
    Ok(JsValue::undefined())
}

fn cancel_immediate(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    Host::get(context)?.event_loop.borrow_mut().immediates.cancel(id);
    Ok(JsValue::undefined())
}

fn set_immediate_ref(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let id = id_arg(args, context)?;
    let refed = args.get(1).is_some_and(JsValue::to_boolean);
    Host::get(context)?
        .event_loop
        .borrow_mut()
        .immediates
        .set_ref(id, refed);
    Ok(JsValue::undefined())
}

fn callable_arg(args: &[JsValue]) -> JsResult<JsObject> {
    args.first()
        .and_then(JsValue::as_callable)
        .ok_or_else(|| JsNativeError::typ().with_message("callback must be a function").into())
}

/// `queueTick(callback, ...args)`: the `process.nextTick` queue, drained before promise jobs.
fn queue_tick(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let callback = callable_arg(args)?;
    let tick = Tick {
        callback,
        args: args[1..].to_vec(),
    };
    Host::get(context)?.ticks.borrow_mut().push_back(tick);
    Ok(JsValue::undefined())
}

/// `queueMicrotask(callback)`: a job in the same queue as promise reactions; a throw from it is an
/// uncaught exception, as in Node.
pub fn queue_microtask(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let callback = callable_arg(args)?;
    let job = PromiseJob::new(move |context| callback.call(&JsValue::undefined(), &[], context));
    context.enqueue_job(Job::PromiseJob(job));
    Ok(JsValue::undefined())
}

/// Milliseconds since the isolate started, with sub-millisecond precision.
fn performance_now(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let start = Host::get(context)?.event_loop.borrow().start();
    Ok(JsValue::from(start.elapsed().as_secs_f64() * 1000.0))
}

/// The Unix time in milliseconds at which the isolate started (`performance.timeOrigin`).
fn time_origin(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let start = Host::get(context)?.event_loop.borrow().start();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    let origin = now.saturating_sub(start.elapsed());
    Ok(JsValue::from(origin.as_secs_f64() * 1000.0))
}

/// A monotonic clock in nanoseconds, as a BigInt (`process.hrtime.bigint()`).
fn hrtime_ns(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let now = nix::time::clock_gettime(nix::time::ClockId::CLOCK_MONOTONIC)
        .map_err(|err| JsNativeError::error().with_message(format!("clock_gettime: {err}")))?;
    let nanos = i128::from(now.tv_sec()) * 1_000_000_000 + i128::from(now.tv_nsec());
    Ok(JsValue::from(JsBigInt::from(nanos as i64)))
}
