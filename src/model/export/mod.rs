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

use std::fmt;

use serde::Serialize;

pub use csv::export_csv;
pub use json::{BookRef, Export, import_tree};
#[cfg(not(target_arch = "wasm32"))]
pub use json::{export_json, import_json};
pub use keys::refuse_duplicate_keys;
pub use markdown::{Inert, export_markdown};

use super::compare::{Comparison, MAX_PINS, Pin, Row, compare};
use super::cost::Component;
use super::error::Error;
use super::estimate::{Estimate, evaluate};
use super::fields::{Change, FieldPath, FieldValue, Value};
use super::link::write_pinned;
use super::pricebook::PriceBook;
use super::scenario::Scenario;
use super::text::Num;
use super::timeline::{Timeline, timeline};

/// An amount in US cents written as dollars with exactly two decimals, by integer arithmetic
/// (no float formatting): `-12.50`. The alternate form (`{:#}`) is for people: a dollar sign
/// and thousands separators, `-$1,234.50`.
///
/// ```
/// use headroom::model::Usd;
/// assert_eq!(Usd(-1250).to_string(), "-12.50");
/// assert_eq!(Usd(5).to_string(), "0.05");
/// assert_eq!(format!("{:#}", Usd(123_456_789)), "$1,234,567.89");
/// assert_eq!(format!("{:#}", Usd(-99)), "-$0.99");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usd(pub i64);

impl fmt::Display for Usd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cents = self.0.unsigned_abs();
        let (dollars, rest) = (cents / 100, cents % 100);
        let sign = if self.0 < 0 { "-" } else { "" };
        if !f.alternate() {
            return write!(f, "{sign}{dollars}.{rest:02}");
        }
        let digits = dollars.to_string();
        write!(f, "{sign}$")?;
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                f.write_str(",")?;
            }
            write!(f, "{digit}")?;
        }
        write!(f, ".{rest:02}")
    }
}

/// A product's name for people, as the page shows it.
pub(crate) fn product(component: Component) -> &'static str {
    match component {
        Component::CloudRun => "Cloud Run",
        Component::Firestore => "Firestore",
        Component::LoadBalancing => "Load balancing",
        Component::Egress => "Internet egress",
        Component::Cdn => "Cloud CDN",
        Component::Armor => "Cloud Armor",
        Component::Redis => "Redis",
        Component::Observability => "Logs, metrics",
        Component::Fixed => "Fixed lines",
        Component::Discount => "Discounts",
    }
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
        Ok(Report { scenario, estimate, timeline, book, pins, comparison })
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
    fn assumptions(&self) -> Vec<Assumption> {
        let text = |name: &str, value: String| Assumption { name: name.into(), value: Plain::Text(value), unit: "" };
        let mut out = vec![
            text("Scenario", self.scenario.name.clone()),
            text("Price book", self.book.id.into()),
            text("Price book date", self.book.seen.into()),
            Assumption {
                name: "Schema version".into(),
                value: Plain::Number(f64::from(self.scenario.schema_version)),
                unit: "",
            },
            text("Allocation rule", self.allocation().into()),
            text("Currency", self.scenario.currency.code.code().into()),
            Assumption { name: "Share link".into(), value: Plain::Link(self.link()), unit: "" },
        ];
        out.extend(self.scenario.changes().iter().map(|change| match change {
            Change::Length(list, n) => {
                Assumption { name: format!("{}[]", list.path), value: Plain::Number(*n as f64), unit: "items" }
            }
            Change::Template(i) => text(&format!("customers[{i}].profile"), "typicalCustomer".into()),
            Change::Value(leaf) => {
                let value = match leaf.value {
                    Value::Number(x) => Plain::Number(x),
                    Value::Bool(b) => Plain::Text(b.to_string()),
                    Value::Text(t) => Plain::Text(t.into()),
                    Value::List(items) => Plain::Text(items.join(", ")),
                };
                Assumption { name: leaf.at.to_string(), value, unit: leaf.at.field.unit }
            }
        }));
        out
    }
}
