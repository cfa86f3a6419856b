//! The growth curve: the scenario at many customer counts in one call, with markers where a
//! finding starts or a step cost appears, the break-even count and where capacity runs out.
//!
//! Each point is the scenario after [`Scenario::set_customer_count`]: fewer customers leave
//! from the last cohort, more join the typical customer's cohort. Its figures are exactly
//! [`evaluate`](super::evaluate)'s for that scenario; the curve only skips what it does not
//! show (line items, allocation, finding texts) and validates and resolves prices once.

use serde::Serialize;

use super::allocation::{monthly_revenue_cents, ratios};
use super::cost::tally;
use super::error::Error;
use super::estimate::cost_per_customer_cents;
use super::findings::{
    Severity, capacity_severity, latency_severity, peak_firestore_ops, ramp_severity, writes_severity,
};
use super::pricebook::Prices;
use super::ranges::Bound;
use super::scenario::{MAX_CUSTOMERS, Scenario};
use super::sizing::{Detail, size_with};

/// Points a curve may have.
pub const MAX_GROWTH_POINTS: usize = 10_000;

/// Points in the default curve ([`growth_counts`]).
pub const DEFAULT_GROWTH_POINTS: usize = 200;

/// One customer count on the curve: the headline figures and the sizing behind the markers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Growth.ts"))]
pub struct GrowthPoint {
    /// Customers in all cohorts.
    pub customers: u32,
    /// Cost per month, cents (`evaluate`'s `totals.monthlyCostCents`).
    pub monthly_cost_cents: i64,
    /// Monthly cost over the customer count, cents, rounded.
    pub cost_per_customer_cents: Option<i64>,
    /// Revenue per month (sum of ACV / 12), cents.
    pub monthly_revenue_cents: i64,
    /// `(revenue - cost) / revenue`, percent; `None` without revenue.
    pub gross_margin_pct: Option<f64>,
    /// Requests per second at the shared peak, all regions.
    pub peak_qps: f64,
    /// Requests per second reaching Cloud Run at the shared peak (cache hits removed).
    pub origin_peak_qps: f64,
    /// Requests per second reaching Cloud Run that max instances carry at target utilisation.
    pub capacity_qps: f64,
    /// Instances the peak needs in each region, before the max-instances bound.
    pub instances_needed_at_peak: u32,
    /// Instances running at peak in each region, within min and max.
    pub instances_at_peak: u32,
    /// Share of the binding resource busy at peak; at 1 or more the service is saturated.
    pub utilization_at_peak: f64,
    /// 95th percentile response time at peak, ms; `None` when saturated.
    pub latency_p95_ms: Option<f64>,
    /// Firestore reads, writes and deletes per second at the shared peak.
    pub firestore_peak_ops_per_s: f64,
    /// Firestore writes per second at the shared peak.
    pub firestore_peak_writes_per_s: f64,
    /// Data sent to users per month, GiB.
    pub egress_gib_per_month: f64,
    /// The band when the scenario has usage ranges: the low and high scenarios at this count
    /// (see [`Scenario::bound`]); `None` without ranges.
    pub range: Option<PointRange>,
}

/// The low and high scenarios at one count: `evaluate(at.bound(Bound::Low))` and
/// `evaluate(at.bound(Bound::High))`'s figures, where `at` is the scenario at that count.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Growth.ts"))]
pub struct PointRange {
    /// The low scenario's monthly cost, cents.
    pub low_monthly_cost_cents: i64,
    /// The high scenario's monthly cost, cents.
    pub high_monthly_cost_cents: i64,
    /// The low scenario's gross margin, percent (the higher margin); `None` without revenue.
    pub low_gross_margin_pct: Option<f64>,
    /// The high scenario's gross margin, percent (the lower margin); `None` without revenue.
    pub high_gross_margin_pct: Option<f64>,
}

/// What a marker shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Growth.ts"))]
pub enum MarkerKind {
    /// A finding starts or becomes more severe.
    Finding,
    /// A step in cost: a price tier starts or another instance runs at peak.
    Step,
}

/// A customer count where something changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Growth.ts"))]
pub struct Marker {
    /// The first count on the curve where it holds.
    pub customers: u32,
    /// Finding or step.
    pub kind: MarkerKind,
    /// The finding's code (`capacity-at-max-instances`, `p95-latency`, `firestore-ramp`,
    /// `firestore-sequential-writes`), or `price-tier` or `instance-step`.
    pub code: &'static str,
    /// The finding's severity from this count on; `None` for steps.
    pub severity: Option<Severity>,
    /// A short text naming it, e.g. "p95 latency over the target" or "Internet egress,
    /// Premium, second tier".
    pub text: String,
}

/// The scenario over a range of customer counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Growth.ts"))]
pub struct Growth {
    /// One point per count asked for, in order.
    pub points: Vec<GrowthPoint>,
    /// Where findings start and step costs appear, by count.
    pub markers: Vec<Marker>,
    /// When the margin is negative with 1 customer: the smallest count with margin of 0 or
    /// more (`margin(n - 1) < 0 <= margin(n)`), found between the curve's points; `None`
    /// when the margin is not negative at 1 or stays negative over the curve.
    pub break_even_customers: Option<u32>,
    /// The smallest count whose peak exceeds the capacity at max instances
    /// (`peak(n - 1) <= capacity < peak(n)`), found between the curve's points; `None` when
    /// the curve stays within capacity.
    pub capacity_exhausted_at: Option<u32>,
}

/// The findings the curve marks, by code, in marker order.
const FINDINGS: [&str; 4] =
    ["capacity-at-max-instances", "p95-latency", "firestore-ramp", "firestore-sequential-writes"];

/// A marker's text for finding `FINDINGS[index]` at `severity`; `None` below medium.
fn finding_text(index: usize, severity: Severity) -> Option<&'static str> {
    use Severity::*;
    Some(match (index, severity) {
        (_, Low | Info) => return None,
        (0, Medium) => "Peak uses over half the capacity at max instances",
        (0, High) => "Peak above the capacity at max instances",
        (0, Critical) => "Saturated at max instances: requests fail with HTTP 429",
        (1, Medium) => "p95 latency within 20% of the target",
        (1, High) => "p95 latency over the target",
        (1, Critical) => "Saturated: latency grows without bound",
        (2, _) => "Firestore peak above 500 ops/s: ramp up new collections",
        (_, Medium) => "Firestore peak writes above 250/s",
        _ => "Firestore peak writes above 500/s",
    })
}

/// Up to `points` distinct customer counts from 1 to `max_customers`, ascending: log-spaced,
/// with consecutive counts where log spacing would repeat one (so small counts are all
/// there). Every count from 1 when `points >= max_customers`.
///
/// ```
/// use headroom::model::growth::{DEFAULT_GROWTH_POINTS, growth_counts};
/// let counts = growth_counts(1_000, DEFAULT_GROWTH_POINTS);
/// assert_eq!(counts.len(), 200);
/// assert_eq!((counts[0], counts[199]), (1, 1_000));
/// assert!(counts.windows(2).all(|w| w[0] < w[1]));
/// assert_eq!(growth_counts(5, 200), [1, 2, 3, 4, 5]);
/// ```
pub fn growth_counts(max_customers: u32, points: usize) -> Vec<u32> {
    let max = max_customers.max(1);
    if points as u64 >= u64::from(max) {
        return (1..=max).collect();
    }
    let last = points.saturating_sub(1).max(1) as f64;
    let step = f64::from(max).ln() / last;
    let mut counts: Vec<u32> = Vec::with_capacity(points);
    for i in 0..points {
        let log_spaced = (i as f64 * step).exp().round() as u32;
        let after = counts.last().map_or(1, |&c| c + 1);
        counts.push(log_spaced.max(after).min(max));
    }
    counts.dedup();
    counts
}

/// One count evaluated: its point, the severities of [`FINDINGS`] and the tiers reached.
struct Sample {
    point: GrowthPoint,
    findings: [Severity; FINDINGS.len()],
    tiers: Vec<Option<&'static str>>,
}

/// The scenario moved from count to count, priced with prices resolved once.
struct Curve<'a> {
    base: &'a Scenario,
    work: Scenario,
    prices: Prices,
}

impl Curve<'_> {
    /// The sample at `n` customers, with the band when `band` and the scenario has ranges.
    fn at_with(&mut self, n: u32, band: bool) -> Sample {
        let mut sample = self.at(n);
        if band && self.base.has_ranges() {
            let (low, high) = (self.bound_cost(Bound::Low), self.bound_cost(Bound::High));
            let revenue = sample.point.monthly_revenue_cents;
            sample.point.range = Some(PointRange {
                low_monthly_cost_cents: low,
                high_monthly_cost_cents: high,
                low_gross_margin_pct: ratios(low, revenue).1,
                high_gross_margin_pct: ratios(high, revenue).1,
            });
        }
        sample
    }

    /// The monthly cost of the low or high scenario of the current count, cents.
    fn bound_cost(&self, bound: Bound) -> i64 {
        let at = self.work.bound(bound);
        tally(&at, &self.prices, &size_with(&at, Detail::Bill)).total_cents
    }

    fn at(&mut self, n: u32) -> Sample {
        let (work, base) = (&mut self.work, &self.base.customers);
        work.customers.truncate(base.len());
        work.customers.iter_mut().zip(base).for_each(|(w, b)| w.count = b.count);
        work.move_customer_count(n);
        let work = &self.work;
        let sizing = size_with(work, Detail::P95);
        let bill = tally(work, &self.prices, &sizing);
        let revenue: i64 = work.customers.iter().map(monthly_revenue_cents).sum();
        let ops = peak_firestore_ops(&sizing.firestore);
        let writes = sizing.firestore.peak_writes_per_s;
        let findings = [
            capacity_severity(&sizing),
            latency_severity(sizing.latency_p95_ms, work.cloud_run.latency_target_p95_ms),
            ramp_severity(ops),
            writes_severity(writes).unwrap_or(Severity::Info),
        ];
        let point = GrowthPoint {
            customers: n,
            monthly_cost_cents: bill.total_cents,
            cost_per_customer_cents: cost_per_customer_cents(bill.total_cents, u64::from(n)),
            monthly_revenue_cents: revenue,
            gross_margin_pct: ratios(bill.total_cents, revenue).1,
            peak_qps: sizing.peak_qps,
            origin_peak_qps: sizing.origin_peak_qps,
            capacity_qps: sizing.capacity_qps,
            instances_needed_at_peak: sizing.instances_needed_at_peak,
            instances_at_peak: sizing.instances_at_peak,
            utilization_at_peak: sizing.utilization_at_peak,
            latency_p95_ms: sizing.latency_p95_ms,
            firestore_peak_ops_per_s: ops,
            firestore_peak_writes_per_s: writes,
            egress_gib_per_month: sizing.egress_gib_per_month,
            range: None,
        };
        Sample { point, findings, tiers: bill.tiers }
    }

    /// The smallest count in `(lo, hi]` where `holds` starts, given it fails at `lo` and holds
    /// at `hi` (bisection; the first crossing when it flips more than once).
    fn crossing(&mut self, mut lo: u32, mut hi: u32, holds: impl Fn(&GrowthPoint) -> bool) -> u32 {
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if holds(&self.at(mid).point) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    }

    /// The first count where `holds` starts: between the first point where it holds and
    /// the point before (or `floor`, where it fails).
    fn first(&mut self, points: &[GrowthPoint], floor: u32, holds: impl Fn(&GrowthPoint) -> bool) -> Option<u32> {
        let i = points.iter().position(&holds)?;
        let lo = if i == 0 { floor } else { points[i - 1].customers };
        Some(self.crossing(lo, points[i].customers, holds))
    }
}

/// The markers between consecutive samples (the first against nothing found).
fn markers(samples: &[Sample]) -> Vec<Marker> {
    let mut out = Vec::new();
    let mut before: Option<&Sample> = None;
    for s in samples {
        let customers = s.point.customers;
        for (i, &severity) in s.findings.iter().enumerate() {
            let was = before.map_or(Severity::Info, |b| b.findings[i]);
            if let Some(text) = finding_text(i, severity).filter(|_| severity < was) {
                let (kind, code) = (MarkerKind::Finding, FINDINGS[i]);
                out.push(Marker { customers, kind, code, severity: Some(severity), text: text.into() });
            }
        }
        let Some(b) = before.replace(s) else { continue };
        for (now, was) in s.tiers.iter().zip(&b.tiers) {
            if let Some(label) = now.filter(|_| now != was) {
                let (kind, code) = (MarkerKind::Step, "price-tier");
                out.push(Marker { customers, kind, code, severity: None, text: label.into() });
            }
        }
        let n = s.point.instances_at_peak;
        if n > b.point.instances_at_peak {
            let text = format!("{n} instances per region at peak");
            out.push(Marker { customers, kind: MarkerKind::Step, code: "instance-step", severity: None, text });
        }
    }
    out
}

/// Checks the counts: 1 to [`MAX_GROWTH_POINTS`] of them, ascending, each 1 to 100,000.
fn check_counts(counts: &[u32]) -> Result<u32, Error> {
    let Some(&last) = counts.last().filter(|_| counts.len() <= MAX_GROWTH_POINTS) else {
        let allowed = format!("1 to {MAX_GROWTH_POINTS} customer counts");
        return Err(Error::single("counts", format!("{} counts", counts.len()), allowed));
    };
    let mut after = 0;
    for (i, &n) in counts.iter().enumerate() {
        if n <= after || n > MAX_CUSTOMERS {
            let allowed = format!("a whole number from {} to {MAX_CUSTOMERS}, above the count before", after + 1);
            return Err(Error::single(format!("counts[{i}]"), n.to_string(), allowed));
        }
        after = n;
    }
    Ok(last)
}

/// The scenario at each customer count in `counts` (ascending, e.g. [`growth_counts`]), with
/// markers, the break-even count and where capacity runs out. Each point equals
/// [`evaluate`](super::evaluate) of the scenario after `set_customer_count(n)`, to the cent.
///
/// With usage ranges, each point also has the band ([`PointRange`]): the low and high
/// scenarios at that count, in the same call (about three times the work).
///
/// Markers come from the figures that change with the customer count: the capacity, p95 and
/// Firestore findings at medium severity or worse, price tiers (internet egress, Cloud CDN
/// cache egress; metrics do not grow with customers) and instances at peak. Memorystore's
/// size is an input, so its band does not change along the curve.
///
/// # Errors
/// Every problem with the scenario (see [`evaluate`](super::evaluate)); counts that are
/// empty, over 10,000, not ascending or outside 1 to 100,000 (`counts[i]`); a largest count
/// the scenario cannot take (over 1,000 cohorts with the typical customer's added).
///
/// ```
/// use headroom::model::{evaluate, growth::{growth, growth_counts}, preset};
/// let s = preset("phase2-10-customers").unwrap();
/// let curve = growth(&s, &growth_counts(1_000, 200)).unwrap();
/// let p = &curve.points[10];
/// let mut at = s.clone();
/// at.set_customer_count(p.customers).unwrap();
/// assert_eq!(p.monthly_cost_cents, evaluate(&at).unwrap().totals.monthly_cost_cents);
/// assert!(curve.markers.iter().any(|m| m.code == "price-tier"));
/// ```
pub fn growth(scenario: &Scenario, counts: &[u32]) -> Result<Growth, Error> {
    let (_, prices) = scenario.priced()?;
    let largest = check_counts(counts)?;
    scenario.clone().set_customer_count(largest)?;
    let mut curve = Curve { base: scenario, work: scenario.clone(), prices };
    let samples: Vec<Sample> = counts.iter().map(|&n| curve.at_with(n, true)).collect();
    let markers = markers(&samples);
    let points: Vec<GrowthPoint> = samples.into_iter().map(|s| s.point).collect();
    let losing = |p: &GrowthPoint| p.gross_margin_pct.is_some_and(|m| m < 0.0);
    let at_one = if counts[0] == 1 { points[0].clone() } else { curve.at(1).point };
    let break_even_customers = if losing(&at_one) {
        curve.first(&points, 1, |p: &GrowthPoint| p.gross_margin_pct.is_some_and(|m| m >= 0.0))
    } else {
        None
    };
    let capacity_exhausted_at = curve.first(&points, 0, |p: &GrowthPoint| p.origin_peak_qps > p.capacity_qps);
    Ok(Growth { points, markers, break_even_customers, capacity_exhausted_at })
}
