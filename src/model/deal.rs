//! The deal view: what one prospect adds to the bill, what it carries under each allocation
//! rule, its margin both ways, and the lowest ACV that keeps a target margin.

use serde::Serialize;

use super::allocation::{allocate, monthly_revenue_cents, ratios};
use super::error::Error;
use super::estimate::evaluate_one as evaluate;
use super::fields::{FieldPath, FieldValue};
use super::read::Tree;
use super::scenario::{Allocation, Cohort, CustomerProfile, Scenario};
use super::text::Num;

/// The gross margin a deal should keep unless told otherwise, percent (the SaaS benchmark).
pub const DEFAULT_TARGET_MARGIN_PCT: f64 = 75.0;

/// What a prospect does, as one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Deal.ts"))]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Deal.ts"))]
pub struct Prospect {
    /// Name of its cohort, 1 to 120 characters.
    pub name: String,
    /// Annual contract value, USD.
    pub acv_usd: f64,
    /// Its load and data.
    pub usage: Usage,
}

/// The entry `key` of an object tree.
fn entry<'a>(tree: &'a Tree, key: &str) -> Option<&'a Tree> {
    match tree {
        Tree::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// A number leaf.
fn number(tree: Option<&Tree>) -> Option<f64> {
    match tree {
        Some(Tree::Leaf(FieldValue::Number(x))) => Some(*x),
        _ => None,
    }
}

impl Prospect {
    /// Reads a prospect from a value tree (a JS object) for `scenario`: `{name, acvUsd, usage}`
    /// with `usage` one of `{profile}`, `{likeCohort}` or `{scaledTypical}`. A profile given
    /// directly is read as one more cohort's (its errors name `customers[i].profile…`, `i` the
    /// scenario's cohort count); fields it leaves out are the typical customer's.
    ///
    /// # Errors
    /// The prospect's problems, by path (`prospect.name`, `prospect.usage`,
    /// `customers[i].profile.peakQps`, ...).
    ///
    /// ```
    /// use headroom::model::{Tree, deal::Prospect};
    /// let s = headroom::model::preset("week9-baseline").unwrap();
    /// let p: Tree = serde_json::from_str(r#"{"name": "Acme", "acvUsd": 60000, "usage": {"scaledTypical": 2}}"#).unwrap();
    /// assert_eq!(Prospect::read(&s, p).unwrap().name, "Acme");
    /// let bad: Tree = serde_json::from_str(r#"{"name": "Acme", "acvUsd": 1, "usage": {}}"#).unwrap();
    /// let err = Prospect::read(&s, bad).unwrap_err();
    /// assert_eq!(err.to_string(), "prospect.usage: one of { profile }, { likeCohort } or { scaledTypical }");
    /// let wrong: Tree = serde_json::from_str(r#"{"name": "Acme", "acvUsd": 1, "usage": {"profile": {"peakQps": "x"}}}"#).unwrap();
    /// let err = Prospect::read(&s, wrong).unwrap_err();
    /// assert_eq!(err.to_string(), "customers[1].profile.peakQps = \"x\": allowed a number from 0 to 100000");
    /// ```
    pub fn read(scenario: &Scenario, prospect: Tree) -> Result<Prospect, Error> {
        let name = match entry(&prospect, "name") {
            Some(Tree::Leaf(FieldValue::Text(t))) => t.clone(),
            _ => return Err(Error::single("prospect.name", "", "text")),
        };
        let acv_usd =
            number(entry(&prospect, "acvUsd")).ok_or_else(|| Error::single("prospect.acvUsd", "", "a number"))?;
        let usage = entry(&prospect, "usage");
        let at = |key| usage.and_then(|u| entry(u, key));
        let usage = if let Some(i) = number(at("likeCohort")) {
            Usage::LikeCohort(cohort_index(i)?)
        } else if let Some(factor) = number(at("scaledTypical")) {
            Usage::ScaledTypical(factor)
        } else if let Some(Tree::Object(fields)) = at("profile") {
            Usage::Profile(profile_of(scenario, fields)?)
        } else {
            return Err(Error::single("prospect.usage", "", "one of { profile }, { likeCohort } or { scaledTypical }"));
        };
        Ok(Prospect { name, acv_usd, usage })
    }
}

/// A profile given field by field, read as the fields of one more cohort of `scenario` (so a
/// problem names `customers[i].profile.…`); fields not given are the typical customer's. The
/// values' ranges are checked when the prospect is priced, with the scenario it joins.
fn profile_of(scenario: &Scenario, fields: &[(String, Tree)]) -> Result<CustomerProfile, Error> {
    let mut s = scenario.clone();
    let i = s.customers.len();
    s.customers.push(Cohort::new("", 1, s.typical_customer.clone()));
    for (key, value) in fields {
        let path = format!("customers[{i}].profile.{key}");
        let at = FieldPath::parse(&path)?;
        match value {
            Tree::Leaf(value) => s.put(at, value)?,
            _ => return Err(Error::single(path, "", "a single value")),
        }
    }
    Ok(s.customers.pop().map(|c| c.profile).unwrap_or_default())
}

fn cohort_index(i: f64) -> Result<usize, Error> {
    let index = (i.fract() == 0.0 && i >= 0.0).then_some(i as usize);
    index.ok_or_else(|| Error::single("prospect.usage.likeCohort", Num(i).to_string(), "an index"))
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
    /// solved to the cent; it is 0 when any ACV keeps the target there (the share then shrinks
    /// with the ACV, and the margin tends to that of the bill against the other customers'
    /// ACV).
    pub min_acv_usd: f64,
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
    /// Its share under each rule: `equal`, `byUsage`, `byAcv`.
    pub allocated: Vec<RuleShare>,
}

/// The lowest ACV, USD, that keeps `target` (a share) on a monthly cost of `cents` that does
/// not depend on the ACV.
fn min_acv_usd(cents: i64, target: f64) -> f64 {
    (12.0 * cents as f64 / 100.0 / (1.0 - target)).max(0.0)
}

/// The lowest ACV in whole cents whose margin on the `byAcv` share is at least `target`, for
/// the prospect as the last cohort of `with` and its bill `lines`: bisection on
/// `12 x share(acv) <= (1 - target) x acv`, which holds at `12 x total / (1 - target)` (a share
/// is at most the total).
fn min_acv_by_acv(with: &mut Scenario, lines: &[super::cost::LineItem], total: i64, target: f64) -> f64 {
    let mut holds = |acv_cents: i64| {
        let last = with.customers.len() - 1;
        with.customers[last].profile.acv_usd = acv_cents as f64 / 100.0;
        let share = allocate(with, lines)[last].allocated_monthly_cents;
        12.0 * share as f64 <= (1.0 - target) * acv_cents as f64
    };
    if holds(0) {
        return 0.0;
    }
    let (mut lo, mut hi) = (0_i64, (12.0 * total as f64 / (1.0 - target)).ceil() as i64);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if holds(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi as f64 / 100.0
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
                return Err(Error::single("prospect.usage.likeCohort", i.to_string(), allowed));
            }
        },
        Usage::ScaledTypical(f) => {
            if !(f.is_finite() && (0.0..=1_000.0).contains(&f)) {
                return Err(Error::single(
                    "prospect.usage.scaledTypical",
                    Num(f).to_string(),
                    "a number from 0 to 1000",
                ));
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

/// Prices `prospect` as one more customer of `scenario` (as its last cohort): the cost it adds,
/// its share under each allocation rule, its margin both ways, and the lowest ACV that keeps
/// `target_margin_pct` (e.g. [`DEFAULT_TARGET_MARGIN_PCT`]) on each.
///
/// # Errors
/// Every problem with the scenario, or with it and the prospect (named by the prospect's
/// cohort path, e.g. `customers[3].profile.peakQps`); a cohort index past the last
/// (`prospect.usage.likeCohort`); a factor outside 0 to 1,000 (`prospect.usage.scaledTypical`);
/// a target outside 0 to 99.9 (`targetMarginPct`).
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
    if !(target_margin_pct.is_finite() && (0.0..=99.9).contains(&target_margin_pct)) {
        let value = Num(target_margin_pct).to_string();
        return Err(Error::single("targetMarginPct", value, "a number from 0 to 99.9"));
    }
    let target = target_margin_pct / 100.0;
    let cohort = Cohort::new(prospect.name.clone(), 1, profile(scenario, prospect)?);
    let revenue = monthly_revenue_cents(&cohort);
    let mut with = scenario.clone();
    with.customers.push(cohort);
    let estimate = evaluate(&with)?;
    let total = estimate.totals.monthly_cost_cents;
    let incremental = total - without.totals.monthly_cost_cents;
    let last = with.customers.len() - 1;
    let mut allocated = Vec::with_capacity(3);
    for rule in [Allocation::Equal, Allocation::ByUsage, Allocation::ByAcv] {
        with.allocation = rule;
        let cents = allocate(&with, &estimate.line_items)[last].allocated_monthly_cents;
        let min_acv_usd = match rule {
            Allocation::ByAcv => min_acv_by_acv(&mut with, &estimate.line_items, total, target),
            _ => min_acv_usd(cents, target),
        };
        let gross_margin_pct = ratios(cents, revenue).1;
        allocated.push(RuleShare { rule, allocated_monthly_cents: cents, gross_margin_pct, min_acv_usd });
    }
    Ok(Deal {
        name: prospect.name.clone(),
        acv_usd: prospect.acv_usd,
        monthly_revenue_cents: revenue,
        incremental_monthly_cents: incremental,
        incremental_margin_pct: ratios(incremental, revenue).1,
        min_acv_incremental_usd: min_acv_usd(incremental, target),
        target_margin_pct,
        allocated,
    })
}
