//! The estimate as a Markdown summary for a design document.

use std::fmt::{self, Display, Write};

use super::{Plain, Report, Usd, input_text, product, row_name};
use crate::model::compare::{Comparison, Row, Unit};
use crate::model::error::Error;
use crate::model::estimate::Totals;
use crate::model::explain::{Explanation, Node, Source, explain_all};
use crate::model::findings::Severity;
use crate::model::scenario::Scenario;
use crate::model::text::{Fixed, Num};

/// Text for a Markdown paragraph or table cell, inert: every character Markdown or HTML gives a
/// meaning (`\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `|`, `#`, `~`, `$`, `&`, `!`) escaped
/// with a backslash, and line breaks and other control characters as spaces, so a name cannot
/// open a link, an image, a tag, emphasis or a new table row.
///
/// ```
/// use headroom::model::Inert;
/// assert_eq!(Inert("[a](http://x) <b>|</b>").to_string(), r"\[a\](http://x) \<b\>\|\</b\>");
/// assert_eq!(Inert("two\nlines").to_string(), "two lines");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inert<'a>(pub &'a str);

impl Display for Inert<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() {
                f.write_char(' ')?;
            } else {
                if "\\`*_[]<>|#~$&!".contains(c) {
                    f.write_char('\\')?;
                }
                f.write_char(c)?;
            }
        }
        Ok(())
    }
}

/// One figure of a [`Totals`] as text.
type Figure = dyn Fn(&Totals) -> String;

/// A table row of `cells`.
fn row(out: &mut String, cells: &[&dyn Display]) {
    for cell in cells {
        // Writing to a String cannot fail.
        let _ = write!(out, "| {cell} ");
    }
    out.push_str("|\n");
}

/// A table's header row and alignment row: columns from `right` on aligned right (figures).
fn header(out: &mut String, names: &[&str], right: usize) {
    let cells: Vec<&dyn Display> = names.iter().map(|n| n as &dyn Display).collect();
    row(out, &cells);
    let align: Vec<&dyn Display> = (0..names.len()).map(|i| if i < right { &"---" } else { &"--:" } as _).collect();
    row(out, &align);
}

/// An optional figure, or a dash when it does not apply.
struct OrDash<T>(Option<T>);

impl<T: Display> Display for OrDash<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(x) => x.fmt(f),
            None => f.write_str("—"),
        }
    }
}

/// A percent with one decimal, e.g. `95.5%`.
struct Pct(f64);

impl Display for Pct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", Fixed(self.0, 1))
    }
}

/// Money for people: `$1,234.50`.
struct Money(i64);

impl Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#}", Usd(self.0))
    }
}

/// A comparison figure with its difference from A: `$1,234.50 (+$12.00)`; a percent's
/// difference in points; a column without a figure shows its words (`CPU`, `saturated`) or a
/// dash.
struct Compared<'a>(&'a Row, usize);

impl Display for Compared<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (r, i) = (self.0, self.1);
        let show = |x: f64, f: &mut fmt::Formatter<'_>| match r.unit {
            Unit::Cents => Money(x as i64).fmt(f),
            Unit::Pct => Pct(x).fmt(f),
            Unit::Count | Unit::Text => Num(x).fmt(f),
            Unit::Ratio => write!(f, "{}×", Fixed(x, 2)),
            Unit::Ms => write!(f, "{} ms", Fixed(x, 1)),
        };
        match (r.values[i], r.notes.get(i).filter(|n| !n.is_empty())) {
            (Some(x), _) => show(x, f)?,
            (None, Some(note)) => Inert(note).fmt(f)?,
            (None, None) => f.write_str("—")?,
        }
        match r.differences[i] {
            Some(d) if i > 0 && d != 0.0 => {
                f.write_str(if d > 0.0 { " (+" } else { " (-" })?;
                match r.unit {
                    Unit::Pct => write!(f, "{} pt", Fixed(d.abs(), 1))?,
                    _ => show(d.abs(), f)?,
                }
                f.write_str(")")
            }
            _ => Ok(()),
        }
    }
}

/// The comparison section, each column headed `A: <name>`: the inputs that differ (bold where
/// not A's), then a table each for the headline, the capacity at peak, the line items and the
/// cohorts (each figure with its difference from A).
fn comparison(out: &mut String, c: &Comparison) {
    out.push_str("\n## Comparison\n\n");
    out.push_str("Differences are from A; a line missing from a column counts as zero.\n\n");
    let names: Vec<String> =
        c.columns.iter().zip(&c.names).map(|(col, name)| format!("{col}: {}", Inert(name))).collect();
    out.push_str("### Inputs that differ\n\n");
    let mut head: Vec<&str> = vec!["Input", "Unit"];
    head.extend(names.iter().map(String::as_str));
    header(out, &head, 2);
    for input in &c.inputs {
        let first = &input.values[0];
        let texts: Vec<String> = input
            .values
            .iter()
            .map(|v| {
                let text = Inert(&input_text(v.as_ref())).to_string();
                if v == first || text.is_empty() { text } else { format!("**{text}**") }
            })
            .collect();
        let (path, unit) = (Inert(&input.path), Inert(input.unit));
        let mut line: Vec<&dyn Display> = vec![&path, &unit];
        line.extend(texts.iter().map(|t| t as &dyn Display));
        row(out, &line);
    }
    let mut head: Vec<&str> = vec!["What"];
    head.extend(names.iter().map(String::as_str));
    let tables = [
        ("Headline", &c.headline),
        ("Capacity at peak", &c.capacity),
        ("Line items", &c.line_items),
        ("Cohorts", &c.customers),
    ];
    for (title, rows) in tables {
        let _ = writeln!(out, "\n### {title}\n");
        header(out, &head, 1);
        for r in rows {
            let name = Inert(&row_name(r)).to_string();
            let cells: Vec<Compared> = (0..c.columns.len()).map(|i| Compared(r, i)).collect();
            let mut line: Vec<&dyn Display> = vec![&name];
            line.extend(cells.iter().map(|x| x as &dyn Display));
            row(out, &line);
        }
    }
}

/// A latency in ms with one decimal, or `unstable` when the queue has no steady state.
struct Ms(Option<f64>);

impl Display for Ms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(ms) => write!(f, "{}", Fixed(ms, 1)),
            None => f.write_str("unstable"),
        }
    }
}

/// The scenario's estimate as a Markdown summary to paste into a design document: the
/// headline figures (with usage ranges, their low, typical and high values; with a display
/// currency other than USD, the headline converted at the stated rate and date, and a note
/// that amounts are exact US cents converted once), the cost on unconfirmed prices (amount,
/// percent of the month, price ids; see [`Unconfirmed`](crate::model::Unconfirmed)), the
/// month by product, each cohort's share,
/// the sizing (instances, capacity, headroom, utilisation, latency p50/p95/p99, requests in
/// flight, Firestore rates), the 12-month timeline, the findings by severity, with pinned
/// scenarios (`pins`, A first) a comparison (headline, line items and cohorts with differences
/// from A, and the inputs that differ), the assumptions and the share link (`#` and the
/// fragment with the pins, to put after the page's address).
///
/// Money is in US dollars with two decimals from the estimate's cents (`$1,234.50`); percents
/// have one decimal; other figures up to 7 significant digits. Every piece of text from the
/// scenario (names, labels) and the model goes through [`Inert`], so a hostile name shows as
/// typed instead of becoming markup or a link.
///
/// # Errors
/// Whatever [`evaluate`](crate::model::evaluate) refuses, for a pin under `pins[i].`; more than
/// three pins.
///
/// ```
/// use headroom::model::{export_markdown, preset};
/// let mut s = preset("phase1-3-customers").unwrap();
/// s.customers[0].name = "[click](http://x) <b>".into();
/// let md = export_markdown(&s, &[]).unwrap();
/// assert!(md.starts_with("# Cost estimate: "));
/// assert!(md.contains("| \\[click\\](http://x) \\<b\\> | 1 | $"));
/// ```
pub fn export_markdown(scenario: &Scenario, pins: &[Scenario]) -> Result<String, Error> {
    let report = Report::new(scenario, pins)?;
    let (e, t) = (&report.estimate, &report.estimate.totals);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "# Cost estimate: {}\n", Inert(&scenario.name));
    let _ = writeln!(
        out,
        "{} customers, {} cohorts. Prices from `{}` ({}), in USD. Shared cost allocated: {}.\n",
        t.customer_count,
        e.customers.len(),
        Inert(report.book.id),
        Inert(report.book.seen),
        Inert(report.allocation()),
    );
    header(&mut out, &["Monthly cost", "Cost per customer", "Cost as % of ACV", "Monthly revenue", "Gross margin"], 0);
    row(
        &mut out,
        &[
            &Money(t.monthly_cost_cents),
            &OrDash(t.cost_per_customer_cents.map(Money)),
            &OrDash(t.cost_pct_of_acv.map(Pct)),
            &Money(t.monthly_revenue_cents),
            &OrDash(t.gross_margin_pct.map(Pct)),
        ],
    );
    let u = &e.unconfirmed;
    let _ = write!(out, "\nCost on unconfirmed prices: {} ({})", Money(u.cents), OrDash(u.pct.map(Pct)));
    for (i, id) in u.prices.iter().enumerate() {
        let _ = write!(out, "{}`{}`", if i == 0 { ": " } else { ", " }, id.as_str());
    }
    out.push_str(".\n");
    if t.unallocated_cents != 0 {
        let _ = writeln!(out, "\nNo customer carries {} of the month.", Money(t.unallocated_cents));
    }
    if let Some(r) = &e.range {
        out.push_str("\nWith the usage ranges (the low and high scenarios evaluated in full):\n\n");
        header(&mut out, &["Figure", "Low", "Typical", "High"], 1);
        let cost = |x: &Totals| Money(x.monthly_cost_cents).to_string();
        let each = |x: &Totals| OrDash(x.cost_per_customer_cents.map(Money)).to_string();
        let margin = |x: &Totals| OrDash(x.gross_margin_pct.map(Pct)).to_string();
        let rows: [(&str, &Figure); 3] =
            [("Monthly cost", &cost), ("Cost per customer", &each), ("Gross margin", &margin)];
        for (name, f) in rows {
            row(&mut out, &[&name, &f(&r.low), &f(t), &f(&r.high)]);
        }
    }
    if let Some(c) = &report.estimate.currency {
        let _ = write!(
            out,
            "\nIn {code} at {rate} {code} per USD (rate of {date}): monthly cost {cost:#}, cost per customer {each}, \
             monthly revenue {revenue:#}",
            code = Inert(c.code),
            rate = Inert(&c.per_usd),
            date = Inert(&c.rate_date),
            cost = c.monthly_cost,
            each = OrDash(c.cost_per_customer.map(|x| format!("{x:#}"))),
            revenue = c.monthly_revenue,
        );
        if let (Some(low), Some(high)) = (c.low_monthly_cost, c.high_monthly_cost) {
            let _ = write!(out, ", monthly cost from {low:#} to {high:#} over the usage ranges");
        }
        let _ = writeln!(out, ". {}", Inert(c.note));
    }

    out.push_str("\n## Monthly cost by product\n\n");
    header(&mut out, &["Product", "Monthly cost"], 1);
    for c in &e.components {
        row(&mut out, &[&Inert(product(c.component)), &Money(c.amount_cents)]);
    }
    row(&mut out, &[&"**Total**", &format!("**{}**", Money(t.monthly_cost_cents))]);

    out.push_str("\n## Per customer\n\n");
    header(
        &mut out,
        &["Cohort", "Customers", "Allocated per month", "Per customer", "Cost as % of ACV", "Gross margin"],
        1,
    );
    for c in &e.customers {
        row(
            &mut out,
            &[
                &Inert(&c.name),
                &c.count,
                &Money(c.allocated_monthly_cents),
                &OrDash(c.per_customer_monthly_cents.map(Money)),
                &OrDash(c.cost_pct_of_acv.map(Pct)),
                &OrDash(c.gross_margin_pct.map(Pct)),
            ],
        );
    }

    out.push_str("\n## 12-month timeline\n\n");
    header(
        &mut out,
        &[
            "Month",
            "Customers live",
            "Cost",
            "Revenue",
            "Gross margin",
            "Cumulative cost",
            "Cumulative revenue",
            "Cumulative margin",
        ],
        0,
    );
    for m in &report.timeline.months {
        row(
            &mut out,
            &[
                &m.month,
                &m.customers_live,
                &Money(m.monthly_cost_cents),
                &Money(m.monthly_revenue_cents),
                &OrDash(m.gross_margin_pct.map(Pct)),
                &Money(m.cumulative_cost_cents),
                &Money(m.cumulative_revenue_cents),
                &OrDash(m.cumulative_margin_pct.map(Pct)),
            ],
        );
    }

    let s = &e.sizing;
    let fs = &s.firestore;
    out.push_str("\n## Sizing\n\n");
    header(&mut out, &["Figure", "Value"], 1);
    let three = |a: &dyn Display, b: &dyn Display, c: &dyn Display| format!("{a} / {b} / {c}");
    let rows: [(&str, &dyn Display); 12] = [
        ("Regions", &s.regions),
        ("Requests per second: peak, mean, quietest", &three(&Num(s.peak_qps), &Num(s.avg_qps), &Num(s.quiet_qps))),
        (
            "Instances per region: at peak (needed), quietest",
            &format!("{} ({}), {}", s.instances_at_peak, s.instances_needed_at_peak, s.instances_quiet),
        ),
        ("Capacity at max instances, requests per second", &Num(s.capacity_qps)),
        ("Saturation at max instances, requests per second", &Num(s.saturation_qps)),
        ("Headroom (capacity / peak)", &OrDash(s.headroom_ratio.map(|x| format!("{}×", Fixed(x, 2))))),
        ("Utilisation at peak", &Pct(s.utilization_at_peak * 100.0)),
        (
            "Latency at peak p50 / p95 / p99, ms",
            &three(&Ms(s.latency_p50_ms), &Ms(s.latency_p95_ms), &Ms(s.latency_p99_ms)),
        ),
        ("Requests in flight at peak", &OrDash(s.in_flight_at_peak.map(Num))),
        (
            "Firestore at peak: reads / writes / deletes per second",
            &three(&Num(fs.peak_reads_per_s), &Num(fs.peak_writes_per_s), &Num(fs.peak_deletes_per_s)),
        ),
        ("Firestore stored, GiB", &Num(fs.stored_gib)),
        ("Egress per month, GiB", &Num(s.egress_gib_per_month)),
    ];
    for (name, value) in rows {
        row(&mut out, &[&name, value]);
    }

    out.push_str("\n## Findings\n");
    for (severity, title) in [
        (Severity::Critical, "Critical"),
        (Severity::High, "High"),
        (Severity::Medium, "Medium"),
        (Severity::Low, "Low"),
        (Severity::Info, "Info"),
    ] {
        let mut found = e.findings.iter().filter(|f| f.severity == severity).peekable();
        if found.peek().is_some() {
            let _ = writeln!(out, "\n### {title}\n");
        }
        for f in found {
            let _ = writeln!(
                out,
                "- {} ({}: {} {unit} against {} {unit})",
                Inert(&f.message),
                Inert(f.code),
                Num(f.figure),
                Num(f.threshold),
                unit = Inert(f.unit)
            );
        }
    }
    if e.findings.is_empty() {
        out.push_str("\nNone.\n");
    }

    if let Some(c) = &report.comparison {
        comparison(&mut out, c);
    }

    out.push_str("\n## Assumptions\n\n");
    header(&mut out, &["Setting", "Value", "Unit"], 3);
    for a in report.assumptions() {
        let value = match &a.value {
            Plain::Text(text) => Inert(text).to_string(),
            Plain::Number(x) => Num(*x).to_string(),
            Plain::Link(_) => continue, // on its own line below
        };
        row(&mut out, &[&Inert(&a.name), &value, &Inert(a.unit)]);
    }
    let _ = writeln!(out, "\nShare link (after the page's address): `{}`", report.link());
    appendix(&mut out, &explain_all(scenario)?);
    Ok(out)
}

/// A node's figure and unit for people: USD to the cent, others to 7 significant digits.
struct Shown<'a>(&'a Node);

impl Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0.figure, self.0.unit.as_str()) {
            (None, _) => f.write_str("—"),
            (Some(x), "USD") => write!(f, "{:#}", Usd(crate::model::cost::to_cents(x))),
            (Some(x), "") => write!(f, "{}", Num(x)),
            (Some(x), unit) => write!(f, "{} {}", Num(x), Inert(unit)),
        }
    }
}

/// Where a node's figure comes from, in a few words.
fn source(node: &Node) -> String {
    match &node.source {
        Source::Derived => String::new(),
        Source::Input { path } => format!(" (input {})", Inert(path)),
        Source::Price { id, source, seen, confirmed, overridden, .. } => {
            let state = if *confirmed { "confirmed" } else { "unconfirmed" };
            let over = if overridden.is_some() { ", overridden" } else { "" };
            format!(" (price {}, {}, seen {}, {state}{over})", id.as_str(), Inert(source), Inert(seen))
        }
        Source::Constant { note } if note.is_empty() => " (constant)".into(),
        Source::Constant { note } => format!(" (constant: {})", Inert(note)),
        Source::Figure { id } => format!(" (see {})", Inert(id)),
    }
}

/// "How each figure is computed": each figure with its formula and what it is computed from,
/// one level down (the JSON export has the whole trees).
fn appendix(out: &mut String, all: &[Explanation]) {
    out.push_str("\n## How each figure is computed\n\n");
    for x in all {
        let r = &x.root;
        let _ = write!(out, "- **{}** ({}): {}", Inert(&r.label), Inert(&x.target), Shown(r));
        if !r.formula.is_empty() {
            let _ = write!(out, " = {}", Inert(&r.formula));
        }
        out.push('\n');
        for c in &r.children {
            let _ = writeln!(out, "  - {}: {}{}", Inert(&c.label), Shown(c), source(c));
        }
    }
}
