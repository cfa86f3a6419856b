//! A small scenario whose figures are easy to work out by hand.
#![allow(dead_code)] // each test file uses a different part

use headroom::model::*;

/// Seconds in a 730-hour month.
pub const MONTH_S: f64 = 730.0 * 3600.0;
/// Days in a 730-hour month.
pub const MONTH_DAYS: f64 = 730.0 / 24.0;
/// GiB in a decimal GB.
pub const GIB_PER_GB: f64 = 1e9 / 1_073_741_824.0;

/// One customer at a flat 10 QPS all day, 100 ms per request every time (p50 = p95, so the
/// lognormal is a point mass; no p99), 10 vCPU-ms each, one region, free tiers off.
pub fn flat() -> Scenario {
    let mut s = preset("week9-baseline").unwrap();
    s.customers = vec![Cohort::new(
        "Flat",
        1,
        CustomerProfile {
            peak_qps: 10.0,
            avg_qps: 10.0,
            peak_hours_per_day: 24.0,
            firestore_reads_per_day: 100_000.0,
            firestore_writes_per_day: 50_000.0,
            firestore_deletes_per_day: 10_000.0,
            stored_gb: 10.0,
            egress_gb_per_month: 2_000.0,
            acv_usd: 120_000.0,
            cpu_ms_per_request: 10.0,
        },
    )];
    let run = &mut s.cloud_run;
    (run.vcpu, run.memory_gib, run.min_instances, run.max_instances) = (1.0, 1.0, 0, 10);
    (run.max_concurrency, run.target_utilization) = (80, 0.6);
    (run.service_time_p50_ms, run.service_time_p95_ms, run.service_time_p99_ms) = (100.0, 100.0, 0.0);
    s.firestore.backup_retention_days = 0;
    s.operations.free_tiers = false;
    s.operations.log_bytes_per_request = 0.0;
    s
}

/// The amount in cents of the line labelled `label`, if there is one.
pub fn line(e: &Estimate, label: &str) -> Option<i64> {
    e.line_items.iter().find(|l| l.label == label).map(|l| l.amount_cents)
}

/// USD to cents, half away from zero, as the model rounds each line.
pub fn cents(usd: f64) -> i64 {
    (usd * 100.0).round() as i64
}

/// The integral of `f` from `a` to `b` by Simpson's rule with 4,000 panels.
fn simpson(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    let n = 4000;
    let h = (b - a) / f64::from(n);
    let weight = |k: u32| {
        if k == 0 || k == n {
            1.0
        } else if k % 2 == 1 {
            4.0
        } else {
            2.0
        }
    };
    (0..=n).map(|k| weight(k) * f(a + f64::from(k) * h)).sum::<f64>() * h / 3.0
}

/// `P(S + W > t)` for a lognormal service time `S` (median `median_s`, log-sd `sigma`) and an
/// independent wait `W`: 0 with probability `1 - c`, else exponential at `rate` 1/s. By
/// Simpson's rule over `z = ln(S / median) / sigma` from -10 to 10: independent of the model's
/// trapezoid quadrature.
pub fn lognormal_plus_wait_exceedance(t: f64, median_s: f64, sigma: f64, c: f64, rate: f64) -> f64 {
    let phi = |z: f64| (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let z_t = ((t / median_s).ln() / sigma).min(10.0);
    // P(S > t), then P(S <= t, W > t - S).
    let survival = simpson(phi, z_t, 10.0);
    let waits = |z: f64| phi(z) * (-rate * (t - median_s * (sigma * z).exp())).exp();
    if z_t <= -10.0 { survival } else { survival + c * simpson(waits, -10.0, z_t) }
}

/// The `p` quantile of a distribution with exceedance `exceed` (decreasing), by bisection
/// between 0 and 100 s.
pub fn quantile(exceed: impl Fn(f64) -> f64, p: f64) -> f64 {
    let (mut lo, mut hi) = (0.0_f64, 100.0_f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if exceed(mid) > 1.0 - p { lo = mid } else { hi = mid }
    }
    0.5 * (lo + hi)
}

/// The shifted lognormal through the seed's p50 50, p95 120 and p99 250 ms, worked out here
/// apart from the model: the shift `d` by bisection on `ln((250 - d) / (50 - d)) = (z99 /
/// z95) ln((120 - d) / (50 - d))` (d = 42.9 ms), `sigma = ln((120 - d) / (50 - d)) / z95`
/// (1.449), the lognormal part's median `50 - d`, the mean `d + (50 - d) exp(sigma^2 / 2)`
/// (63.2 ms; the lognormal through p50 and p95 alone has 57.6).
pub struct SeedService {
    pub shift_s: f64,
    pub median_s: f64,
    pub sigma: f64,
    pub mean_s: f64,
}

pub fn seed_service() -> SeedService {
    let (z95, z99) = (1.644_853_626_951_472, 2.326_347_874_040_841);
    let f = |d: f64| ((250.0 - d) / (50.0 - d)).ln() - z99 / z95 * ((120.0 - d) / (50.0 - d)).ln();
    let (mut lo, mut hi) = (0.0, 49.999);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if f(mid) > 0.0 { lo = mid } else { hi = mid }
    }
    let d = 0.5 * (lo + hi);
    let sigma = ((120.0 - d) / (50.0 - d)).ln() / z95;
    assert!((d - 42.9).abs() < 0.05 && (sigma - 1.449).abs() < 1e-3, "d {d}, sigma {sigma}");
    let mean_ms = d + (50.0 - d) * (0.5 * sigma * sigma).exp();
    SeedService { shift_s: d / 1000.0, median_s: (50.0 - d) / 1000.0, sigma, mean_s: mean_ms / 1000.0 }
}
