//! The second module (feature `tools`): what only some panels need, so the page fetches it on
//! first use: the CSV, Markdown and JSON exports (with pins) and reading a file back (as a
//! scenario or a share link), the growth curve, the deal view, savings, the tornado (sensitivity), the
//! 12-month timeline, `evaluate` and `encodeLink` of a scenario object, and `explain` and
//! `explainTargets` (which take the planner's share link). The others each
//! take the whole scenario as a plain JS object (read field by field through the table, a
//! problem named by its path) rather than the planner. Same rules as the first module:
//! convert, call the model, convert back.

use wasm_bindgen::prelude::*;

use super::{answer, field_value, js_error, to_js};
use crate::model::{self, Error, FieldValue, Scenario, Tree};

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
    answer(model::evaluate(&scenario).as_ref().map_err(Clone::clone))
}

/// The scenario as a share-link fragment (without the `#`).
#[wasm_bindgen(js_name = encodeLink)]
pub fn encode_link(#[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue) -> Result<String, JsValue> {
    Ok(scenario_from_js(scenario)?.to_link())
}

#[wasm_bindgen(typescript_custom_section)]
const EXPORT_TYPES: &str = r#"
import type { Export } from "./types/Export";
export type { Export };
"#;

/// A scenario object and the pinned scenario objects beside it (A first; none when not
/// given), a pin's problems under `pins[i].`.
fn pinned(scenario: JsValue, pins: Option<Vec<JsValue>>) -> Result<(Scenario, Vec<Scenario>), JsValue> {
    let read = |(i, pin): (usize, JsValue)| {
        Scenario::from_tree(tree(&pin, 0)).map_err(|e| js_error(&e.under(&format!("pins[{i}]."))))
    };
    let scenario = scenario_from_js(scenario)?;
    Ok((scenario, pins.unwrap_or_default().into_iter().enumerate().map(read).collect::<Result<_, _>>()?))
}

/// The estimate of a scenario object as CSV for a spreadsheet (RFC 4180, CRLF, UTF-8 starting
/// with a byte order mark for Excel): line items, customers, totals, ranges, timeline, currency,
/// the comparison with `pins` (A first, when given) and assumptions.
#[wasm_bindgen(js_name = exportCsv)]
pub fn export_csv(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scenario[] | undefined")] pins: Option<Vec<JsValue>>,
) -> Result<String, JsValue> {
    let (scenario, pins) = pinned(scenario, pins)?;
    model::export_csv(&scenario, &pins).map_err(|e| js_error(&e))
}

/// The estimate of a scenario object as a Markdown summary for a design document, with the
/// comparison with `pins` (A first) when given.
#[wasm_bindgen(js_name = exportMarkdown)]
pub fn export_markdown(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scenario[] | undefined")] pins: Option<Vec<JsValue>>,
) -> Result<String, JsValue> {
    let (scenario, pins) = pinned(scenario, pins)?;
    model::export_markdown(&scenario, &pins).map_err(|e| js_error(&e))
}

/// A scenario object, its estimate and the comparison with `pins` (A first, when given) as
/// JSON text (an `Export`, indented by two spaces): written by `JSON.stringify`, so no JSON
/// writer ships in the WebAssembly.
#[wasm_bindgen(js_name = exportJson)]
pub fn export_json(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scenario[] | undefined")] pins: Option<Vec<JsValue>>,
) -> Result<String, JsValue> {
    let (scenario, pins) = pinned(scenario, pins)?;
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
import type { Deal, Prospect } from "./types/Deal";
export type { Deal, Growth, Prospect };
"#;

/// Up to `points` distinct customer counts from 1 to `maxCustomers`, log-spaced (consecutive
/// where log spacing would repeat a count): the default curve is `growthCounts(1000, 200)`.
#[wasm_bindgen(js_name = growthCounts)]
pub fn growth_counts(max_customers: u32, points: usize) -> Vec<u32> {
    model::growth::growth_counts(max_customers, points)
}

/// The scenario at each customer count of `counts` (ascending), computed in one call: each
/// point's cost, cost per customer, revenue, margin and sizing, the markers, the break-even
/// count and where capacity runs out.
#[wasm_bindgen(unchecked_return_type = "Growth")]
pub fn growth(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    counts: Vec<u32>,
) -> Result<JsValue, JsValue> {
    let scenario = scenario_from_js(scenario)?;
    answer(model::growth::growth(&scenario, &counts).as_ref().map_err(Clone::clone))
}

/// A prospect priced against the scenario: its incremental monthly cost, its share under each
/// allocation rule, its margin both ways, and the lowest ACV that keeps `targetMarginPct`
/// (75 when not given) on each.
#[wasm_bindgen(unchecked_return_type = "Deal")]
pub fn deal(
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Prospect")] prospect: JsValue,
    target_margin_pct: Option<f64>,
) -> Result<JsValue, JsValue> {
    let (scenario, prospect) =
        model::deal::Prospect::read(tree(&scenario, 0), tree(&prospect, 0)).map_err(|e| js_error(&e))?;
    let target = target_margin_pct.unwrap_or(model::deal::DEFAULT_TARGET_MARGIN_PCT);
    answer(model::deal::deal(&scenario, &prospect, target).as_ref().map_err(Clone::clone))
}

#[wasm_bindgen(typescript_custom_section)]
const DECIDE_TYPES: &str = r#"
import type { Savings } from "./types/Savings";
import type { Tornado } from "./types/Sensitivity";
export type { Savings, Tornado };
"#;

/// The changes that lower the scenario's monthly cost, each priced as the difference of two
/// evaluations, in one call: the safe ones largest saving first, and apart from them the ones
/// that break the p95 target or capacity (or bring a high or critical finding), with why.
#[wasm_bindgen(unchecked_return_type = "Savings")]
pub fn savings(#[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue) -> Result<JsValue, JsValue> {
    let scenario = scenario_from_js(scenario)?;
    answer(model::savings::savings(&scenario).as_ref().map_err(Clone::clone))
}

/// The tornado: the inputs that, moved down and up by 20%, move the monthly cost and the gross
/// margin most (at most 10 bars, largest cost swing first), each with its ends as used.
#[wasm_bindgen(unchecked_return_type = "Tornado")]
pub fn sensitivity(#[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue) -> Result<JsValue, JsValue> {
    let scenario = scenario_from_js(scenario)?;
    answer(model::sensitivity::sensitivity(&scenario).as_ref().map_err(Clone::clone))
}

#[wasm_bindgen(typescript_custom_section)]
const TIMELINE_TYPES: &str = r#"
import type { Timeline, TimelineMonth } from "./types/Timeline";
export type { Timeline, TimelineMonth };
"#;

/// The scenario's 12-month timeline: each month's customers live, cost, revenue (ACV
/// recognised monthly from each cohort's go-live month) and margin, and the cumulative
/// figures.
#[wasm_bindgen(unchecked_return_type = "Timeline")]
pub fn timeline(#[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue) -> Result<JsValue, JsValue> {
    let scenario = scenario_from_js(scenario)?;
    answer(model::timeline::timeline(&scenario).as_ref().map_err(Clone::clone))
}

#[wasm_bindgen(typescript_custom_section)]
const EXPLAIN_TYPES: &str = r#"
import type { Explanation } from "./types/Explain";
export type { Explanation };
"#;

/// The scenario of a share link (the planner's `link()`, without the `#`).
fn linked(link: &str) -> Result<Scenario, JsValue> {
    Scenario::from_link(link).map_err(|e| js_error(&e))
}

/// The derivation of figure `target` (an id `explainTargets` lists, e.g.
/// `totals.monthlyCostCents`) of the share link's scenario: a tree down to the inputs (by
/// field path), the price-book entries (with source) and the model's constants. Throws an
/// `Error` naming `target` when the estimate has no such figure.
#[wasm_bindgen(unchecked_return_type = "Explanation")]
pub fn explain(link: &str, target: &str) -> Result<JsValue, JsValue> {
    answer(model::explain::explain(&linked(link)?, target).as_ref().map_err(Clone::clone))
}

/// Every figure of the share link's scenario that `explain` explains, by target id.
#[wasm_bindgen(js_name = explainTargets)]
pub fn explain_targets(link: &str) -> Result<Vec<String>, JsValue> {
    model::explain::targets(&linked(link)?).map_err(|e| js_error(&e))
}
