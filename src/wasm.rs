//! The WebAssembly bindings: each export converts its arguments, calls the model and converts
//! the result back. Errors cross as JS `Error`s whose message names the field; each carries
//! `problems`, a list of `{path, value, allowed}` for marking fields.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::{self, Error, FieldValue, Scenario, Tree};

/// Installs a panic hook in debug builds so a model bug shows up readable in the console.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    // The model's output types are plain data that serde-wasm-bindgen always represents.
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn js_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &JsValue::from_str("problems"), &to_js(error.problems()));
    js.into()
}

/// Nesting deeper than any scenario (cycles included) is cut off here, as null.
const MAX_DEPTH: u32 = 16;

/// A JS value as a tree: arrays and plain objects as groups, everything else a leaf
/// (functions, symbols and anything nested past [`MAX_DEPTH`] become null, which the scenario
/// reader refuses by path).
fn tree(js: &JsValue, depth: u32) -> Tree {
    if depth > MAX_DEPTH {
        Tree::Leaf(FieldValue::Clear)
    } else if let Some(array) = js.dyn_ref::<js_sys::Array>() {
        Tree::List(array.iter().map(|item| tree(&item, depth + 1)).collect())
    } else if js.is_object() && !js.is_function() {
        let entries = js_sys::Object::entries(js.unchecked_ref());
        let pair = |e: JsValue| {
            let e: js_sys::Array = e.unchecked_into();
            (e.get(0).as_string().unwrap_or_default(), tree(&e.get(1), depth + 1))
        };
        Tree::Object(entries.iter().map(pair).collect())
    } else {
        Tree::Leaf(field_value(js))
    }
}

fn scenario_from_js(value: JsValue) -> Result<Scenario, JsValue> {
    Scenario::from_tree(tree(&value, 0)).map_err(|e| js_error(&e))
}

fn field_value(value: &JsValue) -> FieldValue {
    if let Some(x) = value.as_f64() {
        FieldValue::Number(x)
    } else if let Some(b) = value.as_bool() {
        FieldValue::Bool(b)
    } else if let Some(t) = value.as_string() {
        FieldValue::Text(t)
    } else {
        FieldValue::Clear
    }
}

/// Ids of the preset scenarios.
#[wasm_bindgen(js_name = presetIds)]
pub fn preset_ids() -> Vec<String> {
    model::preset_ids().iter().map(|s| s.to_string()).collect()
}

/// The preset scenario `id`.
#[wasm_bindgen]
pub fn preset(id: &str) -> Result<JsValue, JsValue> {
    model::preset(id).map(|s| to_js(&s)).map_err(|e| js_error(&e))
}

/// Sizes and prices a scenario object.
#[wasm_bindgen]
pub fn evaluate(scenario: JsValue) -> Result<JsValue, JsValue> {
    let scenario = scenario_from_js(scenario)?;
    model::evaluate(&scenario).map(|e| to_js(&e)).map_err(|e| js_error(&e))
}

/// The embedded price books, each with every entry's unit, source and date.
#[wasm_bindgen(js_name = priceBooks)]
pub fn price_books() -> JsValue {
    to_js(model::BOOKS)
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

    /// A planner for a scenario object (from a link or a file).
    #[wasm_bindgen(js_name = fromScenario)]
    pub fn from_scenario(scenario: JsValue) -> Result<Planner, JsValue> {
        let scenario = scenario_from_js(scenario)?;
        model::Planner::new(scenario).map(Planner).map_err(|e| js_error(&e))
    }

    /// The current estimate.
    pub fn estimate(&self) -> JsValue {
        to_js(self.0.estimate())
    }

    /// The current scenario.
    pub fn scenario(&self) -> JsValue {
        to_js(self.0.scenario())
    }

    /// The headline knobs: customers, peak QPS and egress per customer.
    pub fn knobs(&self) -> JsValue {
        to_js(&self.0.knobs())
    }

    /// Sets one value by path (a number, boolean, string, or null to clear an override) and
    /// returns the new estimate; throws and keeps the last good state when it is refused.
    pub fn set(&mut self, path: &str, value: JsValue) -> Result<JsValue, JsValue> {
        self.0.set(path, field_value(&value)).map(to_js).map_err(|e| js_error(&e))
    }

    /// Adds a cohort of one customer following the typical profile; returns the new estimate.
    #[wasm_bindgen(js_name = addCohort)]
    pub fn add_cohort(&mut self, name: &str) -> Result<JsValue, JsValue> {
        self.0.change(|s| s.add_cohort(name)).map(to_js).map_err(|e| js_error(&e))
    }

    /// Removes cohort `index`; returns the new estimate.
    #[wasm_bindgen(js_name = removeCohort)]
    pub fn remove_cohort(&mut self, index: usize) -> Result<JsValue, JsValue> {
        self.0.change(|s| s.remove_cohort(index)).map(to_js).map_err(|e| js_error(&e))
    }

    /// Adds a fixed monthly line; returns the new estimate.
    #[wasm_bindgen(js_name = addFixedLine)]
    pub fn add_fixed_line(&mut self, label: &str, monthly_usd: f64) -> Result<JsValue, JsValue> {
        self.0.change(|s| s.add_fixed_line(label, monthly_usd)).map(to_js).map_err(|e| js_error(&e))
    }

    /// Removes fixed line `index`; returns the new estimate.
    #[wasm_bindgen(js_name = removeFixedLine)]
    pub fn remove_fixed_line(&mut self, index: usize) -> Result<JsValue, JsValue> {
        self.0.change(|s| s.remove_fixed_line(index)).map(to_js).map_err(|e| js_error(&e))
    }

    /// Replaces the scenario and returns the new estimate; throws and keeps the last good
    /// state when the scenario is refused.
    pub fn replace(&mut self, scenario: JsValue) -> Result<JsValue, JsValue> {
        let scenario = scenario_from_js(scenario)?;
        self.0.replace(scenario).map(to_js).map_err(|e| js_error(&e))
    }
}
