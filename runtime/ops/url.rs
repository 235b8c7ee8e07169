//! WHATWG URL parsing for `URL` (stdlib/internal/url.js), by the `url` crate, which implements the
//! same standard Node's ada does.

use boa_engine::object::builtins::JsArray;
use boa_engine::{Context, JsResult, JsValue};
use url::Url;

use super::{js_str, string_arg, Op};

pub const OPS: &[(&str, usize, Op)] = &[("parse", 2, parse), ("update", 3, update)];

/// `[href, origin, protocol, username, password, host, hostname, port, pathname, search, hash]`.
fn components(url: &Url, context: &mut Context) -> JsValue {
    let origin = url.origin().ascii_serialization();
    let port = url.port().map(|p| p.to_string()).unwrap_or_default();
    let host = match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => String::new(),
    };
    let search = match url.query() {
        Some(q) if !q.is_empty() => format!("?{q}"),
        _ => String::new(),
    };
    let hash = match url.fragment() {
        Some(f) if !f.is_empty() => format!("#{f}"),
        _ => String::new(),
    };
    let values = [
        url.as_str(),
        &origin,
        &format!("{}:", url.scheme()),
        url.username(),
        url.password().unwrap_or(""),
        &host,
        url.host_str().unwrap_or(""),
        &port,
        url.path(),
        &search,
        &hash,
    ];
    JsArray::from_iter(values.iter().map(|v| js_str(v)), context).into()
}

/// `parse(input, base)` → components, or undefined when the input is not a valid URL.
fn parse(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let input = string_arg(args, 0, context)?;
    let parsed = match args.get(1) {
        Some(base) if !base.is_undefined() => {
            let base = base.to_string(context)?.to_std_string_escaped();
            Url::parse(&base).and_then(|base| base.join(&input))
        }
        _ => Url::parse(&input),
    };
    Ok(parsed.map_or(JsValue::undefined(), |url| components(&url, context)))
}

/// `update(href, field, value)` → components after running that setter; undefined if `href` is invalid
/// or an `href` assignment does not parse.
fn update(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let href = string_arg(args, 0, context)?;
    let field = string_arg(args, 1, context)?;
    let value = string_arg(args, 2, context)?;
    let Ok(mut url) = Url::parse(&href) else { return Ok(JsValue::undefined()) };
    // Setters that reject a value leave the URL unchanged, as the URL standard says.
    match field.as_str() {
        "href" => match Url::parse(&value) {
            Ok(parsed) => url = parsed,
            Err(_) => return Ok(JsValue::undefined()),
        },
        "protocol" => {
            let _ = url.set_scheme(value.trim_end_matches(':'));
        }
        "username" => {
            let _ = url.set_username(&value);
        }
        "password" => {
            let _ = url.set_password(Some(&value).filter(|v| !v.is_empty()).map(String::as_str));
        }
        "host" => {
            let (host, port) = match value.rsplit_once(':') {
                Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => (h.to_owned(), p.parse::<u16>().ok()),
                _ => (value.clone(), None),
            };
            if url.set_host(Some(&host)).is_ok() && port.is_some() {
                let _ = url.set_port(port);
            }
        }
        "hostname" => {
            let _ = url.set_host(Some(&value));
        }
        "port" => {
            let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() && value.is_empty() {
                let _ = url.set_port(None);
            } else if let Ok(port) = digits.parse::<u16>() {
                let default = match url.scheme() {
                    "http" | "ws" => Some(80),
                    "https" | "wss" => Some(443),
                    "ftp" => Some(21),
                    _ => None,
                };
                let _ = url.set_port(if Some(port) == default { None } else { Some(port) });
            }
        }
        "pathname" => url.set_path(&value),
        "search" => {
            let query = value.strip_prefix('?').unwrap_or(&value);
            url.set_query(if query.is_empty() { None } else { Some(query) });
        }
        "hash" => {
            let fragment = value.strip_prefix('#').unwrap_or(&value);
            url.set_fragment(if fragment.is_empty() { None } else { Some(fragment) });
        }
        _ => {}
    }
    Ok(components(&url, context))
}
