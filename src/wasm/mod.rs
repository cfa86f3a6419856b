//! The WebAssembly bindings: each export converts its arguments, calls the model and converts
//! the result back. Errors cross as JS `Error`s whose message names the field; each carries
//! `problems`, a list of `{path, value, allowed}` for marking fields. Every export is typed
//! with the TypeScript types ts-rs generates from the model (copied to `pkg/types/` by the
//! build).
//!
//! Two modules from this crate, whose exports do not overlap:
//! - the first (`first.rs`, built without features), loaded with the page: the planner, presets,
//!   the field table, price books and share links. It reads scenarios only from presets and
//!   share links (exact, and cheap to send across).
//! - [`tools`] (built with the `tools` feature instead), fetched on first use: exports and
//!   imports, growth curves, deals, savings, the tornado and the timeline. Each takes the
//!   planner's share link (`Planner.link()`, a string the page already has), and the reader of
//!   scenario objects ships here.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::{Error, FieldValue};

#[cfg(not(feature = "tools"))]
mod first;
#[cfg(not(feature = "tools"))]
pub use first::*;
#[cfg(feature = "tools")]
pub mod tools;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
import type { Changed, Estimate, Knobs, Update } from "./types/Estimate";
import type { Field } from "./types/Fields";
import type { PriceBook } from "./types/PriceBook";
import type { Scenario } from "./types/Scenario";
import type { Comparison } from "./types/Compare";
import type { Outputs } from "./types/Outputs";
import type { Warning } from "./types/Sanity";
export type { Changed, Comparison, Estimate, Field, Knobs, Outputs, PriceBook, Scenario, Update, Warning };
/** A field's value: a number, a switch, a choice or text, a list of names, or null (clears a price override). */
export type FieldValue = number | boolean | string | string[] | null;
"#;

/// Installs a panic hook in debug builds (tests) so a model bug shows up readable in the
/// console; release builds have nothing to start, so neither module exports a `start`.
#[cfg(debug_assertions)]
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&format!("headroom: a result could not be converted: {e}")).into())
}

fn js_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    let problems = to_js(error.problems()).unwrap_or(JsValue::NULL);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &JsValue::from_str("problems"), &problems);
    js.into()
}

/// A model result as JS: its value converted, or its error as a JS `Error`.
fn answer<T: Serialize>(result: Result<T, Error>) -> Result<JsValue, JsValue> {
    result.map_err(|e| js_error(&e)).and_then(|value| to_js(&value))
}

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray(value)`, or what it threw (a revoked proxy throws).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// The most items read from an array given as a list of names (more than any list allows).
const MAX_NAMES: u32 = 1000;

/// The items of `value` as text when it is an array of at most [`MAX_NAMES`] items; `None`
/// otherwise, and when reading it throws (a proxy's trap): nothing thrown crosses the model, so
/// a planner is never left mid-call.
fn names(value: &JsValue) -> Option<Vec<String>> {
    if !is_array(value).ok()? {
        return None;
    }
    let len = js_sys::Reflect::get(value, &JsValue::from_str("length")).ok()?.as_f64()?;
    if !(0.0..=f64::from(MAX_NAMES)).contains(&len) {
        return None;
    }
    let item = |i| js_sys::Reflect::get_u32(value, i).ok().map(|x| x.as_string().unwrap_or_default());
    (0..len as u32).map(item).collect()
}

/// A control's value; an array becomes a list of names (its items as text); anything else
/// (or an array that cannot be read) is `Clear`, which a field refuses by path.
fn field_value(value: &JsValue) -> FieldValue {
    if let Some(x) = value.as_f64() {
        FieldValue::Number(x)
    } else if let Some(b) = value.as_bool() {
        FieldValue::Bool(b)
    } else if let Some(t) = value.as_string() {
        FieldValue::Text(t)
    } else {
        names(value).map_or(FieldValue::Clear, FieldValue::List)
    }
}
