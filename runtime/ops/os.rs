//! Facts about the machine for `node:os`, read from uname, sysinfo and /proc.

use boa_engine::object::builtins::JsArray;
use boa_engine::{Context, JsNativeError, JsResult, JsValue};

use super::{js_str, record, Op};

pub const OPS: &[(&str, usize, Op)] = &[
    ("hostname", 0, hostname),
    ("uname", 0, uname),
    ("loadavg", 0, loadavg),
    ("uptime", 0, uptime),
    ("memory", 0, memory),
    ("cpus", 0, cpus),
    ("availableParallelism", 0, available_parallelism),
    ("userInfo", 0, user_info),
];

fn hostname(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let name = nix::unistd::gethostname()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(js_str(&name))
}

/// `[sysname, release, version, machine]`.
fn uname(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let info = nix::sys::utsname::uname().map_err(|e| JsNativeError::error().with_message(format!("uname: {e}")))?;
    let fields = [info.sysname(), info.release(), info.version(), info.machine()];
    let values = fields.iter().map(|f| js_str(&f.to_string_lossy()));
    Ok(JsArray::from_iter(values, context).into())
}

fn loadavg(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let values = text
        .split_whitespace()
        .take(3)
        .map(|v| JsValue::from(v.parse::<f64>().unwrap_or(0.0)));
    Ok(JsArray::from_iter(values, context).into())
}

fn uptime(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let text = std::fs::read_to_string("/proc/uptime").unwrap_or_default();
    let seconds: f64 = text
        .split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    Ok(JsValue::from(seconds.floor()))
}

/// `{ total, free }` in bytes, as Node reads them (free = MemAvailable).
fn memory(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let text = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let field = |name: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            * 1024.0
    };
    Ok(record(
        context,
        vec![
            ("total", JsValue::from(field("MemTotal:"))),
            ("free", JsValue::from(field("MemAvailable:"))),
        ],
    ))
}

/// One `{ model, speed, times }` per logical CPU, from /proc/cpuinfo and /proc/stat.
fn cpus(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let models: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("model name"))
        .filter_map(|l| l.split_once(':').map(|(_, v)| v.trim()))
        .collect();
    let speeds: Vec<f64> = info
        .lines()
        .filter(|l| l.starts_with("cpu MHz"))
        .filter_map(|l| l.split_once(':').and_then(|(_, v)| v.trim().parse().ok()))
        .collect();
    // USER_HZ is 100 on Linux; Node reports milliseconds.
    let ticks_to_ms = 10.0;
    let mut cpus = Vec::new();
    for (index, line) in stat
        .lines()
        .filter(|l| l.starts_with("cpu") && !l.starts_with("cpu "))
        .enumerate()
    {
        let fields: Vec<f64> = line
            .split_whitespace()
            .skip(1)
            .map(|v| v.parse().unwrap_or(0.0))
            .collect();
        let get = |i: usize| fields.get(i).copied().unwrap_or(0.0) * ticks_to_ms;
        let times = record(
            context,
            vec![
                ("user", JsValue::from(get(0))),
                ("nice", JsValue::from(get(1))),
                ("sys", JsValue::from(get(2))),
                ("idle", JsValue::from(get(3))),
                ("irq", JsValue::from(get(5))),
            ],
        );
        let model = models.get(index).copied().unwrap_or("unknown");
        let speed = speeds.get(index).copied().unwrap_or(0.0).floor();
        cpus.push(record(
            context,
            vec![
                ("model", js_str(model)),
                ("speed", JsValue::from(speed)),
                ("times", times),
            ],
        ));
    }
    Ok(JsArray::from_iter(cpus, context).into())
}

fn available_parallelism(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let count = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    Ok(JsValue::from(count as u32))
}

fn user_info(_: &JsValue, _: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let uid = nix::unistd::getuid();
    let user = nix::unistd::User::from_uid(uid).ok().flatten();
    let (name, home, shell, gid) = match &user {
        Some(u) => (
            u.name.clone(),
            u.dir.to_string_lossy().into_owned(),
            u.shell.to_string_lossy().into_owned(),
            u.gid.as_raw(),
        ),
        None => (
            String::new(),
            std::env::var("HOME").unwrap_or_default(),
            String::new(),
            nix::unistd::getgid().as_raw(),
        ),
    };
    Ok(record(
        context,
        vec![
            ("uid", JsValue::from(uid.as_raw())),
            ("gid", JsValue::from(gid)),
            ("username", js_str(&name)),
            ("homedir", js_str(&home)),
            ("shell", js_str(&shell)),
        ],
    ))
}
