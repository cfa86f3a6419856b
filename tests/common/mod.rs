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
/// lognormal is a point mass), 10 vCPU-ms each, one region, free tiers off.
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
    (run.service_time_p50_ms, run.service_time_p95_ms) = (100.0, 100.0);
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
