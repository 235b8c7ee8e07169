//! What `util.inspect` cannot see from JavaScript: a promise's state and a proxy's insides.

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::builtins::{JsArray, JsPromise, JsProxy};
use boa_engine::{Context, JsResult, JsValue};

use super::Op;

pub const OPS: &[(&str, usize, Op)] = &[
    ("getPromiseDetails", 1, get_promise_details),
    ("getProxyDetails", 1, get_proxy_details),
    ("errname", 1, errname),
];

/// `[code, description]` for a negative errno, as libuv's `uv_err_name` / `uv_strerror` give them
/// (`-98` → `['EADDRINUSE', 'address already in use']`).
fn errname(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let errno = -(super::number_arg(args, 0, 0.0, context)? as i32);
    let code = format!("{:?}", nix::errno::Errno::from_raw(errno));
    let description = super::fs::describe(&code, &std::io::Error::from_raw_os_error(errno));
    Ok(super::string_array([code, description], context))
}

/// `[state, result]`: 0 pending, 1 fulfilled, 2 rejected; undefined for a non-promise.
fn get_promise_details(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let Some(promise) = args
        .first()
        .and_then(JsValue::as_object)
        .and_then(|o| JsPromise::from_object(o).ok())
    else {
        return Ok(JsValue::undefined());
    };
    let (state, result) = match promise.state() {
        PromiseState::Pending => (0, JsValue::undefined()),
        PromiseState::Fulfilled(value) => (1, value),
        PromiseState::Rejected(reason) => (2, reason),
    };
    Ok(JsArray::from_iter([JsValue::from(state), result], context).into())
}

/// `[target, handler]` for a proxy, undefined otherwise. Boa keeps a proxy's target and handler
/// private, so both read as `null`: enough for `util.types.isProxy`.
fn get_proxy_details(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let is_proxy = args
        .first()
        .and_then(JsValue::as_object)
        .is_some_and(|o| JsProxy::from_object(o).is_ok());
    if !is_proxy {
        return Ok(JsValue::undefined());
    }
    Ok(JsArray::from_iter([JsValue::null(), JsValue::null()], context).into())
}
