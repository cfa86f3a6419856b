//! The estimate as CSV for a spreadsheet: RFC 4180, in sections.

use std::borrow::Cow;

use super::{Plain, Report, cents, converted, deal_rows, figure, input_text, row_name};
use crate::model::compare::Comparison;
use crate::model::deal::Deal;
use crate::model::error::Error;
use crate::model::estimate::Estimate;
use crate::model::outputs::{
    BILL, CUSTOMERS, Figure, Output, TIMELINE, TIMELINE_SUMMARY, TOTALS, UNCONFIRMED, UnitKind, Usd,
};
use crate::model::scenario::Scenario;
use crate::model::text::{Fixed, Num};

/// One cell: text (quoted when it must be, and neutralised against formulas) or a number
/// (written as it is).
pub(super) enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(String),
}

/// A text cell.
pub(super) fn text(text: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(text))
}

/// A number cell from anything that writes digits.
pub(super) fn number(x: impl ToString) -> Cell<'static> {
    Cell::Number(x.to_string())
}

/// A figure as a cell by its row: money as dollars with two decimals, percents (and shares
/// of 1, as percents) with two decimals, other numbers with up to 7 significant digits, words
/// as text; an empty cell for a figure that does not apply.
fn cell<'a, T>(row: &Output<T>, figure: Figure<'a>) -> Cell<'a> {
    match figure {
        Figure::Absent => text(""),
        Figure::Text(t) => Cell::Text(t),
        Figure::Cents(c) => number(Usd(c)),
        Figure::Number(x) => match row.unit {
            UnitKind::Percent => number(Fixed(x, 2)),
            UnitKind::Fraction => number(Fixed(x * 100.0, 2)),
            UnitKind::Cents => number(Usd(x.round() as i64)),
            _ => number(Num(x)),
        },
    }
}

/// Characters that make a spreadsheet read a text cell as a formula (OWASP, CSV injection),
/// with their full-width forms, which spreadsheets in East Asian locales read the same way.
const FORMULA_START: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// `c`, or its visible symbol from Unicode's Control Pictures (U+2400) for a control character
/// other than tab, CR and LF (a name of such characters stays visible, never raw bytes).
fn visible(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or(c),
        '\u{7f}' => '\u{2421}',
        _ => c,
    }
}

pub(super) struct Csv(pub(super) String);

impl Csv {
    /// Starts a section: a blank line after the previous one, its title and its header row.
    fn section(&mut self, title: &str, header: &[&str]) {
        if self.0.len() > '\u{feff}'.len_utf8() {
            self.0.push_str("\r\n");
        }
        self.row(&[text(title)]);
        let header: Vec<Cell> = header.iter().map(|h| text(h)).collect();
        self.row(&header);
    }

    /// A section of a row per item and a column per output row, headed by the rows' headings
    /// ([`Output::heading`]).
    fn table<T>(&mut self, title: &str, columns: &[Output<T>], items: &[T]) {
        let headings: Vec<String> = columns.iter().map(Output::heading).collect();
        self.section(title, &headings.iter().map(String::as_str).collect::<Vec<_>>());
        for item in items {
            let cells: Vec<Cell> = columns.iter().map(|c| cell(c, (c.get)(item))).collect();
            self.row(&cells);
        }
    }

    pub(super) fn row(&mut self, cells: &[Cell]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            match cell {
                Cell::Number(digits) => self.0.push_str(digits),
                Cell::Text(text) => self.text(text),
            }
        }
        self.0.push_str("\r\n");
    }

    /// A text cell: a leading `'` when it starts like a formula, and in double quotes (inner
    /// quotes doubled) when it holds a comma, a quote, CR or LF.
    fn text(&mut self, text: &str) {
        let quoted = text.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
        if quoted {
            self.0.push('"');
        }
        if text.starts_with(FORMULA_START) {
            self.0.push('\'');
        }
        for c in text.chars().map(visible) {
            if c == '"' {
                self.0.push('"');
            }
            self.0.push(c);
        }
        if quoted {
            self.0.push('"');
        }
    }
}

/// The scenario's estimate as CSV: RFC 4180 (fields separated by commas, lines ended by CRLF,
/// a field holding a comma, a double quote, CR or LF in double quotes with inner quotes
/// doubled), UTF-8.
///
/// The text starts with a byte order mark (U+FEFF): Excel reads a CSV file without one in the
/// system's legacy code page, which garbles any name outside ASCII (`Café` becomes `CafÃ©`).
/// Google Sheets, LibreOffice and Numbers skip it; a script should read the file as
/// `utf-8-sig` (Python) or strip it.
///
/// Sections, each a title row and a header row, separated by a blank line; a table's columns
/// are output rows ([`crate::model::outputs`]), each headed by its label and unit
/// ([`Output::heading`]):
/// - `Line items`: the bill's columns ([`BILL`]: product, item, quantity, unit, unit price
///   USD, amount USD);
/// - `Customers`: the cohorts' columns ([`CUSTOMERS`]), all monthly;
/// - `Totals`: the headline figures ([`TOTALS`]), then the cost on unconfirmed prices USD and
///   % of the monthly cost, and those prices' ids separated by spaces ([`UNCONFIRMED`]; see
///   [`Unconfirmed`](crate::model::Unconfirmed));
/// - `Ranges`, when the scenario has usage ranges: figure, low, typical, high, for each
///   headline figure, the low and high from full evaluations of the low and high scenarios;
/// - `Timeline`: the 12 months (see [`timeline`](crate::model::timeline::timeline)), a month's
///   columns ([`TIMELINE`]);
/// - `Timeline summary`: the payback month ([`TIMELINE_SUMMARY`]; empty when cumulative
///   revenue is not ahead by month 12);
/// - `Currency`, when the display currency is not USD: name, value and unit of the currency,
///   the exchange rate (as entered), the rate date, the headline figures converted (monthly
///   cost, cost per customer, monthly revenue, and with ranges the low and high monthly cost)
///   and a note that amounts are exact US cents converted once at the stated rate;
/// - `Comparison (differences from A)`, when scenarios are pinned (`pins`, A first): part
///   (the inputs that differ first, then headline, capacity, line item, cohort), what, unit,
///   each column's value (`A: <name>`, …, `Now: <name>`; words such as `CPU`, `high` or
///   `saturated` where a column has no number), then each later column's difference from A;
///   line items missing from a column count as zero, so their differences add up to the
///   monthly cost's; capacity is headroom (×), what binds it, p95 at peak (ms), CPU at peak
///   (%) and the worst finding's severity;
/// - `Assumptions`: name, value and unit of the scenario's name, the price book and its date,
///   the schema version, the allocation rule, the currency, the share link (`#` and the
///   fragment, with the pins), then every input that differs from the defaults, by path.
///
/// Amounts are the estimate's cents as dollars with exactly two decimals, so the line items
/// add up to the total exactly; quantities and unit prices have up to 7 significant digits;
/// percents two decimals. A figure that does not apply (a percent without revenue) is an empty
/// cell. Numbers are plain number cells (`-12.50`, never quoted); a text cell that starts with
/// `=`, `+`, `-`, `@`, a tab or CR gets a leading `'` so a spreadsheet shows it as text instead
/// of running it as a formula.
///
/// # Errors
/// Whatever [`evaluate`](crate::model::evaluate) refuses, for a pin under `pins[i].`; more than
/// three pins.
///
/// ```
/// use headroom::model::{export_csv, preset};
/// let mut s = preset("phase1-3-customers").unwrap();
/// s.customers[0].name = "=HYPERLINK(\"http://x\")".into();
/// let csv = export_csv(&s, &[]).unwrap();
/// assert!(csv.contains("\r\nCustomers\r\nCohort,Customers,Allocated / month USD,"));
/// assert!(csv.contains("\r\n\"'=HYPERLINK(\"\"http://x\"\")\",1,"));
/// ```
pub fn export_csv(scenario: &Scenario, pins: &[Scenario]) -> Result<String, Error> {
    let report = Report::new(scenario, pins)?;
    let e = &report.estimate;
    let mut csv = Csv(String::from('\u{feff}'));
    csv.table("Line items", &BILL, &e.line_items);
    csv.table("Customers", &CUSTOMERS, &e.customers);
    totals(&mut csv, e);
    if let Some(r) = &e.range {
        csv.section("Ranges", &["Figure", "Low", "Typical", "High"]);
        for row in &TOTALS {
            let heading = row.heading();
            let [low, typical, high] = [&r.low, &e.totals, &r.high].map(|t| cell(row, (row.get)(t)));
            csv.row(&[text(&heading), low, typical, high]);
        }
    }
    csv.table("Timeline", &TIMELINE, &report.timeline.months);
    csv.table("Timeline summary", &TIMELINE_SUMMARY, std::slice::from_ref(&report.timeline));
    if let Some(c) = &report.estimate.currency {
        csv.section("Currency", &["Name", "Value", "Unit"]);
        let per = format!("{} per USD", c.code);
        csv.row(&[text("Currency"), text(c.code), text("")]);
        csv.row(&[text("Exchange rate"), Cell::Number(c.per_usd.clone()), text(&per)]);
        csv.row(&[text("Rate date"), text(&c.rate_date), text("")]);
        for (name, amount) in converted(c) {
            csv.row(&[text(&name), amount.map_or(text(""), number), text(c.code)]);
        }
        csv.row(&[text("Note"), text(c.note), text("")]);
    }
    if let Some(c) = &report.comparison {
        comparison(&mut csv, c);
    }
    if let Some(d) = &report.deal {
        deal(&mut csv, d);
    }
    csv.section("Assumptions", &["Name", "Value", "Unit"]);
    for a in report.assumptions() {
        let value = match &a.value {
            Plain::Text(t) | Plain::Link(t) => text(t),
            Plain::Number(x) => number(Num(*x)),
        };
        csv.row(&[text(&a.name), value, text(a.unit)]);
    }
    Ok(csv.0)
}

/// The `Totals` section: the headline figures, then the cost on unconfirmed prices.
fn totals(csv: &mut Csv, e: &Estimate) {
    let headings: Vec<String> =
        TOTALS.iter().map(Output::heading).chain(UNCONFIRMED.iter().map(Output::heading)).collect();
    csv.section("Totals", &headings.iter().map(String::as_str).collect::<Vec<_>>());
    let mut cells: Vec<Cell> = TOTALS.iter().map(|o| cell(o, (o.get)(&e.totals))).collect();
    cells.extend(UNCONFIRMED.iter().map(|o| cell(o, (o.get)(e))));
    csv.row(&cells);
}

/// The Deal section: the prospect and what it is priced with (or why it cannot be priced),
/// then a row per basis: incremental and each allocation rule's share (the scenario's own
/// marked), with the margin and the lowest ACV for the target (empty where any ACV keeps it),
/// then the findings it brings.
fn deal(csv: &mut Csv, deal: &Result<Deal, Error>) {
    csv.section("Deal", &["Name", "Value", "Unit"]);
    let d = match deal {
        Ok(d) => d,
        Err(e) => return csv.row(&[text("Not priced"), Cell::Text(Cow::Owned(e.to_string())), text("")]),
    };
    let p = &d.profile;
    csv.row(&[text("Prospect"), text(&d.name), text("")]);
    let figures = [
        ("ACV", number(Usd(cents(d.acv_usd))), "USD a year"),
        ("Monthly revenue", number(Usd(d.monthly_revenue_cents)), "USD"),
        ("Target margin", number(Num(d.target_margin_pct)), "%"),
        ("In the scenario", text(if d.in_scenario { "yes" } else { "no" }), ""),
        ("Peak QPS", number(Num(p.peak_qps)), "requests/s"),
        ("Mean QPS", number(Num(p.avg_qps)), "requests/s"),
        ("Egress", number(Num(p.egress_gb_per_month)), "GB/month"),
        ("Stored", number(Num(p.stored_gb)), "GB"),
    ];
    for (name, value, unit) in figures {
        csv.row(&[text(name), value, text(unit)]);
    }
    let header = ["Basis", "Cost a month USD", "Gross margin %", "Lowest ACV USD", "Scenario's rule"];
    csv.section("Deal by basis", &header);
    for r in deal_rows(d) {
        let lowest = r.lowest_usd.map_or(text("any"), |usd| number(Usd(cents(usd))));
        let own = text(if r.own { "yes" } else { "" });
        csv.row(&[
            text(r.basis),
            number(Usd(r.cents)),
            r.margin_pct.map_or(text(""), |m| number(Fixed(m, 2))),
            lowest,
            own,
        ]);
    }
    if !d.findings_added.is_empty() {
        csv.section("Deal findings", &["Code", "Finding"]);
        for f in &d.findings_added {
            csv.row(&[text(f.code), text(&f.message)]);
        }
    }
}

/// The comparison section: a row per differing input (first), headline figure, capacity
/// figure, line item and cohort, with each column's value (A, B, …, Now; words where a column
/// has no number), then each column's difference from A (USD, percentage points, a ratio, ms
/// or a count; none for inputs and words).
fn comparison(csv: &mut Csv, c: &Comparison) {
    let later = &c.columns[1..];
    let mut header: Vec<String> = vec!["Part".into(), "What".into(), "Unit".into()];
    header.extend(c.columns.iter().zip(&c.names).map(|(col, name)| format!("{col}: {name}")));
    header.extend(later.iter().map(|col| format!("{col} - A")));
    csv.section("Comparison (differences from A)", &header.iter().map(String::as_str).collect::<Vec<_>>());
    for input in &c.inputs {
        let texts: Vec<String> = input.values.iter().map(|v| input_text(v.as_ref())).collect();
        let mut cells = vec![text("Input"), text(&input.path), text(input.unit)];
        cells.extend(texts.iter().map(|t| text(t)));
        csv.row(&cells);
    }
    let parts =
        [("Headline", &c.headline), ("Capacity", &c.capacity), ("Line item", &c.line_items), ("Cohort", &c.customers)];
    for (part, rows) in parts {
        for r in rows {
            let o = r.output();
            let name = row_name(r);
            let mut cells = vec![text(part), text(&name), text(o.unit_text())];
            let note = |i: usize| r.notes.get(i).map_or("", String::as_str);
            let value = |x: Option<f64>| x.map_or(text(""), |x| cell(&o, figure(&o, x)));
            cells.extend(r.values.iter().enumerate().map(|(i, v)| if v.is_none() { text(note(i)) } else { value(*v) }));
            cells.extend(r.differences[1..].iter().map(|d| value(*d)));
            csv.row(&cells);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> String {
        let mut csv = Csv(String::new());
        csv.text(text);
        csv.0
    }

    #[test]
    fn text_cells_are_quoted_and_neutralised() {
        let cases = [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=1+2", "'=1+2"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""),
            ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
            ("a=1", "a=1"),
            // Full-width formula starts, and control characters shown as their pictures.
            ("＝1+1", "'＝1+1"),
            ("＠SUM(1)", "'＠SUM(1)"),
            ("\u{1}\u{1b}[31m\u{7f}", "␁␛[31m␡"),
            ("\u{0}", "␀"),
        ];
        for (text, written) in cases {
            assert_eq!(cell(text), written, "{text:?}");
        }
    }

    #[test]
    fn numbers_stay_numbers() {
        let mut csv = Csv(String::new());
        let pct = &crate::model::outputs::TOTALS[3];
        csv.row(&[
            number(Usd(-1250)),
            super::cell(pct, Figure::Absent),
            super::cell(pct, Figure::Number(-3.456)),
            text("-3"),
        ]);
        assert_eq!(csv.0, "-12.50,,-3.46,'-3\r\n");
    }
}
