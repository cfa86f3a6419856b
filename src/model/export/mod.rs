//! Exports finance can file: a scenario's estimate as CSV ([`export_csv`]), as a Markdown
//! summary ([`export_markdown`]) and as JSON ([`export_json`]), and a JSON export (or a bare
//! scenario) read back ([`import_json`]).
//!
//! Every amount is written from the estimate's integer cents by integer arithmetic, so an
//! export's figures equal [`evaluate`]'s to the cent and its line items add up to its total.
//! Other numbers (quantities, unit prices, percents) are written without `f64`'s `Display`,
//! as the rest of the model does, to keep float formatting out of the WebAssembly.
//!
//! ```
//! use headroom::model::{export_csv, preset};
//! let csv = export_csv(&preset("week9-baseline").unwrap(), &[]).unwrap();
//! assert!(csv.starts_with("\u{feff}Line items\r\n"));
//! ```

mod csv;
mod json;
mod keys;
mod markdown;
mod tables;

use serde::Serialize;

pub use csv::export_csv;
pub use json::{BookRef, Export, import_tree};
#[cfg(not(target_arch = "wasm32"))]
pub use json::{export_json, import_json};
pub use keys::refuse_duplicate_keys;
pub use markdown::{Inert, export_markdown};
pub use tables::{CsvTable, export_csv_tables};

use super::compare::{Comparison, MAX_PINS, Pin, Row, compare};
use super::currency::{Converted, CurrencyFigures};
use super::deal::{Deal, deal_of};
use super::error::Error;
use super::estimate::{Estimate, evaluate};
use super::fields::{Change, FieldPath, FieldValue, Value};
use super::link::write_pinned;
use super::outputs::{Figure, Output, TOTALS, UnitKind, product};
use super::pricebook::{PriceBook, PriceId};
use super::scenario::Allocation;
use super::scenario::Scenario;
use super::text::Num;
use super::timeline::{Timeline, timeline};

/// The converted figures with their names, as the exports list them: each totals row that
/// has a converted amount ([`Output::converted`]), by its label, then with usage ranges the
/// monthly cost's low and high.
fn converted(c: &CurrencyFigures) -> Vec<(String, Option<Converted>)> {
    let at = |path: &str| match path {
        "currency.monthlyCost" => Some(c.monthly_cost),
        "currency.costPerCustomer" => c.cost_per_customer,
        "currency.monthlyRevenue" => Some(c.monthly_revenue),
        _ => None,
    };
    let rows = TOTALS.iter().filter(|o| !o.converted.is_empty());
    let mut out: Vec<(String, Option<Converted>)> = rows.map(|o| (o.label.to_string(), at(o.converted))).collect();
    if let (Some(low), Some(high)) = (c.low_monthly_cost, c.high_monthly_cost) {
        let cost = TOTALS[0].label;
        out.extend([(format!("{cost}, low"), Some(low)), (format!("{cost}, high"), Some(high))]);
    }
    out
}

/// A comparison row's value `x` as a figure of its output row `o`: cents for money.
fn figure(o: &Output<()>, x: f64) -> Figure<'static> {
    if o.unit == UnitKind::Cents { Figure::Cents(x.round() as i64) } else { Figure::Number(x) }
}

/// An allocation rule's share of a deal for people, as the page shows it: `Share by usage`.
fn rule_name(rule: Allocation) -> &'static str {
    match rule {
        Allocation::Equal => "Equal share",
        Allocation::ByUsage => "Share by usage",
        Allocation::ByAcv => "Share by ACV",
    }
}

/// One row of a deal for people: a basis (incremental, or a rule's share), its cost a month,
/// the margin on it and the lowest ACV for the target (`None`: any ACV keeps it).
struct DealRow {
    basis: &'static str,
    cents: i64,
    margin_pct: Option<f64>,
    lowest_usd: Option<f64>,
    /// The scenario's own rule.
    own: bool,
}

/// A deal's rows: its incremental cost, then its share under each rule.
fn deal_rows(d: &Deal) -> Vec<DealRow> {
    let incremental = DealRow {
        basis: "Incremental",
        cents: d.incremental_monthly_cents,
        margin_pct: d.incremental_margin_pct,
        lowest_usd: Some(d.min_acv_incremental_usd),
        own: false,
    };
    let shares = d.allocated.iter().map(|r| DealRow {
        basis: rule_name(r.rule),
        cents: r.allocated_monthly_cents,
        margin_pct: r.gross_margin_pct,
        lowest_usd: r.min_acv_usd,
        own: r.rule == d.headline_rule,
    });
    std::iter::once(incremental).chain(shares).collect()
}

/// Whole cents of a USD amount (ACVs), half away from zero.
fn cents(usd: f64) -> i64 {
    super::cost::to_cents(usd)
}

/// A comparison row's name: a line item's product and label (the label alone when it starts
/// with the product, `Cloud Run requests`), or the row's label.
fn row_name(row: &Row) -> String {
    match row.component {
        Some(c) if !row.label.starts_with(product(c)) => format!("{}: {}", product(c), row.label),
        _ => row.label.clone(),
    }
}

/// An input's value as plain text: a number as the link writes it, a switch `on`/`off`, a list
/// comma-separated; empty where the column lacks the field.
fn input_text(value: Option<&FieldValue>) -> String {
    match value {
        Some(FieldValue::Number(x)) => Num(*x).to_string(),
        Some(FieldValue::Bool(b)) => (if *b { "on" } else { "off" }).into(),
        Some(FieldValue::Text(t)) => t.clone(),
        Some(FieldValue::List(items)) => items.join(", "),
        Some(FieldValue::Clear) | None => String::new(),
    }
}

/// An assumption's value: text, a number, or the share link (written as text).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Export.ts"))]
pub enum Plain {
    /// Text, e.g. a name or a choice.
    Text(String),
    /// A number in the unit of its row.
    Number(f64),
    /// `#` and the link fragment: letters, digits, percent escapes and
    /// `-._~!$'()*+,;:@/?=&#`, never a backtick, a space or a line break, so a Markdown code
    /// span holds it as it is.
    Link(String),
}

/// One row of an export's assumptions: what it is, its value and its unit (or empty).
///
/// ```
/// let s = headroom::model::preset("week9-baseline").unwrap();
/// let export = headroom::model::Export::of(&s, &[]).unwrap();
/// let book = export.assumptions.iter().find(|a| a.name == "Price book").unwrap();
/// assert_eq!(book.value, headroom::model::Plain::Text("gcp-us-central1-2026-11".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Export.ts"))]
pub struct Assumption {
    /// What it is: a label, or a field path for an input changed from the defaults.
    pub name: String,
    /// What it is for people: the field's label, after its cohort's or fixed line's name
    /// (`Customer #2: Peak QPS`); the same as `name` outside the field table.
    pub label: String,
    /// Its value.
    pub value: Plain,
    /// The unit of a number, or empty.
    pub unit: &'static str,
}

/// A scenario with its estimate, timeline and price book, and the pinned scenarios it is
/// compared with: what every export writes from.
struct Report<'a> {
    scenario: &'a Scenario,
    estimate: Estimate,
    timeline: Timeline,
    book: &'static PriceBook,
    pins: &'a [Scenario],
    /// The pins beside the scenario; `None` without pins.
    comparison: Option<Comparison>,
    /// The scenario's deal priced, or why it cannot be; `None` without a deal.
    deal: Option<Result<Deal, Error>>,
}

impl<'a> Report<'a> {
    /// The report of `scenario` compared with `pins` (A first, at most [`MAX_PINS`]).
    fn new(scenario: &'a Scenario, pins: &'a [Scenario]) -> Result<Report<'a>, Error> {
        if pins.len() > MAX_PINS {
            let allowed = format!("at most {MAX_PINS} pinned scenarios");
            return Err(Error::single("pins", format!("{} pinned scenarios", pins.len()), allowed));
        }
        let estimate = evaluate(scenario)?;
        let book = PriceBook::find(estimate.price_book)?;
        let timeline = timeline(scenario)?;
        let pinned =
            pins.iter().enumerate().map(|(i, p)| Pin::new(p.clone()).map_err(|e| e.under(&format!("pins[{i}]."))));
        let pinned: Vec<Pin> = pinned.collect::<Result<_, _>>()?;
        let comparison = (!pinned.is_empty()).then(|| compare(&pinned, (scenario, &estimate)));
        let deal = deal_of(scenario).transpose();
        Ok(Report { scenario, estimate, timeline, book, pins, comparison, deal })
    }

    /// The allocation rule for people, e.g. `By usage`.
    fn allocation(&self) -> &'static str {
        let (Ok(at), Ok(FieldValue::Text(value))) = (FieldPath::parse("allocation"), self.scenario.get("allocation"))
        else {
            return "";
        };
        at.field.options.iter().find(|c| c.value == value).map_or("", |c| c.label)
    }

    /// The share link: `#` and the scenario and its pins as a link fragment.
    fn link(&self) -> String {
        format!("#{}", write_pinned(self.scenario, self.pins.iter()))
    }

    /// What the estimate rests on: the scenario's name, the price book and its date, the
    /// schema version, the allocation rule, the currency, the share link, then every input
    /// that differs from the defaults ([`Scenario::changes`]), one per row by path.
    /// The name of item `i` of list `list` for people: a cohort's name, a fixed line's label.
    fn item_name(&self, list: &str, i: usize) -> String {
        match list {
            "customers" => {
                self.scenario.customers.get(i).map_or_else(|| format!("Cohort {}", i + 1), |c| c.name.clone())
            }
            _ => self
                .scenario
                .operations
                .fixed_lines
                .get(i)
                .map_or_else(|| format!("Fixed line {}", i + 1), |l| l.label.clone()),
        }
    }

    /// A field for people: its label, after its item's name inside a list, after the price's
    /// label for a price override.
    fn label_of(&self, at: &FieldPath) -> String {
        let label = at.field.label;
        if let Some((list, _)) = at.field.path.split_once("[]") {
            format!("{}: {label}", self.item_name(list, at.index))
        } else if !at.key.is_empty() {
            let price = PriceId::from_id(at.key).map_or(at.key, |id| self.book.entry(id).label);
            format!("{label}: {price}")
        } else {
            label.into()
        }
    }

    fn assumptions(&self) -> Vec<Assumption> {
        let text = |name: &str, value: String| Assumption {
            name: name.into(),
            label: name.into(),
            value: Plain::Text(value),
            unit: "",
        };
        let mut out = vec![
            text("Scenario", self.scenario.name.clone()),
            text("Price book", self.book.id.into()),
            text("Price book date", self.book.seen.into()),
            Assumption {
                name: "Schema version".into(),
                label: "Schema version".into(),
                value: Plain::Number(f64::from(self.scenario.schema_version)),
                unit: "",
            },
            text("Allocation rule", self.allocation().into()),
            text("Currency", self.scenario.currency.code.code().into()),
            Assumption {
                name: "Share link".into(),
                label: "Share link".into(),
                value: Plain::Link(self.link()),
                unit: "",
            },
        ];
        out.extend(self.scenario.changes().iter().map(|change| match change {
            Change::Length(list, n) => Assumption {
                name: format!("{}[]", list.path),
                label: if list.path == "customers" { "Cohorts" } else { "Fixed lines" }.into(),
                value: Plain::Number(*n as f64),
                unit: "items",
            },
            Change::Template(i) => Assumption {
                label: format!("{}: usage", self.item_name("customers", *i)),
                ..text(&format!("customers[{i}].profile"), "the typical customer's".into())
            },
            Change::Value(leaf) => {
                let value = match leaf.value {
                    Value::Number(x) => Plain::Number(x),
                    Value::Bool(b) => Plain::Text(b.to_string()),
                    Value::Text(t) => Plain::Text(t.into()),
                    Value::List(items) => Plain::Text(items.join(", ")),
                };
                Assumption {
                    name: leaf.at.to_string(),
                    label: self.label_of(&leaf.at),
                    value,
                    unit: leaf.at.field.unit,
                }
            }
        }));
        out
    }
}
