//! The estimate as CSV tables that data tools read in one call: each table its own CSV with one
//! header row and a fixed column set (`pandas.read_csv` with no options), numbers in full
//! precision (the shortest decimal that reads back to the same `f64`), money both in integer
//! cents and in dollars, text neutralised against formulas as the sectioned CSV does. The page
//! zips them ([`export_csv_tables`] gives the files); the bill alone is also a file of its own.

use serde::Serialize;

use super::csv::{Cell, Csv, number, text};
use super::{Plain, Report};
use crate::model::compare::Comparison;
use crate::model::error::Error;
use crate::model::outputs::{
    BILL, CUSTOMERS, DEAL, DEAL_RULES, FINDINGS, Figure, Output, SIZING, TIMELINE, UnitKind, Usd,
};
use crate::model::scenario::Scenario;

/// A number exactly: the shortest decimal that reads back to the same `f64` (Rust's own float
/// writer, which only the tools module carries), never in exponent form.
fn exact(x: f64) -> Cell<'static> {
    if x.is_finite() { number(x) } else { text("") }
}

/// One table of the export: its file name and its CSV text (UTF-8 with a byte order mark, CRLF
/// line ends, one header row).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Export.ts"))]
pub struct CsvTable {
    /// The file name, e.g. `bill.csv`.
    pub name: &'static str,
    /// The table as CSV.
    pub csv: String,
}

/// The headings of a row's columns: a money row has two, `<label> (cents)` and
/// `<label> (USD)`; any other its heading ([`Output::heading`]).
fn headings<T>(row: &Output<T>) -> Vec<String> {
    match row.unit {
        UnitKind::Cents => vec![format!("{} (cents)", row.label), format!("{} (USD)", row.label)],
        _ => vec![row.heading()],
    }
}

/// A figure's cells by its row: whole cents and dollars for money, a percent for a share of 1,
/// other numbers exactly, words as text; empty cells where the figure does not apply.
fn cells<'a, T>(row: &Output<T>, figure: Figure<'a>) -> Vec<Cell<'a>> {
    let money = |c: i64| vec![number(c), number(Usd(c))];
    match (figure, row.unit) {
        (Figure::Cents(c), _) => money(c),
        (Figure::Number(x), UnitKind::Cents) => money(x.round() as i64),
        (Figure::Absent, UnitKind::Cents) => vec![text(""), text("")],
        (Figure::Absent, _) => vec![text("")],
        (Figure::Text(t), _) => vec![Cell::Text(t)],
        (Figure::Number(x), UnitKind::Fraction) => vec![exact(x * 100.0)],
        (Figure::Number(x), _) => vec![exact(x)],
    }
}

/// A table of a row per item and the columns of `rows`.
fn table<T>(rows: &[Output<T>], items: &[T]) -> String {
    let mut csv = Csv(String::from('\u{feff}'));
    let heads: Vec<String> = rows.iter().flat_map(headings).collect();
    csv.row(&heads.iter().map(|h| text(h)).collect::<Vec<_>>());
    for item in items {
        csv.row(&rows.iter().flat_map(|r| cells(r, (r.get)(item))).collect::<Vec<_>>());
    }
    csv.0
}

/// A table of a row per figure of one item: the figure's id, label, value and unit (a number,
/// or words where the figure is words).
fn figures<T>(rows: &[Output<T>], item: &T) -> String {
    let mut csv = Csv(String::from('\u{feff}'));
    csv.row(&[text("Id"), text("Figure"), text("Value"), text("Unit")]);
    for r in rows {
        let value = match (r.get)(item) {
            Figure::Cents(c) => number(Usd(c)),
            Figure::Number(x) if r.unit == UnitKind::Fraction => exact(x * 100.0),
            Figure::Number(x) => exact(x),
            Figure::Text(t) => Cell::Text(t),
            Figure::Absent => text(""),
        };
        let unit = match r.unit {
            UnitKind::Cents | UnitKind::Usd => "USD",
            _ => r.unit_text(),
        };
        csv.row(&[text(r.id), text(r.label), value, text(unit)]);
    }
    csv.0
}

/// The comparison in long form: a row per figure and column (part, figure id, what, column,
/// scenario name, value, difference from A).
fn comparison(c: &Comparison) -> String {
    let mut csv = Csv(String::from('\u{feff}'));
    let head = ["Part", "Id", "What", "Column", "Scenario", "Value", "Difference from A"];
    csv.row(&head.map(text));
    let parts =
        [("Headline", &c.headline), ("Capacity", &c.capacity), ("Line item", &c.line_items), ("Cohort", &c.customers)];
    for (part, rows) in parts {
        for r in rows.iter() {
            for (i, column) in c.columns.iter().enumerate() {
                let note = r.notes.get(i).map_or("", |n| n.as_str());
                let value = r.values.get(i).copied().flatten().map_or(text(note), |x| exact(x));
                let difference = r.differences.get(i).copied().flatten().map_or(text(""), |x| exact(x));
                csv.row(&[text(part), text(r.id), text(&r.label), text(column), text(&c.names[i]), value, difference]);
            }
        }
    }
    csv.0
}

/// The scenario's estimate as CSV tables: `bill.csv`, `customers.csv`, `sizing.csv`,
/// `findings.csv`, `timeline.csv`, `assumptions.csv`, then `comparison.csv` with pins and
/// `deal.csv` and `deal-rules.csv` with a priced deal.
///
/// # Errors
/// Whatever [`evaluate`](crate::model::evaluate) refuses, for a pin under `pins[i].`.
///
/// ```
/// use headroom::model::{export_csv_tables, preset};
/// let tables = export_csv_tables(&preset("week9-baseline").unwrap(), &[]).unwrap();
/// let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
/// assert_eq!(names, ["bill.csv", "customers.csv", "sizing.csv", "findings.csv", "timeline.csv", "assumptions.csv"]);
/// assert!(tables[0].csv.starts_with("\u{feff}Component,Item,Quantity,Unit,Unit price USD,Amount (cents),Amount (USD)\r\n"));
/// ```
pub fn export_csv_tables(scenario: &Scenario, pins: &[Scenario]) -> Result<Vec<CsvTable>, Error> {
    let report = Report::new(scenario, pins)?;
    let e = &report.estimate;
    let mut out = vec![
        CsvTable { name: "bill.csv", csv: table(&BILL, &e.line_items) },
        CsvTable { name: "customers.csv", csv: table(&CUSTOMERS, &e.customers) },
        CsvTable { name: "sizing.csv", csv: figures(&SIZING, e) },
        CsvTable { name: "findings.csv", csv: table(&FINDINGS, &e.findings) },
        CsvTable { name: "timeline.csv", csv: table(&TIMELINE, &report.timeline.months) },
        CsvTable { name: "assumptions.csv", csv: assumptions(&report) },
    ];
    if let Some(c) = &report.comparison {
        out.push(CsvTable { name: "comparison.csv", csv: comparison(c) });
    }
    if let Some(Ok(d)) = &report.deal {
        out.push(CsvTable { name: "deal.csv", csv: table(&DEAL, std::slice::from_ref(d)) });
        out.push(CsvTable { name: "deal-rules.csv", csv: table(&DEAL_RULES, &d.allocated) });
    }
    Ok(out)
}

/// What the estimate rests on: the field or setting, its label, its value and unit.
fn assumptions(report: &Report) -> String {
    let mut csv = Csv(String::from('\u{feff}'));
    csv.row(&[text("Name"), text("Label"), text("Value"), text("Unit")]);
    for a in &report.assumptions() {
        let value = match &a.value {
            Plain::Text(t) | Plain::Link(t) => text(t),
            Plain::Number(x) => exact(*x),
        };
        csv.row(&[text(&a.name), text(&a.label), value, text(a.unit)]);
    }
    csv.0
}
