//! The first module's exports (built without the `tools` feature): the planner, presets, the
//! field table, price books and share links. See the [parent module](super).

use wasm_bindgen::prelude::*;

use super::{answer, field_value, js_error, to_js};
use crate::model::{self, FieldValue, Scenario};

/// Ids of the preset scenarios.
#[wasm_bindgen(js_name = presetIds)]
pub fn preset_ids() -> Vec<String> {
    model::preset_ids().iter().map(|s| s.to_string()).collect()
}

/// The preset scenario `id`.
#[wasm_bindgen(unchecked_return_type = "Scenario")]
pub fn preset(id: &str) -> Result<JsValue, JsValue> {
    answer(model::preset(id))
}

/// The embedded price books, each with every entry's unit, source and date.
#[wasm_bindgen(js_name = priceBooks, unchecked_return_type = "PriceBook[]")]
pub fn price_books() -> Result<JsValue, JsValue> {
    to_js(model::BOOKS)
}

/// The tables of the model's outputs: each figure's id (its JSON path), label, unit kind,
/// symbol, precision and words, for the page to label and format every figure it shows.
#[wasm_bindgen(unchecked_return_type = "Outputs")]
pub fn outputs() -> Result<JsValue, JsValue> {
    to_js(&model::outputs::outputs())
}

/// The table of the scenario's fields: path, kind, options, unit, range, label, group, default.
#[wasm_bindgen(unchecked_return_type = "Field[]")]
pub fn fields() -> Result<JsValue, JsValue> {
    to_js(&model::FIELDS[..])
}

/// The scenario a share-link fragment holds (with or without the `#`).
#[wasm_bindgen(js_name = decodeLink, unchecked_return_type = "Scenario")]
pub fn decode_link(fragment: &str) -> Result<JsValue, JsValue> {
    answer(Scenario::from_link(fragment))
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

    /// The current scenario's sanity warnings: inputs that imply something implausible, each
    /// with the field to show it beside and the implied figure.
    #[wasm_bindgen(unchecked_return_type = "Warning[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        to_js(&model::sanity::warnings(self.0.scenario()))
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
        answer(self.0.get(path))
    }

    /// The id of the preset the scenario equals (its pins aside), or `undefined`.
    #[wasm_bindgen(js_name = matchingPreset)]
    pub fn matching_preset(&self) -> Option<String> {
        self.0.matching_preset().map(str::to_owned)
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

    /// The pinned scenarios, A first.
    #[wasm_bindgen(unchecked_return_type = "Scenario[]")]
    pub fn pins(&self) -> Result<JsValue, JsValue> {
        to_js(&self.0.pins().iter().map(|p| &p.scenario).collect::<Vec<_>>())
    }

    /// Sets one value by path (a number, boolean, string, list of names, or null to clear an
    /// override) and returns the new estimate with every value the change moved (`changed`: the
    /// one set and those it moved besides, e.g. a cohort's count and the per-customer means);
    /// throws and keeps the last good state when it is refused.
    #[wasm_bindgen(unchecked_return_type = "Update")]
    pub fn set(
        &mut self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "FieldValue")] value: JsValue,
    ) -> Result<JsValue, JsValue> {
        answer(self.0.set(path, field_value(&value)))
    }

    /// Sets several values in order, all or none (a saving's `changes`: `{path, value}` objects),
    /// and returns what `set` does; throws and keeps the last good state when one is refused.
    #[wasm_bindgen(js_name = setAll, unchecked_return_type = "Update")]
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
        answer(self.0.change(|s| s.add_cohort(name)).map(|u| u.estimate))
    }

    /// Removes cohort `index`; returns the new estimate.
    #[wasm_bindgen(js_name = removeCohort, unchecked_return_type = "Estimate")]
    pub fn remove_cohort(&mut self, index: usize) -> Result<JsValue, JsValue> {
        answer(self.0.change(|s| s.remove_cohort(index)).map(|u| u.estimate))
    }

    /// Adds a fixed monthly line; returns the new estimate.
    #[wasm_bindgen(js_name = addFixedLine, unchecked_return_type = "Estimate")]
    pub fn add_fixed_line(&mut self, label: &str, monthly_usd: f64) -> Result<JsValue, JsValue> {
        answer(self.0.change(|s| s.add_fixed_line(label, monthly_usd)).map(|u| u.estimate))
    }

    /// Removes fixed line `index`; returns the new estimate.
    #[wasm_bindgen(js_name = removeFixedLine, unchecked_return_type = "Estimate")]
    pub fn remove_fixed_line(&mut self, index: usize) -> Result<JsValue, JsValue> {
        answer(self.0.change(|s| s.remove_fixed_line(index)).map(|u| u.estimate))
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
