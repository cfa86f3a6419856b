//! Sensitivity: which inputs move the monthly cost and the gross margin most, as the bars of a
//! tornado chart.
//!
//! Each input is moved down and up (by default by 20%, [`DEFAULT_SWING`]) with everything else
//! as it is, and the scenario is priced by [`evaluate`] at both ends. The inputs:
//! - a customer profile field (key `customers[].profile.<field>`): the field is multiplied in
//!   every cohort and in the new-customer template together; its typical value is the mean per
//!   customer (weighted by cohort size; the template's without customers);
//! - the customer count (key `customers[].count`): every cohort's count scaled together, see
//!   [`scaled_counts`];
//! - a scenario field that is an uncertain estimate rather than a setting (service time, request
//!   size, CDN shares, log bytes, metrics, Redis absorption: [`INPUTS`]).
//!
//! A value moved past its field's range, or past a relation with another field (mean QPS within
//! its bounds from the peak, service time p50 at most p95, the CDN's cacheable share at most
//! its lookup share), is clamped there; the bar carries the values actually used and says it
//! was clamped. Moving the peak QPS keeps each mean QPS within its bounds (clamped too if
//! needed).

use serde::Serialize;

use super::error::Error;
use super::estimate::evaluate;
use super::fields::{FIELDS, Field, FieldValue};
use super::scenario::{CustomerProfile, MAX_CUSTOMERS, Scenario};

/// The default move of each input, down and up: 20%.
pub const DEFAULT_SWING: f64 = 0.2;

/// Bars a tornado keeps at most.
pub const MAX_BARS: usize = 10;

/// The key of the customer count.
pub const CUSTOMERS: &str = "customers[].count";

/// The inputs [`default_moves`] moves, by key: the customer profile fields, the customer count
/// and the scenario's uncertain estimates. Limits and settings (max instances, the latency
/// target, the billing mode, discounts, prices) are left out.
pub const INPUTS: [&str; 20] = [
    "customers[].profile.peakQps",
    "customers[].profile.avgQps",
    "customers[].profile.peakHoursPerDay",
    "customers[].profile.firestoreReadsPerDay",
    "customers[].profile.firestoreWritesPerDay",
    "customers[].profile.firestoreDeletesPerDay",
    "customers[].profile.storedGb",
    "customers[].profile.egressGbPerMonth",
    "customers[].profile.acvUsd",
    "customers[].profile.cpuMsPerRequest",
    CUSTOMERS,
    "cloudRun.serviceTimeP50Ms",
    "cloudRun.serviceTimeP95Ms",
    "network.requestKib",
    "network.cdnHitRatio",
    "network.cdnCacheableShare",
    "network.cdnLookupShare",
    "redis.readAbsorption",
    "operations.logBytesPerRequest",
    "operations.metricsMibPerMonth",
];

/// Where one end of a move goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Level {
    /// The typical value times this factor (a profile field: each cohort's value times it).
    Factor(f64),
    /// This value (a profile field: each cohort's value scaled so the mean per customer is
    /// this, or set to it when the mean is 0; the customer count: rounded to a whole count).
    Value(f64),
}

/// One input moved to a low and a high end, e.g. from a range another module knows.
///
/// ```
/// use headroom::model::sensitivity::{Level, Move};
/// let m = Move::by_factors("network.requestKib", 0.8, 1.2);
/// assert_eq!((m.low, m.high), (Level::Factor(0.8), Level::Factor(1.2)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// The input's key, one of [`INPUTS`].
    pub key: String,
    /// The low end.
    pub low: Level,
    /// The high end.
    pub high: Level,
}

impl Move {
    /// `key` moved to `low` and `high` times its typical value.
    pub fn by_factors(key: &str, low: f64, high: f64) -> Move {
        Move { key: key.into(), low: Level::Factor(low), high: Level::Factor(high) }
    }
}

/// Every input of [`INPUTS`] moved by ±[`DEFAULT_SWING`].
///
/// ```
/// let moves = headroom::model::sensitivity::default_moves();
/// assert_eq!(moves.len(), headroom::model::sensitivity::INPUTS.len());
/// assert_eq!(moves[0], headroom::model::sensitivity::Move::by_factors("customers[].profile.peakQps", 0.8, 1.2));
/// ```
pub fn default_moves() -> Vec<Move> {
    INPUTS.iter().map(|key| Move::by_factors(key, 1.0 - DEFAULT_SWING, 1.0 + DEFAULT_SWING)).collect()
}

/// One input's bar: the input at its low and high end and the month at each.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Sensitivity.ts"))]
pub struct TornadoBar {
    /// The input's key, e.g. `customers[].profile.egressGbPerMonth` or `network.requestKib`.
    pub key: String,
    /// The input for people, e.g. `Egress GB per month`.
    pub label: &'static str,
    /// Its unit, e.g. `GB/month`, or empty.
    pub unit: &'static str,
    /// The input at the low end, as used (after clamping); a profile field's mean per customer.
    pub input_low: f64,
    /// The input as the scenario has it.
    pub input_typical: f64,
    /// The input at the high end, as used (after clamping).
    pub input_high: f64,
    /// True when an end was clamped to the field's range or a relation with another field
    /// (and so moved less than asked), or when the customer count was rounded.
    pub clamped: bool,
    /// Monthly cost at the low end, cents (`evaluate`'s `totals.monthlyCostCents`).
    pub monthly_cost_low_cents: i64,
    /// Monthly cost at the high end, cents.
    pub monthly_cost_high_cents: i64,
    /// Gross margin at the low end, percent; `None` without revenue.
    pub gross_margin_low_pct: Option<f64>,
    /// Gross margin at the high end, percent; `None` without revenue.
    pub gross_margin_high_pct: Option<f64>,
}

impl TornadoBar {
    /// `|cost high - cost low|`, cents.
    pub fn cost_swing_cents(&self) -> i64 {
        (self.monthly_cost_high_cents - self.monthly_cost_low_cents).abs()
    }

    /// `|margin high - margin low|`, percentage points; a missing margin counts as 0.
    pub fn margin_swing_pct(&self) -> f64 {
        (self.gross_margin_high_pct.unwrap_or(0.0) - self.gross_margin_low_pct.unwrap_or(0.0)).abs()
    }
}

/// The tornado: the scenario's figures and the bars that move them most.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Sensitivity.ts"))]
pub struct Tornado {
    /// The scenario's monthly cost, cents.
    pub monthly_cost_cents: i64,
    /// The scenario's gross margin, percent; `None` without revenue.
    pub gross_margin_pct: Option<f64>,
    /// At most [`MAX_BARS`] bars, by cost swing (largest first), then margin swing, then key;
    /// inputs that move neither cost nor margin at either end (e.g. the CDN hit ratio without
    /// CDN) are left out.
    pub bars: Vec<TornadoBar>,
}

/// Customer profile fields by key suffix, with access to each.
fn profile_slot<'a>(p: &'a mut CustomerProfile, field: &str) -> Option<&'a mut f64> {
    Some(match field {
        "peakQps" => &mut p.peak_qps,
        "avgQps" => &mut p.avg_qps,
        "peakHoursPerDay" => &mut p.peak_hours_per_day,
        "firestoreReadsPerDay" => &mut p.firestore_reads_per_day,
        "firestoreWritesPerDay" => &mut p.firestore_writes_per_day,
        "firestoreDeletesPerDay" => &mut p.firestore_deletes_per_day,
        "storedGb" => &mut p.stored_gb,
        "egressGbPerMonth" => &mut p.egress_gb_per_month,
        "acvUsd" => &mut p.acv_usd,
        "cpuMsPerRequest" => &mut p.cpu_ms_per_request,
        _ => return None,
    })
}

/// Customer-weighted mean of profile field `field` over the cohorts; the template's without
/// customers.
fn mean(s: &Scenario, field: &str) -> f64 {
    let value = |p: &CustomerProfile| profile_slot(&mut p.clone(), field).map_or(0.0, |x| *x);
    let n = s.customer_count();
    if n == 0 {
        return value(&s.typical_customer);
    }
    s.customers.iter().map(|c| f64::from(c.count) * value(&c.profile)).sum::<f64>() / n as f64
}

/// Moves profile field `field` of `p` by `factor` (or to `value` when `factor` is `None`),
/// within `row`'s range and the mean-QPS relation; true when something was clamped.
fn move_profile(p: &mut CustomerProfile, field: &str, row: &Field, factor: Option<f64>, value: f64) -> bool {
    let Some(x) = profile_slot(p, field) else { return false };
    let wanted = factor.map_or(value, |f| *x * f);
    let mut clamped = wanted != wanted.clamp(row.min, row.max);
    *x = wanted.clamp(row.min, row.max);
    // The daily shape: peak x hours / 24 <= mean <= peak.
    let floor = |p: &CustomerProfile| p.peak_qps * p.peak_hours_per_day / 24.0;
    match field {
        "peakQps" => p.avg_qps = p.avg_qps.clamp(floor(p), p.peak_qps),
        "avgQps" => {
            let within = p.avg_qps.clamp(floor(p), p.peak_qps);
            clamped |= within != p.avg_qps;
            p.avg_qps = within;
        }
        "peakHoursPerDay" if p.peak_qps > 0.0 => {
            let most = (24.0 * p.avg_qps / p.peak_qps).clamp(row.min, row.max);
            clamped |= p.peak_hours_per_day > most;
            p.peak_hours_per_day = p.peak_hours_per_day.min(most);
        }
        _ => {}
    }
    clamped
}

/// The cohort counts scaled to `total` customers in all, by largest remainder: each cohort
/// gets `floor(count x total / current)`, and the customers left over go one each to the
/// cohorts with the largest remainders (the earlier cohort on a tie), so the counts keep their
/// proportions and add up to `total`. Unchanged without customers.
///
/// ```
/// use headroom::model::sensitivity::scaled_counts;
/// assert_eq!(scaled_counts(&[1, 1, 1, 7], 8), [1, 1, 1, 5]); // 0.8, 0.8, 0.8, 5.6
/// assert_eq!(scaled_counts(&[1, 1, 1, 7], 12), [1, 1, 1, 9]);
/// assert_eq!(scaled_counts(&[0, 0], 5), [0, 0]);
/// ```
pub fn scaled_counts(counts: &[u32], total: u32) -> Vec<u32> {
    let current: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    if current == 0 {
        return counts.to_vec();
    }
    let target = u64::from(total);
    let mut out: Vec<u32> = counts.iter().map(|&c| (u64::from(c) * target / current) as u32).collect();
    let mut left = target - out.iter().map(|&c| u64::from(c)).sum::<u64>();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    // Largest remainder first; the sort is stable, so the earlier cohort wins a tie.
    order.sort_by_key(|&i| std::cmp::Reverse(u64::from(counts[i]) * target % current));
    for i in order {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    out
}

/// The customer count an end asks for from `current`: `round(current x factor)` or
/// `round(value)`, within 0 to [`MAX_CUSTOMERS`]; a factor that rounds back to `current` moves
/// it by one customer in its direction, so the move is visible (1 customer at -20% is 0).
fn count_for(current: u64, level: Level) -> u32 {
    let wanted = match level {
        Level::Factor(f) => {
            let n = (current as f64 * f).round();
            if n == current as f64 && f != 1.0 { current as f64 + (f - 1.0).signum() } else { n }
        }
        Level::Value(v) => v.round(),
    };
    wanted.clamp(0.0, f64::from(MAX_CUSTOMERS)) as u32
}

/// One end of a move applied to a copy of `s`: the scenario, the input's value as used, and
/// whether it was clamped.
fn moved(s: &Scenario, key: &str, row: &Field, level: Level) -> Result<(Scenario, f64, bool), Error> {
    let mut out = s.clone();
    if key == CUSTOMERS {
        let current = s.customer_count();
        let total = count_for(current, level);
        let counts: Vec<u32> = s.customers.iter().map(|c| c.count).collect();
        for (c, n) in out.customers.iter_mut().zip(scaled_counts(&counts, total)) {
            c.count = n;
        }
        let asked = match level {
            Level::Factor(f) => current as f64 * f,
            Level::Value(v) => v,
        };
        let used = out.customer_count() as f64;
        return Ok((out, used, used != asked));
    }
    if let Some(field) = key.strip_prefix("customers[].profile.") {
        let typical = mean(s, field);
        let (factor, value) = match level {
            Level::Factor(f) => (Some(f), 0.0),
            Level::Value(v) if typical > 0.0 => (Some(v / typical), v),
            Level::Value(v) => (None, v),
        };
        let mut clamped = false;
        for c in out.customers.iter_mut() {
            clamped |= move_profile(&mut c.profile, field, row, factor, value);
        }
        clamped |= move_profile(&mut out.typical_customer, field, row, factor, value);
        let asked = factor.map_or(value, |f| typical * f);
        let used = mean(&out, field);
        return Ok((out, used, clamped || (used - asked).abs() > 1e-9 * asked.abs()));
    }
    let FieldValue::Number(typical) = s.get(key)? else {
        return Err(Error::single("key", key, "a number field"));
    };
    let wanted = match level {
        Level::Factor(f) => typical * f,
        Level::Value(v) => v,
    };
    let (run, net) = (&s.cloud_run, &s.network);
    let (lo, hi) = match key {
        "cloudRun.serviceTimeP50Ms" => (row.min, row.max.min(run.service_time_p95_ms)),
        "cloudRun.serviceTimeP95Ms" => (row.min.max(run.service_time_p50_ms), row.max),
        "network.cdnCacheableShare" => (row.min, row.max.min(net.cdn_lookup_share)),
        "network.cdnLookupShare" => (row.min.max(net.cdn_cacheable_share), row.max),
        _ => (row.min, row.max),
    };
    let used = wanted.clamp(lo, hi);
    out.set(key, FieldValue::Number(used))?;
    Ok((out, used, used != wanted))
}

/// The field row of `key` and the label and unit a bar shows.
fn row(key: &str) -> Option<(&'static Field, &'static str, &'static str)> {
    let row = FIELDS.iter().find(|f| f.path == key && f.kind != super::fields::Kind::Text)?;
    if !INPUTS.contains(&key) {
        return None;
    }
    Some(if key == CUSTOMERS { (row, "Customers", "customers") } else { (row, row.label, row.unit) })
}

/// [`sensitivity`] with the moves given, e.g. ranges another module knows; at most
/// [`MAX_BARS`] bars, ordered as [`Tornado::bars`] says.
///
/// # Errors
/// Every problem with the scenario, as [`evaluate`] reports them; a key not in [`INPUTS`]
/// (`moves[i].key`), or a level that is not a finite number of at least 0 (`moves[i].low`,
/// `moves[i].high`).
///
/// ```
/// use headroom::model::{evaluate, preset, sensitivity::{Level, Move, sensitivity_with}};
/// let s = preset("phase1-3-customers").unwrap();
/// let egress = Move { key: "customers[].profile.egressGbPerMonth".into(), low: Level::Value(200.0), high: Level::Value(800.0) };
/// let t = sensitivity_with(&s, &[egress]).unwrap();
/// let bar = &t.bars[0];
/// assert_eq!((bar.input_low, bar.input_typical, bar.input_high), (200.0, 400.0, 800.0));
/// let mut high = s.clone();
/// high.customers.iter_mut().for_each(|c| c.profile.egress_gb_per_month = 800.0);
/// high.typical_customer.egress_gb_per_month = 800.0;
/// assert_eq!(bar.monthly_cost_high_cents, evaluate(&high).unwrap().totals.monthly_cost_cents);
/// ```
pub fn sensitivity_with(scenario: &Scenario, moves: &[Move]) -> Result<Tornado, Error> {
    let base = evaluate(scenario)?;
    let mut bars = Vec::with_capacity(moves.len());
    for (i, m) in moves.iter().enumerate() {
        let Some((field, label, unit)) = row(&m.key) else {
            return Err(Error::single(
                format!("moves[{i}].key"),
                m.key.clone(),
                format!("one of {}", INPUTS.join(", ")),
            ));
        };
        for (end, level) in [("low", m.low), ("high", m.high)] {
            let (Level::Factor(x) | Level::Value(x)) = level;
            if !(x.is_finite() && x >= 0.0) {
                return Err(Error::single(
                    format!("moves[{i}].{end}"),
                    super::text::Num(x).to_string(),
                    "a number of 0 or more",
                ));
            }
        }
        let typical = if m.key == CUSTOMERS {
            scenario.customer_count() as f64
        } else if let Some(f) = m.key.strip_prefix("customers[].profile.") {
            mean(scenario, f)
        } else {
            match scenario.get(&m.key)? {
                FieldValue::Number(x) => x,
                _ => 0.0,
            }
        };
        let (low, input_low, clamped_low) = moved(scenario, &m.key, field, m.low)?;
        let (high, input_high, clamped_high) = moved(scenario, &m.key, field, m.high)?;
        let (low, high) = (evaluate(&low)?.totals, evaluate(&high)?.totals);
        let bar = TornadoBar {
            key: m.key.clone(),
            label,
            unit,
            input_low,
            input_typical: typical,
            input_high,
            clamped: clamped_low || clamped_high,
            monthly_cost_low_cents: low.monthly_cost_cents,
            monthly_cost_high_cents: high.monthly_cost_cents,
            gross_margin_low_pct: low.gross_margin_pct,
            gross_margin_high_pct: high.gross_margin_pct,
        };
        let same = |cost: i64, margin: Option<f64>| {
            cost == base.totals.monthly_cost_cents && margin == base.totals.gross_margin_pct
        };
        if !(same(bar.monthly_cost_low_cents, bar.gross_margin_low_pct)
            && same(bar.monthly_cost_high_cents, bar.gross_margin_high_pct))
        {
            bars.push(bar);
        }
    }
    bars.sort_by(|a, b| {
        b.cost_swing_cents()
            .cmp(&a.cost_swing_cents())
            .then(b.margin_swing_pct().total_cmp(&a.margin_swing_pct()))
            .then(a.key.cmp(&b.key))
    });
    bars.truncate(MAX_BARS);
    Ok(Tornado {
        monthly_cost_cents: base.totals.monthly_cost_cents,
        gross_margin_pct: base.totals.gross_margin_pct,
        bars,
    })
}

/// The tornado of the scenario: every input of [`INPUTS`] moved by ±20%
/// ([`default_moves`]), the [`MAX_BARS`] that move the monthly cost most.
///
/// # Errors
/// Every problem with the scenario, as [`evaluate`] reports them.
///
/// ```
/// use headroom::model::{preset, sensitivity::{MAX_BARS, sensitivity}};
/// let t = sensitivity(&preset("phase2-10-customers").unwrap()).unwrap();
/// assert_eq!(t.bars.len(), MAX_BARS);
/// assert!(t.bars.windows(2).all(|w| w[0].cost_swing_cents() >= w[1].cost_swing_cents()));
/// assert!(t.bars.iter().all(|b| b.monthly_cost_low_cents <= t.monthly_cost_cents || b.monthly_cost_high_cents <= t.monthly_cost_cents));
/// ```
pub fn sensitivity(scenario: &Scenario) -> Result<Tornado, Error> {
    sensitivity_with(scenario, &default_moves())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_keep_their_total_and_proportions() {
        for (counts, total) in [(vec![3u32, 5, 2], 8u32), (vec![1, 2, 3], 7), (vec![10], 12), (vec![1, 0, 1], 1)] {
            let out = scaled_counts(&counts, total);
            assert_eq!(out.iter().sum::<u32>(), total, "{counts:?}");
            let current: u32 = counts.iter().sum();
            for (c, n) in counts.iter().zip(&out) {
                let exact = f64::from(*c) * f64::from(total) / f64::from(current);
                assert!((f64::from(*n) - exact).abs() < 1.0, "{counts:?} -> {out:?}");
            }
        }
    }

    #[test]
    fn one_customer_moves_to_zero_and_two() {
        assert_eq!(count_for(1, Level::Factor(0.8)), 0);
        assert_eq!(count_for(1, Level::Factor(1.2)), 2);
        assert_eq!(count_for(10, Level::Factor(0.8)), 8);
        assert_eq!(count_for(3, Level::Factor(1.2)), 4);
        assert_eq!(count_for(10, Level::Factor(1.0)), 10);
    }
}
