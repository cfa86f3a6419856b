//! The second module (feature `tools`): what only some panels need, so the page fetches it on
//! first use: the CSV, Markdown and JSON exports (with pins) and reading a file back (as a
//! scenario or a share link), the growth curve, the deal view, savings, the tornado
//! (sensitivity), the 12-month timeline and `explain` / `explainTargets`, each taking the planner's share link
//! (`Planner.link()` of the first module, pins included), a string the page already holds, so
//! no scenario object crosses on a redraw; and `evaluate` and `encodeLink` of a scenario object
//! (read field by field through the table, a problem named by its path), for a scenario built
//! in JavaScript. Same rules as the first module: convert, call the model, convert back. None
//! of the first module's exports is here (the two are built apart, see the parent module).

use wasm_bindgen::prelude::*;

use super::{answer, field_value, js_error, to_js};
use crate::model::{self, Error, FieldValue, Scenario, Tree};

/// The scenario of the planner's share link, its pins unread.
fn scenario_of(link: &str) -> Result<Scenario, JsValue> {
    model::read_scenario(link).map_err(|e| js_error(&e))
}

/// The scenario and the pinned scenarios (A first) of the planner's share link.
fn pinned(link: &str) -> Result<(Scenario, Vec<Scenario>), JsValue> {
    model::read_pinned(link, model::compare::MAX_PINS).map_err(|e| js_error(&e))
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

/// Sizes and prices a scenario object.
#[wasm_bindgen(unchecked_return_type = "Estimate")]
pub fn evaluate(#[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue) -> Result<JsValue, JsValue> {
    let scenario = scenario_from_js(scenario)?;
    answer(model::evaluate(&scenario))
}

/// The scenario as a share-link fragment (without the `#`).
#[wasm_bindgen(js_name = encodeLink)]
pub fn encode_link(#[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue) -> Result<String, JsValue> {
    Ok(scenario_from_js(scenario)?.to_link())
}

#[wasm_bindgen(typescript_custom_section)]
const EXPORT_TYPES: &str = r#"
import type { CsvTable, Export } from "./types/Export";
export type { CsvTable, Export };
"#;

/// The estimate of the link's scenario as CSV for a spreadsheet (RFC 4180, CRLF, UTF-8 starting
/// with a byte order mark for Excel): line items, customers, totals, ranges, timeline, currency,
/// the comparison with the link's pins (A first, when it has pins) and assumptions.
#[wasm_bindgen(js_name = exportCsv)]
pub fn export_csv(link: &str) -> Result<String, JsValue> {
    let (scenario, pins) = pinned(link)?;
    model::export_csv(&scenario, &pins).map_err(|e| js_error(&e))
}

/// The estimate of the link's scenario as CSV tables data tools read in one call (bill,
/// customers, sizing, findings, timeline, assumptions; the comparison with the link's pins; the
/// deal when it has one), each its own file with one header row.
#[wasm_bindgen(js_name = exportCsvTables, unchecked_return_type = "CsvTable[]")]
pub fn export_csv_tables(link: &str) -> Result<JsValue, JsValue> {
    let (scenario, pins) = pinned(link)?;
    answer(model::export_csv_tables(&scenario, &pins))
}

/// The estimate of the link's scenario as a Markdown summary for a design document, with the
/// comparison with the link's pins (A first) when it has pins.
#[wasm_bindgen(js_name = exportMarkdown)]
pub fn export_markdown(link: &str) -> Result<String, JsValue> {
    let (scenario, pins) = pinned(link)?;
    model::export_markdown(&scenario, &pins).map_err(|e| js_error(&e))
}

/// The link's scenario, its estimate and the comparison with the link's pins (A first, when it
/// has pins) as JSON text (an `Export`, indented by two spaces): written by `JSON.stringify`, so
/// no JSON writer ships in the WebAssembly.
#[wasm_bindgen(js_name = exportJson)]
pub fn export_json(link: &str) -> Result<String, JsValue> {
    let (scenario, pins) = pinned(link)?;
    let export = model::Export::of(&scenario, &pins).map_err(|e| js_error(&e))?;
    let text = js_sys::JSON::stringify_with_replacer_and_space(&to_js(&export)?, &JsValue::NULL, &JsValue::from(2))?;
    Ok(text.into())
}

/// The scenario and pins of JSON text (an export or a bare scenario), read by `JSON.parse` (no
/// JSON reader ships in the WebAssembly), which keeps the last of a key given twice: such text
/// is refused first, as the native reader refuses it. A leading byte order mark is skipped.
fn import(text: &str) -> Result<(Scenario, Vec<Scenario>), JsValue> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = js_sys::JSON::parse(text).map_err(|e| {
        let reason = e.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        js_error(&Error::single("file", "", format!("valid JSON ({reason})")))
    })?;
    model::refuse_duplicate_keys(text).map_err(|e| js_error(&e))?;
    model::import_tree(tree(&value, 0)).map_err(|e| js_error(&e))
}

/// The scenario in JSON text: an export (`exportJson`) or a bare scenario. Throws an `Error`
/// naming the field (`scenario.cloudRun.vcpu = 3: allowed …`), or `file: valid JSON (…)` for
/// text that is not JSON.
#[wasm_bindgen(js_name = importJson, unchecked_return_type = "Scenario")]
pub fn import_json(text: &str) -> Result<JsValue, JsValue> {
    to_js(&import(text)?.0)
}

/// The share link (without the `#`) of JSON text's scenario and its pins: what the page opens
/// from a file. Throws as `importJson` does.
#[wasm_bindgen(js_name = importLink)]
pub fn import_link(text: &str) -> Result<String, JsValue> {
    let (scenario, pins) = import(text)?;
    Ok(crate::model::write_pinned(&scenario, pins.iter()))
}

#[wasm_bindgen(typescript_custom_section)]
const GROWTH_TYPES: &str = r#"
import type { Growth } from "./types/Growth";
import type { Deal } from "./types/Deal";
export type { Deal, Growth };
"#;

/// Up to `points` distinct customer counts from 1 to `maxCustomers`, log-spaced (consecutive
/// where log spacing would repeat a count): the default curve is `growthCounts(1000, 200)`.
#[wasm_bindgen(js_name = growthCounts)]
pub fn growth_counts(max_customers: u32, points: usize) -> Vec<u32> {
    model::growth::growth_counts(max_customers, points)
}

/// The link's scenario at each customer count of `counts` (ascending), computed in one call:
/// each point's cost, cost per customer, revenue, margin and sizing, the markers, the
/// break-even count and where capacity runs out.
#[wasm_bindgen(unchecked_return_type = "Growth")]
pub fn growth(link: &str, counts: Vec<u32>) -> Result<JsValue, JsValue> {
    answer(model::growth::growth(&scenario_of(link)?, &counts))
}

/// The link's deal (`deal.*`) priced: its incremental monthly cost, its share under each
/// allocation rule (the scenario's own is the headline), its margin both ways, the lowest ACV
/// that keeps the target margin on each, and the findings and price steps it brings; `null`
/// while the deal has no name. A cohort of the deal's name in the scenario is the deal.
#[wasm_bindgen(unchecked_return_type = "Deal | null")]
pub fn deal(link: &str) -> Result<JsValue, JsValue> {
    answer(model::deal::deal_of(&scenario_of(link)?))
}

#[wasm_bindgen(typescript_custom_section)]
const DECIDE_TYPES: &str = r#"
import type { Savings } from "./types/Savings";
import type { Tornado } from "./types/Sensitivity";
export type { Savings, Tornado };
"#;

/// The changes that lower the link's scenario's monthly cost, each priced as the difference of
/// two evaluations, in one call: the safe ones largest saving first, and apart from them the
/// ones that break the p95 target or capacity (or bring a high or critical finding), with why.
#[wasm_bindgen(unchecked_return_type = "Savings")]
pub fn savings(link: &str) -> Result<JsValue, JsValue> {
    answer(model::savings::savings(&scenario_of(link)?))
}

/// The link's scenario's tornado: the inputs that, moved down and up by 20%, move the monthly
/// cost and the gross margin most (at most 10 bars, largest cost swing first), each with its
/// ends as used.
#[wasm_bindgen(unchecked_return_type = "Tornado")]
pub fn sensitivity(link: &str) -> Result<JsValue, JsValue> {
    answer(model::sensitivity::sensitivity(&scenario_of(link)?))
}

#[wasm_bindgen(typescript_custom_section)]
const TIMELINE_TYPES: &str = r#"
import type { Timeline, TimelineMonth } from "./types/Timeline";
export type { Timeline, TimelineMonth };
"#;

/// The link's pinned scenarios beside its scenario: headline, capacity, line items, customers
/// (each with its difference from A) and the inputs that differ; just the scenario's column
/// when it has no pins.
#[wasm_bindgen(unchecked_return_type = "Comparison")]
pub fn comparison(link: &str) -> Result<JsValue, JsValue> {
    answer(model::Planner::from_link(link).map(|p| p.comparison()))
}

/// The link's scenario's 12-month timeline: each month's customers live, cost, revenue (ACV
/// recognised monthly from each cohort's go-live month) and margin, and the cumulative
/// figures.
#[wasm_bindgen(unchecked_return_type = "Timeline")]
pub fn timeline(link: &str) -> Result<JsValue, JsValue> {
    answer(model::timeline::timeline(&scenario_of(link)?))
}

#[wasm_bindgen(typescript_custom_section)]
const EXPLAIN_TYPES: &str = r#"
import type { Explanation } from "./types/Explain";
export type { Explanation };
"#;

/// The derivation of figure `target` (an id `explainTargets` lists, e.g.
/// `totals.monthlyCostCents`) of the share link's scenario: a tree down to the inputs (by
/// field path), the price-book entries (with source) and the model's constants. Throws an
/// `Error` naming `target` when the estimate has no such figure.
#[wasm_bindgen(unchecked_return_type = "Explanation")]
pub fn explain(link: &str, target: &str) -> Result<JsValue, JsValue> {
    answer(model::explain::explain(&scenario_of(link)?, target))
}

/// Every figure of the share link's scenario that `explain` explains, by target id.
#[wasm_bindgen(js_name = explainTargets)]
pub fn explain_targets(link: &str) -> Result<Vec<String>, JsValue> {
    model::explain::targets(&scenario_of(link)?).map_err(|e| js_error(&e))
}
