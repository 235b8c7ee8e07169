//! WHATWG URL parsing for `URL` (stdlib/internal/url.js), by the `url` crate, which implements the
//! same standard Node's ada does.

use boa_engine::object::builtins::JsArray;
use boa_engine::{Context, JsResult, JsValue};
use url::Url;

use super::{js_str, string_arg, Op};

pub const OPS: &[(&str, usize, Op)] = &[("parse", 2, parse), ("update", 3, update)];

/// `[href, origin, protocol, username, password, host, hostname, port, pathname, search, hash]`, the
/// WHATWG getters (`url::quirks` implements them as the standard words them).
fn components(url: &Url, context: &mut Context) -> JsValue {
    use url::quirks;
    let values = [
        quirks::href(url).to_owned(),
        quirks::origin(url),
        quirks::protocol(url).to_owned(),
        quirks::username(url).to_owned(),
        quirks::password(url).to_owned(),
        quirks::host(url).to_owned(),
        quirks::hostname(url).to_owned(),
        quirks::port(url).to_owned(),
        quirks::pathname(url).to_owned(),
        quirks::search(url).to_owned(),
        quirks::hash(url).to_owned(),
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
    let Ok(mut url) = Url::parse(&href) else {
        return Ok(JsValue::undefined());
    };
    // The WHATWG setter algorithms: a value a setter rejects leaves the URL unchanged.
    use url::quirks;
    match field.as_str() {
        "href" if quirks::set_href(&mut url, &value).is_err() => return Ok(JsValue::undefined()),
        "protocol" => drop(quirks::set_protocol(&mut url, &value)),
        "username" => drop(quirks::set_username(&mut url, &value)),
        "password" => drop(quirks::set_password(&mut url, &value)),
        "host" => drop(quirks::set_host(&mut url, &value)),
        "hostname" => drop(quirks::set_hostname(&mut url, &value)),
        "port" => drop(quirks::set_port(&mut url, &value)),
        "pathname" => quirks::set_pathname(&mut url, &value),
        "search" => quirks::set_search(&mut url, &value),
        "hash" => quirks::set_hash(&mut url, &value),
        _ => {}
    }
    Ok(components(&url, context))
}
