//! The most money a scenario may add up to, and the refusals that keep every figure within it.
//!
//! Every amount is whole cents in an `i64`, and crosses to JavaScript as a `number`, exact only
//! below 2^53. Inputs inside the field table's ranges can still multiply to more than that (a
//! price override of 10^9 USD per GiB, say), so an estimate whose month would pass
//! [`MAX_MONTH_CENTS`] is refused with the input that took it there; nothing then overflows,
//! and no sum, allocation or converted figure leaves the range JavaScript reads exactly.

use std::borrow::Cow;

use super::currency::Converted;
use super::error::Error;
use super::pricebook::PriceId;
use super::scenario::Scenario;
use super::text::Num;

/// The most a month's line amounts may add up to, each counted positive, cents: USD 10
/// trillion. Far past any real bill, and 9 times below 2^53, so every sum of lines and every
/// allocation is exact in an `f64`. (Revenue stays below it by the field table's ranges: at
/// most 100,000 customers at USD 10^9 a year is 8.3 x 10^14 cents a month.)
pub const MAX_MONTH_CENTS: u64 = 1_000_000_000_000_000;

/// The limit as people read it.
const LIMIT: &str = "USD 10,000,000,000,000 a month";

/// The largest whole number a JavaScript `number` holds exactly (2^53 - 1).
const MAX_SAFE: u64 = (1 << 53) - 1;

/// The line that took a bill past [`MAX_MONTH_CENTS`] and the price it was charged at, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    /// The line's label.
    pub label: Cow<'static, str>,
    /// The price the line was charged at (`None` for fixed lines and discounts).
    pub price: Option<PriceId>,
}

impl Overflow {
    /// The refusal: the price override behind the line when it has one, else the usage.
    pub(crate) fn error(&self, scenario: &Scenario) -> Error {
        let past = format!("(the line \"{}\" takes it past that)", self.label);
        let overridden = self.price.and_then(|id| Some((id, scenario.price_overrides.get(id.as_str())?)));
        match overridden {
            Some((id, value)) => Error::single(
                format!("priceOverrides.{}", id.as_str()),
                Num(value).to_string(),
                format!("a price at which the month stays within {LIMIT} {past}"),
            ),
            None => Error::single("customers", "", format!("usage that costs at most {LIMIT} {past}")),
        }
    }
}

/// Refuses an exchange rate at which a converted figure passes what JavaScript holds exactly.
pub(crate) fn check_converted<'a>(
    scenario: &Scenario,
    figures: impl IntoIterator<Item = &'a Converted>,
) -> Result<(), Error> {
    if figures.into_iter().all(|c| c.minor_units.unsigned_abs() <= MAX_SAFE) {
        return Ok(());
    }
    let allowed = "a rate at which every figure stays below 2^53 of the currency's minor units (use a smaller rate, or fewer customers)";
    Err(Error::single("currency.perUsd", Num(scenario.currency.per_usd).to_string(), allowed))
}
