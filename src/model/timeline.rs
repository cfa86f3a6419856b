//! The 12-month timeline: cost, revenue and margin month by month, and cumulative, as cohorts
//! go live and ramp up.
//!
//! Month `m` (1 to 12) is the scenario as it stands that month ([`Scenario::in_month`]):
//! - a cohort whose `goLiveMonth` is after `m` has no customers yet (count 0): no usage and no
//!   revenue;
//! - a cohort live since `g` with `rampMonths` `r > 0` is in its `k`-th month of use
//!   (`k = m - g`, 0 in the go-live month); while `k < r` its usage (peak and mean QPS,
//!   Firestore reads, writes and deletes, stored GB, egress) is its profile's × `(k + 1) /
//!   (r + 1)`, and full from `k = r` on. So a ramp of 3 months runs at 25%, 50%, 75%, then
//!   100%. CPU per request, peak hours and ACV are not scaled;
//! - revenue is recognised monthly from the go-live month, ramping or not: each live cohort's
//!   `count × ACV / 12`, rounded to the cent per cohort, as [`evaluate`](super::evaluate)
//!   counts it.
//!
//! Each month's cost is a full evaluation of that month's scenario (usage ranges are not
//! applied: the timeline is the typical scenario's), so fixed lines, warm instances and every
//! other floor cost apply every month, live customers or not. When every cohort is live and
//! ramped by month 12, month 12 is `evaluate(scenario)` exactly. Cumulative figures are the
//! exact sums of the months so far.

use serde::Serialize;

use super::allocation::ratios;
use super::error::Error;
use super::estimate::evaluate_one;
use super::scenario::{CustomerProfile, Scenario};

/// Months in the timeline.
pub const TIMELINE_MONTHS: u32 = 12;

/// One month of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Timeline.ts"))]
pub struct TimelineMonth {
    /// The month, 1 to 12.
    pub month: u32,
    /// Customers live this month (in cohorts whose go-live month has come).
    pub customers_live: u64,
    /// Cost this month, cents: `evaluate` of the month's scenario.
    pub monthly_cost_cents: i64,
    /// Revenue this month, cents: each live cohort's `count × ACV / 12`, rounded per cohort.
    pub monthly_revenue_cents: i64,
    /// `(revenue - cost) / revenue` this month, percent; `None` without revenue.
    pub gross_margin_pct: Option<f64>,
    /// Cost from month 1 to this one, cents.
    pub cumulative_cost_cents: i64,
    /// Revenue from month 1 to this one, cents.
    pub cumulative_revenue_cents: i64,
    /// `(cumulative revenue - cumulative cost) / cumulative revenue`, percent; `None` without
    /// revenue so far.
    pub cumulative_margin_pct: Option<f64>,
}

/// The 12-month projection.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Timeline.ts"))]
pub struct Timeline {
    /// Months 1 to 12, in order.
    pub months: Vec<TimelineMonth>,
    /// The payback month: the first month from which cumulative revenue stays above
    /// cumulative cost to month 12; `None` when it is not above by month 12.
    pub payback_month: Option<u32>,
}

/// The first month from which `months`' cumulative revenue stays above their cumulative cost
/// to the last month; `None` when it is not above in the last month.
fn payback(months: &[TimelineMonth]) -> Option<u32> {
    let ahead = |m: &TimelineMonth| m.cumulative_revenue_cents > m.cumulative_cost_cents;
    let behind = months.iter().rposition(|m| !ahead(m));
    match behind {
        None => months.first().map(|m| m.month),
        Some(i) => months.get(i + 1).map(|m| m.month),
    }
}

/// `p`'s usage × `f`.
fn ramp(p: &mut CustomerProfile, f: f64) {
    p.peak_qps *= f;
    p.avg_qps *= f;
    p.firestore_reads_per_day *= f;
    p.firestore_writes_per_day *= f;
    p.firestore_deletes_per_day *= f;
    p.stored_gb *= f;
    p.egress_gb_per_month *= f;
}

impl Scenario {
    /// The scenario as it stands in `month` (1 to 12) of the timeline: cohorts not yet live
    /// at count 0, ramping cohorts' usage scaled (see [`crate::model::timeline`]).
    ///
    /// ```
    /// let s = headroom::model::preset("seed-path").unwrap();
    /// let counts = |m| s.in_month(m).customers.iter().map(|c| c.count).collect::<Vec<_>>();
    /// assert_eq!(counts(2), [0, 0, 0, 0]);
    /// assert_eq!(counts(3), [1, 0, 0, 0]);
    /// assert_eq!(counts(4), [1, 1, 1, 0]);
    /// assert_eq!(counts(5), [1, 1, 1, 7]);
    /// ```
    pub fn in_month(&self, month: u32) -> Scenario {
        let mut s = self.clone();
        for c in &mut s.customers {
            if month < c.go_live_month {
                c.count = 0;
                continue;
            }
            let k = month - c.go_live_month;
            if k < c.ramp_months {
                ramp(&mut c.profile, f64::from(k + 1) / f64::from(c.ramp_months + 1));
            }
        }
        s
    }

    /// True when every cohort is live and at full load by month 12: then month 12 of the
    /// timeline is the scenario itself.
    pub fn settled_by_month_12(&self) -> bool {
        self.customers.iter().all(|c| c.go_live_month + c.ramp_months <= TIMELINE_MONTHS)
    }
}

/// The scenario's 12-month timeline (see the module's description).
///
/// # Errors
/// Every problem with the scenario (see [`evaluate`](super::evaluate)).
///
/// ```
/// use headroom::model::{evaluate, preset, timeline::timeline};
/// let s = preset("seed-path").unwrap();
/// let t = timeline(&s).unwrap();
/// // Months 1 and 2: nobody live, no revenue, the floor cost only.
/// assert_eq!((t.months[0].customers_live, t.months[0].monthly_revenue_cents), (0, 0));
/// assert!(t.months[0].monthly_cost_cents > 0);
/// // Month 3: Customer #1, 50,000 USD a year: 4,166.67 USD a month.
/// assert_eq!(t.months[2].monthly_revenue_cents, 416_667);
/// // Month 12: the whole scenario.
/// assert_eq!(t.months[11].monthly_cost_cents, evaluate(&s).unwrap().totals.monthly_cost_cents);
/// ```
pub fn timeline(scenario: &Scenario) -> Result<Timeline, Error> {
    scenario.validate()?;
    let mut months = Vec::with_capacity(TIMELINE_MONTHS as usize);
    let (mut cost, mut revenue) = (0i64, 0i64);
    for month in 1..=TIMELINE_MONTHS {
        let at = scenario.in_month(month);
        let t = evaluate_one(&at)?.totals;
        cost += t.monthly_cost_cents;
        revenue += t.monthly_revenue_cents;
        months.push(TimelineMonth {
            month,
            customers_live: t.customer_count,
            monthly_cost_cents: t.monthly_cost_cents,
            monthly_revenue_cents: t.monthly_revenue_cents,
            gross_margin_pct: t.gross_margin_pct,
            cumulative_cost_cents: cost,
            cumulative_revenue_cents: revenue,
            cumulative_margin_pct: ratios(cost, revenue).1,
        });
    }
    Ok(Timeline { payback_month: payback(&months), months })
}
