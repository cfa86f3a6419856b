//! The deal view: what one prospect adds to the bill, what it carries under each allocation
//! rule, its margin both ways, and the lowest ACV that keeps a target margin.
//!
//! A scenario carries its deal in a rep's terms ([`DealTerms`]): [`prospect_of`] turns them into
//! a [`Prospect`] (peak QPS or daily users shaped like the typical customer, a cohort's
//! profile, or the typical customer scaled), and [`deal_of`] prices it: as one more customer,
//! or, once a cohort of its name is in the scenario, as that cohort (never on top of itself).

use serde::Serialize;

use super::allocation::{allocate, monthly_revenue_cents, ratios};
use super::error::Error;
use super::estimate::evaluate_one as evaluate;
use super::estimate::{Estimate, Totals};
use super::findings::Finding;
use super::scenario::{Allocation, Cohort, CustomerProfile, DealBasis, DealTerms, Scenario};
use super::text::Num;

/// The gross margin a deal should keep unless told otherwise, percent (the SaaS benchmark).
pub const DEFAULT_TARGET_MARGIN_PCT: f64 = 75.0;

/// What a prospect does, as one customer.
#[derive(Debug, Clone, PartialEq)]
pub enum Usage {
    /// This profile (its `acvUsd` is replaced by the prospect's).
    Profile(CustomerProfile),
    /// The profile of cohort `i` (0-based) of the scenario.
    LikeCohort(usize),
    /// The typical customer's load and data (QPS, Firestore operations, stored data,
    /// egress) times this factor, 0 to 1,000; peak hours and CPU per request as they are.
    ScaledTypical(f64),
}

/// A customer being priced: one customer with its own ACV and usage.
#[derive(Debug, Clone, PartialEq)]
pub struct Prospect {
    /// Name of its cohort, 1 to 120 characters.
    pub name: String,
    /// Annual contract value, USD.
    pub acv_usd: f64,
    /// Its load and data.
    pub usage: Usage,
}

/// The prospect's share under one allocation rule, in the scenario with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Deal.ts"))]
pub struct RuleShare {
    /// The rule.
    pub rule: Allocation,
    /// The cost allocated to the prospect a month, cents.
    pub allocated_monthly_cents: i64,
    /// Gross margin on it, percent; `None` without revenue.
    pub gross_margin_pct: Option<f64>,
    /// The lowest ACV, USD, whose margin on the allocated cost is at least the target
    /// (`12 x allocated / (1 - target)`). Under `byAcv` the share grows with the ACV, so it is
    /// solved to the cent; `None` when any ACV keeps the target there (the share then shrinks
    /// with the ACV, and the margin tends to that of the bill against the other customers'
    /// ACV), so no lowest ACV exists.
    pub min_acv_usd: Option<f64>,
}

/// A line of the bill the prospect brings or reprices: a price step it crosses (a new tier, a
/// line the bill did not have) or a unit price that moves with volume.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Deal.ts"))]
pub struct PriceStep {
    /// The line's label.
    pub label: String,
    /// Its unit price without the prospect, USD; `None` when the bill had no such line.
    pub unit_price_before_usd: Option<f64>,
    /// Its unit price with the prospect, USD.
    pub unit_price_usd: f64,
}

/// What a prospect costs and what it must pay.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Deal.ts"))]
pub struct Deal {
    /// The prospect's name.
    pub name: String,
    /// Its ACV, USD.
    pub acv_usd: f64,
    /// The profile it is priced with (its ACV included): what it is sized for.
    pub profile: CustomerProfile,
    /// True when a cohort of its name is in the scenario: it is priced as that cohort (the
    /// scenario without it against the scenario as it is).
    pub in_scenario: bool,
    /// Its revenue a month (ACV / 12), cents.
    pub monthly_revenue_cents: i64,
    /// The month's total with it less the total without it, cents.
    pub incremental_monthly_cents: i64,
    /// Gross margin on the incremental cost, percent; `None` without revenue.
    pub incremental_margin_pct: Option<f64>,
    /// The lowest ACV, USD, with the target margin on the incremental cost:
    /// `12 x incremental / (1 - target)` (0 when the prospect adds no cost).
    pub min_acv_incremental_usd: f64,
    /// The margin the minimum ACVs keep, percent.
    pub target_margin_pct: f64,
    /// The scenario's own allocation rule: the deal's answer is its share under it.
    pub headline_rule: Allocation,
    /// Its share under each rule: `equal`, `byUsage`, `byAcv`.
    pub allocated: Vec<RuleShare>,
    /// The scenario's totals without the prospect.
    pub without: Totals,
    /// The scenario's totals with it.
    pub with: Totals,
    /// Findings with the prospect that the scenario without it does not have, or has at a
    /// lower severity (capacity, p95, Firestore limits, ...), most severe first.
    pub findings_added: Vec<Finding>,
    /// The lines it brings or reprices.
    pub price_steps: Vec<PriceStep>,
    /// Regions serving it.
    pub regions: u32,
    /// The p95 target, ms.
    pub latency_target_p95_ms: f64,
    /// The p95 at peak with it, ms; `None` when saturated.
    pub latency_p95_ms: Option<f64>,
    /// Capacity over the peak load with it (see `Sizing::headroom_ratio`); `None` without load.
    pub headroom_ratio: Option<f64>,
}

/// The lowest ACV, USD, that keeps `target` (a share) on a monthly cost of `cents` that does
/// not depend on the ACV.
fn min_acv_usd(cents: i64, target: f64) -> f64 {
    (12.0 * cents as f64 / 100.0 / (1.0 - target)).max(0.0)
}

/// The lowest ACV in whole cents whose margin on the `byAcv` share of cohort `at` is at least
/// `target`, for the bill `lines`. The share is `total x a / (A + a)` for the others' ACV `A`,
/// so the cost over the ACV, `12 total / (A + a)`, falls as the ACV `a` rises: `None` when the
/// others' ACV alone keeps the target (`12 total <= (1 - target) A`: any ACV does), else
/// bisection on `12 x share(a) <= (1 - target) x a`, which holds at `12 x total / (1 - target)`
/// (a share is at most the total).
fn min_acv_by_acv(
    with: &mut Scenario,
    at: usize,
    lines: &[super::cost::LineItem],
    total: i64,
    target: f64,
) -> Option<f64> {
    let acv = |c: &Cohort| c.profile.acv_usd * f64::from(c.count) * 100.0;
    let others: f64 = with.customers.iter().enumerate().filter(|&(i, _)| i != at).map(|(_, c)| acv(c)).sum();
    if 12.0 * total as f64 <= (1.0 - target) * others {
        return None;
    }
    let mut holds = |acv_cents: i64| {
        with.customers[at].profile.acv_usd = acv_cents as f64 / 100.0;
        let share = allocate(with, lines)[at].allocated_monthly_cents;
        12.0 * share as f64 <= (1.0 - target) * acv_cents as f64 * f64::from(with.customers[at].count)
    };
    let (mut lo, mut hi) = (0_i64, (12.0 * total as f64 / (1.0 - target)).ceil() as i64);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if holds(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi as f64 / 100.0)
}

/// The prospect's profile, with its ACV.
fn profile(scenario: &Scenario, prospect: &Prospect) -> Result<CustomerProfile, Error> {
    let mut p = match prospect.usage {
        Usage::Profile(ref p) => p.clone(),
        Usage::LikeCohort(i) => match scenario.customers.get(i) {
            Some(c) => c.profile.clone(),
            None => {
                let allowed = match scenario.customers.len() {
                    0 => "no index: the scenario has no cohorts".to_string(),
                    n => format!("an index from 0 to {}", n - 1),
                };
                return Err(Error::single("deal.likeCohort", i.to_string(), allowed));
            }
        },
        Usage::ScaledTypical(f) => {
            if !(f.is_finite() && (0.0..=1_000.0).contains(&f)) {
                return Err(Error::single("deal.timesTypical", Num(f).to_string(), "a number from 0 to 1000"));
            }
            let mut p = scenario.typical_customer.clone();
            for x in [
                &mut p.peak_qps,
                &mut p.avg_qps,
                &mut p.firestore_reads_per_day,
                &mut p.firestore_writes_per_day,
                &mut p.firestore_deletes_per_day,
                &mut p.stored_gb,
                &mut p.egress_gb_per_month,
            ] {
                *x *= f;
            }
            p
        }
    };
    p.acv_usd = prospect.acv_usd;
    Ok(p)
}

/// `a / b`, or `fallback` when `b` is not above 0.
fn ratio(a: f64, b: f64, fallback: f64) -> f64 {
    if b > 0.0 { a / b } else { fallback }
}

/// Requests a day of a deal given by daily users: users x requests each.
pub fn daily_requests(terms: &DealTerms) -> f64 {
    terms.daily_users * terms.requests_per_user
}

/// The profile of a deal given by peak QPS or by daily users, shaped like `typical`: peak hours
/// as the typical customer's; from daily users, mean QPS is the day's requests over 86,400 s
/// and peak QPS the mean times the typical peak-to-mean ratio (so the typical share of the
/// day's requests falls in its peak hours); from peak QPS, mean QPS is the peak times the
/// typical mean-to-peak ratio (or the rep's own, with `ownRatios`). Firestore operations a day
/// are the typical operations per request times the requests; CPU per request the typical's.
/// With `ownRatios`, operations and CPU (and, from peak QPS, mean QPS) are the rep's. A
/// typical customer without load gives mean = peak and no operations.
///
/// ```
/// use headroom::model::{preset, DealBasis, deal::shaped_profile};
/// let s = preset("phase2-10-customers").unwrap(); // typical: peak 45, mean 13.5, 17,000 reads a day
/// let mut t = s.deal.clone();
/// (t.basis, t.daily_users, t.requests_per_user) = (DealBasis::DailyUsers, 10_000.0, 50.0);
/// let p = shaped_profile(&s.typical_customer, &t);
/// assert!((p.avg_qps - 500_000.0 / 86_400.0).abs() < 1e-9);
/// assert!((p.peak_qps - p.avg_qps * 45.0 / 13.5).abs() < 1e-9);
/// ```
pub fn shaped_profile(typical: &CustomerProfile, terms: &DealTerms) -> CustomerProfile {
    let peak_per_mean = ratio(typical.peak_qps, typical.avg_qps, 1.0);
    let (peak, avg) = match terms.basis {
        DealBasis::DailyUsers => {
            let avg = daily_requests(terms) / 86_400.0;
            (avg * peak_per_mean, avg)
        }
        _ if terms.own_ratios => (terms.peak_qps, terms.avg_qps),
        _ => (terms.peak_qps, terms.peak_qps * ratio(typical.avg_qps, typical.peak_qps, 1.0)),
    };
    let per_request = |ops: f64| avg * ratio(ops, typical.avg_qps, 0.0);
    let mut p = CustomerProfile {
        peak_qps: peak,
        avg_qps: avg,
        peak_hours_per_day: typical.peak_hours_per_day,
        firestore_reads_per_day: per_request(typical.firestore_reads_per_day),
        firestore_writes_per_day: per_request(typical.firestore_writes_per_day),
        firestore_deletes_per_day: per_request(typical.firestore_deletes_per_day),
        stored_gb: terms.stored_gb,
        egress_gb_per_month: terms.egress_gb_per_month,
        acv_usd: terms.acv_usd,
        cpu_ms_per_request: typical.cpu_ms_per_request,
    };
    if terms.own_ratios {
        p.firestore_reads_per_day = terms.firestore_reads_per_day;
        p.firestore_writes_per_day = terms.firestore_writes_per_day;
        p.firestore_deletes_per_day = terms.firestore_deletes_per_day;
        p.cpu_ms_per_request = terms.cpu_ms_per_request;
    }
    p
}

/// The scenario's deal as a prospect; `None` while the deal has no name.
pub fn prospect_of(scenario: &Scenario) -> Option<Prospect> {
    let t = &scenario.deal;
    let usage = match t.basis {
        DealBasis::LikeCohort => Usage::LikeCohort(t.like_cohort as usize),
        DealBasis::TimesTypical => Usage::ScaledTypical(t.times_typical),
        DealBasis::PeakQps | DealBasis::DailyUsers => Usage::Profile(shaped_profile(&scenario.typical_customer, t)),
    };
    (!t.name.is_empty()).then(|| Prospect { name: t.name.clone(), acv_usd: t.acv_usd, usage })
}

/// The scenario's own deal ([`DealTerms`]), priced: `None` while it has no name. When a cohort
/// of the deal's name is in the scenario, the deal is that cohort: what it adds is the
/// scenario less the scenario without it, and its shares are those `evaluate` gives it.
///
/// # Errors
/// As [`deal`]; a problem with the prospect's own profile is named by its deal field
/// (`deal.peakQps`), not by the cohort it would be.
pub fn deal_of(scenario: &Scenario) -> Result<Option<Deal>, Error> {
    let Some(prospect) = prospect_of(scenario) else { return Ok(None) };
    let target = scenario.deal.target_margin_pct;
    match scenario.customers.iter().position(|c| c.name == prospect.name) {
        Some(at) => {
            let mut without = scenario.clone();
            without.customers.remove(at);
            check_target(target)?;
            price(&evaluate(&without)?, scenario.clone(), at, target, true).map(Some)
        }
        None => {
            let n = scenario.customers.len();
            deal(scenario, &prospect, target).map(Some).map_err(|e| as_deal_fields(e, n))
        }
    }
}

/// Problems of the prospect's cohort (`customers[n].profile.peakQps`) as the deal fields that
/// set them (`deal.peakQps`).
fn as_deal_fields(error: Error, n: usize) -> Error {
    let cohort = format!("customers[{n}].");
    error.renamed(|path| {
        let rest = path.strip_prefix(&cohort)?;
        let field = rest.strip_prefix("profile.").unwrap_or(rest);
        Some(format!("deal.{field}"))
    })
}

fn check_target(target_margin_pct: f64) -> Result<(), Error> {
    if target_margin_pct.is_finite() && (0.0..=99.9).contains(&target_margin_pct) {
        return Ok(());
    }
    Err(Error::single("deal.targetMarginPct", Num(target_margin_pct).to_string(), "a number from 0 to 99.9"))
}

/// Prices `prospect` as one more customer of `scenario` (as its last cohort): the cost it adds,
/// its share under each allocation rule, its margin both ways, and the lowest ACV that keeps
/// `target_margin_pct` (e.g. [`DEFAULT_TARGET_MARGIN_PCT`]) on each.
///
/// # Errors
/// Every problem with the scenario, or with it and the prospect (named by the prospect's
/// cohort path, e.g. `customers[3].profile.peakQps`); a cohort index past the last
/// (`deal.likeCohort`); a factor outside 0 to 1,000 (`deal.timesTypical`); a target outside 0
/// to 99.9 (`deal.targetMarginPct`).
///
/// ```
/// use headroom::model::{evaluate, preset, deal::{DEFAULT_TARGET_MARGIN_PCT, Prospect, Usage, deal}};
/// let s = preset("phase1-3-customers").unwrap();
/// let acme = Prospect { name: "Acme".into(), acv_usd: 30_000.0, usage: Usage::LikeCohort(0) };
/// let d = deal(&s, &acme, DEFAULT_TARGET_MARGIN_PCT).unwrap();
/// let mut with = s.clone();
/// with.customers.push(with.customers[0].clone());
/// with.customers[3].count = 1;
/// with.customers[3].profile.acv_usd = 30_000.0;
/// let total = |s| evaluate(s).unwrap().totals.monthly_cost_cents;
/// assert_eq!(d.incremental_monthly_cents, total(&with) - total(&s));
/// assert_eq!(d.min_acv_incremental_usd, 12.0 * d.incremental_monthly_cents as f64 / 100.0 / 0.25);
/// ```
pub fn deal(scenario: &Scenario, prospect: &Prospect, target_margin_pct: f64) -> Result<Deal, Error> {
    let without = evaluate(scenario)?;
    check_target(target_margin_pct)?;
    let mut with = scenario.clone();
    with.customers.push(Cohort::new(prospect.name.clone(), 1, profile(scenario, prospect)?));
    let at = with.customers.len() - 1;
    price(&without, with, at, target_margin_pct, false)
}

/// Prices cohort `at` of `with` against the estimate `without` of the scenario without it.
fn price(
    without: &Estimate,
    mut with: Scenario,
    at: usize,
    target_margin_pct: f64,
    in_scenario: bool,
) -> Result<Deal, Error> {
    let target = target_margin_pct / 100.0;
    let estimate = evaluate(&with)?;
    let cohort = &with.customers[at];
    let (name, profile, revenue) = (cohort.name.clone(), cohort.profile.clone(), monthly_revenue_cents(cohort));
    let headline_rule = with.allocation;
    let total = estimate.totals.monthly_cost_cents;
    let incremental = total - without.totals.monthly_cost_cents;
    let mut allocated = Vec::with_capacity(3);
    for rule in [Allocation::Equal, Allocation::ByUsage, Allocation::ByAcv] {
        with.allocation = rule;
        let cents = allocate(&with, &estimate.line_items)[at].allocated_monthly_cents;
        let min_acv_usd = match rule {
            Allocation::ByAcv => min_acv_by_acv(&mut with, at, &estimate.line_items, total, target),
            _ => Some(min_acv_usd(cents, target)),
        };
        let gross_margin_pct = ratios(cents, revenue).1;
        allocated.push(RuleShare { rule, allocated_monthly_cents: cents, gross_margin_pct, min_acv_usd });
    }
    let sizing = &estimate.sizing;
    Ok(Deal {
        name,
        acv_usd: profile.acv_usd,
        profile,
        in_scenario,
        monthly_revenue_cents: revenue,
        incremental_monthly_cents: incremental,
        incremental_margin_pct: ratios(incremental, revenue).1,
        min_acv_incremental_usd: min_acv_usd(incremental, target),
        target_margin_pct,
        headline_rule,
        allocated,
        findings_added: findings_added(without, &estimate),
        price_steps: price_steps(without, &estimate),
        regions: sizing.regions,
        latency_target_p95_ms: with.cloud_run.latency_target_p95_ms,
        latency_p95_ms: sizing.latency_p95_ms,
        headroom_ratio: sizing.headroom_ratio,
        without: without.totals.clone(),
        with: estimate.totals,
    })
}

/// The findings of `with` that `without` lacks or has at a lower severity.
fn findings_added(without: &Estimate, with: &Estimate) -> Vec<Finding> {
    let before = |f: &Finding| without.findings.iter().find(|b| b.code == f.code).map(|b| b.severity);
    with.findings.iter().filter(|f| before(f).is_none_or(|s| f.severity < s)).cloned().collect()
}

/// The lines of `with` that `without` lacks, or whose unit price differs.
fn price_steps(without: &Estimate, with: &Estimate) -> Vec<PriceStep> {
    let mut out = Vec::new();
    for line in &with.line_items {
        let before = without.line_items.iter().find(|b| b.label == line.label).map(|b| b.unit_price_usd);
        if before != Some(line.unit_price_usd) {
            let label = line.label.to_string();
            out.push(PriceStep { label, unit_price_before_usd: before, unit_price_usd: line.unit_price_usd });
        }
    }
    out
}
