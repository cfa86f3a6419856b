//! The WebAssembly bindings: each export converts its arguments, calls the model and converts
//! the result back. Errors cross as JS `Error`s whose message names the field; each carries
//! `problems`, a list of `{path, value, allowed}` for marking fields. Every export is typed
//! with the TypeScript types ts-rs generates from the model (copied to `pkg/types/` by the
//! build).
//!
//! The page loads this module first; [`tools`] (exports, growth curves, deals, …), needed by
//! fewer people, is a second module built with the `tools` feature and fetched on demand. This
//! one reads scenarios only from presets and share links (exact, and cheap to send across), so
//! the reader of scenario objects ships in the second module.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::{self, Error, FieldValue, Scenario};

#[cfg(feature = "tools")]
pub mod tools;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
import type { Estimate, Knobs } from "./types/Estimate";
import type { Field } from "./types/Fields";
import type { PriceBook } from "./types/PriceBook";
import type { Scenario } from "./types/Scenario";
import type { Comparison } from "./types/Compare";
import type { Warning } from "./types/Sanity";
export type { Comparison, Estimate, Field, Knobs, PriceBook, Scenario, Warning };
/** A field's value: a number, a switch, a choice or text, a list of names, or null (clears a price override). */
export type FieldValue = number | boolean | string | string[] | null;
"#;

/// Installs a panic hook in debug builds so a model bug shows up readable in the console.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(debug_assertions)]
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
fn answer<T: Serialize + ?Sized>(result: Result<&T, Error>) -> Result<JsValue, JsValue> {
    result.map_err(|e| js_error(&e)).and_then(to_js)
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

/// Ids of the preset scenarios.
#[wasm_bindgen(js_name = presetIds)]
pub fn preset_ids() -> Vec<String> {
    model::preset_ids().iter().map(|s| s.to_string()).collect()
}

/// The preset scenario `id`.
#[wasm_bindgen(unchecked_return_type = "Scenario")]
pub fn preset(id: &str) -> Result<JsValue, JsValue> {
    answer(model::preset(id).as_ref().map_err(Clone::clone))
}

/// The embedded price books, each with every entry's unit, source and date.
#[wasm_bindgen(js_name = priceBooks, unchecked_return_type = "PriceBook[]")]
pub fn price_books() -> Result<JsValue, JsValue> {
    to_js(model::BOOKS)
}

/// The table of the scenario's fields: path, kind, options, unit, range, label, group, default.
#[wasm_bindgen(unchecked_return_type = "Field[]")]
pub fn fields() -> Result<JsValue, JsValue> {
    to_js(&model::FIELDS[..])
}

/// The scenario a share-link fragment holds (with or without the `#`).
#[wasm_bindgen(js_name = decodeLink, unchecked_return_type = "Scenario")]
pub fn decode_link(fragment: &str) -> Result<JsValue, JsValue> {
    answer(Scenario::from_link(fragment).as_ref().map_err(Clone::clone))
}

/// A scenario and its estimate, held in Rust; a control change sends one value.
#[wasm_bindgen]
pub struct Planner(model::Planner);

#[wasm_bindgen]
impl Planner {
    /// A planner for the preset `id`.
    #[wasm_bindgen(js_name = fromPreset)]
    pub fn from_preset(id: &str) -> Result<Planner, JsValue> {
        model::Planner::from_preset(id).map(Planner).map_err(|e| js_error(&e))
    }

    /// A planner for the scenario of a share-link fragment, with the link's pinned scenarios.
    #[wasm_bindgen(js_name = fromLink)]
    pub fn from_link(fragment: &str) -> Result<Planner, JsValue> {
        model::Planner::from_link(fragment).map(Planner).map_err(|e| js_error(&e))
    }

    /// The current estimate.
    #[wasm_bindgen(unchecked_return_type = "Estimate")]
    pub fn estimate(&self) -> Result<JsValue, JsValue> {
        to_js(self.0.estimate())
    }

    /// The current scenario.
    #[wasm_bindgen(unchecked_return_type = "Scenario")]
    pub fn scenario(&self) -> Result<JsValue, JsValue> {
        to_js(self.0.scenario())
    }

    /// The headline knobs: customers, peak QPS and egress per customer.
    #[wasm_bindgen(unchecked_return_type = "Knobs")]
    pub fn knobs(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.knobs())
    }

    /// The value at `path`: a field, or a headline knob (`customers`, `peakQpsPerCustomer`,
    /// `egressGbPerCustomer`).
    #[wasm_bindgen(unchecked_return_type = "FieldValue")]
    pub fn get(&self, path: &str) -> Result<JsValue, JsValue> {
        answer(self.0.get(path).as_ref().map_err(Clone::clone))
    }

    /// The id of the preset the scenario equals (its pins aside), or `undefined`.
    #[wasm_bindgen(js_name = matchingPreset)]
    pub fn matching_preset(&self) -> Option<String> {
        self.0.matching_preset().map(str::to_owned)
    }

    /// The current scenario's sanity warnings: inputs that imply something implausible, each
    /// with the field to show it beside and the implied figure.
    #[wasm_bindgen(unchecked_return_type = "Warning[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        to_js(&model::sanity::warnings(self.0.scenario()))
    }

    /// The current scenario and its pins as a share-link fragment (without the `#`).
    pub fn link(&self) -> String {
        self.0.link()
    }

    /// Pins the current scenario as the next comparison column (A, B, then C); throws when
    /// three are pinned.
    pub fn pin(&mut self) -> Result<(), JsValue> {
        self.0.pin().map_err(|e| js_error(&e))
    }

    /// Removes pin `index` (0 is A); throws when there is none.
    pub fn unpin(&mut self, index: usize) -> Result<(), JsValue> {
        self.0.unpin(index).map_err(|e| js_error(&e))
    }

    /// Names pin `index` (0 is A): its scenario's name, which heads its column and travels
    /// in the link; throws an `Error` naming `pins[index].name` (or `pins[index]`) when refused.
    #[wasm_bindgen(js_name = renamePin)]
    pub fn rename_pin(&mut self, index: usize, name: &str) -> Result<(), JsValue> {
        self.0.rename_pin(index, name).map_err(|e| js_error(&e))
    }

    /// How many scenarios are pinned.
    #[wasm_bindgen(js_name = pinCount)]
    pub fn pin_count(&self) -> usize {
        self.0.pins().len()
    }

    /// The pinned scenarios beside the current one: headline, line items, customers (each with
    /// its difference from A) and the inputs that differ.
    #[wasm_bindgen(unchecked_return_type = "Comparison")]
    pub fn comparison(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.comparison())
    }

    /// The pinned scenarios, A first.
    #[wasm_bindgen(unchecked_return_type = "Scenario[]")]
    pub fn pins(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.pins().iter().map(|p| &p.scenario).collect::<Vec<_>>())
    }

    /// Sets one value by path (a number, boolean, string, list of names, or null to clear an
    /// override) and returns the new estimate; throws and keeps the last good state when it is
    /// refused.
    #[wasm_bindgen(unchecked_return_type = "Estimate")]
    pub fn set(
        &mut self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "FieldValue")] value: JsValue,
    ) -> Result<JsValue, JsValue> {
        answer(self.0.set(path, field_value(&value)))
    }

    /// Sets several values in order, all or none (a saving's `changes`: `{path, value}` objects),
    /// and returns the new estimate; throws and keeps the last good state when one is refused.
    #[wasm_bindgen(js_name = setAll, unchecked_return_type = "Estimate")]
    pub fn set_all(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "{ path: string; value: FieldValue }[]")] changes: Vec<js_sys::Object>,
    ) -> Result<JsValue, JsValue> {
        let field =
            |o: &js_sys::Object, key: &str| js_sys::Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::NULL);
        let pairs: Vec<(String, FieldValue)> = changes
            .iter()
            .map(|o| (field(o, "path").as_string().unwrap_or_default(), field_value(&field(o, "value"))))
            .collect();
        answer(self.0.set_all(pairs.iter().map(|(path, value)| (path.as_str(), value.clone()))))
    }

    /// Adds a cohort of one customer following the typical profile; returns the new estimate.
    #[wasm_bindgen(js_name = addCohort, unchecked_return_type = "Estimate")]
    pub fn add_cohort(&mut self, name: &str) -> Result<JsValue, JsValue> {
        answer(self.0.change(|s| s.add_cohort(name)))
    }

    /// Removes cohort `index`; returns the new estimate.
    #[wasm_bindgen(js_name = removeCohort, unchecked_return_type = "Estimate")]
    pub fn remove_cohort(&mut self, index: usize) -> Result<JsValue, JsValue> {
        answer(self.0.change(|s| s.remove_cohort(index)))
    }

    /// Adds a fixed monthly line; returns the new estimate.
    #[wasm_bindgen(js_name = addFixedLine, unchecked_return_type = "Estimate")]
    pub fn add_fixed_line(&mut self, label: &str, monthly_usd: f64) -> Result<JsValue, JsValue> {
        answer(self.0.change(|s| s.add_fixed_line(label, monthly_usd)))
    }

    /// Removes fixed line `index`; returns the new estimate.
    #[wasm_bindgen(js_name = removeFixedLine, unchecked_return_type = "Estimate")]
    pub fn remove_fixed_line(&mut self, index: usize) -> Result<JsValue, JsValue> {
        answer(self.0.change(|s| s.remove_fixed_line(index)))
    }

    /// Opens the preset `id` in place of the scenario, keeping the pins; returns the new
    /// estimate.
    #[wasm_bindgen(js_name = openPreset, unchecked_return_type = "Estimate")]
    pub fn open_preset(&mut self, id: &str) -> Result<JsValue, JsValue> {
        let scenario = model::preset(id).map_err(|e| js_error(&e))?;
        answer(self.0.replace(scenario))
    }

    /// Replaces the scenario with a share link's (made by the tools module's `encodeLink`),
    /// keeping the pins; returns the new estimate; throws and keeps the last good state when
    /// the link is refused.
    #[wasm_bindgen(js_name = replaceWithLink, unchecked_return_type = "Estimate")]
    pub fn replace_with_link(&mut self, fragment: &str) -> Result<JsValue, JsValue> {
        let scenario = Scenario::from_link(fragment).map_err(|e| js_error(&e))?;
        answer(self.0.replace(scenario))
    }
}
