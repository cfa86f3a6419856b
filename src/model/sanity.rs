//! Sanity warnings: inputs the model accepts but that imply something implausible, each
//! with the implied figure and the field to show it beside. Warnings, not refusals: the
//! estimate is computed all the same.
//!
//! A warning fires when its figure is strictly beyond its bound; the bound itself is plausible.

use serde::Serialize;

use super::pricebook::{PriceBook, PriceId};
use super::scenario::{CustomerProfile, Scenario};
use super::service::ServiceTime;
use super::text::Num;

/// Plausible mean response sizes, bytes: 0.1 KB to 10 MB.
pub const RESPONSE_BYTES: (f64, f64) = (100.0, 1e7);
/// The most Firestore operations (reads, writes and deletes) a request plausibly makes.
pub const MAX_OPS_PER_REQUEST: f64 = 50.0;
/// The most a cohort's peak QPS per customer plausibly is, as a multiple of the template's.
pub const MAX_PEAK_VS_TYPICAL: f64 = 1000.0;
/// The most a price override plausibly differs from the book, as a factor either way.
pub const MAX_OVERRIDE_FACTOR: f64 = 10.0;

/// One implausible input.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Sanity.ts"))]
pub struct Warning {
    /// The field to show it beside, e.g. `customers[0].profile.egressGbPerMonth`.
    pub path: String,
    /// The implied figure, in `unit`.
    pub figure: f64,
    /// The bound it is beyond, in `unit`.
    pub bound: f64,
    /// The unit of `figure` and `bound`.
    pub unit: &'static str,
    /// One sentence for people, naming the implied figure.
    pub message: String,
}

fn warn(path: String, figure: f64, bound: f64, unit: &'static str, message: String) -> Warning {
    Warning { path, figure, bound, unit, message }
}

/// A profile's warnings; `at` is its path with a trailing dot (`customers[0].profile.`).
fn profile(out: &mut Vec<Warning>, at: &str, p: &CustomerProfile, typical: &CustomerProfile, service_ms: f64) {
    let requests_per_month = p.avg_qps * super::load::SECONDS_PER_MONTH;
    if p.egress_gb_per_month > 0.0 && requests_per_month > 0.0 {
        let bytes = p.egress_gb_per_month * 1e9 / requests_per_month;
        let (low, high) = RESPONSE_BYTES;
        let (bound, side) = if bytes < low { (low, "below 0.1 KB") } else { (high, "above 10 MB") };
        if !(low..=high).contains(&bytes) {
            let m = format!(
                "Egress over requests implies {} KB per response, {side}: check the egress and mean QPS (a unit slip?).",
                Num(bytes / 1e3)
            );
            out.push(warn(format!("{at}egressGbPerMonth"), bytes / 1e3, bound / 1e3, "KB", m));
        }
    }
    if p.cpu_ms_per_request > service_ms {
        let m = format!(
            "{} ms of CPU per request is above the {} ms mean service time: a request cannot use more CPU than the time it takes on one vCPU.",
            Num(p.cpu_ms_per_request),
            Num(service_ms)
        );
        out.push(warn(format!("{at}cpuMsPerRequest"), p.cpu_ms_per_request, service_ms, "ms", m));
    }
    if typical.peak_qps > 0.0 && p.peak_qps > MAX_PEAK_VS_TYPICAL * typical.peak_qps {
        let ratio = p.peak_qps / typical.peak_qps;
        let m = format!(
            "Peak {} QPS per customer is {}x the typical customer's {} QPS: check the unit (per customer, not all customers).",
            Num(p.peak_qps),
            Num(ratio.round()),
            Num(typical.peak_qps)
        );
        out.push(warn(format!("{at}peakQps"), ratio, MAX_PEAK_VS_TYPICAL, "x typical", m));
    }
    let ops = p.firestore_reads_per_day + p.firestore_writes_per_day + p.firestore_deletes_per_day;
    if p.avg_qps > 0.0 && ops / (p.avg_qps * 86_400.0) > MAX_OPS_PER_REQUEST {
        let per = ops / (p.avg_qps * 86_400.0);
        let m = format!(
            "Firestore reads, writes and deletes imply {} operations per request (above {}): check the daily counts against the mean QPS.",
            Num((per * 10.0).round() / 10.0),
            Num(MAX_OPS_PER_REQUEST)
        );
        out.push(warn(format!("{at}firestoreReadsPerDay"), per, MAX_OPS_PER_REQUEST, "operations per request", m));
    }
}

/// Every sanity warning of the scenario: each cohort's profile and the template's, then the
/// price overrides. A scenario that fails validation may give warnings too (they read the
/// inputs only).
///
/// ```
/// let mut s = headroom::model::preset("week9-baseline").unwrap();
/// assert!(headroom::model::sanity::warnings(&s).is_empty());
/// s.set("customers[0].profile.egressGbPerMonth", headroom::model::FieldValue::Number(400_000.0)).unwrap();
/// let w = headroom::model::sanity::warnings(&s);
/// assert_eq!(w[0].path, "customers[0].profile.egressGbPerMonth");
/// // 400,000 GB over 15 QPS x 2,628,000 s: 10,147 KB a response, above 10 MB.
/// assert!((w[0].figure - 400_000e6 / (15.0 * 2_628_000.0)).abs() < 1e-9);
/// ```
pub fn warnings(scenario: &Scenario) -> Vec<Warning> {
    let run = &scenario.cloud_run;
    let service_ms = ServiceTime::from_percentiles_ms(run.service_time_p50_ms, run.service_time_p95_ms).mean_s() * 1e3;
    let typical = &scenario.typical_customer;
    let mut out = Vec::new();
    for (i, c) in scenario.customers.iter().enumerate() {
        profile(&mut out, &format!("customers[{i}].profile."), &c.profile, typical, service_ms);
    }
    profile(&mut out, "typicalCustomer.", typical, typical, service_ms);
    if let Ok(book) = PriceBook::find(&scenario.price_book) {
        for (key, value) in scenario.price_overrides.iter() {
            let Some(id) = PriceId::from_id(key) else { continue };
            let entry = book.entry(id);
            let factor = if entry.value > 0.0 && value > 0.0 { value / entry.value } else { continue };
            if factor.max(1.0 / factor) > MAX_OVERRIDE_FACTOR {
                let m = format!(
                    "The override {} is {}x the book's {} ({}): check the unit ({}).",
                    Num(value),
                    Num((factor * 100.0).round() / 100.0),
                    Num(entry.value),
                    entry.label,
                    entry.unit
                );
                let bound = if factor > 1.0 { MAX_OVERRIDE_FACTOR } else { 1.0 / MAX_OVERRIDE_FACTOR };
                out.push(warn(format!("priceOverrides.{key}"), factor, bound, "x the book", m));
            }
        }
    }
    out
}
