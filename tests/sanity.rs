//! Sanity warnings at their bounds (plausible), just beyond them (warned) and well inside,
//! on the Week 9 baseline: one customer at 15 QPS mean (39,420,000 requests a month, 1,296,000
//! a day), p50 50 ms and p95 120 ms (mean service time 50 e^(σ²/2) = 57.61 ms with
//! σ = ln 2.4 / 1.6449), typical customer peak 45 QPS, Cloud Run requests 0.40 USD a million.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::sanity::{Warning, warnings};
use headroom::model::*;

fn week9() -> Scenario {
    preset("week9-baseline").unwrap()
}

fn fired(s: &Scenario, path: &str) -> Option<Warning> {
    warnings(s).into_iter().find(|w| w.path == path)
}

const P: &str = "customers[0].profile.";

#[test]
fn presets_are_plausible() {
    for id in preset_ids() {
        assert_eq!(warnings(&preset(id).unwrap()), vec![], "{id}");
    }
}

#[test]
fn response_size_outside_a_tenth_of_a_kb_to_10_mb() {
    let path = format!("{P}egressGbPerMonth");
    let with = |gb: f64| {
        let mut s = week9();
        s.customers[0].profile.egress_gb_per_month = gb;
        fired(&s, &path)
    };
    // 10 MB x 39,420,000 requests = 394,200 GB; 100 bytes x 39,420,000 = 3.942 GB.
    assert_eq!(with(394_200.0), None);
    assert_eq!(with(3.942), None);
    assert_eq!(with(400.0), None); // 10.1 KB a response
    let high = with(394_300.0).unwrap();
    assert!((high.figure - 394_300e9 / 39_420_000.0 / 1e3).abs() < 1e-6);
    assert_eq!((high.bound, high.unit), (10_000.0, "KB"));
    assert!(high.message.contains("10002.5"), "{}", high.message);
    let low = with(3.9).unwrap();
    assert!((low.figure - 0.098_934).abs() < 1e-6);
    assert_eq!(low.bound, 0.1);
}

#[test]
fn cpu_per_request_above_the_mean_service_time() {
    let sigma = 2.4_f64.ln() / 1.644_853_626_951_472_2;
    let mean_ms = 50.0 * (sigma * sigma / 2.0).exp();
    assert!((mean_ms - 57.61).abs() < 0.01);
    let with = |ms: f64| {
        let mut s = week9();
        s.customers[0].profile.cpu_ms_per_request = ms;
        fired(&s, &format!("{P}cpuMsPerRequest"))
    };
    assert_eq!(with(mean_ms - 1e-6), None);
    assert_eq!(with(6.0), None);
    let w = with(mean_ms + 1e-6).unwrap();
    assert!((w.bound - mean_ms).abs() < 1e-9);
}

#[test]
fn peak_per_customer_a_thousand_times_the_typicals() {
    let with = |peak: f64| {
        let mut s = week9();
        (s.customers[0].profile.peak_qps, s.customers[0].profile.avg_qps) = (peak, peak / 10.0);
        fired(&s, &format!("{P}peakQps"))
    };
    assert_eq!(with(45_000.0), None); // 1,000 x 45
    assert_eq!(with(450.0), None);
    let w = with(45_100.0).unwrap();
    assert!((w.figure - 45_100.0 / 45.0).abs() < 1e-9);
    assert!(w.message.contains("1002x"), "{}", w.message);
}

#[test]
fn firestore_operations_per_request_above_50() {
    // 50 x 1,296,000 = 64,800,000 a day: 8,000 reads, 4,000 writes and 100 deletes besides.
    let with = |reads: f64| {
        let mut s = week9();
        s.customers[0].profile.firestore_reads_per_day = reads;
        fired(&s, &format!("{P}firestoreReadsPerDay"))
    };
    assert_eq!(with(64_800_000.0 - 4_100.0), None);
    assert_eq!(with(1_000_000.0), None);
    let w = with(64_800_000.0 - 4_100.0 + 1_296.0).unwrap();
    assert!((w.figure - 50.001).abs() < 1e-9);
}

#[test]
fn price_override_ten_times_off_the_book() {
    let with = |usd: f64| {
        let mut s = week9();
        s.price_overrides.set("runRequests", usd);
        fired(&s, "priceOverrides.runRequests")
    };
    for inside in [3.99, 0.0401, 0.5, 0.40] {
        assert_eq!(with(inside), None, "{inside}");
    }
    let high = with(4.01).unwrap();
    assert!((high.figure - 10.025).abs() < 1e-9);
    let low = with(0.0399).unwrap();
    assert!((low.figure - 0.0399 / 0.4).abs() < 1e-12);
    assert_eq!(low.bound, 0.1);
    // The template is checked as well, under its own path.
    let mut s = week9();
    s.typical_customer.cpu_ms_per_request = 100.0;
    assert!(fired(&s, "typicalCustomer.cpuMsPerRequest").is_some());
}
