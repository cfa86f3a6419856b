//! The display currency: amounts stay exact US cents in the model; a figure shown in another
//! currency is converted from its cents once, at display, by integer arithmetic, and rounded
//! once, half away from zero, to the currency's minor unit.
//!
//! The rate is the exchange rate as entered (`currency.perUsd`, units of the currency for one
//! US dollar), read as the decimal it was typed as: the shortest decimal of at most 12 places
//! that is that `f64` (0.92 is 92 / 100, not the binary fraction nearest 0.92). A rate with
//! more places is rounded to 12 first.

use std::fmt;

use serde::Serialize;

use super::scenario::{Currency, CurrencyCode};
use super::text::grouped;

/// Powers of ten that are exact in an `f64` and an `i128`: 10^0 to 10^12.
const POW10: [f64; 13] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

/// `rate` as a decimal `m / 10^k`: the fewest places `k` (at most 12) at which it is exactly
/// that `f64`, else rounded at 12 places. `(0, 0)` for a rate that is not finite, not above
/// 0, or too large to hold (10^7 and up).
///
/// ```
/// use headroom::model::currency::decimal_rate;
/// assert_eq!(decimal_rate(0.92), (92, 2));
/// assert_eq!(decimal_rate(156.37), (15_637, 2));
/// assert_eq!(decimal_rate(2.0), (2, 0));
/// assert_eq!(decimal_rate(1.0 / 3.0), (333_333_333_333, 12));
/// assert_eq!(decimal_rate(-1.0), (0, 0));
/// ```
pub fn decimal_rate(rate: f64) -> (u64, u32) {
    if !(rate.is_finite() && rate > 0.0 && rate < 1e7) {
        return (0, 0);
    }
    for (k, &scale) in POW10.iter().enumerate() {
        let m = (rate * scale).round();
        if m / scale == rate {
            return (m as u64, k as u32);
        }
    }
    ((rate * 1e12).round() as u64, 12)
}

/// A rate as the decimal it was entered as ([`decimal_rate`]), by integer arithmetic: `0.92`,
/// `156.37`, `2`.
///
/// ```
/// use headroom::model::currency::rate_text;
/// assert_eq!((rate_text(0.92), rate_text(156.37), rate_text(2.0)), ("0.92".into(), "156.37".into(), "2".into()));
/// assert_eq!(rate_text(0.000_001), "0.000001");
/// ```
pub fn rate_text(rate: f64) -> String {
    let (m, k) = decimal_rate(rate);
    let scale = 10u64.pow(k);
    let (whole, frac) = (m / scale, m % scale);
    if k == 0 { whole.to_string() } else { format!("{whole}.{frac:0width$}", width = k as usize) }
}

/// `usd_cents` in a currency whose minor unit has `decimals` places (0 to 4), at `per_usd`
/// units of it per US dollar: `usd_cents / 100 × per_usd × 10^decimals` minor units, from
/// the rate's decimal ([`decimal_rate`]) by integer arithmetic, rounded once, half away from
/// zero. Saturates at the `i64` bounds instead of overflowing; 0 for a rate
/// [`decimal_rate`] refuses.
///
/// ```
/// use headroom::model::currency::convert_cents;
/// // 1,234.56 USD at 0.92 EUR per USD: 1,135.7952 EUR, 1,135.80 in cents of a euro.
/// assert_eq!(convert_cents(123_456, 0.92, 2), 113_580);
/// // At 156.37 JPY per USD: 193,048.1472 yen, 193,048 (the yen has no minor unit).
/// assert_eq!(convert_cents(123_456, 156.37, 0), 193_048);
/// ```
pub fn convert_cents(usd_cents: i64, per_usd: f64, decimals: u32) -> i64 {
    let (m, k) = decimal_rate(per_usd);
    let num = i128::from(usd_cents).checked_mul(i128::from(m)).and_then(|x| x.checked_mul(10i128.pow(decimals.min(4))));
    let Some(num) = num else {
        return if usd_cents < 0 { i64::MIN } else { i64::MAX };
    };
    let den = 100 * 10i128.pow(k);
    let (q, r) = (num / den, num % den);
    // Half away from zero: the remainder carries the sign of the numerator.
    let q = if 2 * r.abs() >= den { q + num.signum() } else { q };
    i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX })
}

/// An amount in a currency's minor units (cents of a euro, yen), written by integer
/// arithmetic: plainly (`1135.80`, `-5.00`, `193048`), or in the alternate form (`{:#}`) for
/// people, with the code and thousands separators (`EUR 1,135.80`, `JPY 193,048`).
///
/// ```
/// use headroom::model::{CurrencyCode, currency::Converted};
/// let eur = Converted { minor_units: 113_580, code: CurrencyCode::Eur };
/// assert_eq!(eur.to_string(), "1135.80");
/// assert_eq!(format!("{eur:#}"), "EUR 1,135.80");
/// let yen = Converted { minor_units: -193_048, code: CurrencyCode::Jpy };
/// assert_eq!((yen.to_string(), format!("{yen:#}")), ("-193048".into(), "JPY -193,048".into()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Currency.ts"))]
pub struct Converted {
    /// The amount in the currency's minor units ([`CurrencyCode::decimals`] places).
    pub minor_units: i64,
    /// The currency.
    pub code: CurrencyCode,
}

impl fmt::Display for Converted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let places = self.code.decimals();
        let scale = 10u64.pow(places);
        let units = self.minor_units.unsigned_abs();
        let (whole, rest) = (units / scale, units % scale);
        if f.alternate() {
            write!(f, "{} ", self.code.code())?;
        }
        if self.minor_units < 0 {
            f.write_str("-")?;
        }
        let digits = whole.to_string();
        f.write_str(&if f.alternate() { grouped(&digits) } else { digits })?;
        if places > 0 {
            write!(f, ".{rest:0width$}", width = places as usize)?;
        }
        Ok(())
    }
}

impl Currency {
    /// `usd_cents` in this currency, rounded once ([`convert_cents`]); US dollars are the
    /// cents themselves (the rate is not used).
    ///
    /// ```
    /// use headroom::model::{Currency, CurrencyCode};
    /// let eur = Currency { code: CurrencyCode::Eur, per_usd: 0.92, rate_date: "2026-11-27".into() };
    /// assert_eq!(format!("{:#}", eur.convert(123_456)), "EUR 1,135.80");
    /// let usd = Currency { per_usd: 0.92, ..Currency::usd() };
    /// assert_eq!(usd.convert(123_456).minor_units, 123_456);
    /// ```
    pub fn convert(&self, usd_cents: i64) -> Converted {
        let minor_units = match self.code {
            CurrencyCode::Usd => usd_cents,
            code => convert_cents(usd_cents, self.per_usd, code.decimals()),
        };
        Converted { minor_units, code: self.code }
    }

    /// True when figures are shown in a currency other than US dollars.
    pub fn is_converted(&self) -> bool {
        self.code != CurrencyCode::Usd
    }
}

/// What every export and the page say of converted figures.
pub const CONVERSION_NOTE: &str = "Amounts are exact US cents underneath; each converted figure is converted once, \
     at the stated rate, and rounded once (half away from zero) to the currency's minor unit. Every other amount is in USD.";

/// The headline figures in the scenario's display currency, when it is not US dollars: each
/// converted once from the estimate's cents ([`Currency::convert`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Currency.ts"))]
pub struct CurrencyFigures {
    /// The currency's code, e.g. `EUR`.
    pub code: &'static str,
    /// Places of its minor unit ([`CurrencyCode::decimals`]): 2 for the euro, 0 for the yen.
    pub decimals: u32,
    /// The rate as entered: units of the currency for one US dollar, as a decimal (`0.92`).
    pub per_usd: String,
    /// The date of the rate, `YYYY-MM-DD`.
    pub rate_date: String,
    /// Monthly cost.
    pub monthly_cost: Converted,
    /// Monthly cost over the customer count; `None` without customers.
    pub cost_per_customer: Option<Converted>,
    /// Monthly revenue.
    pub monthly_revenue: Converted,
    /// The low scenario's monthly cost, with usage ranges.
    pub low_monthly_cost: Option<Converted>,
    /// The high scenario's monthly cost, with usage ranges.
    pub high_monthly_cost: Option<Converted>,
    /// [`CONVERSION_NOTE`].
    pub note: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_once_half_away_from_zero() {
        // 1 cent at 0.5: half a cent, away from zero.
        assert_eq!(convert_cents(1, 0.5, 2), 1);
        assert_eq!(convert_cents(-1, 0.5, 2), -1);
        assert_eq!(convert_cents(1, 0.49, 2), 0);
        // 1.00 USD at 1.005: exactly 100.5 cents, so 101. Floating point says 100.49999999999999
        // and would round down.
        let float = std::hint::black_box(100.0) * std::hint::black_box(1.005_f64);
        assert!(float < 100.5);
        assert_eq!(convert_cents(100, 1.005, 2), 101);
        assert_eq!(convert_cents(-100, 1.005, 2), -101);
        // 0.50 USD in yen at 1 yen per USD: half a yen, rounds to 1.
        assert_eq!(convert_cents(50, 1.0, 0), 1);
        assert_eq!(convert_cents(49, 1.0, 0), 0);
    }

    #[test]
    fn sums_are_converted_once_not_summed_after_rounding() {
        // Three lines of 0.01 USD at 0.5: each alone rounds to 0.01 EUR, their sum (0.03 USD)
        // to 0.02 EUR (0.015 away from zero). Exports convert the total's cents, once.
        assert_eq!(3 * convert_cents(1, 0.5, 2), 3);
        assert_eq!(convert_cents(3, 0.5, 2), 2);
    }

    #[test]
    fn extremes_saturate_instead_of_overflowing() {
        assert_eq!(convert_cents(i64::MAX, 999_999.0, 2), i64::MAX);
        assert_eq!(convert_cents(i64::MIN, 999_999.0, 2), i64::MIN);
        assert_eq!(convert_cents(1_000, f64::NAN, 2), 0);
        assert_eq!(convert_cents(1_000, 0.000_001, 2), 0);
        // The largest amount a scenario can reach, 10^7 USD a line x 50 lines and more, at the
        // largest rate: still exact.
        assert_eq!(convert_cents(100_000_000_000, 1_000_000.0, 2), 100_000_000_000_000_000);
    }
}
