//! The scenario and its estimate as JSON, and a JSON export or bare scenario read back.
//!
//! Natively, JSON text is written and read by `serde_json`. The WebAssembly leaves it out
//! (about 47 KB): the page turns an [`Export`] into a JS object and calls `JSON.stringify`,
//! and reads files with `JSON.parse` and [`import_tree`]; so what decides the scenario is the
//! same Rust code on both paths.

#[cfg(not(target_arch = "wasm32"))]
use serde::Deserialize;
use serde::Serialize;

use super::{Assumption, Report};
use crate::model::allocation::driver_weights;
use crate::model::compare::{Comparison, MAX_PINS};
use crate::model::deal::Deal;
use crate::model::error::{Error, Problem};
use crate::model::estimate::Estimate;
use crate::model::explain::{Explanation, explain_all};
use crate::model::fields::FieldValue;
use crate::model::read::Tree;
use crate::model::scenario::{SCHEMA_VERSION, Scenario};
use crate::model::timeline::Timeline;

/// The levels of each explanation a JSON export keeps: the figure, what it is computed from,
/// and what those are computed from.
pub const EXPLAIN_LEVELS: usize = 3;

/// The price book an export was priced with.
///
/// ```
/// let s = headroom::model::preset("week9-baseline").unwrap();
/// let book = headroom::model::Export::of(&s, &[]).unwrap().price_book;
/// assert_eq!((book.id, book.seen), ("gcp-us-central1-2026-11", "2026-11-27"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Export.ts"))]
pub struct BookRef {
    /// Its id, e.g. `gcp-us-central1-2026-11`.
    pub id: &'static str,
    /// What it covers.
    pub title: &'static str,
    /// The date it was put together, `YYYY-MM-DD`.
    pub seen: &'static str,
}

/// A JSON export: the scenario, enough to restore it exactly, and its estimate (amounts in
/// integer US cents), for the record.
///
/// ```
/// let s = headroom::model::preset("week9-baseline").unwrap();
/// let export = headroom::model::Export::of(&s, &[]).unwrap();
/// assert_eq!(export.price_book.id, s.price_book);
/// assert_eq!(export.estimate, headroom::model::evaluate(&s).unwrap());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Export.ts"))]
pub struct Export {
    /// The schema version of the file and of its scenario, [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The price book the estimate used.
    pub price_book: BookRef,
    /// The scenario.
    pub scenario: Scenario,
    /// The scenario's estimate (with usage ranges, its `range` has the low and high totals).
    pub estimate: Estimate,
    /// The 12-month timeline.
    pub timeline: Timeline,
    /// The pinned scenarios it is compared with, A first (empty without pins).
    pub pins: Vec<Scenario>,
    /// The pins beside the scenario, with differences from A; `null` without pins.
    pub comparison: Option<Comparison>,
    /// What the estimate rests on, as the CSV export lists it: the price book and its date,
    /// the schema version, the allocation rule, the currency, the share link (with the pins)
    /// and every input changed from the defaults.
    pub assumptions: Vec<Assumption>,
    /// The scenario's deal priced (see [`crate::model::deal::deal_of`]); `null` without a deal
    /// or when it cannot be priced (the CSV and Markdown exports say why).
    pub deal: Option<Deal>,
    /// How each figure is computed: the derivation of every figure of the estimate (see
    /// [`explain`](crate::model::explain)), headline, bill lines, sizing, findings and
    /// allocations, in that order, each to `EXPLAIN_LEVELS` (3) levels (a step deeper is the
    /// root of another figure's explanation, linked by its id, or follows from the model's
    /// `explain`).
    pub explanations: Vec<Explanation>,
    /// Each cohort's weight for each cost driver (`requests`, `reads`, `writes`, `deletes`,
    /// `storage`, `egress`, in that order) under the allocation rule: the cohort's exact share
    /// of a driver's lines is its weight over the weights added up (see
    /// [`driver_weights`](crate::model::allocation::driver_weights)); the workbook's
    /// allocation formulas rest on them.
    pub allocation_weights: Vec<[f64; 6]>,
}

impl Export {
    /// The export of `scenario` compared with `pins` (A first): it, its estimate, its price
    /// book and the comparison, at [`SCHEMA_VERSION`].
    ///
    /// # Errors
    /// Whatever [`evaluate`](crate::model::evaluate) refuses, for a pin under `pins[i].`; more than three pins.
    ///
    /// ```
    /// let mut s = headroom::model::preset("week9-baseline").unwrap();
    /// assert_eq!(headroom::model::Export::of(&s, &[]).unwrap().schema_version, headroom::model::SCHEMA_VERSION);
    /// s.cloud_run.vcpu = 3.0;
    /// assert!(headroom::model::Export::of(&s, &[]).is_err());
    /// ```
    pub fn of(scenario: &Scenario, pins: &[Scenario]) -> Result<Export, Error> {
        let report = Report::new(scenario, pins)?;
        let assumptions = report.assumptions();
        let book = report.book;
        let price_book = BookRef { id: book.id, title: book.title, seen: book.seen };
        Ok(Export {
            schema_version: SCHEMA_VERSION,
            price_book,
            scenario: scenario.clone(),
            estimate: report.estimate,
            timeline: report.timeline,
            pins: pins.to_vec(),
            comparison: report.comparison,
            assumptions,
            deal: report.deal.and_then(Result::ok),
            explanations: explain_all(scenario)?
                .into_iter()
                .map(|x| Explanation { root: x.root.pruned(EXPLAIN_LEVELS), ..x })
                .collect(),
            allocation_weights: driver_weights(scenario),
        })
    }
}

/// The scenario and its estimate as JSON text ([`Export`]): an object of `schemaVersion`,
/// `priceBook` (`id`, `title`, `seen`), `scenario`, `estimate` (with `range` when the scenario
/// has usage ranges, and `currency`, the converted headline figures, or `null` in USD),
/// `timeline` (12 months), `pins` and `comparison` (with pinned scenarios), `assumptions` and
/// `allocationWeights`, indented by two spaces.
/// Amounts are integer cents; other numbers are written with the fewest digits that read back
/// to the same `f64`, so [`import_json`] restores the scenario exactly. Native only (the
/// page's `exportJson` makes the same object and calls `JSON.stringify`).
///
/// # Errors
/// Whatever [`evaluate`](crate::model::evaluate) refuses.
///
/// ```
/// use headroom::model::{export_json, import_json, preset};
/// let s = preset("phase2-10-customers").unwrap();
/// let json = export_json(&s, &[]).unwrap();
/// assert!(json.starts_with("{\n  \"schemaVersion\": 5,\n  \"priceBook\": {\n    \"id\": "));
/// assert_eq!(import_json(&json).unwrap().0, s);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn export_json(scenario: &Scenario, pins: &[Scenario]) -> Result<String, Error> {
    let export = Export::of(scenario, pins)?;
    serde_json::to_string_pretty(&export).map_err(|e| Error::single("export", "", e.to_string()))
}

/// Reads a JSON export ([`export_json`]) or a bare scenario and returns the scenario and the
/// export's pinned scenarios, checked as [`Scenario::from_tree`] checks them. A leading byte order mark is skipped. Native only (the
/// page's `importJson` reads with `JSON.parse` and [`import_tree`]).
///
/// # Errors
/// Text that is not JSON (`file: valid JSON (…)`, with the line and column); otherwise as
/// [`import_tree`], each problem naming its field.
///
/// ```
/// use headroom::model::import_json;
/// let err = import_json("{\"scenario\": {\"schemaVersion\": 1}}").unwrap_err();
/// assert_eq!(err.to_string(), "scenario.name: a value (the field is missing)");
/// let err = import_json("{\"scenario\": [1,}").unwrap_err();
/// assert_eq!(err.to_string(), "file: valid JSON (expected value at line 1 column 17)");
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn import_json(text: &str) -> Result<(Scenario, Vec<Scenario>), Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = serde_json::Deserializer::from_str(text);
    let tree = Tree::deserialize(&mut reader).and_then(|tree| reader.end().map(|()| tree));
    import_tree(tree.map_err(|e| Error::single("file", "", format!("valid JSON ({e})")))?)
}

/// The fields an export may have.
const EXPORT_FIELDS: &str = "schemaVersion, priceBook, scenario, estimate, timeline, pins, comparison, assumptions, deal, explanations, allocationWeights";

/// Reads an export (an object with a `scenario`) or a bare scenario from a value tree and
/// returns the scenario and the export's pinned scenarios (A first; none for a bare scenario or
/// an export without pins, at most three). An export's `schemaVersion` must be one this build
/// reads and its other fields known; its `estimate`, `timeline`, `comparison`,
/// `assumptions`, `deal`, `explanations`, `allocationWeights` and `priceBook` are not read (they
/// follow from the scenarios).
/// The scenario's problems are named by their path in the file (`scenario.` or `pins[i].`
/// first).
///
/// # Errors
/// An unknown, duplicate or newer export field, or whatever [`Scenario::from_tree`] refuses.
///
/// ```
/// use headroom::model::{FieldValue, Tree, import_tree};
/// let export = Tree::Object(vec![("scenario".into(), Tree::Leaf(FieldValue::Number(1.0)))]);
/// assert_eq!(import_tree(export).unwrap_err().to_string(), "scenario: an object");
/// ```
pub fn import_tree(tree: Tree) -> Result<(Scenario, Vec<Scenario>), Error> {
    let entries = match tree {
        Tree::Object(entries) if entries.iter().any(|(k, _)| k == "scenario") => entries,
        bare => return Scenario::from_tree(bare).map(|s| (s, Vec::new())),
    };
    let (mut scenario, mut pins) = (None, None);
    for (key, value) in entries {
        match key.as_str() {
            "scenario" | "pins" if (if key == "scenario" { scenario.is_some() } else { pins.is_some() }) => {
                return Err(Error::single(key.as_str(), "", "one value (the field is given twice)"));
            }
            "scenario" => scenario = Some(value),
            "pins" => pins = Some(value),
            "schemaVersion" => match value {
                Tree::Leaf(FieldValue::Number(v)) if (1.0..=f64::from(SCHEMA_VERSION)).contains(&v) => {}
                _ => {
                    let allowed = format!("1 to {SCHEMA_VERSION} (this build reads up to version {SCHEMA_VERSION})");
                    return Err(Error::single(key.as_str(), shown(&value), allowed));
                }
            },
            "priceBook" | "estimate" | "timeline" | "comparison" | "assumptions" | "deal" | "explanations"
            | "allocationWeights" => {}
            _ => return Err(Error::single(key.as_str(), "", format!("a field of an export: {EXPORT_FIELDS}"))),
        }
    }
    // There is one: the entries were chosen for it.
    let scenario = within("scenario", scenario.unwrap_or(Tree::Leaf(FieldValue::Clear)))?;
    let pins = match pins {
        None => Vec::new(),
        Some(Tree::List(pins)) if pins.len() <= MAX_PINS => {
            let read = |(i, pin): (usize, Tree)| within(&format!("pins[{i}]"), pin);
            pins.into_iter().enumerate().map(read).collect::<Result<_, _>>()?
        }
        Some(other) => {
            return Err(Error::single("pins", shown(&other), format!("a list of at most {MAX_PINS} scenarios")));
        }
    };
    Ok((scenario, pins))
}

/// The scenario of `tree`, its problems named by their path in the file (`at` first).
fn within(at: &str, tree: Tree) -> Result<Scenario, Error> {
    Scenario::from_tree(tree).map_err(|e| {
        // The reader names the whole scenario `scenario`.
        let inside = |p: &Problem| match p.path.as_str() {
            "scenario" => Problem::new(at, p.value.clone(), p.allowed.clone()),
            path => Problem::new(format!("{at}.{path}"), p.value.clone(), p.allowed.clone()),
        };
        Error::from_problems(e.problems().iter().map(inside).collect()).unwrap_or(e)
    })
}

/// A value of a tree for a message: a leaf as written, a group by its kind.
fn shown(tree: &Tree) -> String {
    match tree {
        Tree::Leaf(value) => value.to_string(),
        Tree::List(_) => "a list".into(),
        Tree::Object(_) => "an object".into(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn bad_json_says_where() {
        let cases = [
            ("", "EOF while parsing a value at line 1 column 0"),
            ("{\"a\" 1}", "expected `:` at line 1 column 6"),
            ("[1 2]", "expected `,` or `]` at line 1 column 4"),
            ("{\"a\": 1,\n \"b\": tru}", "expected ident at line 2 column 10"),
            ("01", "invalid number at line 1 column 2"),
            ("{} {}", "trailing characters at line 1 column 4"),
        ];
        for (text, expected) in cases {
            assert_eq!(
                import_json(text).unwrap_err().to_string(),
                format!("file: valid JSON ({expected})"),
                "{text:?}"
            );
        }
    }
}
