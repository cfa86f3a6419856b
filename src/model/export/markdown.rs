//! The estimate as a Markdown summary for a design document.

use std::fmt::{self, Display, Write};

use super::{Plain, Report, cents, deal_rows, figure, input_text, row_name};
use crate::model::compare::{Comparison, Row};
use crate::model::deal::Deal;
use crate::model::error::Error;
use crate::model::explain::{Explanation, Node, Source, explain_all};
use crate::model::findings::Severity;
use crate::model::outputs::{
    BILL, CUSTOMERS, DASH, Figure, Output, SIZING, Shown, TIMELINE, TIMELINE_SUMMARY, TOTALS, UNCONFIRMED, UnitKind,
    Usd, product,
};
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

/// A table row of `cells`.
fn row(out: &mut String, cells: &[&dyn Display]) {
    for cell in cells {
        // Writing to a String cannot fail.
        let _ = write!(out, "| {cell} ");
    }
    out.push_str("|\n");
}

/// A figure as a Markdown cell: written by its row ([`Shown`]), words made inert.
fn cell<T>(o: &Output<T>, figure: Figure<'_>) -> String {
    match figure {
        Figure::Text(t) => Inert(&t).to_string(),
        figure => o.show(figure),
    }
}

/// A table of a row per item and a column per output row, headed by the rows' labels;
/// figures aligned right, words left.
fn table<T>(out: &mut String, columns: &[Output<T>], items: &[T]) {
    let names: Vec<&dyn Display> = columns.iter().map(|c| &c.label as &dyn Display).collect();
    row(out, &names);
    let align: Vec<&dyn Display> =
        columns.iter().map(|c| if c.unit == UnitKind::Text { &"---" } else { &"--:" } as _).collect();
    row(out, &align);
    for item in items {
        let cells: Vec<String> = columns.iter().map(|c| cell(c, (c.get)(item))).collect();
        row(out, &cells.iter().map(|c| c as &dyn Display).collect::<Vec<_>>());
    }
}

/// A table's header row and alignment row: columns from `right` on aligned right (figures).
fn header(out: &mut String, names: &[&str], right: usize) {
    let cells: Vec<&dyn Display> = names.iter().map(|n| n as &dyn Display).collect();
    row(out, &cells);
    let align: Vec<&dyn Display> = (0..names.len()).map(|i| if i < right { &"---" } else { &"--:" } as _).collect();
    row(out, &align);
}

/// A comparison figure with its difference from A: `$1,234.50 (+$12.00)`; a percent's
/// difference in points; a column without a figure shows its words (`CPU`, `saturated`) or a
/// dash. Figures are written by the row's output row ([`Row::output`]).
struct Compared<'a>(&'a Row, usize);

impl Display for Compared<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (r, i) = (self.0, self.1);
        let o = r.output();
        match (r.values[i], r.notes.get(i).filter(|n| !n.is_empty())) {
            (Some(x), _) => Shown(&o, figure(&o, x)).fmt(f)?,
            (None, Some(note)) => Inert(note).fmt(f)?,
            (None, None) => f.write_str(DASH)?,
        }
        match r.differences[i] {
            Some(d) if i > 0 && d != 0.0 => {
                f.write_str(if d > 0.0 { " (+" } else { " (-" })?;
                match o.unit {
                    UnitKind::Percent => write!(f, "{} pt", Fixed(d.abs(), o.precision))?,
                    UnitKind::Fraction => write!(f, "{} pt", Fixed(d.abs() * 100.0, o.precision))?,
                    _ => Shown(&o, figure(&o, d.abs())).fmt(f)?,
                }
                f.write_str(")")
            }
            _ => Ok(()),
        }
    }
}

/// The Deal section: the prospect, what it is priced with, a table of its cost, margin and
/// lowest ACV by basis (the scenario's own rule in bold), and the findings it brings; or why it
/// cannot be priced.
/// Money for people: `$1,234.50`.
fn money(cents: i64) -> String {
    format!("{:#}", Usd(cents))
}

/// A percent for people, to one decimal: `95.1%`.
fn pct(x: f64) -> String {
    format!("{}%", Fixed(x, 1))
}

fn deal(out: &mut String, deal: &Result<Deal, Error>) {
    out.push_str("\n## Deal\n\n");
    let d = match deal {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(out, "Not priced: {}", Inert(&e.to_string()));
            return;
        }
    };
    let p = &d.profile;
    let _ = writeln!(
        out,
        "{}: ACV {} a year ({} a month), target margin {}; priced at {} peak QPS ({} mean), {} GB egress a month, {} GB stored{}.\n",
        Inert(&d.name),
        money(cents(d.acv_usd)),
        money(d.monthly_revenue_cents),
        pct(d.target_margin_pct),
        Num(p.peak_qps),
        Num(p.avg_qps),
        Num(p.egress_gb_per_month),
        Num(p.stored_gb),
        if d.in_scenario { "; in the scenario as a cohort" } else { "" },
    );
    header(out, &["Basis", "Cost a month", "Gross margin", "Lowest ACV"], 1);
    for r in deal_rows(d) {
        let basis = if r.own { format!("**{}** (the scenario's rule)", r.basis) } else { r.basis.to_string() };
        let lowest = r.lowest_usd.map_or("any ACV".to_string(), |usd| money(cents(usd)));
        let margin = r.margin_pct.map_or("—".to_string(), pct);
        row(out, &[&basis, &money(r.cents), &margin, &lowest]);
    }
    for f in &d.findings_added {
        let _ = writeln!(out, "\n- {}", Inert(&f.message));
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
        let (name, unit) = (Inert(&input.name), Inert(input.unit));
        let mut line: Vec<&dyn Display> = vec![&name, &unit];
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
/// Tables are headed and figures named by their output rows ([`crate::model::outputs`]), and
/// each figure is written by its row ([`Shown`]): money in US dollars with two decimals from the
/// estimate's cents (`$1,234.50`), percents with the row's decimals, other figures with at most
/// the row's decimals and its symbol (`620 QPS`). Every piece of text from the
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
    table(&mut out, &TOTALS, std::slice::from_ref(t));
    let u = &e.unconfirmed;
    let [cost, pct, _] = &UNCONFIRMED;
    let _ = write!(out, "\n{}: {} ({})", cost.label, cost.of(e), pct.of(e));
    for (i, id) in u.prices.iter().enumerate() {
        let _ = write!(out, "{}{}", if i == 0 { ": " } else { ", " }, Inert(report.book.entry(*id).label));
    }
    out.push_str(".\n");
    if t.unallocated_cents != 0 {
        let _ = writeln!(out, "\nNo customer carries {:#} of the month.", Usd(t.unallocated_cents));
    }
    if let Some(r) = &e.range {
        out.push_str("\nWith the usage ranges (the low and high scenarios evaluated in full):\n\n");
        header(&mut out, &["Figure", "Low", "Typical", "High"], 1);
        for o in &TOTALS {
            let [low, typical, high] = [&r.low, t, &r.high].map(|x| o.of(x).to_string());
            row(&mut out, &[&o.label, &low, &typical, &high]);
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
            each = c.cost_per_customer.map_or(DASH.into(), |x| format!("{x:#}")),
            revenue = c.monthly_revenue,
        );
        if let (Some(low), Some(high)) = (c.low_monthly_cost, c.high_monthly_cost) {
            let _ = write!(out, ", monthly cost from {low:#} to {high:#} over the usage ranges");
        }
        let _ = writeln!(out, ". {}", Inert(c.note));
    }

    out.push_str("\n## Monthly cost by product\n\n");
    header(&mut out, &[BILL[0].label, TOTALS[0].label], 1);
    for c in &e.components {
        row(&mut out, &[&Inert(product(c.component)), &format!("{:#}", Usd(c.amount_cents))]);
    }
    row(&mut out, &[&"**Total**", &format!("**{:#}**", Usd(t.monthly_cost_cents))]);

    out.push_str("\n## Per customer\n\n");
    table(&mut out, &CUSTOMERS, &e.customers);

    out.push_str("\n## 12-month timeline\n\n");
    table(&mut out, &TIMELINE, &report.timeline.months);
    for o in &TIMELINE_SUMMARY {
        let _ = writeln!(out, "\n{}: {}.", o.label, o.of(&report.timeline));
    }

    out.push_str("\n## Sizing\n\n");
    header(&mut out, &["Figure", "Value"], 1);
    for o in &SIZING {
        row(&mut out, &[&o.label, &cell(o, (o.get)(e))]);
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
            let _ = writeln!(out, "- {}", Inert(&f.message));
        }
    }
    if e.findings.is_empty() {
        out.push_str("\nNone.\n");
    }

    if let Some(c) = &report.comparison {
        comparison(&mut out, c);
    }
    if let Some(d) = &report.deal {
        deal(&mut out, d);
    }

    out.push_str("\n## Assumptions\n\n");
    header(&mut out, &["Setting", "Value", "Unit"], 3);
    for a in report.assumptions() {
        let value = match &a.value {
            Plain::Text(text) => Inert(text).to_string(),
            Plain::Number(x) => Num(*x).to_string(),
            Plain::Link(_) => continue, // on its own line below
        };
        row(&mut out, &[&Inert(&a.label), &value, &Inert(a.unit)]);
    }
    let _ = writeln!(out, "\nShare link (after the page's address): `{}`", report.link());
    appendix(&mut out, &explain_all(scenario)?);
    Ok(out)
}

/// A node's figure and unit for people: USD to the cent, others to 7 significant digits.
struct NodeFigure<'a>(&'a Node);

impl Display for NodeFigure<'_> {
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
        let _ = write!(out, "- **{}** ({}): {}", Inert(&r.label), Inert(&x.target), NodeFigure(r));
        if !r.formula.is_empty() {
            let _ = write!(out, " = {}", Inert(&r.formula));
        }
        out.push('\n');
        for c in &r.children {
            let _ = writeln!(out, "  - {}: {}{}", Inert(&c.label), NodeFigure(c), source(c));
        }
    }
}
