//! Side by side: up to [`MAX_PINS`] pinned scenarios (A, B, C) beside the current one, each
//! headed by its label and its scenario's name (a pin's name is its scenario's `name`): the
//! inputs that differ, every headline figure, the capacity at peak (headroom, what binds, p95,
//! CPU, the worst finding), every line item and customer cost, each figure with its
//! difference from A.
//!
//! Rows are matched by what they are, not by position: line items by product and label,
//! customers by cohort name (a repeated name by its occurrence). A row missing from a column
//! has no value there and counts as zero in a difference, so the line items' differences add
//! up exactly to the monthly cost's difference.

use serde::Serialize;

use super::cost::Component;
use super::error::Error;
use super::estimate::{Estimate, evaluate};
use super::fields::FieldValue;
use super::outputs::{BILL, COMPARISON, CUSTOMERS, Figure, Output, UnitKind};
use super::scenario::Scenario;

/// Most scenarios pinned at once.
pub const MAX_PINS: usize = 3;

/// The labels of the pinned columns, in pin order; the current scenario's column is [`NOW`].
pub const PIN_LABELS: [&str; MAX_PINS] = ["A", "B", "C"];

/// The label of the current scenario's column.
pub const NOW: &str = "Now";

/// A pinned scenario and its estimate (computed once, when pinned).
#[derive(Debug, Clone, PartialEq)]
pub struct Pin {
    /// The scenario as it was pinned.
    pub scenario: Scenario,
    /// Its estimate.
    pub estimate: Estimate,
}

impl Pin {
    /// Pins `scenario`, evaluating it.
    ///
    /// # Errors
    /// The scenario's problems (see [`evaluate`]).
    pub fn new(scenario: Scenario) -> Result<Pin, Error> {
        let estimate = evaluate(&scenario)?;
        Ok(Pin { scenario, estimate })
    }
}

/// One figure across the columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Compare.ts"))]
pub struct Row {
    /// The id of the output row its values are figures of (see [`Row::output`]): a headline
    /// or capacity row's (`totals.monthlyCostCents`), a bill line's amount (`amountCents`) or
    /// a cohort's share (`allocatedMonthlyCents`).
    pub id: &'static str,
    /// What it is: its output row's label, a line item's label or a cohort's name.
    pub label: String,
    /// The product of a line item; `None` for other rows.
    pub component: Option<Component>,
    /// One value a column; `None` where the column has no such row or figure.
    pub values: Vec<Option<f64>>,
    /// Each column's value less column A's (a missing row as zero; `None` for a figure one of
    /// the two lacks, such as a margin without revenue, and for words); A's own entry is zero.
    pub differences: Vec<Option<f64>>,
    /// Words for each column without a value: what binds, a severity, `saturated` for a
    /// latency; empty (the list, or a column's entry) where there are none, and a column
    /// without a value and without words reads as a dash.
    pub notes: Vec<String>,
}

/// The id of a line item's row: the bill's amount.
const LINE_ID: &str = "amountCents";
/// The id of a cohort's row: its allocated share.
const COHORT_ID: &str = "allocatedMonthlyCents";

impl Row {
    /// The output row whose figures the values are, for their unit and format.
    pub fn output(&self) -> Output<()> {
        let bill = BILL.iter().map(Output::erased);
        let cohorts = CUSTOMERS.iter().map(Output::erased);
        let mut all = COMPARISON.iter().map(Output::erased).chain(bill).chain(cohorts);
        // Every row is made with one of these ids.
        all.find(|o| o.id == self.id).unwrap_or(COMPARISON[0].erased())
    }
}

/// An input that differs between the columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Compare.ts"))]
pub struct InputRow {
    /// The field's path, e.g. `customers[1].profile.peakQps`.
    pub path: String,
    /// The field's label, e.g. `Peak QPS`.
    pub label: String,
    /// The input for people: its label after its cohort's or fixed line's name
    /// (`Customer #1: Peak QPS`), or its number where the columns name it differently
    /// (`Cohort 2: Peak QPS`); a price override's label and key; or the label alone.
    pub name: String,
    /// The field's unit (may be empty).
    pub unit: &'static str,
    /// One value a column; `None` where the column lacks the field (a shorter list).
    #[cfg_attr(test, ts(type = "Array<number | boolean | string | string[] | null>"))]
    pub values: Vec<Option<FieldValue>>,
}

/// The pinned scenarios beside the current one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Compare.ts"))]
pub struct Comparison {
    /// Column labels: `A`, `B`, … for the pins, then [`NOW`]; a column's heading is its
    /// label and name, `A: <name>`.
    pub columns: Vec<&'static str>,
    /// Each column's scenario name (a pin's name: see [`Planner::rename_pin`](super::Planner::rename_pin)).
    pub names: Vec<String>,
    /// Headline figures: monthly cost, revenue, gross margin, cost as % of ACV, cost per
    /// customer, customers.
    pub headline: Vec<Row>,
    /// Capacity at peak: headroom (capacity at max instances / peak), what binds it, latency
    /// p95, CPU busy, and the worst finding's severity (`none` below low).
    pub capacity: Vec<Row>,
    /// The bill, line by line (each product's lines in the order they first appear).
    pub line_items: Vec<Row>,
    /// Each cohort's monthly share of the cost.
    pub customers: Vec<Row>,
    /// The inputs that are not the same in every column, in field-table order.
    pub inputs: Vec<InputRow>,
}

/// Compares the pinned scenarios (A first) with the current one.
///
/// ```
/// use headroom::model::{FieldValue, Planner, compare::NOW};
/// let mut p = Planner::from_preset("phase1-3-customers").unwrap();
/// p.pin().unwrap();
/// p.set("network.cdn", FieldValue::Bool(true)).unwrap();
/// let c = p.comparison();
/// assert_eq!(c.columns, ["A", NOW]);
/// let cost = &c.headline[0];
/// let (a, now) = (p.pins()[0].estimate.totals.monthly_cost_cents, p.estimate().totals.monthly_cost_cents);
/// assert_eq!(cost.differences[1], Some((now - a) as f64));
/// assert_eq!(c.inputs[0].path, "network.cdn");
/// ```
pub fn compare(pins: &[Pin], now: (&Scenario, &Estimate)) -> Comparison {
    let scenarios: Vec<&Scenario> = pins.iter().map(|p| &p.scenario).chain([now.0]).collect();
    let estimates: Vec<&Estimate> = pins.iter().map(|p| &p.estimate).chain([now.1]).collect();
    let mut columns: Vec<&'static str> = PIN_LABELS.iter().copied().take(pins.len()).collect();
    columns.push(NOW);
    Comparison {
        columns,
        names: scenarios.iter().map(|s| s.name.clone()).collect(),
        headline: figures(COMPARISON.iter().filter(is_headline), &estimates),
        capacity: figures(COMPARISON.iter().filter(|o| !is_headline(o)), &estimates),
        line_items: line_items(&estimates),
        customers: customers(&estimates),
        inputs: inputs(&scenarios),
    }
}

/// A row of money `values` (a line item's or a cohort's) with their differences from the
/// first; a missing line or cohort costs nothing.
fn row(id: &'static str, label: impl Into<String>, component: Option<Component>, values: Vec<Option<f64>>) -> Row {
    let first = values.first().copied().flatten().unwrap_or(0.0);
    let differences = values.iter().map(|v| Some(v.unwrap_or(0.0) - first)).collect();
    Row { id, label: label.into(), component, values, differences, notes: Vec::new() }
}

/// The rows of `outputs` across `estimates`: each column's figure, its difference from the
/// first (none where either lacks a number; a missing amount counts as zero) and its words
/// (a text figure's, or what a missing value reads as).
fn figures<'o>(outputs: impl Iterator<Item = &'o Output<Estimate>>, estimates: &[&Estimate]) -> Vec<Row> {
    outputs
        .map(|o| {
            let figures: Vec<Figure> = estimates.iter().map(|e| (o.get)(e)).collect();
            let values: Vec<Option<f64>> = figures.iter().map(Figure::value).collect();
            let first = values.first().copied().flatten();
            let money = o.unit == UnitKind::Cents;
            let differences = values
                .iter()
                .map(|v| if money { Some(v.unwrap_or(0.0) - first.unwrap_or(0.0)) } else { Some((*v)? - first?) })
                .collect();
            let notes = figures
                .iter()
                .map(|f| match f {
                    Figure::Text(t) => t.to_string(),
                    Figure::Absent => o.absent.to_string(),
                    Figure::Cents(_) | Figure::Number(_) => String::new(),
                })
                .collect();
            Row { id: o.id, label: o.label.into(), component: None, values, differences, notes }
        })
        .collect()
}

/// Headline rows are the totals'; the others are capacity rows.
fn is_headline(o: &&Output<Estimate>) -> bool {
    o.id.starts_with("totals.")
}

/// Keys in the order they first appear across the columns, each with its value per column.
fn union<K: PartialEq + Clone>(columns: &[Vec<(K, f64)>]) -> Vec<(K, Vec<Option<f64>>)> {
    let mut out: Vec<(K, Vec<Option<f64>>)> = Vec::new();
    for (c, items) in columns.iter().enumerate() {
        for (key, value) in items {
            let at = match out.iter().position(|(k, _)| k == key) {
                Some(at) => at,
                None => {
                    out.push((key.clone(), vec![None; columns.len()]));
                    out.len() - 1
                }
            };
            out[at].1[c] = Some(out[at].1[c].unwrap_or(0.0) + value);
        }
    }
    out
}

fn line_items(estimates: &[&Estimate]) -> Vec<Row> {
    let columns: Vec<Vec<((Component, String), f64)>> = estimates
        .iter()
        .map(|e| e.line_items.iter().map(|l| ((l.component, l.label.to_string()), l.amount_cents as f64)).collect())
        .collect();
    let rows = union(&columns);
    // By product, in the bill's order (no sort: a library sort costs the page kilobytes of wasm).
    let of = |c: Component| rows.iter().filter(move |((component, _), _)| *component == c);
    let ordered = Component::ALL.into_iter().flat_map(of);
    ordered.map(|((component, label), values)| row(LINE_ID, label.clone(), Some(*component), values.clone())).collect()
}

fn customers(estimates: &[&Estimate]) -> Vec<Row> {
    let columns: Vec<Vec<(String, f64)>> = estimates
        .iter()
        .map(|e| {
            let mut seen: Vec<&str> = Vec::new();
            e.customers
                .iter()
                .map(|c| {
                    let repeat = seen.iter().filter(|n| **n == c.name).count();
                    seen.push(&c.name);
                    let key = if repeat == 0 { c.name.clone() } else { format!("{} ({})", c.name, repeat + 1) };
                    (key, c.allocated_monthly_cents as f64)
                })
                .collect()
        })
        .collect();
    union(&columns).into_iter().map(|(name, values)| row(COHORT_ID, name, None, values)).collect()
}

/// [`InputRow::name`] of the field at `path` labelled `label`, in `scenarios`' columns: a
/// cohort's or fixed line's field after its name where every column that has it names it
/// alike, else after its number.
fn input_name(path: &str, label: &str, scenarios: &[&Scenario]) -> String {
    let index = |list: &str| {
        let rest = path.strip_prefix(list)?.strip_prefix('[')?;
        rest.split(']').next()?.parse::<usize>().ok()
    };
    // The one name the columns give item `i`, if they agree.
    let agreed = |names: Vec<&str>| names.iter().all(|n| *n == names[0]).then(|| names[0].to_owned());
    if let Some(i) = index("customers") {
        let names = scenarios.iter().filter_map(|s| s.customers.get(i)).map(|c| c.name.as_str()).collect();
        let whose = agreed(names).filter(|n| !n.trim().is_empty()).unwrap_or(format!("Cohort {}", i + 1));
        format!("{whose}: {label}")
    } else if let Some(i) = index("operations.fixedLines") {
        let lines = scenarios.iter().filter_map(|s| s.operations.fixed_lines.get(i));
        let whose = agreed(lines.map(|l| l.label.as_str()).collect()).filter(|n| !n.trim().is_empty());
        format!("{}: {label}", whose.unwrap_or(format!("Fixed line {}", i + 1)))
    } else if let Some(key) = path.strip_prefix("priceOverrides.") {
        format!("{label}: {key}")
    } else {
        label.to_owned()
    }
}

fn inputs(scenarios: &[&Scenario]) -> Vec<InputRow> {
    let columns: Vec<Vec<(String, FieldValue, &'static str, &'static str)>> = scenarios
        .iter()
        .map(|s| {
            s.leaves()
                .filter(|leaf| leaf.at.field.path != "name")
                .map(|leaf| (leaf.at.to_string(), leaf.value.to_owned(), leaf.at.field.label, leaf.at.field.unit))
                .collect()
        })
        .collect();
    let mut rows: Vec<InputRow> = Vec::new();
    for (c, leaves) in columns.iter().enumerate() {
        for (path, value, label, unit) in leaves {
            let at = match rows.iter().position(|r| &r.path == path) {
                Some(at) => at,
                None => {
                    let values = vec![None; columns.len()];
                    let name = input_name(path, label, scenarios);
                    rows.push(InputRow { path: path.clone(), label: (*label).into(), name, unit, values });
                    rows.len() - 1
                }
            };
            rows[at].values[c] = Some(value.clone());
        }
    }
    rows.retain(|r| r.values.iter().any(|v| v != &r.values[0]));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Planner, evaluate, preset};

    fn planner(id: &str) -> Planner {
        Planner::from_preset(id).unwrap()
    }

    #[test]
    fn line_item_differences_add_up_to_the_cost_difference() {
        let mut p = planner("phase2-10-customers");
        p.pin().unwrap();
        p.set("network.cdn", FieldValue::Bool(false)).unwrap();
        p.set("customers", FieldValue::Number(14.0)).unwrap();
        let c = p.comparison();
        let total: f64 = c.line_items.iter().map(|r| r.differences[1].unwrap()).sum();
        let expected = p.estimate().totals.monthly_cost_cents - p.pins()[0].estimate.totals.monthly_cost_cents;
        assert_eq!(total, expected as f64);
        assert_eq!(c.headline[0].differences[1], Some(expected as f64));
        // Each column's line items add up to its own total.
        for (col, e) in [&p.pins()[0].estimate, p.estimate()].iter().enumerate() {
            let sum: f64 = c.line_items.iter().filter_map(|r| r.values[col]).sum();
            assert_eq!(sum, e.totals.monthly_cost_cents as f64);
        }
    }

    #[test]
    fn a_line_only_one_column_has_is_missing_in_the_other() {
        let mut p = planner("phase1-3-customers");
        p.pin().unwrap();
        p.set("redis.enabled", FieldValue::Bool(!p.scenario().redis.enabled)).unwrap();
        let c = p.comparison();
        let redis: Vec<&Row> = c.line_items.iter().filter(|r| r.component == Some(Component::Redis)).collect();
        assert!(!redis.is_empty());
        for r in redis {
            assert!(r.values[0].is_none() != r.values[1].is_none(), "{}: in exactly one column", r.label);
            let only = r.values[0].or(r.values[1]).unwrap();
            let sign = if r.values[0].is_some() { -1.0 } else { 1.0 };
            assert_eq!(r.differences[1], Some(sign * only));
        }
    }

    #[test]
    fn changed_inputs_are_listed_with_each_columns_value() {
        let mut p = planner("phase1-3-customers");
        p.pin().unwrap();
        p.set("cloudRun.minInstances", FieldValue::Number(3.0)).unwrap();
        p.pin().unwrap();
        p.set("customers[0].profile.peakQps", FieldValue::Number(123.0)).unwrap();
        let c = p.comparison();
        assert_eq!(c.columns, ["A", "B", NOW]);
        let paths: Vec<&str> = c.inputs.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["customers[0].profile.peakQps", "cloudRun.minInstances"]);
        let min = &c.inputs[1];
        let a = p.pins()[0].scenario.cloud_run.min_instances as f64;
        assert_eq!(
            min.values,
            [Some(FieldValue::Number(a)), Some(FieldValue::Number(3.0)), Some(FieldValue::Number(3.0))]
        );
        assert_eq!(min.label, "Min instances per region");
        // People read an input by its label, after its cohort's name for a cohort's field.
        let names: Vec<&str> = c.inputs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Customer #1: Peak QPS", "Min instances per region"]);
        // A cohort the columns name differently goes by its number.
        p.set("customers[0].name", FieldValue::Text("Acme".into())).unwrap();
        let c = p.comparison();
        let peak = c.inputs.iter().find(|r| r.path == "customers[0].profile.peakQps").unwrap();
        assert_eq!(peak.name, "Cohort 1: Peak QPS");
    }

    #[test]
    fn cohorts_match_by_name_and_a_missing_cohort_counts_as_zero() {
        let mut p = planner("phase1-3-customers");
        p.pin().unwrap();
        p.change(|s| s.add_cohort("Prospect")).unwrap();
        let c = p.comparison();
        let prospect = c.customers.iter().find(|r| r.label == "Prospect").unwrap();
        assert_eq!(prospect.values[0], None);
        let share = p.estimate().customers.iter().find(|x| x.name == "Prospect").unwrap().allocated_monthly_cents;
        assert_eq!(prospect.differences[1], Some(share as f64));
        assert_eq!(c.customers.len(), p.estimate().customers.len());
    }

    /// The words for a severity as the estimate's JSON writes it (`"high"`), or `none` for info.
    fn severity_words(e: &Estimate) -> String {
        let json = serde_json::to_value(e.findings[0].severity).unwrap();
        let words = json.as_str().unwrap().to_string();
        if words == "info" { "none".into() } else { words }
    }

    #[test]
    fn capacity_rows_are_each_columns_own_sizing_and_worst_finding() {
        let mut p = planner("phase2-10-customers");
        p.pin().unwrap();
        // B: two instances a region at most and ten times the peak: saturated.
        p.set("cloudRun.maxInstances", FieldValue::Number(2.0)).unwrap();
        let qps = p.knobs().peak_qps_per_customer * 10.0;
        p.set("peakQpsPerCustomer", FieldValue::Number(qps)).unwrap();
        p.pin().unwrap();
        p.set("cloudRun.maxInstances", FieldValue::Number(40.0)).unwrap();
        p.set("customers", FieldValue::Number(4.0)).unwrap();
        let c = p.comparison();
        // Each column's estimate, evaluated here from its scenario.
        let scenarios: Vec<Scenario> =
            p.pins().iter().map(|x| x.scenario.clone()).chain([p.scenario().clone()]).collect();
        let own: Vec<Estimate> = scenarios.iter().map(|s| evaluate(s).unwrap()).collect();
        let labels: Vec<&str> = c.capacity.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Headroom (capacity / peak)",
                "What binds capacity",
                "Latency p95 at peak",
                "CPU at peak",
                "Worst finding"
            ]
        );
        let [headroom, binds, p95, cpu, worst] = &c.capacity[..] else { unreachable!() };
        for (i, e) in own.iter().enumerate() {
            let s = &e.sizing;
            assert_eq!(headroom.values[i], s.headroom_ratio);
            assert_eq!(
                headroom.differences[i],
                Some(s.headroom_ratio.unwrap() - own[0].sizing.headroom_ratio.unwrap())
            );
            let bound = serde_json::to_value(s.capacity_bound).unwrap();
            assert_eq!(binds.notes[i].to_lowercase(), bound.as_str().unwrap().to_lowercase());
            assert_eq!(p95.values[i], s.latency_p95_ms);
            assert_eq!(cpu.values[i], Some(s.cpu_utilization_at_peak));
            assert_eq!(worst.notes[i], severity_words(e));
        }
        // B is saturated: no p95, said in words; its worst finding is critical; A and Now are not.
        assert!(headroom.values[1].unwrap() < 1.0);
        assert_eq!((p95.values[1], p95.notes[1].as_str(), p95.differences[1]), (None, "saturated", None));
        assert_eq!(worst.notes[1], "critical");
        assert!(p95.values[0].is_some() && p95.values[2].is_some());
        assert_eq!(
            p95.differences[2],
            Some(own[2].sizing.latency_p95_ms.unwrap() - own[0].sizing.latency_p95_ms.unwrap())
        );
        let cpu_pct = |e: &Estimate| e.sizing.cpu_utilization_at_peak;
        assert_eq!(cpu.differences[2], Some(cpu_pct(&own[2]) - cpu_pct(&own[0])));
        assert_eq!(worst.values, [None, None, None]);
    }

    #[test]
    fn a_margin_without_revenue_has_no_difference() {
        let mut p = planner("week9-baseline");
        let mut free = preset("week9-baseline").unwrap();
        free.customers[0].profile.acv_usd = 0.0;
        p.replace(free).unwrap();
        p.pin().unwrap();
        p.set("customers[0].profile.acvUsd", FieldValue::Number(12_000.0)).unwrap();
        let c = p.comparison();
        let margin = c.headline.iter().find(|r| r.id == "totals.grossMarginPct").unwrap();
        assert_eq!(margin.label, "Gross margin");
        assert_eq!(margin.values[0], None);
        assert_eq!(margin.differences[1], None);
    }

    #[test]
    fn pins_travel_in_the_link_and_bad_pins_are_named() {
        let mut p = planner("phase1-3-customers");
        for customers in [4.0, 5.0, 6.0] {
            p.pin().unwrap();
            p.set("customers", FieldValue::Number(customers)).unwrap();
        }
        let err = p.pin().unwrap_err();
        assert_eq!(err.to_string(), "pins = 4 pinned scenarios: allowed at most 3 pinned scenarios: unpin one first");
        let link = p.link();
        assert_eq!(link.matches("&&").count(), 3);
        let back = Planner::from_link(&format!("#{link}")).unwrap();
        assert_eq!(back.comparison(), p.comparison());
        // Each part is a whole link with its own checksum; one changed by hand is named.
        let parts: Vec<&str> = link.split("&&").collect();
        let tampered = format!("{}&&{}&&{}x", parts[0], parts[1], parts[2]);
        let err = Planner::from_link(&tampered).unwrap_err();
        assert_eq!(err.problems()[0].path, "pins[1].link");
        let five = format!("{link}&&{}", parts[1]);
        assert_eq!(Planner::from_link(&five).unwrap_err().problems()[0].path, "pins");
        // A link without pins reads as before.
        assert!(Planner::from_link(parts[0]).unwrap().pins().is_empty());
        p.unpin(0).unwrap();
        assert_eq!(p.comparison().columns, ["A", "B", NOW]);
        assert_eq!(p.unpin(5).unwrap_err().problems()[0].path, "pins[5]");
    }

    #[test]
    fn replacing_the_scenario_keeps_the_pins() {
        let mut p = planner("week9-baseline");
        p.pin().unwrap();
        p.replace(preset("phase2-10-customers").unwrap()).unwrap();
        let c = p.comparison();
        assert_eq!(c.names, [preset("week9-baseline").unwrap().name, preset("phase2-10-customers").unwrap().name]);
    }
}
