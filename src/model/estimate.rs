//! The estimate: what [`evaluate`] returns, and the orchestration that builds it.

use serde::Serialize;

use super::allocation::{CustomerCost, allocate, ratios};
use super::cost::{Commitment, Component, LineItem, price, to_cents, total_without_cdn_of};
use super::currency::{CONVERSION_NOTE, CurrencyFigures, rate_text};
use super::error::Error;
use super::findings::{Facts, Finding, findings};
use super::money::check_converted;
use super::pricebook::PriceId;
use super::ranges::Bound;
use super::scenario::{Currency, Scenario};
use super::sizing::{Demand, Detail, Sizing, size_with_cdn};

/// The headline figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Totals {
    /// Cost per month, cents: exactly the sum of the line items.
    pub monthly_cost_cents: i64,
    /// Revenue per month (sum of ACV / 12), cents.
    pub monthly_revenue_cents: i64,
    /// `(revenue - cost) / revenue`, percent; `None` without revenue.
    pub gross_margin_pct: Option<f64>,
    /// Annualised cost as a percent of total ACV; `None` without revenue.
    pub cost_pct_of_acv: Option<f64>,
    /// Customers in all cohorts.
    pub customer_count: u64,
    /// Monthly cost over the customer count, cents, rounded; `None` without customers.
    pub cost_per_customer_cents: Option<i64>,
    /// Cost no customer carries (all of it when there are no customers), cents.
    pub unallocated_cents: i64,
}

/// The headline figures of the low and high scenarios, when a scenario has usage ranges
/// (see [`Scenario::bound`]): each from a full evaluation of that scenario. Usage only rises
/// from low to high, so `low` costs at most the typical estimate and `high` at least, and the
/// margins run the other way; revenue is the same in all three.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Range {
    /// The totals of `evaluate(scenario.bound(Bound::Low))`.
    pub low: Totals,
    /// The totals of `evaluate(scenario.bound(Bound::High))`.
    pub high: Totals,
}

/// One product's share of the month, for the breakdown chart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct ComponentTotal {
    /// The product.
    pub component: Component,
    /// Its lines added up, cents (negative for discounts).
    pub amount_cents: i64,
}

/// The part of the month that rests on unconfirmed prices: the bill's lines whose unit price
/// the price book marks unconfirmed (no official page text was seen for it) and the scenario
/// does not override. An override is the user's own price, so it counts as confirmed. A line
/// counts by its unit price alone (the free allowances and tier bounds that set quantities do
/// not make a line unconfirmed); a free tier's negative line counts at the price it takes off.
/// The amounts are before the negotiated discount, which takes its percent off these lines too.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Unconfirmed {
    /// Those lines added up, US cents.
    pub cents: i64,
    /// `cents` as a percent of `totals.monthly_cost_cents`; `None` when the month costs nothing.
    pub pct: Option<f64>,
    /// Their prices' ids (e.g. `"armorRequests"`), each once, in the book's order; empty when the
    /// whole bill rests on confirmed prices.
    #[cfg_attr(test, ts(type = "Array<string>"))]
    pub prices: Vec<PriceId>,
}

/// The version of the model that computes estimates: `year.month.revision`. It changes
/// whenever a figure for the same scenario and price book can change, so an exported or
/// linked estimate shows which model computed it.
///
/// ```
/// let e = headroom::model::evaluate(&headroom::model::preset("week9-baseline").unwrap()).unwrap();
/// assert_eq!(e.model_version, headroom::model::MODEL_VERSION);
/// ```
pub const MODEL_VERSION: &str = "2026.11.3";

/// Everything the model computes for a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Estimate {
    /// [`MODEL_VERSION`]: the model that computed this estimate.
    pub model_version: &'static str,
    /// Id of the price book used.
    pub price_book: &'static str,
    /// Headline figures.
    pub totals: Totals,
    /// The bill, line by line; adds up exactly to `totals.monthly_cost_cents`.
    pub line_items: Vec<LineItem>,
    /// The bill by product, in [`Component`] order; adds up to the total as well.
    pub components: Vec<ComponentTotal>,
    /// Each cohort's share; with customers, the shares add up exactly to the total.
    pub customers: Vec<CustomerCost>,
    /// Instances, capacity, latency and Firestore rates.
    pub sizing: Sizing,
    /// The committed use discount, when the scenario has one.
    pub commitment: Option<Commitment>,
    /// Bottlenecks and risks, most severe first.
    pub findings: Vec<Finding>,
    /// The part of the month on unconfirmed prices.
    pub unconfirmed: Unconfirmed,
    /// The low and high scenarios' totals when the scenario has usage ranges; `None` without.
    /// Everything else in the estimate is the typical scenario's.
    pub range: Option<Range>,
    /// The headline figures in the scenario's display currency, converted once; `None` in US
    /// dollars.
    pub currency: Option<CurrencyFigures>,
}

fn component_totals(lines: &[LineItem]) -> Vec<ComponentTotal> {
    let mut sums = [None::<i64>; Component::ALL.len()];
    for l in lines {
        *sums[l.component as usize].get_or_insert(0) += l.amount_cents;
    }
    // Sized once: a filtered `collect` starts small and grows.
    let mut totals = Vec::with_capacity(Component::ALL.len());
    for (component, sum) in Component::ALL.into_iter().zip(sums) {
        totals.extend(sum.map(|amount_cents| ComponentTotal { component, amount_cents }));
    }
    totals
}

/// `cost_cents` over `customers`, cents, rounded; `None` without customers.
pub(crate) fn cost_per_customer_cents(cost_cents: i64, customers: u64) -> Option<i64> {
    (customers > 0).then(|| to_cents(cost_cents as f64 / 100.0 / customers as f64))
}

/// The headline figures `totals` (and the low and high `range`) in `currency`, each converted
/// once ([`Currency::convert`]); `None` in US dollars.
///
/// ```
/// use headroom::model::{CurrencyCode, evaluate, preset};
/// let mut s = preset("week9-baseline").unwrap();
/// let usd = evaluate(&s).unwrap();
/// assert!(usd.currency.is_none());
/// (s.currency.code, s.currency.per_usd, s.currency.rate_date) = (CurrencyCode::Eur, 0.92, "2026-11-27".into());
/// let f = evaluate(&s).unwrap().currency.unwrap();
/// assert_eq!(f.monthly_cost, s.currency.convert(usd.totals.monthly_cost_cents));
/// assert_eq!((f.per_usd.as_str(), f.rate_date.as_str(), f.decimals), ("0.92", "2026-11-27", 2));
/// ```
fn converted(currency: &Currency, totals: &Totals, range: Option<&Range>) -> Option<CurrencyFigures> {
    if !currency.is_converted() {
        return None;
    }
    let c = currency;
    Some(CurrencyFigures {
        code: c.code.code(),
        decimals: c.code.decimals(),
        per_usd: rate_text(c.per_usd),
        rate_date: c.rate_date.clone(),
        monthly_cost: c.convert(totals.monthly_cost_cents),
        cost_per_customer: totals.cost_per_customer_cents.map(|x| c.convert(x)),
        monthly_revenue: c.convert(totals.monthly_revenue_cents),
        low_monthly_cost: range.map(|r| c.convert(r.low.monthly_cost_cents)),
        high_monthly_cost: range.map(|r| c.convert(r.high.monthly_cost_cents)),
        note: CONVERSION_NOTE,
    })
}

/// Sizes and prices a scenario; with usage ranges, the low and high scenarios too (three
/// evaluations in all; see [`Range`]).
///
/// # Errors
/// Every problem [`Scenario::validate`] finds, all at once, and an unknown price book or
/// price override; nothing is computed then. A month or converted figure past what
/// [`money`](super::money) allows, naming the input that took it there.
///
/// ```
/// let s = headroom::model::preset("phase1-3-customers").unwrap();
/// let e = headroom::model::evaluate(&s).unwrap();
/// let sum: i64 = e.line_items.iter().map(|l| l.amount_cents).sum();
/// assert_eq!(sum, e.totals.monthly_cost_cents);
/// let allocated: i64 = e.customers.iter().map(|c| c.allocated_monthly_cents).sum();
/// assert_eq!(allocated, e.totals.monthly_cost_cents);
/// assert_eq!(e.range, None);
/// ```
///
/// With ranges:
///
/// ```
/// use headroom::model::{Bound, evaluate, preset};
/// let mut s = preset("phase1-3-customers").unwrap();
/// (s.ranges.peak_qps_low_pct, s.ranges.egress_gb_high_pct) = (60.0, 250.0);
/// let e = evaluate(&s).unwrap();
/// let range = e.range.unwrap();
/// assert_eq!(range.low, evaluate(&s.bound(Bound::Low)).unwrap().totals);
/// assert!(range.low.monthly_cost_cents <= e.totals.monthly_cost_cents);
/// assert!(e.totals.monthly_cost_cents < range.high.monthly_cost_cents);
/// ```
pub fn evaluate(scenario: &Scenario) -> Result<Estimate, Error> {
    let mut estimate = evaluate_one(scenario)?;
    if scenario.has_ranges() {
        let low = evaluate_one(&scenario.bound(Bound::Low))?.totals;
        let high = evaluate_one(&scenario.bound(Bound::High))?.totals;
        estimate.range = Some(Range { low, high });
    }
    estimate.currency = converted(&scenario.currency, &estimate.totals, estimate.range.as_ref());
    if let Some(c) = &estimate.currency {
        let figures = [Some(&c.monthly_cost), c.cost_per_customer.as_ref(), Some(&c.monthly_revenue)];
        let range = [c.low_monthly_cost.as_ref(), c.high_monthly_cost.as_ref()];
        check_converted(scenario, figures.into_iter().chain(range).flatten())?;
    }
    Ok(estimate)
}

/// [`evaluate`] of the scenario as it is, ranges ignored (`range` is `None`): one evaluation,
/// for engines that evaluate many scenarios (the deal, the timeline).
pub(crate) fn evaluate_one(scenario: &Scenario) -> Result<Estimate, Error> {
    let (book, prices) = scenario.priced()?;
    let demand = Demand::of(scenario);
    let sizing = size_with_cdn(scenario, &demand, Detail::Full, scenario.network.cdn);
    let costing = price(scenario, &prices, &sizing);
    if let Some(over) = &costing.over {
        return Err(over.error(scenario));
    }
    let lines = costing.lines;
    let customers = allocate(scenario, &lines);
    let monthly_cost_cents: i64 = lines.iter().map(|l| l.amount_cents).sum();
    let monthly_revenue_cents: i64 = customers.iter().map(|c| c.monthly_revenue_cents).sum();
    let (cost_pct_of_acv, gross_margin_pct) = ratios(monthly_cost_cents, monthly_revenue_cents);
    let customer_count = scenario.customer_count();
    let allocated: i64 = customers.iter().map(|c| c.allocated_monthly_cents).sum();
    let totals = Totals {
        monthly_cost_cents,
        monthly_revenue_cents,
        gross_margin_pct,
        cost_pct_of_acv,
        customer_count,
        cost_per_customer_cents: cost_per_customer_cents(monthly_cost_cents, customer_count),
        unallocated_cents: monthly_cost_cents - allocated,
    };
    let commitment = costing.commitment.as_ref();
    let cdn_saving_usd = scenario
        .network
        .cdn
        .then(|| (total_without_cdn_of(scenario, &prices, &demand) - monthly_cost_cents) as f64 / 100.0);
    let facts = Facts { scenario, sizing: &sizing, commitment, gross_margin_pct, lines: &lines, cdn_saving_usd };
    let findings = findings(&facts);
    let unconfirmed = Unconfirmed {
        cents: costing.unconfirmed_cents,
        pct: (monthly_cost_cents > 0).then(|| costing.unconfirmed_cents as f64 * 100.0 / monthly_cost_cents as f64),
        prices: costing.unconfirmed_prices,
    };
    Ok(Estimate {
        model_version: MODEL_VERSION,
        price_book: book.id,
        totals,
        components: component_totals(&lines),
        line_items: lines,
        customers,
        sizing,
        commitment: costing.commitment,
        findings,
        unconfirmed,
        range: None,
        currency: None,
    })
}
