//! Figures written for people, from their output row: the one formatter of the model's
//! exports (the page has its own, www/src/format.ts, held to the same cases).

use std::fmt::{self, Display};

use super::{Figure, Output, UnitKind};
use crate::model::text::{Dollars, Fixed, Upto, grouped};

/// A figure written for people by its row: `$1,234.50`, `95.5%`, `1.85×`, `12.5 QPS`,
/// `1,234`, the row's words for a missing value (`saturated`) or a dash.
pub struct Shown<'a, T: 'static>(pub &'a Output<T>, pub Figure<'a>);

/// Shown where a figure does not apply and its row has no words for that.
pub const DASH: &str = "—";

impl<T> Display for Shown<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (row, figure) = (self.0, &self.1);
        let x = match figure {
            Figure::Absent => return f.write_str(if row.absent.is_empty() { DASH } else { row.absent }),
            Figure::Text(text) => return f.write_str(text),
            Figure::Number(x) => *x,
            Figure::Cents(cents) => return money(f, *cents),
        };
        let p = row.precision;
        match row.unit {
            UnitKind::Cents => money(f, x.round() as i64),
            UnitKind::Usd => write!(f, "{:#}", Dollars(x, p)),
            UnitKind::Percent => write!(f, "{:#}%", Fixed(x, p)),
            UnitKind::Fraction => write!(f, "{:#}%", Fixed(x * 100.0, p)),
            UnitKind::Ratio => write!(f, "{:#}×", Fixed(x, p)),
            UnitKind::Count
            | UnitKind::Rate
            | UnitKind::Duration
            | UnitKind::Bytes
            | UnitKind::Number
            | UnitKind::Text => {
                write!(f, "{:#}", Upto(x, p))?;
                if row.symbol.is_empty() { Ok(()) } else { write!(f, " {}", row.symbol) }
            }
        }
    }
}

/// Cents as dollars for people: `-$1,234.50`.
fn money(f: &mut fmt::Formatter<'_>, cents: i64) -> fmt::Result {
    write!(f, "{:#}", Usd(cents))
}

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
        write!(f, "{sign}${}", grouped(&dollars.to_string()))?;
        write!(f, ".{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(unit: UnitKind, symbol: &'static str, precision: u32, absent: &'static str) -> Output<()> {
        Output {
            id: "x",
            label: "X",
            unit,
            symbol,
            precision,
            absent,
            words: &[],
            note: "",
            converted: "",
            get: |_| Figure::Absent,
        }
    }

    #[test]
    fn each_unit_as_people_read_it() {
        let cases = [
            (row(UnitKind::Cents, "", 2, ""), Figure::Cents(-123_456_789), "-$1,234,567.89"),
            (row(UnitKind::Cents, "", 2, ""), Figure::Cents(5), "$0.05"),
            (row(UnitKind::Usd, "", 8, ""), Figure::Number(0.000024), "$0.000024"),
            (row(UnitKind::Usd, "", 2, ""), Figure::Number(48_000.0), "$48,000.00"),
            (row(UnitKind::Usd, "", 8, ""), Figure::Number(-0.5), "-$0.50"),
            (row(UnitKind::Percent, "", 1, ""), Figure::Number(95.54), "95.5%"),
            (row(UnitKind::Percent, "", 1, ""), Figure::Number(-1234.0), "-1,234.0%"),
            (row(UnitKind::Fraction, "", 1, ""), Figure::Number(0.4567), "45.7%"),
            (row(UnitKind::Ratio, "", 2, ""), Figure::Number(1.8549), "1.85×"),
            (row(UnitKind::Ratio, "", 2, ""), Figure::Number(2.0), "2.00×"),
            (row(UnitKind::Rate, "QPS", 1, ""), Figure::Number(1234.56), "1,234.6 QPS"),
            (row(UnitKind::Count, "", 0, ""), Figure::Number(1_000_000.0), "1,000,000"),
            (row(UnitKind::Duration, "ms", 0, "saturated"), Figure::Absent, "saturated"),
            (row(UnitKind::Duration, "ms", 1, ""), Figure::Number(120.54), "120.5 ms"),
            (row(UnitKind::Percent, "", 1, ""), Figure::Absent, "—"),
            (row(UnitKind::Text, "", 0, ""), Figure::Text("CPU".into()), "CPU"),
        ];
        for (row, figure, text) in cases {
            assert_eq!(row.show(figure.clone()), text, "{figure:?}");
        }
    }
}
