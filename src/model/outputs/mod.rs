//! Every figure the model puts out, described once: one table per kind of output (the
//! totals, the summary strip, the bill's columns, the cohorts' columns, the sizing figures, the
//! timeline's columns, the comparison's rows, the findings' fields, the deal's figures). A row
//! says what a figure is called, how its number reads (its [`UnitKind`], symbol and
//! precision) and how to read it from the model's result ([`Output::get`]). The page, the CSV,
//! Markdown, JSON and XLSX exports all label and format figures from these rows, so no two of
//! them can call a figure differently.
//!
//! A row's `id` is the figure's path in the serialized (camelCase JSON) output it is read
//! from: `totals.monthlyCostCents` of an estimate, `sizing.peakQps`; a column of a list (a
//! bill line, a cohort, a month) by the item's own field, `amountCents`. The page reads a
//! figure by that path; a test checks each accessor against it.
//!
//! ```
//! use headroom::model::{evaluate, outputs::{TOTALS, Figure}, preset};
//! let e = evaluate(&preset("week9-baseline").unwrap()).unwrap();
//! let cost = &TOTALS[0];
//! assert_eq!((cost.id, cost.label), ("totals.monthlyCostCents", "Monthly cost"));
//! assert_eq!((cost.get)(&e.totals), Figure::Cents(e.totals.monthly_cost_cents));
//! assert_eq!(cost.show((cost.get)(&e.totals)), format!("{:#}", headroom::model::Usd(e.totals.monthly_cost_cents)));
//! ```

mod show;
mod tables;

use std::borrow::Cow;

use serde::Serialize;

pub use show::{DASH, Shown, Usd};
pub use tables::{
    BILL, COMPARISON, CUSTOMERS, DEAL, DEAL_RULES, FINDINGS, PRODUCTS, SIZING, STRIP, TIMELINE, TIMELINE_SUMMARY,
    TOTALS, UNCONFIRMED, product,
};

/// How a figure's number reads, and so how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Outputs.ts"))]
pub enum UnitKind {
    /// Integer US cents, written as dollars with two decimals: `$1,234.50`.
    Cents,
    /// US dollars (not cents), with at least two and at most `precision` decimals: `$0.000024`.
    Usd,
    /// A percent (95.5 is 95.5%), with exactly `precision` decimals.
    Percent,
    /// A share of 1 written as a percent (0.955 is 95.5%), with exactly `precision` decimals.
    Fraction,
    /// A ratio, `1.85×`, with exactly `precision` decimals.
    Ratio,
    /// A rate per second (the symbol says of what, e.g. `QPS`), at most `precision` decimals.
    Rate,
    /// A whole count.
    Count,
    /// A time in milliseconds.
    Duration,
    /// A size in GiB.
    Bytes,
    /// A number in the unit of its symbol (or of its item, as a line's quantity).
    Number,
    /// Words.
    Text,
}

/// A figure as the accessor reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure<'a> {
    /// US cents.
    Cents(i64),
    /// Any other number.
    Number(f64),
    /// Words, for people.
    Text(Cow<'a, str>),
    /// Not applicable (a margin without revenue, a saturated latency).
    Absent,
}

impl Figure<'_> {
    /// Cents, or [`Figure::Absent`] for `None`.
    pub fn cents(x: Option<i64>) -> Figure<'static> {
        x.map_or(Figure::Absent, Figure::Cents)
    }

    /// A number, or [`Figure::Absent`] for `None`.
    pub fn number(x: Option<f64>) -> Figure<'static> {
        x.map_or(Figure::Absent, Figure::Number)
    }

    /// The number of a figure (cents as a number of cents); `None` for words or absent.
    pub fn value(&self) -> Option<f64> {
        match self {
            Figure::Cents(c) => Some(*c as f64),
            Figure::Number(x) => Some(*x),
            Figure::Text(_) | Figure::Absent => None,
        }
    }
}

/// Words for the values of a text figure: its value in the JSON output, and the words shown.
pub type Words = &'static [(&'static str, &'static str)];

/// One figure of an output, read from a `T`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Outputs.ts", concrete(T = ())))]
pub struct Output<T: 'static> {
    /// The figure's path in the serialized output (see the module's description).
    pub id: &'static str,
    /// What it is called, everywhere it is shown: `Monthly cost`.
    pub label: &'static str,
    /// How its number reads.
    pub unit: UnitKind,
    /// What follows the number after a space (`QPS`, `ms`, `GiB`); empty for money, percents,
    /// ratios, counts and words.
    pub symbol: &'static str,
    /// Decimals: exact for money, percents, fractions and ratios, the most for other numbers
    /// (trailing zeros dropped), the most for dollars (at least two).
    pub precision: u32,
    /// What a value that does not apply reads as (`saturated`); empty for a dash.
    pub absent: &'static str,
    /// For a text figure whose JSON value is a tag (`cloudRun`), the words for each tag
    /// (`Cloud Run`); empty when the value is shown as it is.
    #[cfg_attr(test, ts(type = "Array<[string, string]>"))]
    pub words: Words,
    /// What the figure counts, in a few words (`all lines, after discounts`); empty where its
    /// label says enough.
    pub note: &'static str,
    /// Where a converted amount of the figure is in the estimate's `currency`
    /// (`currency.monthlyCost`), with a display currency; empty for figures not converted.
    pub converted: &'static str,
    /// Reads the figure.
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    pub get: for<'a> fn(&'a T) -> Figure<'a>,
}

impl<T> Clone for Output<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Output<T> {}

impl<T> Output<T> {
    /// The row without its reader, to format figures read elsewhere (a comparison's).
    pub fn erased(&self) -> Output<()> {
        let Output { id, label, unit, symbol, precision, absent, words, note, converted, .. } = *self;
        Output { id, label, unit, symbol, precision, absent, words, note, converted, get: |_| Figure::Absent }
    }

    /// `figure` written for people, as the Markdown export writes it.
    pub fn show(&self, figure: Figure<'_>) -> String {
        Shown(self, figure).to_string()
    }

    /// The figure of `item` for people.
    pub fn of<'a>(&'a self, item: &'a T) -> Shown<'a, T> {
        Shown(self, (self.get)(item))
    }

    /// The words of a text figure's tag (the tag itself when the row has no words for it).
    pub fn words_of<'a>(&self, tag: &'a str) -> &'a str {
        self.words.iter().find(|(t, _)| *t == tag).map_or(tag, |(_, w)| w)
    }

    /// The unit of a bare number of the figure: `USD`, `%`, `×`, or the row's symbol.
    pub fn unit_text(&self) -> &'static str {
        match self.unit {
            UnitKind::Cents | UnitKind::Usd => "USD",
            UnitKind::Percent | UnitKind::Fraction => "%",
            UnitKind::Ratio => "×",
            _ => self.symbol,
        }
    }

    /// A column heading with its unit, for a spreadsheet whose cells are bare numbers:
    /// `Monthly cost USD`, `Gross margin %`, `Peak load QPS` (the label alone when it says
    /// the unit already, or there is none).
    pub fn heading(&self) -> String {
        let unit = self.unit_text();
        if unit.is_empty() || self.label.contains(unit) {
            self.label.to_string()
        } else {
            format!("{} {unit}", self.label)
        }
    }
}

/// Every table of outputs, as [`outputs`] gives them to the page.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Outputs.ts"))]
pub struct Outputs {
    /// [`TOTALS`]: the estimate's headline figures (of an estimate's `totals`, and of its
    /// range's `low` and `high`).
    pub totals: &'static [Output<super::Totals>],
    /// [`STRIP`]: the summary strip, of an estimate.
    pub strip: &'static [Output<super::Estimate>],
    /// [`BILL`]: a bill line's columns.
    pub bill: &'static [Output<super::cost::LineItem>],
    /// [`CUSTOMERS`]: a cohort's columns.
    pub customers: &'static [Output<super::allocation::CustomerCost>],
    /// [`SIZING`]: the sizing figures, of an estimate.
    pub sizing: &'static [Output<super::Estimate>],
    /// [`UNCONFIRMED`]: the cost on unconfirmed prices, of an estimate.
    pub unconfirmed: &'static [Output<super::Estimate>],
    /// [`TIMELINE`]: a month's columns.
    pub timeline: &'static [Output<super::timeline::TimelineMonth>],
    /// [`TIMELINE_SUMMARY`]: figures of the whole timeline.
    pub timeline_summary: &'static [Output<super::timeline::Timeline>],
    /// [`COMPARISON`]: the comparison's headline and capacity rows, of an estimate.
    pub comparison: &'static [Output<super::Estimate>],
    /// [`FINDINGS`]: a finding's fields.
    pub findings: &'static [Output<super::findings::Finding>],
    /// [`DEAL`]: a priced deal's figures.
    pub deal: &'static [Output<super::deal::Deal>],
    /// [`DEAL_RULES`]: a deal's share under an allocation rule: its columns.
    pub deal_rules: &'static [Output<super::deal::RuleShare>],
}

/// Every table of outputs.
///
/// ```
/// let o = headroom::model::outputs::outputs();
/// assert_eq!(o.bill.last().unwrap().label, "Amount");
/// ```
pub fn outputs() -> Outputs {
    Outputs {
        totals: &TOTALS,
        strip: &STRIP,
        bill: &BILL,
        customers: &CUSTOMERS,
        sizing: &SIZING,
        unconfirmed: &UNCONFIRMED,
        timeline: &TIMELINE,
        timeline_summary: &TIMELINE_SUMMARY,
        comparison: &COMPARISON,
        findings: &FINDINGS,
        deal: &DEAL,
        deal_rules: &DEAL_RULES,
    }
}

#[cfg(test)]
mod tests;
