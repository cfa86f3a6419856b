//! The estimate as CSV for a spreadsheet: RFC 4180, in sections.

use super::{Plain, Report, Usd, cents, deal_rows, input_text, product, row_name};
use crate::model::compare::{Comparison, Unit};
use crate::model::deal::Deal;
use crate::model::error::Error;
use crate::model::estimate::Totals;
use crate::model::scenario::Scenario;
use crate::model::text::{Fixed, Num};

/// One cell: text (quoted when it must be, and neutralised against formulas) or a number
/// (written as it is).
enum Cell<'a> {
    Text(&'a str),
    Number(String),
}

/// A number cell from anything that writes digits.
fn number(x: impl ToString) -> Cell<'static> {
    Cell::Number(x.to_string())
}

/// A percent with two decimals, or an empty cell for "not applicable".
fn percent(x: Option<f64>) -> Cell<'static> {
    x.map_or(Cell::Text(""), |x| number(Fixed(x, 2)))
}

/// A number with up to 7 significant digits, or an empty cell for "not applicable".
fn plain(x: Option<f64>) -> Cell<'static> {
    x.map_or(Cell::Text(""), |x| number(Num(x)))
}

/// Dollars from cents, or an empty cell for "not applicable".
fn usd(cents: Option<i64>) -> Cell<'static> {
    cents.map_or(Cell::Text(""), |c| number(Usd(c)))
}

/// One figure of a [`Totals`] as a cell.
type Column = fn(&Totals) -> Cell<'static>;

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

struct Csv(String);

impl Csv {
    /// Starts a section: a blank line after the previous one, its title and its header row.
    fn section(&mut self, title: &str, header: &[&str]) {
        if self.0.len() > '\u{feff}'.len_utf8() {
            self.0.push_str("\r\n");
        }
        self.row(&[Cell::Text(title)]);
        let header: Vec<Cell> = header.iter().map(|h| Cell::Text(h)).collect();
        self.row(&header);
    }

    fn row(&mut self, cells: &[Cell]) {
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
/// Sections, each a title row and a header row, separated by a blank line:
/// - `Line items`: component, label, quantity, unit, unit price USD, amount USD;
/// - `Customers`: cohort, customers, allocated USD, per customer USD, % of ACV, gross
///   margin %, all monthly;
/// - `Totals`: monthly cost USD, customers, cost per customer USD, cost % of ACV, monthly
///   revenue USD, gross margin %, unallocated USD, the cost on unconfirmed prices USD and % of
///   the monthly cost, and those prices' ids separated by spaces (see
///   [`Unconfirmed`](crate::model::Unconfirmed));
/// - `Ranges`, when the scenario has usage ranges: figure, low, typical, high, for the
///   monthly cost, cost per customer, cost % of ACV, monthly revenue and gross margin, the
///   low and high from full evaluations of the low and high scenarios;
/// - `Timeline`: the 12 months (see [`timeline`](crate::model::timeline::timeline)): month,
///   customers live, cost USD, revenue USD, gross margin %, cumulative cost USD, cumulative
///   revenue USD, cumulative margin %;
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
/// assert!(csv.contains("\r\nCustomers\r\nCohort,Customers,Allocated USD,"));
/// assert!(csv.contains("\r\n\"'=HYPERLINK(\"\"http://x\"\")\",1,"));
/// ```
pub fn export_csv(scenario: &Scenario, pins: &[Scenario]) -> Result<String, Error> {
    let report = Report::new(scenario, pins)?;
    let e = &report.estimate;
    let mut csv = Csv(String::from('\u{feff}'));
    csv.section("Line items", &["Component", "Label", "Quantity", "Unit", "Unit price USD", "Amount USD"]);
    for l in &e.line_items {
        let (quantity, price) = (number(Num(l.quantity)), number(Num(l.unit_price_usd)));
        let amount = number(Usd(l.amount_cents));
        csv.row(&[Cell::Text(product(l.component)), Cell::Text(&l.label), quantity, Cell::Text(l.unit), price, amount]);
    }
    let header = ["Cohort", "Customers", "Allocated USD", "Per customer USD", "% of ACV", "Gross margin %"];
    csv.section("Customers", &header);
    for c in &e.customers {
        let (allocated, each) = (usd(Some(c.allocated_monthly_cents)), usd(c.per_customer_monthly_cents));
        csv.row(&[
            Cell::Text(&c.name),
            number(c.count),
            allocated,
            each,
            percent(c.cost_pct_of_acv),
            percent(c.gross_margin_pct),
        ]);
    }
    let t = &e.totals;
    csv.section(
        "Totals",
        &[
            "Monthly cost USD",
            "Customers",
            "Cost per customer USD",
            "Cost % of ACV",
            "Monthly revenue USD",
            "Gross margin %",
            "Unallocated USD",
            "Cost on unconfirmed prices USD",
            "Cost on unconfirmed prices %",
            "Unconfirmed prices",
        ],
    );
    let u = &e.unconfirmed;
    let ids = u.prices.iter().map(|id| id.as_str()).collect::<Vec<_>>().join(" ");
    csv.row(&[
        usd(Some(t.monthly_cost_cents)),
        number(t.customer_count),
        usd(t.cost_per_customer_cents),
        percent(t.cost_pct_of_acv),
        usd(Some(t.monthly_revenue_cents)),
        percent(t.gross_margin_pct),
        usd(Some(t.unallocated_cents)),
        usd(Some(u.cents)),
        percent(u.pct),
        Cell::Text(&ids),
    ]);
    if let Some(r) = &e.range {
        csv.section("Ranges", &["Figure", "Low", "Typical", "High"]);
        let rows: [(&str, Column); 5] = [
            ("Monthly cost USD", |t| usd(Some(t.monthly_cost_cents))),
            ("Cost per customer USD", |t| usd(t.cost_per_customer_cents)),
            ("Cost % of ACV", |t| percent(t.cost_pct_of_acv)),
            ("Monthly revenue USD", |t| usd(Some(t.monthly_revenue_cents))),
            ("Gross margin %", |t| percent(t.gross_margin_pct)),
        ];
        for (name, cell) in rows {
            csv.row(&[Cell::Text(name), cell(&r.low), cell(t), cell(&r.high)]);
        }
    }
    csv.section(
        "Timeline",
        &[
            "Month",
            "Customers live",
            "Cost USD",
            "Revenue USD",
            "Gross margin %",
            "Cumulative cost USD",
            "Cumulative revenue USD",
            "Cumulative margin %",
        ],
    );
    for m in &report.timeline.months {
        csv.row(&[
            number(m.month),
            number(m.customers_live),
            usd(Some(m.monthly_cost_cents)),
            usd(Some(m.monthly_revenue_cents)),
            percent(m.gross_margin_pct),
            usd(Some(m.cumulative_cost_cents)),
            usd(Some(m.cumulative_revenue_cents)),
            percent(m.cumulative_margin_pct),
        ]);
    }
    if let Some(c) = &report.estimate.currency {
        csv.section("Currency", &["Name", "Value", "Unit"]);
        let per = format!("{} per USD", c.code);
        csv.row(&[Cell::Text("Currency"), Cell::Text(c.code), Cell::Text("")]);
        csv.row(&[Cell::Text("Exchange rate"), Cell::Number(c.per_usd.clone()), Cell::Text(&per)]);
        csv.row(&[Cell::Text("Rate date"), Cell::Text(&c.rate_date), Cell::Text("")]);
        let figures = [
            ("Monthly cost", Some(c.monthly_cost)),
            ("Cost per customer", c.cost_per_customer),
            ("Monthly revenue", Some(c.monthly_revenue)),
            ("Monthly cost, low", c.low_monthly_cost),
            ("Monthly cost, high", c.high_monthly_cost),
        ];
        for (name, amount) in figures {
            let with_range = !name.contains(',') || e.range.is_some();
            if with_range {
                let value = amount.map_or(Cell::Text(""), number);
                csv.row(&[Cell::Text(name), value, Cell::Text(c.code)]);
            }
        }
        csv.row(&[Cell::Text("Note"), Cell::Text(c.note), Cell::Text("")]);
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
            Plain::Text(text) | Plain::Link(text) => Cell::Text(text),
            Plain::Number(x) => Cell::Number(Num(*x).to_string()),
        };
        csv.row(&[Cell::Text(&a.name), value, Cell::Text(a.unit)]);
    }
    Ok(csv.0)
}

/// The Deal section: the prospect and what it is priced with (or why it cannot be priced),
/// then a row per basis: incremental and each allocation rule's share (the scenario's own
/// marked), with the margin and the lowest ACV for the target (empty where any ACV keeps it),
/// then the findings it brings.
fn deal(csv: &mut Csv, deal: &Result<Deal, Error>) {
    csv.section("Deal", &["Name", "Value", "Unit"]);
    let d = match deal {
        Ok(d) => d,
        Err(e) => return csv.row(&[Cell::Text("Not priced"), Cell::Text(&e.to_string()), Cell::Text("")]),
    };
    let p = &d.profile;
    csv.row(&[Cell::Text("Prospect"), Cell::Text(&d.name), Cell::Text("")]);
    let figures = [
        ("ACV", usd(Some(cents(d.acv_usd))), "USD a year"),
        ("Monthly revenue", usd(Some(d.monthly_revenue_cents)), "USD"),
        ("Target margin", number(Num(d.target_margin_pct)), "%"),
        ("In the scenario", Cell::Text(if d.in_scenario { "yes" } else { "no" }), ""),
        ("Peak QPS", number(Num(p.peak_qps)), "requests/s"),
        ("Mean QPS", number(Num(p.avg_qps)), "requests/s"),
        ("Egress", number(Num(p.egress_gb_per_month)), "GB/month"),
        ("Stored", number(Num(p.stored_gb)), "GB"),
    ];
    for (name, value, unit) in figures {
        csv.row(&[Cell::Text(name), value, Cell::Text(unit)]);
    }
    let header = ["Basis", "Cost a month USD", "Gross margin %", "Lowest ACV USD", "Scenario's rule"];
    csv.section("Deal by basis", &header);
    for r in deal_rows(d) {
        let lowest = r.lowest_usd.map_or(Cell::Text("any"), |usd| number(Usd(cents(usd))));
        let own = Cell::Text(if r.own { "yes" } else { "" });
        csv.row(&[Cell::Text(r.basis), usd(Some(r.cents)), percent(r.margin_pct), lowest, own]);
    }
    if !d.findings_added.is_empty() {
        csv.section("Deal findings", &["Code", "Finding"]);
        for f in &d.findings_added {
            csv.row(&[Cell::Text(f.code), Cell::Text(&f.message)]);
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
        let mut cells = vec![Cell::Text("Input"), Cell::Text(&input.path), Cell::Text(input.unit)];
        cells.extend(texts.iter().map(|t| Cell::Text(t)));
        csv.row(&cells);
    }
    let parts =
        [("Headline", &c.headline), ("Capacity", &c.capacity), ("Line item", &c.line_items), ("Cohort", &c.customers)];
    for (part, rows) in parts {
        for r in rows {
            let (unit, cell): (&str, fn(Option<f64>) -> Cell<'static>) = match r.unit {
                Unit::Cents => ("USD", |x| usd(x.map(|c| c as i64))),
                Unit::Pct => ("%", percent),
                Unit::Count | Unit::Text => ("", plain),
                Unit::Ratio => ("×", plain),
                Unit::Ms => ("ms", plain),
            };
            let name = row_name(r);
            let mut cells = vec![Cell::Text(part), Cell::Text(&name), Cell::Text(unit)];
            let note = |i: usize| r.notes.get(i).map_or("", String::as_str);
            cells.extend(
                r.values.iter().enumerate().map(|(i, v)| if v.is_none() { Cell::Text(note(i)) } else { cell(*v) }),
            );
            cells.extend(r.differences[1..].iter().map(|d| cell(*d)));
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
        csv.row(&[number(Usd(-1250)), usd(None), percent(Some(-3.456)), Cell::Text("-3")]);
        assert_eq!(csv.0, "-12.50,,-3.46,'-3\r\n");
    }
}
