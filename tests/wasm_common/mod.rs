//! What both wasm test files (`wasm.rs`, the first module; `wasm_tools.rs`, the tools module)
//! use to compare what crossed the boundary with the native model.
#![allow(dead_code)] // each test file uses a different part

use serde::Serialize;
use serde_json::Value as Json;
use wasm_bindgen::{JsCast, JsValue};

/// A JS value as JSON.
pub fn json(js: &JsValue) -> Json {
    serde_wasm_bindgen::from_value(js.clone()).expect("plain data")
}

/// A JS object from JSON.
pub fn js(value: Json) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

/// Equal, with floats allowed a relative 1e-12 (libm in wasm and the host's may differ in
/// the last bit); integers, strings and shapes exactly.
pub fn assert_same(a: &Json, b: &Json, at: &str) {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            assert!((x - y).abs() <= 1e-12 * x.abs().max(y.abs()), "{at}: {x} vs {y}");
        }
        (Json::Array(x), Json::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{at}: lengths");
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                assert_same(p, q, &format!("{at}[{i}]"));
            }
        }
        (Json::Object(x), Json::Object(y)) => {
            assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>(), "{at}: keys");
            for (k, p) in x {
                assert_same(p, &y[k], &format!("{at}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{at}"),
    }
}

/// The message of a JS `Error`.
pub fn message(err: JsValue) -> String {
    err.dyn_into::<js_sys::Error>().expect("a JS Error").message().into()
}

/// The `problems` of a JS `Error` from the model, as JSON.
pub fn problems(err: &JsValue) -> Json {
    json(&js_sys::Reflect::get(err, &"problems".into()).unwrap())
}
