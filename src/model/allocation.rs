//! Allocating the month's cost to customer cohorts, to the cent.

use serde::Serialize;

use super::cost::{Driver, LineItem};
use super::scenario::{Allocation, Cohort, Scenario};

/// Splits `total_cents` in proportion to `weights` by the largest-remainder method: every
/// part is the floor of its exact share, and the cents left over go one each to the parts
/// with the largest fractions (ties to the earlier part). The parts add up exactly to
/// `total_cents`; a negative total is split like its absolute value, negated. All-zero,
/// negative or non-finite weights count as zero; when every weight is zero, all parts are 0.
///
/// ```
/// use headroom::model::allocation::largest_remainder;
/// assert_eq!(largest_remainder(100, &[1.0, 1.0, 1.0]), vec![34, 33, 33]);
/// assert_eq!(largest_remainder(-7, &[1.0, 2.0]), vec![-2, -5]);
/// assert_eq!(largest_remainder(5, &[0.0, 0.0]), vec![0, 0]);
/// ```
pub fn largest_remainder(total_cents: i64, weights: &[f64]) -> Vec<i64> {
    let clean = |w: f64| if w.is_finite() && w > 0.0 { w } else { 0.0 };
    let sum: f64 = weights.iter().map(|&w| clean(w)).sum();
    if sum <= 0.0 || !sum.is_finite() {
        return vec![0; weights.len()];
    }
    let magnitude = total_cents.unsigned_abs() as f64;
    let mut parts: Vec<i64> = Vec::with_capacity(weights.len());
    // The weighted parts' fractions and places, by falling fraction, ties to the earlier part:
    // an insertion sort, as cohorts are few and a library sort would add kilobytes to the
    // WebAssembly.
    let mut order: Vec<(f64, usize)> = Vec::with_capacity(weights.len());
    for (i, &w) in weights.iter().enumerate() {
        let share = magnitude * clean(w) / sum;
        let part = share as i64;
        parts.push(part);
        if clean(w) > 0.0 {
            let fraction = share - part as f64;
            let at = order.partition_point(|&(f, _)| f >= fraction);
            order.insert(at, (fraction, i));
        }
    }
    let mut left = total_cents.unsigned_abs() as i64 - parts.iter().sum::<i64>();
    // Float rounding can leave the floors a cent or two off either way; walk until exact.
    for &(_, i) in order.iter().cycle().take(order.len() * 4) {
        if left == 0 {
            break;
        }
        let step = left.signum();
        if step < 0 && parts[i] == 0 {
            continue;
        }
        parts[i] += step;
        left -= step;
    }
    if total_cents < 0 {
        parts.iter_mut().for_each(|p| *p = -*p);
    }
    parts
}

/// One cohort's share of the month.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct CustomerCost {
    /// The cohort's name.
    pub name: String,
    /// Customers in it.
    pub count: u32,
    /// Annual contract value of one customer, USD.
    pub acv_usd: f64,
    /// The cohort's share of the monthly cost, cents; the shares add up to the total.
    pub allocated_monthly_cents: i64,
    /// Monthly cost of one of its customers, cents (the share over the count, rounded);
    /// `None` for an empty cohort.
    pub per_customer_monthly_cents: Option<i64>,
    /// Monthly revenue of the cohort (ACV / 12 for each customer), cents.
    pub monthly_revenue_cents: i64,
    /// Annualised cost as a percent of ACV; `None` without revenue.
    pub cost_pct_of_acv: Option<f64>,
    /// `(revenue - cost) / revenue` in percent; `None` without revenue.
    pub gross_margin_pct: Option<f64>,
}

/// A cohort's weight for lines driven by `driver`, under allocation by usage.
fn usage(cohort: &Cohort, driver: Driver) -> f64 {
    let p = &cohort.profile;
    let per_customer = match driver {
        Driver::Requests => p.avg_qps,
        Driver::Reads => p.firestore_reads_per_day,
        Driver::Writes => p.firestore_writes_per_day,
        Driver::Deletes => p.firestore_deletes_per_day,
        Driver::Storage => p.stored_gb,
        Driver::Egress => p.egress_gb_per_month,
    };
    per_customer * f64::from(cohort.count)
}

/// The weights of the cohorts for lines driven by `driver`; falls back to customer counts when
/// the rule's weights are all zero (say, every ACV is 0).
fn weights(scenario: &Scenario, driver: Driver) -> Vec<f64> {
    let counts = || scenario.customers.iter().map(|c| f64::from(c.count)).collect::<Vec<_>>();
    let w: Vec<f64> = match scenario.allocation {
        Allocation::Equal => return counts(),
        Allocation::ByAcv => scenario.customers.iter().map(|c| c.profile.acv_usd * f64::from(c.count)).collect(),
        Allocation::ByUsage => scenario.customers.iter().map(|c| usage(c, driver)).collect(),
    };
    if w.iter().any(|&x| x > 0.0) { w } else { counts() }
}

/// Every driver, in declaration order (so `driver as usize` indexes it).
pub const DRIVERS: [Driver; 6] =
    [Driver::Requests, Driver::Reads, Driver::Writes, Driver::Deletes, Driver::Storage, Driver::Egress];

/// Each cohort's weight for each driver (in [`DRIVERS`] order) under the scenario's rule: a
/// cohort's exact share of the lines a driver drives is its weight over the weights added up,
/// and [`allocate`] rounds those shares to cents by [`largest_remainder`]. Under allocation by
/// ACV or equally, every driver has the same weights.
///
/// ```
/// use headroom::model::{allocation::driver_weights, preset};
/// let s = preset("phase1-3-customers").unwrap();
/// let w = driver_weights(&s);
/// assert_eq!(w.len(), s.customers.len());
/// // Requests are weighted by each cohort's mean QPS times its count.
/// assert_eq!(w[0][0], s.customers[0].profile.avg_qps * f64::from(s.customers[0].count));
/// ```
pub fn driver_weights(scenario: &Scenario) -> Vec<[f64; 6]> {
    let by_driver = DRIVERS.map(|d| weights(scenario, d));
    (0..scenario.customers.len()).map(|i| DRIVERS.map(|d| by_driver[d as usize][i])).collect()
}

/// Allocates every line to the cohorts under the scenario's rule; with at least one
/// customer, the allocations add up exactly to the sum of the lines.
///
/// ```
/// use headroom::model::{Allocation, evaluate, preset};
/// let mut s = preset("phase1-3-customers").unwrap();
/// s.allocation = Allocation::Equal;
/// let e = evaluate(&s).unwrap();
/// let shares = headroom::model::allocation::allocate(&s, &e.line_items);
/// assert_eq!(shares.iter().map(|c| c.allocated_monthly_cents).sum::<i64>(), e.totals.monthly_cost_cents);
/// assert!(shares[0].allocated_monthly_cents - shares[2].allocated_monthly_cents <= 1);
/// ```
pub fn allocate(scenario: &Scenario, lines: &[LineItem]) -> Vec<CustomerCost> {
    let mut by_driver = [0_i64; DRIVERS.len()];
    let mut negotiated = 0;
    for l in lines {
        match l.is_negotiated() {
            true => negotiated += l.amount_cents,
            false => by_driver[l.driver as usize] += l.amount_cents,
        }
    }
    if scenario.allocation != Allocation::ByUsage {
        // One rule for every line: split the whole total once.
        by_driver = [by_driver.iter().sum(), 0, 0, 0, 0, 0];
    }
    let mut allocated = vec![0_i64; scenario.customers.len()];
    for (driver, total) in DRIVERS.into_iter().zip(by_driver).filter(|&(_, total)| total != 0) {
        for (a, part) in allocated.iter_mut().zip(largest_remainder(total, &weights(scenario, driver))) {
            *a += part;
        }
    }
    // The negotiated discount is a share of the bill, so each cohort gets it in proportion to
    // its share of the rest: never more than it carries, so no share turns negative.
    if negotiated != 0 {
        let before: Vec<f64> = allocated.iter().map(|&a| a as f64).collect();
        for (a, part) in allocated.iter_mut().zip(largest_remainder(negotiated, &before)) {
            *a += part;
        }
    }
    scenario.customers.iter().zip(allocated).map(|(c, cents)| customer_cost(c, cents)).collect()
}

fn customer_cost(cohort: &Cohort, allocated_monthly_cents: i64) -> CustomerCost {
    let revenue = monthly_revenue_cents(cohort);
    let (pct_of_acv, margin) = ratios(allocated_monthly_cents, revenue);
    CustomerCost {
        name: cohort.name.clone(),
        count: cohort.count,
        acv_usd: cohort.profile.acv_usd,
        allocated_monthly_cents,
        per_customer_monthly_cents: (cohort.count > 0)
            .then(|| (allocated_monthly_cents as f64 / f64::from(cohort.count)).round() as i64),
        monthly_revenue_cents: revenue,
        cost_pct_of_acv: pct_of_acv,
        gross_margin_pct: margin,
    }
}

/// A cohort's revenue per month (its ACV x count / 12), cents.
pub(crate) fn monthly_revenue_cents(cohort: &Cohort) -> i64 {
    super::cost::to_cents(cohort.profile.acv_usd * f64::from(cohort.count) / 12.0)
}

/// Cost as a percent of revenue, and gross margin in percent; `None` without revenue.
///
/// ```
/// use headroom::model::allocation::ratios;
/// assert_eq!(ratios(4_000, 100_000), (Some(4.0), Some(96.0)));
/// assert_eq!(ratios(4_000, 0), (None, None));
/// ```
pub fn ratios(cost_cents: i64, revenue_cents: i64) -> (Option<f64>, Option<f64>) {
    if revenue_cents <= 0 {
        return (None, None);
    }
    let (cost, revenue) = (cost_cents as f64, revenue_cents as f64);
    (Some(cost / revenue * 100.0), Some((revenue - cost) / revenue * 100.0))
}
